"""Shared signal basics: the house sample rate, decibels, resampling, fades."""


import numpy as np

SAMPLE_RATE = 44100


def db_to_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def gain_to_db(gain: float) -> float:
    return float(20.0 * np.log10(max(gain, 1e-12)))


def seconds_to_frames(seconds: float, sample_rate: int = SAMPLE_RATE) -> int:
    return int(round(seconds * sample_rate))


def resample(samples: np.ndarray, from_rate: int, to_rate: int = SAMPLE_RATE) -> np.ndarray:
    """`samples` (frames first) resampled from `from_rate` to `to_rate` by libsoxr (its high quality; the same
    length as a polyphase filter gives, and in a sixth of its time: a warm render resamples every sentence)."""
    if from_rate == to_rate or len(samples) == 0:
        return samples.astype(np.float32, copy=True)
    import soxr

    return soxr.resample(np.asarray(samples, np.float32), from_rate, to_rate, quality="HQ")


def raised_cosine(frames: int, rising: bool = True) -> np.ndarray:
    """A smooth 0->1 (or 1->0) ramp of `frames` samples."""
    ramp = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, frames, dtype=np.float64))
    return (ramp if rising else ramp[::-1]).astype(np.float32)

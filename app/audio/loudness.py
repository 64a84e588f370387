"""Loudness (ITU-R BS.1770-4): a streaming meter for rendered audio, and clip normalisation.

BS.1770 needs only the K-weighted energy of each 100 ms segment (its 400 ms blocks are four of them), so each
segment's energy is taken from its spectrum (Parseval) weighted by the K-weighting's response: pyloudnorm's
two biquads (its "K-weighting" filter class, the same coefficients; tests/audio/test_limiter_loudness.py checks
them, and every figure against pyloudnorm itself). A segment is filtered as if it repeated, which differs from
running the filter through by well under 0.01 LU on speech and beds. It costs a third of filtering in time and
does not import scipy.signal (0.8 s at every render's start).
"""

from functools import lru_cache

import numpy as np
import scipy.fft

from app.audio.sampling import SAMPLE_RATE, db_to_gain

ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
SEGMENT_S = 0.1
# K-weighting as two biquads (gain dB, Q, corner Hz): the high shelf of the head, then the RLB high-pass
SHELF = (4.0, 1 / np.sqrt(2), 1500.0)
HIGH_PASS = (0.0, 0.5, 38.0)


def k_weighting(sample_rate: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The (b, a) of the shelf and the high-pass at `sample_rate` (RBJ's cookbook, as pyloudnorm designs them)."""
    filters = []
    for (gain_db, q, corner_hz), shelf in ((SHELF, True), (HIGH_PASS, False)):
        amplitude, w0 = 10 ** (gain_db / 40), 2 * np.pi * corner_hz / sample_rate
        alpha, cos = np.sin(w0) / (2 * q), np.cos(w0)
        if shelf:
            root = 2 * np.sqrt(amplitude) * alpha
            b = [amplitude * ((amplitude + 1) + (amplitude - 1) * cos + root),
                 -2 * amplitude * ((amplitude - 1) + (amplitude + 1) * cos),
                 amplitude * ((amplitude + 1) + (amplitude - 1) * cos - root)]
            a = [(amplitude + 1) - (amplitude - 1) * cos + root, 2 * ((amplitude - 1) - (amplitude + 1) * cos),
                 (amplitude + 1) - (amplitude - 1) * cos - root]
        else:
            b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
            a = [1 + alpha, -2 * cos, 1 - alpha]
        filters.append((np.array(b) / a[0], np.array(a) / a[0]))
    return tuple(filters)


@lru_cache(maxsize=4)
def _bin_weights(sample_rate: int) -> np.ndarray:
    """Per rfft bin of a segment: the K-weighting's power response, scaled so that the weighted sum of a
    segment's power spectrum is its K-weighted mean square (Parseval)."""
    frames = int(SEGMENT_S * sample_rate)
    z = np.exp(-2j * np.pi * np.arange(frames // 2 + 1) / frames)
    power = np.ones(len(z))
    for b, a in k_weighting(sample_rate):
        power *= np.abs(np.polyval(b[::-1], z) / np.polyval(a[::-1], z)) ** 2
    weights = 2 * power / frames ** 2
    weights[0] /= 2
    if frames % 2 == 0:
        weights[-1] /= 2
    return weights.astype(np.float32)


def segment_energies(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """The K-weighted mean square of each whole 100 ms segment of `audio` (frames, or frames x channels), summed
    over the channels."""
    frames = int(SEGMENT_S * sample_rate)
    audio = audio.reshape(len(audio), -1)
    count = len(audio) // frames
    if count == 0:
        return np.zeros(0)
    by_channel = np.ascontiguousarray(audio[: count * frames].T, dtype=np.float32).reshape(audio.shape[1], count, frames)
    spectra = scipy.fft.rfft(by_channel, axis=-1)
    power = np.square(spectra.real)
    power += np.square(spectra.imag)
    return power.sum(axis=0).astype(np.float64) @ _bin_weights(sample_rate).astype(np.float64)


def gated_lufs(segments: np.ndarray, only_segments: list[bool] | None = None) -> float:
    """BS.1770's integrated loudness from segment energies: 400 ms blocks (75% overlap), absolute and relative
    gates; with `only_segments` (one flag per segment), of the blocks that hold at least two flagged segments."""
    if len(segments) < 4:
        return float("-inf")
    blocks = np.convolve(segments, np.ones(4) / 4, mode="valid")
    if only_segments is not None:
        flags = np.zeros(len(segments))
        flags[: min(len(segments), len(only_segments))] = only_segments[: len(segments)]
        blocks = blocks[np.convolve(flags, np.ones(4), mode="valid") >= 2]
    return _gate(blocks)


def _gate(blocks: np.ndarray) -> float:
    loudness = -0.691 + 10 * np.log10(np.maximum(blocks, 1e-12))
    blocks = blocks[loudness > ABSOLUTE_GATE_LUFS]
    if not len(blocks):
        return float("-inf")
    relative = -0.691 + 10 * np.log10(blocks.mean()) + RELATIVE_GATE_LU
    kept = blocks[-0.691 + 10 * np.log10(blocks) > relative]
    return float(-0.691 + 10 * np.log10(kept.mean()))


def clip_loudness(samples: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness of a mono clip; short clips (< 0.4 s) are measured by RMS instead."""
    if len(samples) >= int(0.45 * sample_rate):
        return gated_lufs(segment_energies(samples, sample_rate))
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0
    return 20 * np.log10(max(rms, 1e-9)) - 0.691 + 3.0  # about where K-weighted speech of that RMS reads


def normalise(samples: np.ndarray, sample_rate: int, target_lufs: float) -> np.ndarray:
    loudness = clip_loudness(samples, sample_rate)
    if not np.isfinite(loudness):
        return samples.astype(np.float32, copy=True)
    return (samples * db_to_gain(target_lufs - loudness)).astype(np.float32)


class LoudnessMeter:
    """Integrated loudness of a stereo stream fed block by block, in constant memory per minute of audio."""

    def __init__(self, sample_rate: int = SAMPLE_RATE, channels: int = 2):
        self.sample_rate = sample_rate
        self._pending = np.zeros((0, channels), np.float32)
        self._segments: list[float] = []  # K-weighted mean square per 100 ms segment, summed over channels

    def feed(self, block: np.ndarray) -> None:
        pending = np.concatenate([self._pending, block]) if len(self._pending) else block
        energies = segment_energies(pending, self.sample_rate)
        self._segments.extend(energies.tolist())
        self._pending = pending[len(energies) * int(SEGMENT_S * self.sample_rate):]

    def integrated_lufs(self, only_segments: list[bool] | None = None) -> float:
        """Gated integrated loudness of everything fed so far (-inf when silent); with `only_segments` (one flag per
        100 ms from the start), of the 400 ms blocks that hold at least two flagged segments (e.g. where a voice speaks)."""
        return gated_lufs(np.asarray(self._segments), only_segments)

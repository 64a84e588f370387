"""The voice chain: what each spoken sentence goes through once, before it is cached.

Its silent edges trimmed, the pauses at its commas lengthened (phrasing.py), then a high-pass below the voice,
a split-band de-esser and a gentle presence dip for the 5-8 kHz sibilance, gentle compression, the sentence's
level matched to the others, and short fades at both edges. The final limiter then has almost nothing left to do
(measured in benchmarks/voice_and_bed.py).
"""

import numpy as np

from app.audio.loudness import normalise
from app.audio.phrasing import lengthen_pauses
from app.audio.sampling import raised_cosine

VOICE_LUFS = -17.0
TRIM_THRESHOLD_DB = -40.0
TRIM_KEEP_BEFORE_S = 0.03
TRIM_KEEP_AFTER_S = 0.08

HIGH_PASS_HZ = 80.0
SIBILANCE_BAND_HZ = (4500.0, 9000.0)
DE_ESS_ABOVE_BAND_DB = -3.0  # the sibilance band is compressed above its own average level less this
DE_ESS_RATIO = 4.0
PRESENCE_HZ, PRESENCE_DB, PRESENCE_Q = 6500.0, -1.8, 0.8
COMPRESS_AT_LUFS = -20.0  # the sentence is brought here before compression, so the threshold means the same for all
COMPRESS_THRESHOLD_DB, COMPRESS_RATIO = -28.0, 3.0
COMPRESS_ATTACK_MS, COMPRESS_RELEASE_MS = 1.0, 100.0
EDGE_FADE_S = 0.008


def spoken_sentence(samples: np.ndarray, sample_rate: int, text: str) -> np.ndarray:
    """What the engine said for `text`, ready to cache: trimmed, phrased and through the chain at VOICE_LUFS."""
    return finish_voice(lengthen_pauses(trim_silence(samples, sample_rate), sample_rate, text), sample_rate, VOICE_LUFS)


def trim_silence(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """`samples` without leading and trailing silence (below -40 dB of the peak), keeping short margins."""
    if not len(samples):
        return samples
    peak = float(np.max(np.abs(samples)))
    if peak == 0.0:
        return samples[:0]
    loud = np.flatnonzero(np.abs(samples) > peak * 10 ** (TRIM_THRESHOLD_DB / 20))
    start = max(0, loud[0] - int(TRIM_KEEP_BEFORE_S * sample_rate))
    end = min(len(samples), loud[-1] + 1 + int(TRIM_KEEP_AFTER_S * sample_rate))
    return samples[start:end]


def finish_voice(samples: np.ndarray, sample_rate: int, target_lufs: float) -> np.ndarray:
    """One spoken sentence (mono float32) through the chain, at `target_lufs`."""
    import pedalboard

    if len(samples) < sample_rate // 20:  # too short to treat: only levelled
        return normalise(samples, sample_rate, target_lufs)
    voice = pedalboard.HighpassFilter(HIGH_PASS_HZ)(samples.astype(np.float32), sample_rate)
    from scipy.signal import butter, sosfiltfilt  # only when speech is made: a warm render never loads it

    band = sosfiltfilt(butter(2, SIBILANCE_BAND_HZ, "band", fs=sample_rate, output="sos"), voice).astype(np.float32)
    band_db = 10 * np.log10(np.mean(np.square(band, dtype=np.float64)) + 1e-12)
    tamed = pedalboard.Compressor(threshold_db=float(band_db + DE_ESS_ABOVE_BAND_DB), ratio=DE_ESS_RATIO,
                                  attack_ms=1.0, release_ms=40.0)(band, sample_rate)
    voice = pedalboard.PeakFilter(PRESENCE_HZ, PRESENCE_DB, PRESENCE_Q)(voice - band + tamed, sample_rate)
    voice = pedalboard.Compressor(threshold_db=COMPRESS_THRESHOLD_DB, ratio=COMPRESS_RATIO, attack_ms=COMPRESS_ATTACK_MS,
                                  release_ms=COMPRESS_RELEASE_MS)(normalise(voice, sample_rate, COMPRESS_AT_LUFS), sample_rate)
    voice = normalise(voice, sample_rate, target_lufs)
    edge = min(int(EDGE_FADE_S * sample_rate), len(voice) // 2)
    voice[:edge] *= raised_cosine(edge)
    voice[len(voice) - edge:] *= raised_cosine(edge, rising=False)
    return voice

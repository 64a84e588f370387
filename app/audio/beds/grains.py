"""Noise with a chosen spectrum that changes over time, made from grains: each grain is a random spectrum
(random signs on a given magnitude) turned into sound by an inverse FFT, with short sine/cosine tapers where
it overlaps its neighbours. Independent grains under power-complementary tapers keep the power steady across
each join, and the short overlap keeps the cost near one inverse FFT per output frame.
Grain `g` covers frames [g * HOP, g * HOP + GRAIN) and is random by its index alone."""

import numpy as np

from app.audio.beds.randomness import _mix
from app.audio.sampling import SAMPLE_RATE

GRAIN = 8192
TAPER = 1024  # 23 ms joins
HOP = GRAIN - TAPER  # 7168 frames, 163 ms: the spectrum can change every hop
BINS = GRAIN // 2 + 1
FREQUENCIES_HZ = np.fft.rfftfreq(GRAIN, 1 / SAMPLE_RATE).astype(np.float32)
_WINDOW = np.ones(GRAIN, np.float32)
_WINDOW[:TAPER] = np.sin(np.pi / 2 * (np.arange(TAPER) + 0.5) / TAPER)
_WINDOW[-TAPER:] = _WINDOW[:TAPER][::-1]
_WORDS = (BINS + 31) // 32  # a hashed 64-bit word holds the phases of 32 bins, 2 bits each
_PHASES = np.array([1 + 1j, 1 - 1j, -1 + 1j, -1 - 1j], np.complex64) / np.float32(np.sqrt(2))
_BYTE_PHASES = _PHASES[(np.arange(256)[:, None] >> np.array([0, 2, 4, 6])) & 3]  # a byte's four bins


def grain_centres_s(first_segment: int, segments: int) -> np.ndarray:
    """The centre time of each grain that `noise(…, first_segment, segments, …)` needs, in seconds."""
    return (np.arange(first_segment - 1, first_segment + segments) * HOP + GRAIN / 2) / SAMPLE_RATE


def _signs(key: int, grains: np.ndarray) -> np.ndarray:
    """A random unit phase per bin of each grain, (grains, BINS) complex64, from 2 hashed bits per bin."""
    with np.errstate(over="ignore"):
        words = (grains.astype(np.uint64)[:, None] * np.uint64(_WORDS) + np.arange(_WORDS, dtype=np.uint64)
                 + np.uint64(key))
    return _BYTE_PHASES[_mix(words).view(np.uint8)].reshape(len(grains), -1)[:, :BINS]


def stereo_noise(key: int, first_segment: int, segments: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Noise for `segments` segments from segment `first_segment` on (segment s = frames [s * HOP, (s + 1) *
    HOP)), (segments * HOP, 2) float32. `left` and `right` hold one magnitude spectrum (BINS values, amplitude
    per bin) per grain: `segments + 1` rows, as `grain_centres_s` lists them (the first is the grain before, whose
    tail overlaps). The right channel takes the left's random phases in reverse order of frequency: a different
    phase at every frequency, so the two are uncorrelated, for one draw of randomness."""
    grains = np.arange(first_segment - 1, first_segment + segments)
    signs = _signs(key, grains)
    spectra = np.empty((2, len(grains), BINS), np.complex64)
    np.multiply(signs, left, out=spectra[0])
    np.multiply(signs[:, ::-1], right, out=spectra[1])
    audio = np.fft.irfft(spectra, n=GRAIN, axis=2)
    audio *= _WINDOW * np.float32(np.sqrt(GRAIN))  # unit magnitude everywhere gives unit-variance noise
    audio[:, 1:, :TAPER] += audio[:, :-1, HOP:]
    out = np.empty((segments, HOP, 2), np.float32)
    out[:, :, 0], out[:, :, 1] = audio[0, 1:, :HOP], audio[1, 1:, :HOP]
    return out.reshape(-1, 2)

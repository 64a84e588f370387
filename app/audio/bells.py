"""Bells synthesised from their modes (modal synthesis), not samples.

Each mode rings as a pair of close components of unequal strength, so it shimmers without ever falling silent
(a second component at `pair` of the first swings the mode by 20 log10((1 + pair) / (1 - pair)) dB: at most
10 dB for pair <= 0.52). A strike adds a short bright mallet noise; the gong's upper modes bloom after it.
A mode's sound is made in 64-frame blocks as one matrix product, as the drone is: quick enough to make at once.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE, db_to_gain, raised_cosine
from app.session.pacing import BELL_TIMING_S

BLOCK = 64
PRODUCT_ROWS = 256  # keeps OpenBLAS to one thread (see beds/tonal.py)
LN_1000 = 6.908  # a fall of 60 dB


@dataclass(frozen=True)
class Mode:
    ratio: float  # to the bell's fundamental
    amplitude: float
    t60_s: float  # the time for the mode to fall by 60 dB
    beat_hz: float = 0.0  # how far apart the pair is
    pair: float = 0.0  # the second component's strength against the first
    bloom_s: float = 0.0  # rises over this after the strike (a gong's upper modes)


@dataclass(frozen=True)
class BellDesign:
    fundamental_hz: float
    modes: tuple[Mode, ...]
    length_s: float
    mallet: float  # the strike's noise against the fundamental's peak
    mallet_s: float = 0.004  # how quickly the mallet's noise dies away


def _modes(ratios, amplitudes, t60s, beats=None, pair=0.0, blooms=None) -> tuple[Mode, ...]:
    beats = beats or [0.0] * len(ratios)
    blooms = blooms or [0.0] * len(ratios)
    return tuple(Mode(r, a, t, b, pair if b else 0.0, s)
                 for r, a, t, b, s in zip(ratios, amplitudes, t60s, beats, blooms, strict=True))


DESIGNS: dict[str, BellDesign] = {
    "bowl": BellDesign(196.0, _modes(
        (1.0, 2.71, 5.13, 8.27, 12.1, 16.5, 3.94, 6.58, 10.1, 14.3),
        (1.0, 0.55, 0.28, 0.14, 0.07, 0.04, 0.06, 0.05, 0.03, 0.02),
        (26, 18, 12, 8, 5.5, 4, 9, 6, 4.5, 3),
        (0.7, 1.3, 2.1, 2.9, 3.6, 4.2, 1.7, 2.5, 3.3, 3.9), pair=0.4), 28.0, 0.06),
    "chime": BellDesign(1046.5, _modes(
        (1.0, 2.756, 5.404, 8.933, 13.34, 18.64, 3.93, 7.1),
        (1.0, 0.35, 0.15, 0.05, 0.025, 0.012, 0.04, 0.03),
        (5.0, 2.5, 1.2, 0.7, 0.4, 0.25, 0.8, 0.6),
        (0.3, 0.8, 1.4, 2.0, 2.6, 3.1, 0.5, 1.1), pair=0.3), 6.0, 0.5, 0.005),
    "gong": BellDesign(98.0, _modes(
        (1.0, 1.52, 2.16, 2.61, 3.4, 4.37, 5.2, 6.1, 7.3, 8.7, 10.2, 12.5),
        (1.0, 0.7, 0.5, 0.4, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1),
        (14, 12, 10, 9, 8, 7, 6, 5.5, 5, 4, 3.5, 3),
        (0.5, 0.7, 0.4, 1.1, 0.9, 1.3, 1.6, 1.9, 2.3, 2.6, 2.9, 3.3), pair=0.45,
        blooms=(0, 0, 0, 0, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8)), 16.0, 0.08, 0.006),
    "woodblock": BellDesign(720.0, _modes(
        (1.0, 2.45, 3.8, 5.1, 6.9, 8.6, 1.62, 4.4),
        (1.0, 0.4, 0.2, 0.12, 0.08, 0.05, 0.15, 0.1),
        (0.25, 0.15, 0.1, 0.08, 0.06, 0.05, 0.12, 0.08)), 0.4, 0.12, 0.002),
}
REFERENCE_LUFS = -17.0  # a bell at gain 0 dB is as loud as the voice


def _components(design: BellDesign, rng) -> list[tuple[float, float, float, float]]:
    """(frequency Hz, amplitude, decay per second, phase) of every damped sine the bell is the sum of."""
    parts = []
    for mode in design.modes:
        hz = design.fundamental_hz * mode.ratio
        decay = LN_1000 / mode.t60_s
        pairs = [(hz, 1.0)] + ([(hz + mode.beat_hz, mode.pair)] if mode.pair else [])
        for frequency, share in pairs:
            if frequency >= SAMPLE_RATE / 2:
                continue
            phase = rng.uniform(0, 2 * np.pi)
            parts.append((frequency, mode.amplitude * share, decay, phase))
            if mode.bloom_s:  # (1 - e^(-t / bloom)) e^(-decay t): the same sine less a quicker one
                parts.append((frequency, -mode.amplitude * share, decay + 1 / mode.bloom_s, phase))
    return parts


def _ring(parts, frames: int) -> np.ndarray:
    """The sum of damped sines, by blocks: e^(-d(X + b)) sin(w(X + b) + p) from the block start X and b within."""
    blocks = -(-frames // BLOCK)
    starts = np.arange(blocks)[:, None] * BLOCK / SAMPLE_RATE
    within = np.arange(BLOCK)[None, :] / SAMPLE_RATE
    hz, amplitude, decay, phase = (np.array(v)[None, :] for v in zip(*parts, strict=True))
    at_start = amplitude * np.exp(-decay * starts)
    angle = 2 * np.pi * hz * starts + phase
    columns = np.concatenate([at_start * np.sin(angle), at_start * np.cos(angle)], axis=1).astype(np.float32)
    rows = np.concatenate([np.exp(-decay.T * within) * np.cos(2 * np.pi * hz.T * within),
                           np.exp(-decay.T * within) * np.sin(2 * np.pi * hz.T * within)]).astype(np.float32)
    out = np.empty((blocks, BLOCK), np.float32)
    for first in range(0, blocks, PRODUCT_ROWS):
        np.matmul(columns[first: first + PRODUCT_ROWS], rows, out=out[first: first + PRODUCT_ROWS])
    return out.reshape(-1)[:frames].astype(np.float64)


@lru_cache(maxsize=16)
def strike(name: str) -> np.ndarray:
    """One strike of the built-in bell `name`, mono float32 at 44.1 kHz, loudness-normalised."""
    design = DESIGNS[name]
    frames = int(design.length_s * SAMPLE_RATE)
    rng = np.random.default_rng(7)
    out = _ring(_components(design, rng), frames)
    burst = int(0.03 * SAMPLE_RATE)
    mallet = np.diff(rng.standard_normal(burst + 1)) * np.exp(-np.arange(burst) / (design.mallet_s * SAMPLE_RATE))
    out[:burst] += design.mallet * mallet / np.abs(mallet).max()
    attack = int(0.002 * SAMPLE_RATE)
    out[:attack] *= raised_cosine(attack)
    tail = int(min(0.5, design.length_s / 8) * SAMPLE_RATE)
    out[-tail:] *= raised_cosine(tail, rising=False)
    first_second = out[: min(frames, SAMPLE_RATE)]
    result = (out * db_to_gain(REFERENCE_LUFS - clip_loudness(first_second, SAMPLE_RATE))).astype(np.float32)
    result.setflags(write=False)
    return result


def strikes(name: str, count: int = 1, gain_db: float = 0.0) -> np.ndarray:
    """`count` strikes of `name`, each ringing on under the next (overlapping decays)."""
    one = strike(name)
    spacing = int(BELL_TIMING_S[name][0] * SAMPLE_RATE)
    out = np.zeros(len(one) + spacing * (count - 1), np.float32)
    for index in range(count):
        out[index * spacing: index * spacing + len(one)] += one
    return out * db_to_gain(gain_db)

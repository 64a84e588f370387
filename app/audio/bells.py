"""Bells synthesised from damped, slowly beating partials (modal synthesis), not samples."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE, db_to_gain, raised_cosine
from app.session.pacing import BELL_TIMING_S


@dataclass(frozen=True)
class Partial:
    frequency_hz: float
    amplitude: float
    decay_s: float  # time for the partial to fall by 60 dB
    beat_hz: float = 0.0  # two components this far apart make the slow "wah" of a bowl


@dataclass(frozen=True)
class BellDesign:
    partials: tuple[Partial, ...]
    length_s: float
    noise_burst: float = 0.0  # share of a short mallet noise at the strike


def _modes(f0: float, ratios, amplitudes, decays, beats) -> tuple[Partial, ...]:
    return tuple(Partial(f0 * r, a, d, b) for r, a, d, b in zip(ratios, amplitudes, decays, beats, strict=True))


DESIGNS: dict[str, BellDesign] = {
    "bowl": BellDesign(_modes(196.0, (1.0, 2.71, 5.13, 8.27), (1.0, 0.55, 0.25, 0.12), (14, 9, 5, 3),
                              (0.9, 1.7, 2.3, 3.1)), 16.0),
    "chime": BellDesign(_modes(1046.5, (1.0, 2.756, 5.404), (1.0, 0.35, 0.15), (4.0, 1.5, 0.6),
                               (0.3, 0.0, 0.0)), 5.0),
    "gong": BellDesign(_modes(98.0, (1.0, 1.52, 2.16, 2.61, 3.4, 4.37), (1.0, 0.7, 0.5, 0.4, 0.3, 0.2),
                              (12, 10, 8, 6, 5, 4), (0.5, 0.7, 0.4, 1.1, 0.9, 1.3)), 14.0, 0.05),
    "woodblock": BellDesign(_modes(720.0, (1.0, 2.45), (1.0, 0.4), (0.25, 0.15), (0.0, 0.0)), 0.4, 0.15),
}
REFERENCE_LUFS = -17.0  # a bell at gain 0 dB is as loud as the voice


@lru_cache(maxsize=16)
def strike(name: str) -> np.ndarray:
    """One strike of the built-in bell `name`, mono float32 at 44.1 kHz, loudness-normalised."""
    design = DESIGNS[name]
    frames = int(design.length_s * SAMPLE_RATE)
    t = np.arange(frames) / SAMPLE_RATE
    rng = np.random.default_rng(7)
    out = np.zeros(frames)
    for p in design.partials:
        envelope = p.amplitude * np.exp(-6.908 * t / p.decay_s)  # ln(1000): -60 dB at decay_s
        phase = rng.uniform(0, 2 * np.pi)
        if p.beat_hz:
            pair = np.sin(2 * np.pi * (p.frequency_hz - p.beat_hz / 2) * t + phase)
            pair += np.sin(2 * np.pi * (p.frequency_hz + p.beat_hz / 2) * t + phase)
            out += envelope * pair * 0.5
        else:
            out += envelope * np.sin(2 * np.pi * p.frequency_hz * t + phase)
    if design.noise_burst:
        burst = int(0.03 * SAMPLE_RATE)
        out[:burst] += design.noise_burst * rng.standard_normal(burst) * np.exp(-np.arange(burst) / (0.005 * SAMPLE_RATE))
    attack = int(0.002 * SAMPLE_RATE)
    out[:attack] *= raised_cosine(attack)
    tail = int(0.05 * SAMPLE_RATE)
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

"""Soft cue tones for breathing: rising for inhale, falling for exhale, quiet and steady for holds.

A tone is warm rather than bare: a few soft harmonics (the octave at -12 dB, the twelfth at -22 dB, the double
octave at -30 dB) and a quieter twin 0.7 Hz above, so it breathes a little as it glides."""

import numpy as np

from app.audio.sampling import SAMPLE_RATE, db_to_gain, raised_cosine

LOW_HZ = 261.6
HIGH_HZ = 392.0
HOLD_HZ = 329.6
ATTACK_S = 0.012
PIP_S = 0.12
PIP_GAP_S = 0.1
REFERENCE_GAIN_DB = -13.0  # peak of a glide at gain 0 dB: under a voice (gain 0.5) the cues measure 10 LU below it
HARMONICS = ((1, 1.0), (2, 0.25), (3, 0.08), (4, 0.03))  # (multiple, amplitude)
TWIN_HZ, TWIN_LEVEL = 0.7, 0.3


def glide(start_hz: float, end_hz: float, seconds: float, level_db: float = 0.0) -> np.ndarray:
    """A warm tone (see the module) gliding from `start_hz` to `end_hz`, with a short attack and a gentle fade."""
    frames = max(int(seconds * SAMPLE_RATE), 2)
    frequency = np.linspace(start_hz, end_hz, frames)
    phase = 2 * np.pi * np.cumsum(frequency) / SAMPLE_RATE
    twin = phase + 2 * np.pi * TWIN_HZ * np.arange(frames) / SAMPLE_RATE
    tone = sum(level * (np.sin(k * phase) + TWIN_LEVEL * np.sin(k * twin)) for k, level in HARMONICS)
    envelope = np.ones(frames)
    attack = min(int(ATTACK_S * SAMPLE_RATE), frames // 2)
    release = min(int(0.3 * SAMPLE_RATE), frames // 2)
    envelope[:attack] = raised_cosine(attack)
    envelope[-release:] = raised_cosine(release, rising=False)
    envelope *= np.linspace(1.0, 0.6, frames)  # a breath tone softens as it goes
    peak = sum(level for _, level in HARMONICS) * (1 + TWIN_LEVEL)
    return (tone * envelope * db_to_gain(REFERENCE_GAIN_DB + level_db) / peak).astype(np.float32)


def cue(phase: str, seconds: float, eyes_closed: bool = False) -> np.ndarray:
    """The tone for one breathing phase (`inhale`, `top-up`, `hold`, `exhale`) lasting `seconds`.

    With `eyes_closed`, the exhale starts with a double pip so in and out can be told apart by ear.
    """
    if phase in ("inhale", "top-up"):
        start = HIGH_HZ if phase == "top-up" else LOW_HZ
        return glide(start, HIGH_HZ * (1.12 if phase == "top-up" else 1.0), seconds)
    if phase == "hold":
        return glide(HOLD_HZ, HOLD_HZ, seconds, level_db=-12.0)
    if phase != "exhale":
        raise ValueError(f"unknown breathing phase {phase!r}")
    tone = glide(HIGH_HZ, LOW_HZ, seconds)
    if eyes_closed:
        pip = glide(HIGH_HZ * 1.5, HIGH_HZ * 1.5, PIP_S, level_db=-3.0)
        second = int((PIP_S + PIP_GAP_S) * SAMPLE_RATE)
        tone = tone.copy()
        tone[: len(pip)] += pip
        tone[second: second + len(pip)] += pip[: max(0, len(tone) - second)]
    return tone


def panned(mono: np.ndarray, pan: float) -> np.ndarray:
    """`mono` as stereo, placed at `pan` (-1 left .. 1 right) with equal power."""
    angle = (pan + 1) * np.pi / 4
    return np.stack([mono * np.cos(angle), mono * np.sin(angle)], axis=1).astype(np.float32) * np.sqrt(2)

"""Event templates, made once: ringing bubbles, bright taps, chirps and calls. Every template rises over a
fraction of a millisecond and ends at zero, so no event clicks. Within a bank every template has the same
steepest step (a high, thin sound is not allowed to be steeper than a low one: a bed's steepest moment stays
near its typical ones), and the loudest template peaks at 1."""

import numpy as np

from app.audio.sampling import SAMPLE_RATE

ATTACK_S = 0.0004


def _edges(shapes: np.ndarray, attack_s: float = ATTACK_S) -> np.ndarray:
    frames = shapes.shape[1]
    rise = max(2, int(attack_s * SAMPLE_RATE))
    shapes[:, :rise] *= 0.5 - 0.5 * np.cos(np.pi * np.arange(rise) / rise)
    tail = frames // 8
    shapes[:, -tail:] *= np.linspace(1, 0, tail)
    shapes /= np.abs(np.diff(shapes, axis=1)).max(axis=1, keepdims=True)
    return (shapes / np.abs(shapes).max()).astype(np.float32)


def bubbles(count: int, frames: int, low_hz: float, high_hz: float, decay_s: tuple[float, float],
            rise: tuple[float, float], seed: int) -> np.ndarray:
    """`count` ringing bubbles (a damped sine whose pitch rises as the bubble nears the surface), pitches
    spread evenly on a log scale from `low_hz` to `high_hz`, (count, frames)."""
    rng = np.random.default_rng(seed)
    t = np.arange(frames) / SAMPLE_RATE
    f0 = np.geomspace(low_hz, high_hz, count)[:, None]
    tau = rng.uniform(*decay_s, (count, 1))
    climb = rng.uniform(*rise, (count, 1))
    phase = 2 * np.pi * np.cumsum(f0 * (1 + climb * t / t[-1]), axis=1) / SAMPLE_RATE
    return _edges(np.sin(phase) * np.exp(-t / tau))


def taps(count: int, frames: int, decay_s: float, seed: int, brightness: int = 1,
         attack_s: float = ATTACK_S) -> np.ndarray:
    """`count` short noise taps (a hard impact, a crackle), (count, frames).
    `brightness` 1 or 2 differentiates the noise that many times (a crackle); 0 leaves it white; below 0 averages
    it over 1 - brightness samples (a duller knock)."""
    rng = np.random.default_rng(seed)
    t = np.arange(frames) / SAMPLE_RATE
    noise = rng.standard_normal((count, frames + abs(brightness)))
    if brightness > 0:
        noise = np.diff(noise, n=brightness, axis=1)
    elif brightness < 0:
        width = 1 - brightness
        noise = np.cumsum(noise, axis=1)
        noise = (noise[:, width - 1:] - np.concatenate([np.zeros((count, 1)), noise[:, :-width]], axis=1))[:, :frames]
    return _edges(noise[:, :frames] * np.exp(-t / decay_s), attack_s)


def sweeps(count: int, seconds: float, start_hz: tuple[float, float], end_hz: tuple[float, float],
           vibrato_hz: float, vibrato_depth: float, seed: int, notes: int = 1, gap_s: float = 0.0) -> np.ndarray:
    """`count` whistled calls: `notes` notes, each a sine swept from `start_hz` to `end_hz` (ranges, drawn per
    call) with a vibrato, under a smooth swell, `gap_s` apart. (count, frames)."""
    rng = np.random.default_rng(seed)
    note_frames = int(seconds * SAMPLE_RATE)
    gap = int(gap_s * SAMPLE_RATE)
    frames = notes * note_frames + (notes - 1) * gap
    out = np.zeros((count, frames))
    t = np.arange(note_frames) / SAMPLE_RATE
    swell = np.sin(np.pi * t / seconds) ** 1.5
    for index in range(count):
        a, b = rng.uniform(*start_hz), rng.uniform(*end_hz)
        for note in range(notes):
            drift = 1 + 0.04 * rng.standard_normal()
            hz = (a + (b - a) * t / seconds) * drift * (1 + vibrato_depth * np.sin(2 * np.pi * vibrato_hz * t))
            tone = np.sin(2 * np.pi * np.cumsum(hz) / SAMPLE_RATE) + 0.15 * np.sin(4 * np.pi * np.cumsum(hz) / SAMPLE_RATE)
            at = note * (note_frames + gap)
            out[index, at: at + note_frames] = tone * swell * rng.uniform(0.7, 1.0)
    return _edges(out)


def pulses(count: int, carrier_hz: tuple[float, float], pulse_s: float, spacing_s: float, per_chirp: int,
           seed: int) -> np.ndarray:
    """`count` cricket chirps: `per_chirp` pulses of a carrier, each under a smooth swell. (count, frames)."""
    rng = np.random.default_rng(seed)
    pulse = int(pulse_s * SAMPLE_RATE)
    spacing = int(spacing_s * SAMPLE_RATE)
    frames = spacing * (per_chirp - 1) + pulse
    t = np.arange(frames) / SAMPLE_RATE
    out = np.zeros((count, frames))
    swell = np.sin(np.pi * np.arange(pulse) / pulse) ** 2
    for index, hz in enumerate(np.geomspace(*carrier_hz, count)):
        tone = np.sin(2 * np.pi * hz * t + rng.uniform(0, 2 * np.pi))
        for k in range(per_chirp):
            out[index, k * spacing: k * spacing + pulse] = tone[k * spacing: k * spacing + pulse] * swell * (
                0.8 + 0.2 * k / per_chirp)
    return _edges(out)

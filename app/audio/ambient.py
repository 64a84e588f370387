"""Ambient beds: procedural generators for the built-in names, seamless loops, users' own files."""

import hashlib
from functools import lru_cache

import numpy as np
from scipy.signal import butter, sosfilt

from app.atomic import atomic_path
from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE, db_to_gain
from app.session.model import SoundRef

LOOP_S = 30.0
CROSSFADE_S = 3.0
REFERENCE_LUFS = -17.0  # a bed at gain 0 dB is as loud as the voice
GENERATOR_VERSION = 1
FILE_SUFFIXES = (".flac", ".wav", ".ogg", ".mp3")


def _filter(noise: np.ndarray, kind: str, hz) -> np.ndarray:
    return sosfilt(butter(2, hz, btype=kind, fs=SAMPLE_RATE, output="sos"), noise, axis=0)


def _brown(rng, frames: int) -> np.ndarray:
    white = rng.standard_normal((frames, 2))
    return sosfilt(butter(1, 40, btype="low", fs=SAMPLE_RATE, output="sos"), white, axis=0)


def _slow(rng, frames: int, hz: float) -> np.ndarray:
    """A smooth random 0..1 modulator varying at about `hz`, one column per channel."""
    control = _filter(rng.standard_normal((frames, 2)), "low", hz)
    return (control - control.min(axis=0)) / np.ptp(control, axis=0)


def _rain(rng, frames):
    hiss = _filter(_filter(rng.standard_normal((frames, 2)), "high", 500), "low", 7000) * 0.5
    drops = np.zeros((frames, 2))
    for channel in range(2):
        starts = rng.integers(0, frames - 400, size=int(frames / SAMPLE_RATE * 90))
        drops[starts, channel] = rng.uniform(0.5, 2.5, size=len(starts))
    decay = np.exp(-np.arange(300) / (0.003 * SAMPLE_RATE))
    drops = np.stack([np.convolve(drops[:, c], decay)[:frames] for c in range(2)], axis=1)
    return hiss + _filter(drops * rng.standard_normal((frames, 2)), "band", (1500, 6000))


def _ocean(rng, frames):
    t = np.arange(frames)[:, None] / SAMPLE_RATE
    swell = (0.5 - 0.5 * np.cos(2 * np.pi * t / (LOOP_S / 3) + np.array([0.0, 0.6]))) ** 2
    surf = _filter(rng.standard_normal((frames, 2)), "band", (200, 3000))
    return _brown(rng, frames) * 8 * (0.35 + 0.65 * swell) + surf * 0.6 * swell


def _stream(rng, frames):
    babble = _filter(rng.standard_normal((frames, 2)), "band", (400, 4000))
    return babble * (0.4 + 0.6 * _slow(rng, frames, 6.0)) + _brown(rng, frames) * 2


def _wind(rng, frames):
    low = _filter(rng.standard_normal((frames, 2)), "band", (150, 600))
    high = _filter(rng.standard_normal((frames, 2)), "band", (600, 2000))
    gust = _slow(rng, frames, 0.15)
    return low * (0.3 + gust) + high * gust**2 * 0.6 + _brown(rng, frames) * 3


def _drone(rng, frames):
    t = np.arange(frames + int(CROSSFADE_S * SAMPLE_RATE)) / SAMPLE_RATE
    out = np.zeros((len(t), 2))
    for hz, level, beat in ((110.0, 1.0, 2 / LOOP_S), (164.8, 0.5, 3 / LOOP_S), (220.0, 0.35, 4 / LOOP_S),
                            (329.6, 0.12, 5 / LOOP_S)):
        for channel, sign in ((0, 1), (1, -1)):
            out[:, channel] += level * (np.sin(2 * np.pi * hz * t) + np.sin(2 * np.pi * (hz + sign * beat) * t)) / 2
    return out[:frames]


GENERATORS = {"rain": _rain, "ocean": _ocean, "stream": _stream, "wind": _wind, "brown-noise": _brown, "drone": _drone}


def make_loop(samples: np.ndarray, crossfade_frames: int) -> np.ndarray:
    """A loop of `len(samples) - crossfade_frames` frames whose end flows into its start (equal-power crossfade)."""
    frames = len(samples) - crossfade_frames
    loop = samples[:frames].copy()
    angle = np.linspace(0, np.pi / 2, crossfade_frames)[:, None]
    loop[:crossfade_frames] = samples[:crossfade_frames] * np.sin(angle) + samples[frames:] * np.cos(angle)
    return loop


def generate(name: str, seconds: float = LOOP_S) -> np.ndarray:
    """The built-in bed `name` as a seamless stereo loop, float32 at 44.1 kHz, loudness-normalised."""
    rng = np.random.default_rng(sum(map(ord, name)))
    crossfade = int(CROSSFADE_S * SAMPLE_RATE)
    frames = int(seconds * SAMPLE_RATE)
    if name == "drone":  # exactly periodic: no crossfade needed
        raw = GENERATORS[name](rng, frames)
        return _level(raw)
    raw = GENERATORS[name](rng, frames + crossfade)
    return _level(make_loop(raw, crossfade))


def _level(stereo: np.ndarray) -> np.ndarray:
    loudness = clip_loudness(stereo.mean(axis=1), SAMPLE_RATE)
    out = (stereo * db_to_gain(REFERENCE_LUFS - loudness)).astype(np.float32)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=8)
def bed_loop(sound: SoundRef) -> np.ndarray:
    """The loop for a bed: a user's file, a file in assets/ambient/ named after a built-in, or generated.

    The prepared loop (decoded, looped, levelled) is kept in the cache folder, so later loads are quick.
    """
    from app.audio.decode import read_sound
    from app.folders import assets_dir, cache_dir

    file = sound.path
    if sound.builtin:
        file = next((f for f in (assets_dir() / "ambient" / f"{sound.name}{s}" for s in FILE_SUFFIXES) if f.is_file()), None)
    if file is None:
        key = f"{sound.name}-v{GENERATOR_VERSION}"
    else:
        stat = file.stat()
        digest = hashlib.sha256(f"{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        key = f"file-{digest}-v{GENERATOR_VERSION}"
    cached = cache_dir() / "ambient" / f"{key}.npy"
    try:
        loop = np.load(cached)
        loop.setflags(write=False)
        return loop
    except (OSError, ValueError):
        pass
    if file is None:
        loop = generate(sound.name)
    else:
        crossfade = CROSSFADE_S if sound.builtin else min(CROSSFADE_S, 1.0)
        loop = _level(make_loop(read_sound(file), int(crossfade * SAMPLE_RATE)))
    with atomic_path(cached) as temporary, open(temporary, "wb") as file:
        np.save(file, loop)
    return loop

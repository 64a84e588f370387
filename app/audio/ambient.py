"""Ambient beds as sources of frames: a built-in bed is generated as it plays (app.audio.beds), never looped;
a person's own sound file loops with a crossfade."""

import hashlib
from functools import lru_cache

import numpy as np

from app.atomic import atomic_path
from app.audio.beds.stream import REFERENCE_LUFS, BedStream
from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE, db_to_gain
from app.failures import BadInput
from app.session.model import SoundRef

FILE_CROSSFADE_S = 1.0
CACHE_MAX_BYTES = 2 * 1024**3  # prepared loops of people's sound files (10 MB a minute)
LOOP_VERSION = 3


class LoopedFile:
    """A prepared loop of a sound file, read from anywhere."""

    def __init__(self, loop: np.ndarray):
        self.loop = loop

    def frames(self, start: int, count: int) -> np.ndarray:
        """`count` frames of the loop repeated, from frame `start` (>= 0)."""
        position = start % len(self.loop)
        pieces, needed = [], count
        while needed > 0:
            piece = self.loop[position: position + needed]
            pieces.append(piece)
            needed -= len(piece)
            position = 0
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)


def bed_source(sound: SoundRef, seed: int):
    """Where a bed's frames come from: the generator of a built-in (varied by `seed`), or a file's loop."""
    if sound.builtin:
        from app.audio.beds.catalog import make

        return BedStream(make(sound.name, seed))
    return LoopedFile(file_loop(sound))


def make_loop(samples: np.ndarray, crossfade_frames: int) -> np.ndarray:
    """A loop of `len(samples) - crossfade_frames` frames whose end flows into its start (equal-power crossfade)."""
    frames = len(samples) - crossfade_frames
    loop = samples[:frames].copy()
    angle = np.linspace(0, np.pi / 2, crossfade_frames)[:, None]
    loop[:crossfade_frames] = samples[:crossfade_frames] * np.sin(angle) + samples[frames:] * np.cos(angle)
    return loop


SHORTEST_LOOP_S = 2 * FILE_CROSSFADE_S
SILENT_PEAK = 1e-5  # -100 dBFS


def loop_problem(samples: np.ndarray) -> str | None:
    """Why decoded `samples` cannot loop as a bed (samples that are not numbers, less than two crossfades of audio),
    or None; silence is not a problem here (it loops as silence)."""
    if not np.isfinite(samples).all():
        return "some of its samples are not numbers (NaN or infinity); export it again from your audio editor"
    if len(samples) < SHORTEST_LOOP_S * SAMPLE_RATE:
        return f"it lasts {len(samples) / SAMPLE_RATE:.1f} s; a sound that loops needs at least {SHORTEST_LOOP_S:g} s"
    return None


def is_silent(samples: np.ndarray) -> bool:
    return float(np.abs(samples).max(initial=0.0)) < SILENT_PEAK


def _level(stereo: np.ndarray) -> np.ndarray:
    """`stereo` at the reference loudness; silence stays silence (it has no loudness to set)."""
    loudness = clip_loudness(stereo.mean(axis=1), SAMPLE_RATE)
    gain = db_to_gain(REFERENCE_LUFS - loudness) if np.isfinite(loudness) and not is_silent(stereo) else 0.0
    out = (stereo * gain).astype(np.float32)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=8)
def file_loop(sound: SoundRef) -> np.ndarray:
    """The loop made from a person's sound file: decoded, looped with a crossfade, levelled to the reference.

    It is kept in the cache folder, so later loads are quick.
    """
    from app.audio.decode import read_sound
    from app.folders import cache_dir
    from app.tts.cache import cache_not_written

    file = sound.path
    stat = file.stat()
    digest = hashlib.sha256(f"{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = cache_dir() / "ambient" / f"file-{digest}-v{LOOP_VERSION}.npy"
    try:
        loop = np.load(cached)
        if loop.ndim == 2 and loop.shape[1] == 2 and len(loop) and np.isfinite(loop).all():  # else: made again
            loop.setflags(write=False)
            return loop
    except (OSError, ValueError):
        pass
    samples = read_sound(file)
    problem = loop_problem(samples)
    if problem:
        raise BadInput(f"the sound file {file} cannot be a bed: {problem}")
    loop = _level(make_loop(samples, int(FILE_CROSSFADE_S * SAMPLE_RATE)))
    try:
        with atomic_path(cached) as temporary, open(temporary, "wb") as out:
            np.save(out, loop)
        keep_within(cached.parent, CACHE_MAX_BYTES)
    except OSError as error:
        cache_not_written(cached.parent, error)
    return loop


def keep_within(folder, max_bytes: int) -> None:
    """Remove the least recently made prepared loops until the folder holds at most `max_bytes`."""
    loops = sorted(folder.glob("file-*.npy"), key=lambda path: path.stat().st_mtime_ns)
    total = sum(path.stat().st_size for path in loops)
    for path in loops[:-1]:  # never the one just made
        if total <= max_bytes:
            break
        total -= path.stat().st_size
        path.unlink(missing_ok=True)

"""Ambient beds as sources of frames: a built-in bed is generated as it plays (app.audio.beds), never looped;
a person's own sound file loops with a crossfade."""

import contextlib
import hashlib
import os
from collections import OrderedDict

import numpy as np

from app.atomic import atomic_path
from app.audio.beds.stream import REFERENCE_LUFS, BedStream
from app.audio.decode import BLOCK_FRAMES, sound_blocks
from app.audio.loudness import LoudnessMeter
from app.audio.sampling import SAMPLE_RATE, db_to_gain
from app.failures import BadInput, Cancelled
from app.session.model import SoundRef

FILE_CROSSFADE_S = 1.0
CACHE_MAX_BYTES = 2 * 1024**3  # prepared loops of people's sound files (10 MB a minute)
LOOP_VERSION = 4  # 4: raw interleaved float32, prepared in blocks
FRAME_BYTES = 8  # stereo float32
LONGEST_FILE_S = 3 * 3600  # a sound file for a bed: 1.9 GB prepared


class LoopedFile:
    """A prepared loop (stereo float32, interleaved), read from its file a block at a time: memory does not grow with
    the loop's length. The file stays open, so a cache clean-up that removes it never takes it from a play."""

    def __init__(self, file, peak: float):
        self._file = file
        self.length = os.fstat(file.fileno()).st_size // FRAME_BYTES
        self.silent = peak < SILENT_PEAK

    def __len__(self) -> int:
        return self.length

    def frames(self, start: int, count: int) -> np.ndarray:
        """`count` frames of the loop repeated, from frame `start` (>= 0)."""
        out = np.empty((count, 2), np.float32)
        filled, position = 0, start % self.length
        while filled < count:
            taken = min(count - filled, self.length - position)
            out[filled: filled + taken] = _read(self._file, position, taken)
            filled, position = filled + taken, 0
        return out

    def whole(self) -> np.ndarray:
        return _read(self._file, 0, self.length)


def bed_source(sound: SoundRef, seed: int, cancel=None):
    """Where a bed's frames come from: the generator of a built-in (varied by `seed`), or a file's loop (whose
    preparation `cancel`, anything with `is_set()`, stops within a block)."""
    if sound.builtin:
        from app.audio.beds.catalog import make

        return BedStream(make(sound.name, seed))
    return file_loop(sound, cancel)


SHORTEST_LOOP_S = 2 * FILE_CROSSFADE_S
SILENT_PEAK = 1e-5  # -100 dBFS


class LoopRefused(BadInput):
    """A sound file that cannot loop as a bed; `problem` says why, in words that follow "it"."""

    def __init__(self, file, problem: str):
        super().__init__(f"the sound file {file} cannot be a bed: {problem}")
        self.problem = problem


_LOOPS: "OrderedDict[SoundRef, LoopedFile]" = OrderedDict()  # the last few loops used, kept open
LOOPS_KEPT = 8


def file_loop(sound: SoundRef, cancel=None) -> LoopedFile:
    """The loop made from a person's sound file: decoded, looped with a crossfade, levelled to the reference, a block
    at a time. It is kept in the cache folder, so later loads are quick; a loop found there damaged (a length that is
    not whole frames, samples that are not numbers) is made again. `cancel` set ends the preparation within a
    block (Cancelled), nothing kept."""
    if (known := _LOOPS.get(sound)) is not None:
        _LOOPS.move_to_end(sound)
        return known
    loop = _file_loop(sound, cancel)
    _LOOPS[sound] = loop
    while len(_LOOPS) > LOOPS_KEPT:
        _LOOPS.popitem(last=False)
    return loop


def forget_loops() -> None:
    """Let go of the loops kept open (they are read from the cache again)."""
    _LOOPS.clear()


def _file_loop(sound: SoundRef, cancel) -> LoopedFile:
    from app.folders import cache_dir
    from app.tts.cache import cache_not_written

    file = sound.path
    stat = file.stat()
    digest = hashlib.sha256(f"{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = cache_dir() / "ambient" / f"file-{digest}-v{LOOP_VERSION}.f32"
    with contextlib.suppress(OSError):
        kept = open(cached, "rb")  # noqa: SIM115 (held by the LoopedFile)
        if (peak := _sound_peak(kept)) is not None:
            return LoopedFile(kept, peak)
        kept.close()
    try:
        with atomic_path(cached) as temporary, open(temporary, "w+b") as out:
            peak = _prepare(file, out, cancel)
        keep_within(cached.parent, CACHE_MAX_BYTES)
        kept = open(cached, "rb")  # noqa: SIM115
    except OSError as error:  # the cache cannot be written: made again in a nameless temporary file
        import tempfile

        cache_not_written(cached.parent, error)
        kept = tempfile.TemporaryFile()  # noqa: SIM115
        peak = _prepare(file, kept, cancel)
    return LoopedFile(kept, peak)


def _prepare(file, out, cancel) -> float:
    """Write the loop of `file` to `out`, a block at a time: each block decoded, checked and written as it is; then
    the first crossfade mixed with the last frames (which are cut), and the loop measured and levelled in place.
    Returns the levelled file's peak (0 for silence), known from the decoding pass: the loop is not read again."""
    crossfade = int(FILE_CROSSFADE_S * SAMPLE_RATE)
    frames, peak = 0, 0.0
    for block in sound_blocks(file):
        _stop_if(cancel)
        frames += len(block)
        if frames > LONGEST_FILE_S * SAMPLE_RATE:
            raise LoopRefused(file, f"it lasts more than {LONGEST_FILE_S / 3600:g} hours, the most a bed may last; "
                                    "cut it shorter in an audio editor")
        if not np.isfinite(block).all():
            raise LoopRefused(file, "some of its samples are not numbers (NaN or infinity); export it again from "
                                    "your audio editor")
        peak = max(peak, float(np.abs(block).max()))
        out.write(block.astype("<f4").tobytes())
    if frames < SHORTEST_LOOP_S * SAMPLE_RATE:
        raise LoopRefused(file, f"it lasts {frames / SAMPLE_RATE:.1f} s; a sound that loops needs at least "
                                f"{SHORTEST_LOOP_S:g} s")
    out.flush()
    length = frames - crossfade
    angle = np.linspace(0, np.pi / 2, crossfade, dtype=np.float32)[:, None]  # equal power: the end flows into the start
    _write(out, 0, _read(out, 0, crossfade) * np.sin(angle) + _read(out, length, crossfade) * np.cos(angle))
    out.truncate(length * FRAME_BYTES)
    meter = LoudnessMeter(channels=1)
    for start in range(0, length, BLOCK_FRAMES):
        _stop_if(cancel)
        meter.feed(_read(out, start, BLOCK_FRAMES).mean(axis=1, keepdims=True))
    loudness = meter.integrated_lufs()
    gain = db_to_gain(REFERENCE_LUFS - loudness) if np.isfinite(loudness) and peak >= SILENT_PEAK else 0.0
    for start in range(0, length, BLOCK_FRAMES):
        _stop_if(cancel)
        _write(out, start, _read(out, start, BLOCK_FRAMES) * np.float32(gain))
    return peak * gain


def _stop_if(cancel) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled


def _write(file, start: int, frames: np.ndarray) -> None:
    os.pwrite(file.fileno(), frames.astype("<f4").tobytes(), start * FRAME_BYTES)


def _read(file, start: int, count: int) -> np.ndarray:
    data = os.pread(file.fileno(), count * FRAME_BYTES, start * FRAME_BYTES)
    return np.frombuffer(data, "<f4").reshape(-1, 2).copy()


def _sound_peak(file) -> float | None:
    """The peak of a prepared loop, read a block at a time; None when it is damaged (not whole frames, shorter than
    a crossfade, samples that are not numbers)."""
    size = os.fstat(file.fileno()).st_size
    if size % FRAME_BYTES or size < FILE_CROSSFADE_S * SAMPLE_RATE * FRAME_BYTES:
        return None
    peak = 0.0
    for start in range(0, size // FRAME_BYTES, BLOCK_FRAMES):
        block = _read(file, start, BLOCK_FRAMES)
        if not np.isfinite(block).all():
            return None
        peak = max(peak, float(np.abs(block).max(initial=0.0)))
    return peak


def keep_within(folder, max_bytes: int) -> None:
    """Remove the least recently made prepared loops until the folder holds at most `max_bytes`."""
    loops = sorted(folder.glob("file-*"), key=lambda path: path.stat().st_mtime_ns)
    total = sum(path.stat().st_size for path in loops)
    for path in loops[:-1]:  # never the one just made
        if total <= max_bytes:
            break
        total -= path.stat().st_size
        path.unlink(missing_ok=True)

"""Reading users' sound files: WAV, FLAC, OGG and MP3 through soundfile; others (m4a, aac) through ffmpeg. A file is
decoded a block at a time, so memory stays the same whatever its length."""

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from app.audio.sampling import SAMPLE_RATE
from app.failures import BadInput, Failure

SOUNDFILE_SUFFIXES = {".wav", ".flac", ".ogg", ".oga", ".mp3", ".aiff", ".aif"}
BLOCK_FRAMES = 1 << 16  # about 1.5 s: 0.5 MB of stereo float32


def sound_blocks(path: Path, block_frames: int = BLOCK_FRAMES) -> Iterator[np.ndarray]:
    """The file at `path` as blocks of stereo float32 at SAMPLE_RATE; Failure naming the file when it cannot be read
    or holds no audio."""
    path = Path(path)
    if not path.exists():
        raise Failure(f"sound file not found: {path}")
    if not path.is_file():
        raise Failure(f"the sound file {path} is not a regular file")
    blocks = _soundfile_blocks if path.suffix.lower() in SOUNDFILE_SUFFIXES else _ffmpeg_blocks
    import soxr

    resampler, frames = None, 0
    try:
        for samples, sample_rate in blocks(path, block_frames):
            samples = np.repeat(samples, 2, axis=1) if samples.shape[1] == 1 else samples[:, :2]
            if sample_rate != SAMPLE_RATE:
                resampler = resampler or soxr.ResampleStream(sample_rate, SAMPLE_RATE, 2, quality="HQ")
                samples = resampler.resample_chunk(np.ascontiguousarray(samples, np.float32))
            frames += len(samples)
            if len(samples):
                yield samples
        if resampler is not None:
            tail = resampler.resample_chunk(np.zeros((0, 2), np.float32), last=True)
            frames += len(tail)
            if len(tail):
                yield tail
    except Failure:
        raise
    except Exception as error:  # every decoder has its own error types
        raise Failure(f"cannot read the sound file {path}: {error}") from error
    if frames == 0:
        raise Failure(f"the sound file {path} holds no audio")


def read_sound(path: Path, longest_s: float) -> np.ndarray:
    """A short sound (a bell) whole; BadInput naming the file and the limit when it lasts more than `longest_s`."""
    blocks, frames = [], 0
    for block in sound_blocks(path):
        frames += len(block)
        if frames > longest_s * SAMPLE_RATE:
            raise BadInput(f"the sound file {path} lasts more than {longest_s:g} s, the most a bell may last; cut it "
                           "shorter in an audio editor")
        blocks.append(block)
    return np.concatenate(blocks)


def _soundfile_blocks(path: Path, block_frames: int) -> Iterator[tuple[np.ndarray, int]]:
    import soundfile

    with soundfile.SoundFile(path) as file:
        while len(samples := file.read(block_frames, dtype="float32", always_2d=True)):
            yield samples, file.samplerate


def _ffmpeg_blocks(path: Path, block_frames: int) -> Iterator[tuple[np.ndarray, int]]:
    """Decode anything ffmpeg reads (m4a, aac, wma, ...) with the ffmpeg binary that imageio-ffmpeg ships, piping raw
    samples (pydub would need ffprobe too, which imageio-ffmpeg does not ship)."""
    import subprocess

    import imageio_ffmpeg

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-i", str(path),
               "-f", "f32le", "-ac", "2", "-ar", str(SAMPLE_RATE), "-"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as ffmpeg:
        try:
            while data := ffmpeg.stdout.read(block_frames * 8):
                yield np.frombuffer(data[: len(data) // 8 * 8], dtype="<f4").reshape(-1, 2).copy(), SAMPLE_RATE
            reason = ffmpeg.stderr.read().decode("utf-8", "replace").strip().splitlines()
            if ffmpeg.wait() != 0:
                raise Failure(f"cannot read the sound file {path}: {reason[-1] if reason else 'ffmpeg failed'}")
        finally:
            if ffmpeg.poll() is None:  # the reader stopped early
                ffmpeg.kill()

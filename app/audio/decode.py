"""Reading users' sound files: WAV, FLAC, OGG and MP3 through soundfile; others (m4a, aac) through ffmpeg."""

from pathlib import Path

import numpy as np

from app.audio.sampling import SAMPLE_RATE, resample
from app.failures import Failure

SOUNDFILE_SUFFIXES = {".wav", ".flac", ".ogg", ".oga", ".mp3", ".aiff", ".aif"}


def read_sound(path: Path) -> np.ndarray:
    """The file at `path` as stereo float32 at 44.1 kHz; Failure naming the file when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise Failure(f"sound file not found: {path}")
    if not path.is_file():
        raise Failure(f"the sound file {path} is not a regular file")
    try:
        if path.suffix.lower() in SOUNDFILE_SUFFIXES:
            samples, sample_rate = _read_soundfile(path)
        else:
            samples, sample_rate = _read_ffmpeg(path)
    except Failure:
        raise
    except Exception as error:  # every decoder has its own error types
        raise Failure(f"cannot read the sound file {path}: {error}") from error
    if samples.shape[0] == 0:
        raise Failure(f"the sound file {path} holds no audio")
    if samples.shape[1] == 1:
        samples = np.repeat(samples, 2, axis=1)
    return resample(samples[:, :2], sample_rate, SAMPLE_RATE)


def _read_soundfile(path: Path) -> tuple[np.ndarray, int]:
    import soundfile

    samples, sample_rate = soundfile.read(path, dtype="float32", always_2d=True)
    return samples, sample_rate


def _read_ffmpeg(path: Path) -> tuple[np.ndarray, int]:
    """Decode anything ffmpeg reads (m4a, aac, wma, ...) with the ffmpeg binary that imageio-ffmpeg ships.

    pydub would need ffprobe too, which imageio-ffmpeg does not ship; piping raw samples is simpler.
    """
    import subprocess

    import imageio_ffmpeg

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-loglevel", "error", "-i", str(path),
               "-f", "f32le", "-ac", "2", "-ar", str(SAMPLE_RATE), "-"]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Failure(f"cannot read the sound file {path}: {reason[-1] if reason else 'ffmpeg failed'}")
    return np.frombuffer(result.stdout, dtype="<f4").reshape(-1, 2).copy(), SAMPLE_RATE

"""Block-by-block audio file writers. MP3 encodes in its own thread (LAME releases the GIL): a second core."""

import contextlib
import errno
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from app.audio.sampling import SAMPLE_RATE
from app.failures import BadInput

FORMATS = (".mp3", ".wav", ".flac")
MP3_KBPS = 192  # CBR; ACX asks for at least 192
MP3_QUALITY = 7  # LAME -q 7: about 210x real time here (q 5: about 105x, too slow for 100x warm renders)


def to_int16(block: np.ndarray) -> np.ndarray:
    return (np.clip(block, -1.0, 1.0) * 32767.0).round().astype(np.int16)


class Mp3Writer:
    """Encodes in its own thread. `close()` finishes the file; `abort()` stops without finishing it.

    The thread ends on the end marker in every case (an encoder error included), so neither waits forever.
    """

    _FINISH, _ABANDON = "finish", "abandon"

    def __init__(self, path: Path):
        import lameenc

        self._encoder = lameenc.Encoder()
        self._encoder.set_bit_rate(MP3_KBPS)
        self._encoder.set_in_sample_rate(SAMPLE_RATE)
        self._encoder.set_channels(2)
        self._encoder.set_quality(MP3_QUALITY)
        self._file = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._queue: queue.Queue = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mp3-encode", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        encoded = False
        item = None
        try:
            while not isinstance(item := self._queue.get(), str):
                self._file.write(self._encoder.encode(item))
                encoded = True
            if item == self._FINISH and encoded:  # lameenc's flush() refuses an encoder that never encoded
                self._file.write(self._encoder.flush())
        except BaseException as error:
            self._error = error
            while not isinstance(item, str):  # take what the producer still hands over, up to the end marker
                item = self._queue.get()

    def write(self, block: np.ndarray) -> None:
        if self._error:
            raise self._error
        self._queue.put(to_int16(block).tobytes())

    def close(self) -> None:
        self._end(self._FINISH)
        if self._error:
            raise self._error

    def abort(self) -> None:
        self._end(self._ABANDON)

    def _end(self, marker: str) -> None:
        self._queue.put(marker)
        self._thread.join()
        self._file.close()


@contextlib.contextmanager
def _as_os_error() -> Iterator[None]:
    """libsndfile's failures as OSError, which a render reports in one line: it says only "System error." when
    the file cannot grow, so the likely causes are named."""
    try:
        yield
    except RuntimeError as error:  # soundfile.LibsndfileError
        raise OSError(errno.EIO, f"the file could not grow (a full disk or a file-size limit; libsndfile: "
                                 f"{str(error).strip()})") from error


class SoundfileWriter:
    """WAV or FLAC, 16-bit; a stem (`stem=True`) is 32-bit float WAV, so nothing above full scale is clipped."""

    def __init__(self, path: Path, suffix: str, stem: bool = False):
        import soundfile

        kind = ("WAV", "FLOAT") if stem else {".wav": ("WAV", "PCM_16"), ".flac": ("FLAC", "PCM_16")}[suffix]
        self._stem = stem
        with _as_os_error():
            self._file = soundfile.SoundFile(path, "w", SAMPLE_RATE, 2, format=kind[0], subtype=kind[1])

    def write(self, block: np.ndarray) -> None:
        with _as_os_error():
            self._file.write(block.astype(np.float32, copy=False) if self._stem else to_int16(block))

    def close(self) -> None:
        with _as_os_error():
            self._file.close()

    def abort(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):  # the partial file goes anyway
            self._file.close()


def open_writer(path: Path, suffix: str):
    """A writer for `suffix` (.mp3, .wav, .flac) writing to `path`."""
    if suffix == ".mp3":
        return Mp3Writer(path)
    if suffix in FORMATS:
        return SoundfileWriter(path, suffix)
    raise BadInput(f"cannot write '{suffix}' files; choose an output ending in .mp3, .wav or .flac")

"""Block-by-block audio file writers. MP3 encodes in its own thread (LAME releases the GIL): a second core."""

import queue
import threading
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


class SoundfileWriter:
    def __init__(self, path: Path, suffix: str):
        import soundfile

        kind = {".wav": ("WAV", "PCM_16"), ".flac": ("FLAC", "PCM_16")}[suffix]
        self._file = soundfile.SoundFile(path, "w", SAMPLE_RATE, 2, format=kind[0], subtype=kind[1])

    def write(self, block: np.ndarray) -> None:
        self._file.write(to_int16(block))

    def close(self) -> None:
        self._file.close()

    def abort(self) -> None:
        self._file.close()


class StemWriter:
    """A stem before the final limiter: 32-bit float WAV, so nothing above full scale is clipped."""

    def __init__(self, path: Path):
        import soundfile

        self._file = soundfile.SoundFile(path, "w", SAMPLE_RATE, 2, format="WAV", subtype="FLOAT")

    def write(self, block: np.ndarray) -> None:
        self._file.write(block.astype(np.float32, copy=False))

    def close(self) -> None:
        self._file.close()


def open_writer(path: Path, suffix: str):
    """A writer for `suffix` (.mp3, .wav, .flac) writing to `path`."""
    if suffix == ".mp3":
        return Mp3Writer(path)
    if suffix in FORMATS:
        return SoundfileWriter(path, suffix)
    raise BadInput(f"cannot write '{suffix}' files; choose an output ending in .mp3, .wav or .flac")

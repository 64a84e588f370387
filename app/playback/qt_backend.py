"""QtMultimedia output: a QAudioSink in pull mode reading from the player.

The sink pulls from the thread that owns it, through that thread's event loop: the GUI's, or the
terminal player's, which calls `process_events` often.
"""

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QIODevice
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from app.audio.sampling import SAMPLE_RATE
from app.playback.output_backend import OutputBackend, OutputUnavailable, Source

STALL_S = 2.0  # no audio consumed for this long while running: the sound server has gone
BUFFER_S = 0.15  # room for a busy event loop; the position still counts only what was played
_BYTES_PER_FRAME = 8  # two float32 channels


class _PullDevice(QIODevice):
    def __init__(self, source: Source):
        super().__init__()
        self._source = source

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 - Qt's name
        frames = maxlen // _BYTES_PER_FRAME
        return self._source(frames).tobytes() if frames else b""

    def writeData(self, _data) -> int:  # noqa: N802
        return -1

    def bytesAvailable(self) -> int:  # noqa: N802
        return 1 << 20

    def isSequential(self) -> bool:  # noqa: N802
        return True


class QtBackend(OutputBackend):
    name = "qt"

    def __init__(self):
        self._sink: QAudioSink | None = None
        self._device: _PullDevice | None = None
        self._stopping = False
        self._on_error: Callable[[str], None] | None = None
        self._progress = (0, 0.0)  # (processed microseconds, monotonic time it last changed)

    def unavailable_reason(self) -> str | None:
        _application()
        if not QMediaDevices.audioOutputs():
            return "no audio output device was found (is a sound server such as PulseAudio running?)"
        return None

    def start(self, source: Source, on_error: Callable[[str], None], ready=None) -> None:
        reason = self.unavailable_reason()
        if reason:
            raise OutputUnavailable(reason)
        audio_format = QAudioFormat()
        audio_format.setSampleRate(SAMPLE_RATE)
        audio_format.setChannelCount(2)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Float)
        self._on_error = on_error
        self._stopping = False
        self._device = _PullDevice(source)
        self._device.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio_format)
        self._sink.setBufferSize(int(BUFFER_S * SAMPLE_RATE) * _BYTES_PER_FRAME)
        self._sink.start(self._device)
        self._progress = (0, time.monotonic())
        if self._sink.error() != QtAudio.Error.NoError:
            raise OutputUnavailable(f"the audio output could not be opened ({self._sink.error().name})")

    def _check(self) -> None:
        """Report an output that stopped by itself or stopped consuming audio (the sound server went away)."""
        if self._sink is None or self._stopping or self._on_error is None:
            return
        now = time.monotonic()
        processed = self._sink.processedUSecs()
        if processed != self._progress[0]:
            self._progress = (processed, now)
        stalled = now - self._progress[1] > STALL_S
        if stalled or (self._sink.state() == QtAudio.State.StoppedState and self._sink.error() != QtAudio.Error.NoError):
            on_error, self._on_error = self._on_error, None
            reason = "stopped playing" if stalled else f"stopped ({self._sink.error().name})"
            on_error(f"the audio output {reason}; is the sound server still running?")

    def played_frames(self) -> int:
        if self._sink is None:
            return 0
        return int(self._sink.processedUSecs() * SAMPLE_RATE // 1_000_000)

    def stop(self) -> None:
        self._stopping = True
        if self._sink is not None:
            self._sink.stop()
            self._sink = None
        if self._device is not None:
            self._device.close()
            self._device = None

    def process_events(self) -> None:
        QCoreApplication.processEvents()
        self._check()


def _application() -> QCoreApplication:
    """The running Qt application, or a QCoreApplication for the terminal."""
    return QCoreApplication.instance() or QCoreApplication([])

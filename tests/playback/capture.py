"""Recording what reaches the PulseAudio test sink (see scripts/audio-server.sh)."""

import os
import subprocess
import threading
import time

import numpy as np
from scipy.signal import resample_poly

from tests.conftest import need

RATE = 48000


def need_audio_server() -> None:
    need(os.environ.get("STILLPOINT_AUDIO_SERVER") == "1",
         "no PulseAudio test server (run the tests through scripts/test, which starts one)")


class Capture:
    """Records the test sink's monitor while the `with` block runs; `.audio` is mono float at 48 kHz."""

    def __enter__(self):
        self.process = subprocess.Popen(["parec", "--device=test_sink.monitor", "--format=s16le", f"--rate={RATE}",
                                         "--channels=1", "--latency-msec=20"], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.started = time.monotonic()
        self.chunks: list[bytes] = []
        self.arrivals: list[tuple[float, int]] = []  # (monotonic time, samples received by then)
        self.reader = threading.Thread(target=self._read, daemon=True)  # a full pipe would make parec drop audio
        self.reader.start()
        # the stream settles its latency in its first moments: start once a quarter second has been recorded
        self._wait_for(lambda: self.arrivals and self.arrivals[-1][1] >= RATE // 4, "the recording stream to start")
        return self

    def _read(self) -> None:
        received = 0
        while chunk := self.process.stdout.read1(65536):
            self.chunks.append(chunk)
            received += len(chunk) // 2
            self.arrivals.append((time.monotonic(), received))

    def _wait_for(self, predicate, what: str, timeout_s: float = 10.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"timed out waiting for {what}: {self.process.stderr.read1().decode()}")
            time.sleep(0.005)

    def so_far(self) -> np.ndarray:
        """What has been recorded up to now (the recording goes on)."""
        data = b"".join(list(self.chunks))
        return np.frombuffer(data[: len(data) // 2 * 2], dtype=np.int16).astype(np.float32) / 32768

    def quiet_for(self, seconds: float, below_db: float = -70.0) -> bool:
        """Whether the last `seconds` recorded are silence: what was handed to the sound server has been heard out."""
        recent = self.so_far()[-int(seconds * RATE):]
        return len(recent) == int(seconds * RATE) and rms_db(recent) < below_db

    def time_of(self, sample: int) -> float:
        """The monotonic time at which recorded sample `sample` reached the sink (the least-delayed chunk decides)."""
        return min(arrived - received / RATE for arrived, received in self.arrivals) + sample / RATE

    def __exit__(self, *_):
        until = time.monotonic() + 0.15  # what was played up to now, and the sink's short latency after it
        self._wait_for(lambda: self.time_of(self.arrivals[-1][1]) >= until, "the recording to catch up")
        self.process.terminate()
        self.reader.join(timeout=5)
        errors = self.process.stderr.read()
        self.process.wait()
        data = b"".join(self.chunks)
        self.audio = np.frombuffer(data, dtype=np.int16).astype(np.float32) / 32768
        self.seconds = time.monotonic() - self.started
        if len(self.audio) < 0.5 * self.seconds * RATE:
            raise AssertionError(f"the recording holds {len(self.audio) / RATE:.2f} s of {self.seconds:.2f} s: "
                                 f"{errors.decode(errors='replace').strip()}")


def to_capture_rate(stereo_44k: np.ndarray) -> np.ndarray:
    return resample_poly(stereo_44k.mean(axis=1), 160, 147).astype(np.float32)


def best_match(recording: np.ndarray, expected: np.ndarray) -> tuple[float, int]:
    """(normalised correlation, lag) of `expected` found inside `recording`.

    The lag is where the correlation normalised by each window's own level peaks, so a quiet stretch (a bed
    between sentences) is found even when the search range holds speech 30 dB louder; windows more than 60 dB
    quieter than `expected` cannot match."""
    if len(recording) < len(expected):
        return 0.0, 0
    n = len(recording) + len(expected)
    size = 1 << (n - 1).bit_length()
    correlation = np.fft.irfft(np.fft.rfft(recording, size) * np.conj(np.fft.rfft(expected, size)), size)
    fits = len(recording) - len(expected) + 1  # where the whole of it fits
    energy = np.concatenate([[0.0], np.cumsum(np.square(recording, dtype=np.float64))])
    expected_norm = float(np.linalg.norm(expected))
    window_norms = np.sqrt(np.maximum(energy[len(expected):] - energy[:fits], 0.0))
    lag = int(np.argmax(correlation[:fits] / np.maximum(window_norms, 1e-3 * expected_norm + 1e-12)))
    segment = recording[lag: lag + len(expected)]
    score = float(np.dot(segment, expected) / (np.linalg.norm(segment) * expected_norm + 1e-12))
    return score, lag


def rms_db(audio: np.ndarray) -> float:
    return float(20 * np.log10(np.sqrt(np.mean(np.square(audio))) + 1e-12))

"""simpleaudio output (terminal player): chunks played back to back with a short crossfade.

simpleaudio plays whole buffers, so the stream is cut into chunks scheduled on a steady clock.
Each chunk starts with the last few milliseconds of the previous one, faded in while the previous
fades out, so the joins have neither gaps nor clicks.
"""

import threading
import time
from collections.abc import Callable

import numpy as np

from app.audio.signal import SAMPLE_RATE
from app.playback.backend import OutputBackend, OutputUnavailable, Source

CHUNK_S = 0.25
OVERLAP_S = 0.012


class SimpleaudioBackend(OutputBackend):
    name = "simpleaudio"

    def __init__(self):
        self._thread: threading.Thread | None = None
        self._running = False
        self._started_at = 0.0
        self._handed = 0

    def unavailable_reason(self) -> str | None:
        try:
            import simpleaudio  # noqa: F401
        except ImportError:
            return "simpleaudio is not installed (pip install 'stillpoint[simpleaudio]'; it builds with libasound2-dev)"
        return None

    def start(self, source: Source, on_error: Callable[[str], None]) -> None:
        reason = self.unavailable_reason()
        if reason:
            raise OutputUnavailable(reason)
        self._running = True
        self._handed = 0
        self._thread = threading.Thread(target=self._run, args=(source, on_error), name="simpleaudio", daemon=True)
        self._thread.start()

    def _run(self, source: Source, on_error: Callable[[str], None]) -> None:
        import simpleaudio

        chunk, overlap = int(CHUNK_S * SAMPLE_RATE), int(OVERLAP_S * SAMPLE_RATE)
        fade_in = np.linspace(0.0, 1.0, overlap, dtype=np.float32)[:, None]
        tail = np.zeros((overlap, 2), np.float32)
        playing = []
        self._started_at = time.monotonic()
        due = self._started_at
        try:
            while self._running:
                fresh = source(chunk)
                buffer = np.concatenate([tail, fresh])
                buffer[:overlap] *= fade_in
                buffer[-overlap:] *= fade_in[::-1]
                tail = fresh[-overlap:].copy()
                pcm = (np.clip(buffer, -1, 1) * 32767).astype(np.int16)
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                playing.append(simpleaudio.play_buffer(pcm, 2, 2, SAMPLE_RATE))
                self._handed += chunk
                playing = [p for p in playing if p.is_playing()]
                due += chunk / SAMPLE_RATE
        except Exception as error:  # the ALSA device went away
            if self._running:
                on_error(f"the audio output failed: {error}")
        finally:
            for play in playing:
                play.stop()

    def played_frames(self) -> int:
        if not self._running:
            return self._handed
        return min(self._handed, int((time.monotonic() - self._started_at) * SAMPLE_RATE))

    def stop(self) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

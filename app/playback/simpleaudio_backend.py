"""simpleaudio output (terminal player): long chunks played back to back, with a handover on pause and seek.

simpleaudio plays whole buffers, and every buffer is a new ALSA stream whose start jitters by a few
milliseconds. So the stream is cut into long chunks (few joins, each crossfaded), and when the listener
pauses, seeks or changes the volume, the player hands over: the queued chunk is dropped, a short
fade-out of what is heard plays, and the new audio fades in over it.
"""

import threading
import time
from collections.abc import Callable

import numpy as np

from app.audio.sampling import SAMPLE_RATE
from app.playback.output_backend import OutputBackend, OutputUnavailable, Source

CHUNK_S = 4.0
MIN_CHUNK_S = 0.1
OVERLAP_S = 0.03
FILL_S = 2.0  # after a seek a chunk waits for this much: few joins near it (each join of two buffers may slip a few ms)
FILL_WAIT_S = 0.25  # but no longer than this


class SimpleaudioBackend(OutputBackend):
    name = "simpleaudio"
    buffer_s = CHUNK_S

    def __init__(self):
        self._thread: threading.Thread | None = None
        self._running = False
        self._lock = threading.Lock()
        self._reading = threading.Lock()  # held while the source is read; a handover waits for it
        self._wake = threading.Event()
        self._tail: np.ndarray | None = None
        self._handed = 0
        self._clock = (0, 0.0)  # (frames played at, monotonic time then)

    def unavailable_reason(self) -> str | None:
        try:
            import simpleaudio  # noqa: F401
        except ImportError:
            return "simpleaudio is not installed (pip install 'stillpoint[simpleaudio]'; it builds with libasound2-dev)"
        return None

    def start(self, source: Source, on_error: Callable[[str], None], ready=None) -> None:
        reason = self.unavailable_reason()
        if reason:
            raise OutputUnavailable(reason)
        self._running = True
        self._handed = 0
        self._clock = (0, time.monotonic())
        self._thread = threading.Thread(target=self._run, args=(source, on_error, ready), name="simpleaudio", daemon=True)
        self._thread.start()

    def played_frames(self) -> int:
        with self._lock:
            base, since = self._clock
            return min(self._handed, base + int((time.monotonic() - since) * SAMPLE_RATE))

    def interrupt(self, tail: np.ndarray, then: Callable[[int], None]) -> None:
        with self._reading, self._lock:
            base, since = self._clock
            played = min(self._handed, base + int((time.monotonic() - since) * SAMPLE_RATE))
            self._handed = played
            self._clock = (played, time.monotonic())
            self._tail = tail
            then(played)  # the source rewinds before anything more is read from it
        self._wake.set()

    def _run(self, source: Source, on_error: Callable[[str], None], ready) -> None:
        import simpleaudio

        overlap = int(OVERLAP_S * SAMPLE_RATE)
        fade = np.linspace(0.0, 1.0, overlap, dtype=np.float32)[:, None]
        carry = np.zeros((overlap, 2), np.float32)  # the last frames of the previous chunk, to crossfade into
        playing: list = []
        stopped: list = []  # handed over; their C threads may still be letting go of their buffers
        due = time.monotonic()
        try:
            while self._running:
                with self._lock:
                    tail, self._tail = self._tail, None
                if tail is not None:  # a handover: drop what is queued, play the fade-out, read again now
                    for play in playing:
                        play.stop()
                    stopped += playing  # waited for at the end, not here: a handover must not wait
                    playing = [simpleaudio.play_buffer(_pcm(tail), 2, 2, SAMPLE_RATE)] if len(tail) else []
                    carry = np.zeros((overlap, 2), np.float32)
                    due = time.monotonic()
                if self._wake.wait(max(0.0, due - time.monotonic())):
                    self._wake.clear()
                    continue
                if ready:
                    due += self._wait_for_audio(ready)  # a chunk that waited starts (and ends) that much later
                with self._reading:
                    if self._tail is not None:
                        continue  # a handover came first
                    available = ready() if ready else int(CHUNK_S * SAMPLE_RATE)
                    frames = int(min(CHUNK_S * SAMPLE_RATE, max(MIN_CHUNK_S * SAMPLE_RATE, available)))
                    fresh = source(frames)
                    with self._lock:
                        self._handed += frames
                buffer = np.concatenate([carry, fresh])
                buffer[:overlap] *= fade
                buffer[-overlap:] *= fade[::-1]
                carry = fresh[-overlap:].copy()
                playing = [p for p in playing if p.is_playing()]  # a finished buffer's thread has let go of it
                stopped = [p for p in stopped if p.is_playing()]
                playing.append(simpleaudio.play_buffer(_pcm(buffer), 2, 2, SAMPLE_RATE))
                due += frames / SAMPLE_RATE
        except Exception as error:  # the ALSA device went away
            if self._running:
                on_error(f"the audio output failed: {error}")
        finally:
            # simpleaudio plays each buffer in a C thread of its own that frees the buffer when it ends; one
            # still running when Python shuts down frees into a finalised allocator (SIGSEGV at exit). So
            # every buffer is stopped and waited for before this thread ends.
            for play in playing:
                play.stop()
            for play in stopped + playing:
                play.wait_done()

    def _wait_for_audio(self, ready) -> float:
        """Wait (a few ms, at most FILL_WAIT_S) until the mixer has FILL_S ready: a chunk read before would be
        padded with silence, a hole in the middle of a word (seen under load just after a seek), or be short, one
        more join. Returns the seconds waited; the clock of what is heard moves by as much."""
        began = time.monotonic()
        while ready() < FILL_S * SAMPLE_RATE and time.monotonic() < began + FILL_WAIT_S and self._running \
                and self._tail is None:
            time.sleep(0.005)
        waited = time.monotonic() - began if ready() < 1 << 30 else 0.0
        if waited > 0.001:
            with self._lock:
                base, since = self._clock
                if self._handed == base:  # nothing handed since the clock was set: it starts later
                    self._clock = (base, since + waited)
        return waited if waited > 0.001 else 0.0

    def stop(self) -> None:
        self._running = False
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)  # it stops its buffers (a few ms each); 5 s only if the device hangs
            self._thread = None


def _pcm(audio: np.ndarray) -> np.ndarray:
    return (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16)

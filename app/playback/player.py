"""The player: a state machine that renders ahead in a thread and feeds an output backend (the feed itself,
with its fades and handovers, is `output_feed.OutputFeed`).

Position comes from the frames the output reports as played. Pause, stop, seek and the sleep timer
fade the output so nothing clicks. If rendering falls behind (speech still being synthesised), the
player waits in the buffering state and plays silence without advancing, never a gap in the session.
"""

import bisect
import threading
import time
from collections import deque
from collections.abc import Callable

import numpy as np

from app.audio.compiler import compile_in_background
from app.audio.mixer import Mixer
from app.audio.sampling import SAMPLE_RATE
from app.audio.timeline import Timeline
from app.playback.output_backend import OutputBackend, OutputUnavailable
from app.playback.output_feed import HANDOVER_TAIL_S, SEEK_FADE_S, OutputFeed
from app.playback.state import State
from app.session.model import Session

PAUSE_FADE_S = 0.04
STOP_FADE_S = 0.1
SLEEP_FADE_S = 30.0
READ_AHEAD_S = 1.2
PREVIOUS_RESTARTS_AFTER_S = 3.0
KEPT_ON_CHANGE_FRAMES = int(0.1 * SAMPLE_RATE)  # a change of gain is heard after what is kept: 0.1 s


class Player(OutputFeed):
    def __init__(self, backend: OutputBackend, listener: Callable[[State], None] | None = None):
        self.backend = backend
        self.listener = listener
        self._state = State.STOPPED
        self._end_out: int | None = None  # the output frame after the last one of the session, once handed
        self.error_message = ""
        self.timeline: Timeline | None = None
        self.mixer: Mixer | None = None
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._blocks: deque[np.ndarray] = deque()
        self._buffered = 0
        self._read_frame = 0  # the next session frame to hand to the output
        self._render_frame = 0  # the next session frame to render
        self._generation = 0  # bumped by a seek: blocks of older generations are dropped
        self._rendered_to_end = False
        self._gain = 0.0
        self._target_gain = 1.0
        self._gain_step = 1.0
        self._after_fade: Callable[[], None] | None = None
        self._out_counter = 0
        self._map: deque[tuple[int, int, int]] = deque()  # (output frame, session frame, frames) handed out
        self._history: deque[tuple[int, np.ndarray]] = deque()  # (session frame, audio) handed out lately
        self._stop_frame: int | None = None
        self._sleep_at: float | None = None
        self._sleep_fade_s = SLEEP_FADE_S
        self._started_output = False
        self._start_pending = False
        self._last_position = 0
        self._producer: threading.Thread | None = None
        self._closed = False

    # -- control ---------------------------------------------------------------------------------
    def load(self, session: Session, start_s: float = 0.0, stop_after_s: float | None = None,
             bed_gains: list[float] | None = None) -> None:
        """Prepare `session` from `start_s` (speech is synthesised in the background), each bed at its gain in
        `bed_gains` when given."""
        self.close_producer()
        with self._lock:
            self.timeline = compile_in_background(session)
            self.mixer = Mixer(self.timeline)
            for place, gain in enumerate(bed_gains or ()):
                self.mixer.set_bed_gain(place, gain)
            self._read_frame = self._render_frame = self._last_position = int(round(start_s * SAMPLE_RATE))
            self._stop_frame = self._read_frame + int(stop_after_s * SAMPLE_RATE) if stop_after_s else None
            self._blocks.clear()
            self._buffered = 0
            self._rendered_to_end = False
            self._closed = False
            self._set_state(State.LOADING)
        self._producer = threading.Thread(target=self._produce, name="player-render", daemon=True)
        self._producer.start()

    def play(self) -> None:
        """Start (or resume) playing; the first block plays as soon as it is rendered."""
        with self._lock:
            if self._state in (State.PLAYING, State.BUFFERING) or self.timeline is None:
                return
            if self.state == State.ENDED:
                self._seek_now(0)
            resuming = self._started_output and self._long_buffers()
            if not resuming:
                self._fade_to(1.0, PAUSE_FADE_S)
                self._set_state(State.PLAYING if self._buffered else State.BUFFERING)
        if resuming:
            return self._handover(self._read_frame, pause=False)
        if not self._started_output and not self._start_pending:
            reason = self.backend.unavailable_reason()
            if reason:
                raise OutputUnavailable(reason)
            self._start_pending = True
            self._start_output_when_ready()

    def _start_output_when_ready(self) -> None:
        """Open the output once the first audio is rendered, so it starts with sound, not with queued silence."""
        with self._lock:
            first = min(self.backend.buffer_s, 2.0) * SAMPLE_RATE if self._long_buffers() else 1  # long: few joins
            ready = self._start_pending and (self._buffered >= first or self._rendered_to_end or self._state == State.ERROR)
            if not ready:
                return
            self._start_pending = False
            self._started_output = True
        try:
            self.backend.start(self.read, self._output_failed, self.buffered_frames)
        except OutputUnavailable as error:
            self._output_failed(str(error))

    def pause(self) -> None:
        if self._long_buffers() and self._state in (State.PLAYING, State.BUFFERING):
            return self._handover(None, pause=True)
        with self._lock:
            if self._state in (State.PLAYING, State.BUFFERING):
                self._fade_to(0.0, PAUSE_FADE_S, then=lambda: self._set_state(State.PAUSED))

    def toggle(self) -> None:
        if self._state in (State.PLAYING, State.BUFFERING):
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        """Fade out briefly, then release the output."""
        if self._long_buffers() and self._state in (State.PLAYING, State.BUFFERING) and self._started_output:
            self._handover(None, pause=True)
            time.sleep(HANDOVER_TAIL_S + 0.05)
            return self._release(State.STOPPED)
        with self._lock:
            if self._state in (State.PLAYING, State.BUFFERING) and self._started_output:
                done = threading.Event()
                self._fade_to(0.0, STOP_FADE_S, then=done.set)
            else:
                done = None
        if done is not None:
            deadline = time.monotonic() + STOP_FADE_S + 0.5
            while not done.is_set() and time.monotonic() < deadline:
                self.backend.process_events()
                done.wait(0.005)
        self._release(State.ENDED if self.state == State.ENDED else State.STOPPED)

    def seek(self, seconds: float) -> None:
        """Jump to `seconds` (clamped to the session); a tiny fade hides the cut."""
        frame = max(0, int(round(seconds * SAMPLE_RATE)))
        if self.timeline and self.timeline.total_frames is not None:
            frame = min(frame, self.timeline.total_frames)
        if self._long_buffers() and self._state in (State.PLAYING, State.BUFFERING):
            return self._handover(frame, pause=False)
        with self._lock:
            if self._state in (State.PLAYING, State.BUFFERING) and self._gain > 0:
                self._fade_to(0.0, SEEK_FADE_S, then=lambda: (self._seek_now(frame), self._fade_to(1.0, SEEK_FADE_S)))
            else:
                self._seek_now(frame)

    def next_chapter(self) -> float | None:
        """Jump to the next chapter; returns where to (seconds), None when there is none."""
        starts = [c.start for c in self.chapters()]
        position = self.position_frames()
        later = [s for s in starts if s > position + SAMPLE_RATE // 2]
        if not later:
            return None
        self.seek(later[0] / SAMPLE_RATE)
        return later[0] / SAMPLE_RATE

    def previous_chapter(self) -> float:
        """Back to this chapter's start, or to the previous chapter within its first seconds; returns where to."""
        starts = [c.start for c in self.chapters()]
        position = self.position_frames()
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            self.seek(0)
            return 0.0
        if position - starts[index] < PREVIOUS_RESTARTS_AFTER_S * SAMPLE_RATE and index > 0:
            index -= 1
        self.seek(starts[index] / SAMPLE_RATE)
        return starts[index] / SAMPLE_RATE

    def set_volume(self, bus: str, gain: float) -> None:
        """Live volume of a bus (voice, ambient, bells), 0..1.5; heard at once (what was rendered ahead is redone)."""
        if self.mixer is None:
            return
        self.mixer.set_volume(bus, gain)
        self._redo_ahead()

    def set_bed_gain(self, place: int, gain: float) -> None:
        """Live gain of one bed (a layer of a Sounds mix), 0 (not made at all) to 1; heard at once."""
        if self.mixer is None:
            return
        self.mixer.set_bed_gain(place, gain)
        self._redo_ahead()

    def _redo_ahead(self) -> None:
        """Render again what was rendered ahead of the listener (but its next 0.1 s, which keeps the output fed), so
        a change of gain is heard at once, without a gap."""
        if self._long_buffers() and self._state in (State.PLAYING, State.BUFFERING):
            return self._handover(self.position_frames(), pause=False)
        with self._lock:
            if self.timeline is None:
                return
            self._generation += 1  # the producer starts again where what is kept ends
            kept, count = deque(), 0
            for block in self._blocks:  # the next moments stay, so the output never runs dry
                if count >= KEPT_ON_CHANGE_FRAMES:
                    break
                kept.append(block[:KEPT_ON_CHANGE_FRAMES - count])
                count += len(kept[-1])
            self._blocks, self._buffered = kept, count
            self._render_frame = self._read_frame + count
            self._rendered_to_end = False
            self._end_out = None
            self._wake.notify_all()

    def buffered_frames(self) -> int:
        """Frames ready to hand to the output without a gap."""
        with self._lock:
            return self._buffered if self._state in (State.PLAYING, State.BUFFERING) else 1 << 30

    def _long_buffers(self) -> bool:
        return self.backend.buffer_s > 0.5

    def _read_ahead_frames(self) -> int:
        return int((max(READ_AHEAD_S, self.backend.buffer_s) + 1.0) * SAMPLE_RATE)

    def set_sleep_timer(self, minutes: float | None, fade_s: float | None = None) -> None:
        """After `minutes`, having faded out over the last `fade_s` (SLEEP_FADE_S unless given), pause; None cancels."""
        fade_s = SLEEP_FADE_S if fade_s is None else fade_s
        with self._lock:
            self._sleep_at = time.monotonic() + minutes * 60 if minutes else None
            self._sleep_fade_s = min(fade_s, minutes * 60) if minutes else fade_s

    def close_producer(self) -> None:
        with self._lock:
            self._closed = True
            self._wake.notify_all()
            timeline = self.timeline
        if timeline is not None:
            timeline.stop()
        if self._producer is not None:
            self._producer.join(timeout=5)
            self._producer = None

    # -- what the UI reads -----------------------------------------------------------------------
    @property
    def state(self) -> State:
        """The state; the session has ended only once the output has played its last frame."""
        self._check_sleep_timer()
        self._start_output_when_ready()
        with self._lock:
            if self._state in (State.PLAYING, State.BUFFERING) and self._end_out is not None and \
                    self.backend.played_frames() >= self._end_out:
                self._set_state(State.ENDED)
            return self._state

    def position_frames(self) -> int:
        """The session frame the listener is hearing now (the last one heard once the output is released)."""
        self._start_output_when_ready()
        if not self._started_output:
            return self._last_position
        played = self.backend.played_frames()
        with self._lock:
            position = self._map[0][1] if self._map else self._read_frame
            for out_start, session_start, count in reversed(self._map):
                if played >= out_start:
                    position = session_start + min(played - out_start, count)
                    break
            self._last_position = position
            return position

    @property
    def position_s(self) -> float:
        return self.position_frames() / SAMPLE_RATE

    @property
    def duration_s(self) -> float | None:
        if self.timeline is None or self.timeline.total_frames is None:
            return None
        return self.timeline.total_frames / SAMPLE_RATE

    def chapters(self) -> list:
        return list(self.timeline.chapters) if self.timeline else []

    def current_chapter(self):
        position = self.position_frames()
        found = None
        for chapter in self.chapters():
            if chapter.start <= position:
                found = chapter
        return found

    def current_cue(self):
        if self.timeline is None:
            return None
        position = self.position_frames()
        cues = list(self.timeline.cues)
        index = bisect.bisect_right([c.start for c in cues], position) - 1
        if index >= 0 and cues[index].start <= position < cues[index].end:
            return cues[index]
        return None

    def _seek_now(self, frame: int) -> None:
        self._generation += 1
        self._end_out = None
        self._blocks.clear()
        self._buffered = 0
        self._read_frame = self._render_frame = frame
        self._rendered_to_end = False
        self._map.append((self._out_counter, frame, 0))
        if self._state == State.ENDED:
            self._set_state(State.PAUSED)
        self._wake.notify_all()

    def _at_end(self) -> bool:
        if self._stop_frame is not None and self._read_frame >= self._stop_frame:
            return True
        return self._rendered_to_end and self._buffered == 0

    def _check_sleep_timer(self) -> None:
        """Start the sleep fade when it is due (the UI's polling of `state` drives this)."""
        with self._lock:
            if self._sleep_at is None or time.monotonic() < self._sleep_at - self._sleep_fade_s:
                return
            self._sleep_at, fade_s = None, self._sleep_fade_s
            playing = self._state in (State.PLAYING, State.BUFFERING)
        if playing and self._long_buffers():  # what the output queued has no fade in it yet: re-read from here
            self._handover(self.position_frames(), pause=False, fade_in=False)
        with self._lock:
            self._fade_to(0.0, fade_s, then=lambda: self._set_state(State.PAUSED))

    def _output_failed(self, message: str) -> None:
        with self._lock:
            self.error_message = message
            self._set_state(State.ERROR)

    def _release(self, state: State) -> None:
        self.position_frames()  # remember where the listener was
        self.close_producer()
        self._start_pending = False
        if self._started_output:
            self.backend.stop()
            self._started_output = False
        with self._lock:
            self._set_state(state)

    def _set_state(self, state: State) -> None:
        if state != self._state:
            self._state = state
            if self.listener:
                self.listener(state)

    # -- the render thread -----------------------------------------------------------------------
    def _produce(self) -> None:
        generation, blocks = -1, None
        try:
            while True:
                with self._lock:
                    self._wake.wait_for(lambda current=generation: self._closed or (not self._rendered_to_end and (
                        self._generation != current or self._buffered < self._read_ahead_frames())))
                    if self._closed:
                        return
                    if self._generation != generation:
                        generation, blocks = self._generation, self.mixer.render(self._render_frame)
                block = next(blocks, None)
                with self._lock:
                    if generation != self._generation:
                        continue
                    if block is None:
                        self._rendered_to_end = True
                        continue
                    self._blocks.append(block)
                    self._buffered += len(block)
                    self._render_frame += len(block)
                    if self._state == State.LOADING:
                        self._set_state(State.PAUSED)
        except Exception as error:  # the compile failed (e.g. no speech engine): say so, do not hang
            with self._lock:
                if self._closed:
                    return
                self.error_message = str(error)
                self._set_state(State.ERROR)

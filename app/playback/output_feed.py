"""What the player drives: the output's feed. The output's thread calls `read(frames)`; blocks rendered ahead are
handed out with a gain ramp (fades for pause, stop and seek), and each handed block is mapped to the output's
frame counter so the position is what the listener hears. Outputs with long buffers get a handover instead of a
fade: what they queued is dropped and a few milliseconds of fade-out play before reading goes on.

A mixin of `Player`: the state it reads and writes is the player's own, under the player's lock.
"""

from collections.abc import Callable

import numpy as np

from app.audio.sampling import SAMPLE_RATE
from app.playback.state import State

HANDOVER_TAIL_S = 0.04
SEEK_FADE_S = 0.015


class OutputFeed:
    def _handover(self, resume_frame: int | None, pause: bool, fade_in: bool = True) -> None:
        """For outputs with long buffers: what they queued is dropped; a short fade-out of what is heard plays,
        and reading goes on from `resume_frame` (or, paused, from the heard frame), fading in."""
        heard = self.position_frames()
        with self._lock:
            tail = self._tail_from(heard) if self._state in (State.PLAYING, State.BUFFERING) else np.zeros((0, 2), np.float32)

        def rewind(played: int) -> None:
            with self._lock:
                self._out_counter = played
                self._map.clear()
                self._history.clear()
                self._seek_now(heard if resume_frame is None else resume_frame)
                self._gain = 0.0 if fade_in or pause else self._gain
                self._after_fade = None
                if pause:
                    self._target_gain = 0.0
                    self._set_state(State.PAUSED)
                else:
                    if fade_in:
                        self._fade_to(1.0, SEEK_FADE_S)
                    self._set_state(State.PLAYING if self._buffered else State.BUFFERING)

        self.backend.interrupt(tail, rewind)

    def _tail_from(self, frame: int) -> np.ndarray:
        """The next few milliseconds after `frame`, as handed out, fading to silence."""
        frames = int(HANDOVER_TAIL_S * SAMPLE_RATE)
        pieces = []
        for start, audio in self._history:
            lo, hi = max(frame, start), min(frame + frames, start + len(audio))
            if hi > lo:
                pieces.append(audio[lo - start: hi - start])
        tail = np.concatenate(pieces) if pieces else np.zeros((0, 2), np.float32)
        return tail * np.linspace(1.0, 0.0, len(tail), dtype=np.float32)[:, None]

    def read(self, frames: int) -> np.ndarray:
        """`frames` frames for the output (silence while paused or buffering). Called on the output's thread."""
        out = np.zeros((frames, 2), np.float32)
        with self._lock:
            if self._state not in (State.PLAYING, State.BUFFERING) and self._after_fade is None:
                self._out_counter += frames
                return out
            taken = self._take(frames)
            count = len(taken)
            if count:
                out[:count] = taken * self._ramp(count)[:, None]
                self._map.append((self._out_counter, self._read_frame, count))
                self._history.append((self._read_frame, out[:count]))
                while len(self._map) > 64:
                    self._map.popleft()
                while len(self._history) > 2 and self._read_frame - self._history[1][0] > self._read_ahead_frames():
                    self._history.popleft()
                self._read_frame += count
                if self._state == State.BUFFERING and self._after_fade is None:
                    self._set_state(State.PLAYING)
            elif not self._at_end() and self._state == State.PLAYING:
                self._set_state(State.BUFFERING)
            self._out_counter += frames
            if self._after_fade is not None and (self._gain == self._target_gain or count == 0):
                then, self._after_fade = self._after_fade, None
                self._gain = self._target_gain
                then()
            if self._at_end() and self._end_out is None and self._state in (State.PLAYING, State.BUFFERING):
                self._end_out = self._out_counter - frames + count
            self._wake.notify_all()
        return out

    def _take(self, frames: int) -> np.ndarray:
        if self._stop_frame is not None:
            frames = min(frames, max(0, self._stop_frame - self._read_frame))
        pieces, needed = [], frames
        while needed and self._blocks:
            block = self._blocks[0]
            piece = block[:needed]
            pieces.append(piece)
            needed -= len(piece)
            if len(piece) == len(block):
                self._blocks.popleft()
            else:
                self._blocks[0] = block[len(piece):]
        taken = np.concatenate(pieces) if pieces else np.zeros((0, 2), np.float32)
        self._buffered -= len(taken)
        return taken

    def _ramp(self, count: int) -> np.ndarray:
        steps = self._gain + np.arange(1, count + 1) * self._gain_step * np.sign(self._target_gain - self._gain)
        low, high = sorted((self._gain, self._target_gain))
        ramp = np.clip(steps, low, high).astype(np.float32)
        self._gain = float(ramp[-1]) if count else self._gain
        return ramp

    def _fade_to(self, gain: float, seconds: float, then: Callable[[], None] | None = None) -> None:
        self._target_gain = gain
        self._gain_step = 1.0 / max(1, int(seconds * SAMPLE_RATE))
        self._after_fade = then
        if then is not None and self._gain == gain:
            self._after_fade = None
            then()


"""A session's timeline: every sound at a sample-exact start, chapters and transcript cues.

A Timeline can be consumed while it is still growing (the compiler in `app.audio.compiler` fills it):
`wait_for(frame)` blocks until everything that starts before `frame` is placed.
"""

import bisect
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from app.audio.sampling import SAMPLE_RATE
from app.session.model import SoundRef


@dataclass(frozen=True)
class Placed:
    """One sound on a bus, from `start` for `frames` frames; `load()` returns mono or stereo float32."""

    start: int
    frames: int
    bus: str  # "voice" or "bells" (bells and cue tones)
    load: Callable[[], np.ndarray]
    gain: float = 1.0
    key: str = ""  # identifies the audio, for caching loaded clips

    @property
    def end(self) -> int:
        return self.start + self.frames


@dataclass(frozen=True)
class Cue:
    """A line of the transcript: a spoken sentence, or a breathing phase."""

    text: str
    start: int
    end: int
    kind: str = "speech"
    # for speech, what comes before it: "step", "thought", "paragraph", "pause" (a [pause] mark), a poem's "line"
    # or a rehearsed "phrase" (the last three are the author's own silences)
    opens: str = ""


@dataclass(frozen=True)
class ChapterMark:
    title: str
    start: int
    end: int


@dataclass
class BedTrack:
    """A bed from `start` to the end, its level in dB as points (frame, gain_db) joined by straight lines."""

    sound: SoundRef
    start: int
    fade_in: int
    fade_out: int
    points: list[tuple[int, float]]
    seed: int = 0  # a generated bed's randomness


@dataclass
class Timeline:
    title: str
    sample_rate: int = SAMPLE_RATE
    items: list[Placed] = field(default_factory=list)
    voice_spans: list[tuple[int, int]] = field(default_factory=list)
    beds: list[BedTrack] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    chapters: list[ChapterMark] = field(default_factory=list)
    ducking_db: float = 3.0
    seed: int = 0  # the generated beds' randomness (each bed adds its place in the list)
    fade_out: int = 0
    known_frames: int = 0  # everything that starts before this frame is placed
    least_total: int = 0  # the session is at least this long (pauses, breaths and bells still to come)
    total_frames: int | None = None  # set when the compile is complete
    error: BaseException | None = None
    longest_item: int = 0
    practices: list = field(default_factory=list)  # (start frame, Practice) of each breathing practice
    _condition: threading.Condition = field(default_factory=threading.Condition, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _on_stop: list = field(default_factory=list, repr=False)  # called by stop() before it waits (ends speech at once)
    _thread: threading.Thread | None = field(default=None, repr=False)

    def stop(self) -> None:
        """Stop a background compile (the sentence being spoken ends at once) and wait for it."""
        self._stopping.set()
        for hook in self._on_stop:
            hook()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def add(self, item: Placed) -> None:
        with self._condition:
            bisect.insort(self.items, item, key=lambda placed: placed.start)
            self.longest_item = max(self.longest_item, item.frames)

    def advance(self, frame: int, least_total: int = 0) -> None:
        with self._condition:
            self.known_frames = max(self.known_frames, frame)
            self.least_total = max(self.least_total, least_total, frame)
            self._condition.notify_all()

    def finish(self, total_frames: int | None, error: BaseException | None = None) -> None:
        with self._condition:
            self.total_frames = total_frames
            self.error = error
            if total_frames is not None:
                self.known_frames = self.least_total = total_frames
            self._condition.notify_all()

    @property
    def complete(self) -> bool:
        return self.total_frames is not None or self.error is not None

    def wait_for(self, frame: int, end_margin: int = 0, timeout_s: float | None = None) -> bool:
        """Block until everything starting before `frame` is placed and the session surely lasts `end_margin`
        beyond it (or the compile ends); False on timeout."""
        def ready_now() -> bool:
            return self.complete or (self.known_frames >= frame and self.least_total >= frame + end_margin)

        with self._condition:
            ready = self._condition.wait_for(ready_now, timeout_s)
        if self.error is not None:
            raise self.error
        return ready

    def items_between(self, start: int, end: int) -> list[Placed]:
        with self._condition:
            first = bisect.bisect_left(self.items, start - self.longest_item, key=lambda placed: placed.start)
            last = bisect.bisect_left(self.items, end, key=lambda placed: placed.start)
            return [item for item in self.items[first:last] if item.end > start]

    @property
    def seconds(self) -> float:
        return (self.total_frames or self.known_frames) / self.sample_rate

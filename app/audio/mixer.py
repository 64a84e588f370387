"""The streaming mixer: a Timeline in, float32 stereo blocks at 44.1 kHz out, from any start frame.

Memory does not grow with the session: clips are loaded when their block is rendered and dropped after.
Buses (voice, ambient, bells) are rendered separately and summed with the current bus gains, so a
volume change is heard in the next block.
"""

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from app.audio.ambient import bed_source
from app.audio.ducking import LEAD_FRAMES, dip_db, duck_amount
from app.audio.limiter import MARGIN_FRAMES, limiter_gain
from app.audio.sampling import db_to_gain, raised_cosine
from app.audio.timeline import Placed, Timeline
from app.failures import Cancelled

BLOCK_FRAMES = 16384
CONTROL_FRAMES = 64  # beds' gains change every 1.5 ms
BUSES = ("voice", "ambient", "bells")
CANCEL_POLL_S = 0.05
MASTER_GAIN_DB = -0.3  # with VOICE_IN_MIX_DB, centres the shipped library on -16 LUFS voice-gated
VOICE_IN_MIX_DB = -1.6  # every spoken clip (levelled, cached) is placed this much lower; beds and bells keep their level


@dataclass(frozen=True)
class MixedBlock:
    """A block of the mix from `start`: the limited output, and on request each bus before the limiter."""

    start: int
    mix: np.ndarray
    limiter_gain: np.ndarray | None  # per frame; None when the limiter left the block alone
    buses: dict[str, np.ndarray] | None = None


class Mixer:
    def __init__(self, timeline: Timeline, block_frames: int = BLOCK_FRAMES):
        assert block_frames > MARGIN_FRAMES
        self.timeline = timeline
        self.block_frames = block_frames
        self.bus_gains = {bus: 1.0 for bus in BUSES}  # linear; change at any time
        self._raw: OrderedDict[int, dict[str, np.ndarray]] = OrderedDict()
        self._clips: OrderedDict[str, np.ndarray] = OrderedDict()
        self._sums: dict[int, tuple[tuple[float, ...], np.ndarray]] = {}
        self._bed_sources: dict[int, object] = {}  # by the bed's place in timeline.beds
        self._cancel = None  # what stops a render, also while a sound file's loop is prepared
        self.bed_gains = [1.0] * len(timeline.beds)  # linear, each bed's own (a Sounds mix's layers); 0: not made

    def set_volume(self, bus: str, gain: float) -> None:
        self.bus_gains[bus] = float(gain)

    def set_bed_gain(self, place: int, gain: float) -> None:
        """The live gain of the bed at `place` in timeline.beds; blocks made with the old gain are made again."""
        if self.bed_gains[place] != float(gain):
            self.bed_gains[place] = float(gain)
            self._raw.clear()
            self._sums.clear()

    def render(self, start_frame: int = 0, stop_frame: int | None = None, cancel=None) -> Iterator[np.ndarray]:
        """Limited stereo blocks from `start_frame` to the end (or `stop_frame`); blocks end on the block grid.

        While it waits for speech, `cancel` (anything with `is_set()`) is looked at every 50 ms: Cancelled.
        """
        return (part.mix for part in self.render_parts(start_frame, stop_frame, cancel))

    def render_parts(self, start_frame: int = 0, stop_frame: int | None = None, cancel=None,
                     with_buses: bool = False) -> Iterator[MixedBlock]:
        """As `render`, each block with the limiter's gain and (`with_buses`) the buses before the limiter."""
        self._cancel = cancel
        frame = start_frame
        while True:
            block_index = frame // self.block_frames
            end_margin = max([t.fade_out for t in self.timeline.beds] + [self.timeline.fade_out]) + self.block_frames
            # the block and the next one (the limiter looks ahead into it) are summed: everything that starts
            # before the next one ends must be placed, and the voices just after it, which the beds dip for
            needed = (block_index + 2) * self.block_frames + LEAD_FRAMES
            while not self.timeline.wait_for(needed, end_margin,
                                             timeout_s=None if cancel is None else CANCEL_POLL_S):
                if cancel.is_set():
                    raise Cancelled
            total = self.timeline.total_frames
            end = (block_index + 1) * self.block_frames
            if total is not None:
                end = min(end, total)
            if stop_frame is not None:
                end = min(end, stop_frame)
            if end <= frame:
                return
            yield self.block(frame, end - frame, with_buses)
            frame = end

    def block(self, start: int, frames: int, with_buses: bool = False) -> MixedBlock:
        """The limited mix of [start, start + frames); the range must lie within one block of the grid."""
        first = (start - MARGIN_FRAMES) // self.block_frames
        last = (start + frames + MARGIN_FRAMES - 1) // self.block_frames
        window = np.concatenate([self._summed(index) for index in range(first, last + 1)])
        offset = start - MARGIN_FRAMES - first * self.block_frames
        gain = limiter_gain(window[offset: offset + frames + 2 * MARGIN_FRAMES])
        middle = window[offset + MARGIN_FRAMES: offset + MARGIN_FRAMES + frames]
        mix = middle.copy() if gain is None else (middle * gain[:, None]).astype(np.float32)
        buses = None
        if with_buses:
            index, master = start // self.block_frames, db_to_gain(MASTER_GAIN_DB)
            within = start - index * self.block_frames
            buses = {bus: audio[within: within + frames] * (self.bus_gains[bus] * master)
                     for bus, audio in self._raw_block(index).items()}
        return MixedBlock(start, mix, gain, buses)

    def _summed(self, index: int) -> np.ndarray:
        gains = tuple(self.bus_gains[bus] for bus in BUSES)
        cached = self._sums.get(index)
        if cached is not None and cached[0] == gains:
            return cached[1]
        buses = self._raw_block(index)
        out = np.zeros((self.block_frames, 2), np.float32)
        for bus, gain in zip(BUSES, gains, strict=True):
            out += buses[bus] * (gain * db_to_gain(MASTER_GAIN_DB))
        self._sums[index] = (gains, out)
        while len(self._sums) > 4:
            self._sums.pop(next(iter(self._sums)))
        return out

    def _raw_block(self, index: int) -> dict[str, np.ndarray]:
        if index in self._raw:
            self._raw.move_to_end(index)
            return self._raw[index]
        start, frames = index * self.block_frames, self.block_frames
        buses = {bus: np.zeros((frames, 2), np.float32) for bus in BUSES}
        if index >= 0:
            for item in self.timeline.items_between(start, start + frames):
                self._add_item(buses[item.bus], item, start)
            self._add_beds(buses["ambient"], start, frames)
            self._master_fade(buses, start, frames)
        self._raw[index] = buses
        while len(self._raw) > 4:
            self._raw.popitem(last=False)
        return buses

    def _clip(self, item: Placed) -> np.ndarray:
        key = item.key or str(id(item))
        if key not in self._clips:
            self._clips[key] = item.load()
            while len(self._clips) > 24:
                self._clips.popitem(last=False)
        self._clips.move_to_end(key)
        return self._clips[key]

    def _add_item(self, out: np.ndarray, item: Placed, start: int) -> None:
        audio = self._clip(item)[: item.frames]
        lo, hi = max(item.start, start), min(item.start + len(audio), start + len(out))
        if hi <= lo:
            return
        part = audio[lo - item.start: hi - item.start] * item.gain
        out[lo - start: hi - start] += part[:, None] if part.ndim == 1 else part

    def _add_beds(self, out: np.ndarray, start: int, frames: int) -> None:
        """Beds with their levels, fades and ducking; gains are computed every CONTROL_FRAMES (smooth enough)."""
        timeline = self.timeline
        if not timeline.beds:
            return
        t = np.arange(start, start + frames, CONTROL_FRAMES)
        duck = db_to_gain(-dip_db(timeline.ducking_db)) ** duck_amount(timeline.voice_spans, start, frames, CONTROL_FRAMES)
        total = timeline.total_frames
        for place, track in enumerate(timeline.beds):
            if track.start >= start + frames or self.bed_gains[place] == 0:
                continue
            relative = t - track.start
            frames_at, levels = zip(*track.points, strict=True)
            gain = 10.0 ** (np.interp(t, frames_at, levels) / 20.0) * duck * self.bed_gains[place]
            gain *= np.clip(relative / max(track.fade_in, 1), 0.0, 1.0) ** 2
            if total is not None:  # the bed's own fade, at least as long as the session's: the bed fades once
                gain *= np.clip((total - t) / max(track.fade_out, timeline.fade_out, 1), 0.0, 1.0) ** 2
            gain[relative < 0] = 0.0
            per_frame = np.repeat(gain.astype(np.float32), CONTROL_FRAMES)[:frames]
            if place not in self._bed_sources:
                self._bed_sources[place] = bed_source(track.sound, track.seed, self._cancel)
            skip = max(0, track.start - start)  # the bed has not begun there yet
            out[skip:] += self._bed_sources[place].frames(start + skip - track.start, frames - skip) * per_frame[skip:, None]

    def _master_fade(self, buses: dict[str, np.ndarray], start: int, frames: int) -> None:
        total, fade = self.timeline.total_frames, self.timeline.fade_out
        if total is None or fade <= 0 or start + frames <= total - fade:
            return
        curve = np.zeros(frames, np.float32)
        ramp = raised_cosine(fade, rising=False)
        t = np.arange(start, start + frames)
        inside = (t >= total - fade) & (t < total)
        curve[t < total - fade] = 1.0
        curve[inside] = ramp[t[inside] - (total - fade)]
        for bus, audio in buses.items():
            if bus != "ambient":  # the beds have their own fade-out, at least as long (one fade, not two)
                audio *= curve[:, None]

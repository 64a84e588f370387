"""The phases of a breathing practice as pure functions of elapsed time."""

import bisect
import math
from dataclasses import dataclass, replace
from functools import cached_property

from app.session.model import BreathPattern, Lengthen, Slow

FIELDS = {"inhale": "inhale_s", "hold": "hold_in_s", "exhale": "exhale_s", "rest": "hold_out_s"}


def _progressed(pattern: BreathPattern, progression: Lengthen | Slow, cycle: int, elapsed_s: float) -> BreathPattern:
    if isinstance(progression, Lengthen):
        field = FIELDS[progression.phase]
        steps = cycle // progression.every_cycles
        start = getattr(pattern, field)
        longer = min(max(start, progression.up_to_s), start + steps * progression.by_s)
        return replace(pattern, **{field: round(longer, 3)})
    share = min(1.0, elapsed_s / progression.over_s) if progression.over_s > 0 else 1.0
    bpm = progression.from_bpm + (progression.to_bpm - progression.from_bpm) * share
    scale = (60.0 / bpm) / pattern.cycle_s
    return replace(pattern, **{f: round(getattr(pattern, f) * scale, 3) for f in (*FIELDS.values(), "top_up_s")})

PHASE_NAMES = {"inhale": "Breathe in", "top-up": "A little more", "hold": "Hold", "exhale": "Breathe out", "rest": "Rest"}


@dataclass(frozen=True)
class Phase:
    kind: str  # inhale, top-up, hold (after inhale), exhale, rest (hold after exhale)
    start_s: float
    seconds: float
    cycle: int  # 0-based

    @property
    def end_s(self) -> float:
        return self.start_s + self.seconds


def cycle_phases(pattern: BreathPattern) -> list[tuple[str, float]]:
    """(kind, seconds) for one breath, zero-length phases left out."""
    phases = [("inhale", pattern.inhale_s), ("top-up", pattern.top_up_s), ("hold", pattern.hold_in_s),
              ("exhale", pattern.exhale_s), ("rest", pattern.hold_out_s)]
    return [(kind, seconds) for kind, seconds in phases if seconds > 0]


@dataclass(frozen=True)
class Practice:
    """A sequence of breaths; `patterns[i]` is the pattern of cycle i (a progression may change it)."""

    patterns: tuple[BreathPattern, ...]

    @classmethod
    def repeat(cls, pattern: BreathPattern, cycles: int) -> "Practice":
        return cls((pattern,) * cycles)

    @classmethod
    def planned(cls, pattern: BreathPattern, cycles: int, progression: Lengthen | Slow | None = None) -> "Practice":
        """`cycles` breaths of `pattern`, changed breath by breath by `progression`."""
        if progression is None:
            return cls.repeat(pattern, cycles)
        patterns, elapsed = [], 0.0
        for cycle in range(cycles):
            current = _progressed(pattern, progression, cycle, elapsed)
            patterns.append(current)
            elapsed += current.cycle_s
        return cls(tuple(patterns))

    @cached_property
    def phases(self) -> tuple[Phase, ...]:
        out, start = [], 0.0
        for cycle, pattern in enumerate(self.patterns):
            for kind, seconds in cycle_phases(pattern):
                out.append(Phase(kind, start, seconds, cycle))
                start += seconds
        return tuple(out)

    @cached_property
    def _starts(self) -> list[float]:
        return [phase.start_s for phase in self.phases]

    @property
    def seconds(self) -> float:
        return self.phases[-1].end_s if self.phases else 0.0

    def phase_at(self, elapsed_s: float) -> Phase | None:
        """The phase under way at `elapsed_s`; None before the start or after the end."""
        if elapsed_s < 0 or elapsed_s >= self.seconds:
            return None
        return self.phases[bisect.bisect_right(self._starts, elapsed_s) - 1]

    def time_left_s(self, elapsed_s: float) -> float:
        phase = self.phase_at(elapsed_s)
        return phase.end_s - elapsed_s if phase else 0.0

    def fullness(self, elapsed_s: float) -> float:
        """How full the lungs are (0..1, eased): rises through inhale and top-up, falls through exhale."""
        phase = self.phase_at(elapsed_s)
        if phase is None:
            return 0.0
        progress = (elapsed_s - phase.start_s) / phase.seconds
        eased = 0.5 - 0.5 * math.cos(math.pi * progress)
        pattern = self.patterns[phase.cycle]
        top = 0.85 if pattern.top_up_s > 0 else 1.0  # the top-up fills the last part
        if phase.kind == "inhale":
            return top * eased
        if phase.kind == "top-up":
            return top + (1 - top) * eased
        if phase.kind == "hold":
            return 1.0
        if phase.kind == "exhale":
            return 1.0 - eased
        return 0.0

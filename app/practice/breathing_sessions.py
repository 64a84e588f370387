"""A breathing practice as a session: a settling pause, the breaths, a closing bell; optional bed and progression."""

import math
from pathlib import Path

from app.failures import BadInput
from app.practice.breathing import Practice
from app.practice.presets import PRESETS
from app.session.loader import parse_pattern, pattern_problem
from app.session.model import Bed, Bells, BellStrike, Breathe, Chapter, Lengthen, Pause, Session, Slow, SoundRef, Voice
from app.session.names import BEDS, CUES
from app.session.pacing import BREATHING_SETTLE_S

DEFAULT_CYCLES = 6


def practice_session(pattern_name: str, cycles: int | None = None, minutes: float | None = None,
                     cues: tuple[str, ...] = ("tone",), eyes_closed: bool = False, pan: bool = False,
                     progression: Lengthen | Slow | None = None, ambient: str | None = None) -> Session:
    pattern = parse_pattern(pattern_name)
    if pattern is None:
        names = ", ".join(PRESETS)
        raise BadInput(f"unknown breathing pattern '{pattern_name}'; use one of {names}, or seconds like 4-4-6-0")
    problem = pattern_problem(pattern)
    if problem:
        raise BadInput(problem)
    for cue in cues:
        if cue not in CUES:
            raise BadInput(f"unknown cue '{cue}'; cues: {', '.join(CUES)}")
    if ambient is not None and ambient not in BEDS:
        raise BadInput(f"unknown ambient sound '{ambient}'; sounds: {', '.join(BEDS)}")
    if cycles is None and minutes is not None:
        cycles = cycles_for_minutes(pattern, minutes, progression)
    preset = PRESETS.get(pattern_name)
    cycles = cycles or (preset.default_cycles if preset else DEFAULT_CYCLES)
    title = preset.title if preset else f"Breathing {pattern_name}"
    breathe = Breathe(pattern, cycles, cues, eyes_closed, progression, pan)
    return Session(
        file=Path(f"breathing-{pattern_name}.yaml"), title=title, summary=preset.description if preset else "",
        steps=(Chapter(title), Pause(BREATHING_SETTLE_S), breathe), voice=Voice(rate=0.85),
        ambient=(Bed(SoundRef(ambient), -26.0, 3.0, 8.0),) if ambient else (),
        bells=Bells(end=BellStrike(SoundRef("bowl"), -12.0)), fade_out_s=4.0, tags=("breathing",))


def cycles_for_minutes(pattern, minutes: float, progression=None) -> int:
    """The number of whole breaths that comes closest to `minutes` (with the progression applied)."""
    target = minutes * 60
    cycles = max(1, math.floor(target / pattern.cycle_s))
    while Practice.planned(pattern, cycles + 1, progression).seconds <= target + pattern.cycle_s / 2:
        cycles += 1
    while cycles > 1 and Practice.planned(pattern, cycles, progression).seconds > target + pattern.cycle_s / 2:
        cycles -= 1
    return cycles

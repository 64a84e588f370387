"""Any session at the length you have: its silences stretch or shrink, its voice, bells and breaths do not.

Pauses, `[pause]` marks, rehearse gaps and poem line and stanza pauses are scaled by one factor; everything
else keeps its own timing. A session's length is linear in that factor, so one compile at its own length
tells what is fixed and what can move.
"""

from dataclasses import replace

from app.failures import BadInput
from app.session.durations import format_duration
from app.session.model import Pause, PoemStep, Rehearse, Say, Session

LONGEST_FACTOR = 3.0  # up to three times a session's own length
SAME_LENGTH_S = 0.5  # asking for a session's own length (within this) changes nothing


def scalable_seconds(session: Session) -> float:
    """The seconds of silence in `session` that `scaled` stretches."""
    total = 0.0
    for step in session.steps:
        if isinstance(step, Pause):
            total += step.seconds
        elif isinstance(step, Say):
            total += sum(part for part in step.parts if isinstance(part, float))
        elif isinstance(step, Rehearse):
            total += step.gap_s * step.repeat * len(step.phrases)
        elif isinstance(step, PoemStep):
            poem = step.poem
            lines = sum(len(stanza) for stanza in poem.stanzas)
            total += lines * poem.line_pause_s + (len(poem.stanzas) - 1) * max(0.0, poem.stanza_pause_s - poem.line_pause_s)
    return total


def scaled(session: Session, factor: float) -> Session:
    """`session` with every scalable silence multiplied by `factor`."""
    def step_scaled(step):
        if isinstance(step, Pause):
            return Pause(step.seconds * factor)
        if isinstance(step, Say):
            return replace(step, parts=tuple(part * factor if isinstance(part, float) else part for part in step.parts))
        if isinstance(step, Rehearse):
            return replace(step, gap_s=step.gap_s * factor)
        if isinstance(step, PoemStep):
            poem = step.poem
            return PoemStep(replace(poem, line_pause_s=poem.line_pause_s * factor, stanza_pause_s=poem.stanza_pause_s * factor))
        return step

    return replace(session, steps=tuple(step_scaled(step) for step in session.steps))


def at_length(session: Session, length_s: float, own_s: float) -> Session:
    """`session` stretched or shrunk to `length_s`, given that it lasts `own_s` as written."""
    movable = scalable_seconds(session)
    fixed = own_s - movable
    if abs(length_s - own_s) < SAME_LENGTH_S:
        return session
    longest = own_s * LONGEST_FACTOR
    if length_s < fixed:
        raise BadInput(f"--length {format_duration(length_s)} is too short: the shortest this session can be is "
                       f"{format_duration(fixed + 0.5)}")
    if length_s > longest + SAME_LENGTH_S:
        raise BadInput(f"--length {format_duration(length_s)} is too long: the longest this session can be is "
                       f"{format_duration(longest)} (three times its own length)")
    if movable <= 0:
        raise BadInput("this session has no pauses to stretch or shrink; it plays at its own length "
                       f"({format_duration(own_s)})")
    return replace(scaled(session, (length_s - fixed) / movable), length_s=length_s)

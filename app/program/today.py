"""Which program day a reference means (`today`, or `PROGRAM/N` to repeat a day or go ahead), and its practice as a
session to play."""

import re
from dataclasses import dataclass

from app.failures import BadInput
from app.program.model import Day, Program

DAY_REFERENCE = re.compile(r"(?P<program>[A-Za-z0-9][A-Za-z0-9_.-]*)/(?:day-?)?(?P<day>\d{1,3})")


@dataclass(frozen=True)
class ChosenDay:
    program: Program
    day: Day
    note: str | None = None  # a gentle word when the day is ahead of where the person is

    @property
    def title(self) -> str:
        """How the play is named in the journal: "Room to Breathe · Day 6: Unhooking"."""
        return f"{self.program.title.split(':')[0]} · Day {self.day.number}: {self.day.title}"


def is_day_reference(reference: str) -> bool:
    return reference == "today" or DAY_REFERENCE.fullmatch(reference) is not None


def choose_day(reference: str, progress) -> ChosenDay:
    """The day `reference` names, with `progress` (ProgramProgress) for `today`; BadInput when there is none."""
    from app.program.library import find_program

    if reference == "today":
        current = progress.current()
        if current is None:
            raise BadInput("no program is under way, so there is no day for today; `stillpoint program list` shows "
                           "them and `stillpoint program start ID` begins one")
        program = find_program(current.program_id)
        number = current.today(len(program.days))
        if number is None:
            raise BadInput(f"all {len(program.days)} days of {program.title} are done; repeat any of them with "
                           f"`stillpoint play {program.id}/N`")
        return ChosenDay(program, program.day(number))
    match = DAY_REFERENCE.fullmatch(reference)
    program = find_program(match["program"])
    number = int(match["day"])
    if not 1 <= number <= len(program.days):
        raise BadInput(f"{program.title} has days 1 to {len(program.days)}, not {number}")
    state = progress.of(program.id)
    where = state.today(len(program.days)) if state else 1
    note = None
    if where is not None and number > where and number not in (state.finished if state else ()):
        note = (f"Day {number} is ahead of day {where}, where you are; that is fine. The days in between will wait "
                "for you, and you can come back to them whenever you like.")
    return ChosenDay(program, program.day(number), note)


def day_session(day: Day):
    """The day's practice as a Session: the library session, breathing for its minutes, or the timer."""
    if day.kind == "session":
        from app.session.library import resolve
        from app.session.loader import load_session

        return load_session(resolve(day.item))
    if day.kind == "breathing":
        from app.practice.breathing_sessions import practice_session

        return practice_session(day.item, minutes=day.minutes)
    from app.practice.timer import timer_session

    return timer_session(day_timer_plan(day))


def day_timer_plan(day: Day):
    """A timer day's plan: its minutes, with the timer's own bells and warm-up."""
    from app.practice.timer import TimerPlan

    return TimerPlan(day.minutes * 60)

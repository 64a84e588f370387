"""A plain meditation timer as a session: a warm-up, a start bell, interval bells, the end bell on time."""

from dataclasses import dataclass
from pathlib import Path

from app.failures import BadInput
from app.session.model import Bed, Bell, Bells, BellStrike, Chapter, Pause, Session, SoundRef
from app.session.names import BEDS, BELLS
from app.session.pacing import LEAD_IN_S, bell_occupied_s

LONGEST_S = 4 * 3600.0
INTERVAL_BELL_DB = -14.0  # quieter than the start and end bells: a reminder, not an ending


@dataclass(frozen=True)
class TimerPlan:
    """What a person asks of a timer; times in seconds, bells by name (None: no bell)."""

    length_s: float
    start_bell: str | None = "bowl"
    end_bell: str | None = "bowl"
    every_s: float | None = None
    interval_bell: str = "chime"
    ambient: str | None = None
    warm_up_s: float = 10.0  # 0: the start bell rings right after the lead-in every session has

    @property
    def start_bell_at_s(self) -> float:
        """Where the start bell rings (and the sitting is counted from): after the warm-up, at least the lead-in."""
        return max(self.warm_up_s, LEAD_IN_S)


def timer_session(plan: TimerPlan) -> Session:
    """The timer as a session: the start bell rings `warm_up_s` in, the end bell `length_s` after the start bell
    (interval bells every `every_s` from the start bell, none at the end), then the end bell rings out."""
    _check(plan)
    steps: list = [Chapter("Sitting"), Pause(plan.start_bell_at_s - LEAD_IN_S)]
    since_start_s = 0.0  # where the cursor is, measured from the start bell's onset
    if plan.start_bell:
        steps.append(Bell(BellStrike(SoundRef(plan.start_bell))))
        since_start_s = bell_occupied_s(plan.start_bell)
    if plan.every_s:
        k = 1
        while k * plan.every_s < plan.length_s - 1e-6:
            steps += [Pause(k * plan.every_s - since_start_s), Bell(BellStrike(SoundRef(plan.interval_bell), INTERVAL_BELL_DB))]
            since_start_s = k * plan.every_s + bell_occupied_s(plan.interval_bell)
            k += 1
    steps.append(Pause(plan.length_s - since_start_s))
    minutes = plan.length_s / 60
    return Session(
        file=Path("timer.yaml"), title=f"Timer {minutes:g} min" if minutes == round(minutes, 2) else "Timer",
        steps=tuple(steps), length_s=plan.start_bell_at_s + plan.length_s, tags=("timer",),
        ambient=(Bed(SoundRef(plan.ambient)),) if plan.ambient else (),
        bells=Bells(end=BellStrike(SoundRef(plan.end_bell)) if plan.end_bell else None), fade_out_s=4.0)


def _check(plan: TimerPlan) -> None:
    if not 0 < plan.length_s <= LONGEST_S:
        raise BadInput(f"a timer of {plan.length_s:g} s is out of range; use more than 0 and up to 4h")
    if not 0 <= plan.warm_up_s <= 300:
        raise BadInput(f"a warm-up of {plan.warm_up_s:g} s is out of range; use 0s to 5m")
    for bell in (plan.start_bell, plan.end_bell, plan.interval_bell):
        if bell is not None and bell not in BELLS:
            raise BadInput(f"unknown bell '{bell}'; bells: {', '.join(BELLS)}, or none")
    if plan.ambient is not None and plan.ambient not in BEDS:
        raise BadInput(f"unknown ambient sound '{plan.ambient}'; sounds: {', '.join(BEDS)}")
    start_occupies = bell_occupied_s(plan.start_bell) if plan.start_bell else 0.0
    if plan.every_s is not None:
        shortest = max(bell_occupied_s(plan.interval_bell), start_occupies)
        if not shortest < plan.every_s < plan.length_s:
            raise BadInput(f"--every {plan.every_s:g} s does not fit; use more than {shortest:g} s and less than the "
                           f"timer's length")
    if plan.length_s <= start_occupies:
        raise BadInput(f"a timer of {plan.length_s:g} s is shorter than its start bell; use more than {start_occupies:g} s")

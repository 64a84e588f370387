"""A person's way through programs, kept in the journal: the programs they began (paused or not) and the days they
finished. Never reset and never counted as a streak: what is shown is where they are and when they last practised."""

import datetime
import sqlite3
from dataclasses import dataclass

from app.journal.log import now_text
from app.journal.stats import PRACTICE_MIN_S

FINISHED_SHARE = 0.8  # of a day's length played (seeks excluded) finishes the day


@dataclass(frozen=True)
class Progress:
    program_id: str
    started_at: str
    paused: bool
    finished: frozenset[int]
    last_practised_at: str | None  # the last play of any of its days that counted as practice

    def today(self, days: int) -> int | None:
        """The day to practise next: the one after the furthest finished day (1 at first); None when all are done."""
        following = max(self.finished, default=0) + 1
        return following if following <= days else None


def day_is_finished(heard_s: float, length_s: float) -> bool:
    return length_s > 0 and heard_s >= FINISHED_SHARE * length_s


class ProgramProgress:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def begin(self, program_id: str) -> Progress:
        """Begin the program, or take it up again where it was left (a paused one is resumed, nothing is reset)."""
        self.connection.execute("INSERT INTO program_runs (program_id, started_at) VALUES (?, ?) "
                                "ON CONFLICT (program_id) DO UPDATE SET paused_at = NULL", (program_id, now_text()))
        return self.of(program_id)

    def pause(self, program_id: str) -> None:
        self.connection.execute("UPDATE program_runs SET paused_at = ? WHERE program_id = ? AND paused_at IS NULL",
                                (now_text(), program_id))

    def finish_day(self, program_id: str, day: int) -> bool:
        """Keep `day` as finished (begun, if it was not; a repeat keeps the first time); True when it is new."""
        self.connection.execute("INSERT OR IGNORE INTO program_runs (program_id, started_at) VALUES (?, ?)",
                                (program_id, now_text()))
        cursor = self.connection.execute("INSERT OR IGNORE INTO program_days (program_id, day, finished_at) "
                                         "VALUES (?, ?, ?)", (program_id, day, now_text()))
        return cursor.rowcount == 1

    def of(self, program_id: str) -> Progress | None:
        return next((p for p in self.all() if p.program_id == program_id), None)

    def all(self) -> list[Progress]:
        """Every program begun, the one practised (or begun) most recently first."""
        runs = self.connection.execute("SELECT program_id, started_at, paused_at FROM program_runs").fetchall()
        progress = []
        for program_id, started_at, paused_at in runs:
            days = frozenset(row[0] for row in self.connection.execute(
                "SELECT day FROM program_days WHERE program_id = ?", (program_id,)))
            last = self.connection.execute("SELECT max(started_at) FROM plays WHERE program_id = ? AND listened_s >= ?",
                                           (program_id, PRACTICE_MIN_S)).fetchone()[0]
            progress.append(Progress(program_id, started_at, paused_at is not None, days, last))
        return sorted(progress, key=lambda p: _moment(p.last_practised_at or p.started_at), reverse=True)

    def current(self) -> Progress | None:
        """The program being followed: of those not paused, the one practised (or begun) most recently."""
        return next((p for p in self.all() if not p.paused), None)


def _moment(stamp: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(stamp).astimezone(datetime.UTC)


def practised_when(stamp: str, today: datetime.date | None = None) -> str:
    """A day as people say it, looking back: "today", "yesterday", "Tuesday" (within a week), "21 Nov"."""
    day = datetime.datetime.fromisoformat(stamp).date()
    today = today or datetime.date.today()
    back = (today - day).days
    if back <= 0:
        return "today"
    if back == 1:
        return "yesterday"
    if back < 7:
        return f"{day:%A}"
    return f"{day.day} {day:%b}" + (f" {day.year}" if day.year != today.year else "")


def status_line(progress: Progress | None, days: int, today: datetime.date | None = None) -> str:
    """"Day 6 of 14 · last practised Tuesday"; "Not begun"; "Paused at day 6 of 14 · ..."; "All 14 days done · ..."."""
    if progress is None:
        return f"{days} days · not begun"
    number = progress.today(days)
    where = f"All {days} days done" if number is None else f"Day {number} of {days}"
    if progress.paused:
        where = f"Paused at {where[0].lower()}{where[1:]}" if number is not None else f"Paused · {where}"
    last = progress.last_practised_at
    return f"{where} · last practised {practised_when(last, today)}" if last else where

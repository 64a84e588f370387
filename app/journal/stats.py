"""Gentle statistics: minutes a week, days practised this month, mood before and after. No streaks."""

import datetime
from collections import Counter, defaultdict

from app.journal.log import Entry


def minutes_per_week(entries: list[Entry], weeks: int = 8, today: datetime.date | None = None) -> list[tuple[str, float]]:
    """(ISO week label like 2026-W47, minutes) for the last `weeks` weeks, oldest first."""
    today = today or datetime.date.today()
    totals: dict[str, float] = defaultdict(float)
    for entry in entries:
        year, week, _ = datetime.date.fromisoformat(entry.started_at[:10]).isocalendar()
        totals[f"{year}-W{week:02d}"] += entry.listened_s / 60
    labels = []
    for back in range(weeks - 1, -1, -1):
        year, week, _ = (today - datetime.timedelta(weeks=back)).isocalendar()
        labels.append(f"{year}-W{week:02d}")
    return [(label, round(totals.get(label, 0.0), 1)) for label in labels]


def days_this_month(entries: list[Entry], today: datetime.date | None = None) -> int:
    today = today or datetime.date.today()
    prefix = today.strftime("%Y-%m")
    return len({e.started_at[:10] for e in entries if e.started_at.startswith(prefix) and e.listened_s >= 60})


def mood_change(entries: list[Entry]) -> list[tuple[str, int]]:
    """(date, after minus before) for every play with both check-ins, oldest first."""
    return [(e.started_at[:10], e.mood_after - e.mood_before) for e in reversed(entries)
            if e.mood_before is not None and e.mood_after is not None]


def favourite_items(entries: list[Entry], count: int = 3) -> list[tuple[str, int]]:
    return Counter(e.title for e in entries).most_common(count)


PRACTICE_MIN_S = 30.0  # shorter plays (a session opened and left at once) are not listed as practice


def practice(entries: list[Entry]) -> list[Entry]:
    """The entries that count as practice: at least `PRACTICE_MIN_S` listened."""
    return [e for e in entries if e.listened_s >= PRACTICE_MIN_S]


def said_when(started_at: str, now: datetime.datetime | None = None) -> str:
    """A time as people say it: "Today 09:12", "Yesterday 21:40", "Sat 21 Nov", "Sat 21 Nov 2025"."""
    moment = datetime.datetime.fromisoformat(started_at)
    now = now or datetime.datetime.now(moment.tzinfo)
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"Today {moment:%H:%M}"
    if days == 1:
        return f"Yesterday {moment:%H:%M}"
    return f"{moment:%a} {moment.day} {moment:%b}" + (f" {moment.year}" if moment.year != now.year else "")


def week_label(iso_week: str) -> str:
    """"2026-W47" as the day its week begins: "16 Nov"."""
    monday = datetime.date.fromisoformat(f"{iso_week}-1")
    return f"{monday.day} {monday:%b}"

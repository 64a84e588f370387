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

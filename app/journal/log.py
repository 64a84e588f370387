"""Recording practice as it happens: start, checkpoints every few seconds, finish; check-ins and reflections."""

import datetime
import sqlite3
from dataclasses import dataclass

from app.journal.store import connect

CHECKPOINT_S = 5.0


def now_text() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    id: int
    kind: str
    item_id: str
    title: str
    started_at: str
    listened_s: float
    completed: bool
    mood_before: int | None
    mood_after: int | None
    words_before: str
    words_after: str
    reflection: str


class Journal:
    def __init__(self, connection: sqlite3.Connection | None = None, notices: list[str] | None = None):
        self.connection = connection or connect(notices=notices)

    def start(self, kind: str, item_id: str, title: str) -> int:
        stamp = now_text()
        cursor = self.connection.execute(
            "INSERT INTO plays (kind, item_id, title, started_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (kind, item_id, title, stamp, stamp))
        return int(cursor.lastrowid)

    def checkpoint(self, play_id: int, listened_s: float, completed: bool = False) -> None:
        self.connection.execute("UPDATE plays SET listened_s = ?, completed = ?, updated_at = ? WHERE id = ?",
                                (round(listened_s, 1), int(completed), now_text(), play_id))

    def check_in(self, play_id: int, moment: str, mood: int, words: str = "") -> None:
        if moment not in ("before", "after") or not 1 <= mood <= 5:
            raise ValueError("a check-in is before or after, with a mood from 1 to 5")
        self.connection.execute("INSERT OR REPLACE INTO checkins (play_id, moment, mood, words) VALUES (?, ?, ?, ?)",
                                (play_id, moment, mood, words.strip()[:500]))

    def reflect(self, play_id: int, text: str) -> None:
        self.connection.execute("UPDATE plays SET reflection = ? WHERE id = ?", (text.strip()[:5000], play_id))

    def entries(self, item_id: str | None = None, since: str | None = None) -> list[Entry]:
        """Entries newest first, optionally for one session or breathing pattern, or since a date (YYYY-MM-DD)."""
        query = """
            SELECT p.id, p.kind, p.item_id, p.title, p.started_at, p.listened_s, p.completed,
                   b.mood, a.mood, COALESCE(b.words, ''), COALESCE(a.words, ''), p.reflection
            FROM plays p
            LEFT JOIN checkins b ON b.play_id = p.id AND b.moment = 'before'
            LEFT JOIN checkins a ON a.play_id = p.id AND a.moment = 'after'
            WHERE (? IS NULL OR p.item_id = ?) AND (? IS NULL OR p.started_at >= ?)
            ORDER BY p.started_at DESC, p.id DESC"""
        rows = self.connection.execute(query, (item_id, item_id, since, since)).fetchall()
        return [Entry(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9], r[10], r[11]) for r in rows]

    def close(self) -> None:
        self.connection.close()


class PlayRecorder:
    """Writes one play as it happens: a row at the start, a checkpoint every few seconds, the end."""

    def __init__(self, journal: Journal, kind: str, item_id: str, title: str, clock=None):
        import time

        self.journal = journal
        self.clock = clock or time.monotonic
        self.play_id = journal.start(kind, item_id, title)
        self._last = self.clock()

    def listened(self, listened_s: float) -> None:
        """Call often; writes at most every CHECKPOINT_S seconds."""
        if self.clock() - self._last >= CHECKPOINT_S:
            self.journal.checkpoint(self.play_id, listened_s)
            self._last = self.clock()

    def finish(self, listened_s: float, completed: bool) -> None:
        self.journal.checkpoint(self.play_id, listened_s, completed)

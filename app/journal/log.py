"""Recording practice as it happens: start, checkpoints every few seconds, finish; check-ins and reflections."""

import datetime
import sqlite3
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from queue import SimpleQueue

from app.journal.store import JournalBusy, connect, reopen

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
    program_id: str | None = None
    program_day: int | None = None


class Journal:
    def __init__(self, connection: sqlite3.Connection | None = None, notices: list[str] | None = None):
        self.connection = connection or connect(notices=notices)
        self._writer: JournalWriter | None = None

    def later(self, write: "Callable[[Journal], object]") -> Future:
        """Run `write(journal)` in order with the other later writes, from a thread of their own when the journal is
        a file (JournalWriter); a journal in memory has no other program to wait for, so it runs now."""
        path = getattr(self.connection, "path", None)
        if path is None:
            future: Future = Future()
            try:
                future.set_result(write(self))
            except Exception as error:
                future.set_exception(error)
            return future
        if self._writer is None:
            self._writer = JournalWriter(path)
        return self._writer.submit(write)

    def written(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the later writes made so far; False if they have not all gone through."""
        return self._writer is None or self._writer.flushed(timeout_s)

    def start(self, kind: str, item_id: str, title: str, program_day: tuple[str, int] | None = None) -> int:
        """A new play; a program's day (kind "program-day") names its program and day in `program_day`."""
        stamp = now_text()
        program_id, day = program_day or (None, None)
        cursor = self.connection.execute(
            "INSERT INTO plays (kind, item_id, title, started_at, updated_at, program_id, program_day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (kind, item_id, title, stamp, stamp, program_id, day))
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
                   b.mood, a.mood, COALESCE(b.words, ''), COALESCE(a.words, ''), p.reflection, p.program_id,
                   p.program_day
            FROM plays p
            LEFT JOIN checkins b ON b.play_id = p.id AND b.moment = 'before'
            LEFT JOIN checkins a ON a.play_id = p.id AND a.moment = 'after'
            WHERE (? IS NULL OR p.item_id = ?) AND (? IS NULL OR p.started_at >= ?)
            ORDER BY p.started_at DESC, p.id DESC"""
        rows = self.connection.execute(query, (item_id, item_id, since, since)).fetchall()
        return [Entry(*r[:6], bool(r[6]), *r[7:]) for r in rows]

    def close(self, timeout_s: float = 2.0) -> None:
        if self._writer is not None:
            self._writer.close(timeout_s)
        self.connection.close()


class JournalWriter:
    """Journal writes made in order from a thread of their own, with a connection of its own. While another program
    holds the journal (a backup, another window migrating it), a write waits there and is tried again until it goes
    through, so what plays never waits for the journal."""

    RETRY_S = 0.5  # between tries, after each try's own busy timeout

    def __init__(self, path):
        self.path = path
        self._queue: SimpleQueue = SimpleQueue()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="journal-writer", daemon=True)
        self._thread.start()

    def submit(self, write: Callable[[Journal], object]) -> Future:
        future: Future = Future()
        self._queue.put((write, future))
        return future

    def flushed(self, timeout_s: float) -> bool:
        marker = self.submit(lambda _journal: None)
        try:
            marker.result(timeout_s)
            return True
        except TimeoutError:
            return False

    def close(self, timeout_s: float) -> None:
        """Finish the writes made so far, waiting up to `timeout_s`; a write still waiting then is given up, said."""
        self._queue.put(None)
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            self._closing.set()
            print(f"stillpoint: the practice journal {self.path} stayed busy in another program; the last moments "
                  "of this practice were not recorded", file=sys.stderr)

    def _run(self) -> None:
        import time

        journal = None
        while (item := self._queue.get()) is not None:
            write, future = item
            while not self._closing.is_set():
                try:
                    journal = journal or Journal(reopen(self.path))
                    future.set_result(write(journal))
                    break
                except JournalBusy:
                    time.sleep(self.RETRY_S)
                except Exception as error:  # kept with the write; the caller may look (a read-only journal)
                    future.set_exception(error)
                    break
        if journal is not None:
            journal.connection.close()


class PlayRecorder:
    """Writes one play as it happens: a row at the start, a checkpoint every few seconds, the end, and the check-ins
    kept with it; all through the journal's later writes, so a busy journal never holds up what plays."""

    def __init__(self, journal: Journal, kind: str, item_id: str, title: str, clock=None,
                 program_day: tuple[str, int] | None = None):
        import time

        self.journal = journal
        self.clock = clock or time.monotonic
        self._play = journal.later(lambda j: j.start(kind, item_id, title, program_day))
        self._last = self.clock()

    def play_id(self, timeout_s: float | None = None) -> int:
        """The play's row, once written (raises what stopped it from being written)."""
        return self._play.result(timeout_s)

    def problem(self) -> str | None:
        """Why the play's row could not be written (a read-only journal), once known; None while it is written or
        still waiting."""
        if self._play.done() and self._play.exception() is not None:
            return str(self._play.exception())
        return None

    def listened(self, listened_s: float) -> None:
        """Call often; writes at most every CHECKPOINT_S seconds."""
        if self.clock() - self._last >= CHECKPOINT_S:
            self.journal.later(lambda j: j.checkpoint(self._play.result(), listened_s))
            self._last = self.clock()

    def finish(self, listened_s: float, completed: bool) -> Future:
        return self.journal.later(lambda j: j.checkpoint(self._play.result(), listened_s, completed))

    def reflect(self, words: str) -> Future:
        return self.journal.later(lambda j: j.reflect(self._play.result(), words))

    def check_in(self, moment: str, mood: int, words: str = "") -> Future:
        def keep(journal: Journal) -> None:
            journal.check_in(self._play.result(), moment, mood, words)
            if words and moment == "after":
                journal.reflect(self._play.result(), words)

        return self.journal.later(keep)

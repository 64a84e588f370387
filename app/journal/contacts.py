"""The contact journal: how contact with a person felt before, during and after, and urges to reach out.

Private and local: stored in the journal's database on this machine only. A contact is a name the user
chooses. The trend reads the last three weeks plainly and kindly: no scores, no streaks, nothing about the
person, only how contact has left you.
"""

import datetime
import sqlite3
from dataclasses import dataclass

from app.failures import BadInput
from app.journal.log import now_text
from app.journal.store import connect

KINDS = ("message", "call", "in-person", "their-posts", "thinking")
KIND_WORDS = {"message": "message", "call": "call", "in-person": "in person", "their-posts": "their posts",
              "thinking": "thinking of them"}
BOUNDARIES = ("yes", "partly", "no", "none")
OUTCOMES = ("passed", "still", "reached-out")
URGE_SESSION = "urge-wave"  # the short practice for the urge to reach out
URGE_AFTERWARDS = {"passed": "Noted: this one passed. Each wave you ride makes the next one a little smaller.",
                   "still": "Noted. It is still here, and that is all right; you can come back to this any time.",
                   "reached-out": "Noted, without judgement. You can pause here again next time, whenever you like."}
WINDOW_DAYS = 21
FEWEST_FOR_A_TREND = 5
NAME_LONGEST = 60
NOTE_LONGEST = 2000


@dataclass(frozen=True)
class ContactEntry:
    at: str
    kind: str
    before: int | None
    during: int | None
    after: int | None
    boundary: str | None
    outcome: str | None
    note: str


@dataclass(frozen=True)
class Trend:
    entries: int  # contacts with a before and an after, in the window
    lower_after: int
    higher_after: int
    same_after: int
    mean_change: float | None  # after minus before, on average
    urges_passed: int
    sentence: str


class Contacts:
    def __init__(self, connection: sqlite3.Connection | None = None):
        self.connection = connection or connect()

    def log(self, name: str, kind: str, before: int, during: int, after: int, note: str = "",
            boundary: str | None = None, at: str | None = None) -> None:
        if kind not in KINDS:
            raise BadInput(f"unknown kind of contact '{kind}'; use one of: {', '.join(KINDS)}")
        for moment, mood in (("--before", before), ("--during", during), ("--after", after)):
            if not isinstance(mood, int) or not 1 <= mood <= 5:
                raise BadInput(f"{moment} {mood} is out of range; use 1 (heavy) to 5 (calm), as in the check-ins")
        if boundary is not None and boundary not in BOUNDARIES:
            raise BadInput(f"--boundary {boundary}: use one of {', '.join(BOUNDARIES)}")
        self._add(name, kind, (before, during, after), boundary, None, note, at)

    def urge(self, outcome: str, name: str | None = None, at: str | None = None) -> None:
        """An urge to reach out, and whether it passed (for a contact, or none)."""
        if outcome not in OUTCOMES:
            raise BadInput(f"--outcome {outcome}: use one of {', '.join(OUTCOMES)}")
        self._add(name, "urge", (None, None, None), None, outcome, "", at)

    def _add(self, name, kind, moods, boundary, outcome, note, at) -> None:
        if len(note) > NOTE_LONGEST:
            raise BadInput(f"the note is {len(note)} characters; keep it under {NOTE_LONGEST}")
        with self.connection:
            contact_id = self._contact_id(name, create=True) if name is not None else None
            self.connection.execute(
                "INSERT INTO contact_entries (contact_id, at, kind, before, during, after, boundary, outcome, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (contact_id, at or now_text(), kind, *moods, boundary, outcome,
                                                        note.strip()))

    def _contact_id(self, name: str, create: bool = False) -> int | None:
        name = name.strip()
        if not name or len(name) > NAME_LONGEST or any(ord(c) < 32 for c in name):
            raise BadInput(f"a contact is a name or nickname of 1 to {NAME_LONGEST} characters, on one line")
        row = self.connection.execute("SELECT id FROM contacts WHERE name = ?", (name,)).fetchone()
        if row is None and create:
            return int(self.connection.execute("INSERT INTO contacts (name, created_at) VALUES (?, ?)",
                                               (name, now_text())).lastrowid)
        return int(row[0]) if row else None

    def names(self) -> list[tuple[str, int, str | None]]:
        """(name, entries, last entry's time) for every contact, the most recent first."""
        return [(name, count, last) for name, count, last in self.connection.execute(
            "SELECT c.name, COUNT(e.id), MAX(e.at) FROM contacts c LEFT JOIN contact_entries e ON e.contact_id = c.id"
            " GROUP BY c.id ORDER BY MAX(e.at) DESC, c.name")]

    def entries(self, name: str, days: int | None = None, now: datetime.datetime | None = None) -> list[ContactEntry]:
        """`name`'s entries, oldest first; only the last `days` days when given."""
        contact_id = self._contact_id(name)
        if contact_id is None:
            raise BadInput(f"no contact called '{name}'; `stillpoint contact list` shows them")
        since = ((now or datetime.datetime.now().astimezone()) - datetime.timedelta(days=days)).isoformat(
            timespec="seconds") if days else ""
        rows = self.connection.execute(
            "SELECT at, kind, before, during, after, boundary, outcome, note FROM contact_entries"
            " WHERE contact_id = ? AND at >= ? ORDER BY at, id", (contact_id, since))
        return [ContactEntry(*row) for row in rows]

    def forget(self, name: str) -> int:
        """Delete the contact and all its entries, so that nothing of them is left in the file. Returns how many
        entries went."""
        contact_id = self._contact_id(name)
        if contact_id is None:
            raise BadInput(f"no contact called '{name}'; `stillpoint contact list` shows them")
        with self.connection:
            gone = self.connection.execute("DELETE FROM contact_entries WHERE contact_id = ?", (contact_id,)).rowcount
            self.connection.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
        self.connection.execute("VACUUM")  # secure_delete zeroes the pages; VACUUM rebuilds the file without them
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # and the write-ahead log is emptied
        return gone

    def close(self) -> None:
        self.connection.close()


def trend(entries: list[ContactEntry]) -> Trend:
    """How contact has left you, read from entries with a before and an after (urges are counted apart)."""
    felt = [e for e in entries if e.kind != "urge" and e.before is not None and e.after is not None]
    lower = sum(1 for e in felt if e.after < e.before)
    higher = sum(1 for e in felt if e.after > e.before)
    same = len(felt) - lower - higher
    passed = sum(1 for e in entries if e.kind == "urge" and e.outcome == "passed")
    mean = round(sum(e.after - e.before for e in felt) / len(felt), 2) if felt else None
    count = len(felt)
    if count < FEWEST_FOR_A_TREND:
        sentence = "Keep noting a few more contacts; patterns show after a week or two."
    elif lower > count / 2:
        sentence = f"After contact you felt lower than before {lower} of {count} times in the last three weeks."
    elif higher > count / 2:
        sentence = f"Contact has mostly left you steadier lately: better afterwards {higher} of {count} times."
    else:
        sentence = (f"It has been mixed lately: after contact you felt lower {lower} times, better {higher} times "
                    f"and the same {same} times.")
    return Trend(count, lower, higher, same, mean, passed, sentence)

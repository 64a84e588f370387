"""The contact journal: entries and the three-week trend read plainly; forgetting leaves nothing in the file;
the journal's files are private on a shared computer."""

import datetime
import json
import os
import sqlite3
import stat

import pytest

from app.cli import main
from app.journal.contacts import Contacts, trend
from app.journal.log import Journal
from app.journal.store import MIGRATIONS, connect, journal_path

NOW = datetime.datetime(2026, 11, 23, 21, 0, tzinfo=datetime.UTC)


def logged(contacts, name, moods, days_ago_start=20):
    for k, (before, during, after) in enumerate(moods):
        at = (NOW - datetime.timedelta(days=days_ago_start - k)).isoformat(timespec="seconds")
        contacts.log(name, "message", before, during, after, at=at)
    return contacts.entries(name, 21, NOW)


@pytest.mark.parametrize("moods, sentence, mean", [
    ([(3, 2, 1)] * 7 + [(2, 3, 3)] * 2, "After contact you felt lower than before 7 of 9 times in the last three weeks.",
     -1.33),
    ([(2, 3, 4)] * 4 + [(3, 3, 3)], "Contact has mostly left you steadier lately: better afterwards 4 of 5 times.", 1.6),
    ([(3, 3, 2)] * 2 + [(2, 3, 3)] * 2 + [(3, 3, 3)] * 2,
     "It has been mixed lately: after contact you felt lower 2 times, better 2 times and the same 2 times.", 0.0),
    ([(3, 2, 1)] * 4, "Keep noting a few more contacts; patterns show after a week or two.", -2.0),
])
def test_the_trend_sentence_reads_the_last_three_weeks(tmp_path, moods, sentence, mean):
    contacts = Contacts(connect(tmp_path / "j.sqlite3"))
    entries = logged(contacts, "Sam", moods)
    reading = trend(entries)
    assert reading.sentence == sentence
    assert reading.mean_change == pytest.approx(mean, abs=0.01)
    assert reading.entries == len(moods)


def test_only_the_last_21_days_are_read(tmp_path):
    contacts = Contacts(connect(tmp_path / "j.sqlite3"))
    logged(contacts, "Sam", [(3, 2, 1)] * 6, days_ago_start=40)  # 40..35 days ago
    recent = logged(contacts, "Sam", [(2, 3, 4)] * 5, days_ago_start=10)
    assert len(contacts.entries("Sam")) == 11 and len(recent) == 5
    assert trend(recent).higher_after == 5


def test_urges_are_counted_apart_and_names_ignore_case(tmp_path):
    contacts = Contacts(connect(tmp_path / "j.sqlite3"))
    contacts.log("Sam", "call", 2, 2, 3)
    contacts.urge("passed", "sam")
    contacts.urge("reached-out", "SAM")
    contacts.urge("passed")  # for no one in particular
    reading = trend(contacts.entries("Sam"))
    assert (reading.entries, reading.urges_passed) == (1, 1)
    assert [(name, count) for name, count, _ in contacts.names()] == [("Sam", 3)]


def test_forgetting_a_contact_leaves_nothing_of_it_in_the_file(tmp_path):
    path = tmp_path / "j.sqlite3"
    contacts = Contacts(connect(path))
    secret = "Zephyrine-Quillfeather"
    note = "she said the thing about the lighthouse again"
    for _ in range(30):
        contacts.log(secret, "in-person", 2, 1, 1, note=note, boundary="no")
    contacts.log("Other", "message", 3, 3, 4, note="kept")
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert secret.encode() in raw and note.encode() in raw, "the test data reached the files"
    assert contacts.forget(secret) == 30
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())  # the database and its write-ahead log, still open
    assert secret.encode() not in raw and note.encode() not in raw
    contacts.close()
    again = Contacts(connect(path))
    assert [name for name, _, _ in again.names()] == ["Other"]
    assert again.connection.execute("SELECT count(*) FROM contact_entries").fetchone()[0] == 1


def test_the_commands_log_show_and_forget(tmp_path, capsys, monkeypatch):
    assert main(["contact", "log", "Sam", "--kind", "message", "--before", "3", "--during", "2", "--after", "1",
                 "--note", "about the weekend", "--boundary", "partly"]) == 0
    assert capsys.readouterr().out == "Noted. Keep noting a few more contacts; patterns show after a week or two.\n"
    main(["contact", "show", "Sam", "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert shown["entries"][0] | {"at": None} == {"at": None, "kind": "message", "before": 3, "during": 2, "after": 1,
                                                   "boundary": "partly", "outcome": None, "note": "about the weekend"}
    assert (shown["trend"]["entries"], shown["trend"]["lower_after"], shown["trend"]["mean_change"]) == (1, 1, -2.0)
    assert main(["contact", "log", "Sam", "--kind", "call", "--before", "9", "--during", "2", "--after", "1"]) == 2
    assert capsys.readouterr().err == "stillpoint: --before 9 is out of range; use 1 (heavy) to 5 (calm), as in the check-ins\n"
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["contact", "forget", "Sam"]) == 2
    assert capsys.readouterr().err == "stillpoint: forgetting Sam deletes 1 entry for good; add --yes to confirm\n"
    assert main(["contact", "forget", "Sam", "--yes"]) == 0
    assert capsys.readouterr().out == "Sam and 1 entry are gone from the journal file.\n"
    assert main(["contact", "show", "Sam"]) == 2
    assert "no contact called 'Sam'" in capsys.readouterr().err


def modes(folder):
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.name.startswith("journal")}


def test_the_journal_is_private_whatever_the_umask(tmp_path, monkeypatch):
    monkeypatch.setenv("STILLPOINT_DATA_DIR", str(tmp_path / "made"))  # a folder Stillpoint makes: owner-only
    old_umask = os.umask(0o022)
    try:
        journal = Journal()
        journal.start("session", "quick-reset", "Quick Reset")
        folder = journal_path().parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert modes(folder) == {"journal.sqlite3": 0o600, "journal.sqlite3-wal": 0o600, "journal.sqlite3-shm": 0o600}
        journal.connection.close()
        # an older, looser journal is tightened when opened, and migrated with its data (the folder, which now
        # exists and is not the platform's default, keeps the mode it was given: tests/journal/test_journal.py)
        os.chmod(folder, 0o755)
        for path in folder.iterdir():
            path.unlink()
        old = sqlite3.connect(journal_path(), isolation_level=None)
        for statement in ";".join(MIGRATIONS[:3]).split(";"):
            if statement.strip():
                old.execute(statement)
        old.execute("PRAGMA user_version = 3")
        old.close()
        os.chmod(journal_path(), 0o644)
        again = Journal()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755 and set(modes(folder).values()) == {0o600}
        again.connection.close()
        # a damaged journal is moved aside; the new one is private too
        journal_path().write_bytes(b"not a database at all" * 100)
        os.chmod(journal_path(), 0o644)
        notices = []
        fresh = Journal(notices=notices)
        assert notices and fresh.entries() == []
        assert {name: mode for name, mode in modes(folder).items() if "damaged" not in name} == {
            "journal.sqlite3": 0o600, "journal.sqlite3-wal": 0o600, "journal.sqlite3-shm": 0o600}
        fresh.connection.close()
    finally:
        os.umask(old_umask)


def test_a_note_with_an_escape_sequence_is_shown_not_obeyed_and_kept_as_written():
    """Seen failing: `contact show` printed a note's ESC [2J (clear the screen) and BEL raw to the terminal."""
    import subprocess
    import sys

    def stillpoint(*args):
        return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60)

    note = "hi\x1b[2Jthere\x07"
    assert stillpoint("contact", "log", "Sam", "--kind", "message", "--before", "2", "--during", "3", "--after",
                      "3", "--note", note).returncode == 0
    shown = stillpoint("contact", "show", "Sam").stdout
    assert "\x1b" not in shown and "\x07" not in shown and "hi\\x1b[2Jthere\\x07" in shown
    assert Contacts().entries("Sam")[0].note == note, "what was written is kept"
    unknown = stillpoint("sounds", "r\x1b[31main")
    assert unknown.stderr.startswith("stillpoint: unknown sound 'r\\x1b[31main'")

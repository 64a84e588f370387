"""The journal keeps every entry through crashes, concurrent writers, old schemas and damaged files."""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.cli import main
from app.journal import stats
from app.journal.log import Journal, PlayRecorder
from app.journal.store import MIGRATIONS, SCHEMA_VERSION, connect, journal_path


def test_plays_check_ins_and_reflections_read_back(tmp_path):
    journal = Journal(connect(tmp_path / "j.sqlite3"))
    first = journal.start("session", "quick-reset", "Quick Reset")
    journal.check_in(first, "before", 2, "tense")
    journal.checkpoint(first, 181.0, completed=True)
    journal.check_in(first, "after", 4, "softer")
    journal.reflect(first, "The sighs helped.")
    second = journal.start("breathing", "box", "Box breathing")
    journal.checkpoint(second, 65.2)
    newest, oldest = journal.entries()
    assert (newest.id, newest.kind, newest.listened_s, newest.completed) == (second, "breathing", 65.2, False)
    assert (oldest.mood_before, oldest.mood_after, oldest.words_after, oldest.reflection) == (2, 4, "softer",
                                                                                             "The sighs helped.")
    assert [e.id for e in journal.entries(item_id="quick-reset")] == [first]
    with pytest.raises(ValueError):
        journal.check_in(first, "after", 6)


def test_the_recorder_checkpoints_every_few_seconds(tmp_path):
    journal = Journal(connect(tmp_path / "j.sqlite3"))
    now = [0.0]
    recorder = PlayRecorder(journal, "session", "s", "S", clock=lambda: now[0])
    for second in range(1, 13):
        now[0] = float(second)
        recorder.listened(float(second))
        assert journal.written(timeout_s=5)
        stored = journal.entries()[0].listened_s
        assert stored == (10.0 if second >= 10 else 5.0 if second >= 5 else 0.0)
    recorder.finish(12.4, completed=True).result(timeout=5)
    assert (journal.entries()[0].listened_s, journal.entries()[0].completed) == (12.4, True)


@pytest.mark.parametrize("from_version", range(SCHEMA_VERSION))
def test_migrations_run_forward_from_every_earlier_version(tmp_path, from_version):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in ";".join(MIGRATIONS[:from_version]).split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute(f"PRAGMA user_version = {from_version}")
    if from_version >= 1:
        old.execute("INSERT INTO plays (kind, item_id, title, started_at, listened_s, completed, updated_at) "
                    "VALUES ('session', 'old', 'An Old Play', '2026-01-02T10:00:00+00:00', 300, 1, 'x')")
    if from_version >= 2:
        old.execute("UPDATE plays SET reflection = 'steadier'")
        old.execute("INSERT INTO checkins (play_id, moment, mood, words) VALUES (1, 'after', 4, 'calm')")
    old.close()
    journal = Journal(connect(path))
    assert journal.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    if from_version >= 1:
        (entry,) = journal.entries()
        assert (entry.title, entry.listened_s, entry.completed, entry.reflection, entry.mood_after) == (
            "An Old Play", 300.0, True, "steadier" if from_version >= 2 else "", 4 if from_version >= 2 else None)
    timer = journal.start("timer", "timer", "Timer 20 min")
    journal.check_in(timer, "before", 3)
    assert journal.connection.execute("PRAGMA foreign_key_check").fetchall() == []
    journal.connection.execute("DELETE FROM plays WHERE id = ?", (timer,))
    assert journal.connection.execute("SELECT count(*) FROM checkins WHERE play_id = ?", (timer,)).fetchone()[0] == 0, \
        "check-ins still go with their play"


WRITER = textwrap.dedent("""
    import sys, time
    from app.journal.log import Journal
    journal = Journal()
    for index in range(int(sys.argv[1])):
        play = journal.start("session", f"s{index}", f"Session {index}")
        for second in range(5):
            journal.checkpoint(play, float(second))
        print(index, flush=True)
        if len(sys.argv) > 2:
            time.sleep(float(sys.argv[2]))
""")


def test_a_killed_app_loses_nothing_already_written(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", WRITER, "100000"], stdout=subprocess.PIPE, text=True,
                               env=os.environ)
    done = [int(process.stdout.readline()) for _ in range(40)]
    os.kill(process.pid, signal.SIGKILL)  # in the middle of further writes
    process.wait()
    connection = sqlite3.connect(journal_path())
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    titles = {row[0] for row in connection.execute("SELECT title FROM plays")}
    assert {f"Session {index}" for index in done} <= titles
    checkpoints = dict(connection.execute("SELECT item_id, listened_s FROM plays"))
    assert all(checkpoints[f"s{index}"] == 4.0 for index in done)


def test_two_instances_at_once_lose_nothing():
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, "150"], stdout=subprocess.DEVNULL, env=os.environ)
               for _ in range(2)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    connection = sqlite3.connect(journal_path())
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT COUNT(*) FROM plays").fetchone()[0] == 300


def test_a_damaged_file_is_moved_aside_and_a_fresh_journal_starts(tmp_path):
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    notices = []
    journal = Journal(connect(path, notices))
    assert journal.entries() == []
    (aside,) = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert aside.read_bytes().startswith(b"this is not a database")
    assert notices == [f"The practice journal could not be read (file is not a database). It was moved to {aside} "
                       "and a new journal was started."]


def test_gentle_stats():
    journal = Journal()
    for day, minutes, before, after in (("2026-11-02", 12, 2, 4), ("2026-11-03", 0.5, None, None),
                                        ("2026-11-20", 20, 3, 3), ("2026-10-30", 8, None, None)):
        play = journal.start("session", "s", "S")
        journal.connection.execute("UPDATE plays SET started_at = ?, listened_s = ? WHERE id = ?",
                                   (f"{day}T08:00:00+00:00", minutes * 60, play))
        if before:
            journal.check_in(play, "before", before)
            journal.check_in(play, "after", after)
    entries = journal.entries()
    today = datetime.date(2026, 11, 21)
    assert stats.days_this_month(entries, today) == 2, "days with at least a minute of practice"
    weeks = dict(stats.minutes_per_week(entries, 4, today))
    assert weeks == {"2026-W44": 8.0, "2026-W45": 12.5, "2026-W46": 0.0, "2026-W47": 20.0}
    assert stats.mood_change(entries) == [("2026-11-02", 2), ("2026-11-20", 0)]


def test_a_journal_from_a_newer_stillpoint_is_refused_and_left_untouched(tmp_path, monkeypatch):
    """Seen failing: a newer schema was taken for damage; the journal was moved aside and a new one started."""
    journal = Journal()
    journal.start("session", "quick-reset", "Quick Reset")
    journal.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    journal.close()
    path = journal_path()
    before = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}
    result = subprocess.run([sys.executable, "-m", "app", "journal"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, "stillpoint: the practice journal was written by a newer "
                                                     f"Stillpoint (its schema {SCHEMA_VERSION + 1}, this one knows "
                                                     f"{SCHEMA_VERSION}); it is left as it is: update Stillpoint to use "
                                                     "it\n")
    after = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}
    assert after.keys() == before.keys() and after[path.name] == before[path.name], "not moved, not written"


def test_journal_command_json_newest_first_even_within_one_second(capsys, monkeypatch):
    """Two plays started in the same second (the stamp's precision): the later one still comes first."""
    import app.journal.log as log

    monkeypatch.setattr(log, "now_text", lambda: "2026-11-21T09:12:30+00:00")
    journal = Journal()
    for title in ("First", "Second"):
        journal.start("session", title.lower(), title)
    assert main(["journal", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["title"] for e in data["entries"]] == ["Second", "First"]
    assert main(["journal", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "started_at,kind,item_id,title,listened_s,completed,mood_before,mood_after,words_before," \
                       "words_after,reflection,program_id,program_day"
    assert lines[1].split(",")[3] == "Second"


def test_every_command_that_opens_a_damaged_journal_says_where_the_old_one_went(tmp_path):
    """Seen failing: `stillpoint contact list` moved a damaged journal aside without a word."""
    for args in (["contact", "list"], ["journal"]):
        journal_path().parent.mkdir(parents=True, exist_ok=True)
        journal_path().write_bytes(b"this is not a database" * 100)
        result = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60)
        asides = sorted(journal_path().parent.glob("journal.sqlite3.damaged-*"))
        assert result.returncode == 0 and asides, result.stderr
        assert f"It was moved to {asides[-1]} and a new journal was started." in result.stderr
        for aside in asides:
            aside.unlink()


def test_a_folder_the_user_pointed_at_keeps_its_mode_and_one_made_for_the_journal_is_private(tmp_path, monkeypatch):
    """Seen failing: STILLPOINT_DATA_DIR at a shared folder (0775) was made 0700 by opening the journal."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o775)
    monkeypatch.setenv("STILLPOINT_DATA_DIR", str(shared))
    Journal().close()
    assert shared.stat().st_mode & 0o777 == 0o775
    assert (shared / "journal.sqlite3").stat().st_mode & 0o777 == 0o600, "the file itself stays private"
    fresh = tmp_path / "new" / "data"
    monkeypatch.setenv("STILLPOINT_DATA_DIR", str(fresh))
    Journal().close()
    assert fresh.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("make, problem", [
    (lambda path: path.mkdir(), "is not a file (a folder, or something else); move it aside"),
    (lambda path: path.symlink_to(path.parent / "elsewhere.db"), "is a link; Stillpoint keeps its journal as a file "
                                                                 "of its own there: move the link aside"),
])
def test_a_journal_that_is_a_folder_or_a_link_is_one_clear_line_and_left_alone(make, problem):
    """Seen failing: IsADirectoryError and FileNotFoundError tracebacks from `stillpoint journal`."""
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    result = subprocess.run([sys.executable, "-m", "app", "journal"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, f"stillpoint: the practice journal {path} {problem}\n")
    assert not (path.parent / "elsewhere.db").exists(), "nothing made through the link"

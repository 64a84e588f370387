"""Progress through a program: finishing a day opens the next, skipping ahead is allowed with a gentle note, any
day can be repeated, pausing keeps the place; nothing is ever reset and no streak is counted."""

import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.journal.log import Journal
from app.journal.program_progress import ProgramProgress, day_is_finished, status_line
from app.journal.store import MIGRATIONS, connect
from app.playback.heard import HeardTime
from app.program.today import choose_day
from tests.playback.capture import need_audio_server

SHORT_PROGRAM = """\
format: 1
id: short
title: "Short: a test program"
summary: Three short days.
days:
  - session: three-breaths
    prompt: How was it?
  - timer: 1m
    prompt: And now?
    contact_journal: true
  - breathing: {pattern: box, minutes: 1}
    prompt: Last one.
"""


@pytest.fixture
def journal(tmp_path):
    journal = Journal(connect(tmp_path / "journal.sqlite3"))
    yield journal
    journal.close()


def test_finishing_a_day_opens_the_next_and_a_repeat_or_a_skip_never_resets(journal):
    progress = ProgramProgress(journal.connection)
    assert progress.current() is None
    assert progress.begin("room-to-breathe").today(14) == 1
    assert progress.finish_day("room-to-breathe", 1) is True
    assert progress.of("room-to-breathe").today(14) == 2
    assert progress.finish_day("room-to-breathe", 1) is False, "a repeat keeps the first finish"
    progress.finish_day("room-to-breathe", 5)  # skipped ahead: the days between wait, unlocked
    state = progress.of("room-to-breathe")
    assert (state.finished, state.today(14)) == (frozenset({1, 5}), 6)
    progress.pause("room-to-breathe")
    assert progress.current() is None and progress.of("room-to-breathe").paused
    again = progress.begin("room-to-breathe")  # weeks later: where it was left
    assert (again.paused, again.finished, again.today(14)) == (False, frozenset({1, 5}), 6)
    for day in range(6, 15):
        progress.finish_day("room-to-breathe", day)
    assert progress.of("room-to-breathe").today(14) is None


def test_the_status_says_where_you_are_and_when_you_last_practised_never_a_streak(journal):
    progress = ProgramProgress(journal.connection)
    progress.begin("room-to-breathe")
    for day in range(1, 6):
        progress.finish_day("room-to-breathe", day)
    play = journal.start("program-day", "healthy-detachment", "Room to Breathe · Day 5", ("room-to-breathe", 5))
    journal.checkpoint(play, 600.0, completed=True)
    journal.connection.execute("UPDATE plays SET started_at = '2026-12-01T08:10:00+00:00'")  # a Tuesday
    state = progress.of("room-to-breathe")
    saturday = datetime.date(2026, 12, 5)
    assert status_line(state, 14, saturday) == "Day 6 of 14 · last practised Tuesday"
    assert status_line(state, 14, datetime.date(2026, 12, 2)) == "Day 6 of 14 · last practised yesterday"
    assert status_line(state, 14, datetime.date(2027, 1, 20)) == "Day 6 of 14 · last practised 1 Dec 2026"
    progress.pause("room-to-breathe")
    assert status_line(progress.of("room-to-breathe"), 14, saturday) == \
        "Paused at day 6 of 14 · last practised Tuesday"
    assert status_line(None, 14) == "14 days · not begun"


def test_a_day_is_finished_at_eighty_percent_heard_and_seeks_are_not_heard():
    heard = HeardTime(0.0)
    for tenth in range(1, 301):  # 30 s played, sampled every 100 ms
        heard.at(tenth / 10)
    heard.at(90.0)  # a seek forward: not heard
    for tenth in range(901, 951):
        heard.at(tenth / 10)
    heard.at(20.0)  # a seek back: what is played again is heard again
    for tenth in range(201, 211):
        heard.at(tenth / 10)
    assert heard.seconds == pytest.approx(36.0)
    assert not day_is_finished(heard.seconds, 46.0) and day_is_finished(heard.seconds, 45.0)


def test_a_day_ahead_is_allowed_with_a_gentle_note_and_today_follows_the_furthest_day(journal, monkeypatch):
    programs = Path(os.environ["STILLPOINT_DATA_DIR"]) / "programs"
    programs.mkdir(parents=True)
    (programs / "short.yaml").write_text(SHORT_PROGRAM, encoding="utf-8")
    progress = ProgramProgress(journal.connection)
    with pytest.raises(Exception, match="no program is under way"):
        choose_day("today", progress)
    progress.begin("short")
    assert choose_day("today", progress).day.number == 1
    ahead = choose_day("short/3", progress)
    assert ahead.note == ("Day 3 is ahead of day 1, where you are; that is fine. The days in between will wait for "
                          "you, and you can come back to them whenever you like.")
    assert ahead.title == "Short · Day 3: Box breathing"
    progress.finish_day("short", 1)
    assert choose_day("short/1", progress).note is None, "a repeat needs no note"
    with pytest.raises(Exception, match="Short: a test program has days 1 to 3, not 4"):
        choose_day("short/4", progress)


def test_migration_5_keeps_every_play_and_check_in_and_takes_program_days(tmp_path):
    path = tmp_path / "v4.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in ";".join(MIGRATIONS[:4]).split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute("PRAGMA user_version = 4")
    for kind in ("session", "breathing", "timer"):
        old.execute("INSERT INTO plays (kind, item_id, title, started_at, listened_s, completed, updated_at, "
                    "reflection) VALUES (?, 'x', 'Old', '2026-11-02T10:00:00+00:00', 60, 1, 'u', 'kept')", (kind,))
    old.execute("INSERT INTO checkins VALUES (2, 'after', 5, 'lighter')")
    old.execute("INSERT INTO contacts (name, created_at) VALUES ('Sam', 'now')")
    old.close()
    journal = Journal(connect(path))
    entries = journal.entries()
    assert [(e.id, e.kind, e.reflection, e.mood_after, e.program_id) for e in entries] == [
        (3, "timer", "kept", None, None), (2, "breathing", "kept", 5, None), (1, "session", "kept", None, None)]
    play = journal.start("program-day", "noticing-the-pull", "Room to Breathe · Day 2", ("room-to-breathe", 2))
    assert (journal.entries()[0].program_id, journal.entries()[0].program_day) == ("room-to-breathe", 2)
    with pytest.raises(sqlite3.IntegrityError):  # a program day always names its program and day
        journal.connection.execute("INSERT INTO plays (kind, item_id, title, started_at, updated_at) "
                                   "VALUES ('program-day', 'x', 't', 'now', 'now')")
    assert journal.connection.execute("SELECT name FROM contacts").fetchall() == [("Sam",)]
    assert play == 4
    journal.close()


def test_playing_today_in_the_terminal_finishes_the_day_and_a_seek_does_not(tmp_path):
    need_audio_server()
    data = Path(os.environ["STILLPOINT_DATA_DIR"])
    (data / "programs").mkdir(parents=True)
    (data / "programs" / "short.yaml").write_text(SHORT_PROGRAM, encoding="utf-8")

    def stillpoint(*args):
        return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=120)

    started = stillpoint("program", "start", "short")
    assert started.stdout.splitlines() == ["Begun: Short: a test program. Day 1 of 3.",
                                           "Today, day 1: Three breaths · Three Breaths (1 min)",
                                           "Play it: stillpoint play today"]
    skimmed = stillpoint("play", "today", "--start", "40s")  # 29 s of 69 heard: not finished
    assert skimmed.returncode == 0, skimmed.stderr
    assert "Day 1 is not finished yet (0 of 1 min heard); it will be here next time." in skimmed.stdout
    played = stillpoint("play", "today")
    assert played.returncode == 0, played.stderr
    lines = played.stdout.splitlines()
    assert lines[0] == "Short · Day 1: Three breaths"
    assert lines[-2:] == ["Day 1 of 3 is done. Next: day 2, A quiet sit (stillpoint play today).",
                          "To reflect on: How was it?"]
    today = stillpoint("program", "today").stdout.splitlines()
    assert today[0] == "Short: a test program · Day 2 of 3 · last practised today"
    journal = stillpoint("journal", "--json")
    import json

    days = [(e["kind"], e["item_id"], e["program_id"], e["program_day"], e["completed"])
            for e in json.loads(journal.stdout)["entries"]]
    assert days == [("program-day", "three-breaths", "short", 1, True)] * 2  # both played to the end
    assert "Short · Day 1: Three breaths" in stillpoint("journal").stdout


def test_the_program_commands_begin_pause_and_take_up_again_and_never_reset():
    def stillpoint(*args):
        return subprocess.run([sys.executable, "-m", "app", "program", *args], capture_output=True, text=True,
                              timeout=60)

    assert stillpoint("pause").stderr == "stillpoint: no program is under way; nothing to pause\n"
    assert stillpoint("start", "room-to-breathe").stdout.splitlines()[0] == \
        "Begun: Room to Breathe: Fourteen Days of Distance. Day 1 of 14."
    paused = stillpoint("pause")
    assert paused.stdout == ("Paused Room to Breathe: Fourteen Days of Distance: Paused at day 1 of 14. Whenever you "
                             "come back, `stillpoint program start room-to-breathe` takes it up from there.\n")
    again = stillpoint("pause", "room-to-breathe")
    assert (again.returncode, again.stderr) == (2, "stillpoint: room-to-breathe is not under way (paused, or not "
                                                   "begun); `stillpoint program list` shows where you are in each\n")
    assert stillpoint("list").stdout.splitlines()[:2] == [
        "room-to-breathe          Room to Breathe: Fourteen Days of Distance",
        "                         Paused at day 1 of 14"]
    assert stillpoint("today").stdout.startswith("No program is under way.")
    welcome = stillpoint("start", "room-to-breathe").stdout.splitlines()
    assert welcome[:2] == ["Welcome back: Room to Breathe: Fourteen Days of Distance. Day 1 of 14.",
                           "Today, day 1: Arriving · Arriving Where You Are (6 min)"]
    shown = stillpoint("show", "room-to-breathe").stdout.splitlines()
    assert shown[4:6] == ["  1  Arriving                   Arriving Where You Are (6 min)  [today]",
                          "     How are you, honestly, as you begin? A few words are enough; they do not need to be tidy."]
    assert shown[6] == "  2  Noticing the pull          Noticing the Pull (6 min)  · a contact-journal entry"
    missing = stillpoint("show", "room-to-breath")
    assert (missing.returncode, missing.stderr) == (
        2, "room-to-breath:1:1: no program with the id 'room-to-breath' (did you mean 'room-to-breathe'?; "
           "`stillpoint program list` shows them)\n")

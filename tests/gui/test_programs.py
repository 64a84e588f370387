"""A program in the window: its card in the library, its page, a day played to its end and finished (80% heard),
a day taken ahead with a gentle note, and the end screen after a practice (Enter saves and closes, Esc closes)."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.journal.log import Journal
from tests.playback.capture import need_audio_server

PROGRAM = """\
format: 1
id: short
title: "Short: a test program"
summary: Three short days.
days:
  - title: A short rest
    session: tiny
    prompt: What did you notice in the quiet?
  - title: A quiet sit
    timer: 1m
    prompt: And now?
    contact_journal: true
  - title: Box
    breathing: {pattern: box, minutes: 1}
    prompt: Last one.
"""
TINY = "format: 1\ntitle: Tiny\nlength: 9s\nsteps: [{pause: 7s}]\n"


@pytest.fixture
def short_program():
    data = Path(os.environ["STILLPOINT_DATA_DIR"])
    for folder, name, text in (("programs", "short.yaml", PROGRAM), ("sessions", "tiny.yaml", TINY)):
        (data / folder).mkdir(parents=True, exist_ok=True)
        (data / folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def app(short_program, stillpoint):
    """The application, started once the short program and its session are in your folders."""
    return stillpoint


def card(app, program_id):
    return next(c for c in app.window.library.program_cards if c.program_id == program_id)


def test_a_day_played_to_its_end_is_finished_and_the_end_screen_keeps_the_mood_and_the_words(app, qtbot):
    need_audio_server()
    window = app.window
    assert card(app, "short").status.text() == "3 days · not begun"
    assert card(app, "room-to-breathe").accessibleName().startswith("Program: Room to Breathe")
    card(app, "short").activated.emit()
    page = window.program_page
    assert window.pages.currentWidget() is page
    assert page.today_button.text() == "Begin day 1: A short rest" and page.today_button.hasFocus()
    assert [c.accessibleName() for c in page.day_cards] == [
        "Day 1: A short rest. Tiny · 0:09. today",
        "Day 2: A quiet sit. A quiet sit with the timer · 1 min · and a note in the contact journal",
        "Day 3: Box. Box breathing · 1 min"]
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.player
    end = window.end_screen
    qtbot.waitUntil(end.isVisible, timeout=60000)
    assert end.heading.text() == "Short · Day 1: A short rest"
    assert end.mood_row.isVisible() and not end.urge.isVisible()
    assert end.prompt.text() == "What did you notice in the quiet?"
    assert end.next_button.text() == "Tomorrow: day 2, A quiet sit"
    assert not end.contact.isVisible(), "day 1 does not ask for a contact-journal entry"
    assert end.week.text().startswith("This week: ")
    assert app.programs.progress.of("short").finished == frozenset({1})
    assert card(app, "short").status.text() == "Day 2 of 3", "a play under 30 s is not practice: no last practised"
    qtbot.mouseClick(end.moods.buttons()[3], Qt.MouseButton.LeftButton)  # lighter
    end.words.setFocus()
    qtbot.keyClicks(end.words, "a little more room")
    qtbot.keyClick(end.words, Qt.Key.Key_Return)  # Enter saves and closes
    assert window.pages.currentWidget() is window.player
    assert app.journal.written(timeout_s=5)
    entry = Journal(app.journal.connection).entries()[0]
    assert (entry.kind, entry.program_id, entry.program_day, entry.mood_after, entry.reflection) == (
        "program-day", "short", 1, 4, "a little more room")


def test_a_day_ahead_plays_with_a_gentle_note_a_seek_does_not_finish_it_and_esc_closes_the_end(app, qtbot):
    need_audio_server()
    window = app.window
    app.settings.set("journal/check_ins", False)
    app.programs.show("short")
    window.program_page.day_cards[2].activated.emit()  # day 3, ahead of day 1: breathing, on its own page
    assert window.pages.currentWidget() is window.breathing
    assert window.breathing.note.text().startswith("Day 3 is ahead of day 1, where you are; that is fine.")
    player = app.now_playing
    qtbot.waitUntil(lambda: player.duration_s() is not None, timeout=60000)
    player.seek(player.duration_s() - 2.0)  # to its end, but not heard
    end = window.end_screen
    qtbot.waitUntil(end.isVisible, timeout=20000)
    assert not end.mood_row.isVisible() and not end.question.isVisible(), "check-ins are off"
    assert end.prompt.text() == "Last one." and end.next_button.text() == "Back to the program"
    assert app.programs.progress.of("short").finished == frozenset()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.breathing
    assert app.journal.written(timeout_s=5)
    assert Journal(app.journal.connection).entries()[0].reflection == "", "Esc keeps nothing"


def test_a_practice_stopped_within_half_a_minute_ends_without_the_end_screen(app, qtbot):
    need_audio_server()
    app.programs.play_day("short", 1)
    qtbot.waitUntil(lambda: app.now_playing.position_s() > 0.5, timeout=60000)
    app.now_playing.stop()
    qtbot.wait(200)  # the end screen would be shown on the next turn of the event loop
    assert not app.window.end_screen.isVisible()


def test_begin_on_the_reminder_opens_today_s_day_in_the_running_window(app, qtbot, tmp_path):
    """The notifier, a real notification daemon (dunst) and the single-instance path, end to end."""
    import subprocess
    import sys

    from app.gui.single_instance import InstanceServer
    from tests.desktop.notification_daemon import NotificationDaemon

    server = InstanceServer()
    server.message.connect(app.handle_message)
    app.programs.progress.begin("short")
    app.programs.progress.finish_day("short", 1)  # today is day 2, the quiet sit
    try:
        with NotificationDaemon(tmp_path) as daemon:
            notifier = subprocess.Popen([sys.executable, "-m", "app", "remind", "notify"], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
            try:
                qtbot.waitUntil(lambda: daemon.displayed() == 1, timeout=30000)
                assert daemon.ctl("action", "0").returncode == 0  # the default action: Begin
                qtbot.waitUntil(lambda: notifier.poll() is not None, timeout=30000)
                assert (notifier.returncode, notifier.stdout.read()) == (0, "Begin: today's practice is opening\n")
                qtbot.waitUntil(lambda: app.now_playing.track is not None, timeout=60000)
            finally:
                notifier.kill()
    finally:
        server.close()
    track = app.now_playing.track
    assert (track.program_day, track.title) == (("short", 2), "Short · Day 2: A quiet sit")
    assert app.window.pages.currentWidget() is app.window.timer and not app.now_playing.playing(), \
        "opened at today's practice (the timer), waiting for play"


def test_breathing_ends_on_the_end_screen_and_esc_goes_back_to_the_breathing_page(app, qtbot):
    need_audio_server()
    from app.gui.main_window import PAGES
    from app.gui.pages.end_screen import ANY_PROMPT

    window = app.window
    view = window.breathing
    window.show_page(PAGES.index("Breathing"))
    view.pattern.setCurrentIndex(view.pattern.findText("Box breathing"))
    view.cycles.setValue(1)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    end = window.end_screen
    qtbot.waitUntil(end.isVisible, timeout=60000)
    assert (end.heading.text(), end.prompt.text(), end.next_button.text()) == (
        "Box breathing", ANY_PROMPT, "Back to the library")
    assert end.mood_row.isVisible() and end.moods.buttons()[0].hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_Tab)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)  # by keyboard alone: Tab to "low", Space chooses it
    assert end.mood() == 2 and window.pages.currentWidget() is end, "Space chose the mood; nothing else moved"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is view


def test_a_day_that_asks_for_a_contact_journal_entry_offers_it_at_its_end(app, qtbot):
    need_audio_server()
    from app.gui.dialogs.quick_entry import QuickEntry

    app.programs.play_day("short", 2)
    assert app.window.pages.currentWidget() is app.window.timer
    player = app.now_playing
    qtbot.waitUntil(lambda: player.duration_s() is not None, timeout=60000)
    player.seek(30.0)
    qtbot.waitUntil(lambda: app.window.timer.time.text() in ("0:39", "0:40", "0:41"), timeout=5000)
    player.seek(player.duration_s() - 1.0)
    end = app.window.end_screen
    qtbot.waitUntil(end.isVisible, timeout=20000)
    assert end.contact.isVisible() and end.contact.accessibleName() == "Note how contact felt"
    qtbot.mouseClick(end.contact, Qt.MouseButton.LeftButton)
    (entry,) = [w for w in app.window.findChildren(QuickEntry) if w.isVisible()]
    entry.close()

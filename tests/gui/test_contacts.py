"""The contact journal and the urge companion in the app, driven through their widgets."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.gui.main_window import PAGES
from app.journal.contacts import Contacts
from app.playback.player import State
from tests.playback.capture import need_audio_server


def test_a_contact_is_noted_from_anywhere_in_a_few_keystrokes(window, qtbot):
    window.show_page(PAGES.index("Breathing"))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    (dialog,) = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert dialog.windowTitle() == "Note a contact" and not dialog.isModal()
    qtbot.keyClicks(dialog.name.lineEdit(), "Sam")
    for group, value in ((dialog.kind, "message"), (dialog.moods["before"], 3), (dialog.moods["during"], 2),
                         (dialog.moods["after"], 1), (dialog.boundary, "partly")):
        chip = next(b for b in group.buttons() if b.value == value)
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.note, "about the weekend")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.pages.currentWidget() is window.breathing, "nothing else moved"
    (entry,) = Contacts().entries("Sam")
    assert (entry.kind, entry.before, entry.during, entry.after, entry.boundary, entry.note) == (
        "message", 3, 2, 1, "partly", "about the weekend")
    assert window.contacts.chooser.currentText() == "Sam"
    empty = window.app.note_contact()
    qtbot.addWidget(empty)
    assert not empty.save() and "Choose the kind of contact" in empty.error.text()


def test_the_contact_view_reads_the_trend_and_forgets(window):
    contacts = window.contacts.contacts
    now = datetime.datetime.now().astimezone()
    for days_ago in range(7, 0, -1):
        at = (now - datetime.timedelta(days=days_ago)).isoformat(timespec="seconds")
        contacts.log("Alex", "call", 3, 2, 2 if days_ago > 2 else 4, at=at)
    window.contacts.refresh("Alex")
    window.show_page(PAGES.index("Contacts"))
    view = window.contacts
    assert view.sentence.text() == "After contact you felt lower than before 5 of 7 times in the last three weeks."
    assert view.change.text() == "From before to after, on average -0.4"
    assert len(view.chart.entries) == 7 and view.history.topLevelItemCount() == 7
    assert view.history.topLevelItem(0).text(2) == "3 / 2 / 4"
    assert view.forget("Alex", confirm=False)
    assert contacts.names() == [] and view.sentence.text().startswith("Nothing noted yet")


def test_the_urge_button_begins_the_practice_and_its_end_screen_asks_if_it_passed(window, qtbot):
    need_audio_server()
    window.show_page(PAGES.index("Contacts"))
    window.contacts.contacts.log("Sam", "thinking", 2, 2, 2)
    window.settings.set("journal/check_ins", True)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    view = window.player
    assert window.pages.currentWidget() is view and view.entry.id == "urge-wave"
    qtbot.waitUntil(lambda: view.player.duration_s is not None, timeout=120000)
    view.player.seek(view.player.duration_s - 2.5)  # the last moments, to its end
    end = window.end_screen
    qtbot.waitUntil(lambda: end.urge.isVisible(), timeout=20000)
    assert view.player.state == State.ENDED and not end.mood_row.isVisible(), "the urge question, not the mood"
    assert [end.urge.contact.itemText(i) for i in range(end.urge.contact.count())] == ["no one in particular", "Sam"]
    end.urge.contact.setCurrentText("Sam")
    passed = next(b for b in end.urge.outcome.buttons() if b.value == "passed")
    qtbot.mouseClick(passed, Qt.MouseButton.LeftButton)
    assert end.urge.question.text().startswith("Noted: this one passed.")
    urges = [e for e in Contacts().entries("Sam") if e.kind == "urge"]
    assert [(e.outcome) for e in urges] == ["passed"]
    QApplication.processEvents()
    assert window.contacts.change.text().endswith("1 urge passed without acting on them")

"""The desktop app driven through its widgets (offscreen), with sound going to the PulseAudio test sink."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QListWidget,
    QScrollBar,
    QWidget,
)

from app.folders import user_sessions_dir
from app.gui.breathing_view import MIN_RADIUS_SHARE
from app.gui.export_dialog import ExportDialog
from app.gui.main_window import MainWindow
from app.gui.settings import Settings
from app.gui.settings_dialog import SettingsDialog
from app.journal.log import Journal
from app.playback.player import State
from tests.playback.capture import Capture, need_audio_server, rms_db


def test_the_library_lists_searches_and_filters(window, qtbot):
    library = window.library
    titles = library.visible_titles()
    assert "Creating Healthy Distance" in titles and "Quick Reset" in titles
    qtbot.keyClicks(library.search, "sleep")
    assert library.visible_titles() == ["Coming Home to Yourself (for sleep)"]
    library.search.clear()
    library.tags.setCurrentText("boundaries")
    assert library.visible_titles() == ["Boundary Rehearsal", "Creating Healthy Distance"]


def test_the_users_folder_is_watched_and_invalid_files_are_shown(window, qtbot):
    folder = user_sessions_dir()
    (folder / "mine.yaml").write_text("format: 1\ntitle: A Session of My Own\nsteps: [{pause: 1s}]\n")
    qtbot.waitUntil(lambda: "A Session of My Own" in window.library.visible_titles(), timeout=5000)
    (folder / "broken.yaml").write_text("format: 1\ntitle: Broken\nsteps:\n  - pause: forever\n")
    qtbot.waitUntil(lambda: "broken  (cannot be played)" in window.library.visible_titles(), timeout=5000)
    row = window.library.visible_titles().index("broken  (cannot be played)")
    assert "steps[0].pause: expected a pause, found 'forever'" in window.library.list.item(row).text()


def test_pick_play_pause_and_jump_with_the_chapter_list(window, qtbot):
    need_audio_server()
    window.library.choose("three-breaths")
    player_view = window.player
    assert window.pages.currentWidget() is player_view and player_view.title.text() == "Three Breaths"
    with Capture() as capture:
        qtbot.mouseClick(player_view.play_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: player_view.player.state == State.PLAYING and player_view.player.position_s > 3.5,
                        timeout=15000)
    assert rms_db(capture.audio) > -50
    qtbot.waitUntil(lambda: player_view.transcript.currentRow() == 0, timeout=3000)
    assert player_view.transcript.currentItem().text() == "Wherever you are, you can stop for a moment."
    qtbot.mouseClick(player_view.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player_view.player.state == State.PAUSED, timeout=3000)
    qtbot.waitUntil(lambda: player_view.chapters.count() == 3, timeout=10000)
    breathing = player_view.chapters.item(1)
    rect = player_view.chapters.visualItemRect(breathing)
    qtbot.mouseClick(player_view.chapters.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chapter = player_view.player.chapters()[1]
    qtbot.waitUntil(lambda: abs(player_view.player.position_frames() - chapter.start) < 2000, timeout=3000)
    assert player_view.player.current_chapter().title == "Breathing"


def test_closing_the_window_mid_session_stops_and_records_it(qtbot):
    need_audio_server()
    main = MainWindow(Settings())
    qtbot.addWidget(main)
    main.show()
    main.settings.set("journal/check_ins", False)
    main.library.choose("three-breaths")
    main.player.toggle()
    qtbot.waitUntil(lambda: main.player.player.position_s > 1.0, timeout=15000)
    main.close()
    assert main.player.player is None
    (entry,) = Journal().entries()
    assert entry.item_id == "three-breaths" and not entry.completed and 0.8 < entry.listened_s < 5
    reopened = MainWindow(Settings())
    qtbot.addWidget(reopened)
    assert reopened.player.entry.id == "three-breaths", "continue where you left off"
    assert reopened.player.player.position_s == pytest.approx(Settings().get("state/last_position_s"), abs=0.05)
    assert Settings().get("state/last_position_s") > 0.8
    reopened.close()


def test_export_can_be_cancelled_and_then_completed(window, qtbot, tmp_path):
    window.library.choose("three-breaths")
    dialog = ExportDialog(window.player.entry.session, tmp_path, window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(2)  # FLAC
    assert dialog.path.text() == str(tmp_path / "three-breaths.flac")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=15000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=15000)
    assert dialog.left.text() == "Cancelled; nothing was written."
    assert list(tmp_path.iterdir()) == []
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert [p.name for p in tmp_path.iterdir()] == ["three-breaths.flac"]
    assert dialog.left.text().startswith("Saved three-breaths.flac: 1:0")


def test_a_changed_setting_is_persisted_and_applied(window, qtbot):
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.applied.connect(window.apply_settings)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.reduce_motion.setChecked(True)
    assert Settings().get("look/theme") == "dark" and Settings().get("look/reduce_motion") is True
    assert window.palette().window().color().name() == "#1d2023"
    assert window.breathing.circle.reduce_motion is True


def test_the_breathing_circle_follows_the_fullness_function(window, qtbot):
    need_audio_server()
    view = window.breathing
    window.show_page(2)
    view.pattern.setCurrentIndex(view.pattern.findText("Box breathing"))
    view.cycles.setValue(2)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (view.elapsed_s() or -1) > 0.5, timeout=20000)
    practice = view.player.timeline.practices[0][1]
    largest = min(view.circle.width(), view.circle.height()) / 2 - 8
    for _ in range(10):
        qtbot.wait(150)
        view.refresh()
        elapsed = view.elapsed_s()
        assert view.circle.fullness == pytest.approx(practice.fullness(elapsed), abs=0.02)
        expected_radius = largest * (MIN_RADIUS_SHARE + (1 - MIN_RADIUS_SHARE) * practice.fullness(elapsed))
        assert view.circle.radius() == pytest.approx(expected_radius, abs=0.02 * largest)
    assert view.phase.text() in ("Breathe in", "Hold")
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.player.state == State.PAUSED, timeout=3000)
    qtbot.wait(500)  # what was already handed to the sound server is still heard, and the circle follows it
    held = view.circle.fullness
    qtbot.wait(400)
    assert view.circle.fullness == pytest.approx(held, abs=1e-3), "paused: the circle holds still"
    qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    assert view.player is None and view.circle.fullness == 0.0
    (entry,) = Journal().entries()
    assert entry.kind == "breathing" and entry.item_id == "box"


def test_a_custom_pattern_is_saved(window):
    view = window.breathing
    view.custom_name.setText("evening")
    view.custom_seconds.setText("4-2-7-0")
    assert view.save_custom()
    assert Settings().get("breathing/custom_patterns") == "evening=4-2-7-0"
    assert view.pattern.currentText() == "evening (4-2-7-0)"
    view.custom_seconds.setText("four")
    assert not view.save_custom()


def test_the_journal_view_shows_history_and_gentle_totals(window, qtbot):
    journal = Journal()
    play = journal.start("session", "quick-reset", "Quick Reset")
    journal.checkpoint(play, 180, completed=True)
    journal.check_in(play, "before", 2)
    journal.check_in(play, "after", 4, "lighter")
    window.show_page(3)
    view = window.journal
    assert view.history.topLevelItemCount() == 1
    row = view.history.topLevelItem(0)
    assert (row.text(1), row.text(2), row.text(3), row.text(4)) == ("Quick Reset", "3.0", "2 → 4", "lighter")
    assert view.summary.text().startswith("You practised on 1 day in ")
    assert view.summary.text().endswith("; on average you felt +2.0 after practising.")
    view.show_stats.setChecked(False)
    assert view.chart.isHidden() and Settings().get("journal/show_stats") is False


def test_every_control_has_a_name_a_tooltip_and_tab_focus(window):
    missing = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QAbstractSlider, QComboBox, QLineEdit, QListWidget)):
            if isinstance(widget, QScrollBar) or widget.parent().inherits("QAbstractSpinBox") or \
                    widget.parent().inherits("QLineEdit"):
                continue  # parts of other controls
            label = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            if not label or not (widget.toolTip() or isinstance(widget, QAbstractButton)):
                missing.append(f"{type(widget).__name__} {label!r}")
            if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                missing.append(f"{type(widget).__name__} {label!r} (no Tab focus)")
    assert missing == []


def test_shortcuts(window):
    keys = {name: action.shortcut().toString() for name, action in window.actions_by_name.items()}
    assert keys == {"play": "Space", "back": "Left", "forward": "Right", "next": "N", "previous": "P",
                    "export": "Ctrl+E", "search": "Ctrl+F", "settings": "Ctrl+,", "quit": "Ctrl+Q"}
    assert window.windowTitle() == "Stillpoint" and not window.windowIcon().isNull()


def test_sound_and_voice_preferences_shape_the_session(window):
    entry = next(e for e in window.library.entries if e.id == "three-breaths")
    window.settings.set("sound/bells", False)
    window.settings.set("voice/rate", 1.2)
    shaped = window.with_preferences(entry.session)
    assert shaped.bells.start is None and shaped.voice.rate == 1.2 and shaped.ambient == entry.session.ambient
    bare = replace(entry.session, ambient=())
    window.settings.set("sound/default_ambient", "ocean")
    assert window.with_preferences(bare).ambient[0].sound.name == "ocean"


def test_practice_is_checkpointed_while_it_plays(window, qtbot):
    need_audio_server()
    window.settings.set("journal/check_ins", False)
    window.library.choose("three-breaths")
    window.player.toggle()
    qtbot.waitUntil(lambda: window.player.listened_s() > 6.5, timeout=20000)
    qtbot.wait(1100)
    (entry,) = Journal().entries()
    assert entry.listened_s >= 5.0, "written while playing, before the session ends"

"""The main window: navigation between Library, Now playing, Breathing and Journal (and a session's page
before it begins); shortcuts; focus mode; remembered state."""

import importlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.dialogs.export_dialog import ExportDialog
from app.gui.dialogs.settings_dialog import SettingsDialog
from app.gui.kit import theme
from app.gui.kit.basics import accessible
from app.gui.kit.icon import app_icon
from app.gui.kit.tasks import run_task
from app.gui.pages.breathing import BreathingView
from app.gui.pages.contacts import ContactsView
from app.gui.pages.journal import JournalView
from app.gui.pages.library import LibraryView
from app.gui.pages.now_playing import PlayerView
from app.gui.pages.session_page import SessionPage
from app.gui.pages.timer import TimerView
from app.gui.settings import Settings
from app.journal.contacts import URGE_AFTERWARDS, URGE_SESSION
from app.playback.choose_backend import make_backend

PAGES = ("Library", "Now playing", "Breathing", "Timer", "Journal", "Contacts")  # the sidebar; a session's page comes after them


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, backend_name: str = "qt"):
        super().__init__()
        self.settings = settings or Settings()
        theme.apply(QApplication.instance(), self.settings.get("look/theme"))
        self.setWindowTitle("Stillpoint")
        self.setWindowIcon(app_icon())
        self.library = LibraryView()
        self.player = PlayerView(self.settings, lambda: make_backend(backend_name))
        self.breathing = BreathingView(self.settings, lambda: make_backend(backend_name))
        self.timer = TimerView(self.settings, lambda: make_backend(backend_name))
        self.journal = JournalView(self.settings)
        self.contacts = ContactsView()
        self.session_page = SessionPage()
        self.recorder = None
        self.mood_before = None  # chosen on the session's page, recorded when it starts playing
        self.nav = accessible(QListWidget(), "Sections", ", ".join(PAGES))
        self.nav.setObjectName("nav")
        self.nav.addItems(PAGES)
        self.nav.setMaximumWidth(theme.space(22))  # and in a small window only as wide as its words
        self.nav.setMinimumWidth(min(theme.space(22), self.nav.fontMetrics().horizontalAdvance("Now playing") + theme.space(5)))
        self.pages = QStackedWidget()
        for page in (self.library, self.player, self.breathing, self.timer, self.journal, self.contacts,
                     self.session_page):
            page.setObjectName("page")
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.show_page)
        self.sidebar = QWidget()  # the sections, and the two things wanted from anywhere
        self.sidebar.setObjectName("sidebar")
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(0, 0, 0, theme.space(2))
        side.addWidget(self.nav, 1)
        for text, tip, handler in (("Note a contact", "Note how a contact felt (Ctrl+L)", self.note_contact),
                                   ("Urge to reach out", "A few minutes with the urge before deciding (Ctrl+U)",
                                    self.urge)):
            button = accessible(QPushButton(text), text, tip)
            button.setObjectName("side")
            button.clicked.connect(handler)
            side.addWidget(button)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.library.session_chosen.connect(self.show_session)
        self.library.continue_chosen.connect(self.continue_session)
        self.session_page.begin.connect(self.begin)
        self.session_page.back.connect(lambda: self.show_page(0))
        self.player.focus_requested.connect(self.set_focus_mode)
        self.breathing.focus_requested.connect(self.set_focus_mode)
        self.library.phrases_requested.connect(self.edit_phrases)
        self.player.export_requested.connect(self.export)
        self.player.play_started.connect(self._play_started)
        self.player.play_finished.connect(self._play_finished)
        self.player.check_in.answered.connect(self._checked_in)
        self.player.urge_outcome.answered.connect(self._urge_answered)
        self.contacts.note_requested.connect(self.note_contact)
        self.contacts.urge_requested.connect(self.urge)
        self.breathing.started.connect(self._breathing_started)
        self.breathing.finished.connect(self._breathing_finished)
        self.timer.started.connect(lambda item, title: self._practice_started("timer", item, title))
        self.timer.finished.connect(self._breathing_finished)
        self.breath_recorder = None  # breathing or the timer, whichever is running
        self.checkpoints = QTimer(self, interval=1000, timeout=self._checkpoint)
        self.checkpoints.start()
        self.focus_mode = False
        self._was_maximised = False
        self.quitting = False
        self.pending_reference = None  # a session `stillpoint open` asked for
        from app.gui.desktop_bridge import DesktopBridge

        self.desktop = DesktopBridge(self)
        self._shortcuts()
        self._restore()

    # -- navigation and shortcuts ----------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if self.focus_mode:
            self.set_focus_mode(False)
        self.pages.setCurrentIndex(index)
        row = 0 if index >= len(PAGES) else index  # a session's page belongs to the library
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        if index < len(PAGES) and PAGES[index] == "Journal":
            self.journal.refresh()

    def set_focus_mode(self, on: bool) -> None:
        """Only the words (or the breathing circle), the play control and the time left, full screen."""
        page = self.pages.currentWidget()
        if on and page not in (self.player, self.breathing):
            return
        self.focus_mode = on
        self.sidebar.setVisible(not on)
        self.player.set_focused(on and page is self.player)
        self.breathing.set_focused(on and page is self.breathing)
        if on:
            self._was_maximised = self.isMaximized()
            self.showFullScreen()
        elif self.isFullScreen() and self._was_maximised:
            self.showMaximized()
        elif self.isFullScreen():
            self.showNormal()

    def _shortcuts(self) -> None:
        def add(keys, handler, name):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
            return action

        self.actions_by_name = {
            "play": add(Qt.Key.Key_Space, self._space, "Play or pause"),
            "back": add(Qt.Key.Key_Left, lambda: self.player.jump(-15), "Back 15 seconds"),
            "forward": add(Qt.Key.Key_Right, lambda: self.player.jump(15), "Forward 15 seconds"),
            "next": add(Qt.Key.Key_N, self.player.next_chapter, "Next chapter"),
            "previous": add(Qt.Key.Key_P, self.player.previous_chapter, "Previous chapter"),
            "export": add(QKeySequence("Ctrl+E"), self.export, "Export"),
            "search": add(QKeySequence("Ctrl+F"), self._search, "Search the library"),
            "settings": add(QKeySequence("Ctrl+,"), self.open_settings, "Settings"),
            "quit": add(QKeySequence("Ctrl+Q"), self.close, "Quit"),
            "note contact": add(QKeySequence("Ctrl+L"), self.note_contact, "Note a contact"),
            "urge": add(QKeySequence("Ctrl+U"), self.urge, "I feel the urge to reach out"),
            "focus": add(Qt.Key.Key_F11, lambda: self.set_focus_mode(not self.focus_mode), "Focus mode"),
            "leave focus": add(Qt.Key.Key_Escape, self._escape, "Leave focus mode"),
        }

    def _escape(self) -> None:
        if self.focus_mode:
            self.set_focus_mode(False)
        elif self.pages.currentWidget() is self.session_page:
            self.show_page(0)

    def _space(self) -> None:
        if self.pages.currentWidget() in (self.breathing, self.timer):
            self.pages.currentWidget().start_or_pause()
        else:
            self.player.toggle()

    def _search(self) -> None:
        self.show_page(0)
        self.library.search.setFocus()
        self.library.search.selectAll()

    # -- sessions ---------------------------------------------------------------------------------
    def show_session(self, entry) -> None:
        """The session's own page: what it is, and Begin."""
        self.session_page.show_entry(entry)
        self.show_page(self.pages.indexOf(self.session_page))
        self.session_page.begin_button.setFocus()

    def begin(self, entry, mood_before) -> None:
        """Begin on the session's page: open it, remember the check-in, play."""
        self.mood_before = mood_before
        self.open_session(entry)
        self.player.toggle()

    def continue_session(self, entry, position_s: float) -> None:
        self.mood_before = None
        self.open_session(entry, position_s)
        self.player.toggle()

    def open_session(self, entry, start_s: float = 0.0) -> None:
        entry = replace(entry, session=self.with_preferences(entry.session))
        self.settings.set("state/last_session", entry.id)
        self.player.open(entry, start_s)
        self.show_page(1)

    def edit_phrases(self, session_id: str = "my-phrases"):
        """The phrases editor; what it saves appears in the library (the folder is watched)."""
        from app.gui.dialogs.phrases_dialog import PhrasesDialog

        dialog = PhrasesDialog(session_id, self)
        dialog.open()
        return dialog

    def with_preferences(self, session):
        """The session as the settings ask: another voice or rate, a default bed, no framing bells."""
        from app.session.model import Bed, Bells, SoundRef
        from app.session.overrides import apply_voice_options

        engine, name, rate = (self.settings.get(k) for k in ("voice/engine", "voice/name", "voice/rate"))
        if engine != session.voice.engine or rate:
            voice = f"{engine}:{name}" if engine != session.voice.engine else None
            session = apply_voice_options(session, voice, rate or None)
        bed = self.settings.get("sound/default_ambient")
        if bed and not session.ambient:
            session = replace(session, ambient=(Bed(SoundRef(bed), -24.0),))
        if not self.settings.get("sound/bells"):
            session = replace(session, bells=Bells())
        return session

    def export(self) -> None:
        if self.player.entry is None:
            return
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MusicLocation) or Path.home())
        ExportDialog(self.player.entry.session, folder, self).open()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.applied.connect(self.apply_settings)
        dialog.open()

    def apply_settings(self) -> None:
        theme.apply(QApplication.instance(), self.settings.get("look/theme"))
        self.breathing.apply_settings()

    # -- contacts and urges ------------------------------------------------------------------------
    def note_contact(self):
        """The quick entry, over whatever is showing (it does not stop or move anything)."""
        from app.gui.pages.contacts import QuickEntry

        dialog = QuickEntry(self.contacts.contacts, self)
        dialog.saved.connect(self.contacts.refresh)
        dialog.show()  # not modal: what plays or shows behind it carries on
        return dialog

    def urge(self) -> None:
        """A few minutes with the urge to reach out: the urge practice begins at once."""
        entry = next((e for e in self.library.entries if e.id == URGE_SESSION and e.session), None)
        if entry is not None:
            self.begin(entry, None)

    def _urge_answered(self, outcome: str, name) -> None:
        from app.failures import BadInput

        try:
            self.contacts.contacts.urge(outcome, name)
        except BadInput as problem:
            self.player.urge_outcome.question.setText(str(problem))
            return
        self.player.urge_outcome.thank(URGE_AFTERWARDS[outcome])
        self.contacts.refresh()

    # -- journal ----------------------------------------------------------------------------------
    def _play_started(self) -> None:
        from app.journal.log import PlayRecorder

        session = self.player.entry.session
        self.recorder = PlayRecorder(self.journal.journal, "session", session.id, session.title)
        if self.mood_before is not None and self.settings.get("journal/check_ins"):
            self.journal.journal.check_in(self.recorder.play_id, "before", self.mood_before, "")
        self.mood_before = None

    def _play_finished(self, listened_s: float, completed: bool) -> None:
        if self.recorder is None:
            return
        self.recorder.finish(listened_s, completed)
        if completed and self.player.entry.id == URGE_SESSION:
            self.player.urge_outcome.ask([name for name, _count, _last in self.contacts.contacts.names()])
        elif completed and self.settings.get("journal/check_ins"):
            prompt = self.player.entry.session.reflection_prompt if self.player.entry else ""
            self.player.check_in.ask("And now, how do you feel?" + (f"  {prompt}" if prompt else ""))
        self.journal.refresh()

    def _checked_in(self, mood, words: str) -> None:
        """The check-in after a session (the one before is on the session's page)."""
        if self.recorder is None or mood is None:
            return
        self.journal.journal.check_in(self.recorder.play_id, "after", mood, words)
        if words:
            self.journal.journal.reflect(self.recorder.play_id, words)
        self.player.check_in.hide()
        self.journal.refresh()

    def _breathing_started(self, pattern: str, title: str) -> None:
        self._practice_started("breathing", pattern, title)

    def _practice_started(self, kind: str, item_id: str, title: str) -> None:
        from app.journal.log import PlayRecorder

        self.breath_recorder = PlayRecorder(self.journal.journal, kind, item_id, title)

    def _breathing_finished(self, listened_s: float, completed: bool) -> None:
        if self.breath_recorder is not None:
            self.breath_recorder.finish(listened_s, completed)
            self.breath_recorder = None
            self.journal.refresh()

    def _checkpoint(self) -> None:
        """Write the listening time every few seconds, so a crash loses at most those seconds."""
        if self.recorder is not None and self.player.playing():
            self.recorder.listened(self.player.listened_s())
        if self.breath_recorder is not None:
            running = self.timer.sat_s() if self.timer.player is not None else self.breathing.listened_s()
            self.breath_recorder.listened(running)

    # -- state ------------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.raw().value("state/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        self.show_page(0)
        last = self.settings.get("state/last_session")
        entry = next((e for e in self.library.entries if e.id == last and e.session), None)
        self.library.set_continue(entry, self.settings.get("state/last_position_s"))
        # the audio stack loads in the background, after the window shows; then the last session is reopened
        self.audio_ready = run_task(lambda _progress, _cancel: importlib.import_module("app.playback.player"),
                                    on_done=lambda _module: self._reopen(entry))

    def _reopen(self, entry) -> None:
        """Continue where you left off: the last session, at its last position (the page stays where it is);
        then the media controls come up."""
        self.desktop.start()
        if self.pending_reference:
            self.open_reference(self.pending_reference)
            return
        if entry is not None and self.player.entry is None:
            self.open_session(entry, self.settings.get("state/last_position_s"))
            self.show_page(0)

    # -- as a desktop player ----------------------------------------------------------------------
    def bring_back(self) -> None:
        """Show the window again (from the media controls or a second start)."""
        if self.isHidden() or self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        """Quit for real, even with "keep playing in the background" on."""
        self.quitting = True
        self.close()
        QApplication.instance().quit()

    def handle_message(self, text: str) -> None:
        """What a second start asked: "raise", or "open SESSION" (an id or a path)."""
        self.bring_back()
        if text.startswith("open "):
            self.open_reference(text[5:])

    def open_reference(self, reference: str) -> bool:
        """Open a session by library id or file path in the player (not playing yet); while another one plays,
        show its page instead (Begin is one key away), so nothing is cut off."""
        from app.session import load_session
        from app.session.errors import SessionError
        from app.session.library import Entry, resolve

        entry = next((e for e in self.library.entries if e.id == reference and e.session), None)
        if entry is None:
            try:
                path = resolve(reference)
                entry = Entry(path.stem, path, load_session(path))
            except SessionError as error:
                self.player.status.setText(str(error.problems[0]))
                return False
        if self.player.playing() and self.player.entry.id != entry.id:
            self.show_session(entry)
        else:
            self.open_session(entry)
        return True

    def closeEvent(self, event):  # noqa: N802
        if not self.quitting and self.settings.get("sound/keep_playing_in_background") and self.player.playing():
            self.hide()  # it plays on; the media controls or starting Stillpoint again bring it back
            event.ignore()
            return
        self.desktop.close()
        self.settings.raw().setValue("state/geometry", self.saveGeometry())
        self.player.close_player()
        self.breathing.stop()
        self.timer.stop()
        self.settings.raw().sync()
        super().closeEvent(event)

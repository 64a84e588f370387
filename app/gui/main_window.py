"""The main window: navigation between Library, Player, Breathing and Journal; shortcuts; remembered state."""

import importlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from app.gui import theme
from app.gui.breathing_view import BreathingView
from app.gui.export_dialog import ExportDialog
from app.gui.icon import app_icon
from app.gui.journal_view import JournalView
from app.gui.library_view import LibraryView
from app.gui.player_view import PlayerView
from app.gui.settings import Settings
from app.gui.settings_dialog import SettingsDialog
from app.gui.tasks import run_task
from app.gui.widgets import accessible
from app.playback.backends import make_backend

PAGES = ("Library", "Player", "Breathing", "Journal")


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, backend_name: str = "qt"):
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle("Stillpoint")
        self.setWindowIcon(app_icon())
        self.library = LibraryView()
        self.player = PlayerView(self.settings, lambda: make_backend(backend_name))
        self.breathing = BreathingView(self.settings, lambda: make_backend(backend_name))
        self.journal = JournalView(self.settings)
        self.recorder = None
        self.nav = accessible(QListWidget(), "Sections", "Library, Player, Breathing, Journal")
        self.nav.setObjectName("nav")
        self.nav.addItems(PAGES)
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget()
        for page in (self.library, self.player, self.breathing, self.journal):
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.show_page)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.library.session_chosen.connect(self.open_session)
        self.library.phrases_requested.connect(self.edit_phrases)
        self.player.export_requested.connect(self.export)
        self.player.play_started.connect(self._play_started)
        self.player.play_finished.connect(self._play_finished)
        self.player.check_in.answered.connect(self._checked_in)
        self.breathing.started.connect(self._breathing_started)
        self.breathing.finished.connect(self._breathing_finished)
        self.breath_recorder = None
        self.checkpoints = QTimer(self, interval=1000, timeout=self._checkpoint)
        self.checkpoints.start()
        self._shortcuts()
        self._restore()

    # -- navigation and shortcuts ----------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        if PAGES[index] == "Journal":
            self.journal.refresh()

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
        }

    def _space(self) -> None:
        if self.pages.currentWidget() is self.breathing:
            self.breathing.start_or_pause()
        else:
            self.player.toggle()

    def _search(self) -> None:
        self.show_page(0)
        self.library.search.setFocus()
        self.library.search.selectAll()

    # -- sessions ---------------------------------------------------------------------------------
    def open_session(self, entry, start_s: float = 0.0) -> None:
        entry = replace(entry, session=self.with_preferences(entry.session))
        self.settings.set("state/last_session", entry.id)
        self.player.open(entry, start_s)
        self.show_page(1)

    def edit_phrases(self, session_id: str = "my-phrases"):
        """The phrases editor; what it saves appears in the library (the folder is watched)."""
        from app.gui.phrases_dialog import PhrasesDialog

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

    # -- journal ----------------------------------------------------------------------------------
    def _play_started(self) -> None:
        from app.journal.log import PlayRecorder

        session = self.player.entry.session
        self.recorder = PlayRecorder(self.journal.journal, "session", session.id, session.title)
        if self.settings.get("journal/check_ins"):
            self._asking = "before"
            self.player.check_in.ask("Before you begin: how do you feel?")

    def _play_finished(self, listened_s: float, completed: bool) -> None:
        if self.recorder is None:
            return
        self.recorder.finish(listened_s, completed)
        if completed and self.settings.get("journal/check_ins"):
            self._asking = "after"
            prompt = self.player.entry.session.reflection_prompt if self.player.entry else ""
            self.player.check_in.ask("And now, how do you feel?" + (f"   {prompt}" if prompt else ""))
        self.journal.refresh()

    def _checked_in(self, mood, words: str) -> None:
        if self.recorder is None or mood is None:
            return
        self.journal.journal.check_in(self.recorder.play_id, self._asking, mood, words)
        if self._asking == "after" and words:
            self.journal.journal.reflect(self.recorder.play_id, words)
        self.journal.refresh()

    def _breathing_started(self, pattern: str, title: str) -> None:
        from app.journal.log import PlayRecorder

        self.breath_recorder = PlayRecorder(self.journal.journal, "breathing", pattern, title)

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
            self.breath_recorder.listened(self.breathing.listened_s())

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
        # the audio stack loads in the background, after the window shows; then the last session is reopened
        self.audio_ready = run_task(lambda _progress, _cancel: importlib.import_module("app.playback.player"),
                                    on_done=lambda _module: self._reopen(entry))

    def _reopen(self, entry) -> None:
        """Continue where you left off: the last session, at its last position (the page stays where it is)."""
        if entry is not None and self.player.entry is None:
            self.open_session(entry, self.settings.get("state/last_position_s"))
            self.show_page(0)

    def closeEvent(self, event):  # noqa: N802
        self.settings.raw().setValue("state/geometry", self.saveGeometry())
        self.player.close_player()
        self.breathing.stop()
        self.settings.raw().sync()
        super().closeEvent(event)

"""The application beside the window: it owns the settings, the journal and contact stores, the library, the
one owner of what plays and its subscribers (the journal tracker, the desktop bridge), the single-instance
server, the shortcuts' actions, quitting and keep-playing-in-the-background. The window is only the view."""

import importlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from app.gui.desktop_bridge import DesktopBridge
from app.gui.endings import Endings
from app.gui.journal_tracker import JournalTracker
from app.gui.kit.look import apply_look
from app.gui.kit.tasks import run_task
from app.gui.library import Library
from app.gui.now_playing import NowPlaying, Track
from app.gui.programs import Programs
from app.gui.settings import Settings
from app.journal.contacts import URGE_SESSION, Contacts
from app.journal.log import Journal
from app.session.overrides import Preferences, with_preferences


class StillpointApp(QObject):
    def __init__(self, settings: Settings | None = None, backend_name: str = "qt", instance_server=None):
        super().__init__()
        self.settings = settings or Settings()
        apply_look(QApplication.instance(), self.settings.get("look/theme"))
        self.journal_notices: list[str] = []
        self.journal = _open_journal(self.journal_notices)
        self.contacts = Contacts(self.journal.connection)  # one connection to the one journal file
        self.library = Library(self)
        self.now_playing = NowPlaying(lambda: _backend(backend_name), self)
        self.tracker = JournalTracker(self.now_playing, self.journal, self.settings, self)
        self.now_playing.finished.connect(self._remember_position)
        self.instance_server = instance_server
        self.quitting = False
        self.pending_reference = None  # a session `stillpoint open` asked for, opened once the audio stack loads
        from app.gui.main_window import MainWindow

        self.window = MainWindow(self)
        self.desktop = DesktopBridge(self.now_playing, self.bring_back, self.quit, self)
        if instance_server is not None:
            instance_server.message.connect(self.handle_message)
        self.actions = self._actions()
        for action in self.actions.values():
            self.window.addAction(action)
        self.programs = Programs(self)
        self.endings = Endings(self)
        self._restore()

    # -- the shortcuts' actions -------------------------------------------------------------------
    def _actions(self) -> dict[str, QAction]:
        w, owner = self.window, self.now_playing

        def add(keys, handler, name):
            action = QAction(name, self.window)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(handler)
            return action

        return {
            "play": add(Qt.Key.Key_Space, w.play_or_pause, "Play or pause"),
            "back": add(Qt.Key.Key_Left, lambda: owner.jump(-15), "Back 15 seconds"),
            "forward": add(Qt.Key.Key_Right, lambda: owner.jump(15), "Forward 15 seconds"),
            "next": add(Qt.Key.Key_N, owner.next_chapter, "Next chapter"),
            "previous": add(Qt.Key.Key_P, owner.previous_chapter, "Previous chapter"),
            "export": add(QKeySequence("Ctrl+E"), self.export, "Export"),
            "search": add(QKeySequence("Ctrl+F"), w.search, "Search the library"),
            "settings": add(QKeySequence("Ctrl+,"), self.open_settings, "Settings"),
            "quit": add(QKeySequence("Ctrl+Q"), w.close, "Quit"),
            "note contact": add(QKeySequence("Ctrl+L"), self.note_contact, "Note a contact"),
            "urge": add(QKeySequence("Ctrl+U"), self.urge, "I feel the urge to reach out"),
            "focus": add(Qt.Key.Key_F11, lambda: w.set_focus_mode(not w.focus_mode), "Focus mode"),
            "leave focus": add(Qt.Key.Key_Escape, w.escape, "Leave focus mode"),
        }

    # -- sessions ---------------------------------------------------------------------------------
    def preferences(self) -> Preferences:
        s = self.settings
        return Preferences(s.get("voice/engine"), s.get("voice/name"), s.get("voice/rate") or None,
                           s.get("sound/default_ambient") or None, bool(s.get("sound/bells")))

    def begin(self, entry, mood_before) -> None:
        """Begin a session (from its page, with the check-in chosen there): open it and play."""
        self.tracker.expect_mood_before(mood_before)
        self.open_session(entry)
        self.window.player.play()

    def continue_session(self, entry, position_s: float) -> None:
        self.tracker.expect_mood_before(None)
        self.open_session(entry, position_s)
        self.window.player.play()

    def open_session(self, entry, start_s: float = 0.0) -> None:
        """Load `entry` (as the settings shape it) in the player, paused, and show the player."""
        entry = replace(entry, session=with_preferences(entry.session, self.preferences()))
        self.settings.set("state/last_session", entry.id)
        self.window.player.open(entry, start_s)
        self.window.show_page(1)

    def open_reference(self, reference: str) -> bool:
        """Open a session by library id or file path (not playing yet); while another one plays, show its page
        instead (Begin is one key away), so nothing is cut off. `today` (or PROGRAM/N) is a program's day: loaded
        on the player, or, with no program under way, the last session."""
        from app.program.today import is_day_reference
        from app.session import load_session
        from app.session.errors import SessionError
        from app.session.library import Entry, resolve

        if reference == "today" and self.programs.progress.current() is None:
            reference = self.settings.get("state/last_session") or ""
            if not reference:
                self.window.show_page(0)
                return True
        elif is_day_reference(reference):
            return self.programs.play_day_reference(reference, play=False)
        entry = self.library.find(reference)
        if entry is None:
            try:
                path = resolve(reference)
                entry = Entry(path.stem, path, load_session(path))
            except SessionError as error:
                self.window.player.status.setText(str(error.problems[0]))
                return False
        if self.now_playing.playing() and (self.now_playing.track.item_id != entry.id):
            self.window.show_session(entry)
        else:
            self.open_session(entry)
        return True

    def urge(self) -> None:
        """A few minutes with the urge to reach out: the urge practice begins at once."""
        entry = self.library.find(URGE_SESSION)
        if entry is not None:
            self.begin(entry, None)

    def _remember_position(self, track: Track, _listened_s: float, completed: bool) -> None:
        if track.kind == "session" and track.program_day is None:  # a program's day is taken up from its page
            self.settings.set("state/last_position_s", 0.0 if completed else round(self.now_playing.finished_at_s, 1))

    # -- dialogs ----------------------------------------------------------------------------------
    def export(self) -> None:
        track = self.now_playing.track
        if track is None or track.kind != "session":
            return
        from app.gui.dialogs.export_dialog import ExportDialog

        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MusicLocation) or Path.home())
        ExportDialog(track.session, folder, self.window).open()

    def open_settings(self) -> None:
        from app.gui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)
        dialog.applied.connect(self.apply_settings)
        dialog.open()

    def apply_settings(self) -> None:
        apply_look(QApplication.instance(), self.settings.get("look/theme"))
        self.window.breathing.apply_settings()

    def note_contact(self):
        """The quick entry, over whatever is showing (it does not stop or move anything)."""
        from app.gui.dialogs.quick_entry import QuickEntry

        dialog = QuickEntry(self.contacts, self.window)
        dialog.saved.connect(self.window.contacts.refresh)
        dialog.show()  # not modal: what plays or shows behind it carries on
        return dialog

    def edit_phrases(self, session_id: str = "my-phrases"):
        """The phrases editor; what it saves appears in the library (the folder is watched)."""
        from app.gui.dialogs.phrases_dialog import PhrasesDialog

        dialog = PhrasesDialog(session_id, self.window)
        dialog.open()
        return dialog

    # -- start, messages, quitting ----------------------------------------------------------------
    def _restore(self) -> None:
        entry = self.library.find(self.settings.get("state/last_session"))
        self.window.library.set_continue(entry, self.settings.get("state/last_position_s"))
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
        if entry is not None and self.now_playing.track is None:
            self.open_session(entry, self.settings.get("state/last_position_s"))
            self.window.show_page(0)

    def handle_message(self, text: str) -> None:
        """What a second start asked: "raise", or "open SESSION" (an id or a path)."""
        self.bring_back()
        if text.startswith("open "):
            self.open_reference(text[5:])

    def bring_back(self) -> None:
        """Show the window again (from the media controls or a second start)."""
        w = self.window
        if w.isHidden() or w.isMinimized():
            w.showNormal()
        w.raise_()
        w.activateWindow()

    def keeps_playing_hidden(self) -> bool:
        """Closing the window hides it instead, while something plays and the setting asks for it."""
        return (not self.quitting and self.settings.get("sound/keep_playing_in_background")
                and (self.now_playing.playing() or self.now_playing.sounds.playing()))

    def quit(self) -> None:
        """Quit for real, even with "keep playing in the background" on."""
        self.quitting = True
        self.window.close()
        QApplication.instance().quit()

    def shut_down(self) -> None:
        """The window is closing for good: stop what plays (recorded), let go of the bus, keep the settings."""
        self.desktop.close()
        self.library.close()
        self.now_playing.stop()
        self.now_playing.sounds.stop()
        self.journal.written(timeout_s=2.0)  # the play's end, unless another program holds the journal that long
        if self.instance_server is not None:
            self.instance_server.close()
        self.settings.raw().sync()


def _open_journal(notices: list[str]):
    """The practice journal; one that cannot be opened (from a newer Stillpoint, locked, unreadable) is left as it is
    and said, and this window records into memory only."""
    from app.failures import Failure
    from app.journal.store import connect_in_memory

    try:
        return Journal(notices=notices)
    except Failure as problem:
        notices.append(f"{str(problem)[:1].upper()}{str(problem)[1:]}. Nothing you practise in this window is "
                       "recorded.")
        return Journal(connect_in_memory())


def _backend(name: str):
    from app.playback.choose_backend import make_backend  # numpy and the outputs load after the window shows

    return make_backend(name)

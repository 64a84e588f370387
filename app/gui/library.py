"""The library as the app knows it: every session found (shipped and your own), read again when your folder
changes; pages subscribe to `changed`."""

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from app.folders import user_sessions_dir
from app.session.library import Entry, discover


class Library(QObject):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[Entry] = []
        self._reload_soon = QTimer(self, singleShot=True, interval=300, timeout=self.reload)
        folder = user_sessions_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.watcher = QFileSystemWatcher([str(folder)], self)
        self.watcher.directoryChanged.connect(lambda _path: self._reload_soon.start())
        self.watcher.fileChanged.connect(lambda _path: self._reload_soon.start())
        self.reload()

    def reload(self) -> None:
        """Read the library again (the user's folder is watched, so this runs on every change there)."""
        self.entries = discover()
        for entry in self.entries:
            if entry.user and str(entry.file) not in self.watcher.files():
                self.watcher.addPath(str(entry.file))
        self.changed.emit()

    def find(self, session_id: str | None) -> Entry | None:
        """The valid session with this id, or None."""
        return next((e for e in self.entries if e.id == session_id and e.session), None)

    def close(self) -> None:
        """Stop watching (the app is shutting down): no reload may run after its window has gone."""
        self._reload_soon.stop()
        self.watcher.blockSignals(True)

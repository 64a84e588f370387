"""The library: every session with its title, summary, length and tags; search, tag filter; invalid files shown."""

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.folders import user_sessions_dir
from app.session.durations import format_duration
from app.session.library import Entry, discover

ALL_TAGS = "All tags"


class LibraryView(QWidget):
    session_chosen = Signal(object)  # the library Entry
    phrases_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[Entry] = []
        title = QLabel("Library")
        title.setObjectName("title")
        self.search = QLineEdit(placeholderText="Search titles, summaries and tags")
        self.search.setAccessibleName("Search the library")
        self.search.setToolTip("Search the library (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.tags = QComboBox()
        self.tags.setAccessibleName("Filter by tag")
        self.tags.setToolTip("Show only sessions with this tag")
        self.list = QListWidget()
        self.list.setAccessibleName("Sessions")
        self.list.setToolTip("Double-click or press Enter to open a session")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.itemActivated.connect(self._activated)
        self.phrases_button = QPushButton("Your phrases...")
        self.phrases_button.setAccessibleName("Your phrases")
        self.phrases_button.setToolTip("Write your own boundary phrases and practise them as a session")
        self.phrases_button.clicked.connect(self.phrases_requested.emit)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.tags)
        filters.addWidget(self.phrases_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(self.refilter)
        self.tags.currentTextChanged.connect(self.refilter)
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
        current = self.tags.currentText()
        tags = sorted({tag for e in self.entries if e.session for tag in e.session.tags})
        self.tags.blockSignals(True)
        self.tags.clear()
        self.tags.addItems([ALL_TAGS, *tags])
        self.tags.setCurrentText(current if current in tags else ALL_TAGS)
        self.tags.blockSignals(False)
        self.refilter()

    def refilter(self) -> None:
        words = self.search.text().lower().split()
        tag = self.tags.currentText()
        self.list.clear()
        for entry in self.entries:
            session = entry.session
            if session is None:
                if words or tag != ALL_TAGS:
                    continue
                item = QListWidgetItem(f"{entry.id}  (cannot be played)\n{entry.problems[0]}")
                item.setForeground(self.palette().placeholderText())
                item.setToolTip("\n".join(str(p) for p in entry.problems))
            else:
                haystack = " ".join([session.title, session.summary, *session.tags]).lower()
                if any(word not in haystack for word in words) or (tag != ALL_TAGS and tag not in session.tags):
                    continue
                length = format_duration(session.length_s) if session.length_s else ""
                item = QListWidgetItem(f"{session.title}\n{session.summary}\n{length}   {'  ·  '.join(session.tags)}")
                item.setToolTip(session.summary)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.list.addItem(item)

    def visible_titles(self) -> list[str]:
        return [self.list.item(i).text().split("\n")[0] for i in range(self.list.count())]

    def choose(self, session_id: str) -> bool:
        for index in range(self.list.count()):
            entry = self.list.item(index).data(Qt.ItemDataRole.UserRole)
            if entry.id == session_id:
                self.list.setCurrentRow(index)
                self._activated(self.list.item(index))
                return True
        return False

    def _activated(self, item: QListWidgetItem) -> None:
        entry = item.data(Qt.ItemDataRole.UserRole)
        if entry.session is not None:
            self.session_chosen.emit(entry)

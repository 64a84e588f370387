"""Before you begin: a session's artwork, title, summary, length and chapters, one large Begin button, and
the optional check-in as one gentle line under it. Enter begins (the check-in is skipped by not answering)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible, icon_button, label, page_column
from app.gui.kit.cards import Artwork
from app.gui.kit.choices import CheckInBar
from app.session.durations import format_duration
from app.session.model import Chapter


class SessionPage(QWidget):
    begin = Signal(object, object)  # the Entry, the mood chosen before (1..5) or None
    back = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entry = None
        self.back_button = icon_button("arrow back", "Back to the library", "Back to the library (Esc)")
        self.back_button.setText("Library")
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.clicked.connect(self.back.emit)
        self.artwork = Artwork("", theme.space(40))
        art_box = QVBoxLayout()
        art_box.addWidget(self.artwork)
        art_box.addStretch(1)
        self.title = label("", "title", wrap=True)
        self.summary = label("", "lead", wrap=True)
        self.meta = label("", "muted", wrap=True)
        self.begin_button = accessible(QPushButton("Begin"), "Begin", "Begin the session (Enter)")
        self.begin_button.setObjectName("primary")
        self.begin_button.setDefault(True)
        self.begin_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.begin_button.clicked.connect(self._begin)
        self.check_in = CheckInBar("How are you arriving? (optional)")
        self.check_in.answered.connect(lambda _mood, _words: self.begin_button.setFocus())
        words = QVBoxLayout()
        words.setSpacing(theme.space(2))
        words.addWidget(self.title)
        words.addWidget(self.summary)
        words.addWidget(self.meta)
        words.addSpacing(theme.space(1))
        words.addWidget(self.begin_button)
        words.addSpacing(theme.space(1))
        words.addWidget(self.check_in)
        words.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(theme.space(5))
        body.addLayout(art_box, 1)
        body.addLayout(words, 1)
        layout = page_column(self)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addLayout(body)
        layout.addStretch(2)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter begins from anywhere on the page (Esc: back)
            QShortcut(QKeySequence(key), self, self._begin)

    def show_entry(self, entry) -> None:
        self.entry = entry
        session = entry.session
        self.artwork.set_title(session.title)
        self.artwork.draw()
        self.title.setText(session.title)
        self.summary.setText(session.summary)
        chapters = [step.title for step in session.steps if isinstance(step, Chapter)]
        length = format_duration(session.length_s) if session.length_s else "length found when it is prepared"
        self.meta.setText(f"{length}   ·   " + ("  ·  ".join(chapters) if chapters else "one part"))
        self.meta.setAccessibleName(f"Length {length}; chapters: {', '.join(chapters) or 'one part'}")
        self.check_in.clear()
        self.begin_button.setFocus()

    def _begin(self) -> None:
        if self.entry is not None:
            self.begin.emit(self.entry, self.check_in.mood())

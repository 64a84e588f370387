"""The whole text of a session beside its chapters: the transcript grows as speech is prepared, the current line
is centred and highlighted, a chapter is one click away."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible
from app.session.durations import format_duration


class WholeText(QWidget):
    chapter_clicked = Signal(float)  # the chapter's start in seconds
    line_changed = Signal(str, str)  # the sentence now, the one before it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chapters = accessible(QListWidget(), "Chapters", "Click a chapter to jump to it (N and P)")
        self.chapters.itemClicked.connect(lambda item: self.chapter_clicked.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.chapters.setMaximumWidth(theme.space(32))
        self.transcript = accessible(QListWidget(), "Transcript", "What the voice is saying, as it says it")
        self.transcript.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chapters)
        layout.addWidget(self.transcript, 1)
        self._cue_count = 0
        self._shown_chapters = 0

    def clear(self) -> None:
        self.chapters.clear()
        self.transcript.clear()
        self._cue_count = self._shown_chapters = 0

    def follow(self, timeline, frame: int, chapter_title: str) -> list[int] | None:
        """Add what the timeline has placed since last time and highlight the line at `frame`; returns the chapter
        starts in milliseconds when the chapters were filled in just now."""
        filled = None
        if len(timeline.chapters) != self._shown_chapters and timeline.complete:
            self.chapters.clear()
            for chapter in timeline.chapters:
                item = QListWidgetItem(f"{chapter.title}   {format_duration(chapter.start / timeline.sample_rate)}")
                item.setData(Qt.ItemDataRole.UserRole, chapter.start / timeline.sample_rate)
                self.chapters.addItem(item)
            self._shown_chapters = len(timeline.chapters)
            filled = [round(c.start * 1000 / timeline.sample_rate) for c in timeline.chapters]
        cues = [cue for cue in list(timeline.cues) if cue.kind == "speech"]
        for cue in cues[self._cue_count:]:
            item = QListWidgetItem(cue.text)
            item.setData(Qt.ItemDataRole.UserRole, cue.start)
            self.transcript.addItem(item)
        self._cue_count = len(cues)
        self._highlight(frame, chapter_title)
        return filled

    def centre_current_line(self) -> None:
        item = self.transcript.currentItem()
        if item is not None:
            self.transcript.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)

    def _highlight(self, frame: int, chapter_title: str) -> None:
        current = None
        for index in range(self.transcript.count()):
            if self.transcript.item(index).data(Qt.ItemDataRole.UserRole) <= frame:
                current = index
            else:
                break
        if current is not None and current != self.transcript.currentRow():
            self.transcript.setCurrentRow(current)
            self.centre_current_line()
            self.line_changed.emit(self.transcript.item(current).text(),
                                   self.transcript.item(current - 1).text() if current else "")
        if chapter_title:
            for index in range(self.chapters.count()):
                if self.chapters.item(index).text().startswith(chapter_title) and self.chapters.currentRow() != index:
                    self.chapters.setCurrentRow(index)

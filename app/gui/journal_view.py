"""The journal: history with filters, minutes a week, days practised this month, mood before and after."""

import datetime

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui.widgets import accessible
from app.journal import stats
from app.journal.log import Journal

ALL = "All practice"


class WeekChart(QWidget):
    """Minutes a week as soft bars; no targets, no streaks."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.weeks: list[tuple[str, float]] = []
        self.setMinimumHeight(120)
        self.setAccessibleName("Minutes of practice each week")

    def paintEvent(self, _event):  # noqa: N802
        if not self.weeks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = max(10.0, max(minutes for _, minutes in self.weeks))
        width = self.width() / len(self.weeks)
        accent = self.palette().highlight().color()
        for index, (label, minutes) in enumerate(self.weeks):
            height = (self.height() - 24) * minutes / top
            bar = QRectF(index * width + width * 0.2, self.height() - 18 - height, width * 0.6, height)
            painter.fillRect(bar, accent)
            painter.setPen(QPen(self.palette().text().color()))
            painter.drawText(QRectF(index * width, self.height() - 16, width, 16), Qt.AlignmentFlag.AlignCenter,
                             label.split("-")[1])
        painter.end()


class JournalView(QWidget):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.notices: list[str] = []
        self.journal = Journal(notices=self.notices)
        title = QLabel("Journal")
        title.setObjectName("title")
        self.filter = accessible(QComboBox(), "Filter by practice", "Show one session or breathing practice")
        self.since = accessible(QDateEdit(), "Since", "Show practice since this date")
        self.since.setCalendarPopup(True)
        self.since.setDate(QDate.currentDate().addMonths(-3))
        self.show_stats = accessible(QCheckBox("Show totals"), "Show totals", "Show or hide the totals and chart")
        self.show_stats.setChecked(self.settings.get("journal/show_stats"))
        self.summary = QLabel("")
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.chart = WeekChart()
        self.history = accessible(QTreeWidget(), "History", "Your practice, newest first")
        self.history.setHeaderLabels(["When", "Practice", "Minutes", "Mood", "Notes"])
        self.history.setRootIsDecorated(False)
        filters = QHBoxLayout()
        for widget in (self.filter, QLabel("since"), self.since, self.show_stats):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.notice)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addWidget(self.history, 1)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.show_stats.toggled.connect(self._stats_toggled)
        self.refresh()

    def _stats_toggled(self, shown: bool) -> None:
        self.settings.set("journal/show_stats", shown)
        self.refresh()

    def refresh(self) -> None:
        self.notice.setText("\n".join(self.notices))
        self.notice.setVisible(bool(self.notices))
        everything = self.journal.entries()
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(ALL, None)
        for item_id, title in sorted({(e.item_id, e.title) for e in everything}, key=lambda pair: pair[1]):
            self.filter.addItem(title, item_id)
        index = self.filter.findData(current)
        self.filter.setCurrentIndex(max(0, index))
        self.filter.blockSignals(False)
        since = self.since.date().toString("yyyy-MM-dd")
        shown = self.journal.entries(item_id=self.filter.currentData(), since=since)
        self.history.clear()
        for entry in shown:
            mood = f"{entry.mood_before} → {entry.mood_after}" if entry.mood_before and entry.mood_after else ""
            notes = " · ".join(part for part in (entry.words_before, entry.words_after, entry.reflection) if part)
            row = QTreeWidgetItem([entry.started_at[:16].replace("T", " "), entry.title, f"{entry.listened_s / 60:.1f}",
                                   mood, notes])
            self.history.addTopLevelItem(row)
        visible = self.show_stats.isChecked()
        self.chart.setVisible(visible)
        self.summary.setVisible(visible)
        self.chart.weeks = stats.minutes_per_week(everything)
        self.chart.update()
        days = stats.days_this_month(everything)
        changes = [change for _, change in stats.mood_change(everything)]
        mood = (f"; on average you felt {sum(changes) / len(changes):+.1f} after practising" if changes else "")
        month = datetime.date.today().strftime("%B")
        self.summary.setText(f"You practised on {days} day{'s' * (days != 1)} in {month}{mood}." if everything
                             else "Nothing recorded yet. Whenever you practise, it will appear here.")

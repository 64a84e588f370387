"""The journal: history with filters, minutes a week, days practised this month, mood before and after."""

import datetime

from PySide6.QtCore import QDate, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label, page_column
from app.gui.kit.flow_layout import FlowLayout
from app.journal import stats
from app.journal.log import Journal

ALL = "All practice"


class WeekChart(QWidget):
    """Minutes a week as soft bars with the minutes on each and the week's first day under it; a minutes axis.
    No targets, no streaks."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.weeks: list[tuple[str, float]] = []
        self.setMinimumHeight(theme.space(20))
        self.setAccessibleName("Minutes of practice each week")

    def set_weeks(self, weeks: list[tuple[str, float]]) -> None:
        self.weeks = weeks
        self.setAccessibleDescription("; ".join(f"week of {stats.week_label(w)}: {m:g} minutes" for w, m in weeks))
        self.update()

    def paintEvent(self, _event):  # noqa: N802
        if not self.weeks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font("small"))
        line = painter.fontMetrics().height()
        top = max(10.0, max(minutes for _, minutes in self.weeks))
        axis_px = painter.fontMetrics().horizontalAdvance("000 min") + theme.space(1)
        plot = QRectF(axis_px, line + 4, self.width() - axis_px, self.height() - 2 * line - 12)
        muted, text, accent = theme.colour("muted"), theme.colour("text"), theme.colour("accent")
        for value in (0, top / 2, top):  # the minutes axis: three quiet lines
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(theme.colour("line"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - line / 2, axis_px - theme.space(1), line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:.0f} min")
        width = plot.width() / len(self.weeks)
        for index, (week, minutes) in enumerate(self.weeks):
            height = plot.height() * minutes / top
            bar = QRectF(plot.left() + index * width + width * 0.2, plot.bottom() - height, width * 0.6, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(bar, 4, 4)
            painter.setPen(text)
            if minutes:
                painter.drawText(QRectF(bar.left() - 10, bar.top() - line - 2, bar.width() + 20, line),
                                 Qt.AlignmentFlag.AlignCenter, f"{minutes:g}")
            painter.setPen(muted)
            painter.drawText(QRectF(plot.left() + index * width, plot.bottom() + 6, width, line),
                             Qt.AlignmentFlag.AlignCenter, stats.week_label(week))
        painter.end()


class JournalView(QWidget):
    def __init__(self, settings, journal: Journal, notices: list[str], parent=None):
        super().__init__(parent)
        self.settings = settings
        self.notices = notices  # what opening the journal had to say (a damaged file moved aside)
        self.journal = journal
        title = label("Journal", "title")
        self.filter = accessible(QComboBox(), "Filter by practice", "Show one session or breathing practice")
        self.since = accessible(QDateEdit(), "Since", "Show practice since this date")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setDate(QDate.currentDate().addMonths(-3))
        self.show_stats = accessible(QCheckBox("Show totals"), "Show totals", "Show or hide the totals and chart")
        self.show_stats.setChecked(self.settings.get("journal/show_stats"))
        self.summary = label("", "lead", wrap=True)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.chart = WeekChart()
        self.history = accessible(QTreeWidget(), "History", "Your practice, newest first")
        self.history.setHeaderLabels(["When", "Practice", "Minutes", "Mood", "Notes"])
        self.history.setRootIsDecorated(False)
        for column in range(4):  # dates, titles, minutes and moods are never cut off; notes take the rest
            self.history.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        filters = FlowLayout(spacing_px=theme.space(1.5))
        for widget in (self.filter, QLabel("since"), self.since, self.show_stats):
            filters.addWidget(widget)
        layout = page_column(self)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.chart)
        layout.addLayout(filters)
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
        everything = stats.practice(self.journal.entries())
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
        shown = stats.practice(self.journal.entries(item_id=self.filter.currentData(), since=since))
        self.history.clear()
        for entry in shown:
            mood = f"{entry.mood_before} → {entry.mood_after}" if entry.mood_before and entry.mood_after else ""
            notes = " · ".join(part for part in (entry.words_before, entry.words_after, entry.reflection) if part)
            row = QTreeWidgetItem([stats.said_when(entry.started_at), entry.title, f"{entry.listened_s / 60:.1f}",
                                   mood, notes])
            self.history.addTopLevelItem(row)
        visible = self.show_stats.isChecked()
        self.chart.setVisible(visible)
        self.summary.setVisible(visible)
        self.chart.set_weeks(stats.minutes_per_week(everything))
        days = stats.days_this_month(everything)
        changes = [change for _, change in stats.mood_change(everything)]
        mood = (f"; on average you felt {sum(changes) / len(changes):+.1f} after practising" if changes else "")
        month = datetime.date.today().strftime("%B")
        self.summary.setText(f"You practised on {days} day{'s' * (days != 1)} in {month}{mood}." if everything
                             else "Nothing recorded yet. Whenever you practise, it will appear here.")

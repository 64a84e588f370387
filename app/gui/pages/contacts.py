"""The contact journal in the app: per contact, how you felt before, during and after contact over three weeks
(three lines), the average change, one plain sentence, the entries, and forgetting a contact. Kept on this
computer only."""

import datetime

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label, page_column
from app.gui.kit.flow_layout import FlowLayout
from app.journal import stats
from app.journal.contacts import KIND_WORDS, WINDOW_DAYS, Contacts, trend

LINES = (("before", "muted", Qt.PenStyle.DashLine), ("during", "focus", Qt.PenStyle.DotLine),
         ("after", "accent", Qt.PenStyle.SolidLine))


class TrendChart(QWidget):
    """Before, during and after over the last three weeks, one line each, on the 1-5 scale."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries = []
        self.today = datetime.date.today()
        self.setMinimumHeight(theme.space(22))
        self.setAccessibleName("How contact felt before, during and after, over three weeks")

    def set_entries(self, entries, today: datetime.date | None = None) -> None:
        self.entries = [e for e in entries if e.kind != "urge"]
        self.today = today or datetime.date.today()
        self.update()

    def paintEvent(self, _event):  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font("small"))
        line = painter.fontMetrics().height()
        axis = painter.fontMetrics().horizontalAdvance("5") + theme.space(2)
        plot = QRectF(axis, line, self.width() - axis - theme.space(4), self.height() - 3 * line - 16)
        first = self.today - datetime.timedelta(days=WINDOW_DAYS - 1)
        for mood in range(1, 6):
            y = plot.bottom() - plot.height() * (mood - 1) / 4
            painter.setPen(QPen(theme.colour("line"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.colour("muted"))
            painter.drawText(QRectF(0, y - line / 2, axis - theme.space(1), line), Qt.AlignmentFlag.AlignRight, str(mood))
        for back in (20, 13, 6, 0):
            day = self.today - datetime.timedelta(days=back)
            x = plot.left() + plot.width() * (WINDOW_DAYS - 1 - back) / (WINDOW_DAYS - 1)
            painter.drawText(QRectF(x - 40, plot.bottom() + 8, 80, line), Qt.AlignmentFlag.AlignCenter,
                             "today" if back == 0 else f"{day.day} {day:%b}")
        for index, (moment, colour, style) in enumerate(LINES):
            path = QPainterPath()
            for entry in self.entries:
                day = datetime.datetime.fromisoformat(entry.at)
                days = (day.date() - first).days + day.hour / 24
                point = QPointF(plot.left() + plot.width() * days / (WINDOW_DAYS - 1),
                                plot.bottom() - plot.height() * (getattr(entry, moment) - 1) / 4)
                if path.elementCount():
                    path.lineTo(point)
                else:
                    path.moveTo(point)
            painter.setPen(QPen(theme.colour(colour), 2.5, style))
            painter.drawPath(path)
            key_x = plot.left() + index * theme.space(14)
            painter.drawLine(QPointF(key_x, self.height() - line / 2), QPointF(key_x + 24, self.height() - line / 2))
            painter.setPen(theme.colour("text"))
            painter.drawText(QRectF(key_x + 30, self.height() - line - 2, theme.space(10), line), moment)
        painter.end()


class ContactsView(QWidget):
    note_requested = Signal()
    urge_requested = Signal()

    def __init__(self, contacts: Contacts, parent=None):
        super().__init__(parent)
        self.contacts = contacts
        self.chooser = accessible(QComboBox(), "Contact", "Whose entries to show")
        self.chooser.currentTextChanged.connect(lambda _name: self.refresh())
        note = accessible(QPushButton("Note a contact"), "Note a contact", "Note how a contact felt (Ctrl+L)")
        urge = accessible(QPushButton("I feel the urge to reach out"), "I feel the urge to reach out",
                          "A few minutes with the urge before deciding anything (Ctrl+U)")
        urge.setObjectName("primary")
        note.clicked.connect(self.note_requested.emit)
        urge.clicked.connect(self.urge_requested.emit)
        self.forget_button = accessible(QPushButton("Forget..."), "Forget this contact",
                                        "Delete this contact and every entry about them, for good")
        self.forget_button.clicked.connect(lambda: self.forget(self.chooser.currentText()))
        self.sentence = label("", "lead", wrap=True)
        self.change = label("", "muted")
        self.chart = TrendChart()
        self.history = accessible(QTreeWidget(), "Entries", "This contact's entries, newest first")
        self.history.setHeaderLabels(["When", "Kind", "Before / during / after", "Boundary", "Note"])
        self.history.setRootIsDecorated(False)
        for column in range(4):
            self.history.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header = FlowLayout(spacing_px=theme.space(1.5))
        for widget in (label("Contacts", "title"), note, urge):
            header.addWidget(widget)
        chooser = QHBoxLayout()
        chooser.addWidget(self.chooser)
        chooser.addWidget(self.forget_button)
        chooser.addStretch(1)
        column = page_column(self)
        column.addLayout(header)
        column.addWidget(label("Kept on this computer only. No scores, no streaks: only how contact leaves you.",
                               "muted", wrap=True))
        column.addLayout(chooser)
        column.addWidget(self.sentence)
        column.addWidget(self.change)
        column.addWidget(self.chart)
        column.addWidget(self.history, 1)
        self.refresh()

    def refresh(self, name: str | None = None) -> None:
        names = [n for n, _count, _last in self.contacts.names()]
        current = name or self.chooser.currentText()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItems(names)
        self.chooser.setCurrentText(current if current in names else (names[0] if names else ""))
        self.chooser.blockSignals(False)
        self.forget_button.setEnabled(bool(names))
        self.history.clear()
        if not names:
            self.sentence.setText("Nothing noted yet. After a contact, note how you felt before, during and after.")
            self.change.setText("")
            self.chart.set_entries([])
            return
        shown = self.chooser.currentText()
        recent = self.contacts.entries(shown, WINDOW_DAYS)
        reading = trend(recent)
        self.sentence.setText(reading.sentence)
        self.change.setText(f"From before to after, on average {reading.mean_change:+.1f}"
                            if reading.mean_change is not None else "")
        if reading.urges_passed:
            self.change.setText(self.change.text() + f"; {reading.urges_passed} urge{'s' * (reading.urges_passed != 1)}"
                                " passed without acting on them")
        self.chart.set_entries(recent)
        for entry in reversed(self.contacts.entries(shown)):
            felt = (f"{entry.before} / {entry.during} / {entry.after}" if entry.kind != "urge"
                    else {"passed": "urge passed", "still": "urge still here", "reached-out": "reached out"}[entry.outcome])
            self.history.addTopLevelItem(QTreeWidgetItem([stats.said_when(entry.at), KIND_WORDS.get(entry.kind, "urge"),
                                                          felt, entry.boundary or "", entry.note]))

    def forget(self, name: str, confirm: bool = True) -> bool:
        if not name:
            return False
        if confirm and QMessageBox.question(self, "Forget this contact?",
                                            f"Delete {name} and every entry about them? This cannot be undone.") \
                != QMessageBox.StandardButton.Yes:
            return False
        from app.failures import Failure

        try:
            self.contacts.forget(name)
        except Failure as problem:  # a journal read-only or held elsewhere: said, nothing forgotten
            QMessageBox.warning(self, "Could not forget this contact", str(problem))
            return False
        self.refresh()
        return True

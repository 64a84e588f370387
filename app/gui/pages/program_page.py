"""A program's page: what it is, where you are ("Day 6 of 14 · last practised Tuesday"), one button for today's
day, every day with its practice and whether it is done (any day can be played: repeated, or taken early with a
gentle note), and pausing. Never a streak, never a lock."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import Note, accessible, icon_button, label, page_column
from app.gui.kit.cards import Card


@dataclass(frozen=True)
class DayLine:
    number: int
    title: str
    practice: str  # "Healthy Detachment · 11 min"
    prompt: str
    done: bool
    today: bool


class DayCard(Card):
    def __init__(self, day: DayLine, parent=None):
        state = "done" if day.done else ("today" if day.today else "")
        name = f"Day {day.number}: {day.title}. {day.practice}" + (f". {state}" if state else "")
        super().__init__(name, f"Play day {day.number}" + (" again" if day.done else ""), parent)
        self.day = day
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.space(2), theme.space(1.25), theme.space(2), theme.space(1.25))
        row.setSpacing(theme.space(2))
        number = label(f"{day.number}", "lead")
        number.setFixedWidth(theme.space(4))
        words = QVBoxLayout()
        words.setSpacing(theme.space(0.25))
        heading = label(day.title, "lead")
        heading.setStyleSheet("font-weight: 600;")
        words.addWidget(heading)
        words.addWidget(label(day.practice, "muted"))
        row.addWidget(number)
        row.addLayout(words, 1)
        if state:
            row.addWidget(label(state, "chipLabel"))


class ProgramPage(QWidget):
    play_day = Signal(str, int)  # program id, day
    pause = Signal(str)
    back = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.program_id = ""
        self.today: int | None = None
        self.day_cards: list[DayCard] = []
        self.back_button = icon_button("arrow back", "Back to the library", "Back to the library (Esc)")
        self.back_button.setText("Library")
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.clicked.connect(self.back.emit)
        self.title = label("", "title", wrap=True)
        self.summary = label("", "lead", wrap=True)
        self.status = label("", "muted", wrap=True)
        self.note = Note()
        self.today_button = accessible(QPushButton(""), "Today's day", "Play today's day (Enter)")
        self.today_button.setObjectName("primary")
        self.today_button.setDefault(True)
        self.pause_button = accessible(QPushButton("Pause the program"), "Pause the program",
                                       "Pause it; nothing is lost, and it waits where you are")
        for button in (self.today_button, self.pause_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.today_button.clicked.connect(lambda: self.today and self.play_day.emit(self.program_id, self.today))
        self.pause_button.clicked.connect(lambda: self.pause.emit(self.program_id))
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.space(1.5))
        buttons.addWidget(self.today_button)
        buttons.addWidget(self.pause_button)
        buttons.addStretch(1)
        self.days = QVBoxLayout()
        self.days.setSpacing(theme.space(1))
        content = QWidget()
        content.setObjectName("page")
        column = page_column(content)
        column.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.title, self.summary, self.status):
            column.addWidget(widget)
        column.addLayout(buttons)
        column.addWidget(self.note)
        column.addSpacing(theme.space(1))
        column.addLayout(self.days)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_program(self, program_id: str, title: str, summary: str, status: str, days: list[DayLine],
                     under_way: bool) -> None:
        self.program_id = program_id
        self.title.setText(title)
        self.summary.setText(summary)
        self.status.setText(status)
        self.note.say("")
        today = next((day for day in days if day.today), None)
        self.today = today.number if today else None
        begun = any(day.done for day in days) or under_way
        self.today_button.setVisible(today is not None)
        if today is not None:
            words = f"{'Begin' if not begun else 'Continue with'} day {today.number}: {today.title}"
            self.today_button.setText(words)
            self.today_button.setAccessibleName(words)
        self.pause_button.setVisible(under_way)
        for card in self.day_cards:
            card.deleteLater()
        self.day_cards = [DayCard(day, self) for day in days]
        for card in self.day_cards:
            card.activated.connect(lambda c=card: self.play_day.emit(self.program_id, c.day.number))
            self.days.addWidget(card)
        (self.today_button if today is not None else self.back_button).setFocus()

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.today:
            self.play_day.emit(self.program_id, self.today)
        else:
            super().keyPressEvent(event)

"""The end of a practice: how you feel now (five choices, skippable), the reflection prompt with room to write,
this week's minutes (never a streak), and one next step. Enter saves and closes; Esc closes."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label, page_column
from app.gui.kit.choices import MOODS, choices, chosen, clear_choice
from app.gui.pages.urge_outcome import UrgeOutcome

COLUMN_STEPS = 100  # the column's widest, in the design system's steps
ANY_PROMPT = "Anything you would like to remember from this practice?"


@dataclass(frozen=True)
class Ending:
    """What the end screen says: the practice's title and minutes, whether to ask the mood (check-ins on, not the
    urge practice), whether to ask the urge's own question, the prompt, this week's minutes and the next step."""

    title: str
    minutes: float
    ask_mood: bool
    ask_urge: bool
    prompt: str
    week_minutes: float
    next_step: str  # the button's words: "Tomorrow: day 7, A quiet sit", "Back to the library"
    asks_contact: bool = False  # a program's day that asks for a contact-journal entry as well


class EndScreen(QWidget):
    saved = Signal(object, str)  # mood (1..5) or None, the words written
    closed = Signal()  # saved or not, the screen is done
    next_chosen = Signal()
    contact_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = label("", "title", wrap=True)
        self.done = label("", "muted", wrap=True)
        self.question = label("How do you feel now?", "lead")
        self.mood_row, self.moods = choices(range(1, 6), dict(enumerate(MOODS, start=1)), "I feel",
                                            {m: f"I feel {w} ({m} of 5)" for m, w in enumerate(MOODS, start=1)})
        self.urge = UrgeOutcome()
        self.prompt = label("", "lead", wrap=True)
        self.words = accessible(QPlainTextEdit(), "Your reflection",
                                "A few words for the journal (Enter saves and closes; Shift+Enter starts a new line)")
        self.words.setPlaceholderText("Write as much or as little as you like")
        self.words.setTabChangesFocus(True)
        self.words.setMaximumHeight(theme.space(14))
        self.words.installEventFilter(self)
        self.contact = accessible(QPushButton("Note how contact felt..."), "Note how contact felt",
                                  "Today also asks for a contact-journal entry: how contact with someone felt")
        self.contact.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.contact.clicked.connect(self.contact_requested.emit)
        self.week = label("", "muted")
        self.save_button = accessible(QPushButton("Save and close"), "Save and close",
                                      "Keep what you chose and wrote in the journal (Enter)")
        self.save_button.setObjectName("primary")
        self.next_button = accessible(QPushButton(""), "Next step", "")
        self.close_button = accessible(QPushButton("Close"), "Close", "Close without saving (Esc)")
        for button in (self.save_button, self.next_button, self.close_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.closed.emit)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.space(1.5))
        for button in (self.save_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner = QWidget()  # a column as wide as a calm line of reading, not the whole window
        inner.setMaximumWidth(theme.space(COLUMN_STEPS))
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.space(2))
        for widget in (self.heading, self.done, self.question, self.mood_row, self.urge, self.prompt, self.words,
                       self.contact, self.week):
            column.addWidget(widget)
        column.addLayout(buttons)
        outer = page_column(self)
        outer.addStretch(1)
        outer.addWidget(inner)
        outer.addStretch(2)
        self.ending: Ending | None = None

    def show_ending(self, ending: Ending, contact_names: list[str]) -> None:
        self.ending = ending
        self.heading.setText(ending.title)
        self.done.setText(f"{ending.minutes:.0f} minute{'s' * (round(ending.minutes) != 1)} of practice. Thank you "
                          "for taking this time.")
        clear_choice(self.moods)
        self.question.setVisible(ending.ask_mood)
        self.mood_row.setVisible(ending.ask_mood)
        self.urge.setVisible(ending.ask_urge)
        if ending.ask_urge:
            self.urge.ask(contact_names)
        self.prompt.setText(ending.prompt)
        self.words.clear()
        self.contact.setVisible(ending.asks_contact)
        self.week.setText(f"This week: {ending.week_minutes:.0f} minute{'s' * (round(ending.week_minutes) != 1)} "
                          "of practice")
        self.next_button.setText(ending.next_step)
        self.next_button.setAccessibleName(ending.next_step)
        self.next_button.setToolTip(ending.next_step)
        first = self.moods.buttons()[0] if ending.ask_mood else self.words
        first.setFocus()

    def mood(self) -> int | None:
        return chosen(self.moods)

    def save(self) -> None:
        self.saved.emit(self.mood(), self.words.toPlainText().strip())
        self.closed.emit()

    def _next(self) -> None:
        self.save()
        self.next_chosen.emit()

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched, event):  # noqa: N802
        """In the text box, Enter saves and closes as anywhere on the screen; Shift+Enter starts a new line."""
        from PySide6.QtCore import QEvent

        if (watched is self.words and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.save()
            return True
        return super().eventFilter(watched, event)

"""Chips of which one may be chosen, and the five-choice mood check-in built from them."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label
from app.gui.kit.flow_layout import FlowLayout

MOODS = ("heavy", "low", "okay", "lighter", "calm")


def choices(values, words=None, name: str = "", tips=None) -> tuple[QWidget, QButtonGroup]:
    """A row of checkable chips, one of which may be chosen (`chosen` reads it); `words` and `tips` map a value
    to its chip's text and tooltip."""
    row = QWidget()
    flow = FlowLayout(row, theme.space(0.75))
    group = QButtonGroup(row)
    for index, value in enumerate(values):
        text = (words or {}).get(value, str(value))
        chip = accessible(QPushButton(text), f"{name} {text}".strip(), (tips or {}).get(value, f"{name} {text}".strip()))
        chip.setObjectName("chip")
        chip.setCheckable(True)
        chip.value = value
        group.addButton(chip, index)
        flow.addWidget(chip)
    return row, group


def chosen(group: QButtonGroup):
    button = group.checkedButton()
    return button.value if button is not None else None


class CheckInBar(QWidget):
    """One gentle line: a question, five choices, optional words. Never a dialog; ignoring it is skipping it."""

    answered = Signal(object, str)  # mood (1..5), words

    def __init__(self, question: str, parent=None):
        super().__init__(parent)
        self.label = label(question, "muted")
        self.words = accessible(QLineEdit(placeholderText="a few words (optional)"), "A few words",
                                "Optional words, kept with your check-in")
        row, self.choices = choices(range(1, 6), dict(enumerate(MOODS, start=1)), "I feel",
                                    {mood: f"I feel {word} ({mood} of 5)" for mood, word in enumerate(MOODS, start=1)})
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.space(1))
        column.addWidget(self.label)
        layout = FlowLayout(spacing_px=theme.space(1))
        column.addLayout(layout)
        layout.addWidget(row)
        self.words.setMinimumWidth(theme.space(26))
        layout.addWidget(self.words)
        self.choices.buttonClicked.connect(lambda button: self._answer(button.value))
        self.words.returnPressed.connect(lambda: self.mood() and self._answer(self.mood()))

    def ask(self, question: str) -> None:
        self.label.setText(question)
        self.clear()
        self.show()

    def clear(self) -> None:
        self.words.clear()
        self.choices.setExclusive(False)
        for button in self.choices.buttons():
            button.setChecked(False)
        self.choices.setExclusive(True)

    def mood(self) -> int | None:
        return chosen(self.choices)

    def buttons(self) -> list[QPushButton]:
        return self.choices.buttons()

    def _answer(self, mood: int) -> None:
        self.answered.emit(mood, self.words.text())

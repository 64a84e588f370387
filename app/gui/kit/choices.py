"""Chips of which one may be chosen, and the five-choice mood check-in built from them."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label
from app.gui.kit.flow_layout import FlowLayout

MOODS = ("heavy", "low", "okay", "lighter", "calm")


class ChipGroup(QObject):
    """Chips of which one at most is checked. Not a QButtonGroup: Qt lets Tab reach only one button of a group
    (the others by arrow keys, which the window keeps for seeking), and every chip must be a stop for Tab, chosen
    with Space. Choosing the chosen one again clears it."""

    buttonClicked = Signal(object)  # the chip
    idClicked = Signal(int)  # its index

    def __init__(self, parent=None):
        super().__init__(parent)
        self._buttons: list[QPushButton] = []

    def addButton(self, button: QPushButton, index: int) -> None:  # noqa: N802 (QButtonGroup's name)
        self._buttons.append(button)
        button.toggled.connect(lambda on: on and self._only(button))
        button.clicked.connect(lambda _checked=False: (self.buttonClicked.emit(button), self.idClicked.emit(index)))

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def _only(self, checked: QPushButton) -> None:
        for button in self._buttons:
            if button is not checked:
                button.setChecked(False)


def choices(values, words=None, name: str = "", tips=None) -> tuple[QWidget, ChipGroup]:
    """A row of checkable chips, one of which may be chosen (`chosen` reads it); `words` and `tips` map a value
    to its chip's text and tooltip."""
    row = QWidget()
    flow = FlowLayout(row, theme.space(0.75))
    group = ChipGroup(row)
    for index, value in enumerate(values):
        text = (words or {}).get(value, str(value))
        chip = accessible(QPushButton(text), f"{name} {text}".strip(), (tips or {}).get(value, f"{name} {text}".strip()))
        chip.setObjectName("chip")
        chip.setCheckable(True)
        chip.value = value
        group.addButton(chip, index)
        flow.addWidget(chip)
    return row, group


def chosen(group: ChipGroup):
    return next((button.value for button in group.buttons() if button.isChecked()), None)


def clear_choice(group: ChipGroup) -> None:
    for button in group.buttons():
        button.setChecked(False)


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
        clear_choice(self.choices)

    def mood(self) -> int | None:
        return chosen(self.choices)

    def buttons(self) -> list[QPushButton]:
        return self.choices.buttons()

    def _answer(self, mood: int) -> None:
        self.answered.emit(mood, self.words.text())

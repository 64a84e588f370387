"""After the urge practice: did it pass? Noted for a contact, or for no one in particular (no blame in any
reply)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QWidget,
)

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label, page_column
from app.gui.kit.choices import choices, chosen
from app.gui.kit.flow_layout import FlowLayout
from app.journal.contacts import OUTCOMES

NO_ONE = "no one in particular"


class UrgeOutcome(QWidget):
    """After the urge practice: did it pass? Noted for a contact, or for no one in particular."""

    answered = Signal(str, object)  # outcome, contact name or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.question = label("Did the urge pass?", "lead")
        self.contact = accessible(QComboBox(), "About whom", "Who the urge was about (optional)")
        self.contact.setEditable(True)
        row, self.outcome = choices(OUTCOMES, {"passed": "it passed", "still": "still here",
                                               "reached-out": "I reached out"}, "Outcome:")
        self.outcome.idClicked.connect(self._answer)
        self.contact.setMaximumWidth(theme.space(40))
        self.row = QWidget()
        line = FlowLayout(self.row, theme.space(1.5))
        for widget in (row, label("about", "muted"), self.contact):
            line.addWidget(widget)
        column = page_column(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.question)
        column.addWidget(self.row)

    def ask(self, names: list[str]) -> None:
        self.contact.clear()
        self.contact.addItems([NO_ONE, *names])
        self.question.setText("Did the urge pass? Any answer is fine.")
        self.row.show()
        self.show()

    def show_problem(self, text: str) -> None:
        """The answer could not be noted: say why, and keep the choices."""
        self.question.setText(text)

    def thank(self, text: str) -> None:
        """After the answer: only a kind line."""
        self.question.setText(text)
        self.row.hide()

    def _answer(self, _index: int) -> None:
        name = self.contact.currentText().strip()
        self.answered.emit(chosen(self.outcome), None if name in ("", NO_ONE) else name)

"""Small shared widgets: a seek slider with chapter ticks, a labelled volume slider, a mood check-in bar."""

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSlider, QStyle, QStyleOptionSlider, QWidget

MOODS = ("1 heavy", "2 low", "3 okay", "4 lighter", "5 calm")


def accessible(widget, name: str, tip: str):
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget


class SeekSlider(QSlider):
    """A horizontal slider in milliseconds with a tick at each chapter start."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.chapter_ms: list[int] = []

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self.chapter_ms or self.maximum() <= 0:
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove: QRect = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                                    QStyle.SubControl.SC_SliderGroove, self)
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().highlight().color(), 2))
        for ms in self.chapter_ms:
            x = groove.left() + groove.width() * ms / self.maximum()
            painter.drawLine(int(x), groove.top() - 4, int(x), groove.top() - 1)
        painter.end()


class VolumeSlider(QWidget):
    changed = Signal(float)

    def __init__(self, label: str, value: float, parent=None):
        super().__init__(parent)
        self.slider = accessible(QSlider(Qt.Orientation.Horizontal), f"{label} volume", f"{label} volume")
        self.slider.setRange(0, 150)
        self.slider.setValue(round(value * 100))
        self.slider.valueChanged.connect(lambda v: self.changed.emit(v / 100))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.slider, 1)


class CheckInBar(QWidget):
    """'How do you feel?' with five buttons, a few words, and Skip; never a modal dialog."""

    answered = Signal(object, str)  # mood (1..5 or None for skip), words

    def __init__(self, question: str, parent=None):
        super().__init__(parent)
        self.label = QLabel(question)
        self.words = accessible(QLineEdit(placeholderText="a few words (optional)"), "A few words", "Optional words")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label)
        for mood, text in enumerate(MOODS, start=1):
            button = accessible(QPushButton(text), f"Mood {text}", f"I feel {text.split()[1]}")
            button.clicked.connect(lambda _=False, m=mood: self._answer(m))
            layout.addWidget(button)
        layout.addWidget(self.words, 1)
        skip = accessible(QPushButton("Skip"), "Skip the check-in", "Skip the check-in")
        skip.clicked.connect(lambda: self._answer(None))
        layout.addWidget(skip)

    def ask(self, question: str) -> None:
        self.label.setText(question)
        self.words.clear()
        self.show()

    def _answer(self, mood) -> None:
        self.hide()
        self.answered.emit(mood, self.words.text())

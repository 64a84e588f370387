"""A slim horizontal slider in milliseconds with a mark at each chapter start."""

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider

from app.gui.kit import theme


class SeekSlider(QSlider):
    """A slim horizontal slider in milliseconds with a mark at each chapter start."""

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
        painter.setPen(QPen(theme.colour("muted"), 2))
        middle = groove.center().y()
        for ms in self.chapter_ms[1:]:
            x = groove.left() + groove.width() * ms / self.maximum()
            painter.drawLine(int(x), middle - 6, int(x), middle - 3)
        painter.end()

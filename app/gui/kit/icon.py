"""The app icon for the window, drawn with Qt from the one design in `app/icon_art.py`."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.icon_art import INNER_COLOUR, INNER_FRACTION, OUTER_COLOUR


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(OUTER_COLOUR))
        painter.drawEllipse(QRectF(0, 0, size, size))
        painter.setBrush(QColor(INNER_COLOUR))
        inner = size * INNER_FRACTION
        painter.drawEllipse(QRectF((size - inner) / 2, (size - inner) / 2, inner, inner))
        painter.end()
        icon.addPixmap(pixmap)
    return icon

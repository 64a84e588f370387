"""The app icon, drawn: a calm circle within a circle."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#5f7f74"))
        painter.drawEllipse(QRectF(0, 0, size, size))
        painter.setBrush(QColor("#f6f3ee"))
        inner = size * 0.36
        painter.drawEllipse(QRectF((size - inner) / 2, (size - inner) / 2, inner, inner))
        painter.end()
        icon.addPixmap(pixmap)
    return icon

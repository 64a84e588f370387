"""A line that elides, session artwork, and a card you can click or press Enter on."""

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
)

from app.gui.kit import theme
from app.gui.kit.basics import accessible


class ElidedLabel(QLabel):
    """One line of text that ends in "..." when it does not fit; the whole text is its tooltip."""

    def __init__(self, text: str = "", role: str | None = None):
        super().__init__()
        if role:
            self.setObjectName(role)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(10, self.width())))


class Artwork(QLabel):
    """A session's picture, scaled to cover its box with rounded corners; a calm tint until it is drawn."""

    def __init__(self, title: str, height_px: int, parent=None):
        super().__init__(parent)
        self.setFixedHeight(height_px)
        self.setMinimumWidth(theme.space(12))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_title(title)

    def set_title(self, title: str) -> None:
        """Show another session's picture (its tint until `draw`)."""
        from app.artwork import tint

        self.title = title
        self.image: QImage | None = None
        self.clear()
        self.setStyleSheet(f"background: {tint(title)}; border-radius: {theme.RADIUS['card'] - 4}px;")

    def draw(self) -> None:
        """Generate the picture (a few milliseconds; the library calls it after the window shows)."""
        from app.artwork import artwork

        pixels = artwork(self.title, 480, 270)
        self.image = QImage(pixels.tobytes(), 480, 270, 480 * 3, QImage.Format.Format_RGB888).copy()
        self._show()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._show()

    def _show(self) -> None:
        if self.image is None or self.width() < 2:
            return
        scaled = self.image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                   Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap(self.size())
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(0, 0, self.width(), self.height(), theme.RADIUS["card"] - 4, theme.RADIUS["card"] - 4)
        painter.setClipPath(path)
        painter.drawImage(QPoint((self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2), scaled)
        painter.end()
        self.setPixmap(pixmap)


class Card(QFrame):
    """A rounded, focusable surface: click it, or press Enter or Space when it has the focus ring."""

    activated = Signal()

    def __init__(self, name: str, tip: str, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        accessible(self, name, tip)

    def mouseReleaseEvent(self, event):  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.activated.emit()

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
        else:
            super().keyPressEvent(event)

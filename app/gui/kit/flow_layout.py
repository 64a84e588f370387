"""Items left to right, wrapping onto the next line when the width runs out (chips)."""

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLayout


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out (chips)."""

    def __init__(self, parent=None, spacing_px: int = 8):
        super().__init__(parent)
        self.items = []
        self.setSpacing(spacing_px)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item):  # noqa: N802
        self.items.append(item)

    def count(self):
        return len(self.items)

    def itemAt(self, index):  # noqa: N802
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index):  # noqa: N802
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def hasHeightForWidth(self):  # noqa: N802
        return True

    def heightForWidth(self, width):  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect):  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self):  # noqa: N802 - all on one line; it wraps when given less
        shown = [item.sizeHint() for item in self.items if not (item.widget() and item.widget().isHidden())]
        if not shown:
            return QSize(0, 0)
        return QSize(sum(h.width() for h in shown) + self.spacing() * (len(shown) - 1), max(h.height() for h in shown))

    def minimumSize(self):  # noqa: N802
        size = QSize()
        for item in self.items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, place: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self.items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height:
                x, y, line_height = rect.x(), y + line_height + self.spacing(), 0
            if place:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()

"""Small line icons drawn with QPainter in the theme's colours (no icon theme is needed on a bare desktop)."""

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.gui.kit import theme


def show(button, name: str, colour: str = "text", size_px: int = 24) -> None:
    """Give `button` the icon `name`; `refresh` draws it again when the theme changes."""
    button.glyph = (name, colour, size_px)
    button.setIcon(icon(name, colour, size_px))


def refresh(app) -> None:
    """Draw every icon again in the theme's colours (after the theme changed)."""
    for widget in app.allWidgets():
        if getattr(widget, "glyph", None):
            widget.setIcon(icon(*widget.glyph))


def icon(name: str, colour: str = "text", size_px: int = 24) -> QIcon:
    pixmap = QPixmap(size_px * 2, size_px * 2)  # drawn at twice the size: crisp on high-density screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = theme.colour(colour)
    painter.setPen(QPen(ink, size_px / 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.scale(size_px / 24, size_px / 24)
    DRAW[name](painter, ink)
    painter.end()
    return QIcon(pixmap)


def _triangle(painter, ink, left=8.0, right=19.0):
    path = QPainterPath(QPointF(left, 5))
    path.lineTo(right, 12)
    path.lineTo(left, 19)
    path.closeSubpath()
    painter.fillPath(path, ink)


def _play(painter, ink):
    _triangle(painter, ink)


def _pause(painter, ink):
    painter.fillRect(QRectF(6.5, 5, 4, 14), ink)
    painter.fillRect(QRectF(13.5, 5, 4, 14), ink)


def _next(painter, ink):
    _triangle(painter, ink, 5, 15)
    painter.drawLine(QPointF(18, 5), QPointF(18, 19))


def _previous(painter, ink):
    painter.save()
    painter.translate(24, 0)
    painter.scale(-1, 1)
    _next(painter, ink)
    painter.restore()


def _jump(painter, ink, forward: bool):
    painter.save()
    if not forward:
        painter.translate(24, 0)
        painter.scale(-1, 1)
    painter.drawArc(QRectF(4, 5, 15, 15), 90 * 16, -270 * 16)
    painter.drawLine(QPointF(11.5, 5), QPointF(8.5, 2.5))
    painter.drawLine(QPointF(11.5, 5), QPointF(8.5, 7.5))
    painter.restore()
    font = painter.font()
    font.setPixelSize(7)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(4, 8, 15, 11), Qt.AlignmentFlag.AlignCenter, "15")


def arrow_files(colour: str) -> dict[str, str]:
    """Small chevron PNGs (down and up) in `colour`, written to the cache for the stylesheet's arrows."""
    from app.folders import cache_dir

    folder = cache_dir() / "glyphs"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in ("chevron down", "chevron up"):
        path = folder / f"{name.replace(' ', '-')}-{theme.colour(colour).name()[1:]}.png"
        if not path.exists():
            icon(name, colour, 12).pixmap(12, 12).save(str(path))
        paths[name] = path.as_posix()
    return paths


def _chevron(painter, ink, up: bool):
    y0, y1 = (15, 9) if up else (9, 15)
    painter.setPen(QPen(ink, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawLine(QPointF(6, y0), QPointF(12, y1))
    painter.drawLine(QPointF(12, y1), QPointF(18, y0))


def _arrow_back(painter, ink):
    painter.drawLine(QPointF(5, 12), QPointF(19, 12))
    painter.drawLine(QPointF(5, 12), QPointF(10.5, 6.5))
    painter.drawLine(QPointF(5, 12), QPointF(10.5, 17.5))


def _volume(painter, ink):
    path = QPainterPath(QPointF(4, 9.5))
    for x, y in ((8, 9.5), (13, 5), (13, 19), (8, 14.5), (4, 14.5)):
        path.lineTo(x, y)
    path.closeSubpath()
    painter.fillPath(path, ink)
    painter.drawArc(QRectF(11, 8, 7, 8), -60 * 16, 120 * 16)
    painter.drawArc(QRectF(11, 5, 11, 14), -60 * 16, 120 * 16)


def _moon(painter, ink):
    outer = QPainterPath()
    outer.addEllipse(QRectF(4, 4, 16, 16))
    bite = QPainterPath()
    bite.addEllipse(QRectF(9, 1.5, 15, 15))
    painter.fillPath(outer.subtracted(bite), ink)


def _export(painter, ink):
    painter.drawLine(QPointF(12, 4), QPointF(12, 15))
    painter.drawLine(QPointF(7.5, 10.5), QPointF(12, 15))
    painter.drawLine(QPointF(16.5, 10.5), QPointF(12, 15))
    painter.drawLine(QPointF(5, 19.5), QPointF(19, 19.5))


def _text(painter, ink):
    for y, right in ((6, 19), (10, 16), (14, 19), (18, 13)):
        painter.drawLine(QPointF(5, y), QPointF(right, y))


def _focus(painter, ink):
    for (x, y), (dx, dy) in (((4, 4), (1, 1)), ((20, 4), (-1, 1)), ((4, 20), (1, -1)), ((20, 20), (-1, -1))):
        painter.drawLine(QPointF(x, y), QPointF(x + 5 * dx, y))
        painter.drawLine(QPointF(x, y), QPointF(x, y + 5 * dy))


def _settings(painter, ink):
    for y, knob in ((7, 15), (12, 8), (17, 13)):
        painter.drawLine(QPointF(4, y), QPointF(20, y))
        painter.setBrush(QColor(ink))
        painter.drawEllipse(QPointF(knob, y), 1.8, 1.8)
        painter.setBrush(Qt.BrushStyle.NoBrush)


DRAW = {"chevron down": lambda p, i: _chevron(p, i, False), "chevron up": lambda p, i: _chevron(p, i, True),
        "arrow back": _arrow_back, "play": _play, "pause": _pause, "next": _next, "previous": _previous,
        "forward": lambda p, i: _jump(p, i, True), "back": lambda p, i: _jump(p, i, False), "volume": _volume,
        "moon": _moon, "export": _export, "text": _text, "focus": _focus, "settings": _settings}

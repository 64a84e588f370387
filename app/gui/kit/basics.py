"""The small helpers every page uses: an accessible control, a line-icon button, a label in a text role, a page's
column, a labelled setting, a centred row and a gentle note."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.gui.kit import glyphs, theme


def accessible(widget, name: str, tip: str):
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget


def icon_button(glyph: str, name: str, tip: str, size_px: int = 22) -> QToolButton:
    """A small borderless button showing a line icon, with a tooltip and an accessible name."""
    button = accessible(QToolButton(), name, tip)
    button.setObjectName("icon")
    glyphs.show(button, glyph, size_px=size_px)
    button.setIconSize(QSize(size_px, size_px))
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def page_column(page: QWidget) -> QVBoxLayout:
    """A page's main column, with the design system's page margins and gap."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(theme.space(4), theme.space(3), theme.space(4), theme.space(3))
    layout.setSpacing(theme.space(2))
    return layout


def centred_row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def field(text: str, control: QWidget) -> QWidget:
    """A setting: its name in small type above its control."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(theme.space(0.5))
    column.addWidget(label(text, "small"))
    column.addWidget(control)
    control.setMinimumWidth(theme.space(16))
    return box


def label(text: str = "", role: str | None = None, wrap: bool = False) -> QLabel:
    """A label in one of the theme's text roles (title, lead, muted, small, sentence, previous, display)."""
    widget = QLabel(text)
    if role:
        widget.setObjectName(role)
    widget.setWordWrap(wrap)
    return widget


class Note(QLabel):
    """A gentle word on a page (a program's day taken ahead, say): muted, wrapped, hidden while empty."""

    def __init__(self, centred: bool = False):
        super().__init__("")
        self.setObjectName("muted")
        self.setWordWrap(True)
        if centred:
            self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

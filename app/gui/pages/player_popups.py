"""What the player keeps behind its small icon buttons: panels that open under a button, the volumes, the length
you have and the sleep timer."""

import math

from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QMenu, QToolButton, QVBoxLayout, QWidget, QWidgetAction

from app.gui.kit import theme
from app.gui.kit.basics import accessible

SLEEP_CHOICES = (("Sleep timer off", None), ("Sleep in 5 min", 5), ("Sleep in 10 min", 10), ("Sleep in 15 min", 15),
                 ("Sleep in 20 min", 20), ("Sleep in 30 min", 30), ("Sleep in 45 min", 45), ("Sleep in 60 min", 60))


def popup(button: QToolButton, content: QWidget) -> None:
    """Open `content` under `button` when it is pressed (volumes, length and sleep timer)."""
    menu = QMenu(button)
    action = QWidgetAction(menu)
    action.setDefaultWidget(content)
    menu.addAction(action)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)


def panel(*widgets) -> QFrame:
    """Widgets in a column with the grid's margins and gaps."""
    frame = QFrame()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(theme.space(2), theme.space(2), theme.space(2), theme.space(2))
    layout.setSpacing(theme.space(1.5))
    for widget in widgets:
        layout.addWidget(widget)
    return frame


def form_panel(*rows: tuple[str, QWidget]) -> QWidget:
    """Labelled rows, each a name and its control."""
    box = QWidget()
    form = QFormLayout(box)
    form.setContentsMargins(theme.space(2), theme.space(2), theme.space(2), theme.space(2))
    for name, widget in rows:
        form.addRow(name, widget)
    return box


def sleep_choice() -> QComboBox:
    box = accessible(QComboBox(), "Sleep timer", "Fade out and stop after this long")
    for text, minutes in SLEEP_CHOICES:
        box.addItem(text, minutes)
    return box


def length_choice() -> QComboBox:
    return accessible(QComboBox(), "Length", "Play this session at the length you have: its silences stretch or "
                      "shrink, the voice does not")


def offer_lengths(box: QComboBox, original, own_s: float) -> None:
    """Whole minutes from the shortest `original` can be up to three times its own length `own_s`."""
    from app.session.length import LONGEST_FACTOR, scalable_seconds

    shortest_s = own_s - scalable_seconds(original)
    for minutes in range(max(1, math.ceil(shortest_s / 60)), math.floor(own_s * LONGEST_FACTOR / 60) + 1):
        box.addItem(f"{minutes} min", minutes)

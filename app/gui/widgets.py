"""Small shared widgets: a seek bar with chapter marks, a labelled volume slider, a flow layout, a line that
elides, a card you can click or press Enter on, session artwork, and the five-choice mood check-in."""

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui import glyphs, theme

MOODS = ("heavy", "low", "okay", "lighter", "calm")


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


def start_or_pause(player, start) -> None:
    """The one start button of a practice: pause what plays, resume what is paused, or `start()` afresh."""
    from app.playback.state import State

    if player is not None and player.state in (State.PLAYING, State.BUFFERING):
        player.pause()
    elif player is not None and player.state == State.PAUSED:
        player.play()
    else:
        start()


def practice_running(player, start_button) -> bool:
    """Each tick of a running practice (breathing, the timer): the output's events, and the start button's word
    (Pause or Resume). False when nothing runs."""
    from app.playback.state import State

    if player is None:
        return False
    player.backend.process_events()
    start_button.setText("Pause" if player.state in (State.PLAYING, State.BUFFERING) else "Resume")
    return True


def label(text: str = "", role: str | None = None, wrap: bool = False) -> QLabel:
    """A label in one of the theme's text roles (title, lead, muted, small, sentence, previous, display)."""
    widget = QLabel(text)
    if role:
        widget.setObjectName(role)
    widget.setWordWrap(wrap)
    return widget


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


class VolumeSlider(QWidget):
    changed = Signal(float)

    def __init__(self, label_text: str, value: float, parent=None):
        super().__init__(parent)
        self.slider = accessible(QSlider(Qt.Orientation.Horizontal), f"{label_text} volume", f"{label_text} volume")
        self.slider.setRange(0, 150)
        self.slider.setValue(round(value * 100))
        self.slider.setMinimumWidth(theme.space(20))
        self.slider.valueChanged.connect(lambda v: self.changed.emit(v / 100))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.space(1.5))
        name = QLabel(label_text)
        name.setMinimumWidth(theme.space(11))
        layout.addWidget(name)
        layout.addWidget(self.slider, 1)


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


def choices(values, words=None, name: str = "", tips=None) -> tuple[QWidget, QButtonGroup]:
    """A row of checkable chips, one of which may be chosen (`chosen` reads it); `words` and `tips` map a value
    to its chip's text and tooltip."""
    row = QWidget()
    flow = FlowLayout(row, theme.space(0.75))
    group = QButtonGroup(row)
    for index, value in enumerate(values):
        text = (words or {}).get(value, str(value))
        chip = accessible(QPushButton(text), f"{name} {text}".strip(), (tips or {}).get(value, f"{name} {text}".strip()))
        chip.setObjectName("chip")
        chip.setCheckable(True)
        chip.value = value
        group.addButton(chip, index)
        flow.addWidget(chip)
    return row, group


def chosen(group: QButtonGroup):
    button = group.checkedButton()
    return button.value if button is not None else None


class CheckInBar(QWidget):
    """One gentle line: a question, five choices, optional words. Never a dialog; ignoring it is skipping it."""

    answered = Signal(object, str)  # mood (1..5), words

    def __init__(self, question: str, parent=None):
        super().__init__(parent)
        self.label = label(question, "muted")
        self.words = accessible(QLineEdit(placeholderText="a few words (optional)"), "A few words",
                                "Optional words, kept with your check-in")
        row, self.choices = choices(range(1, 6), dict(enumerate(MOODS, start=1)), "I feel",
                                    {mood: f"I feel {word} ({mood} of 5)" for mood, word in enumerate(MOODS, start=1)})
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.space(1))
        column.addWidget(self.label)
        layout = FlowLayout(spacing_px=theme.space(1))
        column.addLayout(layout)
        layout.addWidget(row)
        self.words.setMinimumWidth(theme.space(26))
        layout.addWidget(self.words)
        self.choices.buttonClicked.connect(lambda button: self._answer(button.value))
        self.words.returnPressed.connect(lambda: self.mood() and self._answer(self.mood()))

    def ask(self, question: str) -> None:
        self.label.setText(question)
        self.clear()
        self.show()

    def clear(self) -> None:
        self.words.clear()
        self.choices.setExclusive(False)
        for button in self.choices.buttons():
            button.setChecked(False)
        self.choices.setExclusive(True)

    def mood(self) -> int | None:
        return chosen(self.choices)

    def buttons(self) -> list[QPushButton]:
        return self.choices.buttons()

    def _answer(self, mood: int) -> None:
        self.answered.emit(mood, self.words.text())

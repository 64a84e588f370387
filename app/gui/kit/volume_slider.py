"""A labelled volume slider, 0 to 150 %."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible


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

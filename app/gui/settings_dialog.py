"""Settings: voice, sound, look, journal, folders. Saved at once; applied without a restart where it makes sense."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
)

from app.folders import cache_dir, data_dir
from app.gui.widgets import accessible
from app.tts.engines import engine_names, get_engine

THEMES = (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark"))


class SettingsDialog(QDialog):
    applied = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.engine = accessible(QComboBox(), "Voice engine", "Piper (neural, default) or the system's voices")
        for name in engine_names():
            reason = get_engine(name).unavailable_reason()
            self.engine.addItem(name + ("" if reason is None else " (unavailable)"), name)
        self.engine.setCurrentIndex(max(0, self.engine.findData(settings.get("voice/engine"))))
        self.rate = accessible(QDoubleSpinBox(), "Speaking rate", "0 uses each session's own rate; 0.5 to 2.0 otherwise")
        self.rate.setRange(0.0, 2.0)
        self.rate.setSingleStep(0.05)
        self.rate.setValue(settings.get("voice/rate"))
        self.theme = accessible(QComboBox(), "Theme", "Light, dark, or follow the system")
        for text, value in THEMES:
            self.theme.addItem(text, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get("look/theme"))))
        self.reduce_motion = accessible(QCheckBox("Reduce motion"), "Reduce motion",
                                        "A gentle level bar instead of a pulsing circle")
        self.reduce_motion.setChecked(settings.get("look/reduce_motion"))
        self.check_ins = accessible(QCheckBox("Ask how I feel before and after"), "Mood check-ins",
                                    "A short, skippable check-in around each session")
        self.check_ins.setChecked(settings.get("journal/check_ins"))
        form = QFormLayout(self)
        form.addRow("Voice engine", self.engine)
        form.addRow("Speaking rate", self.rate)
        form.addRow("Theme", self.theme)
        form.addRow("", self.reduce_motion)
        form.addRow("", self.check_ins)
        form.addRow("Data folder", QLabel(str(data_dir())))
        form.addRow("Cache folder", QLabel(str(cache_dir())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for signal in (self.engine.currentIndexChanged, self.rate.valueChanged, self.theme.currentIndexChanged,
                       self.reduce_motion.toggled, self.check_ins.toggled):
            signal.connect(self.save)

    def save(self, *_args) -> None:
        self.settings.set("voice/engine", self.engine.currentData())
        self.settings.set("voice/rate", self.rate.value())
        self.settings.set("look/theme", self.theme.currentData())
        self.settings.set("look/reduce_motion", self.reduce_motion.isChecked())
        self.settings.set("journal/check_ins", self.check_ins.isChecked())
        self.applied.emit()

"""Settings: voice, sound, look, journal, the daily reminder, folders. Saved at once; applied without a restart
where it makes sense."""

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
from app.gui.dialogs.reminder_setting import ReminderSetting
from app.gui.kit.basics import accessible
from app.session.names import BEDS
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
        self.voice = accessible(QComboBox(), "Voice", "The voice the engine speaks with")
        self._fill_voices()
        self.engine.currentIndexChanged.connect(self._fill_voices)
        self.rate = accessible(QDoubleSpinBox(), "Speaking rate", "0 uses each session's own rate; 0.5 to 2.0 otherwise")
        self.rate.setRange(0.0, 2.0)
        self.rate.setSingleStep(0.05)
        self.rate.setValue(settings.get("voice/rate"))
        self.ambient = accessible(QComboBox(), "Default ambience", "A bed under sessions that have none of their own")
        self.ambient.addItem("None", "")
        for bed in BEDS:
            self.ambient.addItem(bed.replace("-", " ").capitalize(), bed)
        self.ambient.setCurrentIndex(max(0, self.ambient.findData(settings.get("sound/default_ambient"))))
        self.bells = accessible(QCheckBox("Start, end and interval bells"), "Bells", "Ring the sessions' opening, closing "
                                "and interval bells")
        self.bells.setChecked(settings.get("sound/bells"))
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
        self.background = accessible(QCheckBox("Keep playing when the window is closed"), "Keep playing in the background",
                                     "Closing the window hides it while a session plays; the media controls or "
                                     "starting Stillpoint again bring it back")
        self.background.setChecked(settings.get("sound/keep_playing_in_background"))
        form = QFormLayout(self)
        form.addRow("Voice engine", self.engine)
        form.addRow("Voice", self.voice)
        form.addRow("Speaking rate", self.rate)
        form.addRow("Default ambience", self.ambient)
        form.addRow("", self.bells)
        form.addRow("Theme", self.theme)
        form.addRow("", self.reduce_motion)
        form.addRow("", self.check_ins)
        form.addRow("", self.background)
        self.reminder = ReminderSetting()
        form.addRow("Daily reminder", self.reminder)
        form.addRow("Data folder", QLabel(str(data_dir())))
        form.addRow("Cache folder", QLabel(str(cache_dir())))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for signal in (self.engine.currentIndexChanged, self.voice.currentIndexChanged, self.rate.valueChanged,
                       self.ambient.currentIndexChanged, self.bells.toggled, self.theme.currentIndexChanged,
                       self.reduce_motion.toggled, self.check_ins.toggled, self.background.toggled):
            signal.connect(self.save)

    def _fill_voices(self) -> None:
        engine = get_engine(self.engine.currentData())
        voices = engine.voices() if engine.unavailable_reason() is None else []
        self.voice.blockSignals(True)
        self.voice.clear()
        for name in voices or ["default"]:
            self.voice.addItem(name, name)
        self.voice.setCurrentIndex(max(0, self.voice.findData(self.settings.get("voice/name"))))
        self.voice.blockSignals(False)

    def save(self, *_args) -> None:
        self.settings.set("voice/engine", self.engine.currentData())
        if self.voice.currentData():
            self.settings.set("voice/name", self.voice.currentData())
        self.settings.set("voice/rate", self.rate.value())
        self.settings.set("sound/default_ambient", self.ambient.currentData())
        self.settings.set("sound/bells", self.bells.isChecked())
        self.settings.set("look/theme", self.theme.currentData())
        self.settings.set("look/reduce_motion", self.reduce_motion.isChecked())
        self.settings.set("journal/check_ins", self.check_ins.isChecked())
        self.settings.set("sound/keep_playing_in_background", self.background.isChecked())
        self.applied.emit()

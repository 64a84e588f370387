"""Timed breathing: an animated circle (or a calm level bar) driven by the playback clock, with cues you hear."""

import math

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui.widgets import accessible
from app.playback.state import State
from app.practice.breathing import PHASE_NAMES
from app.practice.presets import PRESETS
from app.practice.programs import practice_session
from app.session.loader import parse_pattern

MIN_RADIUS_SHARE = 0.35  # the circle at empty lungs, as a share of the largest radius


class BreathCircle(QWidget):
    """Grows and shrinks with the breath's fullness (0..1); with reduce motion, a level bar instead."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fullness = 0.0
        self.reduce_motion = False
        self.setMinimumSize(240, 240)
        self.setAccessibleName("Breathing guide")

    def radius(self) -> float:
        largest = min(self.width(), self.height()) / 2 - 8
        return largest * (MIN_RADIUS_SHARE + (1 - MIN_RADIUS_SHARE) * self.fullness)

    def set_fullness(self, fullness: float) -> None:
        if abs(fullness - self.fullness) > 1e-4:
            self.fullness = fullness
            self.update()

    def paintEvent(self, _event):  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().highlight().color()
        soft = QColor(accent)
        soft.setAlpha(70)
        if self.reduce_motion:
            bar = QRectF(self.width() / 2 - 20, 10, 40, self.height() - 20)
            painter.setPen(QPen(accent, 2))
            painter.drawRoundedRect(bar, 8, 8)
            level = QRectF(bar.left(), bar.bottom() - bar.height() * self.fullness, bar.width(), bar.height() * self.fullness)
            painter.fillRect(level, soft)
        else:
            centre = QRectF(self.rect()).center()
            largest = min(self.width(), self.height()) / 2 - 8
            painter.setPen(QPen(soft, 1))
            painter.drawEllipse(centre, largest, largest)
            painter.setBrush(soft)
            painter.setPen(QPen(accent, 2))
            r = self.radius()
            painter.drawEllipse(centre, r, r)
        painter.end()


class BreathingView(QWidget):
    started = Signal(str, str)  # pattern, title
    finished = Signal(float, bool)  # listened seconds, completed

    def __init__(self, settings, make_backend, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.make_backend = make_backend
        self.player = None  # a Player while something is loaded
        title = QLabel("Breathing")
        title.setObjectName("title")
        self.pattern = accessible(QComboBox(), "Breathing pattern", "Choose a pattern")
        self.cycles = accessible(QSpinBox(), "Breaths", "How many breaths")
        self.cycles.setRange(1, 200)
        self.tone = accessible(QCheckBox("Tones"), "Tone cues", "Rising and falling tones")
        self.voice = accessible(QCheckBox("Voice"), "Spoken cues", "The voice says in, hold, out")
        self.bell = accessible(QCheckBox("Bell"), "Bell cue", "A soft bell at each breath")
        self.eyes_closed = accessible(QCheckBox("Eyes closed"), "Eyes-closed cues", "A double tone marks each out-breath")
        self.tone.setChecked(True)
        self.custom_name = accessible(QLineEdit(placeholderText="name"), "Custom pattern name", "Name your pattern")
        self.custom_seconds = accessible(QLineEdit(placeholderText="4-2-6-0"), "Custom pattern seconds",
                                         "Seconds: in-hold-out-hold")
        save = accessible(QPushButton("Save pattern"), "Save custom pattern", "Keep this pattern in the list")
        save.clicked.connect(self.save_custom)
        self.start_button = accessible(QPushButton("Start"), "Start or pause", "Start or pause the practice")
        self.stop_button = accessible(QPushButton("Stop"), "Stop", "Stop the practice")
        self.start_button.clicked.connect(self.start_or_pause)
        self.stop_button.clicked.connect(self.stop)
        self.circle = BreathCircle()
        self.phase = QLabel("")
        self.phase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase.setObjectName("title")
        self.detail = QLabel("")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.description = QLabel("")
        self.description.setObjectName("muted")
        self.description.setWordWrap(True)
        self.pattern.currentIndexChanged.connect(self._pattern_changed)

        options = QHBoxLayout()
        for widget in (self.pattern, QLabel("Breaths"), self.cycles, self.tone, self.voice, self.bell, self.eyes_closed):
            options.addWidget(widget)
        options.addStretch(1)
        custom = QHBoxLayout()
        for widget in (QLabel("Your own:"), self.custom_name, self.custom_seconds, save):
            custom.addWidget(widget)
        custom.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(options)
        layout.addWidget(self.description)
        layout.addWidget(self.circle, 1)
        layout.addWidget(self.phase)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addLayout(custom)
        self.timer = QTimer(self, interval=16, timeout=self.refresh)
        self.fill_patterns()
        self.apply_settings()

    def apply_settings(self) -> None:
        self.circle.reduce_motion = self.settings.get("look/reduce_motion")
        self.circle.update()

    def fill_patterns(self) -> None:
        self.pattern.blockSignals(True)
        self.pattern.clear()
        for preset in PRESETS.values():
            self.pattern.addItem(preset.title, (preset.name, preset.default_cycles, preset.description))
        for name, seconds in self.custom_patterns():
            self.pattern.addItem(f"{name} ({seconds})", (seconds, 6, f"Your pattern: {seconds} seconds."))
        self.pattern.blockSignals(False)
        self._pattern_changed()

    def custom_patterns(self) -> list[tuple[str, str]]:
        text = self.settings.get("breathing/custom_patterns")
        return [tuple(item.split("=", 1)) for item in text.split(";") if "=" in item]

    def save_custom(self) -> bool:
        name, seconds = self.custom_name.text().strip(), self.custom_seconds.text().strip()
        if not name or parse_pattern(seconds) is None or "=" in name or ";" in name:
            self.description.setText("A pattern needs a name and seconds like 4-2-6-0 (in, hold, out, hold).")
            return False
        patterns = [p for p in self.custom_patterns() if p[0] != name] + [(name, seconds)]
        self.settings.set("breathing/custom_patterns", ";".join(f"{n}={s}" for n, s in patterns))
        self.fill_patterns()
        self.pattern.setCurrentIndex(self.pattern.count() - 1)
        return True

    def _pattern_changed(self) -> None:
        data = self.pattern.currentData()
        if data:
            self.cycles.setValue(data[1])
            self.description.setText(data[2])

    def start_or_pause(self) -> None:
        if self.player is not None and self.player.state in (State.PLAYING, State.BUFFERING):
            self.player.pause()
        elif self.player is not None and self.player.state == State.PAUSED:
            self.player.play()
        else:
            self.start()

    def start(self) -> None:
        self.stop()
        name = self.pattern.currentData()[0]
        cues = tuple(cue for cue, box in (("tone", self.tone), ("voice", self.voice), ("bell", self.bell)) if box.isChecked())
        session = practice_session(name, self.cycles.value(), cues=cues or ("tone",), eyes_closed=self.eyes_closed.isChecked())
        from app.playback.player import Player  # the audio stack loads after the window shows

        self.player = Player(self.make_backend())
        self.player.load(session)
        try:
            self.player.play()
        except Exception as error:
            self.detail.setText(f"Cannot play: {error}")
            self.player = None
            return
        self.timer.start()
        self.started.emit(name, session.title)

    def listened_s(self) -> float:
        return self.player.position_s if self.player else 0.0

    def stop(self) -> None:
        if self.player is None:
            return
        player, self.player = self.player, None
        listened = player.position_s
        completed = player.state == State.ENDED
        player.stop()
        self.timer.stop()
        self.circle.set_fullness(0.0)
        self.phase.setText("")
        self.detail.setText("")
        self.start_button.setText("Start")
        self.finished.emit(listened, completed)

    def elapsed_s(self) -> float | None:
        """Seconds into the breaths, from the frames the output has played (None before the practice exists)."""
        if self.player is None or not self.player.timeline or not self.player.timeline.practices:
            return None
        origin, _practice = self.player.timeline.practices[0]
        return (self.player.position_frames() - origin) / self.player.timeline.sample_rate

    def refresh(self) -> None:
        player = self.player
        if player is None:
            return
        player.backend.process_events()
        self.start_button.setText("Pause" if player.state in (State.PLAYING, State.BUFFERING) else "Resume")
        elapsed = self.elapsed_s()
        if elapsed is None:
            return
        practice = player.timeline.practices[0][1]
        self.circle.set_fullness(practice.fullness(elapsed))
        phase = practice.phase_at(elapsed)
        if phase is None:
            self.phase.setText("Settle in" if elapsed < 0 else "Rest")
            self.detail.setText("")
        else:
            self.phase.setText(PHASE_NAMES[phase.kind])
            left = len(practice.patterns) - phase.cycle
            self.detail.setText(f"{math.ceil(practice.time_left_s(elapsed))}   ·   {left} breath{'s' * (left != 1)} left")
        if player.state == State.ENDED:
            self.stop()

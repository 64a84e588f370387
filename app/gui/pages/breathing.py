"""Timed breathing: a circle (or, with reduce motion, a calm level bar) driven by the playback clock, with the
phase and its seconds inside it and cues you hear; pattern, length and cues in a panel that opens on request."""

import math

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.gui.kit import theme
from app.gui.kit.basics import Note, accessible, centred_row, icon_button, label, page_column
from app.gui.kit.flow_layout import FlowLayout
from app.gui.pages.practice_button import start_or_pause, start_word
from app.practice.breathing import PHASE_NAMES
from app.practice.breathing_sessions import practice_session
from app.practice.presets import PRESETS
from app.session.loader import parse_pattern

MIN_RADIUS_SHARE = 0.35  # the circle at empty lungs, as a share of the largest radius
PHASE_TINT = {"inhale": 1.0, "top-up": 1.0, "hold": 0.6, "exhale": 0.0, "rest": 0.3}  # towards the accent


def eased(start: QColor, end: QColor, share: float) -> QColor:
    """The colour `share` of the way from `start` to `end`."""
    return QColor.fromRgbF(*(a + (b - a) * share for a, b in zip(start.getRgbF()[:3], end.getRgbF()[:3], strict=True)))


class BreathCircle(QWidget):
    """Grows and shrinks with the breath's fullness (0..1); with reduce motion, a level bar instead."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fullness = 0.0
        self.reduce_motion = False
        self.words = ""  # the phase and its seconds, written inside the circle
        self.tint = 0.0  # 0: the calm base colour, 1: the accent; it eases with the phase
        self.setMinimumSize(220, 220)
        self.setAccessibleName("Breathing guide")

    def set_words(self, words: str, tint: float) -> None:
        if words != self.words or abs(tint - self.tint) > 1e-3:
            self.words, self.tint = words, tint
            self.setAccessibleDescription(words)
            self.update()

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
        accent = eased(theme.colour("muted"), theme.colour("accent"), self.tint)
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
        if self.words:
            painter.setPen(theme.colour("text"))
            painter.setFont(theme.font("title", QFont.Weight.DemiBold))
            box = QRectF(0, 0, self.width(), self.height()) if not self.reduce_motion else \
                QRectF(self.width() / 2 + 36, 0, self.width() / 2 - 36, self.height())
            flags = Qt.AlignmentFlag.AlignCenter if not self.reduce_motion else \
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(box, flags, self.words)
        painter.end()


class BreathingView(QWidget):
    focus_requested = Signal(bool)

    def __init__(self, now_playing, settings, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.settings = settings
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
        self.start_button = accessible(QPushButton("Start"), "Start or pause", "Start or pause the practice (Space)")
        self.start_button.setObjectName("primary")
        self.stop_button = accessible(QPushButton("Stop"), "Stop", "Stop the practice")
        self.start_button.clicked.connect(self.start_or_pause)
        self.stop_button.clicked.connect(self.stop)
        self.circle = BreathCircle()
        self.phase = QLabel("")  # the phase in words, for screen readers and tests; shown inside the circle
        self.phase.hide()
        self.detail = label("", "lead")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.description = label("", "muted", wrap=True)
        self.pattern.currentIndexChanged.connect(self._pattern_changed)
        self.options_button = accessible(QPushButton("Pattern and cues"), "Pattern and cues",
                                         "Show or hide the pattern, the number of breaths and the cues")
        self.options_button.setCheckable(True)
        self.options_button.toggled.connect(lambda shown: self.options.setVisible(shown))
        self.focus_button = icon_button("focus", "Focus mode", "Only the circle (F11; Esc leaves)")
        self.focus_button.clicked.connect(lambda: self.focus_requested.emit(not self.focused))
        self.focused = False
        self._phase_shown, self._tint_from = None, 0.0

        self.options = QFrame()
        self.options.setObjectName("panel")
        panel = QVBoxLayout(self.options)
        panel.setContentsMargins(theme.space(2), theme.space(2), theme.space(2), theme.space(2))
        first = FlowLayout(spacing_px=theme.space(1.5))
        for widget in (self.pattern, QLabel("Breaths"), self.cycles, self.tone, self.voice, self.bell, self.eyes_closed):
            first.addWidget(widget)
        custom = FlowLayout(spacing_px=theme.space(1.5))
        for widget in (QLabel("Your own:"), self.custom_name, self.custom_seconds, save):
            custom.addWidget(widget)
        panel.addLayout(first)
        panel.addWidget(self.description)
        panel.addLayout(custom)
        self.options.hide()
        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.options_button)
        header.addWidget(self.focus_button)
        buttons = centred_row(self.start_button, self.stop_button)
        layout = page_column(self)
        layout.addWidget(self.header)
        self.note = Note()  # a gentle word when a program's day was taken ahead
        layout.addWidget(self.note)
        layout.addWidget(self.options)
        layout.addWidget(self.circle, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.timer = QTimer(self, interval=16, timeout=self.refresh)  # the circle's animation, while breathing plays
        now_playing.loaded.connect(lambda track: self.timer.start() if track.kind == "breathing" else self._clear())
        now_playing.unloaded.connect(self._clear)
        now_playing.state_changed.connect(lambda _state: self._show_word())
        self.fill_patterns()
        self.apply_settings()

    def set_focused(self, focused: bool) -> None:
        """Focus mode: the circle, breaths left and the start control only."""
        self.focused = focused
        self.header.setVisible(not focused)
        self.options.setVisible(not focused and self.options_button.isChecked())
        self.stop_button.setVisible(not focused)

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

    @property
    def player(self):
        """The Player of the breathing practice (None unless breathing is what is loaded)."""
        return self.now_playing.player_of("breathing")

    def start_or_pause(self) -> None:
        start_or_pause(self.now_playing, "breathing", self.start)

    def start(self) -> None:
        """Breathe with the chosen pattern: it replaces whatever was loaded (a paused session is closed)."""
        from app.gui.now_playing import Track

        name = self.pattern.currentData()[0]
        cues = tuple(cue for cue, box in (("tone", self.tone), ("voice", self.voice), ("bell", self.bell)) if box.isChecked())
        session = practice_session(name, self.cycles.value(), cues=cues or ("tone",), eyes_closed=self.eyes_closed.isChecked())
        problem = self.now_playing.start(Track("breathing", name, session.title, session, release_at_end=True))
        if problem:
            self.detail.setText(problem)

    def stop(self) -> None:
        if self.player is not None:
            self.now_playing.stop()

    def _clear(self) -> None:
        self.timer.stop()
        self.note.say("")
        self.circle.set_fullness(0.0)
        self.circle.set_words("", 0.0)
        self.phase.setText("")
        self.detail.setText("")
        self._show_word()

    def _show_word(self) -> None:
        self.start_button.setText(start_word(self.now_playing, "breathing"))

    def elapsed_s(self) -> float | None:
        """Seconds into the breaths, from the frames the output has played (None before the practice exists)."""
        player = self.player
        if player is None or not player.timeline or not player.timeline.practices:
            return None
        origin, _practice = player.timeline.practices[0]
        return (player.position_frames() - origin) / player.timeline.sample_rate

    def refresh(self) -> None:
        player = self.player
        if player is None:
            return
        elapsed = self.elapsed_s()
        if elapsed is None:
            return
        practice = player.timeline.practices[0][1]
        self.circle.set_fullness(practice.fullness(elapsed))
        phase = practice.phase_at(elapsed)
        if phase is None:
            self.phase.setText("Settle in" if elapsed < 0 else "Rest")
            self.circle.set_words(self.phase.text(), 0.3)
            self.detail.setText("")
        else:
            self.phase.setText(PHASE_NAMES[phase.kind])
            left = len(practice.patterns) - phase.cycle
            if self._phase_shown != phase:
                self._phase_shown, self._tint_from = phase, self.circle.tint
            ease = min(1.0, (elapsed - phase.start_s) / (0.3 * phase.seconds)) if phase.seconds else 1.0
            tint = self._tint_from + (PHASE_TINT[phase.kind] - self._tint_from) * max(0.0, ease)  # first 30 %
            self.circle.set_words(f"{self.phase.text()} · {math.ceil(practice.time_left_s(elapsed))}", tint)
            self.detail.setText(f"{left} breath{'s' * (left != 1)} left")

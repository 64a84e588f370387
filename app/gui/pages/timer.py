"""The timer: sit in silence for a chosen time with bells (a warm-up, the start bell, interval bells, the end
bell on time); the time left large in the middle, the settings in a panel, presets you save remembered."""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import Note, accessible, centred_row, field, label, page_column
from app.gui.kit.flow_layout import FlowLayout
from app.gui.pages.practice_button import start_or_pause, start_word
from app.playback.state import State
from app.session.durations import format_duration
from app.session.names import BEDS, BELLS

NONE = "none"
DEFAULT_PRESET = {"minutes": 20, "warm_up_s": 10, "start_bell": "bowl", "end_bell": "bowl", "every_min": 0,
                  "interval_bell": "chime", "ambient": NONE}


class TimerView(QWidget):
    def __init__(self, now_playing, settings, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.settings = settings
        self.plan = None  # the TimerPlan playing
        self.minutes = self._spin("Minutes", "How long to sit, after the start bell", 1, 240)
        self.warm_up = self._spin("Warm-up seconds", "Time to settle before the start bell; 0 rings it at once", 0, 300)
        self.every = self._spin("Interval bell every (minutes)", "An interval bell this often; 0 for none", 0, 120)
        self.start_bell = self._choice("Start bell", "The bell that begins", (NONE, *BELLS))
        self.interval_bell = self._choice("Interval bell", "The bell between", BELLS)
        self.end_bell = self._choice("End bell", "The bell that ends, on time", (NONE, *BELLS))
        self.ambient = self._choice("Ambience", "A soft bed under the silence", (NONE, *BEDS))
        self.presets = accessible(QComboBox(), "Presets", "Your saved timers")
        self.presets.setPlaceholderText("no presets yet")
        self.presets.activated.connect(lambda _i: self.load_preset(self.presets.currentText()))
        self.preset_name = accessible(QLineEdit(placeholderText="name"), "Preset name", "A name for these settings")
        save = accessible(QPushButton("Save preset"), "Save preset", "Remember these settings under the name")
        save.clicked.connect(self.save_preset)
        self.time = label("", "display")
        self.time.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time.setAccessibleName("Time left")
        self.detail = label("", "muted", wrap=True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = accessible(QPushButton("Start"), "Start or pause the timer", "Start or pause (Space)")
        self.start_button.setObjectName("primary")
        self.stop_button = accessible(QPushButton("Stop"), "Stop the timer", "Stop and record the time sat")
        self.start_button.clicked.connect(self.start_or_pause)
        self.stop_button.clicked.connect(self.stop)
        self.options_button = accessible(QPushButton("Timer settings"), "Timer settings",
                                         "Show or hide the length, bells, ambience and presets")
        self.options_button.setCheckable(True)
        self.options_button.setChecked(True)

        self.options = QFrame()
        self.options.setObjectName("panel")
        fields = FlowLayout(spacing_px=theme.space(2))
        for text, widget in (("Minutes", self.minutes), ("Warm-up (s)", self.warm_up), ("Start bell", self.start_bell),
                             ("Interval every (min)", self.every), ("Interval bell", self.interval_bell),
                             ("End bell", self.end_bell), ("Ambience", self.ambient)):
            fields.addWidget(field(text, widget))
        presets = FlowLayout(spacing_px=theme.space(1))
        for widget in (self.presets, self.preset_name, save):
            presets.addWidget(widget)
        panel = page_column(self.options)
        panel.addLayout(fields)
        panel.addLayout(presets)
        self.options_button.toggled.connect(self.options.setVisible)
        header = QHBoxLayout()
        header.addWidget(label("Timer", "title"))
        header.addStretch(1)
        header.addWidget(self.options_button)
        buttons = centred_row(self.start_button, self.stop_button)
        layout = page_column(self)
        layout.addLayout(header)
        self.note = Note()  # a gentle word when a program's day was taken ahead
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.time)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        layout.addWidget(self.options)
        layout.addLayout(buttons)
        for widget in (self.minutes, self.warm_up, self.every):
            widget.valueChanged.connect(self._show_plan)
        for widget in (self.start_bell, self.interval_bell, self.end_bell, self.ambient):
            widget.currentIndexChanged.connect(self._show_plan)
        now_playing.ticked.connect(self.refresh)
        now_playing.state_changed.connect(lambda _state: self.refresh())
        now_playing.loaded.connect(lambda _track: self._show_plan())
        now_playing.unloaded.connect(lambda: (self.note.say(""), self._show_plan()))
        self._fill_presets()
        last = self.settings.get("timer/last")
        self._apply(json.loads(last) if last else DEFAULT_PRESET)

    # -- settings and presets ---------------------------------------------------------------------
    def _spin(self, name: str, tip: str, low: int, high: int) -> QSpinBox:
        spin = accessible(QSpinBox(), name, tip)
        spin.setRange(low, high)
        return spin

    def _choice(self, name: str, tip: str, items) -> QComboBox:
        box = accessible(QComboBox(), name, tip)
        box.addItems(list(items))
        return box

    def values(self) -> dict:
        return {"minutes": self.minutes.value(), "warm_up_s": self.warm_up.value(),
                "start_bell": self.start_bell.currentText(), "end_bell": self.end_bell.currentText(),
                "every_min": self.every.value(), "interval_bell": self.interval_bell.currentText(),
                "ambient": self.ambient.currentText()}

    def _apply(self, values: dict) -> None:
        values = {**DEFAULT_PRESET, **values}
        self.minutes.setValue(int(values["minutes"]))
        self.warm_up.setValue(int(values["warm_up_s"]))
        self.every.setValue(int(values["every_min"]))
        for box, key in ((self.start_bell, "start_bell"), (self.end_bell, "end_bell"),
                         (self.interval_bell, "interval_bell"), (self.ambient, "ambient")):
            box.setCurrentText(values[key])
        self._show_plan()

    def saved_presets(self) -> dict[str, dict]:
        text = self.settings.get("timer/presets")
        return json.loads(text) if text else {}

    def save_preset(self) -> bool:
        name = self.preset_name.text().strip()
        if not name:
            self.detail.setText("Give the preset a name first.")
            return False
        presets = {**self.saved_presets(), name: self.values()}
        self.settings.set("timer/presets", json.dumps(presets))
        self._fill_presets()
        self.presets.setCurrentText(name)
        return True

    def load_preset(self, name: str) -> None:
        if name in self.saved_presets():
            self._apply(self.saved_presets()[name])

    def _fill_presets(self) -> None:
        self.presets.clear()
        self.presets.addItems(sorted(self.saved_presets()))
        self.presets.setEnabled(self.presets.count() > 0)

    def current_plan(self):
        """The TimerPlan the settings describe."""
        from app.practice.timer import TimerPlan  # it loads the bells: after the window shows

        v = self.values()

        def bell(name):
            return None if name == NONE else name

        return TimerPlan(v["minutes"] * 60.0, bell(v["start_bell"]), bell(v["end_bell"]),
                         v["every_min"] * 60.0 or None, v["interval_bell"], bell(v["ambient"]), float(v["warm_up_s"]))

    def _show_plan(self) -> None:
        if self.player is not None:
            return
        v = self.values()
        self.time.setText(format_duration(v["minutes"] * 60))
        bells = [f"{v['start_bell']} to begin" if v["start_bell"] != NONE else "no start bell"]
        if v["every_min"]:
            bells.append(f"{v['interval_bell']} every {v['every_min']} min")
        bells.append(f"{v['end_bell']} to end" if v["end_bell"] != NONE else "no end bell")
        settle = f"{v['warm_up_s']} s to settle, then " if v["warm_up_s"] else "At once: "
        self.detail.setText(f"{settle}{', '.join(bells)}"
                            + (f"; {v['ambient']} underneath" if v["ambient"] != NONE else "") + ".")

    # -- playing ----------------------------------------------------------------------------------
    @property
    def player(self):
        """The Player of the timer (None unless the timer is what is loaded)."""
        return self.now_playing.player_of("timer")

    def start_or_pause(self) -> None:
        start_or_pause(self.now_playing, "timer", self.start)

    def start(self) -> None:
        """Sit with the settings shown: it replaces whatever was loaded (a paused session is closed)."""
        from app.failures import BadInput
        from app.gui.now_playing import Track
        from app.practice.timer import timer_session

        try:
            self.plan = self.current_plan()
            session = timer_session(self.plan)
        except BadInput as problem:
            self.detail.setText(str(problem))
            return
        self.settings.set("timer/last", json.dumps(self.values()))
        bell_s = self.plan.start_bell_at_s
        problem = self.now_playing.start(Track("timer", "timer", session.title, session, bell_s + self.plan.length_s,
                                               counted_from_s=bell_s, counted_s=self.plan.length_s,
                                               release_at_end=True))
        if problem:
            self.detail.setText(problem)
            return
        self.options_button.setChecked(False)

    def sat_s(self) -> float:
        """Seconds sat since the start bell (the warm-up is not counted)."""
        return self.now_playing.listened_s() if self.player is not None else 0.0

    def stop(self) -> None:
        if self.player is not None:
            self.now_playing.stop()

    def refresh(self) -> None:
        player = self.player
        self.start_button.setText(start_word(self.now_playing, "timer"))
        if player is None:
            return
        position = player.position_s
        if position < self.plan.start_bell_at_s:
            self.time.setText(format_duration(self.plan.length_s))
            self.detail.setText(f"Settling in; the bell in {format_duration(self.plan.start_bell_at_s - position)}")
        else:
            self.time.setText(format_duration(max(0.0, self.plan.length_s - self.sat_s())))
            self.detail.setText("left" if self.now_playing.state != State.PAUSED else "paused")

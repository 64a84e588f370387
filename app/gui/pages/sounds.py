"""Sounds: every bed as a layer with its own switch and volume, mixed live (rain + wind + fire), alone or under
any practice; your own sound files as more layers; mixes saved by name; a timer that fades out over its last
minute. The mix itself is `NowPlaying.sounds` (app/gui/sounds_mix.py); this page only shows and asks."""

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QFrame, QHBoxLayout, QLineEdit, QPushButton, QScrollArea, QSlider, QWidget

from app.gui.kit import theme
from app.gui.kit.basics import accessible, field, label, page_column
from app.gui.kit.flow_layout import FlowLayout
from app.session.model import SoundRef
from app.session.names import BED_TITLES

DEFAULT_LEVEL = 0.5
TIMER_MINUTES = (None, 15, 30, 45, 60, 90, 120)
AUDIO_FILTER = "Audio files (*.wav *.flac *.ogg *.oga *.mp3 *.aiff *.aif *.m4a *.aac *.opus)"


class Layer(QFrame):
    """One sound of the mix: its switch (the name) and its volume."""

    def __init__(self, sound: SoundRef, title: str, level: float, on: bool, own: bool, page):
        super().__init__()
        self.setObjectName("panel")
        self.sound = sound
        self.switch = accessible(QPushButton(title), title, f"{title}: in the mix or not")
        self.switch.setObjectName("chip")
        self.switch.setCheckable(True)
        self.switch.setChecked(on)
        self.volume = accessible(QSlider(Qt.Orientation.Horizontal), f"{title} volume", f"How loud {title.lower()} is")
        self.volume.setRange(1, 100)
        self.volume.setValue(round(level * 100))
        self.volume.setMinimumWidth(theme.space(16))
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.space(1.5), theme.space(1), theme.space(1.5), theme.space(1))
        row.setSpacing(theme.space(1.5))
        self.switch.setMinimumWidth(theme.space(17))
        row.addWidget(self.switch)
        row.addWidget(self.volume, 1)
        self.remove = None
        if own:
            self.remove = accessible(QPushButton("Remove"), f"Remove {title}", f"Delete {title} from your sounds")
            self.remove.clicked.connect(lambda: page.remove_own(sound))
            row.addWidget(self.remove)
        self.setFixedWidth(theme.space(52))
        self.switch.toggled.connect(lambda _on: page.layer_changed(self))
        self.volume.valueChanged.connect(lambda _v: page.layer_changed(self))

    def level(self) -> float:
        """The level sent to the mix: 0 when switched off."""
        return self.volume.value() / 100 if self.switch.isChecked() else 0.0


class SoundsView(QWidget):
    def __init__(self, now_playing, settings, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.mix = now_playing.sounds
        self.settings = settings
        self.layers: list[Layer] = []
        self._own: tuple[SoundRef, ...] | None = None  # read when the page is first shown
        self.layer_box = QWidget()
        self.layer_flow = FlowLayout(self.layer_box, spacing_px=theme.space(1.5))
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(self.layer_box)
        self.add_button = accessible(QPushButton("Add your own sound…"), "Add your own sound",
                                     "Add an audio file as a layer; it is copied into Stillpoint's data folder")
        self.add_button.clicked.connect(self.choose_own)
        self.timer = accessible(QComboBox(), "Play for", "Fade out over the last minute and pause after this long")
        for minutes in TIMER_MINUTES:
            self.timer.addItem("until stopped" if minutes is None else f"{minutes} minutes", minutes)
        self.timer.currentIndexChanged.connect(lambda _i: self._timer_chosen())
        self.mixes = accessible(QComboBox(), "Saved mixes", "Your saved mixes")
        self.mixes.setPlaceholderText("no saved mixes yet")
        self.mixes.activated.connect(lambda _i: self.load_mix(self.mixes.currentText()))
        self.mix_name = accessible(QLineEdit(placeholderText="name"), "Mix name", "A name for this mix")
        save = accessible(QPushButton("Save mix"), "Save mix", "Remember these layers and volumes under the name")
        save.clicked.connect(self.save_mix)
        self.play_button = accessible(QPushButton("Play"), "Play or pause the sounds", "Play or pause the sounds")
        self.play_button.setObjectName("primary")
        self.play_button.clicked.connect(self.toggle)
        self.detail = label("", "muted", wrap=True)
        self.detail.setAccessibleName("What the mix is doing")
        self._notice = ""

        layout = page_column(self)
        layout.addWidget(label("Sounds", "title"))
        layout.addWidget(label("Layers that never repeat, alone or under any practice. Sounds alone are not "
                               "recorded in the journal.", "muted", wrap=True))
        layout.addWidget(scroller, 1)
        controls = FlowLayout(spacing_px=theme.space(2))
        for widget in (field("Play for", self.timer), field("Saved mixes", self.mixes), field("Save as", self.mix_name)):
            controls.addWidget(widget)
        for widget in (save, self.add_button):
            controls.addWidget(widget)
        layout.addLayout(controls)
        bottom = QHBoxLayout()
        bottom.addWidget(self.play_button)
        bottom.addWidget(self.detail, 1)
        layout.addLayout(bottom)
        self.mix.changed.connect(self.refresh)
        last = self.settings.get("sounds/last")
        self._levels = json.loads(last) if last else {"rain": DEFAULT_LEVEL}  # name -> level of the layers on
        self._chosen_levels: dict[str, float] = {}  # name -> slider level, kept while a layer is off
        self.timer.setCurrentIndex(max(0, self.timer.findData(self.settings.get("sounds/timer_minutes") or None)))
        self._fill_mixes()

    def showEvent(self, event):  # noqa: N802
        if self._own is None:
            self.reload_layers()
        super().showEvent(event)

    # -- layers -----------------------------------------------------------------------------------
    def reload_layers(self) -> None:
        """A layer for every built-in bed and every sound of your own, with the levels last used."""
        from app.audio.own_sounds import own_sounds

        self._own = own_sounds()
        for layer in self.layers:
            self._chosen_levels[layer.sound.name] = layer.volume.value() / 100
            self.layer_flow.removeWidget(layer)
            layer.deleteLater()
        self.layers = []
        sounds = (*(SoundRef(name) for name in BED_TITLES), *self._own)
        for sound in sounds:
            on = self._levels.get(sound.name, 0.0) > 0
            level = self._levels.get(sound.name) or self._chosen_levels.get(sound.name, DEFAULT_LEVEL)
            layer = Layer(sound, BED_TITLES.get(sound.name, sound.name), level, on, sound.path is not None, self)
            self.layers.append(layer)
            self.layer_flow.addWidget(layer)
        self.mix.set_sounds(sounds)
        for layer in self.layers:
            self.mix.set_level(layer.sound.name, layer.level())
        self.refresh()

    def layer_changed(self, layer: Layer) -> None:
        self.mix.set_level(layer.sound.name, layer.level())
        self._levels = {other.sound.name: round(other.level(), 2) for other in self.layers if other.level() > 0}
        self.settings.set("sounds/last", json.dumps(self._levels))

    def choose_own(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Add a sound", str(Path.home()), AUDIO_FILTER)
        if path:
            self.add_own(Path(path))

    def add_own(self, path: Path) -> bool:
        """Add the file as a layer, switched on; a file that cannot be used is said here and adds nothing."""
        from app.audio.own_sounds import add_own_sound
        from app.failures import Failure

        try:
            sound = add_own_sound(path)
        except Failure as problem:
            self._say(str(problem))
            return False
        self._levels[sound.name] = DEFAULT_LEVEL
        self.settings.set("sounds/last", json.dumps(self._levels))
        self.reload_layers()
        self._say(f"Added {sound.name} to your sounds.")
        return True

    def remove_own(self, sound: SoundRef) -> None:
        from app.audio.own_sounds import remove_own_sound

        remove_own_sound(sound)
        self._levels.pop(sound.name, None)
        self.settings.set("sounds/last", json.dumps(self._levels))
        self.reload_layers()

    # -- playing ----------------------------------------------------------------------------------
    def toggle(self) -> None:
        if self._own is None:
            self.reload_layers()
        if not self.mix.audible():
            self._say("Switch on a sound first.")
            return
        try:
            self.mix.toggle()
        except Exception as error:  # no output device  # noqa: BLE001
            self._say(f"Cannot play: {error}")

    def _timer_chosen(self) -> None:
        minutes = self.timer.currentData()
        self.settings.set("sounds/timer_minutes", float(minutes or 0))
        self.mix.set_timer(minutes)

    def _say(self, notice: str) -> None:
        """A notice in place of the mix's line until the mix plays or changes."""
        self.detail.setText(notice)
        self._notice = notice

    def refresh(self) -> None:
        playing = self.mix.playing()
        self.play_button.setText("Pause" if playing else "Play")
        if self._notice and not playing:
            self._notice = ""
            return
        names = [BED_TITLES.get(name, name) for name in self.mix.audible()]
        what = ", ".join(names) if names else "nothing switched on"
        if playing:
            timer = f" · fades out after {self.mix.timer_minutes:g} minutes" if self.mix.timer_minutes else ""
            self.detail.setText(f"Playing {what}{timer}")
        else:
            self.detail.setText(f"{what.capitalize()}. Press Play to hear it.")

    # -- saved mixes ------------------------------------------------------------------------------
    def _saved(self) -> dict:
        text = self.settings.get("sounds/mixes")
        return json.loads(text) if text else {}

    def _fill_mixes(self) -> None:
        self.mixes.clear()
        self.mixes.addItems(sorted(self._saved()))

    def save_mix(self) -> None:
        name = self.mix_name.text().strip()
        if not name:
            self._say("Give the mix a name first.")
            return
        saved = self._saved()
        saved[name] = dict(self._levels)
        self.settings.set("sounds/mixes", json.dumps(saved))
        self._fill_mixes()
        self.mixes.setCurrentText(name)

    def load_mix(self, name: str) -> None:
        levels = self._saved().get(name)
        if levels is None:
            return
        for layer in self.layers:  # each change is sent to the mix as it is made
            level = levels.get(layer.sound.name, 0.0)
            if level > 0:
                layer.volume.setValue(round(level * 100))
            layer.switch.setChecked(level > 0)

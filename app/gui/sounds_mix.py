"""The Sounds mix: the second stream, beside whatever practice plays, held by the owner of what plays
(`NowPlaying.sounds`). It is never replaced by a practice and never recorded in the journal.

Every sound there is (the built-in beds and a person's own) is a bed of one long session with nothing spoken;
each layer's level is a live gain in the mixer, so a layer at 0 costs nothing and a slider is heard at once.
Levels are 0-1, linear in amplitude, as in `stillpoint sounds rain=0.6`. The timer pauses the mix after its
minutes, having faded it out over the last minute.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.playback.state import State

TIMER_FADE_S = 60.0
TICK_MS = 50
MOVING = (State.PLAYING, State.BUFFERING)


class SoundsMix(QObject):
    changed = Signal()  # its state, levels, layers or timer changed
    _player_said = Signal()

    def __init__(self, make_backend: Callable[[], object], parent=None):
        super().__init__(parent)
        self.make_backend = make_backend
        self.player = None
        self.sounds: tuple = ()  # SoundRef of every layer, in the loaded session's order
        self.levels: dict[str, float] = {}  # by sound name
        self.timer_minutes: float | None = None
        self._state = State.STOPPED
        self._tick = QTimer(self, interval=TICK_MS, timeout=self._sync)
        self._player_said.connect(self._sync, Qt.ConnectionType.QueuedConnection)

    # -- what the Sounds page and the owner ask ---------------------------------------------------
    def set_sounds(self, sounds: tuple) -> None:
        """The layers there are (built-in and own); a loaded mix is made again from where it is heard."""
        sounds = tuple(sounds)
        if sounds == self.sounds:
            return
        self.sounds = sounds
        if self.player is not None:
            playing, position = self.state in MOVING, self.player.position_s
            self._load(position)
            if playing:
                self.play()
        self.changed.emit()

    def set_level(self, name: str, level: float) -> None:
        self.levels[name] = max(0.0, min(1.0, float(level)))
        if self.player is not None:
            self.player.set_bed_gain(self._place(name), self.levels[name])
        self.changed.emit()

    def audible(self) -> list[str]:
        """The names of the layers above 0, in order."""
        return [sound.name for sound in self.sounds if self.levels.get(sound.name, 0.0) > 0]

    def play(self) -> None:
        """Play the mix (loading it first); raises OutputUnavailable when there is no output. Nothing happens
        while every layer is at 0."""
        if not self.audible() or self.state in MOVING:
            return
        if self.player is None or self.state == State.ENDED:
            self._load(0.0)
        self.player.play()
        if self.timer_minutes:
            self.player.set_sleep_timer(self.timer_minutes, TIMER_FADE_S)
        self._sync()

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()

    def toggle(self) -> None:
        if self.state in MOVING:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        if self.player is None:
            return
        self._tick.stop()
        self.player.stop()
        self.player = None
        self._state = State.STOPPED
        self.changed.emit()

    def set_timer(self, minutes: float | None) -> None:
        """Pause after `minutes` (the last one a fade), counted from now while it plays, else from its play."""
        self.timer_minutes = minutes
        if self.player is not None and self.state in MOVING:
            self.player.set_sleep_timer(minutes, TIMER_FADE_S)
        self.changed.emit()

    # -- what subscribers read --------------------------------------------------------------------
    @property
    def state(self) -> State:
        return self._state if self.player is not None else State.STOPPED

    def playing(self) -> bool:
        return self.state in MOVING

    def loaded(self) -> bool:
        return self.player is not None

    def position_s(self) -> float:
        return self.player.position_s if self.player is not None else 0.0

    # -- inside -----------------------------------------------------------------------------------
    def _place(self, name: str) -> int:
        return next(k for k, sound in enumerate(self.sounds) if sound.name == name)

    def _load(self, start_s: float) -> None:
        from app.playback.player import Player  # the audio stack loads when first wanted
        from app.practice.sounds import Layer, sounds_session

        if self.player is not None:
            self.player.stop()
        session = sounds_session(tuple(Layer(s.name, 1.0, s.path) for s in self.sounds), None)
        self.player = Player(self.make_backend(), listener=lambda _state: self._player_said.emit())
        self.player.load(session, start_s, bed_gains=[self.levels.get(s.name, 0.0) for s in self.sounds])
        self._state = self.player.state
        self._tick.start()

    def _sync(self) -> None:
        if self.player is None:
            return
        self.player.backend.process_events()
        state = self.player.state  # reading it runs the timer's fade
        if state != self._state:
            self._state = state
            self.changed.emit()

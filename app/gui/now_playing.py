"""The one owner of what plays: the single active practice (a session, breathing or the timer) and its Player.

Views ask it to play, pause, seek and stop; nobody else makes a Player. Whoever needs to know what plays
subscribes to its signals: `loaded` (a new track replaced the last), `started` (a run began: the first play
after loading, or a play after the end), `state_changed`, `chapter_changed`, `seeked` (the position asked
for) and `finished` (the run ended: completed, or stopped or replaced after it began). `ticked` comes every
50 ms while something is loaded, for the views that draw the position.

A new practice replaces the one loaded, as before: starting breathing or the timer while a session is
paused (or playing) closes that session, which is recorded as a play not completed; its place stays in the
library's Continue card. The Sounds mix (`sounds`, app/gui/sounds_mix.py) is a second stream beside the
practice, never replaced by one: pausing the practice pauses the mix with it, and playing it again brings the
mix back; with no practice loaded, play and pause are the mix's.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.gui.sounds_mix import SoundsMix
from app.playback.heard import HeardTime
from app.playback.state import State

TICK_MS = 50
MOVING = (State.PLAYING, State.BUFFERING)


@dataclass(frozen=True)
class Track:
    """What is loaded: its kind (session, breathing, timer), id and title, the session to play, its stated length,
    and which stretch of it counts as practice (seconds from `counted_from_s`, at most `counted_s`)."""

    kind: str
    item_id: str
    title: str
    session: object
    stated_s: float | None = None
    counted_from_s: float = 0.0
    counted_s: float | None = None
    entry: object = None  # the library entry, for a session
    release_at_end: bool = False  # breathing and the timer let the output go when they end
    program_day: tuple[str, int] | None = None  # (program id, day) when this is a program's day
    prompt: str = ""  # the reflection prompt offered when it ends
    asks_contact: bool = False  # the program's day asks for a contact-journal entry too


class NowPlaying(QObject):
    loaded = Signal(object)  # Track
    unloaded = Signal()
    started = Signal(object)  # Track
    state_changed = Signal(object)  # State
    chapter_changed = Signal(str)
    seeked = Signal(float)  # the position asked for, in seconds
    finished = Signal(object, float, bool)  # Track, practice seconds, completed
    ticked = Signal()
    _player_said = Signal()  # from the player's threads, queued to this one

    def __init__(self, make_backend: Callable[[], object], parent=None):
        super().__init__(parent)
        self.make_backend = make_backend
        self.track: Track | None = None
        self.player = None
        self._run_open = False  # a run began and has not finished
        self._state = State.STOPPED
        self._chapter = ""
        self._start_s = 0.0
        self.finished_at_s = 0.0  # where the last run ended, in seconds
        self.heard = HeardTime()  # of the last run: seconds played, seeks excluded
        self.length_s_heard = 0.0  # the last run's real length, once its player knew it
        self.sounds = SoundsMix(make_backend, self)
        self._sounds_paused_with_practice = False
        self._tick = QTimer(self, interval=TICK_MS, timeout=self._on_tick)
        self._player_said.connect(self._sync, Qt.ConnectionType.QueuedConnection)

    # -- what views ask ---------------------------------------------------------------------------
    def load(self, track: Track, start_s: float = 0.0) -> None:
        """Load `track` from `start_s`, paused; what was loaded is stopped (and its run finished) first."""
        self.stop()
        from app.playback.player import Player  # the audio stack loads after the window shows

        self.track, self._start_s = track, start_s
        self.player = Player(self.make_backend(), listener=lambda _state: self._player_said.emit())
        self.player.load(track.session, start_s)
        self._state, self._chapter = self.player.state, ""
        self._tick.start()
        self.loaded.emit(track)
        self.state_changed.emit(self._state)

    def start(self, track: Track) -> str | None:
        """Load `track` and play it at once; when it cannot play (no output), unload it again and return why."""
        self.load(track)
        try:
            self.play()
        except Exception as error:  # no output device  # noqa: BLE001
            self.stop()
            return f"Cannot play: {error}"
        return None

    def player_of(self, kind: str):
        """The Player when a practice of `kind` is what is loaded, else None."""
        return self.player if self.kind == kind else None

    def play(self) -> None:
        """Play (or resume); raises OutputUnavailable (or another failure) when there is no output."""
        if self.player is None or self.player.state in MOVING:
            return
        if self.player.state == State.ENDED:
            self._start_s = 0.0
        self.player.play()
        if self._sounds_paused_with_practice:
            self._sounds_paused_with_practice = False
            self.sounds.play()
        if not self._run_open:
            self._run_open = True
            self.heard = HeardTime(self.player.position_s)
            self.started.emit(self.track)
        self._sync()

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()
            if self.sounds.playing():
                self._sounds_paused_with_practice = True
                self.sounds.pause()

    def toggle(self) -> None:
        """Play or pause the practice (and the mix with it); with no practice loaded, the mix."""
        if self.player is None:
            self.sounds.toggle()
        elif self.player.state in MOVING:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        if self.player is None:
            return
        seconds = max(0.0, seconds)
        if self.player.duration_s is not None:
            seconds = min(seconds, self.player.duration_s)
        self.player.seek(seconds)
        self.seeked.emit(seconds)
        self._sync()

    def jump(self, seconds: float) -> None:
        if self.player is not None:
            self.seek(self.player.position_s + seconds)

    def next_chapter(self) -> None:
        if self.player is not None:
            self._announce(self.player.next_chapter())

    def previous_chapter(self) -> None:
        if self.player is not None:
            self._announce(self.player.previous_chapter())

    def _announce(self, target_s: float | None) -> None:
        if target_s is not None:
            self.seeked.emit(target_s)
            self._sync()

    def set_volume(self, bus: str, gain: float) -> None:
        if self.player is not None:
            self.player.set_volume(bus, gain)

    def set_sleep_timer(self, minutes: float | None) -> None:
        if self.player is not None:
            self.player.set_sleep_timer(minutes)

    def stop(self) -> None:
        """Stop with a short fade and unload; a run that began is finished as not completed."""
        if self.player is None:
            return
        player, track = self.player, self.track
        self._sounds_paused_with_practice = False
        position = player.position_s
        self._tick.stop()
        player.stop()
        self.player = self.track = None
        self._state = State.STOPPED
        self._finish(track, position, completed=False)
        self.state_changed.emit(State.STOPPED)
        self.unloaded.emit()

    # -- what subscribers read --------------------------------------------------------------------
    @property
    def kind(self) -> str | None:
        return self.track.kind if self.track else None

    @property
    def state(self) -> State:
        return self._state if self.player is not None else State.STOPPED

    def playing(self) -> bool:
        return self.player is not None and self._state == State.PLAYING

    def position_s(self) -> float:
        return self.player.position_s if self.player is not None else 0.0

    def duration_s(self) -> float | None:
        return self.player.duration_s if self.player is not None else None

    def length_s(self) -> float:
        """The real length once known, the stated one until then."""
        return self.duration_s() or (self.track.stated_s if self.track else None) or 0.0

    def chapter(self) -> str:
        return self._chapter

    def listened_s(self) -> float:
        """Seconds of practice in the run so far."""
        if self.track is None or self.player is None:
            return 0.0
        return self._counted(self.track, self.player.position_s)

    def _counted(self, track: Track, position_s: float) -> float:
        """Seconds of practice at `position_s`: from where the run started (or the practice's own start, such as
        the timer's start bell), at most the practice's counted length."""
        seconds = max(0.0, position_s - max(self._start_s, track.counted_from_s))
        return min(seconds, track.counted_s) if track.counted_s is not None else seconds

    def has_later_chapter(self) -> bool:
        if self.player is None or self.player.timeline is None:
            return False
        frame = self.player.position_frames()
        return any(c.start > frame for c in list(self.player.timeline.chapters))

    # -- the clock --------------------------------------------------------------------------------
    def _on_tick(self) -> None:
        if self.player is None:
            return
        self.player.backend.process_events()
        self._sync()
        if self.player is not None:
            if self._run_open and self._state == State.PLAYING:
                self.heard.at(self.player.position_s)
                self.length_s_heard = self.player.duration_s or 0.0
            self.ticked.emit()

    def _sync(self) -> None:
        """Read the player (which notices its own end and sleep timer when read) and say what changed."""
        player = self.player
        if player is None:
            return
        state = player.state
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
        chapter = player.current_chapter()
        title = chapter.title if chapter is not None else ""
        if title != self._chapter:
            self._chapter = title
            self.chapter_changed.emit(title)
        if state == State.ENDED and self._run_open:
            self._finish(self.track, player.position_s, completed=True)
            if self.track.release_at_end:
                self.stop()

    def _finish(self, track: Track | None, position_s: float, completed: bool) -> None:
        if not self._run_open or track is None:
            return
        self._run_open = False
        self.finished_at_s = position_s
        self.finished.emit(track, self._counted(track, position_s), completed)

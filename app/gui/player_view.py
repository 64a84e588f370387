"""The player: play/pause, a seek bar with chapter ticks, chapters, the live transcript, volumes, sleep timer."""

import math
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.gui.widgets import CheckInBar, SeekSlider, VolumeSlider, accessible
from app.playback.state import State
from app.session.durations import format_duration

SLEEP_CHOICES = (("Sleep timer off", None), ("Sleep in 5 min", 5), ("Sleep in 10 min", 10), ("Sleep in 15 min", 15),
                 ("Sleep in 20 min", 20), ("Sleep in 30 min", 30), ("Sleep in 45 min", 45), ("Sleep in 60 min", 60))


class PlayerView(QWidget):
    export_requested = Signal()
    play_started = Signal()
    play_finished = Signal(float, bool)  # listened seconds, completed

    def __init__(self, settings, make_backend, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.make_backend = make_backend
        self.player = None  # a Player while something is loaded
        self.entry = None
        self._cue_count = 0
        self._shown_chapters = 0
        self._dragging = False
        self._started_at_s = 0.0
        self._reported = False
        self.title = QLabel("Choose a session in the library")
        self.title.setObjectName("title")
        self.voice = QLabel("")
        self.voice.setObjectName("muted")
        self.play_button = accessible(QPushButton("Play"), "Play or pause", "Play or pause (Space)")
        self.play_button.clicked.connect(self.toggle)
        self.elapsed = QLabel("0:00")
        self.total = QLabel("--:--")
        self.seek = accessible(SeekSlider(), "Position", "Drag to move through the session (← and → jump 15 s)")
        self.seek.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.seek.sliderReleased.connect(self._seek_released)
        self.chapters = accessible(QListWidget(), "Chapters", "Click a chapter to jump to it (N and P)")
        self.chapters.itemClicked.connect(self._chapter_clicked)
        self.transcript = accessible(QListWidget(), "Transcript", "What the voice is saying, as it says it")
        self.transcript.setWordWrap(True)
        self.voice_volume = VolumeSlider("Voice", self.settings.get("sound/voice_volume"))
        self.ambient_volume = VolumeSlider("Ambience", self.settings.get("sound/ambient_volume"))
        self.voice_volume.changed.connect(lambda v: self._volume("voice", v))
        self.ambient_volume.changed.connect(lambda v: self._volume("ambient", v))
        self.sleep = accessible(QComboBox(), "Sleep timer", "Fade out and stop after this long")
        for text, minutes in SLEEP_CHOICES:
            self.sleep.addItem(text, minutes)
        self.sleep.currentIndexChanged.connect(lambda _i: self.player and self.player.set_sleep_timer(self.sleep.currentData()))
        self.length = accessible(QComboBox(), "Length",
                                 "Play this session at the length you have: its silences stretch or shrink, the voice "
                                 "does not")
        self.length.activated.connect(self._length_chosen)
        self._original = None  # the session as written, and its own length once known
        self._own_s = None
        self.export_button = accessible(QPushButton("Export..."), "Export", "Export this session to a file (Ctrl+E)")
        self.export_button.clicked.connect(self.export_requested.emit)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.check_in = CheckInBar("How do you feel right now?")
        self.check_in.hide()

        controls = QHBoxLayout()
        for widget in (self.play_button, self.elapsed):
            controls.addWidget(widget)
        controls.addWidget(self.seek, 1)
        controls.addWidget(self.total)
        sound = QHBoxLayout()
        for widget in (self.voice_volume, self.ambient_volume, self.sleep, self.length, self.export_button):
            sound.addWidget(widget)
        split = QSplitter()
        split.addWidget(self.chapters)
        split.addWidget(self.transcript)
        split.setSizes([220, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.voice)
        layout.addWidget(self.check_in)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addLayout(sound)
        layout.addWidget(self.status)
        self.timer = QTimer(self, interval=50, timeout=self.refresh)
        self.timer.start()
        self._set_enabled(False)

    # -- loading and control ----------------------------------------------------------------------
    def open(self, entry, start_s: float = 0.0, at_length: bool = False) -> None:
        """Load `entry`'s session; `at_length` when it is the same session stretched to another length."""
        self.close_player()
        self.entry = entry
        session = entry.session
        if not at_length:
            self._original, self._own_s = session, None
            self.length.clear()
            self.length.addItem("Its own length", None)
        self.title.setText(session.title)
        self.voice.setText(f"Voice: {session.voice.engine} {session.voice.name}, rate {session.voice.rate:g}")
        from app.playback.player import Player  # the audio stack loads after the window shows

        self.player = Player(self.make_backend())
        self.player.load(session, start_s)
        self._started_at_s = start_s
        self._volume("voice", self.voice_volume.slider.value() / 100)
        self._volume("ambient", self.ambient_volume.slider.value() / 100)
        self.chapters.clear()
        self.transcript.clear()
        self._cue_count = self._shown_chapters = 0
        self._reported = False
        self._set_enabled(True)
        self.refresh()

    def listened_s(self) -> float:
        return max(0.0, self.player.position_s - self._started_at_s) if self.player else 0.0

    def playing(self) -> bool:
        return self.player is not None and self.player.state == State.PLAYING

    def toggle(self) -> None:
        if self.player is None:
            return
        if self.player.state in (State.PLAYING, State.BUFFERING):
            self.player.pause()
        else:
            first = self.player.state in (State.LOADING, State.PAUSED) and not self.player._started_output
            try:
                self.player.play()
            except Exception as error:  # no output device: say so, never a silent "playing"
                self.status.setText(f"Cannot play: {error}")
                return
            if first:
                self.play_started.emit()

    def jump(self, seconds: float) -> None:
        if self.player:
            self.player.seek(max(0.0, self.player.position_s + seconds))

    def next_chapter(self) -> None:
        if self.player:
            self.player.next_chapter()

    def previous_chapter(self) -> None:
        if self.player:
            self.player.previous_chapter()

    def close_player(self) -> None:
        """Stop with a short fade (also when the window closes mid-session)."""
        if self.player is None:
            return
        if self.player._started_output and not self._reported:
            self._report(completed=False)
        self.player.stop()
        self.player = None

    def _report(self, completed: bool) -> None:
        """Remember where the listener is and tell the journal, once per opened session."""
        self._reported = True
        position = self.player.position_s
        self.settings.set("state/last_position_s", 0.0 if completed else round(position, 1))
        self.play_finished.emit(max(0.0, position - self._started_at_s), completed)

    # -- view updates -----------------------------------------------------------------------------
    def refresh(self) -> None:
        player = self.player
        if player is None:
            return
        player.backend.process_events()
        timeline = player.timeline
        position = player.position_s
        duration = player.duration_s
        self.elapsed.setText(format_duration(position))
        self.total.setText(format_duration(duration) if duration else "--:--")
        self.play_button.setText("Pause" if player.state in (State.PLAYING, State.BUFFERING) else "Play")
        self.status.setText({State.LOADING: "Preparing the voice...", State.BUFFERING: "Preparing the next words...",
                             State.ERROR: f"Playback stopped: {player.error_message}"}.get(player.state, ""))
        if duration:
            self.seek.setMaximum(int(duration * 1000))
        if not self._dragging:
            self.seek.setValue(int(position * 1000))
        if len(timeline.chapters) != self._shown_chapters and timeline.complete:
            self.chapters.clear()
            for chapter in timeline.chapters:
                item = QListWidgetItem(f"{chapter.title}   {format_duration(chapter.start / timeline.sample_rate)}")
                item.setData(Qt.ItemDataRole.UserRole, chapter.start / timeline.sample_rate)
                self.chapters.addItem(item)
            self._shown_chapters = len(timeline.chapters)
            self.seek.chapter_ms = [round(c.start * 1000 / timeline.sample_rate) for c in timeline.chapters]
        cues = [cue for cue in list(timeline.cues) if cue.kind == "speech"]
        for cue in cues[self._cue_count:]:
            item = QListWidgetItem(cue.text)
            item.setData(Qt.ItemDataRole.UserRole, cue.start)
            self.transcript.addItem(item)
        self._cue_count = len(cues)
        self._highlight(player)
        if player.state == State.ENDED and not self._reported:
            self._report(completed=True)
        if timeline.complete and self._own_s is None and self.entry.session is self._original:
            self._offer_lengths(timeline.seconds)

    def _offer_lengths(self, own_s: float) -> None:
        """Whole minutes from the shortest this session can be up to three times its own length."""
        from app.session.length import LONGEST_FACTOR, scalable_seconds

        self._own_s = own_s
        shortest_s = own_s - scalable_seconds(self._original)
        for minutes in range(max(1, math.ceil(shortest_s / 60)), math.floor(own_s * LONGEST_FACTOR / 60) + 1):
            self.length.addItem(f"{minutes} min", minutes)

    def _length_chosen(self, index: int) -> None:
        from app.session.length import at_length

        minutes = self.length.itemData(index)
        if self._own_s is None or self.entry is None:
            return
        playing = self.playing()
        session = self._original if minutes is None else at_length(self._original, minutes * 60.0, self._own_s)
        self.open(replace(self.entry, session=session), 0.0, at_length=True)
        if playing:
            self.toggle()

    def _highlight(self, player) -> None:
        frame = player.position_frames()
        current = None
        for index in range(self.transcript.count()):
            if self.transcript.item(index).data(Qt.ItemDataRole.UserRole) <= frame:
                current = index
            else:
                break
        if current is not None and current != self.transcript.currentRow():
            self.transcript.setCurrentRow(current)
            self.transcript.scrollToItem(self.transcript.item(current), QListWidget.ScrollHint.PositionAtCenter)
        chapter = player.current_chapter()
        if chapter is not None:
            for index in range(self.chapters.count()):
                item = self.chapters.item(index)
                if item.text().startswith(chapter.title) and self.chapters.currentRow() != index:
                    self.chapters.setCurrentRow(index)

    def _seek_released(self) -> None:
        self._dragging = False
        if self.player:
            self.player.seek(self.seek.value() / 1000)

    def _chapter_clicked(self, item) -> None:
        if self.player:
            self.player.seek(item.data(Qt.ItemDataRole.UserRole))

    def _volume(self, bus: str, gain: float) -> None:
        self.settings.set(f"sound/{bus}_volume", gain)
        if self.player:
            self.player.set_volume(bus, gain)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.seek, self.export_button, self.sleep):
            widget.setEnabled(enabled)

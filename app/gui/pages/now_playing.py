"""Now playing: the sentence being spoken alone in large type (the previous one faded above it), the chapter,
a slim progress bar with chapter marks and the time left, one large round play control; volumes, length,
sleep timer, export and the whole text behind small icon buttons; a focus mode that shows only the words."""

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.kit import glyphs, theme
from app.gui.kit.basics import Note, accessible, icon_button, label
from app.gui.kit.seek_slider import SeekSlider
from app.gui.kit.volume_slider import VolumeSlider
from app.gui.pages.player_popups import form_panel, length_choice, offer_lengths, panel, popup, sleep_choice
from app.gui.pages.whole_text import WholeText
from app.playback.state import State
from app.session.durations import format_duration


class PlayerView(QWidget):
    """The page of a session: it shows the session the owner of what plays has loaded (and asks it to play,
    pause and seek). What follows the end of a practice is the end screen's (app/gui/pages/end_screen.py)."""

    export_requested = Signal()
    focus_requested = Signal(bool)  # focus mode on or off

    def __init__(self, now_playing, settings, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.settings = settings
        self.entry = None  # the session's library entry while a session is loaded
        self._dragging = False
        self._stretching = False  # the same session is being loaded at another length
        self._original = None  # the session as written, and its own length once known
        self._own_s = None
        self.focused = False

        self.title = label("Choose a session in the library", "lead")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chapter = label("", "small")
        self.chapter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous = label("", "previous", wrap=True)
        self.previous.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence = label("", "sentence", wrap=True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setAccessibleName("The words being spoken")
        self.sentence.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.whole_text = WholeText()
        self.whole_text.chapter_clicked.connect(self.now_playing.seek)
        self.whole_text.line_changed.connect(self._show_line)
        self.whole_text.hide()
        self.chapters, self.transcript = self.whole_text.chapters, self.whole_text.transcript

        self.play_button = accessible(QToolButton(), "Play or pause", "Play or pause (Space)")
        self.play_button.setObjectName("round")
        self.play_button.setFixedSize(theme.PLAY_BUTTON_PX, theme.PLAY_BUTTON_PX)
        self.play_button.setIconSize(QSize(32, 32))
        self.play_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.play_button.clicked.connect(self.toggle)
        self._play_glyph = ""
        self.back_button = icon_button("back", "Back 15 seconds", "Back 15 seconds (←)")
        self.forward_button = icon_button("forward", "Forward 15 seconds", "Forward 15 seconds (→)")
        self.previous_button = icon_button("previous", "Previous chapter", "Previous chapter (P)")
        self.next_button = icon_button("next", "Next chapter", "Next chapter (N)")
        self.back_button.clicked.connect(lambda: self.now_playing.jump(-15))
        self.forward_button.clicked.connect(lambda: self.now_playing.jump(15))
        self.previous_button.clicked.connect(self.now_playing.previous_chapter)
        self.next_button.clicked.connect(self.now_playing.next_chapter)
        self.elapsed = label("0:00", "small")
        self.left = label("", "small")
        self.left.setAccessibleName("Time left")
        self.seek = accessible(SeekSlider(), "Position", "Drag to move through the session (← and → jump 15 s)")
        self.seek.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.seek.sliderReleased.connect(self._seek_released)

        self.voice_volume = VolumeSlider("Voice", self.settings.get("sound/voice_volume"))
        self.ambient_volume = VolumeSlider("Ambience", self.settings.get("sound/ambient_volume"))
        self.voice_volume.changed.connect(lambda v: self._volume("voice", v))
        self.ambient_volume.changed.connect(lambda v: self._volume("ambient", v))
        self.sleep = sleep_choice()
        self.sleep.currentIndexChanged.connect(lambda _i: self.now_playing.set_sleep_timer(self.sleep.currentData()))
        self.length = length_choice()
        self.length.activated.connect(self._length_chosen)
        self.volume_button = icon_button("volume", "Volume", "Voice and ambience volume")
        popup(self.volume_button, panel(self.voice_volume, self.ambient_volume))
        self.time_button = icon_button("moon", "Length and sleep timer", "Length and sleep timer")
        popup(self.time_button, form_panel(("Length", self.length), ("Sleep", self.sleep)))
        self.export_button = icon_button("export", "Export", "Export this session to a file (Ctrl+E)")
        self.export_button.clicked.connect(self.export_requested.emit)
        self.text_button = icon_button("text", "Show the whole text", "Show the whole text and the chapters")
        self.text_button.setCheckable(True)
        self.text_button.toggled.connect(self.show_whole_text)
        self.focus_button = icon_button("focus", "Focus mode", "Only the words and the play control (F11; Esc leaves)")
        self.focus_button.clicked.connect(lambda: self.focus_requested.emit(not self.focused))
        self.status = label("", "muted")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.top = QWidget()
        top = QVBoxLayout(self.top)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addWidget(self.chapter)
        self.note = Note(centred=True)  # a gentle word about what was loaded (a program's day ahead)
        top.addWidget(self.note)
        words = QVBoxLayout()
        words.setSpacing(theme.space(2))
        words.addStretch(1)
        words.addWidget(self.previous)
        words.addWidget(self.sentence)
        words.addStretch(1)
        self.words = QWidget()
        self.words.setLayout(words)
        self.progress = QWidget()
        progress = QHBoxLayout(self.progress)
        progress.setContentsMargins(0, 0, 0, 0)
        progress.setSpacing(theme.space(1.5))
        progress.addWidget(self.elapsed)
        progress.addWidget(self.seek, 1)
        progress.addWidget(self.left)
        self.side_left = QWidget()
        left_tools = QHBoxLayout(self.side_left)
        left_tools.setContentsMargins(0, 0, 0, 0)
        for widget in (self.volume_button, self.time_button):
            left_tools.addWidget(widget)
        left_tools.addStretch(1)
        self.side_right = QWidget()
        right_tools = QHBoxLayout(self.side_right)
        right_tools.setContentsMargins(0, 0, 0, 0)
        right_tools.addStretch(1)
        for widget in (self.text_button, self.export_button, self.focus_button):
            right_tools.addWidget(widget)
        self.transport = QWidget()
        transport = QHBoxLayout(self.transport)
        transport.setContentsMargins(0, 0, 0, 0)
        transport.setSpacing(theme.space(1.5))
        for widget in (self.previous_button, self.back_button, self.play_button, self.forward_button, self.next_button):
            transport.addWidget(widget)
        self.controls = QHBoxLayout()
        self.tools = QHBoxLayout()  # in a narrow window the small tools go on a line under the transport
        self._narrow = None
        self.focus_left = label("", "muted")  # time left, shown in focus mode under the play control
        self.focus_left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.focus_left.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.space(5), theme.space(3), theme.space(5), theme.space(3))
        layout.setSpacing(theme.space(2))
        layout.addWidget(self.top)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.whole_text, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(self.controls)
        layout.addLayout(self.tools)
        layout.addWidget(self.focus_left)
        self._arrange_controls(narrow=False)
        self._set_enabled(False)
        self._show_state(playing=False)
        now_playing.loaded.connect(self._loaded)
        now_playing.unloaded.connect(self._unloaded)
        now_playing.ticked.connect(self.refresh)
        now_playing.state_changed.connect(lambda _state: self.refresh())

    def _arrange_controls(self, narrow: bool) -> None:
        """Tools either side of the transport, or (narrow) the transport alone with the tools on a line below."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for layout in (self.controls, self.tools):
            while layout.count():
                layout.takeAt(0)
        if narrow:
            self.controls.addStretch(1)
            self.controls.addWidget(self.transport)
            self.controls.addStretch(1)
            self.tools.addWidget(self.side_left, 1)
            self.tools.addWidget(self.side_right, 1)
        else:
            self.controls.addWidget(self.side_left, 1)
            self.controls.addWidget(self.transport)
            self.controls.addWidget(self.side_right, 1)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        wide_enough = self.transport.sizeHint().width() + self.side_left.sizeHint().width() + \
            self.side_right.sizeHint().width() + theme.space(12)
        self._arrange_controls(narrow=self.width() < wide_enough)

    def minimumSizeHint(self):  # noqa: N802 - the narrow arrangement is the smallest
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self.transport.minimumSizeHint().width() + theme.space(10)))
        return hint

    # -- loading and control ----------------------------------------------------------------------
    @property
    def player(self):
        """The Player of the session shown (None when no session is loaded)."""
        return self.now_playing.player_of("session")

    def open(self, entry, start_s: float = 0.0) -> None:
        """Ask for `entry`'s session to be loaded, paused, from `start_s`."""
        from app.gui.now_playing import Track

        session = entry.session
        self.now_playing.load(Track("session", entry.id, session.title, session, session.length_s, entry=entry), start_s)

    def _loaded(self, track) -> None:
        if track.kind != "session":
            return self._unloaded()
        self.entry = track.entry
        if not self._stretching:
            self._original, self._own_s = track.session, None
            self.length.clear()
            self.length.addItem("Its own length", None)
        self._stretching = False
        self.title.setText(track.title)
        self.note.say("")
        self._volume("voice", self.voice_volume.slider.value() / 100)
        self._volume("ambient", self.ambient_volume.slider.value() / 100)
        self.whole_text.clear()
        self.previous.setText("")
        self.sentence.setText("")
        self._set_enabled(True)
        self.refresh()

    def _unloaded(self) -> None:
        """No session loaded (or breathing or the timer replaced it): the calm empty page."""
        self.entry = None
        self.title.setText("Choose a session in the library")
        for widget in (self.chapter, self.previous, self.sentence, self.status):
            widget.setText("")
        self.whole_text.clear()
        self._set_enabled(False)
        self._show_state(playing=False)

    def playing(self) -> bool:
        return self.player is not None and self.now_playing.playing()

    def play(self) -> bool:
        """Play the loaded session; on a machine with no output, say so here (never a silent "playing")."""
        try:
            self.now_playing.play()
        except Exception as error:  # no output device  # noqa: BLE001
            self.status.setText(f"Cannot play: {error}")
            return False
        return True

    def toggle(self) -> None:
        if self.player is None:
            return
        if self.now_playing.playing() or self.now_playing.state == State.BUFFERING:
            self.now_playing.pause()
        else:
            self.play()

    # -- what is shown ----------------------------------------------------------------------------
    def show_whole_text(self, shown: bool) -> None:
        """The whole script with the current line centred (and the chapters), instead of the sentence alone."""
        self.text_button.setChecked(shown)
        self.whole_text.setVisible(shown and not self.focused)
        self.words.setVisible(not shown or self.focused)
        if shown:
            self.whole_text.centre_current_line()

    def set_focused(self, focused: bool) -> None:
        """Focus mode: only the sentence, the play control and the time left."""
        self.focused = focused
        for widget in (self.top, self.progress, self.side_left, self.side_right, self.previous_button,
                       self.back_button, self.forward_button, self.next_button, self.status):
            widget.setVisible(not focused)
        self.focus_left.setVisible(focused)
        self.show_whole_text(self.text_button.isChecked())

    def _show_state(self, playing: bool) -> None:
        glyph = "pause" if playing else "play"
        if glyph != self._play_glyph:
            self._play_glyph = glyph
            glyphs.show(self.play_button, glyph, "on_accent", 32)
            self.play_button.setAccessibleDescription("Playing" if playing else "Paused")

    def refresh(self) -> None:
        player = self.player
        if player is None:
            return
        timeline = player.timeline
        position = player.position_s
        duration = player.duration_s
        self.elapsed.setText(format_duration(position))
        left = f"-{format_duration(max(0.0, duration - position))}" if duration else "--:--"
        self.left.setText(left)
        self.focus_left.setText(f"{format_duration(max(0.0, duration - position))} left" if duration else "")
        state = self.now_playing.state
        self._show_state(state in (State.PLAYING, State.BUFFERING))
        self.status.setText({State.LOADING: "Preparing the voice...", State.BUFFERING: "Preparing the next words...",
                             State.ERROR: f"Playback stopped: {player.error_message}"}.get(state, ""))
        if duration:
            self.seek.setMaximum(int(duration * 1000))
        if not self._dragging:
            self.seek.setValue(int(position * 1000))
        chapter = self.now_playing.chapter()
        if self.chapter.text() != chapter:
            self.chapter.setText(chapter)
        chapter_ms = self.whole_text.follow(timeline, player.position_frames(), chapter)
        if chapter_ms is not None:
            self.seek.chapter_ms = chapter_ms
            self.seek.update()
        if timeline.complete and self._own_s is None and self.entry.session is self._original:
            self._own_s = timeline.seconds
            offer_lengths(self.length, self._original, self._own_s)

    def _show_line(self, sentence: str, previous: str) -> None:
        self.sentence.setText(sentence)
        self.previous.setText(previous)

    def _length_chosen(self, index: int) -> None:
        from app.session.length import at_length

        minutes = self.length.itemData(index)
        if self._own_s is None or self.entry is None:
            return
        playing = self.playing()
        session = self._original if minutes is None else at_length(self._original, minutes * 60.0, self._own_s)
        self._stretching = True
        self.open(replace(self.entry, session=session), 0.0)
        if playing:
            self.play()

    def _seek_released(self) -> None:
        self._dragging = False
        if self.player:
            self.now_playing.seek(self.seek.value() / 1000)

    def _volume(self, bus: str, gain: float) -> None:
        self.settings.set(f"sound/{bus}_volume", gain)
        if self.player:
            self.now_playing.set_volume(bus, gain)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.seek, self.export_button, self.sleep, self.back_button,
                       self.forward_button, self.previous_button, self.next_button, self.time_button):
            widget.setEnabled(enabled)

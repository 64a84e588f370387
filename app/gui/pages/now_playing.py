"""Now playing: the sentence being spoken alone in large type (the previous one faded above it), the chapter,
a slim progress bar with chapter marks and the time left, one large round play control; volumes, length,
sleep timer, export and the whole text behind small icon buttons; a focus mode that shows only the words."""

import math
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.gui.kit import glyphs, theme
from app.gui.kit.basics import accessible, icon_button, label
from app.gui.kit.choices import CheckInBar
from app.gui.kit.seek_slider import SeekSlider
from app.gui.kit.volume_slider import VolumeSlider
from app.playback.state import State
from app.session.durations import format_duration

SLEEP_CHOICES = (("Sleep timer off", None), ("Sleep in 5 min", 5), ("Sleep in 10 min", 10), ("Sleep in 15 min", 15),
                 ("Sleep in 20 min", 20), ("Sleep in 30 min", 30), ("Sleep in 45 min", 45), ("Sleep in 60 min", 60))


def popup(button: QToolButton, panel: QWidget) -> None:
    """Open `panel` under `button` when it is pressed (volumes, length and sleep timer)."""
    menu = QMenu(button)
    action = QWidgetAction(menu)
    action.setDefaultWidget(panel)
    menu.addAction(action)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)


class PlayerView(QWidget):
    export_requested = Signal()
    play_started = Signal()
    play_finished = Signal(float, bool)  # listened seconds, completed
    focus_requested = Signal(bool)  # focus mode on or off

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
        self.chapters = accessible(QListWidget(), "Chapters", "Click a chapter to jump to it (N and P)")
        self.chapters.itemClicked.connect(self._chapter_clicked)
        self.chapters.setMaximumWidth(theme.space(32))
        self.transcript = accessible(QListWidget(), "Transcript", "What the voice is saying, as it says it")
        self.transcript.setWordWrap(True)
        self.whole_text = QWidget()
        whole = QHBoxLayout(self.whole_text)
        whole.setContentsMargins(0, 0, 0, 0)
        whole.addWidget(self.chapters)
        whole.addWidget(self.transcript, 1)
        self.whole_text.hide()
        self.check_in = CheckInBar("How do you feel now?")
        self.check_in.hide()
        from app.gui.pages.contacts import UrgeOutcome

        self.urge_outcome = UrgeOutcome()  # after the urge practice, instead of the check-in
        self.urge_outcome.hide()

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
        self.back_button.clicked.connect(lambda: self.jump(-15))
        self.forward_button.clicked.connect(lambda: self.jump(15))
        self.previous_button.clicked.connect(self.previous_chapter)
        self.next_button.clicked.connect(self.next_chapter)
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
        self.sleep = accessible(QComboBox(), "Sleep timer", "Fade out and stop after this long")
        for text, minutes in SLEEP_CHOICES:
            self.sleep.addItem(text, minutes)
        self.sleep.currentIndexChanged.connect(lambda _i: self.player and self.player.set_sleep_timer(self.sleep.currentData()))
        self.length = accessible(QComboBox(), "Length",
                                 "Play this session at the length you have: its silences stretch or shrink, the voice "
                                 "does not")
        self.length.activated.connect(self._length_chosen)
        self.volume_button = icon_button("volume", "Volume", "Voice and ambience volume")
        popup(self.volume_button, self._panel(self.voice_volume, self.ambient_volume))
        self.time_button = icon_button("moon", "Length and sleep timer", "Length and sleep timer")
        time_panel = QWidget()
        form = QFormLayout(time_panel)
        form.setContentsMargins(theme.space(2), theme.space(2), theme.space(2), theme.space(2))
        form.addRow("Length", self.length)
        form.addRow("Sleep", self.sleep)
        popup(self.time_button, time_panel)
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
        layout.addWidget(self.check_in)
        layout.addWidget(self.urge_outcome)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(self.controls)
        layout.addLayout(self.tools)
        layout.addWidget(self.focus_left)
        self._arrange_controls(narrow=False)
        self.timer = QTimer(self, interval=50, timeout=self.refresh)
        self.timer.start()
        self._set_enabled(False)
        self._show_state(playing=False)

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

    def _panel(self, *widgets) -> QFrame:
        panel = QFrame()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(theme.space(2), theme.space(2), theme.space(2), theme.space(2))
        layout.setSpacing(theme.space(1.5))
        for widget in widgets:
            layout.addWidget(widget)
        return panel

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
        from app.playback.player import Player  # the audio stack loads after the window shows

        self.player = Player(self.make_backend())
        self.player.load(session, start_s)
        self._started_at_s = start_s
        self._volume("voice", self.voice_volume.slider.value() / 100)
        self._volume("ambient", self.ambient_volume.slider.value() / 100)
        self.chapters.clear()
        self.transcript.clear()
        self.previous.setText("")
        self.sentence.setText("")
        self.check_in.hide()
        self.urge_outcome.hide()
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

    # -- what is shown ----------------------------------------------------------------------------
    def show_whole_text(self, shown: bool) -> None:
        """The whole script with the current line centred (and the chapters), instead of the sentence alone."""
        self.text_button.setChecked(shown)
        self.whole_text.setVisible(shown and not self.focused)
        self.words.setVisible(not shown or self.focused)
        if shown:
            self._centre_current_line()

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
        player.backend.process_events()
        timeline = player.timeline
        position = player.position_s
        duration = player.duration_s
        self.elapsed.setText(format_duration(position))
        left = f"-{format_duration(max(0.0, duration - position))}" if duration else "--:--"
        self.left.setText(left)
        self.focus_left.setText(f"{format_duration(max(0.0, duration - position))} left" if duration else "")
        self._show_state(player.state in (State.PLAYING, State.BUFFERING))
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
            self.seek.update()
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
            self._centre_current_line()
            self.sentence.setText(self.transcript.item(current).text())
            self.previous.setText(self.transcript.item(current - 1).text() if current else "")
        chapter = player.current_chapter()
        if chapter is not None and self.chapter.text() != chapter.title:
            self.chapter.setText(chapter.title)
            for index in range(self.chapters.count()):
                if self.chapters.item(index).text().startswith(chapter.title):
                    self.chapters.setCurrentRow(index)

    def _centre_current_line(self) -> None:
        item = self.transcript.currentItem()
        if item is not None:
            self.transcript.scrollToItem(item, QListWidget.ScrollHint.PositionAtCenter)

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
        for widget in (self.play_button, self.seek, self.export_button, self.sleep, self.back_button,
                       self.forward_button, self.previous_button, self.next_button, self.time_button):
            widget.setEnabled(enabled)

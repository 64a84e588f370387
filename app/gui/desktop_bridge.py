"""The app as a desktop audio player: MPRIS (media keys, the shell's controls) and no suspend mid-practice.

A subscriber of the owner of what plays: each state change, chapter change, seek or new track becomes a
`Snapshot` for the MPRIS service (its Position runs on from the snapshot's clock; no timer), a seek is
announced as Seeked, and a suspend-only inhibitor is held exactly while something plays (a practice, or the
Sounds mix, alone or under a paused practice). With no practice loaded, the Sounds mix is the player shown.
Commands from the bus arrive on the bus thread and are queued to this one.
"""

import hashlib
import sys
import time

from PySide6.QtCore import QObject, Qt, Signal

from app.folders import cache_dir
from app.gui.now_playing import NowPlaying
from app.playback.state import State


class DesktopBridge(QObject):
    command = Signal(str, object)

    def __init__(self, now_playing: NowPlaying, bring_back, quit_app, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.bring_back = bring_back
        self.quit_app = quit_app
        self.service = None
        self.inhibitor = None
        self.stopped = False  # after MPRIS Stop, until Play
        self._art_urls: dict[str, str] = {}  # title -> file:// URL of its artwork, written once
        self.command.connect(self._do, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Connect to the session bus (after the window shows); without one, the app simply has no MPRIS."""
        from app.desktop.inhibit import SleepInhibitor
        from app.desktop.mpris import BusThread, MprisService, session_bus_available

        if not session_bus_available():
            return
        try:
            bus = BusThread()
            bus.start()
            self.service = MprisService(bus, self.command.emit)
            self.service.start()
            self.inhibitor = SleepInhibitor(bus)
        except Exception as error:  # no bus, or another Stillpoint holds the name  # noqa: BLE001
            print(f"stillpoint: no media controls ({error})", file=sys.stderr)
            self.service = None
            return
        owner = self.now_playing
        for signal in (owner.loaded, owner.unloaded, owner.state_changed, owner.chapter_changed, owner.sounds.changed):
            signal.connect(self.publish)
        owner.seeked.connect(lambda _seconds: self.publish(jumped=True))
        self.publish()

    def close(self) -> None:
        if self.inhibitor is not None:
            self.inhibitor.release()
        if self.service is not None:
            self.service.bus.stop()
            self.service = None

    # -- what plays -------------------------------------------------------------------------------
    def snapshot(self):
        from app.desktop.mpris import Snapshot, track_id

        owner = self.now_playing
        track = owner.track
        if track is None:
            return self._sounds_snapshot()
        state = owner.state
        if state in (State.PLAYING, State.BUFFERING):
            self.stopped = False  # played again, from anywhere
        status = "Playing" if state in (State.PLAYING, State.BUFFERING) else "Stopped" if self.stopped or state in (
            State.ENDED, State.STOPPED, State.ERROR) else "Paused"
        has_chapters = bool(owner.player.chapters())
        return Snapshot(status, track.title, owner.chapter(), track_id(track.kind, track.item_id),
                        round(owner.length_s() * 1e6), round(owner.position_s() * 1e6), self._art_url(track.title),
                        owner.has_later_chapter(), has_chapters, True, True, state == State.PLAYING, time.monotonic())

    def _sounds_snapshot(self):
        """The Sounds mix alone: a player like the others, titled "Sounds", with no length, chapters or seeking."""
        from app.desktop.mpris import Snapshot, track_id

        sounds = self.now_playing.sounds
        if not sounds.loaded():
            return Snapshot()
        playing = sounds.playing()
        if playing:
            self.stopped = False
        status = "Playing" if playing else "Stopped" if self.stopped else "Paused"
        return Snapshot(status, "Sounds", ", ".join(sounds.audible()), track_id("sounds", "mix"), 0,
                        round(sounds.position_s() * 1e6), self._art_url("Sounds"), False, False, False, True,
                        playing, time.monotonic())

    def publish(self, *_args, jumped: bool = False) -> None:
        now = self.snapshot()
        if self.service is not None:
            self.service.update(now, jumped)
        if self.inhibitor is not None and (now.status == "Playing" or self.now_playing.sounds.playing()):
            self.inhibitor.hold()
        elif self.inhibitor is not None:
            self.inhibitor.release()

    def _art_url(self, title: str) -> str:
        """The artwork as a PNG in the cache (written once), as a file:// URL."""
        if title in self._art_urls:
            return self._art_urls[title]
        path = cache_dir() / "art" / f"{hashlib.sha256(title.encode()).hexdigest()[:16]}.png"
        if not path.exists():
            from app.export.cover import cover_png

            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(cover_png(title))
        self._art_urls[title] = path.as_uri()
        return self._art_urls[title]

    # -- what the desktop asks --------------------------------------------------------------------
    def _do(self, name: str, argument) -> None:
        owner = self.now_playing
        if name == "raise":
            self.bring_back()
        elif name == "quit":
            self.quit_app()
        elif owner.track is None:
            self._do_for_sounds(name)
        elif name in ("play-pause", "play", "pause"):
            playing = owner.state in (State.PLAYING, State.BUFFERING)
            if name == "play-pause" or (name == "play") != playing:
                self.stopped = False
                self._quietly(owner.toggle)
        elif name == "stop":
            if owner.state in (State.PLAYING, State.BUFFERING):
                owner.pause()
            self.stopped = True
            owner.seek(0.0)
        elif name == "next":
            owner.next_chapter()
        elif name == "previous":
            owner.previous_chapter()
        elif name == "seek-to":
            owner.seek(argument / 1e6)

    def _do_for_sounds(self, name: str) -> None:
        """With no practice loaded, play and pause are the Sounds mix's (it has no chapters and no seeking)."""
        sounds = self.now_playing.sounds
        if not sounds.loaded() or name not in ("play-pause", "play", "pause", "stop"):
            return
        if name == "stop":
            sounds.pause()
            self.stopped = True
            self.publish()
        elif name == "play-pause" or (name == "play") != sounds.playing():
            self.stopped = False
            self._quietly(sounds.toggle)

    def _quietly(self, action) -> None:
        try:
            action()
        except Exception as error:  # no output device: the window shows it when asked there  # noqa: BLE001
            print(f"stillpoint: cannot play: {error}", file=sys.stderr)

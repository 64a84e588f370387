"""The window as a desktop audio player: MPRIS (media keys, the shell's controls) and no suspend mid-session.

Every quarter second (and at once after a command) the window's state becomes a `NowPlaying` snapshot for
the MPRIS service; a jump in position is announced as Seeked. While anything plays, a suspend-only
inhibitor is held. Commands from the bus arrive on the bus thread and are queued to the window's thread.
"""

import hashlib
import sys
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.folders import cache_dir
from app.playback.state import State

JUMP_S = 1.0  # a position this far from where the clock says it should be is a seek


class DesktopBridge(QObject):
    command = Signal(str, object)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.service = None
        self.inhibitor = None
        self.stopped = False  # after MPRIS Stop, until Play
        self._expected = None  # (position_s, monotonic time) of the last snapshot, to tell a jump
        self._art_urls: dict[str, str] = {}  # title -> file:// URL of its artwork, written once
        self.command.connect(self._do, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self, interval=250, timeout=self.publish)

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
        self.timer.start()
        self.publish()

    def close(self) -> None:
        self.timer.stop()
        if self.inhibitor is not None:
            self.inhibitor.release()
        if self.service is not None:
            self.service.bus.stop()
            self.service = None

    # -- what plays -------------------------------------------------------------------------------
    def _current(self):
        """(kind, item id, title, Player, stated length in seconds or None) of what the window plays: breathing
        or the timer while they run, else the session in the player (None when nothing is loaded)."""
        w = self.window
        if w.breathing.player is not None:
            return ("breathing", w.breathing.pattern.currentData()[0], w.breathing.player.timeline.title,
                    w.breathing.player, None)
        if w.timer.player is not None:
            plan = w.timer.plan
            return "timer", "timer", w.timer.player.timeline.title, w.timer.player, plan.warm_up_s + plan.length_s
        if w.player.player is not None:
            session = w.player.entry.session
            return "session", w.player.entry.id, session.title, w.player.player, session.length_s
        return None

    def publish(self) -> None:
        from app.desktop.mpris import NowPlaying, track_id

        current = self._current()
        if current is None:
            now = NowPlaying()
        else:
            kind, item, title, player, stated_s = current
            state = player.state
            playing = state in (State.PLAYING, State.BUFFERING)
            status = "Playing" if playing else "Stopped" if self.stopped or state in (
                State.ENDED, State.STOPPED, State.ERROR) else "Paused"
            chapters = player.chapters()
            chapter = player.current_chapter()
            position = player.position_s
            later = [c for c in chapters if chapter is not None and c.start > chapter.start]
            length_s = player.duration_s or stated_s or 0  # the stated length until the real one is known
            now = NowPlaying(status, title, chapter.title if chapter else "", track_id(kind, item),
                             round(length_s * 1e6), round(position * 1e6), self._art_url(title),
                             bool(later), bool(chapters), True, True)
        jumped = self._jumped(now)
        if self.service is not None:
            self.service.update(now, jumped)
        if self.inhibitor is not None and now.status == "Playing":
            self.inhibitor.hold()
        elif self.inhibitor is not None:
            self.inhibitor.release()

    def _jumped(self, now) -> bool:
        position, clock = now.position_us / 1e6, time.monotonic()
        expected, self._expected = self._expected, (position, clock, now.status, now.track_id)
        if expected is None or expected[3] != now.track_id or now.status == "Stopped":
            return False
        drift = position - expected[0] - ((clock - expected[1]) if expected[2] == "Playing" else 0.0)
        return abs(drift) > JUMP_S

    def _art_url(self, title: str) -> str:
        """The session's artwork as a PNG in the cache (written once), as a file:// URL."""
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
        w = self.window
        current = self._current()
        player = current[3] if current else None
        if name == "raise":
            w.bring_back()
        elif name == "quit":
            w.quit()
        elif player is None:
            return
        elif name in ("play-pause", "play", "pause"):
            playing = player.state in (State.PLAYING, State.BUFFERING)
            if name == "play-pause" or (name == "play") != playing:
                self.stopped = False
                self._toggle(current[0])
        elif name == "stop":
            if player.state in (State.PLAYING, State.BUFFERING):
                self._toggle(current[0])
            player.seek(0.0)
            self.stopped = True
        elif name == "next":
            player.next_chapter()
        elif name == "previous":
            player.previous_chapter()
        elif name == "seek-to":
            player.seek(argument / 1e6)
        QTimer.singleShot(150, self.publish)

    def _toggle(self, kind: str) -> None:
        w = self.window
        {"breathing": w.breathing.start_or_pause, "timer": w.timer.start_or_pause, "session": w.player.toggle}[kind]()

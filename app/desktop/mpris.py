"""MPRIS2 on the session bus: the desktop's media keys and shell controls drive the player.

Through dbus-fast rather than QtDBus: PySide6's QDBusArgument can only append a value as the variant Python
gives it (an int that fits 32 bits goes out as 'i', never the 'x' MPRIS asks for mpris:length and Position),
and it cannot write a typed empty array ('as' for PropertiesChanged); dbus-fast writes every signature as
declared. The bus runs its own asyncio loop in a daemon thread. The app pushes a `Snapshot` whenever something
changes (a state, a chapter, a seek); the Position property is worked out from the snapshot's position and
clock, so nothing is pushed while the position simply runs on. Method calls come back through
`on_command(name, argument)`, which the app turns into a call on its own thread. No Qt here.
"""

import asyncio
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from dbus_fast import BusType, DBusError, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusBool, DBusDict, DBusDouble, DBusInt64, DBusObjectPath, DBusSignature, DBusStr
from dbus_fast.service import PropertyAccess, ServiceInterface, dbus_property, method, signal

DBusStrings = Annotated[list[str], DBusSignature("as")]
BUS_NAME = "org.mpris.MediaPlayer2.stillpoint"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"


@dataclass(frozen=True)
class Snapshot:
    """What the desktop is told: times in microseconds, status Playing, Paused or Stopped; while `moving`, the
    position runs on from `position_us` at the monotonic `clock_s` it was taken at."""

    status: str = "Stopped"
    title: str = ""
    chapter: str = ""
    track_id: str = NO_TRACK
    length_us: int = 0
    position_us: int = 0
    art_url: str = ""
    can_go_next: bool = False
    can_go_previous: bool = False
    can_seek: bool = False
    loaded: bool = False
    moving: bool = False
    clock_s: float = 0.0

    def position_now_us(self, now_s: float | None = None) -> int:
        if not self.moving:
            return self.position_us
        ran_us = round(((time.monotonic() if now_s is None else now_s) - self.clock_s) * 1e6)
        return max(0, min(self.position_us + ran_us, self.length_us or self.position_us + ran_us))

    def metadata(self) -> dict[str, Variant]:
        if not self.loaded:
            return {"mpris:trackid": Variant("o", NO_TRACK)}
        data = {"mpris:trackid": Variant("o", self.track_id), "mpris:length": Variant("x", self.length_us),
                "xesam:title": Variant("s", self.title), "xesam:artist": Variant("as", ["Stillpoint"]),
                "xesam:album": Variant("s", self.chapter)}
        if self.art_url:
            data["mpris:artUrl"] = Variant("s", self.art_url)
        return data


def track_id(kind: str, item_id: str) -> str:
    """An object path naming what plays (letters, digits and underscores only)."""
    safe = "".join(c if c.isalnum() else "_" for c in item_id) or "_"
    return f"/org/stillpoint/{kind}/{safe}"


class _Root(ServiceInterface):
    def __init__(self, service):
        super().__init__("org.mpris.MediaPlayer2")
        self.service = service

    @method(name="Raise")
    def raise_(self):
        self.service.command("raise")

    @method(name="Quit")
    def quit(self):
        self.service.command("quit")

    @dbus_property(PropertyAccess.READ, name="CanQuit")
    def can_quit(self) -> DBusBool:
        return True

    @dbus_property(PropertyAccess.READ, name="CanRaise")
    def can_raise(self) -> DBusBool:
        return True

    @dbus_property(PropertyAccess.READ, name="HasTrackList")
    def has_track_list(self) -> DBusBool:
        return False

    @dbus_property(PropertyAccess.READ, name="Identity")
    def identity(self) -> DBusStr:
        return "Stillpoint"

    @dbus_property(PropertyAccess.READ, name="DesktopEntry")
    def desktop_entry(self) -> DBusStr:
        return "stillpoint"

    @dbus_property(PropertyAccess.READ, name="SupportedUriSchemes")
    def uri_schemes(self) -> DBusStrings:
        return []

    @dbus_property(PropertyAccess.READ, name="SupportedMimeTypes")
    def mime_types(self) -> DBusStrings:
        return []


class _Player(ServiceInterface):
    def __init__(self, service):
        super().__init__("org.mpris.MediaPlayer2.Player")
        self.service = service

    def _now(self) -> Snapshot:
        return self.service.now

    @method(name="Next")
    def next(self):
        self.service.command("next")

    @method(name="Previous")
    def previous(self):
        self.service.command("previous")

    @method(name="Pause")
    def pause(self):
        self.service.command("pause")

    @method(name="PlayPause")
    def play_pause(self):
        self.service.command("play-pause")

    @method(name="Stop")
    def stop(self):
        self.service.command("stop")

    @method(name="Play")
    def play(self):
        self.service.command("play")

    @method(name="Seek")
    def seek(self, offset_us: DBusInt64):
        self.service.command("seek-to", max(0, self._now().position_now_us() + offset_us))

    @method(name="SetPosition")
    def set_position(self, track: DBusObjectPath, position_us: DBusInt64):
        now = self._now()
        if track == now.track_id and 0 <= position_us <= now.length_us:  # else ignored, as the spec asks
            self.service.command("seek-to", position_us)

    @method(name="OpenUri")
    def open_uri(self, uri: DBusStr):
        raise DBusError("org.mpris.MediaPlayer2.Player.Error", "Stillpoint opens sessions from its library")

    @signal(name="Seeked")
    def seeked(self, position_us) -> DBusInt64:
        return position_us

    @dbus_property(PropertyAccess.READ, name="PlaybackStatus")
    def playback_status(self) -> DBusStr:
        return self._now().status

    @dbus_property(PropertyAccess.READ, name="Metadata")
    def metadata(self) -> DBusDict:
        return self._now().metadata()

    @dbus_property(PropertyAccess.READ, name="Position")
    def position(self) -> DBusInt64:
        return self._now().position_now_us()

    @dbus_property(name="Rate")
    def rate(self) -> DBusDouble:
        return 1.0

    @rate.setter
    def rate(self, value: DBusDouble):
        pass  # a guided session has one pace

    @dbus_property(name="Volume")
    def volume(self) -> DBusDouble:
        return 1.0

    @volume.setter
    def volume(self, value: DBusDouble):
        pass  # the voice and the ambience have their own volumes in the app

    @dbus_property(PropertyAccess.READ, name="MinimumRate")
    def minimum_rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(PropertyAccess.READ, name="MaximumRate")
    def maximum_rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(PropertyAccess.READ, name="CanGoNext")
    def can_go_next(self) -> DBusBool:
        return self._now().can_go_next

    @dbus_property(PropertyAccess.READ, name="CanGoPrevious")
    def can_go_previous(self) -> DBusBool:
        return self._now().can_go_previous

    @dbus_property(PropertyAccess.READ, name="CanPlay")
    def can_play(self) -> DBusBool:
        return self._now().loaded

    @dbus_property(PropertyAccess.READ, name="CanPause")
    def can_pause(self) -> DBusBool:
        return self._now().loaded

    @dbus_property(PropertyAccess.READ, name="CanSeek")
    def can_seek(self) -> DBusBool:
        return self._now().can_seek

    @dbus_property(PropertyAccess.READ, name="CanControl")
    def can_control(self) -> DBusBool:
        return True


# the Player properties a new Snapshot may change (Position is polled by clients: never signalled)
_SIGNALLED = {"PlaybackStatus": lambda n: n.status, "Metadata": Snapshot.metadata,
              "CanGoNext": lambda n: n.can_go_next, "CanGoPrevious": lambda n: n.can_go_previous,
              "CanPlay": lambda n: n.loaded, "CanPause": lambda n: n.loaded, "CanSeek": lambda n: n.can_seek}


@dataclass
class BusThread:
    """An asyncio loop in a daemon thread, connected to the session bus (and the system bus when asked)."""

    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    session: MessageBus | None = None

    def start(self) -> None:
        threading.Thread(target=self.loop.run_forever, name="d-bus", daemon=True).start()
        self.session = self.run(self.connect(BusType.SESSION))

    @staticmethod
    async def connect(bus_type: BusType) -> MessageBus:
        """A bus connection made on the loop (dbus-fast binds it to the loop it is created on)."""
        return await MessageBus(bus_type=bus_type, negotiate_unix_fd=bus_type == BusType.SYSTEM).connect()

    def run(self, coroutine, timeout_s: float = 5.0):
        """Run `coroutine` on the bus loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout_s)

    def soon(self, function, *args) -> None:
        self.loop.call_soon_threadsafe(function, *args)

    def stop(self) -> None:
        if self.session is not None:
            self.soon(self.session.disconnect)
        self.loop.call_soon_threadsafe(self.loop.stop)


class MprisService:
    """org.mpris.MediaPlayer2.stillpoint on the session bus, driven by snapshots from the window."""

    def __init__(self, bus: BusThread, on_command: Callable[[str, object], None]):
        self.bus = bus
        self.on_command = on_command
        self.now = Snapshot()
        self.root = _Root(self)
        self.player = _Player(self)

    def start(self) -> None:
        async def export():
            self.bus.session.export(OBJECT_PATH, self.root)
            self.bus.session.export(OBJECT_PATH, self.player)
            await self.bus.session.request_name(BUS_NAME)

        self.bus.run(export())

    def command(self, name: str, argument=None) -> None:
        self.on_command(name, argument)

    def update(self, now: Snapshot, jumped: bool = False) -> None:
        """Take a new snapshot (from any thread); changed properties are signalled, a jump is `Seeked`."""
        self.bus.soon(self._update, now, jumped)

    def _update(self, now: Snapshot, jumped: bool) -> None:
        before, self.now = self.now, now
        changed = {name: read(now) for name, read in _SIGNALLED.items() if read(now) != read(before)}
        if changed:
            self.player.emit_properties_changed(changed)
        if jumped:
            self.player.seeked(now.position_us)


def session_bus_available() -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) or os.path.exists(os.path.join(runtime, "bus"))

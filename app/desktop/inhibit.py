"""No suspend while a session plays, but the screen may go dark: a suspend-only inhibitor.

GNOME's session manager (Inhibit with flag 4, suspend) on the session bus where it exists, else logind's
Inhibit with what=sleep on the system bus (held as the file descriptor it returns). Not the ScreenSaver
inhibitor: it keeps the screen on, and a sleep session wants it dark. With neither service, nothing happens.
"""

import contextlib
import os

from dbus_fast import BusType, DBusError, Message, MessageType

SUSPEND = 4  # GNOME's inhibit flag for suspending the session
REASON = "A meditation is playing"


class SleepInhibitor:
    def __init__(self, bus):
        self.bus = bus  # a BusThread
        self.cookie: int | None = None
        self.fd: int | None = None
        self.system = None
        self.unavailable = False  # neither service answered: not asked again

    @property
    def held(self) -> bool:
        return self.cookie is not None or self.fd is not None

    def hold(self) -> None:
        if self.held or self.unavailable:
            return
        try:
            reply = self.bus.run(self._call(self.bus.session, "org.gnome.SessionManager", "/org/gnome/SessionManager",
                                            "org.gnome.SessionManager", "Inhibit", "susu",
                                            ["stillpoint", 0, REASON, SUSPEND]))
            self.cookie = int(reply.body[0])
            return
        except (DBusError, OSError, TimeoutError):
            pass
        try:
            if self.system is None:
                self.system = self.bus.run(self.bus.connect(BusType.SYSTEM))
            reply = self.bus.run(self._call(self.system, "org.freedesktop.login1", "/org/freedesktop/login1",
                                            "org.freedesktop.login1.Manager", "Inhibit", "ssss",
                                            ["sleep", "Stillpoint", REASON, "block"]))
            self.fd = reply.unix_fds[reply.body[0]]
        except Exception:  # no logind (a container, another init): play on without it  # noqa: BLE001
            self.fd = None
            self.unavailable = True

    def release(self) -> None:
        if self.cookie is not None:
            cookie, self.cookie = self.cookie, None
            with contextlib.suppress(DBusError, OSError, TimeoutError):  # if it went away, nothing is held any more
                self.bus.run(self._call(self.bus.session, "org.gnome.SessionManager", "/org/gnome/SessionManager",
                                        "org.gnome.SessionManager", "Uninhibit", "u", [cookie]))
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)  # logind lets go when the descriptor closes

    @staticmethod
    async def _call(bus, destination, path, interface, member, signature, body):
        reply = await bus.call(Message(destination=destination, path=path, interface=interface, member=member,
                                       signature=signature, body=body))
        if reply.message_type == MessageType.ERROR:
            raise DBusError(reply.error_name, str(reply.body[0]) if reply.body else "")
        return reply

"""A small real D-Bus service named org.gnome.SessionManager that writes each Inhibit/Uninhibit call as a
JSON line to the file given as its argument (run as its own process on the test's session bus)."""

import asyncio
import json
import sys

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusStr, DBusUInt32
from dbus_fast.service import ServiceInterface, method


class SessionManager(ServiceInterface):
    def __init__(self, log_path: str):
        super().__init__("org.gnome.SessionManager")
        self.log_path = log_path
        self.cookie = 0

    def _log(self, **call) -> None:
        with open(self.log_path, "a") as log:
            log.write(json.dumps(call) + "\n")

    @method(name="Inhibit")
    def inhibit(self, app_id: DBusStr, toplevel_xid: DBusUInt32, reason: DBusStr, flags: DBusUInt32) -> DBusUInt32:
        self.cookie += 1
        self._log(call="Inhibit", app_id=app_id, reason=reason, flags=flags, cookie=self.cookie)
        return self.cookie

    @method(name="Uninhibit")
    def uninhibit(self, cookie: DBusUInt32):
        self._log(call="Uninhibit", cookie=cookie)


async def main(log_path: str) -> None:
    bus = await MessageBus().connect()
    bus.export("/org/gnome/SessionManager", SessionManager(log_path))
    await bus.request_name("org.gnome.SessionManager")
    print("ready", flush=True)
    await bus.wait_for_disconnect()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))

"""A real notification daemon for tests: Debian's dunst, under its own Xvfb, on the test run's session bus, with a
context menu that picks "Later" (its dmenu is a small script); `dunstctl` drives it as a person would."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import need

MENU = "#!/bin/sh\ntee \"$(dirname \"$0\")/menu-offered\" | grep -i -m1 later\n"


class NotificationDaemon:
    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        need(shutil.which("dunst") is not None and shutil.which("xvfb-run") is not None,
             "dunst and xvfb-run are not installed (scripts/system-deps.sh test installs them)")
        need(bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")), "no D-Bus session bus for the test run")
        menu = self.folder / "menu.sh"
        menu.write_text(MENU)
        menu.chmod(0o755)
        config = self.folder / "dunstrc"
        config.write_text(f"[global]\n    dmenu = {menu}\n" + "".join(
            f"[urgency_{level}]\n    timeout = 0\n" for level in ("low", "normal", "critical")))
        self.process = subprocess.Popen(["xvfb-run", "-a", "dunst", "-config", str(config)], start_new_session=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_for(lambda: self.ctl("is-paused").returncode == 0, 20, "dunst to take the bus name")
        return self

    def __exit__(self, *_exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(10)

    def ctl(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["dunstctl", *args], capture_output=True, text=True, timeout=10)

    def displayed(self) -> int:
        answer = self.ctl("count", "displayed")
        return int(answer.stdout.strip() or 0) if answer.returncode == 0 else 0

    def offered(self) -> str:
        """What the context menu was offered (one line per action)."""
        path = self.folder / "menu-offered"
        return path.read_text() if path.exists() else ""

    @staticmethod
    def wait_for(condition, seconds: float, what: str) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {seconds:g} s for {what}")
            time.sleep(0.05)

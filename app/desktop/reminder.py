"""A daily reminder with no resident process: a systemd user timer (`Persistent=true`, so a reminder missed while
the computer was off or asleep comes at the next login) starts a short-lived notifier (app/desktop/notifier.py),
which shows one notification and exits once it is answered or closed. "Later" starts a second timer that fires the
same notifier an hour on.

Installing checks first that there is a systemd user instance and a notification service, and changes nothing
without them; a step that fails later takes back what was written. No Qt here.
"""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from app.failures import BadInput, Failure

SERVICE = "stillpoint-reminder.service"
TIMER = "stillpoint-reminder.timer"
LATER_TIMER = "stillpoint-reminder-later.timer"
UNITS = (SERVICE, TIMER, LATER_TIMER)
LATER_S = 3600
LONGEST_NOTIFIER_S = 3600  # a notifier nobody answers (and whose notification never closes) ends after this
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SYSTEMD_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class Schedule:
    hour: int
    minute: int
    days: tuple[int, ...]  # 0 = Monday

    @property
    def on_calendar(self) -> str:
        return f"{_systemd_days(self.days)}*-*-* {self.hour:02d}:{self.minute:02d}:00".lstrip()

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}, {days_text(self.days)}"


def parse_schedule(time_text: str, days_text_: str = "daily") -> Schedule:
    """`08:00` and `mon-fri` (or `daily`, `weekdays`, `weekends`, `mon,wed,fri`, `sat-sun`) as a Schedule; BadInput
    naming what is wrong otherwise."""
    match = TIME.fullmatch(time_text.strip())
    if not match:
        raise BadInput(f"{time_text!r} is not a time of day; write it as HH:MM on the 24-hour clock, e.g. 08:00 or "
                       "19:30")
    return Schedule(int(match[1]), int(match[2]), parse_days(days_text_))


def parse_days(text: str) -> tuple[int, ...]:
    words = {"daily": "mon-sun", "every-day": "mon-sun", "weekdays": "mon-fri", "weekends": "sat-sun"}
    text = words.get(text.strip().lower(), text.strip().lower())
    days: set[int] = set()
    for part in filter(None, text.split(",")):
        ends = part.split("-")
        if len(ends) > 2 or any(end not in DAY_NAMES for end in ends):
            raise BadInput(f"--days {text!r} is not a set of days; write e.g. mon-fri, sat,sun, mon,wed,fri or daily")
        first, last = DAY_NAMES.index(ends[0]), DAY_NAMES.index(ends[-1])
        days.update(range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)])
    if not days:
        raise BadInput("--days names no day; write e.g. mon-fri or daily")
    return tuple(sorted(days))


def days_text(days: tuple[int, ...]) -> str:
    if len(days) == 7:
        return "every day"
    if days == (0, 1, 2, 3, 4):
        return "Monday to Friday"
    if days == (5, 6):
        return "at weekends"
    return "on " + ", ".join(SYSTEMD_DAYS[d] for d in days)


def _systemd_days(days: tuple[int, ...]) -> str:
    """(0, 1, 2, 3, 4) -> "Mon..Fri " (the day part of OnCalendar); every day -> ""."""
    if len(days) == 7:
        return ""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][1] == day - 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return ",".join(SYSTEMD_DAYS[a] if a == b else f"{SYSTEMD_DAYS[a]}..{SYSTEMD_DAYS[b]}" for a, b in runs) + " "


def units_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def notifier_command() -> list[str]:
    """How the timer starts the notifier: this Python and this Stillpoint, so the one installed is the one run."""
    return [sys.executable, "-m", "app", "remind", "notify"]


def _quoted(word: str) -> str:
    """One word of an ExecStart line, quoted as systemd reads it (and with % escaped from its specifiers)."""
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


def unit_texts(schedule: Schedule) -> dict[str, str]:
    environment = ""
    for name in ("STILLPOINT_DATA_DIR", "STILLPOINT_CACHE_DIR"):  # a folder chosen for Stillpoint stays chosen
        if os.environ.get(name):
            environment += f"Environment={_quoted(f'{name}={os.environ[name]}')}\n"
    return {
        SERVICE: ("[Unit]\nDescription=Stillpoint's reminder to practise: one notification, then it exits\n\n"
                  "[Service]\nType=exec\n"
                  f"ExecStart={' '.join(_quoted(word) for word in notifier_command())}\n"
                  f"WorkingDirectory=~\n{environment}"
                  f"RuntimeMaxSec={LONGEST_NOTIFIER_S + 60}\n"),
        TIMER: ("[Unit]\nDescription=Stillpoint's daily reminder to practise\n\n"
                f"[Timer]\nOnCalendar={schedule.on_calendar}\nPersistent=true\nAccuracySec=1min\nUnit={SERVICE}\n\n"
                "[Install]\nWantedBy=timers.target\n"),
        LATER_TIMER: ("[Unit]\nDescription=Stillpoint's reminder, an hour later (started by its Later button)\n\n"
                      f"[Timer]\nOnActiveSec={LATER_S}\nAccuracySec=1min\nUnit={SERVICE}\nRemainAfterElapse=no\n"),
    }


def _systemctl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["systemctl", "--user", *args], capture_output=True, text=True, timeout=30)


def user_instance_problem() -> str | None:
    """Why the reminder cannot be installed for lack of systemd (its own words), else None."""
    if shutil.which("systemctl") is None:
        return "this system has no systemd (systemctl was not found), which the reminder needs to wake it each day"
    try:
        answer = _systemctl("show-environment")
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"systemd's user instance did not answer ({error})"
    if answer.returncode != 0:
        said = (answer.stderr or answer.stdout).strip().splitlines()
        return ("no systemd user instance is running for this account (systemctl --user: "
                f"{said[0] if said else 'exit ' + str(answer.returncode)}); it is what wakes the reminder each day")
    return None


def notification_service_problem() -> str | None:
    """Why no notification could be shown on this session's bus, else None."""
    import asyncio

    async def ask() -> str | None:
        from dbus_fast.aio import MessageBus

        try:
            bus = await MessageBus().connect()
        except Exception as error:  # no session bus at all  # noqa: BLE001
            return f"there is no D-Bus session bus to reach a notification service on ({error})"
        try:
            reply = await _call_bus(bus, "NameHasOwner", "s", ["org.freedesktop.Notifications"])
            if reply:
                return None
            names = await _call_bus(bus, "ListActivatableNames", "", [])
            if "org.freedesktop.Notifications" in names:
                return None
            return "no notification service is running on this desktop (org.freedesktop.Notifications)"
        finally:
            bus.disconnect()

    return asyncio.run(ask())


async def _call_bus(bus, member: str, signature: str, body: list):
    from dbus_fast import Message

    reply = await bus.call(Message(destination="org.freedesktop.DBus", path="/org/freedesktop/DBus",
                                   interface="org.freedesktop.DBus", member=member, signature=signature, body=body))
    return reply.body[0]


def install(schedule: Schedule) -> None:
    """Write and enable the timer; Failure naming what is missing (nothing written), or the step that failed (what
    was written taken back)."""
    for problem in (user_instance_problem(), notification_service_problem()):
        if problem:
            raise Failure(f"cannot set a reminder: {problem}; nothing was installed")
    folder = units_dir()
    before = {name: (folder / name).read_text() if (folder / name).is_file() else None for name in UNITS}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in unit_texts(schedule).items():
            partial = folder / f".{name}.partial"
            partial.write_text(text, encoding="utf-8")
            partial.replace(folder / name)
        for step in (("daemon-reload",), ("enable", TIMER), ("restart", TIMER)):
            answer = _systemctl(*step)
            if answer.returncode != 0:
                raise Failure(f"cannot set a reminder: `systemctl --user {' '.join(step)}` failed "
                              f"({answer.stderr.strip() or answer.returncode}); nothing was left installed")
    except BaseException:
        _put_back(folder, before)
        raise


def _put_back(folder: Path, before: dict[str, str | None]) -> None:
    if before[TIMER] is None:
        _systemctl("disable", TIMER)
    for name, text in before.items():
        if text is None:
            (folder / name).unlink(missing_ok=True)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    _systemctl("daemon-reload")


def remove() -> bool:
    """Turn the reminder off and remove its files; False when there was none."""
    folder = units_dir()
    present = [name for name in UNITS if (folder / name).exists()]
    if not present:
        return False
    if user_instance_problem() is None:
        _systemctl("disable", "--now", TIMER)
        _systemctl("stop", LATER_TIMER)
    for name in present:
        (folder / name).unlink()
    if user_instance_problem() is None:
        _systemctl("daemon-reload")
    return True


def installed_schedule() -> Schedule | None:
    """The schedule in the installed timer, or None."""
    timer = units_dir() / TIMER
    if not timer.is_file():
        return None
    match = re.search(r"^OnCalendar=(?:(\S+) )?\*-\*-\* (\d\d):(\d\d):00$", timer.read_text(), re.MULTILINE)
    if not match:
        return None
    days: list[int] = []
    for part in (match[1] or "Mon..Sun").split(","):
        ends = [SYSTEMD_DAYS.index(end) for end in part.split("..")]
        days.extend(range(ends[0], ends[-1] + 1))
    return Schedule(int(match[2]), int(match[3]), tuple(sorted(days)))


def status() -> str:
    schedule = installed_schedule()
    if schedule is None:
        return "No reminder is set. `stillpoint remind at 08:00` sets one."
    line = f"A reminder at {schedule}."
    problem = user_instance_problem()
    if problem:
        return f"{line} But {problem}, so it will not come until there is one."
    active = _systemctl("is-active", TIMER).stdout.strip()
    if active != "active":
        return f"{line} Its timer is {active or 'not active'}: `stillpoint remind at` sets it again."
    later = _systemctl("is-active", LATER_TIMER).stdout.strip() == "active"
    return line + (" One is also waiting, an hour after the last was put off." if later else "")


def snooze() -> None:
    """"Later": the notifier again in an hour, through the later timer (started afresh if already waiting)."""
    problem = user_instance_problem()
    if problem:
        raise Failure(f"cannot put the reminder off for an hour: {problem}")
    answer = _systemctl("restart", LATER_TIMER)
    if answer.returncode != 0:
        raise Failure(f"cannot put the reminder off for an hour: `systemctl --user restart {LATER_TIMER}` failed "
                      f"({answer.stderr.strip() or answer.returncode})")

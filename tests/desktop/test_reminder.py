"""The daily reminder: its schedule, unit files that systemd accepts, installing where there is no systemd user
instance (a clear message, nothing written) and, where there is one, the whole way through; the notifier against a
real notification daemon (dunst), with "Later" chosen from its context menu."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.desktop.reminder import TIMER, UNITS, parse_schedule, unit_texts, user_instance_problem
from app.failures import BadInput
from tests.conftest import need
from tests.desktop.notification_daemon import NotificationDaemon


@pytest.mark.parametrize(("days", "calendar", "said"), [
    ("daily", "*-*-* 08:00:00", "every day"),
    ("mon-fri", "Mon..Fri *-*-* 08:00:00", "Monday to Friday"),
    ("weekends", "Sat..Sun *-*-* 08:00:00", "at weekends"),
    ("mon,wed,fri", "Mon,Wed,Fri *-*-* 08:00:00", "on Mon, Wed, Fri"),
    ("fri-mon", "Mon,Fri..Sun *-*-* 08:00:00", "on Mon, Fri, Sat, Sun"),
])
def test_a_schedule_becomes_the_calendar_systemd_reads(days, calendar, said):
    schedule = parse_schedule("08:00", days)
    assert (schedule.on_calendar, str(schedule)) == (calendar, f"08:00, {said}")


@pytest.mark.parametrize(("time", "days", "message"), [
    ("8", "daily", "'8' is not a time of day; write it as HH:MM on the 24-hour clock, e.g. 08:00 or 19:30"),
    ("24:00", "daily", "'24:00' is not a time of day; write it as HH:MM on the 24-hour clock, e.g. 08:00 or 19:30"),
    ("08:00", "monday", "--days 'monday' is not a set of days; write e.g. mon-fri, sat,sun, mon,wed,fri or daily"),
    ("08:00", ",", "--days names no day; write e.g. mon-fri or daily"),
])
def test_a_time_or_days_that_cannot_be_read_are_said(time, days, message):
    with pytest.raises(BadInput) as caught:
        parse_schedule(time, days)
    assert str(caught.value) == message


def test_the_unit_files_pass_systemd_analyze_verify_and_fire_on_the_days_asked(tmp_path, monkeypatch):
    need(shutil.which("systemd-analyze") is not None,
         "systemd-analyze is not installed (scripts/system-deps.sh test installs systemd)")
    monkeypatch.setenv("STILLPOINT_DATA_DIR", str(tmp_path / "a folder with 100% spaces"))
    texts = unit_texts(parse_schedule("07:30", "mon-fri"))
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    verified = subprocess.run(["systemd-analyze", "verify", *(str(tmp_path / name) for name in UNITS)],
                              capture_output=True, text=True, timeout=60)
    assert (verified.returncode, verified.stderr) == (0, "")
    assert "Persistent=true" in texts[TIMER] and "OnActiveSec=3600" in texts["stillpoint-reminder-later.timer"]
    assert f'Environment="STILLPOINT_DATA_DIR={tmp_path}/a folder with 100%% spaces"' in texts["stillpoint-reminder.service"]
    calendar = subprocess.run(["systemd-analyze", "calendar", "--iterations=6", "Mon..Fri *-*-* 07:30:00"],
                              capture_output=True, text=True, timeout=30, env=dict(os.environ, TZ="UTC"))
    elapses = [line.split(":", 1)[1].split()[:2] for line in calendar.stdout.splitlines()
               if "Next elapse" in line or "Iter." in line]
    assert len(elapses) == 6 and all(day in ("Mon", "Tue", "Wed", "Thu", "Fri") for day, _date in elapses)
    assert all(line.split()[-2] == "07:30:00" for line in calendar.stdout.splitlines()
               if "Next elapse" in line or "Iter." in line)


def test_the_notification_says_today_s_practice():
    from app.desktop.notifier import todays_words
    from app.journal.log import Journal
    from app.journal.program_progress import ProgramProgress

    assert todays_words() == "A few minutes for yourself, whenever suits you."
    journal = Journal()
    play = journal.start("session", "quick-reset", "Quick Reset")
    journal.checkpoint(play, 180.0, completed=True)
    assert todays_words() == "Your last practice was Quick Reset. A few minutes, whenever suits you."
    progress = ProgramProgress(journal.connection)
    progress.begin("room-to-breathe")
    progress.finish_day("room-to-breathe", 1)
    journal.close()
    assert todays_words() == "Room to Breathe, day 2: Noticing the pull. Day 2 of 14."


def stillpoint(*args, env=None):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60,
                          env=env or os.environ)


def test_remind_installs_where_systemd_has_a_user_instance_and_otherwise_says_what_is_missing(tmp_path):
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"))
    missing = user_instance_problem()
    result = stillpoint("remind", "at", "08:00", "--days", "mon-fri", env=env)
    if missing is not None:  # the CI root: up to the point where it reports what is missing
        assert result.returncode == 1
        assert result.stderr == f"stillpoint: cannot set a reminder: {missing}; nothing was installed\n"
        assert not (tmp_path / "config").exists(), "nothing half-installed"
        assert stillpoint("remind", "status", env=env).stdout == \
            "No reminder is set. `stillpoint remind at 08:00` sets one.\n"
        return
    assert result.returncode == 0, result.stderr  # a machine with a systemd user instance: the whole way
    assert result.stdout.startswith("A reminder is set for 08:00, Monday to Friday.")
    assert stillpoint("remind", "status", env=env).stdout.startswith("A reminder at 08:00, Monday to Friday.")
    assert stillpoint("remind", "off", env=env).stdout == "The reminder is off.\n"
    assert not any((tmp_path / "config" / "systemd" / "user").iterdir())


def test_the_notifier_shows_today_and_later_is_chosen_from_the_context_menu(tmp_path):
    with NotificationDaemon(tmp_path) as daemon:
        notifier = subprocess.Popen([sys.executable, "-m", "app", "remind", "notify"], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
        try:
            daemon.wait_for(lambda: daemon.displayed() == 1, 30, "the notification")
            assert daemon.ctl("context").returncode == 0
            out, err = notifier.communicate(timeout=30)
        finally:
            notifier.kill()
    assert [line.split(" [")[0] for line in daemon.offered().splitlines()] == [
        "#Begin (Time for your practice)", "#Later (Time for your practice)"]
    missing = user_instance_problem()
    if missing is None:
        assert (notifier.returncode, out) == (0, "Later: the reminder comes again in an hour\n")
    else:  # Later reached the snooze, which needs the user instance this machine lacks
        assert (notifier.returncode, err) == (1, f"stillpoint: cannot put the reminder off for an hour: {missing}\n")


SESSION_BUS_CONFIG = Path("/usr/share/dbus-1/session.conf")


def test_without_a_notification_service_on_the_bus_the_reminder_says_so_and_with_one_it_does_not(tmp_path):
    """A bus of its own with no services to start (the test run's bus could start dunst on demand, as a desktop
    with dunst installed would), then the run's bus with dunst running."""
    need(shutil.which("dbus-daemon") is not None and SESSION_BUS_CONFIG.exists(), "dbus-daemon is not installed")
    ask = [sys.executable, "-c", "from app.desktop.reminder import notification_service_problem as p; print(p())"]
    config = SESSION_BUS_CONFIG.read_text().replace("<standard_session_servicedirs />", f"<servicedir>{tmp_path}</servicedir>")
    (tmp_path / "bus.conf").write_text(config.replace("<listen>unix:tmpdir=/tmp</listen>", f"<listen>unix:dir={tmp_path}</listen>"))
    bus = subprocess.Popen(["dbus-daemon", f"--config-file={tmp_path / 'bus.conf'}", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, text=True)
    try:
        address = bus.stdout.readline().strip()
        bare = subprocess.run(ask, capture_output=True, text=True, timeout=30,
                              env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address))
    finally:
        bus.terminate()
        bus.wait(10)
    assert bare.stdout == "no notification service is running on this desktop (org.freedesktop.Notifications)\n"
    with NotificationDaemon(tmp_path):
        assert subprocess.run(ask, capture_output=True, text=True, timeout=30).stdout == "None\n"

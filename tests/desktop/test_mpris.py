"""Stillpoint as a desktop audio player, on a real D-Bus session bus: MPRIS driven with gdbus (sound captured
on the test sink), a suspend-only inhibitor taken and released (a real fake of GNOME's session manager
records the calls), one instance at a time (two real processes), and the keep-playing-in-background setting."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.audio.compiler import compile_session
from app.session import load_session
from app.session.library import resolve
from tests.conftest import need, start_session_bus
from tests.playback.capture import Capture, need_audio_server, rms_db

MPRIS = ["-d", "org.mpris.MediaPlayer2.stillpoint", "-o", "/org/mpris/MediaPlayer2"]
HERE = Path(__file__).parent


@pytest.fixture
def bus(tmp_path):
    """A fresh session bus for each test, with a runtime folder of its own."""
    need(bool(shutil.which("dbus-daemon")) and bool(shutil.which("gdbus")), "dbus-daemon and gdbus (apt: dbus, libglib2.0-bin)")
    daemon, address = start_session_bus()
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address, XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen")
    yield env
    daemon.terminate()
    daemon.wait()


def gdbus(env, *args) -> str:
    result = subprocess.run(["gdbus", "call", "--session", *args], env=env, capture_output=True, text=True, timeout=10)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def get(env, prop: str, interface: str = "org.mpris.MediaPlayer2.Player") -> str:
    return gdbus(env, *MPRIS, "-m", "org.freedesktop.DBus.Properties.Get", interface, prop)


def call(env, member: str, *args) -> str:
    return gdbus(env, *MPRIS, "-m", f"org.mpris.MediaPlayer2.Player.{member}", *args)


def wait_for(predicate, what: str, timeout_s: float = 20.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def has_name(env, name: str = "org.mpris.MediaPlayer2.stillpoint") -> bool:
    return "true" in gdbus(env, "-d", "org.freedesktop.DBus", "-o", "/org/freedesktop/DBus", "-m",
                           "org.freedesktop.DBus.NameHasOwner", name)


def position_s(env) -> float:
    return int(re.search(r"int64 (-?\d+)", get(env, "Position")).group(1)) / 1e6


def start_app(env, *args) -> subprocess.Popen:
    app = subprocess.Popen([str(Path(sys.executable).parent / "stillpoint"), *args], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(lambda: has_name(env) or app.poll() is not None, "the player on the bus")
    assert app.poll() is None, app.stderr.read()
    return app


def inhibit_calls(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_mpris_drives_the_player_and_suspend_is_held_only_while_playing(bus, tmp_path):
    need_audio_server()
    compile_session(load_session(resolve("quick-reset")))  # its speech in the shared cache: the app starts at once
    calls = tmp_path / "inhibit.jsonl"
    manager = subprocess.Popen([sys.executable, str(HERE / "session_manager.py"), str(calls)], env=bus,
                               stdout=subprocess.PIPE, text=True)
    assert manager.stdout.readline().strip() == "ready"
    monitor = subprocess.Popen(["gdbus", "monitor", "--session", "--dest", "org.mpris.MediaPlayer2.stillpoint"],
                               env=bus, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    app = start_app(bus, "open", "quick-reset")
    try:
        wait_for(lambda: "Quick Reset" in get(bus, "Metadata"), "the session's metadata")
        assert get(bus, "Identity", "org.mpris.MediaPlayer2") == "(<'Stillpoint'>,)"
        assert get(bus, "DesktopEntry", "org.mpris.MediaPlayer2") == "(<'stillpoint'>,)"
        assert get(bus, "PlaybackStatus") == "(<'Paused'>,)"
        metadata = get(bus, "Metadata")
        assert "'xesam:artist': <['Stillpoint']>" in metadata and "'mpris:trackid': <objectpath '/org/stillpoint/" \
            "session/quick_reset'>" in metadata
        length_us = int(re.search(r"'mpris:length': <int64 (\d+)>", metadata).group(1))
        assert 150e6 < length_us < 220e6
        art = Path(re.search(r"'mpris:artUrl': <'file://([^']+)'>", metadata).group(1))
        assert art.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert inhibit_calls(calls) == [], "nothing held while paused"

        with Capture() as playing:
            call(bus, "PlayPause")
            wait_for(lambda: get(bus, "PlaybackStatus") == "(<'Playing'>,)", "Playing")
            wait_for(lambda: position_s(bus) > 3.0, "three seconds in")
        assert rms_db(playing.audio) > -50, "PlayPause started the session: it is heard"
        held = wait_for(lambda: inhibit_calls(calls), "the inhibitor")
        assert held[0]["call"] == "Inhibit" and held[0]["flags"] == 4 and held[0]["app_id"] == "stillpoint"

        first_chapter = re.search(r"'xesam:album': <'([^']*)'>", get(bus, "Metadata")).group(1)
        before_next = position_s(bus)
        call(bus, "Next")
        wait_for(lambda: position_s(bus) > before_next + 5, "Next to jump ahead")
        album = re.search(r"'xesam:album': <'([^']*)'>", get(bus, "Metadata")).group(1)
        assert album != first_chapter, "xesam:album is the new chapter"

        with Capture() as paused:
            call(bus, "Pause")
            wait_for(lambda: get(bus, "PlaybackStatus") == "(<'Paused'>,)", "Paused")
            wait_for(lambda: paused.quiet_for(0.2), "what was handed to the sound server before the pause, heard out")
            silent_from = len(paused.so_far())
            at = position_s(bus)
            time.sleep(1.0)  # the span observed: it stays silent and still
        assert rms_db(paused.audio[silent_from:]) < -70, "paused is silent"
        assert position_s(bus) == pytest.approx(at, abs=0.05)
        wait_for(lambda: [c["call"] for c in inhibit_calls(calls)] == ["Inhibit", "Uninhibit"], "released on pause")

        call(bus, "PlayPause")
        wait_for(lambda: len(inhibit_calls(calls)) == 3, "held again on play")
        metadata = get(bus, "Metadata")
        track = re.search(r"'mpris:trackid': <objectpath '([^']+)'>", metadata).group(1)
        length_us = int(re.search(r"'mpris:length': <int64 (\d+)>", metadata).group(1))
        call(bus, "SetPosition", track, str(length_us - 2_500_000))  # to the last moments: it plays to its end
        wait_for(lambda: get(bus, "PlaybackStatus") == "(<'Stopped'>,)", "Stopped at the end")
        wait_for(lambda: len(inhibit_calls(calls)) == 4, "released at the end")
        call(bus, "SetPosition", track, "10000000")
        call(bus, "PlayPause")
        wait_for(lambda: len(inhibit_calls(calls)) == 5, "held again")
        wait_for(lambda: 9.5 < position_s(bus) < 13, "playing on from SetPosition's 10 s", timeout_s=5)
        gdbus(bus, *MPRIS, "-m", "org.mpris.MediaPlayer2.Quit")  # quitting mid-play releases it
        assert app.wait(timeout=15) == 0
        records = inhibit_calls(calls)
        assert [c["call"] for c in records] == ["Inhibit", "Uninhibit"] * 3
        assert all(records[k + 1]["cookie"] == records[k]["cookie"] for k in (0, 2, 4))
    finally:
        for process in (app, manager, monitor):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
    signals = monitor.stdout.read()
    changed = [line for line in signals.splitlines() if "PropertiesChanged" in line]
    assert any("'PlaybackStatus': <'Playing'>" in line for line in changed)
    assert any("'PlaybackStatus': <'Paused'>" in line for line in changed)
    assert any("'xesam:album'" in line for line in changed), "the chapter change is signalled"
    assert not any("'Position'" in line for line in changed), "Position is polled, never signalled"
    assert "org.mpris.MediaPlayer2.Player.Seeked" in signals, "the Next jump is announced"
    print(signals)  # the messages, for the record (pytest -s shows them)


def test_one_instance_a_second_start_hands_over_and_a_stale_socket_does_not_block(bus):
    first = start_app(bus)
    try:
        started = time.monotonic()
        second = subprocess.run([str(Path(sys.executable).parent / "stillpoint"), "open", "three-breaths"], env=bus,
                                capture_output=True, text=True, timeout=20)
        assert second.returncode == 0 and time.monotonic() - started < 5, second.stderr
        wait_for(lambda: "Three Breaths" in get(bus, "Metadata"), "the first window to open it")
        assert first.poll() is None
        missing = subprocess.run([str(Path(sys.executable).parent / "stillpoint"), "open", "no-such-session"], env=bus,
                                 capture_output=True, text=True, timeout=20)
        assert missing.returncode == 2 and "no session with the id 'no-such-session'" in missing.stderr
    finally:
        first.send_signal(signal.SIGKILL)  # leaves its socket behind
        first.wait()
    socket = Path(bus["XDG_RUNTIME_DIR"]) / "stillpoint.socket"
    assert socket.exists(), "the killed instance left its socket"
    wait_for(lambda: not has_name(bus), "the bus to drop the killed player")
    again = start_app(bus, "open", "quick-reset")
    try:
        wait_for(lambda: "Quick Reset" in get(bus, "Metadata"), "a new instance despite the stale socket")
    finally:
        gdbus(bus, *MPRIS, "-m", "org.mpris.MediaPlayer2.Quit")
        assert again.wait(timeout=15) == 0


def test_the_position_runs_on_from_the_last_snapshot_without_being_pushed():
    """Position is worked out when it is read: from the snapshot's position and clock while playing, still while
    paused, never past the length (times in microseconds, clock in seconds)."""
    from app.desktop.mpris import Snapshot

    playing = Snapshot("Playing", length_us=60_000_000, position_us=10_000_000, moving=True, clock_s=100.0)
    assert playing.position_now_us(now_s=102.5) == 12_500_000
    assert playing.position_now_us(now_s=200.0) == 60_000_000, "never past the end"
    paused = Snapshot("Paused", length_us=60_000_000, position_us=10_000_000, moving=False, clock_s=100.0)
    assert paused.position_now_us(now_s=150.0) == 10_000_000


def test_sounds_alone_are_a_player_titled_sounds_and_under_a_practice_pause_with_it(bus, tmp_path, qtbot, monkeypatch):
    """In the app's own process on a private bus: the mix alone is "Sounds" to the desktop, held awake, paused by
    PlayPause; a practice opened under it takes the controls, and PlayPause then pauses and plays both."""
    need_audio_server()
    from app.gui.app import StillpointApp
    from app.gui.main_window import PAGES
    from app.gui.settings import Settings
    from app.playback.state import State

    for name in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, bus[name])
    calls = tmp_path / "inhibit.jsonl"
    manager = subprocess.Popen([sys.executable, str(HERE / "session_manager.py"), str(calls)], env=bus,
                               stdout=subprocess.PIPE, text=True)
    assert manager.stdout.readline().strip() == "ready"
    app = StillpointApp(Settings())
    qtbot.addWidget(app.window)
    try:
        app.window.show()
        qtbot.waitUntil(lambda: app.desktop.service is not None, timeout=15000)
        app.window.show_page(PAGES.index("Sounds"))
        view, owner = app.window.sounds, app.now_playing
        view.toggle()  # rain, the page's first mix
        qtbot.waitUntil(lambda: get(bus, "PlaybackStatus") == "(<'Playing'>,)", timeout=15000)
        metadata = get(bus, "Metadata")
        assert "'xesam:title': <'Sounds'>" in metadata and "/org/stillpoint/sounds/mix" in metadata
        assert "'xesam:album': <'rain'>" in metadata
        assert get(bus, "CanSeek") == "(<false>,)" and get(bus, "CanPause") == "(<true>,)"
        qtbot.waitUntil(lambda: [c["call"] for c in inhibit_calls(calls)] == ["Inhibit"], timeout=5000)
        call(bus, "PlayPause")
        qtbot.waitUntil(lambda: view.mix.state == State.PAUSED, timeout=5000)
        qtbot.waitUntil(lambda: [c["call"] for c in inhibit_calls(calls)] == ["Inhibit", "Uninhibit"], timeout=5000)
        call(bus, "PlayPause")
        qtbot.waitUntil(lambda: view.mix.playing() and len(inhibit_calls(calls)) == 3, timeout=5000)

        app.settings.set("journal/check_ins", False)
        app.open_session(next(e for e in app.window.library.entries if e.id == "three-breaths"))
        qtbot.waitUntil(lambda: "Three Breaths" in get(bus, "Metadata"), timeout=15000)
        assert get(bus, "PlaybackStatus") == "(<'Paused'>,)" and view.mix.playing(), "the practice shows; the mix plays"
        assert len(inhibit_calls(calls)) == 3, "still held: the mix plays under the paused practice"
        call(bus, "PlayPause")
        qtbot.waitUntil(lambda: owner.playing() and view.mix.playing(), timeout=15000)
        call(bus, "PlayPause")
        qtbot.waitUntil(lambda: owner.state == State.PAUSED and view.mix.state == State.PAUSED, timeout=5000)
        qtbot.waitUntil(lambda: len(inhibit_calls(calls)) == 4, timeout=5000)
        call(bus, "PlayPause")
        qtbot.waitUntil(lambda: owner.playing() and view.mix.playing(), timeout=5000)
    finally:
        app.quitting = True
        app.window.close()
        app.deleteLater()
        manager.terminate()
        manager.wait(timeout=10)
    assert [c["call"] for c in inhibit_calls(calls)] == ["Inhibit", "Uninhibit"] * 3, "released on closing"


def test_two_windows_started_at_the_same_moment_end_as_one(bus):
    """Seen failing: both found no window to hand over to; the later removed the earlier's socket and listened
    on its own, leaving two windows (and two players on the bus)."""
    command = [str(Path(sys.executable).parent / "stillpoint")]
    starts = [subprocess.Popen(command, env=bus, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    try:
        wait_for(lambda: any(start.poll() is not None for start in starts), "one of the two to hand over and end")
        ended = next(start for start in starts if start.poll() is not None)
        window = next(start for start in starts if start is not ended)
        assert ended.returncode == 0, ended.stderr.read()
        wait_for(lambda: has_name(bus), "the one window on the bus")
        time.sleep(1.0)  # the span observed: the other stays the one window
        assert window.poll() is None
        third = subprocess.run([*command, "open", "quick-reset"], env=bus, capture_output=True, text=True, timeout=30)
        assert third.returncode == 0, third.stderr
        wait_for(lambda: "Quick Reset" in get(bus, "Metadata"), "the one window to take a later start's wish")
    finally:
        for start in starts:
            if start.poll() is None:
                start.terminate()
                start.wait(timeout=15)

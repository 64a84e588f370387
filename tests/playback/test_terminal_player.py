"""`stillpoint play` without a terminal on stdin: scriptable with --start and --stop-after."""

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.conftest import need
from tests.playback.capture import Capture, need_audio_server, rms_db


def play(*args, env=None):
    return subprocess.run([sys.executable, "-m", "app", "play", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env or os.environ, timeout=60)


@pytest.mark.parametrize("backend", ["qt", "simpleaudio"])
def test_plays_a_slice_and_prints_the_transcript(backend):
    need_audio_server()
    need(importlib.util.find_spec("simpleaudio") is not None or backend != "simpleaudio",
         "simpleaudio is not installed (it builds with libasound2-dev)")
    with Capture() as capture:
        result = play("three-breaths", "--start", "3s", "--stop-after", "2s", "--backend", backend)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Three Breaths"
    assert any(line.endswith("] Wherever you are, you can stop for a moment.") for line in lines)
    assert lines[-1] == "ended at 0:05"
    assert rms_db(capture.audio) > -45


def test_no_audio_server_is_a_clear_error():
    env = dict(os.environ, PULSE_SERVER="unix:/nonexistent/pulse/native")
    result = play("three-breaths", "--stop-after", "1s", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "stillpoint: cannot play: no audio output device was found (is a sound server such as PulseAudio running?)")
    assert "Traceback" not in result.stderr


def test_bad_times_are_usage_errors():
    result = play("three-breaths", "--start", "soon")
    assert result.returncode == 2
    assert result.stderr.strip() == "stillpoint: --start 'soon' is not a time; use e.g. 500ms, 20s, 1.5s, 2m or 1m30s"


def test_a_play_is_recorded_in_the_journal():
    need_audio_server()
    from app.journal.log import Journal

    result = play("three-breaths", "--start", "3s", "--stop-after", "2s")
    assert result.returncode == 0, result.stderr
    (entry,) = Journal().entries()
    assert (entry.kind, entry.item_id, entry.title, entry.completed) == ("session", "three-breaths", "Three Breaths",
                                                                          False)
    assert 1.5 <= entry.listened_s <= 2.5


@pytest.mark.parametrize("backend", ["qt", "simpleaudio"])
def test_the_sound_server_going_away_is_a_clear_error_not_a_hang(tmp_path, backend):
    """A second private PulseAudio server is killed while `stillpoint play` plays into it."""
    import shutil
    import time

    need(shutil.which("pulseaudio") is not None, "pulseaudio is not installed")
    need(importlib.util.find_spec("simpleaudio") is not None or backend != "simpleaudio", "simpleaudio is not installed")
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700)
    socket = runtime / "pulse" / "native"
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), PULSE_SERVER=f"unix:{socket}")
    server = subprocess.Popen(["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--log-target=stderr",
                               "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
                               "-L", "module-null-sink sink_name=doomed"], env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            assert time.monotonic() < deadline, "the second server did not start"
            time.sleep(0.1)
        player = subprocess.Popen([sys.executable, "-m", "app", "play", "three-breaths", "--backend", backend],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=env)
        time.sleep(4)
        server.kill()
        _out, err = player.communicate(timeout=20)
    finally:
        server.kill()
        server.wait()
    assert player.returncode == 1
    last = err.strip().splitlines()[-1]
    assert last in ("stillpoint: the audio output stopped playing; is the sound server still running?",
                    "stillpoint: the audio output failed: Error opening PCM device. -- CODE: -111 -- MSG: Connection refused")
    assert "Traceback" not in err


def test_simpleaudio_plays_end_without_a_crash_at_exit():
    """simpleaudio plays each buffer in a C thread that frees it when done; one still running at interpreter exit
    crashed the process (SIGSEGV, 2 of 20 plays stopped after 6 s). Stopped with buffers in flight, every play
    must end with exit 0."""
    need_audio_server()
    need(importlib.util.find_spec("simpleaudio") is not None, "simpleaudio is not installed (it builds with libasound2-dev)")
    codes = [play("three-breaths", "--start", "3s", "--stop-after", "5s", "--backend", "simpleaudio").returncode
             for _ in range(10)]
    assert codes == [0] * 10

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

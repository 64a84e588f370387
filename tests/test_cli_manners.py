"""Command-line manners: a version, quiet ends when the reader goes away, no Qt start-up chatter."""

import os
import subprocess
import sys

import pytest

from app import __version__
from tests.playback.capture import need_audio_server

COMMAND = [sys.executable, "-m", "app"]


def test_version():
    result = subprocess.run([*COMMAND, "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"stillpoint {__version__}\n", "")


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["journal", "--json"], ["--help"], ["voices"]])
def test_a_closed_pipe_ends_quietly(args):
    """As `stillpoint list | head -0`: the reading end is closed before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as on a user's machine
    try:
        result = subprocess.run([*COMMAND, *args], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60, env=env)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


def test_qt_multimedia_start_up_lines_are_not_printed_unless_debug():
    need_audio_server()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_LOGGING_RULES", None)
    play = ["play", "three-breaths", "--stop-after", "0.2"]
    quiet = subprocess.run([*COMMAND, *play], capture_output=True, text=True, env=env, timeout=120)
    loud = subprocess.run([*COMMAND, "--debug", *play], capture_output=True, text=True, env=env, timeout=120)
    assert (quiet.returncode, loud.returncode) == (0, 0), quiet.stderr + loud.stderr
    assert "qt.multimedia" not in quiet.stderr
    assert "qt.multimedia.ffmpeg: Using Qt multimedia with FFmpeg" in loud.stderr


def test_an_overlong_value_is_echoed_cut_short_and_an_unknown_id_suggests_only_the_closest():
    """Seen failing: a 3000-character sound name came back in full (3 kB of error); the same as SESSION was a
    traceback (File name too long); an id close to none listed the whole library."""
    import subprocess
    import sys

    def stillpoint(*args):
        return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60)

    for args in (["sounds", "x" * 3000], ["render", "y" * 3000, "-o", "/tmp/never.mp3"]):
        result = stillpoint(*args)
        assert result.returncode == 2 and len(result.stderr) < 700 and "Traceback" not in result.stderr, result.stderr
        assert "…(28" in result.stderr and "characters)…" in result.stderr
    result = stillpoint("render", "quiet-resett", "-o", "/tmp/never.mp3")
    assert result.stderr == ("quiet-resett:1:1: no session with the id 'quiet-resett' (did you mean 'quick-reset'?; "
                             "`stillpoint list` shows them)\n")
    result = stillpoint("render", "zzzz", "-o", "/tmp/never.mp3")
    assert result.stderr == "zzzz:1:1: no session with the id 'zzzz' (`stillpoint list` shows them)\n"

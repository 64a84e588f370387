"""Command-line options measured in what they produce: voices, breathe's --minutes/--slow-to/--ambient, --voice/--rate."""

import ctypes.util
import re
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from tests.conftest import need


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=300)


def need_espeak():
    need(bool(ctypes.util.find_library("espeak-ng")), "espeak-ng is not installed (apt-get install espeak-ng)")


def frame_db(audio: np.ndarray, frames: int = 441) -> np.ndarray:
    """The level of every 10 ms, in dBFS."""
    mono = audio.mean(axis=1)[: len(audio) // frames * frames].reshape(-1, frames)
    return 20 * np.log10(np.sqrt((mono**2).mean(axis=1)) + 1e-9)


def onsets_s(audio: np.ndarray, threshold_db: float) -> list[float]:
    loud = frame_db(audio) > threshold_db
    return [index / 100 for index in np.flatnonzero(loud[1:] & ~loud[:-1]) + 1]


def test_voices_lists_each_engine_with_its_voices():
    need_espeak()
    result = run("voices")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("piper: ") and lines[1] == "  voices: joe"
    assert lines[2].startswith("system: ") and re.fullmatch(r"  voices: .+, \.\.\. \((\d+) in all\)", lines[3])
    assert int(re.search(r"(\d+) in all", lines[3]).group(1)) > 50, "espeak-ng's voices"


def test_breathe_minutes_set_the_length(tmp_path):
    lengths = {}
    for minutes in ("1", "2"):
        out = tmp_path / f"{minutes}.wav"
        result = run("breathe", "box", "--minutes", minutes, "-o", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
        lengths[minutes] = soundfile.info(out).duration
    box_cycle_s = 16
    assert abs(lengths["2"] - lengths["1"] - 60) <= box_cycle_s / 2, "a minute more is a minute of breaths more"


def test_breathe_slow_to_lengthens_the_breaths_heard(tmp_path):
    """coherent is 5.5 breaths a minute (10.9 s each); slowing to 4.5 makes the last breaths about 13.3 s."""
    out = tmp_path / "slow.wav"
    result = run("breathe", "coherent", "--minutes", "3", "--slow-to", "4.5", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, _rate = soundfile.read(out)
    cues = onsets_s(audio, -50)  # a tone at each in-breath and out-breath; silence between
    breaths = np.diff(cues[::2])[:-2]  # the last two intervals reach into the closing
    assert len(breaths) >= 10
    assert 10.4 < breaths[0] < 11.5 and breaths[-1] > 12.5, breaths
    assert all(np.diff(breaths) > 0), f"each breath a little slower: {breaths}"


def test_breathe_ambient_fills_the_gaps_between_cues(tmp_path):
    levels = {}
    for name, extra in (("plain", []), ("rain", ["--ambient", "rain"])):
        out = tmp_path / f"{name}.wav"
        result = run("breathe", "relaxing", "--cycles", "3", *extra, "-o", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
        audio, _rate = soundfile.read(out)
        levels[name] = float(np.percentile(frame_db(audio), 10))  # the quiet moments between the cue tones
    assert levels["plain"] < -100 and levels["rain"] > -70, levels


def test_render_with_a_system_voice_and_rate(tmp_path):
    need_espeak()
    lengths = {}
    for rate in ("0.8", "1.5"):
        out = tmp_path / f"{rate}.wav"
        result = run("render", "three-breaths", "--voice", "system:gmw/en", "--rate", rate, "-o", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
        lengths[rate] = soundfile.info(out).duration
    assert lengths["0.8"] - lengths["1.5"] > 1.5, lengths


@pytest.mark.parametrize("args, message", [
    (["--slow-to", "nan"], "--slow-to nan is out of range; use 2 to 30 breaths a minute"),
    (["--slow-to", "-3"], "--slow-to -3 is out of range; use 2 to 30 breaths a minute"),
    (["--slow-to", "0"], "--slow-to 0 is out of range; use 2 to 30 breaths a minute"),
    (["--slow-to", "1e9"], "--slow-to 1e+09 is out of range; use 2 to 30 breaths a minute"),
    (["--cues", ","], "--cues names no cue; use any of tone,voice,bell, e.g. --cues tone,voice"),
])
def test_breathing_options_are_checked(tmp_path, args, message):
    """Seen failing: each of these made a file (nan: 38 s, -3: 373 s, 0 was ignored, no cues: tones anyway)."""
    out = tmp_path / "b.wav"
    result = run("breathe", "box", *args, "-o", str(out), "--quiet")
    assert (result.returncode, result.stderr) == (2, f"stillpoint: {message}\n")
    assert not out.exists()

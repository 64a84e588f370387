"""Any session at the length you have: the silences move, the voice, bells and breaths keep their timing."""

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from app.audio.compiler import compile_session
from app.session import load_session
from app.session.length import at_length
from app.session.library import resolve

SESSIONS = ["format-tour", "boundary-rehearsal", "coming-home-to-yourself-for-sleep"]  # those that can be 0.7x


def stillpoint(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=os.environ,
                          timeout=600)


@pytest.fixture(scope="module")
def own():
    """Each session and its timeline at its own length."""
    return {name: (session := load_session(resolve(name)), compile_session(session)) for name in SESSIONS}


@pytest.mark.parametrize("name", SESSIONS)
@pytest.mark.parametrize("factor", [0.7, 1.0, 2.0])
def test_the_asked_length_within_a_second_with_the_voice_untouched(own, name, factor):
    session, timeline = own[name]
    asked_s = factor * timeline.seconds
    fitted = compile_session(at_length(session, asked_s, timeline.seconds))
    assert fitted.seconds == pytest.approx(asked_s, abs=1.0)
    assert [(item.key, item.frames) for item in fitted.items if item.bus == "voice"] == \
        [(item.key, item.frames) for item in timeline.items if item.bus == "voice"], "every clip as it was"
    assert [chapter.title for chapter in fitted.chapters] == [chapter.title for chapter in timeline.chapters]
    assert [cue.text for cue in fitted.cues] == [cue.text for cue in timeline.cues]
    starts = [item.start for item in fitted.items if item.bus == "voice"]
    assert starts == sorted(starts), "the order of what is said is kept"


def test_a_render_at_twice_its_length_has_its_chapters_where_the_timeline_says(tmp_path):
    timeline = compile_session(load_session(resolve("quick-reset")))
    out = tmp_path / "long.mp3"
    asked_s = 2 * timeline.seconds
    result = stillpoint("render", "quick-reset", "--length", f"{asked_s:.1f}s", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    probe = json.loads(subprocess.run(["ffprobe", "-v", "quiet", "-print_format", "json", "-show_chapters",
                                       "-show_format", str(out)], capture_output=True, text=True, check=True).stdout)
    assert float(probe["format"]["duration"]) == pytest.approx(asked_s, abs=1.0)
    titles = [chapter["tags"]["title"] for chapter in probe["chapters"]]
    assert titles == [chapter.title for chapter in timeline.chapters]
    assert float(probe["chapters"][-1]["end_time"]) == pytest.approx(asked_s, abs=1.0)


def test_its_own_length_gives_the_same_samples(tmp_path):
    timeline = compile_session(load_session(resolve("quick-reset")))
    plain, asked = tmp_path / "plain.wav", tmp_path / "asked.wav"
    assert stillpoint("render", "quick-reset", "-o", str(plain), "--quiet").returncode == 0
    result = stillpoint("render", "quick-reset", "--length", f"{timeline.seconds:.2f}s", "-o", str(asked), "--quiet")
    assert result.returncode == 0, result.stderr
    assert np.array_equal(soundfile.read(plain)[0], soundfile.read(asked)[0])


def test_too_short_says_how_short_it_can_be_and_that_length_works(tmp_path):
    result = stillpoint("render", "healthy-detachment", "--length", "1m", "-o", str(tmp_path / "x.mp3"))
    assert result.returncode == 2 and list(tmp_path.iterdir()) == []
    found = re.fullmatch(r"stillpoint: --length 1:00 is too short: the shortest this session can be is (\d+):(\d\d)\n",
                         result.stderr)
    assert found, result.stderr
    shortest_s = int(found[1]) * 60 + int(found[2])
    session = load_session(resolve("healthy-detachment"))
    own_s = compile_session(session).seconds
    assert compile_session(at_length(session, shortest_s, own_s)).seconds == pytest.approx(shortest_s, abs=1.0)
    too_long = stillpoint("render", "healthy-detachment", "--length", "2h", "-o", str(tmp_path / "x.mp3"))
    assert too_long.returncode == 2
    assert "the longest this session can be is" in too_long.stderr

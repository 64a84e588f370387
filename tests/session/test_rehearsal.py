"""`stillpoint rehearsal new`: your own phrases become a session that validates, lists and renders."""

import os
import re
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from app.folders import user_sessions_dir
from app.session import load_session
from app.session.model import Rehearse

PHRASES = ["I need some time to myself this week.", "I won't discuss this any further today.",
           "Thank you for asking. My answer is no."]


def stillpoint(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=os.environ,
                          timeout=300)


def new(session_id, *extra, phrases=PHRASES):
    return stillpoint("rehearsal", "new", session_id, *[arg for p in phrases for arg in ("--phrase", p)], *extra)


def test_the_phrases_become_a_session_in_your_folder():
    result = new("my-phrases", "--repeat", "3", "--gap", "8s", "--breaths", "--title", "Saying No Kindly")
    assert result.returncode == 0, result.stderr
    path = user_sessions_dir() / "my-phrases.yaml"
    assert result.stdout.strip() == str(path)
    session = load_session(path)
    assert session.title == "Saying No Kindly"
    (rehearse,) = [step for step in session.steps if isinstance(step, Rehearse)]
    assert (list(rehearse.phrases), rehearse.repeat, rehearse.gap_s) == (PHRASES, 3, 8.0)
    listing = stillpoint("list")
    assert any(line.startswith("my-phrases") for line in listing.stdout.splitlines())
    again = new("my-phrases", phrases=["Only this one now."])
    assert again.returncode == 2
    assert again.stderr.strip() == (f"stillpoint: {path} already exists; add --replace to write over it, "
                                    "or choose another id")
    replaced = new("my-phrases", "--replace", phrases=["Only this one now."])
    assert replaced.returncode == 0, replaced.stderr
    (rehearse,) = [step for step in load_session(path).steps if isinstance(step, Rehearse)]
    assert rehearse.phrases == ("Only this one now.",)
    assert [p.name for p in path.parent.iterdir()] == ["my-phrases.yaml"], "replaced in place, no partial left"


@pytest.mark.parametrize("session_id, extra, phrases, message", [
    ("mine", [], [], "give 1 to 12 phrases (--phrase \"...\"); 0 given"),
    ("mine", [], ["x" * 501], "phrase 1 has 501 characters; keep each under 500 (short phrases are easier to say "
                              "under pressure)"),
    ("mine", [], ["Fine."] * 13, "give 1 to 12 phrases (--phrase \"...\"); 13 given"),
    ("mine", ["--repeat", "6"], PHRASES, "--repeat 6 is out of range; use 1 to 5"),
    ("mine", ["--gap", "2s"], PHRASES, "--gap 2s is out of range; use 3s to 15s"),
    ("../escape", [], PHRASES, "'../escape' cannot be a session id; use lower-case letters, digits and dashes, "
                               "e.g. my-phrases"),
    ("three-breaths", [], PHRASES, "'three-breaths' is a shipped session; choose another id"),
    ("mine", [], ["Stop\x07 now."], "the phrases do not make a valid session: "),
])
def test_bad_input_is_exit_2_and_writes_nothing(session_id, extra, phrases, message):
    result = new(session_id, *extra, phrases=phrases)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"stillpoint: {message}"), result.stderr
    assert not user_sessions_dir().exists() or list(user_sessions_dir().iterdir()) == []


def test_a_rehearsal_renders_with_each_phrase_where_the_transcript_says_and_room_after_it(tmp_path):
    assert new("three-phrases", "--repeat", "1", "--gap", "5s").returncode == 0
    out = tmp_path / "r.wav"
    result = stillpoint("render", "three-phrases", "-o", str(out), "--captions", "vtt", "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    cues = {}
    for start, end, text in re.findall(r"(\d+:\d\d:\d\d\.\d+) --> (\d+:\d\d:\d\d\.\d+)\n(.+)", out.with_suffix(".vtt").read_text()):
        cues[text] = tuple(sum(float(part) * 60 ** i for i, part in enumerate(reversed(stamp.split(":"))))
                           for stamp in (start, end))

    def level_db(start_s, end_s):
        part = audio[int(start_s * rate): int(end_s * rate)]
        return 20 * np.log10(np.sqrt(np.mean(part**2)) + 1e-12)

    for phrase in PHRASES:
        start, end = cues[phrase]
        spoken = level_db(start, end)
        room = level_db(end + 0.5, end + 4.5)  # the gap left to say it aloud: only the bed
        assert spoken > -30, f"{phrase!r} is heard where the transcript puts it ({spoken:.1f} dB)"
        assert room < spoken - 15, f"after {phrase!r} there is room ({room:.1f} dB against {spoken:.1f} dB)"

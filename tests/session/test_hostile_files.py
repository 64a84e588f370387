"""Files a real folder will hold sooner or later: pipes, deep nesting, control characters, broken sounds."""

import os
import subprocess
import sys
import time
import traceback

import numpy as np
import pytest
import soundfile

from app.session import SessionError, load_poem, load_session
from app.session.library import discover

SESSION = "format: 1\ntitle: t\nambient:\n  - {sound: %s, gain_db: -20}\nsteps:\n  - say: Hello.\n"


def problems(path, loader=load_session):
    with pytest.raises(SessionError) as caught:
        loader(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def validate(*paths, timeout_s=10):
    return subprocess.run([sys.executable, "-m", "app", "validate", *map(str, paths)], capture_output=True, text=True,
                          timeout=timeout_s)


def test_a_named_pipe_is_refused_without_waiting_on_it(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = validate(pipe)  # would block forever on open() for reading before
    assert (result.returncode, result.stderr) == (2, f"{pipe}:1:1: this is a named pipe, not a regular file "
                                                     "(give the path of a .yaml file)\n")


def test_the_library_lists_a_pipe_with_its_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("STILLPOINT_DATA_DIR", str(tmp_path))
    (tmp_path / "sessions").mkdir()
    os.mkfifo(tmp_path / "sessions" / "stuck.yaml")
    started = time.monotonic()
    entries = {entry.id: entry for entry in discover()}
    assert time.monotonic() - started < 5
    assert entries["stuck"].session is None
    assert [p.message for p in entries["stuck"].problems] == ["this is a named pipe, not a regular file"]
    assert entries["quick-reset"].session is not None


def test_a_device_is_refused(tmp_path):
    assert problems("/dev/zero") == ["1:1: this is a device, not a regular file (give the path of a .yaml file)"]


@pytest.mark.parametrize("loader", [load_session, load_poem], ids=["session", "poem"])
def test_thousands_of_nesting_levels_are_refused_before_any_recursion(tmp_path, loader):
    path = tmp_path / "deep.yaml"
    path.write_text("format: 1\ntitle: t\nsteps:\n  - say: " + "[" * 5000 + "]" * 5000 + "\n")
    depth = len(traceback.extract_stack())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 400)  # far fewer frames than 5000 levels would need, plenty for 32
    try:
        found = problems(path, loader)
    finally:
        sys.setrecursionlimit(limit)
    assert found == ["4:40: nesting deeper than 32 levels (flatten the structure)"]


def test_steps_are_required(write_yaml):
    assert problems(write_yaml("format: 1\ntitle: t\n")) == ["1:1: missing required key 'steps' (add `steps:`)"]
    assert problems(write_yaml("format: 1\ntitle: t\nsteps: []\n", "e.yaml")) == [
        "3:8: steps: expected a list of steps, found an empty list "
        "(a session needs at least one step: write `steps:` then one `- say: ...` line per step)"]


@pytest.mark.parametrize(("text", "field", "where"), [
    ('title: "a\\x07b"', "2:8: title", "U+0007 at character 2"),
    ('title: t\nsummary: "\\0 tail"', "3:10: summary", "U+0000 at character 1"),
    ('title: t\ntags: ["ok", "b\\x1b[31m"]', "3:14: tags[1]", "U+001B at character 2"),
])
def test_control_characters_are_refused_in_header_text(write_yaml, text, field, where):
    path = write_yaml(f"format: 1\n{text}\nsteps:\n  - pause: 1s\n")
    assert problems(path) == [f"{field}: the text holds the control character {where} "
                              "(remove it; only tabs and line breaks may stand in text)"]


@pytest.mark.parametrize(("step", "field"), [
    ('say: "one\\ttwo\\nthree\\x00"', "steps[0].say"),
    ('chapter: "x\\x7f"', "steps[0].chapter"),
    ('rehearse: {phrases: ["I am \\x08leaving"]}', "steps[0].rehearse.phrases[0]"),
])
def test_control_characters_are_refused_in_steps_but_tabs_and_newlines_are_fine(write_yaml, step, field):
    path = write_yaml(f"format: 1\ntitle: t\nsteps:\n  - {step}\n")
    [problem] = problems(path)
    assert problem.startswith("4:") and f": {field}: the text holds the control character U+00" in problem
    fine = write_yaml('format: 1\ntitle: t\nsteps:\n  - say: "one\\ttwo\\nthree"\n', "fine.yaml")
    assert load_session(fine).steps[0].text == "one\ttwo\nthree"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("noise.wav", b"RIFF" + bytes(range(256)) * 20, "the sound file 'noise.wav' is damaged, or is not really a .wav file"),
    ("words.mp3", b"this is a text file, not an mp3\n" * 50, "the sound file 'words.mp3' is damaged, or is not really a .mp3 file"),
    ("empty.flac", b"", "the sound file 'empty.flac' is empty"),
    ("random.ogg", bytes(np.random.default_rng(1).integers(0, 256, 4000, dtype=np.uint8)),
     "'random.ogg' is not a sound file Stillpoint can read"),
])
def test_a_sound_file_that_cannot_be_decoded_is_a_located_error(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    path = tmp_path / "s.yaml"
    path.write_text(SESSION % name)
    assert problems(path) == [f"4:13: ambient[0].sound: {expected} "
                              "(use a WAV, FLAC, Ogg, MP3, AIFF or M4A file that plays, or a built-in name)"]


def test_a_silent_file_with_no_frames_holds_no_audio_but_a_real_one_passes(tmp_path):
    soundfile.write(tmp_path / "none.wav", np.zeros((0, 2)), 44100)
    soundfile.write(tmp_path / "tone.flac", np.sin(np.arange(4410) / 10)[:, None] * 0.1, 44100)
    none = tmp_path / "none.yaml"
    none.write_text(SESSION % "none.wav")
    assert problems(none)[0].startswith("4:13: ambient[0].sound: the sound file 'none.wav' holds no audio")
    tone = tmp_path / "tone.yaml"
    tone.write_text(SESSION % "tone.flac")
    assert load_session(tone).ambient[0].sound.path == tmp_path / "tone.flac"


def test_the_header_check_imports_nothing_of_the_audio_stack(tmp_path):
    soundfile.write(tmp_path / "tone.wav", np.zeros((4410, 2)), 44100)
    (tmp_path / "s.yaml").write_text(SESSION % "tone.wav")
    probe = ("import sys; from app.session import load_session; load_session(sys.argv[1]); "
             "print(sorted(m for m in ('numpy', 'soundfile', 'scipy', 'PySide6') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "s.yaml")], capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr


LONE = "the text holds \\u{code}, half of a character (a lone surrogate) that no file or screen can show (remove " \
       "the escape, or write the character itself)"


def test_a_lone_surrogate_is_invalid_at_its_line_and_column(tmp_path):
    """Seen failing: validate called it valid, and `list` died with UnicodeEncodeError printing the title."""
    path = tmp_path / "half.yaml"
    path.write_text('format: 1\ntitle: "Calm \\uDFFF"\nsteps:\n  - say: "Hello \\ud800 there."\n', encoding="utf-8")
    assert problems(path) == [f"2:8: title: {LONE.format(code='DFFF')}",
                              f"4:10: steps[0].say: {LONE.format(code='D800')}"]
    result = validate(path)
    assert result.returncode == 2 and result.stderr.splitlines()[0] == f"{path}:2:8: title: {LONE.format(code='DFFF')}"


def test_list_goes_on_past_a_lone_surrogate_and_a_name_that_is_not_utf8(tmp_path):
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "half.yaml").write_text('format: 1\ntitle: "Calm \\uDFFF"\nsteps:\n  - say: Hello.\n', encoding="utf-8")
    (sessions / os.fsdecode(b"caf\xe9.yaml")).write_text("format: 1\ntitle: Latin-1 name\nsteps:\n  - say: Hi.\n")
    env = dict(os.environ, STILLPOINT_DATA_DIR=str(tmp_path), PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-m", "app", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert any(line.startswith("half ") and f"INVALID: {sessions / 'half.yaml'}:2:8: title: the text holds \\uDFFF"
               in line for line in lines)
    assert any("Latin-1 name" in line for line in lines) and any("Quick Reset" in line for line in lines)


def test_a_voice_name_is_a_name_and_one_of_its_engines_own(tmp_path):
    """Seen failing: validate passed `name: ../../etc/passwd` and a voice Piper does not have; render found out at
    its first sentence."""
    traversal, unknown = tmp_path / "traversal.yaml", tmp_path / "unknown.yaml"
    traversal.write_text("format: 1\ntitle: t\nvoice: {engine: system, name: ../../etc/passwd}\nsteps:\n  - say: Hi.\n")
    unknown.write_text("format: 1\ntitle: t\nvoice: {engine: piper, name: jo}\nsteps:\n  - say: Hi.\n")
    result = validate(traversal, unknown, timeout_s=60)
    assert (result.returncode, result.stderr.splitlines()) == (2, [
        f"{traversal}:3:31: voice.name: '../../etc/passwd' is not a voice name (letters, digits, - _ . + and / between "
        "parts; no .. and no leading /) (`stillpoint voices` lists them)",
        f"{unknown}:3:30: voice.name: no piper voice named 'jo' (did you mean 'joe'?)"])
    out = tmp_path / "out.wav"
    rendered = subprocess.run([sys.executable, "-m", "app", "render", str(unknown), "-o", str(out)], capture_output=True,
                              text=True, timeout=60)
    assert (rendered.returncode, rendered.stderr) == (2, f"stillpoint: {unknown}: voice.name: no piper voice named "
                                                         "'jo' (did you mean 'joe'?)\n")
    assert not out.exists()


@pytest.mark.parametrize("given, message", [
    ("", "SESSION is empty; give a library id (`stillpoint list` shows them) or a .yaml file"),
    ("{folder}", "{folder} is a folder; give a session's .yaml file in it, or a library id"),
])
def test_an_empty_name_or_a_folder_as_session_is_one_clear_line(tmp_path, given, message):
    """Seen failing: both ended in a traceback (IsADirectoryError from fdopen), exit 1."""
    result = subprocess.run([sys.executable, "-m", "app", "render", given.format(folder=tmp_path), "-o",
                             str(tmp_path / "x.mp3")], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (2, f"stillpoint: {message.format(folder=tmp_path)}\n")


def test_a_folder_named_like_a_session_is_refused_as_a_folder(tmp_path):
    folder = tmp_path / "odd.yaml"
    folder.mkdir()
    result = validate(folder / "..")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert problems(folder) == ["1:1: this is a folder, not a regular file (give the path of a .yaml file)"]


def test_a_poem_that_is_a_link_out_of_its_folder_is_refused(tmp_path):
    """Seen failing: poems/secret.yaml -> /elsewhere/secret.yaml was read and spoken (sound files had the rule)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text("format: 1\ntitle: Secret\nstanzas:\n  - [A line from elsewhere.]\n")
    (tmp_path / "mine" / "poems").mkdir(parents=True)
    (tmp_path / "mine" / "poems" / "secret.yaml").symlink_to(elsewhere / "secret.yaml")
    session = tmp_path / "mine" / "s.yaml"
    session.write_text("format: 1\ntitle: t\nsteps:\n  - poem: secret\n")
    assert problems(session) == ["4:11: steps[0].poem: the poem 'secret' leads outside its folder through a link "
                                 "(copy the poem into the poems/ folder)"]


LIMITS = "a breath in or out lasts 1 to 60 s and a hold 0 to 120 s"


@pytest.mark.parametrize("text, expected", [
    ("steps:\n  - breathe: {pattern: 86400-0-4-0, cycles: 1}\n",
     f"4:24: steps[0].breathe.pattern: a breath in of 86400 s is out of range; {LIMITS} (write the seconds as "
     "in-hold-out-hold, e.g. 4-4-6-0)"),
    ("steps:\n  - breathe: {pattern: 4-0.01-0.01-0, minutes: 20}\n",
     f"4:24: steps[0].breathe.pattern: a breath out of 0.01 s is out of range; {LIMITS} (write the seconds as "
     "in-hold-out-hold, e.g. 4-4-6-0)"),
    ("ambient:\n" + "  - {sound: rain, gain_db: -30}\n" * 3000 + "steps:\n  - pause: 2s\n",
     "4:3: ambient: 3000 beds are more than the limit of 12 (keep the few that matter; each is mixed all through "
     "the session)"),
])
def test_absurd_sizes_are_refused_with_the_limit_named(tmp_path, text, expected):
    """Seen failing: a breath of a day passed as a 24 h session's only problem and `breathe` asked for 28 GiB;
    breaths of 10 ms for twenty minutes and 3000 beds were valid."""
    path = tmp_path / "s.yaml"
    path.write_text("format: 1\ntitle: t\n" + text)
    assert problems(path) == [expected]


def test_breathe_takes_the_same_bounds_as_the_format(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app", "breathe", "86400-0-4-0", "--cycles", "1", "-o",
                             str(tmp_path / "b.wav")], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (2, f"stillpoint: a breath in of 86400 s is out of range; {LIMITS}\n")

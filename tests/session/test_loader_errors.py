"""Every kind of problem gives an exact message at the exact place."""

import time

import pytest

from app.session import SessionError, load_poem, load_session
from app.session.model import Breathe, Pause, PoemStep, Say


def problems(path):
    with pytest.raises(SessionError) as caught:
        load_session(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_a_valid_session_loads_into_the_model(write_yaml):
    path = write_yaml("""
        format: 1
        title: T
        steps:
          - say: "One. [pause 2.5s] Two."
          - pause: 1m30s
          - breathe: {pattern: 4-7-8, minutes: 1}
    """)
    session = load_session(path)
    assert session.steps[0] == Say("One. [pause 2.5s] Two.", ("One.", 2.5, "Two."))
    assert session.steps[1] == Pause(90.0)
    breathe = session.steps[2]
    assert isinstance(breathe, Breathe) and breathe.cycles == 3 and breathe.pattern.cycle_s == 19
    assert session.id == "s" and session.voice.engine == "piper" and session.ducking_db == 3


def test_every_problem_is_reported_with_its_place(write_yaml):
    path = write_yaml("""
        format: 1
        titel: x
        voice: {engine: pipr, rate: 3}
        steps:
          - sya: hello
          - pause: 20 seconds
          - pause: 45m
          - bell: bwol
          - breathe: {pattern: 4-7-9-0-1, cycles: 2}
          - ambient: {sound: ../../etc/passwd, gain_db: -3}
          - say: "Hello [pause three] there"
          - say: "Hello [breath]"
          - breathe: {pattern: box, cycles: 2, minutes: 3}
          - rehearse: {phrases: [], gap: 2s}
          - {say: a, pause: 2s}
          - say: "Rest [pause 45m] here"
    """)
    assert problems(path) == [
        "2:1: titel: unknown key 'titel' (did you mean 'title'?)",
        "1:1: missing required key 'title' (add `title:`)",
        "3:17: voice.engine: unknown voice engine 'pipr' (did you mean 'piper'?)",
        "3:29: voice.rate: 3 is out of range (use a number from 0.5 to 2)",
        "5:5: steps[0].sya: unknown step 'sya' (did you mean 'say'?)",
        "6:12: steps[1].pause: expected a pause, found '20 seconds' (use e.g. 500ms, 20s, 1.5s, 2m or 1m30s)",
        "7:12: steps[2].pause: 45m is longer than the limit of 30 min (split it into shorter parts)",
        "8:11: steps[3].bell: unknown bell 'bwol' (did you mean 'bowl'?)",
        "9:24: steps[4].breathe.pattern: unknown breathing pattern '4-7-9-0-1' "
        "(did you mean '4-7-11'?; or seconds as in-hold-out-hold, e.g. 4-4-6-0)",
        "10:22: steps[5].ambient.sound: the path '../../etc/passwd' leaves the session's folder "
        "(use a path relative to the session's folder or assets/, without ..)",
        "11:10: steps[6].say: 'three' in '[pause three]' is not a duration (use e.g. 500ms, 20s, 1.5s, 2m or 1m30s)",
        "12:10: steps[7].say: unknown mark '[breath]' (the only mark is a pause, e.g. [pause 3s])",
        "13:14: steps[8].breathe: give either cycles or minutes, not both (keep one of them)",
        "14:25: steps[9].rehearse.phrases: expected a list of phrases (write `phrases: [\"I need some time.\"]`)",
        "15:5: steps[10]: one step holds say and pause (put each in its own `- ` item)",
        "16:10: steps[11].say: '[pause 45m]' is longer than the limit of 30 min for a pause (split it into shorter "
        "parts)",
    ]


@pytest.mark.parametrize("content, expected", [
    (b"", "1:1: the file is empty (a session starts with `format: 1` and a `title`)"),
    (b"  \n\n", "1:1: the file is empty (a session starts with `format: 1` and a `title`)"),
    (b"format: 1\ntitle: caf\xe9\n", "2:11: byte 0xe9 is not valid UTF-8 (save the file as UTF-8)"),
    (b"format: 1\ntitle: t\nsteps:\n\t- pause: 2s\n", "4:1: a tab is used for indentation (indent with spaces)"),
    (b"- a\n- b\n", "1:1: expected a mapping, found a list (write it as `key: value` lines (format, title, summary, "
                    "length, tags, language, reflection_prompt, voice, ambient, ducking_db, fade_out, pacing, soften, "
                    "bells, steps))"),
    (b"format: 1\ntitle: a\ntitle: b\n", "3:1: title: the key 'title' appears twice (keep only one of them)"),
    (b"format: 1\ntitle: !!python/object:os.system x\n",
     "2:8: title: the tag tag:yaml.org,2002:python/object:os.system is not allowed "
     "(use plain values: text, numbers, lists and mappings)"),
    (b"format: 2\ntitle: t\nsteps: [{pause: 1s}]\n",
     "1:9: format: unsupported format 2 (this version of Stillpoint reads `format: 1`)"),
    (b"format: 1\ntitle: [a\n", "3:1: not valid YAML: expected ',' or ']', but got '<stream end>' "
                                "(check the indentation and quoting near this place)"),
    (b"format: 1\ntitle: t\nsteps:\n  - pause\n",
     "4:5: steps[0]: expected a step such as `say: ...` or `pause: 10s` "
     "(steps are: chapter, say, pause, bell, breathe, poem, rehearse, ambient)"),
    (b"format: 1\ntitle: t\ntags: calm\nsteps: [{pause: 1s}]\n",
     "3:7: tags: expected a list of tags (write `tags: [calm, evening]`)"),
    (b"format: 1\ntitle: t\nducking_db: loud\nsteps: [{pause: 1s}]\n",
     "3:13: ducking_db: expected a number, found 'loud' (use a number from 0 to 30)"),
    (b"format: 1\ntitle: t\nsteps:\n  - bell: {sound: bowl, strikes: 2.5}\n",
     "4:34: steps[0].bell.strikes: expected a whole number, found '2.5' (use a whole number from 1 to 12)"),
    (b"format: 1\ntitle: t\nsteps:\n  - poem: no-such-poem\n",
     "4:11: steps[0].poem: no poem named 'no-such-poem' (use one of: coming-home, room-to-breathe, the-open-hand)"),
    (b"format: 1\ntitle: t\nsteps:\n  - ambient: {sound: sounds/missing.ogg, gain_db: -20}\n",
     "4:22: steps[0].ambient.sound: sound file 'sounds/missing.ogg' not found "
     "(put it in the session's folder or assets/, or use a built-in name)"),
    (b"format: 1\ntitle: t\nsteps:\n  - breathe: {pattern: box, cues: [tone, hum]}\n",
     "4:42: steps[0].breathe.cues[1]: unknown cue 'hum' (use one of: tone, voice, bell)"),
])
def test_each_kind_of_problem(tmp_path, content, expected):
    path = tmp_path / "s.yaml"
    path.write_bytes(content)
    assert problems(path) == [expected]


def test_a_session_sets_its_own_pacing_and_softening(write_yaml):
    session = load_session(write_yaml("""
        format: 1
        title: T
        pacing: {sentence_gap: 1.5s, paragraph_gap: 4s}
        soften: false
        tags: [sleep]
        steps: [{pause: 1s}]
    """))
    assert (session.pacing.sentence_gap_s, session.pacing.paragraph_gap_s, session.pacing.after_say_s) == (1.5, 4.0, 1.5)
    assert session.softens is False


def test_pacing_and_softening_problems(write_yaml):
    path = write_yaml("""
        format: 1
        title: T
        pacing: {sentence_gap: 40s, breath: 2s}
        soften: yes please
        steps: [{pause: 1s}]
    """)
    assert problems(path) == [
        "3:29: pacing.breath: unknown key 'breath' (use one of: sentence_gap, paragraph_gap, after_say)",
        "3:24: pacing.sentence_gap: 40s is longer than the limit of 30 s (a gap is at most 30s)",
        "4:9: soften: expected true or false, found 'yes please' (write `soften: true` or `soften: false`)",
    ]


def test_a_missing_file(tmp_path):
    assert problems(tmp_path / "gone.yaml") == ["1:1: file not found (check the path or the name of the session)"]


def test_limits(write_yaml, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"format: 1\ntitle: t\nsummary: " + b"x" * (1024 * 1024) + b"\n")
    assert problems(big) == ["1:1: the file is 1,048,605 bytes; the limit is 1 MiB (split it into shorter sessions)"]
    long_say = write_yaml("format: 1\ntitle: t\nsteps:\n  - say: " + "word " * 1001 + "\n", "say.yaml")
    assert problems(long_say) == [
        "4:10: steps[0].say: the text is 5,004 characters; the limit is 5,000 (split it into shorter parts)"]
    many_pauses = write_yaml("format: 1\ntitle: t\nsteps:\n" + "  - pause: 30m\n" * 7, "long.yaml")
    assert problems(many_pauses) == [
        "4:3: steps: the session would last about 3.5 h; the limit is 3 h (split it into shorter sessions)"]
    too_long = write_yaml("format: 1\ntitle: t\nlength: 3h1m\nsteps: [{pause: 1s}]\n", "len.yaml")
    assert problems(too_long) == ["3:9: length: 3h1m is longer than the limit of 3 h (split it into shorter parts)"]


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n")
    started = time.thread_time()
    found = problems(path)
    assert time.thread_time() - started < 1.0
    assert len(found) == 1 and "the document expands to more than 50,000 values" in found[0]


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 40 + "]" * 40 + "\n")
    found = problems(path)
    assert len(found) == 1 and found[0].endswith("nesting deeper than 32 levels (flatten the structure)")


def test_a_symlink_cannot_lead_outside(tmp_path, write_yaml):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.wav"
    outside.write_bytes(b"RIFF")
    (tmp_path / "linked.wav").symlink_to(outside)
    path = write_yaml("format: 1\ntitle: t\nambient:\n  - {sound: linked.wav}\nsteps: [{pause: 1s}]\n")
    assert problems(path) == ["4:13: ambient[0].sound: the path 'linked.wav' leads outside its folder through a link "
                              "(copy the file into the session's folder or assets/)"]


def test_a_poem_with_problems_is_reported_in_its_own_file(tmp_path, write_yaml):
    poem = write_yaml("format: 1\ntitle: P\nstanzas: []\nline_pause: forever\n", "poems/bad-poem.yaml")
    session = write_yaml("format: 1\ntitle: t\nsteps:\n  - poem: bad-poem\n", "sessions/s.yaml")
    with pytest.raises(SessionError) as caught:
        load_session(session)
    assert [str(p) for p in caught.value.problems] == [
        f"{poem}:4:13: line_pause: expected a duration, found 'forever' (use e.g. 500ms, 20s, 1.5s, 2m or 1m30s)",
        f"{poem}:3:10: stanzas: expected a list of stanzas (write each stanza as `- |` followed by its lines)",
    ]


def test_a_poem_loads_with_its_lines(write_yaml):
    poem = load_poem(write_yaml("format: 1\ntitle: P\nline_pause: 1s\nstanzas:\n  - |\n    a b\n    c\n  - d\n"))
    assert poem.stanzas == (("a b", "c"), ("d",)) and poem.line_pause_s == 1.0 and poem.stanza_pause_s == 4.0


def test_a_poem_step_uses_the_shipped_poem(write_yaml):
    session = load_session(write_yaml("format: 1\ntitle: t\nsteps:\n  - poem: coming-home\n"))
    step = session.steps[0]
    assert isinstance(step, PoemStep) and step.poem.title == "Coming Home" and len(step.poem.stanzas) == 4

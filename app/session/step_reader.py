"""Reading a session's steps (and the bells they strike) and the poems they name, each problem with its place in
the file."""

import re
from pathlib import Path

from app.session import names
from app.session.checks import Checker, kind_of, suggest
from app.session.durations import DURATION_HINT, parse_duration
from app.session.errors import SessionError
from app.session.model import (
    AmbientChange,
    Bell,
    BellStrike,
    Breathe,
    BreathPattern,
    Chapter,
    Pause,
    Poem,
    PoemStep,
    Rehearse,
    Say,
)
from app.session.yaml_source import Path_, read_document

MAX_PAUSE_S = 30 * 60.0
MAX_SAY_CHARS = 5000
ESTIMATED_WORDS_PER_S = 2.2  # unhurried guided speech at rate 1.0; used only for the 3 h limit
STEP_KINDS = ("chapter", "say", "pause", "bell", "breathe", "poem", "rehearse", "ambient")
POEM_KEYS = ("format", "title", "author", "line_pause", "stanza_pause", "stanzas")
_PAUSE_MARK = re.compile(r"\[([^\]]*)\]")
_PATTERN_TEXT = re.compile(r"^[0-9]+(\.[0-9]+)?(-[0-9]+(\.[0-9]+)?){3}$")


def load_poem(file: Path) -> Poem:
    """The poem in `file`; raise SessionError listing every problem found."""
    document = read_document(Path(file))
    check = Checker(document)
    poem = _read_poem(check, document.data)
    if check.problems:
        raise SessionError(check.problems)
    return poem


def check_format(check: Checker, root: dict) -> None:
    if "format" in root and (root["format"] != 1 or isinstance(root["format"], bool)):
        check.add(("format",), f"unsupported format {root['format']!r}", "this version of Stillpoint reads `format: 1`")


def poem_folders(session_file: Path) -> list[Path]:
    """Where a session's `poem:` names are looked up, in order."""
    from app.folders import shipped_poems_dir

    folder = Path(session_file).parent
    return [folder.parent / "poems", folder / "poems", shipped_poems_dir()]


BREATH_S = (1.0, 60.0)  # a breath in or out
HOLD_S = (0.0, 120.0)  # a hold after it


def pattern_problem(pattern: BreathPattern) -> str | None:
    """Why a pattern's phases are out of bounds (a phase of a day, breaths of milliseconds), or None."""
    for what, seconds, (low, high) in (("a breath in", pattern.inhale_s, BREATH_S),
                                       ("a breath out", pattern.exhale_s, BREATH_S),
                                       ("the hold after breathing in", pattern.hold_in_s, HOLD_S),
                                       ("the hold after breathing out", pattern.hold_out_s, HOLD_S)):
        if not low <= seconds <= high:
            return (f"{what} of {seconds:g} s is out of range; a breath in or out lasts {BREATH_S[0]:g} to "
                    f"{BREATH_S[1]:g} s and a hold {HOLD_S[0]:g} to {HOLD_S[1]:g} s")
    return None


def parse_pattern(text: str) -> BreathPattern | None:
    """A preset name or an `in-hold-out-hold` string of seconds; None when it is neither."""
    if text in names.BREATH_PRESETS:
        inhale, hold_in, exhale, hold_out, top_up = names.BREATH_PRESETS[text]
        return BreathPattern(text, inhale, hold_in, exhale, hold_out, top_up)
    if _PATTERN_TEXT.match(text):
        inhale, hold_in, exhale, hold_out = (float(part) for part in text.split("-"))
        if inhale > 0 and exhale > 0:
            return BreathPattern(text, inhale, hold_in, exhale, hold_out)
    return None


def _read_poem(check: Checker, data) -> Poem | None:
    root = check.mapping((), data, POEM_KEYS, ("format", "title", "stanzas"))
    if root is None:
        return None
    check_format(check, root)
    title = check.text(("title",), root["title"]) if "title" in root else None
    line_pause = check.duration(("line_pause",), root.get("line_pause", 1.5), 60)
    stanza_pause = check.duration(("stanza_pause",), root.get("stanza_pause", 4), 120)
    author = check.text(("author",), root["author"]) if "author" in root else ""
    stanzas = []
    raw = root.get("stanzas")
    if "stanzas" in root and (not isinstance(raw, list) or not raw):
        check.add(("stanzas",), "expected a list of stanzas", "write each stanza as `- |` followed by its lines")
    elif isinstance(raw, list):
        for index, stanza in enumerate(raw):
            text = check.text(("stanzas", index), stanza, MAX_SAY_CHARS)
            if text:
                stanzas.append(tuple(line.strip() for line in text.splitlines() if line.strip()))
    if check.problems or title is None:
        return None
    return Poem(check.document.file, title, tuple(stanzas), line_pause, stanza_pause, author or "")


class StepReader:
    """The steps of a session; the session reader builds on it (`self.check` and `self.poem_cache` are its own)."""

    def _bell(self, path: Path_, value) -> BellStrike | None:
        check = self.check
        if isinstance(value, str):
            sound = check.sound(path, value, names.BELLS, "bell")
            return BellStrike(sound) if sound else None
        bell = check.mapping(path, value, ("sound", "gain_db", "strikes"), ("sound",))
        if bell is None or "sound" not in bell:
            return None
        sound = check.sound(path + ("sound",), bell["sound"], names.BELLS, "bell")
        gain = check.number(path + ("gain_db",), bell.get("gain_db", -10), -60, 0)
        strikes = check.number(path + ("strikes",), bell.get("strikes", 1), 1, 12, integer=True)
        if None in (sound, gain, strikes):
            return None
        return BellStrike(sound, float(gain), int(strikes))

    def _steps(self, value) -> list:
        if not isinstance(value, list) or not value:
            found = "an empty list" if value == [] else kind_of(value)
            self.check.add(("steps",), f"expected a list of steps, found {found}",
                           "a session needs at least one step: write `steps:` then one `- say: ...` line per step")
            return []
        steps = []
        for index, item in enumerate(value):
            step = self._step(("steps", index), item)
            if step is not None:
                steps.append(step)
        return steps

    def _step(self, path: Path_, item):
        check = self.check
        if not isinstance(item, dict) or not item:
            check.add(path, "expected a step such as `say: ...` or `pause: 10s`", f"steps are: {', '.join(STEP_KINDS)}")
            return None
        kinds = [key for key in item if key in STEP_KINDS]
        for key in item:
            if key not in STEP_KINDS:
                check.add(path + (key,), f"unknown step '{key}'", suggest(key, STEP_KINDS), at_key=True)
        if len(kinds) > 1:
            check.add(path, f"one step holds {' and '.join(kinds)}", "put each in its own `- ` item")
            return None
        if not kinds:
            return None
        kind = kinds[0]
        return getattr(self, f"_step_{kind}")(path + (kind,), item[kind])

    def _step_chapter(self, path: Path_, value):
        title = self.check.text(path, value)
        return Chapter(title) if title else None

    def _step_say(self, path: Path_, value):
        text = self.check.text(path, value, MAX_SAY_CHARS)
        if not text:
            return None
        parts: list[str | float] = []
        cursor = 0
        for mark in _PAUSE_MARK.finditer(text):
            words = mark.group(1).split()
            if len(words) != 2 or words[0] != "pause":
                self.check.add(path, f"unknown mark '{mark.group(0)}'", "the only mark is a pause, e.g. [pause 3s]")
                continue
            try:
                seconds = parse_duration(words[1])
            except ValueError:
                self.check.add(path, f"'{words[1]}' in '{mark.group(0)}' is not a duration", DURATION_HINT)
                continue
            if seconds > MAX_PAUSE_S:  # the same limit as a pause step
                self.check.add(path, f"'{mark.group(0)}' is longer than the limit of {MAX_PAUSE_S / 60:g} min for a "
                               "pause", "split it into shorter parts")
                continue
            parts.extend([text[cursor:mark.start()], seconds])
            cursor = mark.end()
        parts.append(text[cursor:])
        cleaned = tuple(p.strip() if isinstance(p, str) else p for p in parts)
        return Say(text, tuple(p for p in cleaned if p != ""))

    def _step_pause(self, path: Path_, value):
        seconds = self.check.duration(path, value, MAX_PAUSE_S, "a pause")
        return Pause(seconds) if seconds is not None else None

    def _step_bell(self, path: Path_, value):
        bell = self._bell(path, value)
        return Bell(bell) if bell else None

    def _step_breathe(self, path: Path_, value):
        check = self.check
        if isinstance(value, str):
            value = {"pattern": value}
        spec = check.mapping(path, value, ("pattern", "cycles", "minutes", "cues", "eyes_closed"), ("pattern",))
        if spec is None or "pattern" not in spec:
            return None
        raw = spec["pattern"]
        pattern = parse_pattern(raw) if isinstance(raw, str) else None
        if pattern is None:
            hint = suggest(str(raw), tuple(names.BREATH_PRESETS)) + "; or seconds as in-hold-out-hold, e.g. 4-4-6-0"
            check.add(path + ("pattern",), f"unknown breathing pattern '{raw}'", hint)
            return None
        problem = pattern_problem(pattern)
        if problem:
            check.add(path + ("pattern",), problem, "write the seconds as in-hold-out-hold, e.g. 4-4-6-0")
            return None
        if "cycles" in spec and "minutes" in spec:
            check.add(path, "give either cycles or minutes, not both", "keep one of them")
            return None
        cycles = 4
        if "cycles" in spec:
            cycles = check.number(path + ("cycles",), spec["cycles"], 1, 500, integer=True)
        elif "minutes" in spec:
            minutes = check.number(path + ("minutes",), spec["minutes"], 0.1, 60)
            cycles = max(1, round(minutes * 60 / pattern.cycle_s)) if minutes else None
        cues = spec.get("cues", ["tone"])
        if not isinstance(cues, list):
            check.add(path + ("cues",), "expected a list of cues", "write e.g. `cues: [tone, voice]`")
            return None
        chosen = tuple(check.choice(path + ("cues", i), cue, names.CUES, "cue") for i, cue in enumerate(cues))
        eyes_closed = spec.get("eyes_closed", False)
        if not isinstance(eyes_closed, bool):
            check.add(path + ("eyes_closed",), "expected true or false", "write `eyes_closed: true`")
            return None
        if cycles is None or None in chosen:
            return None
        return Breathe(pattern, int(cycles), tuple(dict.fromkeys(chosen)), eyes_closed)

    def _step_poem(self, path: Path_, value):
        check = self.check
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", value):
            check.add(path, f"expected a poem name, found {value!r}", "use the file name without .yaml, e.g. coming-home")
            return None
        folders = poem_folders(check.document.file)
        file = next((f / f"{value}.yaml" for f in folders if (f / f"{value}.yaml").is_file()), None)
        if file is None:
            known = sorted({p.stem for f in folders if f.is_dir() for p in f.glob("*.yaml")})
            check.add(path, f"no poem named '{value}'", suggest(value, known) if known else "add it to poems/")
            return None
        if not file.resolve().is_relative_to(file.parent.resolve()):  # the same rule as a sound file
            check.add(path, f"the poem '{value}' leads outside its folder through a link",
                      "copy the poem into the poems/ folder")
            return None
        if file not in self.poem_cache:
            try:
                self.poem_cache[file] = load_poem(file)
            except SessionError as error:
                check.problems.extend(error.problems)
                self.poem_cache[file] = None
        poem = self.poem_cache[file]
        return PoemStep(poem) if poem else None

    def _step_rehearse(self, path: Path_, value):
        check = self.check
        spec = check.mapping(path, value, ("phrases", "repeat", "gap"), ("phrases",))
        if spec is None or "phrases" not in spec:
            return None
        raw = spec["phrases"]
        if not isinstance(raw, list) or not raw:
            check.add(path + ("phrases",), "expected a list of phrases", 'write `phrases: ["I need some time."]`')
            return None
        phrases = [check.text(path + ("phrases", i), p, 500) for i, p in enumerate(raw)]
        repeat = check.number(path + ("repeat",), spec.get("repeat", 1), 1, 10, integer=True)
        gap = check.duration(path + ("gap",), spec.get("gap", 5), 120)
        if None in phrases or repeat is None or gap is None:
            return None
        return Rehearse(tuple(phrases), int(repeat), gap)

    def _step_ambient(self, path: Path_, value):
        check = self.check
        spec = check.mapping(path, value, ("sound", "gain_db", "ramp"), ("sound", "gain_db"))
        if spec is None or "sound" not in spec or "gain_db" not in spec:
            return None
        sound = check.sound(path + ("sound",), spec["sound"], names.BEDS, "ambient sound")
        gain = check.number(path + ("gain_db",), spec["gain_db"], -60, 0)
        ramp = check.duration(path + ("ramp",), spec.get("ramp", 4), 600)
        if None in (sound, gain, ramp):
            return None
        return AmbientChange(sound, float(gain), ramp)


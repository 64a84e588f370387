"""Load a session or poem file into the model, reporting every problem at once (SessionError)."""

import re
from pathlib import Path

from app.session import names
from app.session.checks import Checker, kind_of, suggest
from app.session.durations import DURATION_HINT, parse_duration
from app.session.errors import SessionError
from app.session.model import (
    AmbientChange,
    Bed,
    Bell,
    Bells,
    BellStrike,
    Breathe,
    BreathPattern,
    Chapter,
    IntervalBells,
    Pause,
    Poem,
    PoemStep,
    Rehearse,
    Say,
    Session,
    Voice,
)
from app.session.yaml_source import Path_, read_document

MAX_TOTAL_S = 3 * 3600.0
MAX_PAUSE_S = 30 * 60.0
MAX_SAY_CHARS = 5000
ESTIMATED_WORDS_PER_S = 2.2  # unhurried guided speech at rate 1.0; used only for the 3 h limit
HEADER_KEYS = ("format", "title", "summary", "length", "tags", "language", "reflection_prompt", "voice",
               "ambient", "ducking_db", "fade_out", "bells", "steps")
STEP_KINDS = ("chapter", "say", "pause", "bell", "breathe", "poem", "rehearse", "ambient")
POEM_KEYS = ("format", "title", "author", "line_pause", "stanza_pause", "stanzas")
_PAUSE_MARK = re.compile(r"\[([^\]]*)\]")
_PATTERN_TEXT = re.compile(r"^[0-9]+(\.[0-9]+)?(-[0-9]+(\.[0-9]+)?){3}$")


def load_session(file: Path) -> Session:
    """The session in `file`; raise SessionError listing every problem found."""
    document = read_document(Path(file))
    check = Checker(document)
    session = _SessionReader(check).read(document.data)
    if check.problems:
        raise SessionError(check.problems)
    return session


def load_poem(file: Path) -> Poem:
    """The poem in `file`; raise SessionError listing every problem found."""
    document = read_document(Path(file))
    check = Checker(document)
    poem = _read_poem(check, document.data)
    if check.problems:
        raise SessionError(check.problems)
    return poem


def poem_folders(session_file: Path) -> list[Path]:
    """Where a session's `poem:` names are looked up, in order."""
    from app.folders import shipped_poems_dir

    folder = Path(session_file).parent
    return [folder.parent / "poems", folder / "poems", shipped_poems_dir()]


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
    _check_format(check, root)
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


def _check_format(check: Checker, root: dict) -> None:
    if "format" in root and (root["format"] != 1 or isinstance(root["format"], bool)):
        check.add(("format",), f"unsupported format {root['format']!r}", "this version of Stillpoint reads `format: 1`")


class _SessionReader:
    def __init__(self, check: Checker):
        self.check = check
        self.poem_cache: dict[Path, Poem | None] = {}

    def read(self, data) -> Session | None:
        check = self.check
        root = check.mapping((), data, HEADER_KEYS, ("format", "title", "steps"))
        if root is None:
            return None
        _check_format(check, root)
        fields: dict = {}
        if "title" in root:
            fields["title"] = check.text(("title",), root["title"])
        if "summary" in root:
            fields["summary"] = check.text(("summary",), root["summary"], 2000)
        if "reflection_prompt" in root:
            fields["reflection_prompt"] = check.text(("reflection_prompt",), root["reflection_prompt"], 500)
        if "length" in root:
            fields["length_s"] = check.duration(("length",), root["length"], MAX_TOTAL_S, "a length")
        if "tags" in root:
            fields["tags"] = self._tags(root["tags"])
        if "language" in root:
            fields["language"] = self._language(root["language"])
        if "voice" in root:
            fields["voice"] = self._voice(root["voice"])
        if "ambient" in root:
            fields["ambient"] = self._beds(root["ambient"])
        if "ducking_db" in root:
            fields["ducking_db"] = check.number(("ducking_db",), root["ducking_db"], 0, 30)
        if "fade_out" in root:
            fields["fade_out_s"] = check.duration(("fade_out",), root["fade_out"], 120)
        if "bells" in root:
            fields["bells"] = self._bells(root["bells"])
        steps = self._steps(root["steps"]) if "steps" in root else []
        self._check_total(root, steps)
        if check.problems:
            return None
        return Session(file=check.document.file, steps=tuple(steps), **fields)

    def _tags(self, value) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.check.add(("tags",), "expected a list of tags", "write `tags: [calm, evening]`")
            return None
        tags = [self.check.text(("tags", i), tag, 40) for i, tag in enumerate(value)]
        return tuple(tag for tag in tags if tag)

    def _language(self, value) -> str | None:
        if isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
            return value
        self.check.add(("language",), f"'{value}' is not a language tag", "use e.g. en or en-GB")
        return None

    def _voice(self, value) -> Voice | None:
        check, path = self.check, ("voice",)
        voice = check.mapping(path, value, ("engine", "name", "rate"))
        if voice is None:
            return None
        engine = check.choice(path + ("engine",), voice.get("engine", "piper"), names.ENGINES, "voice engine")
        name = check.text(path + ("name",), voice["name"], 100) if "name" in voice else None
        rate = check.number(path + ("rate",), voice.get("rate", 1.0), 0.5, 2.0)
        if engine is None or rate is None:
            return None
        default_name = "joe" if engine == "piper" else "default"
        return Voice(engine, name or default_name, float(rate))

    def _beds(self, value) -> tuple[Bed, ...] | None:
        if not isinstance(value, list):
            self.check.add(("ambient",), "expected a list of beds", "write `ambient:` then `- {sound: rain, gain_db: -22}`")
            return None
        beds = []
        for index, item in enumerate(value):
            path = ("ambient", index)
            bed = self.check.mapping(path, item, ("sound", "gain_db", "fade_in", "fade_out"), ("sound",))
            if bed is None:
                continue
            sound = self.check.sound(path + ("sound",), bed.get("sound"), names.BEDS, "ambient sound") if "sound" in bed else None
            gain = self.check.number(path + ("gain_db",), bed.get("gain_db", -22), -60, 0)
            fade_in = self.check.duration(path + ("fade_in",), bed.get("fade_in", 8), 600)
            fade_out = self.check.duration(path + ("fade_out",), bed.get("fade_out", 12), 600)
            if None not in (sound, gain, fade_in, fade_out):
                beds.append(Bed(sound, float(gain), fade_in, fade_out))
        return tuple(beds)

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

    def _bells(self, value) -> Bells | None:
        check, path = self.check, ("bells",)
        bells = check.mapping(path, value, ("start", "end", "interval"))
        if bells is None:
            return None
        start = self._bell(path + ("start",), bells["start"]) if "start" in bells else None
        end = self._bell(path + ("end",), bells["end"]) if "end" in bells else None
        interval = None
        if "interval" in bells:
            ipath = path + ("interval",)
            spec = check.mapping(ipath, bells["interval"], ("every", "sound", "gain_db"), ("every",))
            if spec is not None and "every" in spec:
                every = check.duration(ipath + ("every",), spec["every"], MAX_TOTAL_S)
                if every is not None and every < 10:
                    check.add(ipath + ("every",), "an interval bell needs at least 10s between strikes", DURATION_HINT)
                    every = None
                bell = self._bell(ipath, {k: v for k, v in spec.items() if k != "every"} | {"sound": spec.get("sound", "chime")})
                if every is not None and bell is not None:
                    interval = IntervalBells(every, bell)
        return Bells(start, end, interval)

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

    def _check_total(self, root: dict, steps: list) -> None:
        estimate = 0.0
        for step in steps:
            estimate += _estimated_seconds(step)
        if estimate > MAX_TOTAL_S:
            self.check.add(("steps",), f"the session would last about {estimate / 3600:.1f} h; the limit is 3 h",
                           "split it into shorter sessions")


def _estimated_seconds(step) -> float:
    """A rough length for the 3 h limit, before any speech is synthesised."""
    def speech(text: str) -> float:
        return len(text.split()) / ESTIMATED_WORDS_PER_S

    if isinstance(step, Say):
        return sum(p if isinstance(p, float) else speech(p) for p in step.parts)
    if isinstance(step, Pause):
        return step.seconds
    if isinstance(step, Breathe):
        return step.cycles * step.pattern.cycle_s
    if isinstance(step, Rehearse):
        return step.repeat * sum(speech(p) + step.gap_s for p in step.phrases)
    if isinstance(step, PoemStep):
        lines = sum(len(s) for s in step.poem.stanzas)
        words = sum(len(line.split()) for s in step.poem.stanzas for line in s)
        return words / ESTIMATED_WORDS_PER_S + lines * step.poem.line_pause_s
    return 0.0

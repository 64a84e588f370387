"""Load a session or poem file into the model, reporting every problem at once (SessionError)."""

import re
from pathlib import Path

from app.session import names
from app.session.checks import Checker, suggest
from app.session.durations import DURATION_HINT
from app.session.errors import SessionError
from app.session.model import (
    Bed,
    Bells,
    Breathe,
    IntervalBells,
    Pacing,
    Pause,
    Poem,
    PoemStep,
    Rehearse,
    Say,
    Session,
    Voice,
)
from app.session.step_reader import (  # noqa: F401 (load_poem, parse_pattern, pattern_problem, poem_folders: the loader's API)
    ESTIMATED_WORDS_PER_S,
    StepReader,
    check_format,
    load_poem,
    parse_pattern,
    pattern_problem,
    poem_folders,
)
from app.session.yaml_source import read_document

MAX_TOTAL_S = 3 * 3600.0
HEADER_KEYS = ("format", "title", "summary", "length", "tags", "language", "reflection_prompt", "voice",
               "ambient", "ducking_db", "fade_out", "pacing", "soften", "bells", "steps")
PACING_KEYS = {"sentence_gap": "sentence_gap_s", "paragraph_gap": "paragraph_gap_s", "after_say": "after_say_s"}
LONGEST_GAP_S = 30.0


MAX_BEDS = 12  # beds under one session, all generated at once

VOICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*(/[A-Za-z0-9][A-Za-z0-9_.+-]*)*")  # joe, gmw/en: never a path


def voice_problem(voice: Voice) -> tuple[str, str, str] | None:
    """(field, problem, hint) when the voice is not in its engine's own list or the engine cannot run, else None.
    Loads the engine: for validate and the commands that speak, never for a library scan or the window's start."""
    from app.tts.engines import get_engine

    engine = get_engine(voice.engine)
    reason = engine.unavailable_reason()
    if reason:
        return "engine", f"the {voice.engine} voice engine is not available: {reason}", "install it, or use another"
    offered = engine.voices()
    if voice.name != "default" and voice.name not in offered:
        return "name", f"no {voice.engine} voice named '{voice.name}'", suggest(voice.name, offered)
    return None


def _check_voice_exists(check: Checker, voice: Voice) -> None:
    problem = voice_problem(voice)
    if problem:
        check.add(("voice", problem[0]), problem[1], problem[2])


def load_session(file: Path, check_voice: bool = False) -> Session:
    """The session in `file`; raise SessionError listing every problem found. With `check_voice` (validate, render,
    play), its voice is also looked up in its engine's own list, which loads the engine."""
    document = read_document(Path(file))
    check = Checker(document)
    session = _SessionReader(check).read(document.data)
    if check_voice and session is not None and not check.problems:
        _check_voice_exists(check, session.voice)
    if check.problems:
        raise SessionError(check.problems)
    return session


class _SessionReader(StepReader):
    def __init__(self, check: Checker):
        self.check = check
        self.poem_cache: dict[Path, Poem | None] = {}

    def read(self, data) -> Session | None:
        check = self.check
        root = check.mapping((), data, HEADER_KEYS, ("format", "title", "steps"))
        if root is None:
            return None
        check_format(check, root)
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
        if "pacing" in root:
            fields["pacing"] = self._pacing(root["pacing"])
        if "soften" in root:
            fields["soften"] = self._yes_or_no(("soften",), root["soften"])
        if "bells" in root:
            fields["bells"] = self._bells(root["bells"])
        steps = self._steps(root["steps"]) if "steps" in root else []
        self._check_total(root, steps)
        if check.problems:
            return None
        return Session(file=check.document.file, steps=tuple(steps), **fields)

    def _pacing(self, value) -> Pacing | None:
        pacing = self.check.mapping(("pacing",), value, tuple(PACING_KEYS))
        if pacing is None:
            return None
        gaps = {PACING_KEYS[key]: self.check.duration(("pacing", key), gap, LONGEST_GAP_S,
                                                         too_long_hint="a gap is at most 30s")
                for key, gap in pacing.items() if key in PACING_KEYS}  # an unknown key is reported by `mapping`
        return None if None in gaps.values() else Pacing(**gaps)

    def _yes_or_no(self, path, value) -> bool | None:
        if isinstance(value, bool):
            return value
        self.check.add(path, f"expected true or false, found '{value}'", "write `soften: true` or `soften: false`")
        return None

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

    def _voice_name(self, value) -> str | None:
        name = self.check.text(("voice", "name"), value, 100)
        if name is not None and (not VOICE_NAME.fullmatch(name) or ".." in name.split("/")):
            self.check.add(("voice", "name"), f"'{name}' is not a voice name (letters, digits, - _ . + and / between "
                           "parts; no .. and no leading /)", "`stillpoint voices` lists them")
            return None
        return name

    def _voice(self, value) -> Voice | None:
        check, path = self.check, ("voice",)
        voice = check.mapping(path, value, ("engine", "name", "rate"))
        if voice is None:
            return None
        engine = check.choice(path + ("engine",), voice.get("engine", "piper"), names.ENGINES, "voice engine")
        name = self._voice_name(voice["name"]) if "name" in voice else None
        rate = check.number(path + ("rate",), voice.get("rate", 1.0), 0.5, 2.0)
        if engine is None or rate is None:
            return None
        default_name = "joe" if engine == "piper" else "default"
        return Voice(engine, name or default_name, float(rate))

    def _beds(self, value) -> tuple[Bed, ...] | None:
        if not isinstance(value, list):
            self.check.add(("ambient",), "expected a list of beds", "write `ambient:` then `- {sound: rain, gain_db: -22}`")
            return None
        if len(value) > MAX_BEDS:
            self.check.add(("ambient",), f"{len(value)} beds are more than the limit of {MAX_BEDS}",
                           "keep the few that matter; each is mixed all through the session")
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

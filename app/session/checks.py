"""Typed reading of plain YAML data, collecting every problem with its place and a hint."""

import difflib
import re
from pathlib import Path

from app.session.durations import DURATION_HINT, parse_duration
from app.session.errors import Problem
from app.session.model import SoundRef
from app.session.yaml_source import Document, Path_

# Unicode's control characters except tab and line feed: an ID3 text ends at a NUL; speech engines choke on them
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Checker:
    """Reads values out of a Document; each `want_*` returns a value or None and records problems."""

    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []

    def add(self, path: Path_, message: str, hint: str = "", at_key: bool = False) -> None:
        self.problems.append(self.document.problem(path, message, hint, at_key))

    def mapping(self, path: Path_, value, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict | None:
        """`value` as a mapping whose keys are in `allowed`, with every key in `required`."""
        if not isinstance(value, dict):
            self.add(path, f"expected a mapping, found {kind_of(value)}", f"write it as `key: value` lines ({', '.join(allowed)})")
            return None
        for key in value:
            if key not in allowed:
                self.add(path + (key,), f"unknown key '{key}'", suggest(key, allowed), at_key=True)
        for key in required:
            if key not in value:
                self.add(path, f"missing required key '{key}'", f"add `{key}:`")
        return value

    def text(self, path: Path_, value, max_chars: int = 200) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.add(path, f"expected text, found {kind_of(value)}", "write some words here")
            return None
        if len(value) > max_chars:
            self.add(path, f"the text is {len(value):,} characters; the limit is {max_chars:,}", "split it into shorter parts")
            return None
        control = _CONTROL.search(value)
        if control:
            self.add(path, f"the text holds the control character U+{ord(control.group()):04X} at character "
                     f"{control.start() + 1}", "remove it; only tabs and line breaks may stand in text")
            return None
        return value.strip()

    def number(self, path: Path_, value, low: float, high: float, integer: bool = False) -> float | None:
        kinds = (int,) if integer else (int, float)
        word = "a whole number" if integer else "a number"
        if isinstance(value, bool) or not isinstance(value, kinds):
            self.add(path, f"expected {word}, found {kind_of(value)}", f"use {word} from {low:g} to {high:g}")
            return None
        if not low <= value <= high:
            self.add(path, f"{value:g} is out of range", f"use {word} from {low:g} to {high:g}")
            return None
        return value

    def duration(self, path: Path_, value, max_s: float, what: str = "a duration",
                 too_long_hint: str = "split it into shorter parts") -> float | None:
        try:
            seconds = parse_duration(value)
        except ValueError:
            self.add(path, f"expected {what}, found {kind_of(value)}", DURATION_HINT)
            return None
        if seconds > max_s:
            self.add(path, f"{value} is longer than the limit of {_minutes(max_s)}", too_long_hint)
            return None
        return seconds

    def choice(self, path: Path_, value, choices: tuple[str, ...], what: str) -> str | None:
        if isinstance(value, str) and value in choices:
            return value
        shown = value if isinstance(value, str) else kind_of(value)
        self.add(path, f"unknown {what} '{shown}'", suggest(str(value), choices))
        return None

    def sound(self, path: Path_, value, builtins: tuple[str, ...], what: str) -> SoundRef | None:
        """A built-in name, or a relative path that stays inside the session's folder or `assets/`."""
        if not isinstance(value, str) or not value:
            self.add(path, f"expected a {what} name or file, found {kind_of(value)}", f"use one of: {', '.join(builtins)}")
            return None
        if value in builtins:
            return SoundRef(value)
        if "/" not in value and "\\" not in value and "." not in value:
            self.add(path, f"unknown {what} '{value}'", suggest(value, builtins))
            return None
        return self._sound_file(path, value)

    def _sound_file(self, path: Path_, value: str) -> SoundRef | None:
        from app.folders import assets_dir

        relative = Path(value)
        if relative.is_absolute() or relative.drive or ".." in relative.parts:
            self.add(path, f"the path '{value}' leaves the session's folder",
                     "use a path relative to the session's folder or assets/, without ..")
            return None
        for root in (self.document.file.parent, assets_dir()):
            candidate = root / relative
            if candidate.exists():
                if not candidate.resolve().is_relative_to(root.resolve()):
                    self.add(path, f"the path '{value}' leads outside its folder through a link",
                             "copy the file into the session's folder or assets/")
                    return None
                from app.session.sound_files import sound_file_problem

                problem = sound_file_problem(candidate)
                if problem:
                    self.add(path, problem, "use a WAV, FLAC, Ogg, MP3, AIFF or M4A file that plays, or a built-in name")
                    return None
                return SoundRef(value, candidate.resolve())
        self.add(path, f"sound file '{value}' not found", "put it in the session's folder or assets/, or use a built-in name")
        return None


def suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"use one of: {', '.join(choices)}"


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    return f"'{value}'"


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:g} s"
    return f"{seconds / 3600:g} h" if seconds >= 3600 else f"{seconds / 60:g} min"

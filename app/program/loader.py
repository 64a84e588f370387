"""Load a program file, reporting every problem at once with its line and column (SessionError, as for sessions)."""

import contextlib
from pathlib import Path

from app.program.model import KINDS, Day, Program
from app.session.checks import Checker, suggest
from app.session.errors import SessionError
from app.session.step_reader import check_format
from app.session.yaml_source import read_document

HEADER_KEYS = ("format", "id", "title", "summary", "days")
DAY_KEYS = ("title", "prompt", "contact_journal") + KINDS
MAX_DAYS = 60
BREATHING_MINUTES = (1, 60)
TIMER_LONGEST_S = 4 * 3600.0
PROMPT_CHARS = 300
DEFAULT_BREATHING_MINUTES = 5


def load_program(file: Path) -> Program:
    """The program in `file`; raise SessionError listing every problem found. Its sessions must be in the library
    (shipped, or the person's own folder); they are found by id, not loaded."""
    document = read_document(Path(file))
    check = Checker(document)
    program = _read(check, document.data, Path(file))
    if check.problems:
        raise SessionError(check.problems)
    return program


def is_program_file(file: Path) -> bool:
    """A file in a `programs` folder, or one whose top level has `days` and no `steps`."""
    if file.parent.name == "programs":
        return True
    try:
        data = read_document(file).data
    except SessionError:
        return False
    return isinstance(data, dict) and "days" in data and "steps" not in data


def _read(check: Checker, data, file: Path) -> Program | None:
    root = check.mapping((), data, HEADER_KEYS, HEADER_KEYS)
    if root is None:
        return None
    check_format(check, root)
    if "id" in root and check.text(("id",), root["id"], 100) not in (None, file.stem):
        check.add(("id",), f"the id '{root['id']}' is not the file's name '{file.stem}'",
                  f"write `id: {file.stem}`, or name the file {root['id']}.yaml")
    title = check.text(("title",), root["title"]) if "title" in root else None
    summary = check.text(("summary",), root["summary"], 2000) if "summary" in root else None
    days = _days(check, root["days"]) if "days" in root else None
    if check.problems or None in (title, summary, days):
        return None
    return Program(file, title, summary, tuple(days))


def _days(check: Checker, value) -> list[Day] | None:
    if not isinstance(value, list) or not value:
        check.add(("days",), "expected a list of days", "write `days:` then `- {session: ID, prompt: ...}` lines")
        return None
    if len(value) > MAX_DAYS:
        check.add(("days",), f"{len(value)} days are more than the limit of {MAX_DAYS}", "split it into two programs")
        return None
    days = [_day(check, ("days", index), item, index + 1) for index, item in enumerate(value)]
    return None if None in days else days


def _day(check: Checker, path, value, number: int) -> Day | None:
    day = check.mapping(path, value, DAY_KEYS, ("prompt",))
    if day is None:
        return None
    kinds = [kind for kind in KINDS if kind in day]
    if len(kinds) != 1:
        check.add(path, "a day plays one practice" + (f", not {' and '.join(kinds)}" if kinds else ""),
                  "give one of `session: ID`, `breathing: PATTERN` or `timer: LENGTH`")
        return None
    kind = kinds[0]
    prompt = check.text(path + ("prompt",), day["prompt"], PROMPT_CHARS) if "prompt" in day else None
    title = check.text(path + ("title",), day["title"], 80) if "title" in day else None
    contact = day.get("contact_journal", False)
    if not isinstance(contact, bool):
        check.add(path + ("contact_journal",), f"expected true or false, found '{contact}'",
                  "write `contact_journal: true`")
    practice = {"session": _session, "breathing": _breathing, "timer": _timer}[kind](check, path + (kind,), day[kind])
    if practice is None or prompt is None:
        return None
    item, minutes, default_title = practice
    return Day(number, title or default_title, kind, item, prompt, minutes, contact is True)


def _session(check: Checker, path, value):
    from app.session.library import library_folders

    name = check.text(path, value, 100)
    if name is None:
        return None
    for folder, _user in library_folders():
        with contextlib.suppress(OSError):
            if "/" not in name and (folder / f"{name}.yaml").is_file():
                return name, None, name.replace("-", " ").capitalize()
    known = sorted({file.stem for folder, _user in library_folders() if folder.is_dir() for file in folder.glob("*.yaml")})
    check.add(path, f"no session with the id '{name}' in the library", suggest(name, known))
    return None


def _breathing(check: Checker, path, value):
    from app.practice.presets import PRESETS

    spec = {"pattern": value} if isinstance(value, str) else check.mapping(path, value, ("pattern", "minutes"), ("pattern",))
    if spec is None or "pattern" not in spec:
        return None
    pattern = check.choice(path + ("pattern",), spec["pattern"], tuple(PRESETS), "breathing pattern")
    minutes = check.number(path + ("minutes",), spec.get("minutes", DEFAULT_BREATHING_MINUTES), *BREATHING_MINUTES)
    if pattern is None or minutes is None:
        return None
    return pattern, float(minutes), PRESETS[pattern].title


def _timer(check: Checker, path, value):
    seconds = check.duration(path, value, TIMER_LONGEST_S, "a length", "a timer is at most 4h")
    if seconds is None:
        return None
    if seconds < 60:
        check.add(path, f"a timer of {value} is shorter than a minute", "sit for at least 1m")
        return None
    return "timer", seconds / 60, "A quiet sit"

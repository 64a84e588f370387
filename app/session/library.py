"""The library: shipped sessions plus the user's own folder. An invalid file is listed with its problems."""

import contextlib
from dataclasses import dataclass
from pathlib import Path

from app.folders import shipped_sessions_dir, user_sessions_dir
from app.session.errors import Problem, SessionError
from app.session.loader import load_session
from app.session.model import Session


@dataclass(frozen=True)
class Entry:
    """One session file: its id (the file stem), and either the loaded session or its problems."""

    id: str
    file: Path
    session: Session | None
    problems: tuple[Problem, ...] = ()
    user: bool = False


def library_folders() -> list[tuple[Path, bool]]:
    """(folder, is the user's own) in lookup order; the user's file wins over a shipped one of the same id."""
    return [(user_sessions_dir(), True), (shipped_sessions_dir(), False)]


def folder_problem(folder: Path) -> str | None:
    """Why a sessions folder that exists cannot be read as one (a file in its place, no permission), else None."""
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{folder} is a file, not a folder; your own sessions are read from a folder there (move the file aside)"
    try:
        next(folder.iterdir(), None)
    except OSError as error:
        return f"the sessions folder {folder} cannot be read ({error.strerror}); check its permissions"
    return None


def discover() -> list[Entry]:
    """Every session file in the library, sorted by title (invalid files last, by id)."""
    entries: dict[str, Entry] = {}
    for folder, user in library_folders():
        if folder_problem(folder) or not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.yaml")):
            if file.stem not in entries:
                entries[file.stem] = load_entry(file, user)
    return sorted(entries.values(), key=lambda e: (e.session is None, e.session.title.lower() if e.session else e.id))


def load_entry(file: Path, user: bool = False) -> Entry:
    try:
        return Entry(file.stem, file, load_session(file), (), user)
    except SessionError as error:
        return Entry(file.stem, file, None, error.problems, user)


def resolve(reference: str) -> Path:
    """A library id or a path to a .yaml file -> the file; BadInput for an empty name or a folder, SessionError when
    neither is found."""
    from app.failures import BadInput

    if not reference.strip():
        raise BadInput("SESSION is empty; give a library id (`stillpoint list` shows them) or a .yaml file")
    path = Path(reference)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError:  # a name too long for a file name, say: it can only be an id
        is_dir = exists = False
    if is_dir:
        raise BadInput(f"{path} is a folder; give a session's .yaml file in it, or a library id")
    if path.suffix in (".yaml", ".yml") or exists:
        return path
    for folder, _user in library_folders():
        candidate = folder / f"{reference}.yaml"
        with contextlib.suppress(OSError):  # a name too long for a file is simply not found
            if candidate.is_file():
                return candidate
    import difflib

    close = difflib.get_close_matches(reference, [entry.id for entry in discover()], n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(repr(match) for match in close)}?; " if close else ""
    raise SessionError([Problem(path, 1, 1, "", f"no session with the id '{reference}'",
                                hint + "`stillpoint list` shows them")])

"""The programs in the library: the shipped ones and the person's own folder (whose file wins for the same id)."""

import contextlib
from dataclasses import dataclass
from pathlib import Path

from app.folders import shipped_programs_dir, user_programs_dir
from app.program.loader import load_program
from app.program.model import Program
from app.session.errors import Problem, SessionError


@dataclass(frozen=True)
class ProgramEntry:
    id: str
    file: Path
    program: Program | None
    problems: tuple[Problem, ...] = ()


def program_folders() -> list[Path]:
    return [user_programs_dir(), shipped_programs_dir()]


def discover_programs() -> list[ProgramEntry]:
    """Every program file, sorted by title (invalid ones last, by id)."""
    entries: dict[str, ProgramEntry] = {}
    for folder in program_folders():
        with contextlib.suppress(OSError):  # a folder that cannot be read holds no programs
            for file in sorted(folder.glob("*.yaml")):
                if file.stem not in entries:
                    try:
                        entries[file.stem] = ProgramEntry(file.stem, file, load_program(file))
                    except SessionError as error:
                        entries[file.stem] = ProgramEntry(file.stem, file, None, error.problems)
    return sorted(entries.values(), key=lambda e: (e.program is None, e.program.title.lower() if e.program else e.id))


def find_program(program_id: str) -> Program:
    """The program with this id, loaded; SessionError naming the ids there are when there is none."""
    for folder in program_folders():
        with contextlib.suppress(OSError):
            file = folder / f"{program_id}.yaml"
            if "/" not in program_id and file.is_file():
                return load_program(file)
    import difflib

    known = [entry.id for entry in discover_programs()]
    close = difflib.get_close_matches(program_id, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?; " if close else ""
    raise SessionError([Problem(Path(program_id), 1, 1, "", f"no program with the id '{program_id}'",
                                hint + "`stillpoint program list` shows them")])

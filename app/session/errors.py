"""Problems found in a session or poem file, reported all at once with their place."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (file, 1-based line and column, path in the document) and how to fix it."""

    file: Path
    line: int
    column: int
    where: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}{hint}"


class SessionError(Exception):
    """A session or poem file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

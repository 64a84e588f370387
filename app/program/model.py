"""A program as data: its days, and what each day plays."""

from dataclasses import dataclass
from pathlib import Path

KINDS = ("session", "breathing", "timer")


@dataclass(frozen=True)
class Day:
    """One day: what it plays (`kind` and `item`: a session id, a breathing pattern, or "timer"), for how long when it
    is breathing or the timer (`minutes`; a session has its own length), and the prompt offered afterwards."""

    number: int
    title: str
    kind: str
    item: str
    prompt: str
    minutes: float | None = None
    contact_journal: bool = False  # the day asks for a contact-journal entry

    @property
    def reference(self) -> str:
        """How the day's practice is named on the command line: `creating-healthy-distance`, `breathing:coherent`,
        `timer:10m`."""
        if self.kind == "session":
            return self.item
        return f"{self.kind}:{self.item if self.kind == 'breathing' else f'{self.minutes:g}m'}"


@dataclass(frozen=True)
class Program:
    file: Path
    title: str
    summary: str
    days: tuple[Day, ...]

    @property
    def id(self) -> str:
        return self.file.stem

    def day(self, number: int) -> Day:
        return self.days[number - 1]

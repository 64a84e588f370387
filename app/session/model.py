"""The session model: frozen dataclasses with no Qt and no audio. Times are in seconds (`_s`)."""

from dataclasses import dataclass, field
from pathlib import Path

from app.session import pacing


@dataclass(frozen=True)
class SoundRef:
    """A built-in sound name, or a file inside the session's folder or `assets/` (`path` set)."""

    name: str
    path: Path | None = None

    @property
    def builtin(self) -> bool:
        return self.path is None


@dataclass(frozen=True)
class Voice:
    engine: str = "piper"
    name: str = "joe"
    rate: float = 1.0


@dataclass(frozen=True)
class Pacing:
    """The gaps between a session's sentences (see app/session/pacing.py); a session may set its own."""

    sentence_gap_s: float = pacing.SENTENCE_GAP_S
    paragraph_gap_s: float = pacing.PARAGRAPH_GAP_S
    after_say_s: float = pacing.AFTER_SAY_S


@dataclass(frozen=True)
class Bed:
    """An ambient bed that plays under the whole session."""

    sound: SoundRef
    gain_db: float = -22.0
    fade_in_s: float = 8.0
    fade_out_s: float = 12.0


@dataclass(frozen=True)
class BellStrike:
    sound: SoundRef
    gain_db: float = -10.0
    strikes: int = 1


@dataclass(frozen=True)
class IntervalBells:
    every_s: float
    bell: BellStrike


@dataclass(frozen=True)
class Bells:
    start: BellStrike | None = None
    end: BellStrike | None = None
    interval: IntervalBells | None = None


@dataclass(frozen=True)
class BreathPattern:
    """One breath in seconds: inhale, an optional short top-up inhale, hold, exhale, hold."""

    name: str
    inhale_s: float
    hold_in_s: float
    exhale_s: float
    hold_out_s: float
    top_up_s: float = 0.0

    @property
    def cycle_s(self) -> float:
        return self.inhale_s + self.top_up_s + self.hold_in_s + self.exhale_s + self.hold_out_s


@dataclass(frozen=True)
class Chapter:
    title: str


@dataclass(frozen=True)
class Say:
    """Text to speak; `parts` holds the text pieces and, between them, pauses in seconds."""

    text: str
    parts: tuple[str | float, ...]


@dataclass(frozen=True)
class Pause:
    seconds: float


@dataclass(frozen=True)
class Bell:
    bell: BellStrike


@dataclass(frozen=True)
class Lengthen:
    """Lengthen one phase by `by_s` every `every_cycles` breaths, up to `up_to_s`."""

    phase: str  # inhale, hold, exhale or rest
    by_s: float = 1.0
    every_cycles: int = 3
    up_to_s: float = 10.0


@dataclass(frozen=True)
class Slow:
    """Slow the whole breath from `from_bpm` to `to_bpm` breaths a minute over `over_s` seconds."""

    from_bpm: float
    to_bpm: float
    over_s: float


@dataclass(frozen=True)
class Breathe:
    pattern: BreathPattern
    cycles: int
    cues: tuple[str, ...] = ("tone",)
    eyes_closed: bool = False
    progression: Lengthen | Slow | None = None
    pan: bool = False  # alternate-nostril: in left, out right, in right, out left


@dataclass(frozen=True)
class Poem:
    file: Path
    title: str
    stanzas: tuple[tuple[str, ...], ...]
    line_pause_s: float = 1.5
    stanza_pause_s: float = 4.0
    author: str = ""


@dataclass(frozen=True)
class PoemStep:
    poem: Poem


@dataclass(frozen=True)
class Rehearse:
    """The voice says each phrase, then leaves `gap_s` of room to say it aloud; `repeat` times."""

    phrases: tuple[str, ...]
    repeat: int = 1
    gap_s: float = 5.0


@dataclass(frozen=True)
class AmbientChange:
    sound: SoundRef
    gain_db: float
    ramp_s: float = 4.0


Step = Chapter | Say | Pause | Bell | Breathe | PoemStep | Rehearse | AmbientChange


@dataclass(frozen=True)
class Session:
    file: Path
    title: str
    steps: tuple[Step, ...] = ()
    summary: str = ""
    length_s: float | None = None
    tags: tuple[str, ...] = ()
    language: str = "en"
    voice: Voice = field(default_factory=Voice)
    ambient: tuple[Bed, ...] = ()
    ducking_db: float = 3.0
    fade_out_s: float = 8.0
    pacing: Pacing = field(default_factory=Pacing)
    soften: bool | None = None  # the voice falls and the bed fades at the end; None: when tagged sleep
    bells: Bells = field(default_factory=Bells)
    reflection_prompt: str = ""
    seed: int | None = None  # varies the generated beds; None: from the session's id, the same every time

    @property
    def id(self) -> str:
        return self.file.stem

    @property
    def bed_seed(self) -> int:
        import zlib

        return zlib.crc32(self.id.encode()) if self.seed is None else self.seed

    @property
    def softens(self) -> bool:
        return "sleep" in self.tags if self.soften is None else self.soften

"""The breathing presets: phases (from the session format), a one-line description and a default length."""

from dataclasses import dataclass

from app.session.loader import parse_pattern
from app.session.model import BreathPattern


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str
    default_cycles: int

    @property
    def pattern(self) -> BreathPattern:
        return parse_pattern(self.name)


PRESETS = {p.name: p for p in (
    Preset("box", "Box breathing", "In, hold, out, hold for four counts each: steady and even.", 8),
    Preset("4-7-8", "4-7-8 breathing", "In for 4, hold for 7, out for 8 with a soft whoosh; start with 4 breaths.", 4),
    Preset("coherent", "Coherent breathing", "In and out for 5.5 seconds each: about 5.5 breaths a minute.", 27),
    Preset("sigh", "Physiological sigh", "In through the nose, a short top-up sip, then a long, slow breath out.", 10),
    Preset("relaxing", "Relaxing breath", "In for 4, out for 6: a longer out-breath to slow things down.", 12),
    Preset("4-7-11", "4-7-11 breathing", "In for 4, hold for 7, out for 11: a long, calming exhale.", 6),
    Preset("5-8-5-8", "5-8-5-8 breathing", "In 5, hold 8, out 5, hold 8: a slow square with long holds.", 5),
    Preset("7-4-8-4", "7-4-8-4 breathing", "In 7, hold 4, out 8, hold 4: deep and unhurried.", 5),
)}

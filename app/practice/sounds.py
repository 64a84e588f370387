"""Sounds alone: a mix of beds at chosen levels, as a session with nothing spoken, played or exported."""

from dataclasses import dataclass
from pathlib import Path

from app.failures import BadInput
from app.session.model import Bed, Pause, Session, SoundRef
from app.session.names import BEDS
from app.session.pacing import LEAD_IN_S

FULL_LEVEL_DB = -6.0  # a layer at level 1: a little under the reference (a bed as loud as a voice)
LONGEST_MINUTES = 480.0
UNTIL_STOPPED_MINUTES = 480.0  # played without --minutes: until stopped (eight hours at most)
FADE_OUT_S = 60.0  # with a length, the mix fades out over the last minute
FADE_IN_S = 3.0


@dataclass(frozen=True)
class Layer:
    name: str
    level: float  # 0-1, linear in amplitude
    path: Path | None = None  # a person's own sound (app/audio/own_sounds.py); None for a built-in bed


def parse_mix(text: str, own: dict[str, Path] | None = None) -> tuple[Layer, ...]:
    """`rain` or `rain=0.6,wind=0.3` as layers; a name without a level is at 1. `own`: a person's own sounds,
    by name (app/audio/own_sounds.py)."""
    own = own or {}
    layers = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        name, _, level_text = part.partition("=")
        name = name.strip()
        if name not in BEDS and name not in own:
            raise BadInput(f"unknown sound '{name}'; sounds: {', '.join((*BEDS, *own))}")
        try:
            level = float(level_text) if level_text else 1.0
        except ValueError:
            level = -1.0
        if not 0.0 <= level <= 1.0:
            raise BadInput(f"the level of '{name}' must be a number from 0 to 1, as in {name}=0.5")
        if any(layer.name == name for layer in layers):
            raise BadInput(f"'{name}' is in the mix twice; give each sound once")
        layers.append(Layer(name, level, own.get(name)))
    if not any(layer.level > 0 for layer in layers):
        raise BadInput("the mix is silent; name at least one sound above level 0, e.g. rain or rain=0.6,wind=0.3")
    return tuple(layers)


def sounds_session(layers: tuple[Layer, ...], minutes: float | None) -> Session:
    """The mix as a session: every layer from the start, each at its level; with `minutes`, a fade over the last
    minute (or the last third of a shorter mix)."""
    if minutes is not None and not 0.1 <= minutes <= LONGEST_MINUTES:
        raise BadInput(f"--minutes {minutes:g} is out of range; use 0.1 to {LONGEST_MINUTES:g}")
    import math

    length_s = (minutes or UNTIL_STOPPED_MINUTES) * 60
    fade_s = min(FADE_OUT_S, length_s / 3) if minutes else 4.0
    beds = tuple(Bed(SoundRef(layer.name, layer.path), FULL_LEVEL_DB + 20 * math.log10(layer.level), FADE_IN_S, fade_s)
                 for layer in layers if layer.level > 0)
    title = "Sounds: " + ", ".join(layer.name for layer in layers if layer.level > 0)
    body_s = length_s - LEAD_IN_S - fade_s  # the whole mix lasts length_s: lead-in, the body, the fade
    return Session(file=Path("sounds.yaml"), title=title, steps=(Pause(body_s),), length_s=length_s,
                   tags=("sounds",), ambient=beds, fade_out_s=fade_s)

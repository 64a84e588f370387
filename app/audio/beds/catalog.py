"""Every built-in bed by name."""

from app.audio.beds.air import BrownNoise, Wind
from app.audio.beds.life import Birds, Fire, Night
from app.audio.beds.stream import Bed
from app.audio.beds.tonal import Drone
from app.audio.beds.water import Ocean, Rain, Stream

BEDS: dict[str, type[Bed]] = {bed.name: bed for bed in (Rain, Ocean, Stream, Wind, BrownNoise, Drone, Fire, Night,
                                                         Birds)}


def make(name: str, seed: int = 0) -> Bed:
    return BEDS[name](seed)

"""Short sounds scattered in time (drops, gurgles, crackles, chirps, calls). Each chunk draws its own events from
its own generator and takes the tails of the events that began before it, so any chunk can be made on its own."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.audio.beds.randomness import generator, uniform, wander_integral
from app.audio.sampling import SAMPLE_RATE

RATE_PARTS = 32  # a Poisson rate is followed in 160 ms steps


class EventBuffer:
    """Chunk `index`'s events: add each at its absolute start frame; what falls outside the chunk is dropped."""

    def __init__(self, index: int, chunk_frames: int, longest_frames: int):
        self.first = index * chunk_frames
        self.frames = chunk_frames
        self.pad = longest_frames
        self.buffer = np.zeros((chunk_frames + 2 * longest_frames, 2), np.float32)

    def add(self, starts: np.ndarray, bank: np.ndarray, which: np.ndarray, gains: np.ndarray) -> None:
        """Events starting at absolute frames `starts`, each the template `bank[which]` (bank: templates x
        length), placed in stereo by `gains` (events, 2)."""
        length = bank.shape[1]
        at = np.asarray(starts, np.int64) - self.first + self.pad
        live = (at + length > self.pad) & (at < self.pad + self.frames)
        stereo = bank[np.asarray(which)[live]][:, :, None] * gains[live][:, None, :].astype(np.float32)
        for start, event in zip(at[live].tolist(), stereo, strict=True):
            self.buffer[start: start + length] += event  # a slice add each: quicker than a scatter for hundreds

    def audio(self) -> np.ndarray:
        return self.buffer[self.pad: self.pad + self.frames]


@dataclass(frozen=True)
class Kind:
    """Events at random (a Poisson process): templates (count, frames, peak 1), the rate per second at given
    times (seconds), each event's peak (`amplitude(rng, count)`), and how far from the centre it may sit."""

    shapes: np.ndarray
    rate_per_s: Callable[[np.ndarray], np.ndarray]
    amplitude: Callable[[np.random.Generator, int], np.ndarray]
    pan_width: float = 0.9


def pareto(low: float, high: float, shape: float):
    """Peaks from `low` up, many small and few large (a Pareto law of index `shape`), capped at `high`."""
    return lambda rng, count: np.minimum(low * (1 - rng.random(count)) ** (-1 / shape), high)


def pan_gains(pan) -> np.ndarray:
    """Equal-power (left, right) gains for `pan` from -1 (left) to 1 (right), (events, 2)."""
    angle = (np.asarray(pan, np.float64) + 1) * (np.pi / 4)
    return np.stack([np.cos(angle), np.sin(angle)], axis=-1) * np.sqrt(2)


def scattered(key: int, index: int, chunk_frames: int, kinds: list[Kind]) -> np.ndarray:
    """Chunk `index` (chunk_frames, 2) of the events of every kind, each event one of its kind's templates at a
    random place in the stereo field."""
    events = EventBuffer(index, chunk_frames, max(kind.shapes.shape[1] for kind in kinds))
    part = chunk_frames // RATE_PARTS
    lookback = -(-events.pad // chunk_frames)
    for source in range(max(0, index - lookback), index + 1):
        rng = generator(key, source)
        times_s = (source * chunk_frames + (np.arange(RATE_PARTS) + 0.5) * part) / SAMPLE_RATE
        for kind in kinds:
            counts = rng.poisson(kind.rate_per_s(times_s) * part / SAMPLE_RATE)
            starts = np.repeat(np.arange(RATE_PARTS) * part, counts) + rng.integers(0, part, counts.sum())
            which = rng.integers(0, len(kind.shapes), len(starts))
            gains = pan_gains(rng.uniform(-kind.pan_width, kind.pan_width, len(starts)))
            gains *= kind.amplitude(rng, len(starts))[:, None]
            events.add(starts + source * chunk_frames, kind.shapes, which, gains)
    return events.audio()


def paced_starts(key: int, first_s: float, last_s: float, per_s: float, wander_depth: float,
                 wander_period_s: float, jitter_s: float) -> tuple[np.ndarray, np.ndarray]:
    """(indices, start frames) of events that come `per_s` a second on average, at a rate that wanders by up to
    `wander_depth` (so no two stretches line up), each nudged by up to `jitter_s`, between the two times.
    Event k falls where the integral of the rate reaches k: known anywhere without counting from the start."""
    grid = np.arange(max(0.0, first_s), last_s + 0.02, 0.01)
    if len(grid) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    count = per_s * (grid + wander_depth * wander_integral(key, grid, wander_period_s))
    ks = np.arange(int(np.ceil(count[0])), int(np.floor(count[-1])) + 1)
    times = np.interp(ks, count, grid) + jitter_s * (2 * uniform(key ^ 0x5BD1E995, ks) - 1)
    return ks, np.round(times * SAMPLE_RATE).astype(np.int64)

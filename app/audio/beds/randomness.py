"""Randomness that depends only on where it is: every value is a hash of (seed, stream, index), so any stretch
of a bed can be made on its own, in any order, and always comes out the same."""

import numpy as np

MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a bijection of 64-bit words that scatters neighbouring inputs."""
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def stream_key(seed: int, *names: str) -> int:
    """A 64-bit key for one random stream of a bed (say the rain's drops) under `seed`."""
    key = np.array([seed & 0xFFFFFFFFFFFFFFFF], np.uint64)
    for name in names:
        for byte in name.encode():
            key = _mix(key ^ np.uint64(byte) + np.uint64(0x9E3779B97F4A7C15))
    return int(key[0])


def uniform(key: int, index) -> np.ndarray:
    """Values in [0, 1) for integer `index` (a scalar or an array) of the stream `key`."""
    with np.errstate(over="ignore"):
        z = np.asarray(index, np.int64).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(key)
    return (_mix(z) >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def generator(key: int, index: int) -> np.random.Generator:
    """A NumPy generator for block `index` of the stream `key` (for many draws at once)."""
    return np.random.default_rng([key & 0xFFFFFFFF, key >> 32, index & 0xFFFFFFFF, index >> 32 & 0xFFFFFFFF])


def wander(key: int, times_s: np.ndarray, period_s: float) -> np.ndarray:
    """A smooth random walk-free wander in [-1, 1] at `times_s`: values hashed at every `period_s` and joined by
    raised-cosine curves (value noise), so it has no period and any point is known without the ones before it."""
    position = np.asarray(times_s, np.float64) / period_s
    index = np.floor(position).astype(np.int64)
    u = position - index
    a, b = uniform(key, index) * 2 - 1, uniform(key, index + 1) * 2 - 1
    return a + (b - a) * (0.5 - 0.5 * np.cos(np.pi * u))


def wander_integral(key: int, times_s: np.ndarray, period_s: float) -> np.ndarray:
    """The integral of `wander` from 0 to each of `times_s` (in wander-seconds), exact: a drifting frequency's
    phase at any moment without summing every sample before it."""
    position = np.asarray(times_s, np.float64) / period_s
    index = np.floor(position).astype(np.int64)
    u = position - index
    last = int(index.max()) + 2 if index.size else 2
    values = uniform(key, np.arange(last)) * 2 - 1
    whole = np.concatenate([[0.0], np.cumsum((values[:-1] + values[1:]) / 2)])  # each whole period's area
    a, b = values[index], values[index + 1]
    part = a * u + (b - a) * (u / 2 - np.sin(np.pi * u) / (2 * np.pi))
    return (whole[index] + part) * period_s

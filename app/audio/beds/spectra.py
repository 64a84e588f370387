"""Magnitude shapes over the grains' frequencies (amplitude per bin), for building a bed's spectrum."""

import numpy as np

from app.audio.beds.grains import FREQUENCIES_HZ

_F = np.maximum(FREQUENCIES_HZ, 1.0).astype(np.float64)


def highpass(hz: float, order: int = 2) -> np.ndarray:
    """A Butterworth-like high-pass magnitude: -3 dB at `hz`, 6 dB an octave per order below it."""
    return (1 / np.sqrt(1 + (hz / _F) ** (2 * order))).astype(np.float32)


def lowpass(hz: float, order: int = 2) -> np.ndarray:
    return (1 / np.sqrt(1 + (_F / hz) ** (2 * order))).astype(np.float32)


def tilt(db_per_octave: float, reference_hz: float = 1000.0) -> np.ndarray:
    """A straight slope in dB per octave (negative: falling with frequency), 0 dB at `reference_hz`."""
    return (10 ** (db_per_octave * np.log2(_F / reference_hz) / 20)).astype(np.float32)


def band(centre_hz: float, octaves: float) -> np.ndarray:
    """A smooth bell on a log-frequency axis, 1 at `centre_hz`, half power `octaves / 2` either side."""
    return np.exp(-np.log(2) / 2 * (np.log2(_F / centre_hz) / (octaves / 2)) ** 2).astype(np.float32)


def bank(make, values) -> np.ndarray:
    """(len(values), bins) shapes from `make(value)`, for blending between neighbours per grain."""
    return np.stack([make(value) for value in values]).astype(np.float32)


def blend(shapes: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Per grain, the shape at fractional `position` (0 .. len(shapes) - 1) between two neighbours."""
    position = np.clip(position, 0, len(shapes) - 1.000001)
    index = position.astype(np.int64)
    weight = (position - index).astype(np.float32)[:, None]
    return shapes[index] * (1 - weight) + shapes[index + 1] * weight

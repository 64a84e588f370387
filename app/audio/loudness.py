"""Loudness (ITU-R BS.1770-4): a streaming meter for rendered audio, and clip normalisation."""

import numpy as np
import pyloudnorm
from scipy.signal import sosfilt, tf2sos

from app.audio.sampling import SAMPLE_RATE, db_to_gain

ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0


def clip_loudness(samples: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness of a mono clip; short clips (< 0.4 s) are measured by RMS instead."""
    if len(samples) >= int(0.45 * sample_rate):
        return float(pyloudnorm.Meter(sample_rate).integrated_loudness(samples.astype(np.float64)))
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0
    return 20 * np.log10(max(rms, 1e-9)) - 0.691 + 3.0  # about where K-weighted speech of that RMS reads


def normalise(samples: np.ndarray, sample_rate: int, target_lufs: float) -> np.ndarray:
    loudness = clip_loudness(samples, sample_rate)
    if not np.isfinite(loudness):
        return samples.astype(np.float32, copy=True)
    return (samples * db_to_gain(target_lufs - loudness)).astype(np.float32)


class LoudnessMeter:
    """Integrated loudness of a stereo stream fed block by block, in constant memory per minute of audio."""

    def __init__(self, sample_rate: int = SAMPLE_RATE):
        meter = pyloudnorm.Meter(sample_rate)
        self._sos = np.vstack([tf2sos(f.b, f.a) for f in meter._filters.values()])  # K-weighting
        self._state = np.zeros((len(self._sos), 2, 2))
        self._segment = int(0.1 * sample_rate)
        self._pending = np.zeros((0, 2))
        self._segments: list[float] = []  # mean square per 100 ms segment, summed over channels

    def feed(self, block: np.ndarray) -> None:
        weighted, self._state = sosfilt(self._sos, block.astype(np.float64), axis=0, zi=self._state)
        pending = np.concatenate([self._pending, weighted]) if len(self._pending) else weighted
        whole = len(pending) // self._segment * self._segment
        if whole:
            squares = np.square(pending[:whole]).reshape(-1, self._segment, 2).mean(axis=1).sum(axis=1)
            self._segments.extend(squares.tolist())
        self._pending = pending[whole:]

    def integrated_lufs(self, only_segments: list[bool] | None = None) -> float:
        """Gated integrated loudness of everything fed so far (-inf when silent); with `only_segments` (one flag per
        100 ms from the start), of the 400 ms blocks that hold at least two flagged segments (e.g. where a voice speaks)."""
        segments = np.asarray(self._segments)
        if len(segments) < 4:
            return float("-inf")
        blocks = np.convolve(segments, np.ones(4) / 4, mode="valid")  # 400 ms blocks, 75% overlap
        if only_segments is not None:
            flags = np.zeros(len(segments))
            flags[: min(len(segments), len(only_segments))] = only_segments[: len(segments)]
            blocks = blocks[np.convolve(flags, np.ones(4), mode="valid") >= 2]
        loudness = -0.691 + 10 * np.log10(np.maximum(blocks, 1e-12))
        blocks = blocks[loudness > ABSOLUTE_GATE_LUFS]
        if not len(blocks):
            return float("-inf")
        relative = -0.691 + 10 * np.log10(blocks.mean()) + RELATIVE_GATE_LU
        kept = blocks[-0.691 + 10 * np.log10(blocks) > relative]
        return float(-0.691 + 10 * np.log10(kept.mean()))

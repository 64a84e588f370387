"""A true-peak-safe lookahead limiter, computed over a window so any block can be rendered on its own."""

import numpy as np
from scipy.ndimage import minimum_filter1d

from app.audio.sampling import db_to_gain

CEILING_DBTP = -1.5  # below podcast's -1 dBTP, with room for the MP3 encoder's overshoot
LOOKAHEAD_FRAMES = 256  # about 6 ms: the gain is fully down before a peak arrives
HOLD_FRAMES = 2048  # about 46 ms before the gain recovers
MARGIN_FRAMES = 2 * LOOKAHEAD_FRAMES + HOLD_FRAMES  # context a block needs on each side
OVERSAMPLE = 4


def _fractional_delay_taps(delay: float, half_width: int = 8) -> np.ndarray:
    k = np.arange(-half_width + 1, half_width + 1)
    taps = np.sinc(k - delay) * np.kaiser(2 * half_width, 8.0)
    return taps / taps.sum()


_INTERPOLATORS = [_fractional_delay_taps(phase / OVERSAMPLE).astype(np.float32) for phase in range(1, OVERSAMPLE)]
SAFE_SAMPLE_PEAK = 0.5  # -6 dB below the ceiling: band-limited audio cannot overshoot that far between samples


def true_peak_per_frame(stereo: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """An estimate of each frame's true (inter-sample) peak: the 4x oversampled maximum over channels.

    Only frames next to a sample above `floor` are oversampled (inter-sample peaks sit beside large
    samples); elsewhere the sample peak is returned.
    """
    peak = np.abs(stereo).max(axis=1) if stereo.shape[1] != 2 else np.maximum(np.abs(stereo[:, 0]), np.abs(stereo[:, 1]))
    near = np.flatnonzero(peak > floor)
    if not len(near):
        return peak
    near = np.unique(np.concatenate([near - 1, near]).clip(0, len(stereo) - 1))
    half = len(_INTERPOLATORS[0]) // 2
    padded = np.pad(stereo, ((half - 1, half), (0, 0)))
    offsets = np.arange(len(_INTERPOLATORS[0]))
    for channel in range(stereo.shape[1]):
        neighbourhoods = padded[near[:, None] + offsets, channel]  # samples near[i]-7 .. near[i]+8
        for taps in _INTERPOLATORS:
            between = np.abs(neighbourhoods @ taps)
            peak[near] = np.maximum(peak[near], between)
    return peak


def limiter_gain(window: np.ndarray, ceiling_dbtp: float = CEILING_DBTP) -> np.ndarray | None:
    """The limiter's gain for the middle of `window` (MARGIN_FRAMES of context on each side); None: unity.

    Gain needed per frame -> minimum over [k - hold, k + lookahead] -> average over [k - lookahead, k].
    Every frame within `lookahead` of a peak takes a gain no higher than that peak needs, so the peak is safe.
    """
    ceiling = db_to_gain(ceiling_dbtp)
    if np.abs(window).max() < ceiling * SAFE_SAMPLE_PEAK:
        return None
    needed = np.minimum(1.0, ceiling / np.maximum(true_peak_per_frame(window, ceiling * SAFE_SAMPLE_PEAK), 1e-12))
    if needed.min() >= 1.0:
        return None
    size = HOLD_FRAMES + LOOKAHEAD_FRAMES + 1
    centred = minimum_filter1d(needed, size=size, mode="nearest")
    shift = (LOOKAHEAD_FRAMES - HOLD_FRAMES) // 2  # centre of [k - hold, k + lookahead] relative to k
    held = np.roll(centred, -shift)
    sums = np.concatenate([[0.0], np.cumsum(held)])
    k = np.arange(MARGIN_FRAMES, len(window) - MARGIN_FRAMES)
    return (sums[k + 1] - sums[k - LOOKAHEAD_FRAMES]) / (LOOKAHEAD_FRAMES + 1)


def limit(window: np.ndarray, ceiling_dbtp: float = CEILING_DBTP) -> np.ndarray:
    """The middle of `window` (MARGIN_FRAMES of context cut from each side), limited to `ceiling_dbtp`."""
    middle = window[MARGIN_FRAMES: len(window) - MARGIN_FRAMES]
    gain = limiter_gain(window, ceiling_dbtp)
    return middle.copy() if gain is None else (middle * gain[:, None]).astype(np.float32)

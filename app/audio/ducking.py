"""How far the beds dip under the voice, as a pure function of time (so any block renders the same)."""

import bisect

import numpy as np

from app.audio.sampling import SAMPLE_RATE

LOOKAHEAD_S = 0.25  # the dip is complete this long before the first syllable
ATTACK_S = 0.4  # how long the dip takes
HOLD_S = 0.6  # the dip stays this long after the voice stops
RELEASE_S = 1.5  # how long the beds take to come back
LEAD_FRAMES = int((LOOKAHEAD_S + ATTACK_S) * SAMPLE_RATE)  # a frame's dip depends on voices starting this far ahead


def duck_amount(spans: list[tuple[int, int]], start: int, frames: int, step: int = 1,
                sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """0 (no dip) .. 1 (full dip) for every `step`-th frame of [start, start + frames), from the voice spans (sorted)."""
    before = int((LOOKAHEAD_S + ATTACK_S) * sample_rate)
    after = int((HOLD_S + RELEASE_S) * sample_rate)
    lookahead, attack = int(LOOKAHEAD_S * sample_rate), int(ATTACK_S * sample_rate)
    hold, release = int(HOLD_S * sample_rate), int(RELEASE_S * sample_rate)
    first = max(0, bisect.bisect_left(spans, (start - after - 10 * sample_rate, 0)))
    t = np.arange(start, start + frames, step)
    amount = np.zeros(len(t))
    for span_start, span_end in spans[first:]:
        if span_start - before >= start + frames:
            break
        if span_end + after <= start:
            continue
        up = np.clip((t - (span_start - lookahead - attack)) / attack, 0.0, 1.0)
        down = np.clip(1.0 - (t - (span_end + hold)) / release, 0.0, 1.0)
        shape = np.minimum(up, down)
        amount = np.maximum(amount, 0.5 - 0.5 * np.cos(np.pi * shape))
    return amount

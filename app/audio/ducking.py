"""How far the beds dip under the voice, as a pure function of time (so any block renders the same).

The bed stays put: it settles a little (at most MAX_DIP_DB) under a spoken passage, over more than a second,
holds through the short gaps between sentences and comes back only after a real silence. Spoken cues shorter
than SHORTEST_SPAN_S (breathing's "in" and "out") move nothing.
"""

import bisect

import numpy as np

from app.audio.sampling import SAMPLE_RATE

MAX_DIP_DB = 3.0  # a session's ducking_db is honoured up to this
SHORTEST_SPAN_S = 1.5  # shorter speech does not move the bed
LOOKAHEAD_S = 1.0  # the dip starts this long before the first syllable
RAMP_S = 1.5  # how long the dip takes, down and up
HOLD_S = 4.0  # the dip stays this long after the voice stops (the gaps within a passage are shorter)
LEAD_FRAMES = int(LOOKAHEAD_S * SAMPLE_RATE)  # a frame's dip depends on voices starting this far ahead


def dip_db(ducking_db: float) -> float:
    """The dip a session's `ducking_db` asks for, as it is played."""
    return min(max(ducking_db, 0.0), MAX_DIP_DB)


def duck_amount(spans: list[tuple[int, int]], start: int, frames: int, step: int = 1,
                sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """0 (no dip) .. 1 (full dip) for every `step`-th frame of [start, start + frames), from the voice spans (sorted)."""
    lookahead, ramp, hold = (int(s * sample_rate) for s in (LOOKAHEAD_S, RAMP_S, HOLD_S))
    shortest = int(SHORTEST_SPAN_S * sample_rate)
    first = max(0, bisect.bisect_left(spans, (start - hold - ramp - 60 * sample_rate, 0)))
    t = np.arange(start, start + frames, step)
    amount = np.zeros(len(t))
    for span_start, span_end in spans[first:]:
        if span_start - lookahead >= start + frames:
            break
        if span_end - span_start < shortest or span_end + hold + ramp <= start:
            continue
        up = np.clip((t - (span_start - lookahead)) / ramp, 0.0, 1.0)
        down = np.clip(1.0 - (t - (span_end + hold)) / ramp, 0.0, 1.0)
        amount = np.maximum(amount, 0.5 - 0.5 * np.cos(np.pi * np.minimum(up, down)))
    return amount

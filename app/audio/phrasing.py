"""Pauses inside a sentence, where a teacher would leave them: at commas, semicolons, colons and dashes.

The sentence is spoken whole (its intonation intact) and the short pause the voice already makes at each
mark is found in the audio and lengthened: longer for the stronger marks. A mark whose pause cannot be found
near where the text puts it is left as the voice spoke it.
"""

import re

import numpy as np

from app.audio.sampling import raised_cosine

# seconds added to the voice's own pause after each mark
ADDED_PAUSE_S = {",": 0.35, ";": 0.5, ":": 0.5, "—": 0.55, "–": 0.55, "-": 0.55}
_MARK = re.compile(r"(,|;|:|—|–|\s-\s)(?=\s*\S)")  # a mark with words after it (not the sentence's end)
QUIET_BELOW_PEAK_DB = -35.0
QUIET_HOP_S = 0.01
VOICE_PAUSE_S = 0.2  # the voice's own pause at a mark lasts at least this; shorter quiet spans are stops in words
MATCH_WITHIN = 0.15  # a pause belongs to a mark when they sit within this share of the sentence of each other
SPLICE_FADE_S = 0.005


def marks(text: str) -> list[tuple[float, float]]:
    """(where in the sentence, 0..1 by characters; seconds to add) for each inner mark of `text`."""
    return [(match.start() / max(len(text), 1), ADDED_PAUSE_S[match.group(1).strip()]) for match in _MARK.finditer(text)]


def quiet_spans(samples: np.ndarray, sample_rate: int, shortest_s: float = VOICE_PAUSE_S) -> list[tuple[int, int]]:
    """(start, end) sample spans at least `shortest_s` long that stay below -35 dB of the clip's peak."""
    hop = int(QUIET_HOP_S * sample_rate)
    count = len(samples) // hop
    if not count:
        return []
    rms = np.sqrt(np.mean(np.square(samples[: count * hop], dtype=np.float64).reshape(count, hop), axis=1))
    quiet = np.concatenate([[False], rms < np.max(np.abs(samples)) * 10 ** (QUIET_BELOW_PEAK_DB / 20), [False]])
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    keep = (ends - starts) * QUIET_HOP_S >= shortest_s
    return [(int(s) * hop, int(e) * hop) for s, e in zip(starts[keep], ends[keep], strict=True)]


def lengthen_pauses(samples: np.ndarray, sample_rate: int, text: str) -> np.ndarray:
    """`samples` (one spoken sentence) with the pause at each inner mark of `text` lengthened."""
    wanted = marks(text)
    if not wanted or not len(samples):
        return samples
    spans = quiet_spans(samples, sample_rate)
    inserts: list[tuple[int, int]] = []  # (sample where silence goes in, frames of silence)
    used: set[int] = set()
    for where, added_s in wanted:
        centres = [((start + end) / 2 / len(samples), index) for index, (start, end) in enumerate(spans) if index not in used]
        if not centres:
            break
        distance, index = min((abs(centre - where), index) for centre, index in centres)
        if distance > MATCH_WITHIN:
            continue
        used.add(index)
        start, end = spans[index]
        inserts.append(((start + end) // 2, int(added_s * sample_rate)))
    return _insert_silences(samples, sorted(inserts), int(SPLICE_FADE_S * sample_rate))


def _insert_silences(samples: np.ndarray, inserts: list[tuple[int, int]], fade: int) -> np.ndarray:
    """Silence of the given length put in at each point, the sound on either side faded over `fade` frames."""
    cuts = [at for at, _ in inserts]
    pieces = []
    for index, (start, end) in enumerate(zip([0] + cuts, cuts + [len(samples)], strict=True)):
        piece = samples[start:end].copy()
        edge = min(fade, len(piece))
        if index > 0:
            piece[:edge] *= raised_cosine(edge)
            pieces.append(np.zeros(inserts[index - 1][1], samples.dtype))
        if index < len(cuts):
            piece[len(piece) - edge:] *= raised_cosine(edge, rising=False)
        pieces.append(piece)
    return np.concatenate(pieces)

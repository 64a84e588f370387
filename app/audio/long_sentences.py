"""A sentence too long to synthesise at once, cut into pieces a voice can speak within bounded memory.

Piper's working memory grows with the length of what it is given: a render peaked at 0.58 GB for a 270-character
sentence, 0.96 GB at 580 and 7.2 GB at 5,000 (a `say` without full stops). A longer sentence is cut where a reader
would breathe: at the inner mark (comma, semicolon, colon, dash) nearest its middle, else between the words nearest
it, and again until every piece is short enough; the pieces are spoken with a short pause between them.
"""

import re

LONGEST_SPOKEN_CHARS = 250
PIECE_GAP_S = 0.35  # the pause a comma gets (phrasing.ADDED_PAUSE_S)
_AFTER_MARK = re.compile(r"(?:[,;:—–]|\s-)\s+")
_BETWEEN_WORDS = re.compile(r"\s+")


def spoken_pieces(sentence: str, longest_chars: int = LONGEST_SPOKEN_CHARS) -> list[str]:
    """`sentence` whole when it is at most `longest_chars` long, else its pieces in order, each at most that long."""
    sentence = sentence.strip()
    if len(sentence) <= longest_chars:
        return [sentence] if sentence else []
    middle, quarter = len(sentence) // 2, len(sentence) // 4
    near_middle = [match.end() for match in _AFTER_MARK.finditer(sentence) if abs(match.end() - middle) <= quarter]
    cuts = near_middle or [match.start() for match in _BETWEEN_WORDS.finditer(sentence)] or [middle]
    cut = min(cuts, key=lambda at: abs(at - middle))
    if cut in (0, len(sentence)):
        cut = middle  # one unbroken word longer than the limit
    return spoken_pieces(sentence[:cut], longest_chars) + spoken_pieces(sentence[cut:], longest_chars)

"""How long the pieces of a session hold it: the lead-in, the gaps after speech and breaths, a breathing
practice's settling pause, and how long each bell holds the session. The compiler and the practice builders
both read these; they live here, below both, so neither imports the other."""

LEAD_IN_S = 1.0  # silence before the first sound of every session
SENTENCE_GAP_S = 1.25  # between sentences of one thought, at the voice's own rate (divided by a session's rate)
PARAGRAPH_GAP_S = 3.5  # before a new paragraph (after a blank line in a say step)
AFTER_SAY_S = 1.5  # after the last sentence of a say step
GAP_VARIES = (0.8, 1.3)  # every gap above is multiplied by a seeded factor in this range: no metronome
SOFTEN_VOICE_DB = 5.0  # a session that softens (sleep) lets the voice fall this far across the last third of its words
SOFTEN_BED_FADE_S = 150.0  # and its beds fade once, over at least this long, at the end
AFTER_POEM_TITLE_S = 2.0
AFTER_BREATHE_S = 1.0
BREATHING_SETTLE_S = 5.0  # a breathing practice's pause before the first breath

# bell -> (seconds between repeated strikes, seconds the next step waits after the last strike)
BELL_TIMING_S: dict[str, tuple[float, float]] = {
    "bowl": (5.0, 3.0),
    "chime": (1.6, 1.5),
    "gong": (6.0, 4.0),
    "woodblock": (0.6, 0.6),
}


def bell_occupied_s(name: str, count: int = 1) -> float:
    """How long a bell step holds the session: the strikes plus a short settle, not the whole ring-out."""
    spacing_s, settle_s = BELL_TIMING_S[name]
    return spacing_s * (count - 1) + settle_s

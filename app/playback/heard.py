"""Seconds actually heard in a run: the position's forward steps between samples; a seek is not a step."""

LONGEST_STEP_S = 3.0  # a forward move longer than this between two samples is a seek (samples come every 50-250 ms)


class HeardTime:
    def __init__(self, position_s: float = 0.0):
        self.seconds = 0.0
        self._last_s = position_s

    def at(self, position_s: float) -> float:
        """Note the position now; returns the seconds heard so far. A step back (a seek back, a replay) or a jump
        forward of more than LONGEST_STEP_S adds nothing; what is played again after a seek back is heard again."""
        step = position_s - self._last_s
        if 0 < step <= LONGEST_STEP_S:
            self.seconds += step
        self._last_s = position_s
        return self.seconds

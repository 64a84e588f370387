"""A progress bar on stderr: redrawn in place on a terminal, a line every quarter otherwise."""

import sys
import time

from app.session.durations import format_duration


class ProgressBar:
    def __init__(self, label: str, quiet: bool = False, stream=None):
        self.label = label
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_quarter = -1

    def update(self, fraction: float) -> None:
        if self.quiet:
            return
        fraction = min(max(fraction, 0.0), 1.0)
        if not self.stream.isatty():
            quarter = int(fraction * 4)
            if quarter > self._last_quarter:
                self._last_quarter = quarter
                print(f"{self.label}: {quarter * 25}%", file=self.stream, flush=True)
            return
        now = time.monotonic()
        if now - self._last_draw < 0.1 and fraction < 1.0:
            return
        self._last_draw = now
        elapsed = now - self.started
        left = elapsed / fraction - elapsed if fraction > 0.01 else 0.0
        filled = int(fraction * 30)
        bar = "#" * filled + "." * (30 - filled)
        print(f"\r{self.label} [{bar}] {fraction * 100:5.1f}%  {format_duration(left)} left ", end="",
              file=self.stream, flush=True)

    def done(self) -> None:
        if not self.quiet and self.stream.isatty():
            print(file=self.stream)

"""SIGINT and SIGTERM as a flag that long work checks at its own safe points (block boundaries).

Nothing is raised from the signal handler while work runs, so no exception lands inside queue, lock or thread
code; the work notices the flag within one block, cleans up (no partial file) and ends with `Interrupted`. Only
inside `stop.at_once()` (loading modules and reading the input: no thread, no file, nothing to clean up) does a
signal end things there and then: importing the audio stack takes seconds on a slow machine.
"""

import signal
from contextlib import contextmanager

from app.failures import Interrupted

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """`with StopSignals() as stop:` ... `stop.is_set()`; the previous handlers come back on leaving."""

    def __init__(self):
        self.signum: int | None = None
        self._previous: dict[int, object] = {}
        self._at_once = False

    def __enter__(self) -> "StopSignals":
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, self._note)
        return self

    def __exit__(self, *_exc) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _note(self, signum, _frame) -> None:
        self.signum = signum
        if self._at_once:
            self._at_once = False
            raise Interrupted("stopped")

    @contextmanager
    def at_once(self):
        """A block with nothing to clean up (imports, reading the input): a signal ends it at once."""
        if self.is_set():
            raise Interrupted("stopped")
        self._at_once = True
        try:
            yield
        except Exception:  # raised inside an extension's initialisation, Interrupted comes out as an ImportError
            if self.is_set():
                raise Interrupted("stopped") from None
            raise
        finally:
            self._at_once = False

    def is_set(self) -> bool:
        return self.signum is not None

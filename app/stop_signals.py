"""SIGINT and SIGTERM as a flag that long work checks at its own safe points (block boundaries).

Nothing is raised from the signal handler, so no exception lands inside queue, lock or thread code; the
work notices the flag within one block, cleans up (no partial file) and ends with `Interrupted`.
"""

import signal

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """`with StopSignals() as stop:` ... `stop.is_set()`; the previous handlers come back on leaving."""

    def __init__(self):
        self.signum: int | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> "StopSignals":
        for number in SIGNALS:
            self._previous[number] = signal.signal(number, self._note)
        return self

    def __exit__(self, *_exc) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _note(self, signum, _frame) -> None:
        self.signum = signum

    def is_set(self) -> bool:
        return self.signum is not None

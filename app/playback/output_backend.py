"""The interface every audio output backend implements."""

from abc import ABC, abstractmethod
from collections.abc import Callable

import numpy as np

from app.failures import Failure

Source = Callable[[int], np.ndarray]  # frames -> float32 (frames, 2) at 44.1 kHz


class OutputUnavailable(Failure):
    """No audio output can be opened here; the message says why."""


class OutputBackend(ABC):
    name = ""
    buffer_s = 0.1  # how far ahead of the ear the output reads; long buffers get a handover on pause and seek

    @abstractmethod
    def unavailable_reason(self) -> str | None:
        """None when the backend can play here; otherwise why not."""

    @abstractmethod
    def start(self, source: Source, on_error: Callable[[str], None], ready: Callable[[], int] | None = None) -> None:
        """Start pulling audio from `source`; `on_error` is called (from any thread) if the output fails.

        `ready()` tells how many frames the source could hand over at once without silence.
        """

    @abstractmethod
    def stop(self) -> None:
        """Stop and release the output."""

    @abstractmethod
    def played_frames(self) -> int:
        """How many frames the output has actually played since start."""

    def interrupt(self, tail: np.ndarray, then: Callable[[int], None]) -> None:
        """Drop what is queued, play `tail` (a short fade-out), call `then(frames played)` before reading again.

        Only backends with long buffers need this; the others never queue more than a blink.
        """
        raise NotImplementedError

    def process_events(self) -> None:  # noqa: B027 - most backends need nothing here
        """Let the backend do work that must happen on the caller's thread (Qt: the event loop)."""
        return None

"""The engine interface every voice engine implements."""

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from app.failures import Failure


class EngineUnavailable(Failure):
    """The engine cannot run here; the message says why and how to fix it."""


class SpeechStopped(Exception):
    """A sentence was not finished: its Cancel was set while it was being spoken."""


class Cancel:
    """Set once, from any thread, to end at once the syntheses that carry it (an engine that cannot end a
    sentence early finishes it)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._set = False
        self._ends: list[Callable[[], None]] = []

    def set(self) -> None:
        with self._lock:
            self._set = True
            ends, self._ends = self._ends, []
        for end in ends:
            end()

    @contextlib.contextmanager
    def ending_with(self, end: Callable[[], None]) -> Iterator[None]:
        """Inside, `set` calls `end` (from the thread that sets it); SpeechStopped at once if already set."""
        with self._lock:
            if self._set:
                raise SpeechStopped
            self._ends.append(end)
        try:
            yield
        finally:
            with self._lock:
                if end in self._ends:
                    self._ends.remove(end)


@dataclass(frozen=True)
class Clip:
    """Mono float32 samples at `sample_rate`."""

    samples: np.ndarray
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


class Engine(ABC):
    """A speech engine. `synthesize` may be called from several threads at once (an engine that cannot speak two
    sentences at once serialises them itself)."""

    name: str = ""
    description: str = ""

    @abstractmethod
    def unavailable_reason(self) -> str | None:
        """None when the engine can run here; otherwise why not and how to fix it."""

    @abstractmethod
    def voices(self) -> list[str]:
        """The voice names this engine offers."""

    @abstractmethod
    def version(self) -> str:
        """Changes whenever the same text may sound different (part of the cache key)."""

    @abstractmethod
    def synthesize(self, text: str, voice: str, rate: float, cancel: Cancel | None = None) -> Clip:
        """Speak `text` (one sentence or a few) with `voice` at `rate` (1.0 = the voice's own pace); SpeechStopped
        when `cancel` is set before it is done."""

    def preload(self, voice: str) -> None:
        """Get `voice` ready ahead of the first sentence (Piper: load the model, about a second)."""
        return None

    def require(self) -> None:
        reason = self.unavailable_reason()
        if reason:
            raise EngineUnavailable(f"the {self.name} voice engine is unavailable: {reason}")

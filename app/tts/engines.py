"""The registry of speech engines, by name; each engine is created once per process."""

import threading

from app.failures import BadInput
from app.tts.base import Engine

_NAMES = ("piper", "system")
_created: dict[str, Engine] = {}
_lock = threading.Lock()


def engine_names() -> tuple[str, ...]:
    return _NAMES


def get_engine(name: str) -> Engine:
    with _lock:
        if name not in _created:
            if name == "piper":
                from app.tts.piper_engine import PiperEngine

                _created[name] = PiperEngine()
            elif name == "system":
                from app.tts.system_engine import SystemEngine

                _created[name] = SystemEngine()
            else:
                raise BadInput(f"unknown voice engine '{name}'; engines: {', '.join(_NAMES)}")
        return _created[name]

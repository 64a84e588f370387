"""Output backends by name."""

from app.failures import BadInput
from app.playback.output_backend import OutputBackend

NAMES = ("qt", "simpleaudio")


def make_backend(name: str) -> OutputBackend:
    if name == "qt":
        from app.playback.qt_backend import QtBackend

        return QtBackend()
    if name == "simpleaudio":
        from app.playback.simpleaudio_backend import SimpleaudioBackend

        return SimpleaudioBackend()
    raise BadInput(f"unknown audio backend '{name}'; backends: {', '.join(NAMES)}")

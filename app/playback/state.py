"""A player's states (a module of its own, so views can name them without loading the audio stack)."""

from enum import StrEnum


class State(StrEnum):
    STOPPED = "stopped"
    LOADING = "loading"
    BUFFERING = "buffering"
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"
    ERROR = "error"

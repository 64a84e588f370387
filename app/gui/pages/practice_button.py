"""The one start button of a practice (breathing, the timer): it starts the practice, or pauses and resumes it
while it is the one loaded; its word follows."""

from app.playback.state import State


def start_or_pause(now_playing, kind: str, start) -> None:
    """Pause or resume the practice of `kind` when it is loaded; otherwise `start()` it afresh."""
    if now_playing.kind == kind:
        now_playing.toggle()
    else:
        start()


def start_word(now_playing, kind: str) -> str:
    if now_playing.kind != kind:
        return "Start"
    return "Pause" if now_playing.state in (State.PLAYING, State.BUFFERING) else "Resume"

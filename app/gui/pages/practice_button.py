"""The one start button of a practice (breathing, the timer): its word follows what plays."""

from app.playback.state import State


def start_or_pause(player, start) -> None:
    """The one start button of a practice: pause what plays, resume what is paused, or `start()` afresh."""

    if player is not None and player.state in (State.PLAYING, State.BUFFERING):
        player.pause()
    elif player is not None and player.state == State.PAUSED:
        player.play()
    else:
        start()


def practice_running(player, start_button) -> bool:
    """Each tick of a running practice (breathing, the timer): the output's events, and the start button's word
    (Pause or Resume). False when nothing runs."""

    if player is None:
        return False
    player.backend.process_events()
    start_button.setText("Pause" if player.state in (State.PLAYING, State.BUFFERING) else "Resume")
    return True

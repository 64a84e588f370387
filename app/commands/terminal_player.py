"""The terminal player: a session played with keys (space, arrows, n/p, +/-, q) and a live line, recorded in
the journal; on a pipe, a line each time the words change."""

import os
import select
import sys
import time

from app.failures import BadInput, Failure
from app.session.durations import format_duration

KEYS_HELP = "space pause/resume · ←/→ 15 s · n/p chapter · +/- volume · q quit"
SEEK_STEP_S = 15.0
VOLUME_STEP = 0.1


def describe_session(player) -> str:
    cue = player.current_cue()
    return cue.text if cue else ""


def play_in_terminal(session, backend_name: str, start_s: float, stop_after_s: float | None, kind: str,
                     describe, chosen=None) -> int:
    """Play `session` with keys and a live line from `describe(player)`; record it in the journal as `kind`
    (sounds alone are not a practice: they are not recorded). A program's day (`chosen`, a ChosenDay) is recorded
    as one, and finished when enough of it was heard."""
    from app.playback.choose_backend import make_backend
    from app.playback.heard import HeardTime
    from app.playback.player import Player, State

    backend = make_backend(backend_name)
    reason = backend.unavailable_reason()
    if reason:
        raise Failure(f"cannot play: {reason}")
    preloading = preload_voice(session)
    player = Player(backend)
    player.load(session, start_s, stop_after_s)
    recorder = None  # made once the play has begun: a start past the end records nothing
    heard = HeardTime(start_s)
    day_done = None
    player.play()
    keys = _Keys() if sys.stdin.isatty() else None
    screen = _Screen(session.title, describe)
    volume = 1.0
    try:
        while player.state not in (State.ENDED, State.ERROR, State.STOPPED):
            backend.process_events()
            key = keys.read() if keys else None
            if key == "q":
                break
            if key == " ":
                player.toggle()
            elif key in ("right", "left"):
                player.seek(player.position_s + (SEEK_STEP_S if key == "right" else -SEEK_STEP_S))
            elif key in ("n", "p"):
                (player.next_chapter if key == "n" else player.previous_chapter)()
            elif key in ("+", "-"):
                volume = min(1.5, max(0.0, volume + (VOLUME_STEP if key == "+" else -VOLUME_STEP)))
                for bus in ("voice", "ambient", "bells"):
                    player.set_volume(bus, volume)
            screen.draw(player, volume)
            if recorder is None and kind != "sounds" and player.state == State.PLAYING and player.position_s > start_s:
                recorder = (_recorder(kind, session.id.removeprefix("breathing-"), session.title) if chosen is None
                            else _recorder("program-day", chosen.day.reference, chosen.title,
                                           (chosen.program.id, chosen.day.number)))
            if recorder and player.state == State.PLAYING:
                recorder.listened(player.position_s - start_s)
                heard.at(player.position_s)
            time.sleep(0.005)
    finally:
        if keys:
            keys.restore()
        player.stop()
        screen.finish(player)
        if recorder:
            completed = player.state == State.ENDED and stop_after_s is None
            recorder.finish(max(0.0, player.position_s - start_s), completed)
            if chosen is not None:
                day_done = _finish_day(recorder.journal, chosen, heard.seconds, player.duration_s or session.length_s)
            recorder.journal.close(timeout_s=2.0)  # another program may hold the journal: said, never waited out
            if (problem := recorder.problem()) is not None:
                print(f"stillpoint: this practice was not recorded in the journal: {problem}", file=sys.stderr)
        if preloading:
            preloading.join()  # never leave the interpreter while the voice model is loading
    if day_done is not None and day_done.done() and day_done.exception() is None:
        print(day_done.result())
    if player.error_message:
        raise Failure(player.error_message)
    if recorder is None and start_s > 0 and player.duration_s is not None and start_s >= player.duration_s:
        raise BadInput(f"--start {format_duration(start_s)} is past the end of {session.title} "
                       f"({format_duration(player.duration_s)}); start earlier")
    return 0


def _finish_day(journal, chosen, heard_s: float, length_s: float | None):
    """Keep the day as finished when enough of it was heard (a later write); its result is what to say."""
    from app.journal.program_progress import ProgramProgress, day_is_finished

    program, day = chosen.program, chosen.day
    days = len(program.days)
    if not day_is_finished(heard_s, length_s or 0.0):
        return journal.later(lambda _j: f"Day {day.number} is not finished yet ({heard_s / 60:.0f} of "
                                        f"{(length_s or 0) / 60:.0f} min heard); it will be here next time.")

    def keep(j) -> str:
        progress = ProgramProgress(j.connection)
        progress.finish_day(program.id, day.number)
        following = progress.of(program.id).today(days)
        if following is None:
            return (f"All {days} days of {program.title} are done. Any day can be repeated: "
                    f"stillpoint play {program.id}/N")
        return (f"Day {day.number} of {days} is done. Next: day {following}, {program.day(following).title} "
                "(stillpoint play today).")

    return journal.later(keep)


def _recorder(kind: str, item_id: str, title: str, program_day: tuple[str, int] | None = None):
    """A journal recorder; None (and a line on stderr) if the journal cannot be written."""
    import sqlite3

    from app.journal.log import Journal, PlayRecorder

    notices: list[str] = []
    try:
        recorder = PlayRecorder(Journal(notices=notices), kind, item_id, title, program_day=program_day)
    except (sqlite3.Error, OSError, Failure) as error:
        print(f"stillpoint: not recording this practice in the journal: {error}", file=sys.stderr)
        return None
    for notice in notices:
        print(notice, file=sys.stderr)
    return recorder


def preload_voice(session):
    """Load the session's voice in a thread while the output starts; returns the thread (or None)."""
    import threading

    from app.tts.engines import get_engine

    engine = get_engine(session.voice.engine)
    if engine.unavailable_reason() is not None:
        return None
    thread = threading.Thread(target=_quietly, args=(engine.preload, session.voice.name), name="voice-preload", daemon=True)
    thread.start()
    return thread


def _quietly(function, *args) -> None:
    import contextlib

    with contextlib.suppress(Exception):  # the compile reports engine problems where they matter
        function(*args)


class _Screen:
    """Two lines redrawn in place on a terminal; on a pipe, a line when the sentence or chapter changes."""

    def __init__(self, title: str, describe):
        self.describe = describe
        self.tty = sys.stdout.isatty()
        self.last = ("", "")
        self.last_draw = 0.0
        print(title + (f"\n{KEYS_HELP}" if self.tty and sys.stdin.isatty() else ""), flush=True)

    def draw(self, player, volume: float) -> None:
        now = time.monotonic()
        if now - self.last_draw < 0.1:
            return
        self.last_draw = now
        chapter = player.current_chapter()
        total = player.duration_s
        status = (f"{chapter.title if chapter else ''} · {format_duration(player.position_s)}/"
                  f"{format_duration(total) if total else '--:--'} · {player.state.value}"
                  + (f" · volume {volume:.0%}" if volume != 1.0 else ""))
        line = self.describe(player)
        if self.tty:
            width = os.get_terminal_size().columns - 1
            print(f"\r\x1b[K{status[:width]}\n\x1b[K{line[:width]}\x1b[1A", end="", flush=True)
        elif (chapter.title if chapter else "", _words(line)) != self.last and line:
            print(f"[{format_duration(player.position_s)}] {line}", flush=True)
        self.last = (chapter.title if chapter else "", _words(line))

    def finish(self, player) -> None:
        if self.tty:
            print("\n")
        print(f"{player.state.value} at {format_duration(player.position_s)}", flush=True)


def _words(line: str) -> str:
    """The line without its changing numbers and bars (a pipe gets a new line only when the words change)."""
    return "".join(ch for ch in line if ch.isalpha() or ch == " ").strip()


class _Keys:
    """Single key presses from a terminal in raw mode (arrows as 'left'/'right')."""

    def __init__(self):
        import termios
        import tty

        self.fd = sys.stdin.fileno()
        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)

    def read(self) -> str | None:
        if not select.select([self.fd], [], [], 0)[0]:
            return None
        data = os.read(self.fd, 8).decode("utf-8", "ignore")
        return {"\x1b[C": "right", "\x1b[D": "left"}.get(data, data[:1] if data else None)

    def restore(self) -> None:
        import termios

        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

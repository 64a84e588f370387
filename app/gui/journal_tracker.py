"""The journal as a subscriber of what plays: a play is written when a run starts, checkpointed as it goes (so a
crash loses at most a few seconds) and finished with the seconds practised; the check-in chosen before a session
and the one after it are kept with that play. The writes go through the journal's writer thread (Journal.later), so a
journal held by another program never holds up what plays; `recorded` says when one has gone through."""

import contextlib

from PySide6.QtCore import QObject, Signal

from app.gui.now_playing import NowPlaying, Track


class JournalTracker(QObject):
    recorded = Signal()  # a play ended or a check-in was kept: the journal view may show it
    progressed = Signal()  # a program's day was finished: the library and the program's page may show it

    def __init__(self, now_playing: NowPlaying, journal, settings, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.journal = journal
        self.settings = settings
        self.recorder = None
        self.last_recorder = None  # the play an "after" check-in belongs to
        self.last_day = None  # for the last run of a program's day: a Future, True once the day is kept as finished
        self._mood_before: int | None = None
        now_playing.started.connect(self._started)
        now_playing.ticked.connect(self._checkpoint)
        now_playing.finished.connect(self._finished)

    def expect_mood_before(self, mood: int | None) -> None:
        """The mood chosen on a session's page: kept with the play that starts next."""
        self._mood_before = mood

    def check_in_after(self, mood: int | None, words: str) -> bool:
        """The check-in after a play (the mood may be skipped, the words kept alone); False when there is no play
        to keep it with, or nothing to keep."""
        words = words.strip()
        if self.last_recorder is None or (mood is None and not words):
            return False
        write = self.last_recorder.check_in("after", mood, words) if mood is not None else \
            self.last_recorder.reflect(words)
        self._say_when_written(write)
        return True

    def _started(self, track: Track) -> None:
        from app.journal.log import PlayRecorder

        kind = "program-day" if track.program_day else track.kind
        self.recorder = self.last_recorder = PlayRecorder(self.journal, kind, track.item_id, track.title,
                                                          program_day=track.program_day)
        self.last_day = None
        mood, self._mood_before = self._mood_before, None
        if track.kind == "session" and mood is not None and self.settings.get("journal/check_ins"):
            self.recorder.check_in("before", mood)

    def _checkpoint(self) -> None:
        if self.recorder is not None and self.now_playing.playing():
            self.recorder.listened(self.now_playing.listened_s())

    def _finished(self, track: Track, listened_s: float, completed: bool) -> None:
        if self.recorder is None:
            return
        self._say_when_written(self.recorder.finish(listened_s, completed))
        self.recorder = None
        if track.program_day is not None:
            self._finish_day(track)

    def _finish_day(self, track: Track) -> None:
        """A program's day heard for long enough (80%, seeks excluded) is kept as finished."""
        from app.journal.program_progress import ProgramProgress, day_is_finished

        heard_s, length_s = self.now_playing.heard.seconds, self.now_playing.length_s_heard or track.stated_s or 0.0
        if not day_is_finished(heard_s, length_s):
            return
        program_id, day = track.program_day
        self.last_day = self.journal.later(lambda j: ProgramProgress(j.connection).finish_day(program_id, day) or True)

        def say(_write) -> None:
            with contextlib.suppress(RuntimeError):
                self.progressed.emit()

        self.last_day.add_done_callback(say)

    def _say_when_written(self, write) -> None:
        def say(_write) -> None:
            with contextlib.suppress(RuntimeError):  # the window has closed meanwhile
                self.recorded.emit()  # from the writer's thread: queued to the journal view

        write.add_done_callback(say)

"""The journal as a subscriber of what plays: a play is written when a run starts, checkpointed as it goes (so a
crash loses at most a few seconds) and finished with the seconds practised; the check-in chosen before a session
and the one after it are kept with that play. The writes go through the journal's writer thread (Journal.later), so a
journal held by another program never holds up what plays; `recorded` says when one has gone through."""

import contextlib

from PySide6.QtCore import QObject, Signal

from app.gui.now_playing import NowPlaying, Track


class JournalTracker(QObject):
    recorded = Signal()  # a play ended or a check-in was kept: the journal view may show it

    def __init__(self, now_playing: NowPlaying, journal, settings, parent=None):
        super().__init__(parent)
        self.now_playing = now_playing
        self.journal = journal
        self.settings = settings
        self.recorder = None
        self.last_recorder = None  # the play an "after" check-in belongs to
        self._mood_before: int | None = None
        now_playing.started.connect(self._started)
        now_playing.ticked.connect(self._checkpoint)
        now_playing.finished.connect(self._finished)

    def expect_mood_before(self, mood: int | None) -> None:
        """The mood chosen on a session's page: kept with the play that starts next."""
        self._mood_before = mood

    def check_in_after(self, mood: int | None, words: str) -> bool:
        """The check-in after a play; False when there is no play to keep it with."""
        if self.last_recorder is None or mood is None:
            return False
        self._say_when_written(self.last_recorder.check_in("after", mood, words))
        return True

    def _started(self, track: Track) -> None:
        from app.journal.log import PlayRecorder

        self.recorder = self.last_recorder = PlayRecorder(self.journal, track.kind, track.item_id, track.title)
        mood, self._mood_before = self._mood_before, None
        if track.kind == "session" and mood is not None and self.settings.get("journal/check_ins"):
            self.recorder.check_in("before", mood)

    def _checkpoint(self) -> None:
        if self.recorder is not None and self.now_playing.playing():
            self.recorder.listened(self.now_playing.listened_s())

    def _finished(self, _track: Track, listened_s: float, completed: bool) -> None:
        if self.recorder is None:
            return
        self._say_when_written(self.recorder.finish(listened_s, completed))
        self.recorder = None

    def _say_when_written(self, write) -> None:
        def say(_write) -> None:
            with contextlib.suppress(RuntimeError):  # the window has closed meanwhile
                self.recorded.emit()  # from the writer's thread: queued to the journal view

        write.add_done_callback(say)

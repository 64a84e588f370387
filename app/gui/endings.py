"""The end of every practice: when a session, a program's day, breathing or the timer ends (or is stopped after at
least half a minute), the end screen: how you feel now (the after check-in, kept through the journal tracker), the
prompt and a text box, this week's minutes and one next step. The urge practice asks its own question instead."""

from PySide6.QtCore import QObject, QTimer

from app.gui.now_playing import Track
from app.journal.contacts import URGE_SESSION

END_SCREEN_AFTER_S = 30.0  # a practice stopped sooner ends without the end screen


class Endings(QObject):
    def __init__(self, app):
        super().__init__(app)
        self.app = app
        self.ended_track: Track | None = None  # what the end screen is about
        app.now_playing.finished.connect(self._ended)

    def _ended(self, track: Track, listened_s: float, completed: bool) -> None:
        """A practice ended, or was stopped after at least END_SCREEN_AFTER_S: the end screen, once it is clear
        that no other practice took its place."""
        if self.app.quitting or not (completed or listened_s >= END_SCREEN_AFTER_S):
            return
        QTimer.singleShot(0, lambda: self._show_ending(track, listened_s))

    def _show_ending(self, track: Track, listened_s: float) -> None:
        import datetime

        from app.gui.pages.end_screen import ANY_PROMPT, Ending
        from app.journal.stats import minutes_per_week

        if self.app.quitting or self.app.now_playing.playing() or self.app.now_playing.track not in (None, track):
            return
        self.app.journal.written(timeout_s=0.5)  # this play's end and its day, unless another program holds the journal
        self.app.programs.refresh()
        monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
        week = minutes_per_week(self.app.journal.entries(since=monday.isoformat()), weeks=1)[0][1]
        urge = track.item_id == URGE_SESSION
        self.ended_track = track
        prompt = track.prompt or getattr(track.session, "reflection_prompt", "") or ANY_PROMPT
        ending = Ending(track.title, listened_s / 60, bool(self.app.settings.get("journal/check_ins")) and not urge, urge,
                        prompt, week, self._next_step(track), track.asks_contact)
        self.app.window.show_end(ending, [name for name, _count, _last in self.app.contacts.names()])

    def _next_step(self, track: Track) -> str:
        if track.program_day is None:
            return "Back to the library"
        program = self.app.programs.find(track.program_day[0])
        state = self.app.programs.progress.of(track.program_day[0])
        following = state.today(len(program.days)) if state and program else None
        if following is None:
            return "Back to the library"
        if track.program_day[1] in state.finished:
            return f"Tomorrow: day {following}, {program.day(following).title}"
        return "Back to the program"

    def saved(self, mood, words: str) -> None:
        self.app.tracker.check_in_after(mood, words)

    def next(self) -> None:
        track = self.ended_track
        if track is not None and track.program_day is not None and self.app.programs.find(track.program_day[0]) is not None:
            self.app.programs.show(track.program_day[0])
        else:
            self.app.window.show_page(0)

    def urge_answered(self, outcome: str, name) -> None:
        from app.failures import Failure  # bad input, or a journal read-only or held elsewhere
        from app.journal.contacts import URGE_AFTERWARDS

        try:
            self.app.contacts.urge(outcome, name)
        except Failure as problem:
            self.app.window.end_screen.urge.show_problem(str(problem))
            return
        self.app.window.end_screen.urge.thank(URGE_AFTERWARDS[outcome])
        self.app.window.contacts.refresh()

"""The programs as the window knows them: the programs found, the person's progress in each (kept in the journal),
their cards in the library, a program's page, and a program's day loaded on the player (and finished by the journal
tracker once 80% of it is heard)."""

from PySide6.QtCore import QObject

from app.gui.now_playing import Track
from app.journal.program_progress import ProgramProgress, status_line
from app.program.library import discover_programs
from app.session.overrides import with_preferences

CONTACT_WORDS = " · and a note in the contact journal"


class Programs(QObject):
    def __init__(self, app):
        super().__init__(app)
        self.app = app
        self.progress = ProgramProgress(app.journal.connection)
        self.all = [entry.program for entry in discover_programs() if entry.program is not None]
        app.tracker.progressed.connect(self.refresh)
        self.refresh()

    def find(self, program_id: str):
        return next((p for p in self.all if p.id == program_id), None)

    def refresh(self) -> None:
        """The programs' cards in the library (the one practised most recently first), and the program's page."""
        begun = {state.program_id: state for state in self.progress.all()}  # read once: most recent first
        order = list(begun)
        programs = sorted(self.all, key=lambda p: order.index(p.id) if p.id in begun else len(order))
        self.app.window.library.set_programs([(p.id, p.title, status_line(begun.get(p.id), len(p.days)))
                                          for p in programs])
        if self.app.window.pages.currentWidget() is self.app.window.program_page:
            self.show(self.app.window.program_page.program_id)

    def show(self, program_id: str) -> None:
        from app.gui.pages.program_page import DayLine

        program = self.find(program_id)
        if program is None:
            return
        state = self.progress.of(program_id)
        today = state.today(len(program.days)) if state else 1
        lines = [DayLine(day.number, day.title, self._practice_words(day) + CONTACT_WORDS * day.contact_journal, day.prompt,
                         bool(state and day.number in state.finished), day.number == today) for day in program.days]
        self.app.window.show_program(program.id, program.title, program.summary, status_line(state, len(program.days)),
                                 lines, bool(state and not state.paused))

    def _practice_words(self, day) -> str:
        from app.session.durations import format_duration

        if day.kind == "session":
            entry = self.app.library.find(day.item)
            if entry is None:
                return f"{day.item} (not in the library)"
            length = f" · {format_duration(entry.session.length_s)}" if entry.session.length_s else ""
            return entry.session.title + length
        if day.kind == "breathing":
            from app.practice.presets import PRESETS

            return f"{PRESETS[day.item].title} · {day.minutes:g} min"
        return f"A quiet sit with the timer · {day.minutes:g} min"

    def play_day(self, program_id: str, number: int) -> None:
        self.play_day_reference(f"{program_id}/{number}")

    def play_day_reference(self, reference: str, play: bool = True) -> bool:
        """Load a program's day on its page (and play it), beginning the program (or taking it up again); a day
        ahead of where you are is played, with a gentle note."""
        from app.failures import Failure
        from app.program.today import choose_day, day_session
        from app.session.errors import SessionError

        try:
            chosen = choose_day(reference, self.progress)
            session = with_preferences(day_session(chosen.day), self.app.preferences())
            self.progress.begin(chosen.program.id)
        except (Failure, SessionError) as problem:
            self.app.window.show_page(1)
            self.app.window.player.note.say(str(problem))
            return False
        window, day = self.app.window, chosen.day
        page = {"session": window.player, "breathing": window.breathing, "timer": window.timer}[day.kind]
        self.app.now_playing.load(self._track(chosen, session))
        window.show_page(window.pages.indexOf(page))
        page.note.say(chosen.note or "")
        if play:
            try:
                self.app.now_playing.play()
            except Exception as error:  # no output device  # noqa: BLE001
                page.note.say(f"Cannot play: {error}")
        self.refresh()
        return True

    def _track(self, chosen, session) -> Track:
        """The day as what plays: a session on the player, breathing on the Breathing page (its circle), the timer
        on the Timer page (counted from its start bell); recorded as the program's day."""
        from app.program.today import day_timer_plan
        from app.session.library import Entry

        day = chosen.day
        common = {"program_day": (chosen.program.id, day.number), "prompt": day.prompt,
                  "asks_contact": day.contact_journal}
        if day.kind == "session":
            return Track("session", day.reference, chosen.title, session, session.length_s,
                         entry=Entry(day.reference, session.file, session), **common)
        if day.kind == "breathing":
            return Track("breathing", day.reference, chosen.title, session, release_at_end=True, **common)
        plan = day_timer_plan(day)
        self.app.window.timer.plan = plan  # the Timer page shows this sitting's time left
        return Track("timer", day.reference, chosen.title, session, plan.start_bell_at_s + plan.length_s,
                     counted_from_s=plan.start_bell_at_s, counted_s=plan.length_s, release_at_end=True, **common)

    def pause(self, program_id: str) -> None:
        from app.failures import Failure

        try:
            self.progress.pause(program_id)
        except Failure as problem:
            self.app.window.program_page.note.say(str(problem))
            return
        self.refresh()

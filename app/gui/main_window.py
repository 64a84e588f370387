"""The main window, only the view: navigation between Library, Now playing, Breathing, Timer, Sounds, Journal and
Contacts (and a session's page before it begins), focus mode, and the window's remembered geometry. What the
pages need comes from the application (`app.gui.app`)."""

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.kit import theme
from app.gui.kit.basics import accessible
from app.gui.kit.icon import app_icon
from app.gui.pages.breathing import BreathingView
from app.gui.pages.contacts import ContactsView
from app.gui.pages.end_screen import EndScreen
from app.gui.pages.journal import JournalView
from app.gui.pages.library import LibraryView
from app.gui.pages.now_playing import PlayerView
from app.gui.pages.program_page import ProgramPage
from app.gui.pages.session_page import SessionPage
from app.gui.pages.sounds import SoundsView
from app.gui.pages.timer import TimerView

# the sidebar; a session's page, a program's page and the end screen come after them
PAGES = ("Library", "Now playing", "Breathing", "Timer", "Sounds", "Journal", "Contacts")


class MainWindow(QMainWindow):
    def __init__(self, app):
        super().__init__()
        self.app = app
        self.settings = app.settings
        self.setWindowTitle("Stillpoint")
        self.setWindowIcon(app_icon())
        owner = app.now_playing
        self.library = LibraryView(app.library)
        self.player = PlayerView(owner, app.settings)
        self.breathing = BreathingView(owner, app.settings)
        self.timer = TimerView(owner, app.settings)
        self.sounds = SoundsView(owner, app.settings)
        self.journal = JournalView(app.settings, app.journal, app.journal_notices)
        self.contacts = ContactsView(app.contacts)
        self.session_page = SessionPage()
        self.program_page = ProgramPage()
        self.end_screen = EndScreen()
        self._before_end = 0  # the page the end screen came over
        self.nav = accessible(QListWidget(), "Sections", ", ".join(PAGES))
        self.nav.setObjectName("nav")
        self.nav.addItems(PAGES)
        self.nav.setMaximumWidth(theme.space(22))  # and in a small window only as wide as its words
        self.nav.setMinimumWidth(min(theme.space(22), self.nav.fontMetrics().horizontalAdvance("Now playing") + theme.space(5)))
        self.pages = QStackedWidget()
        for page in (self.library, self.player, self.breathing, self.timer, self.sounds, self.journal, self.contacts,
                     self.session_page, self.program_page, self.end_screen):
            page.setObjectName("page")
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.show_page)
        self.sidebar = QWidget()  # the sections, and the two things wanted from anywhere
        self.sidebar.setObjectName("sidebar")
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(0, 0, 0, theme.space(2))
        side.addWidget(self.nav, 1)
        for text, tip, handler in (("Note a contact", "Note how a contact felt (Ctrl+L)", app.note_contact),
                                   ("Urge to reach out", "A few minutes with the urge before deciding (Ctrl+U)",
                                    app.urge)):
            button = accessible(QPushButton(text), text, tip)
            button.setObjectName("side")
            button.clicked.connect(handler)
            side.addWidget(button)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.library.session_chosen.connect(self.show_session)
        self.library.continue_chosen.connect(app.continue_session)
        self.library.phrases_requested.connect(app.edit_phrases)
        self.session_page.begin.connect(app.begin)
        self.session_page.back.connect(lambda: self.show_page(0))
        self.player.focus_requested.connect(self.set_focus_mode)
        self.breathing.focus_requested.connect(self.set_focus_mode)
        self.player.export_requested.connect(app.export)
        # the programs and the endings are the app's, made once the window is
        self.library.program_chosen.connect(lambda program_id: app.programs.show(program_id))
        self.program_page.play_day.connect(lambda program_id, day: app.programs.play_day(program_id, day))
        self.program_page.pause.connect(lambda program_id: app.programs.pause(program_id))
        self.program_page.back.connect(lambda: self.show_page(0))
        self.end_screen.saved.connect(lambda mood, words: app.endings.saved(mood, words))
        self.end_screen.closed.connect(self.close_end)
        self.end_screen.next_chosen.connect(lambda: app.endings.next())
        self.end_screen.contact_requested.connect(lambda: app.note_contact())
        self.end_screen.urge.answered.connect(lambda outcome, name: app.endings.urge_answered(outcome, name))
        self.contacts.note_requested.connect(app.note_contact)
        self.contacts.urge_requested.connect(app.urge)
        app.tracker.recorded.connect(self.journal.refresh)
        self.focus_mode = False
        self._was_maximised = False
        self._restore_geometry()

    # -- navigation -------------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if self.focus_mode:
            self.set_focus_mode(False)
        self.pages.setCurrentIndex(index)
        if self.pages.widget(index) is self.end_screen:
            return  # over the page it ended on: the sections stay as they were
        row = 0 if index >= len(PAGES) else index  # a session's or a program's page belongs to the library
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        if index < len(PAGES) and PAGES[index] == "Journal":
            self.journal.refresh()

    def show_session(self, entry) -> None:
        """The session's own page: what it is, and Begin."""
        self.session_page.show_entry(entry)
        self.show_page(self.pages.indexOf(self.session_page))
        self.session_page.begin_button.setFocus()

    def show_program(self, program_id: str, title: str, summary: str, status: str, days, under_way: bool) -> None:
        self.program_page.show_program(program_id, title, summary, status, days, under_way)
        self.show_page(self.pages.indexOf(self.program_page))

    def show_end(self, ending, contact_names: list[str]) -> None:
        """The end screen, over the page the practice ended on (Esc, or saving, goes back to it)."""
        if self.focus_mode:
            self.set_focus_mode(False)
        if self.pages.currentWidget() is not self.end_screen:
            self._before_end = self.pages.currentIndex()
        self.show_page(self.pages.indexOf(self.end_screen))
        self.end_screen.show_ending(ending, contact_names)

    def close_end(self) -> None:
        if self.pages.currentWidget() is self.end_screen:
            self.show_page(self._before_end)

    def play_or_pause(self) -> None:
        """Space: a choice that has the focus (a mood, a chip, a switch) is chosen, as Space does on any desktop;
        else on Breathing or the Timer, that practice's start or pause; on Sounds, the mix's; elsewhere what plays
        (a practice and the mix with it, or the mix alone)."""
        focused = self.focusWidget()
        if isinstance(focused, QAbstractButton) and focused.isCheckable() and focused.isVisible():
            focused.click()
            return
        page = self.pages.currentWidget()
        if page in (self.breathing, self.timer):
            page.start_or_pause()
        elif page is self.sounds or (self.app.now_playing.track is None and self.app.now_playing.sounds.loaded()):
            self.sounds.toggle()
        else:
            self.player.toggle()

    def search(self) -> None:
        self.show_page(0)
        self.library.search.setFocus()
        self.library.search.selectAll()

    def escape(self) -> None:
        if self.focus_mode:
            self.set_focus_mode(False)
        elif self.pages.currentWidget() is self.end_screen:
            self.close_end()
        elif self.pages.currentWidget() in (self.session_page, self.program_page):
            self.show_page(0)

    def set_focus_mode(self, on: bool) -> None:
        """Only the words (or the breathing circle), the play control and the time left, full screen."""
        page = self.pages.currentWidget()
        if on and page not in (self.player, self.breathing):
            return
        self.focus_mode = on
        self.sidebar.setVisible(not on)
        self.player.set_focused(on and page is self.player)
        self.breathing.set_focused(on and page is self.breathing)
        if on:
            self._was_maximised = self.isMaximized()
            self.showFullScreen()
        elif self.isFullScreen() and self._was_maximised:
            self.showMaximized()
        elif self.isFullScreen():
            self.showNormal()

    # -- the window itself ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.raw().value("state/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        self.show_page(0)

    def closeEvent(self, event):  # noqa: N802
        if self.app.keeps_playing_hidden():
            self.hide()  # it plays on; the media controls or starting Stillpoint again bring it back
            event.ignore()
            return
        self.settings.raw().setValue("state/geometry", self.saveGeometry())
        self.app.shut_down()
        super().closeEvent(event)

"""The library: a card for every session (artwork, title, one line, length and tags), filter chips for the
library's themes, search, a Continue card for a session left part-way, and the writers' examples last."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.gui.kit import theme
from app.gui.kit.basics import accessible, label, page_column
from app.gui.kit.cards import Artwork, Card, ElidedLabel
from app.gui.kit.flow_layout import FlowLayout
from app.session.durations import format_duration
from app.session.library import Entry

THEMES = ("letting-go", "boundaries", "self-compassion", "breathing", "sleep", "short")  # the chips, when present
FOR_WRITERS = "example"  # sessions with this tag show the format; they come last, under "For writers"
CARD_MIN_PX = 300  # a card is never narrower; the columns follow (one at 600 px wide, four at 1600 px)
MAX_COLUMNS = 4
ARTWORK_PX = 132


def columns_for(width_px: int) -> int:
    gap = theme.space(2)
    return max(1, min(MAX_COLUMNS, (width_px + gap) // (CARD_MIN_PX + gap)))


def chip_text(tag: str) -> str:
    return tag.replace("-", " ")


class SessionCard(Card):
    def __init__(self, entry: Entry, parent=None):
        session = entry.session
        title = session.title if session else f"{entry.id}  (cannot be played)"
        super().__init__(title, (session.summary if session else "\n".join(str(p) for p in entry.problems))
                         or title, parent)
        self.entry = entry
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.space(1.5), theme.space(1.5), theme.space(1.5), theme.space(2))
        layout.setSpacing(theme.space(1))
        self.artwork = Artwork(session.title, ARTWORK_PX) if session else None
        if self.artwork:
            layout.addWidget(self.artwork)
        heading = label(title, "lead", wrap=True)
        heading.setStyleSheet("font-weight: 600;")
        self.line = ElidedLabel(session.summary if session else str(entry.problems[0]), "muted")
        layout.addWidget(heading)
        layout.addWidget(self.line)
        if session:
            chips = QHBoxLayout()
            chips.setSpacing(theme.space(0.75))
            texts = ([format_duration(session.length_s)] if session.length_s else []) + \
                [chip_text(t) for t in session.tags if t != FOR_WRITERS][:2]
            for text in texts:
                chips.addWidget(label(text, "chipLabel"))
            chips.addStretch(1)
            layout.addLayout(chips)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def text(self) -> str:
        return f"{self.title}\n{self.line.full_text}"


class ProgramCard(Card):
    """A program in the library: its title, where you are in it, and today's day."""

    def __init__(self, program_id: str, title: str, status: str, parent=None):
        super().__init__(f"Program: {title}. {status}", f"Open the program {title}", parent)
        self.program_id = program_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.space(2), theme.space(1.5), theme.space(2), theme.space(1.5))
        layout.setSpacing(theme.space(0.5))
        layout.addWidget(label("Program", "small"))
        heading = label(title, "lead", wrap=True)
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        self.status = label(status, "muted", wrap=True)
        layout.addWidget(self.status)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)


class LibraryView(QWidget):
    session_chosen = Signal(object)  # the library Entry
    program_chosen = Signal(str)  # a program's id
    continue_chosen = Signal(object, float)  # the Entry and the position to continue from
    phrases_requested = Signal()

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.cards: list[SessionCard] = []
        self.program_cards: list[ProgramCard] = []
        self.chips: dict[str, QPushButton] = {}
        self._continue: tuple[Entry, float] | None = None
        self._columns = 0
        heading = label("Library", "title")
        self.search = accessible(QLineEdit(placeholderText="Search"), "Search the library",
                                 "Search titles, summaries and tags (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(theme.space(40))
        self.phrases_button = accessible(QPushButton("Your phrases..."), "Your phrases",
                                         "Write your own boundary phrases and practise them as a session")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.search, 1)
        top.addWidget(self.phrases_button)
        self.chip_row = QWidget()
        self.chip_layout = FlowLayout(self.chip_row, theme.space(1))
        self.programs = QHBoxLayout()
        self.programs.setSpacing(theme.space(2))
        self.continue_card = Card("Continue", "Continue where you left off")
        self.continue_card.activated.connect(self._continue_activated)
        self.continue_card.hide()
        self.grid = QGridLayout()
        self.grid.setSpacing(theme.space(2))
        self.writers_heading = label("For writers: examples of the session format", "muted")
        self.writers_grid = QGridLayout()
        self.writers_grid.setSpacing(theme.space(2))
        content = QWidget()
        content.setObjectName("page")
        body = page_column(content)
        body.addLayout(top)
        body.addWidget(self.chip_row)
        body.addLayout(self.programs)
        body.addWidget(self.continue_card)
        body.addLayout(self.grid)
        body.addSpacing(theme.space(2))
        body.addWidget(self.writers_heading)
        body.addLayout(self.writers_grid)
        body.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.phrases_button.clicked.connect(self.phrases_requested.emit)
        self.search.textChanged.connect(self.refilter)
        self._draw_next = QTimer(self, interval=0, timeout=self._draw_one)  # artwork, one card per turn
        library.changed.connect(self.reload)
        self.reload()

    # -- content ----------------------------------------------------------------------------------
    @property
    def entries(self) -> list[Entry]:
        return self.library.entries

    def reload(self) -> None:
        """A card for every session the library holds (it reads your folder again on every change there)."""
        for card in self.cards:
            card.deleteLater()
        # made inside the page: a card without a parent is a window of its own, and showing it (below, before it is
        # placed in the grid) would flash it on the desktop and take the activation from the main window
        self.cards = [SessionCard(entry, self.scroll.widget()) for entry in self._ordered(self.entries)]
        for card in self.cards:
            card.activated.connect(lambda c=card: self._activated(c))
        self._fill_chips()
        self._columns = 0
        self.refilter()
        if self.isVisible():
            self._draw_next.start()

    def _ordered(self, entries: list[Entry]) -> list[Entry]:
        """Sessions for listening first (your own at the front), the writers' examples last."""
        def writers(entry):
            return entry.session is not None and FOR_WRITERS in entry.session.tags

        return [e for e in entries if e.user and not writers(e)] + [e for e in entries if not e.user and not writers(e)] + \
            [e for e in entries if writers(e)]

    def _fill_chips(self) -> None:
        chosen = self.chosen_theme()
        for chip in self.chips.values():
            chip.deleteLater()
        present = {tag for e in self.entries if e.session for tag in e.session.tags}
        self.chips = {}
        for tag in ("", *[t for t in THEMES if t in present]):
            name = chip_text(tag) if tag else "all"
            chip = accessible(QPushButton(name), f"Show {name}", f"Show {'sessions about ' + name if tag else 'every session'}")
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setChecked(tag == chosen)
            chip.clicked.connect(lambda _=False, t=tag: self.choose_theme(t))
            self.chip_layout.addWidget(chip)
            self.chips[tag] = chip
        if chosen not in self.chips:
            self.chips[""].setChecked(True)

    def chosen_theme(self) -> str:
        return next((tag for tag, chip in self.chips.items() if chip.isChecked()), "")

    def choose_theme(self, tag: str) -> None:
        for name, chip in self.chips.items():
            chip.setChecked(name == tag)
        self.refilter()

    def set_programs(self, programs: list[tuple[str, str, str]]) -> None:
        """A card for each program: (id, title, where you are in it), the one under way first."""
        for card in self.program_cards:
            card.deleteLater()
        self.program_cards = [ProgramCard(*program, parent=self.scroll.widget()) for program in programs]
        for card in self.program_cards:
            card.activated.connect(lambda c=card: self.program_chosen.emit(c.program_id))
            self.programs.addWidget(card)

    def set_continue(self, entry: Entry | None, position_s: float) -> None:
        """Offer a Continue card for `entry` left at `position_s` (None or the start: no card)."""
        self._continue = (entry, position_s) if entry is not None and entry.session and position_s > 1 else None
        layout = self.continue_card.layout() or QHBoxLayout(self.continue_card)
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.continue_card.setVisible(self._continue is not None)
        if self._continue is None:
            return
        session = entry.session
        layout.setContentsMargins(theme.space(1.5), theme.space(1.5), theme.space(2), theme.space(1.5))
        layout.setSpacing(theme.space(2))
        art = Artwork(session.title, theme.space(9))
        art.setFixedWidth(theme.space(16))
        art.draw()
        words = QVBoxLayout()
        words.addWidget(label("Continue where you left off", "small"))
        heading = label(session.title, "lead")
        heading.setStyleSheet("font-weight: 600;")
        words.addWidget(heading)
        length = f" of {format_duration(session.length_s)}" if session.length_s else ""
        words.addWidget(label(f"At {format_duration(position_s)}{length}", "muted"))
        layout.addWidget(art)
        layout.addLayout(words, 1)
        self.continue_card.setAccessibleName(f"Continue {session.title}")
        self.continue_card.setToolTip(f"Continue {session.title} from {format_duration(position_s)}")

    def refilter(self) -> None:
        words = self.search.text().lower().split()
        tag = self.chosen_theme()
        for card in self.cards:
            session = card.entry.session
            if session is None:
                shown = not words and not tag
            else:
                haystack = " ".join([session.title, session.summary, *session.tags, *map(chip_text, session.tags)]).lower()
                shown = all(word in haystack for word in words) and (not tag or tag in session.tags)
            card.setVisible(shown)
        self._place(force=True)

    def _place(self, force: bool = False) -> None:
        columns = columns_for(self.width() - 2 * theme.space(4) - self.scroll.verticalScrollBar().sizeHint().width())
        if columns == self._columns and not force:
            return
        self._columns = columns
        for grid in (self.grid, self.writers_grid):
            while grid.count():
                grid.takeAt(0)
            for column in range(MAX_COLUMNS):
                grid.setColumnStretch(column, 1 if column < columns else 0)
        placed = {id(self.grid): 0, id(self.writers_grid): 0}
        previous = self.search
        for card in self.cards:
            if card.isHidden():
                continue
            grid = self.writers_grid if card.entry.session and FOR_WRITERS in card.entry.session.tags else self.grid
            index = placed[id(grid)]
            grid.addWidget(card, index // columns, index % columns)
            placed[id(grid)] += 1
            QWidget.setTabOrder(previous, card)
            previous = card
        self.writers_heading.setVisible(placed[id(self.writers_grid)] > 0)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self._draw_next.start()

    def _draw_one(self) -> None:
        waiting = next((c for c in self.cards if c.artwork and c.artwork.image is None), None)
        if waiting is None:
            self._draw_next.stop()
            return
        waiting.artwork.draw()

    # -- what tests and the window ask ------------------------------------------------------------
    def visible_titles(self) -> list[str]:
        return [card.title for card in self._visible_cards()]

    def card(self, title: str) -> SessionCard:
        return next(card for card in self.cards if card.title == title)

    def columns(self) -> int:
        return self._columns

    def _visible_cards(self) -> list[SessionCard]:
        return [card for card in self.cards if not card.isHidden()]

    def choose(self, session_id: str) -> bool:
        card = next((c for c in self.cards if c.entry.id == session_id), None)
        if card is None:
            return False
        self._activated(card)
        return True

    def _activated(self, card: SessionCard) -> None:
        if card.entry.session is not None:
            self.session_chosen.emit(card.entry)

    def _continue_activated(self) -> None:
        if self._continue is not None:
            self.continue_chosen.emit(*self._continue)

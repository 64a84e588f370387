"""The app's face: contrast of every text colour in both themes, layouts that fit small and use large windows,
cards that reflow, keyboard order and focus rings, the session's page, now playing and focus mode."""

import datetime

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from app.gui.kit import theme
from app.gui.main_window import PAGES
from app.gui.pages.library import SessionCard
from app.journal import stats
from app.journal.log import Journal


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i: i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey on white


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_text_colour_meets_wcag_aa_on_its_background(name):
    palette = theme.PALETTES[name]
    low = {f"{text} on {background}": round(contrast(palette[text], palette[background]), 2)
           for text, background, least in theme.TEXT_ON if contrast(palette[text], palette[background]) < least}
    assert low == {}
    assert {text for text, _, _ in theme.TEXT_ON} >= {"text", "muted", "faded", "on_accent", "focus"}


def test_every_colour_in_the_stylesheet_comes_from_the_palette():
    for name, palette in theme.PALETTES.items():
        sheet = theme.stylesheet(palette, 10.0)
        used = {word.rstrip(";") for word in sheet.split() if word.startswith("#") and len(word.rstrip(";")) == 7}
        assert used <= set(palette.values()), f"{name}: colours outside the palette: {used - set(palette.values())}"


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.isVisible() and not w.isWindow()]


def geometry_problems(window) -> list[str]:
    """Visible widgets that leave the window, and siblings that overlap (a scroll area's content may be taller
    than the window; its viewport clips it)."""
    problems = []
    frame = window.rect()
    for widget in visible_widgets(window):
        if widget.width() <= 0 or widget.height() <= 0 or _inside_scrolled(widget, window):
            continue
        box = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not frame.contains(box):
            problems.append(f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r} at {box} "
                            f"leaves {frame}")
    for parent in [window, *visible_widgets(window)]:
        children = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    if c.isVisible() and not c.isWindow() and c.width() > 0]
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                if a.geometry().intersects(b.geometry()) and not _meant_to_overlap(a, b):
                    problems.append(f"{_name(a)} overlaps {_name(b)} in {_name(parent)}")
    return problems


def _inside_scrolled(widget, window) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def _meant_to_overlap(a, b) -> bool:
    """Scroll bars over their viewport, and Qt's own internal children."""
    names = {a.objectName(), b.objectName()}
    return bool(names & {"qt_scrollarea_viewport", "qt_scrollarea_hcontainer", "qt_scrollarea_vcontainer"})


def _name(widget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or ''})"


def settle(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1], timeout=3000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


@pytest.mark.parametrize("size", [(900, 600), (1600, 1000)])
def test_every_page_fits_the_window(window, qtbot, size):
    window.show_session(next(e for e in window.library.entries if e.id == "quick-reset"))
    window.app.open_session(next(e for e in window.library.entries if e.id == "quick-reset"))
    for index in range(window.pages.count()):
        window.show_page(index)
        settle(qtbot, window, size)
        assert geometry_problems(window) == [], f"page {index} at {size}"


def test_cards_reflow_from_one_column_to_four(window, qtbot):
    columns = {}
    for width in (600, 900, 1280, 1600):
        settle(qtbot, window, (width, 800))
        columns[width] = window.library.columns()
        rows = {card.y() for card in window.library.cards if card.isVisible() and card.entry.session
                and "example" not in card.entry.session.tags}
        per_row = max(sum(1 for c in window.library.cards if c.isVisible() and c.y() == y) for y in rows)
        assert per_row == columns[width], f"{width} px: {per_row} cards in a row, {columns[width]} columns"
    assert columns[600] == 1 and columns[1600] == 4 and columns[900] < columns[1280] <= 4, columns


def test_at_1600_px_the_cards_use_the_width(window, qtbot):
    settle(qtbot, window, (1600, 1000))
    cards = [c for c in window.library.cards if c.isVisible()]
    right = max(c.mapTo(window, c.rect().topRight()).x() for c in cards)
    left = min(c.mapTo(window, c.rect().topLeft()).x() for c in cards)
    assert right - left > 0.75 * (window.width() - window.nav.width()), "not a narrow column in a sea of white"


def test_the_library_leads_with_sessions_for_listening_and_ends_with_examples(window):
    titles = window.library.visible_titles()
    assert titles[-2:] == ["A Tour of the Format", "Three Breaths"]
    assert window.library.writers_heading.isVisible()
    card = window.library.card("Creating Healthy Distance")
    assert isinstance(card, SessionCard) and card.accessibleName() == "Creating Healthy Distance"
    assert card.artwork.height() >= 120


def test_card_artwork_is_drawn_after_the_window_shows_and_differs_per_session(window, qtbot):
    qtbot.waitUntil(lambda: all(c.artwork.image is not None for c in window.library.cards if c.artwork), timeout=10000)
    images = {c.title: c.artwork.image for c in window.library.cards if c.artwork}
    assert len({image.pixelColor(20, 20).name() for image in images.values()}) >= 5, "distinct skies"


def test_a_continue_card_offers_the_session_left_part_way(qtbot):
    from app.gui.app import StillpointApp
    from app.gui.settings import Settings

    Settings().set("state/last_session", "quick-reset")
    Settings().set("state/last_position_s", 83.0)
    main = StillpointApp(Settings()).window
    qtbot.addWidget(main)
    main.show()
    card = main.library.continue_card
    assert card.isVisible() and card.accessibleName() == "Continue Quick Reset"
    assert "from 1:23" in card.toolTip()
    chosen = []
    main.library.continue_chosen.connect(lambda entry, at: chosen.append((entry.id, at)))
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert chosen == [("quick-reset", 83.0)]
    main.close()


def test_the_session_page_begins_with_enter_and_keeps_the_check_in(window, qtbot):
    """A mood chosen on the page is recorded as the check-in before; Enter alone skips it."""
    from app.playback.player import State
    from tests.playback.capture import need_audio_server

    need_audio_server()
    window.library.choose("three-breaths")
    page = window.session_page
    assert window.pages.currentWidget() is page and page.title.text() == "Three Breaths"
    assert page.meta.text() == "1:05   ·   Arriving  ·  Breathing  ·  Closing"
    assert page.begin_button.hasFocus(), "Enter begins at once"
    assert [b.text() for b in page.check_in.buttons()] == ["heavy", "low", "okay", "lighter", "calm"]
    qtbot.mouseClick(page.check_in.buttons()[1], Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.begin_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.player.player is not None and window.player.player.state == State.PLAYING,
                    timeout=15000)
    qtbot.waitUntil(lambda: Journal().entries() != [], timeout=3000)
    assert Journal().entries()[0].mood_before == 2
    window.player.toggle()
    window.library.choose("quick-reset")
    assert page.check_in.mood() is None, "a new page starts with no mood chosen"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.library


def test_now_playing_shows_the_sentence_large_and_focus_mode_only_the_essentials(window, qtbot):
    view = window.player
    window.app.open_session(next(e for e in window.library.entries if e.id == "three-breaths"))
    window.show_page(1)
    settle(qtbot, window, (1280, 800))
    assert QFontInfo(view.sentence.font()).pixelSize() >= 22
    assert QFontInfo(view.previous.font()).pixelSize() < QFontInfo(view.sentence.font()).pixelSize()
    assert view.play_button.width() >= 64 and view.play_button.height() >= 64
    for button in (view.volume_button, view.time_button, view.export_button, view.text_button, view.focus_button):
        assert button.accessibleName() and button.toolTip() and button.text() == "", "small icon buttons"
    assert not view.transcript.isVisible() and not view.chapters.isVisible(), "nothing else of the script by default"
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.focus_mode and window.sidebar.isHidden() and view.progress.isHidden() and view.top.isHidden()
    assert view.sentence.isVisible() and view.play_button.isVisible() and view.focus_left.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.focus_mode and window.sidebar.isVisible() and view.progress.isVisible()
    assert not window.isFullScreen()


def test_breathing_keeps_its_settings_in_a_panel_and_has_focus_mode(window, qtbot):
    view = window.breathing
    window.show_page(2)
    assert not view.options.isVisible() and not view.pattern.isVisible(), "settings out of the way until asked for"
    qtbot.mouseClick(view.options_button, Qt.MouseButton.LeftButton)
    assert view.options.isVisible() and view.pattern.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert view.header.isHidden() and view.options.isHidden() and view.circle.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert view.options.isVisible()


def test_tab_reaches_every_control_of_the_page_with_a_focus_ring(window, qtbot):
    window.show_page(0)
    window.library.search.setFocus()
    reached = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        reached.append(widget.accessibleName() or widget.objectName())
    titles = window.library.visible_titles()
    assert titles.index("Quick Reset") < titles.index("Three Breaths")
    assert reached.index("Quick Reset") < reached.index("Three Breaths"), "cards in reading order"
    assert {"Your phrases", "Sections", "Show all"} <= set(reached)
    sheet = QApplication.instance().styleSheet()
    for selector in ("QFrame#card:focus", "QPushButton:focus", "QToolButton:focus", "QLineEdit:focus", "QSlider:focus"):
        assert selector in sheet, f"{selector} has a focus ring"


def test_the_journal_speaks_plainly_and_labels_its_chart(window):
    journal = Journal()
    short = journal.start("session", "quick-reset", "Quick Reset")
    journal.checkpoint(short, 12, completed=False)
    play = journal.start("session", "quick-reset", "Quick Reset")
    journal.checkpoint(play, 300, completed=True)
    window.show_page(PAGES.index("Journal"))
    view = window.journal
    assert view.history.topLevelItemCount() == 1, "a 12 s play is not practice"
    assert view.history.topLevelItem(0).text(0).startswith("Today ")
    assert view.summary.y() < view.chart.y() < view.history.y(), "the kind sentence on top"
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())  # the week's first day, worked out here
    this_week = f"{monday.day} {monday:%b}"
    assert f"week of {this_week}: 5 minutes" in view.chart.accessibleDescription()


def test_dates_read_as_people_say_them():
    now = datetime.datetime(2026, 11, 23, 21, 0)
    assert stats.said_when("2026-11-23T09:12:00", now) == "Today 09:12"
    assert stats.said_when("2026-11-22T23:59:00", now) == "Yesterday 23:59"
    assert stats.said_when("2026-11-21T10:00:00", now) == "Sat 21 Nov"
    assert stats.said_when("2025-11-21T10:00:00", now) == "Fri 21 Nov 2025"
    assert stats.week_label("2026-W47") == "16 Nov"

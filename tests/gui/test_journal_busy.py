"""A journal another program holds while a session plays: the play goes on, the window never waits, and the play is
written once the journal is free (seen failing: the checkpoint on the window's thread waited 10 s, then raised)."""

import itertools
import time

from PySide6.QtCore import Qt

from app.journal.log import Journal
from app.journal.store import journal_path
from tests.journal.holder import hold
from tests.playback.capture import need_audio_server


def test_a_journal_held_by_another_program_never_holds_up_what_plays(stillpoint, qtbot):
    need_audio_server()
    window = stillpoint.window
    window.settings.set("journal/check_ins", False)
    window.library.choose("three-breaths")
    qtbot.mouseClick(window.session_page.begin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.player.player.position_s > 1.0, timeout=15000)
    holder = hold(journal_path())
    try:
        ticks: list[float] = []
        stillpoint.now_playing.ticked.connect(lambda: ticks.append(time.monotonic()))
        held_at_s, held_at = window.player.player.position_s, time.monotonic()
        qtbot.waitUntil(lambda: window.player.player.position_s > held_at_s + 12.0, timeout=20000)
        gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
        assert max(gaps) < 1.0, f"the window waited {max(gaps):.1f} s for the journal"
        assert time.monotonic() - held_at < 14.5, "the play kept time while the journal was held"
        assert Journal().entries()[0].listened_s < 5, "nothing could be written while it was held"
    finally:
        holder.communicate("go\n", timeout=10)
    stillpoint.now_playing.stop()
    qtbot.waitUntil(lambda: Journal().entries()[0].listened_s > held_at_s + 11.0, timeout=15000)
    (entry,) = Journal().entries()
    assert entry.item_id == "three-breaths" and not entry.completed

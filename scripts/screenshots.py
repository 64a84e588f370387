"""Screenshots of each main view in the light and dark themes, from a real window.

Run under Xvfb:  xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py
Writes docs/screenshots/<view>-<theme>.png at 1280x800 (every view, the Sounds place too, both themes),
<view>-<theme>-small.png at 900x600 (the library and now playing), program-<theme>.png and end-<theme>.png (a
program's page five days in, and the end screen after a program's day), and urge-<theme>.png /
urge-question-<theme>.png (the urge companion during the wave, and the end screen's question after it).
"""

import datetime
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    os.environ.setdefault("STILLPOINT_DATA_DIR", tempfile.mkdtemp())
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.gui.app import StillpointApp
    from app.gui.kit.look import apply_look
    from app.gui.main_window import PAGES
    from app.journal.contacts import Contacts
    from app.journal.log import Journal

    journal = Journal()
    for title, item, minutes, before, after in (("Quick Reset", "quick-reset", 3, 2, 4),
                                                ("Creating Healthy Distance", "creating-healthy-distance", 12, 3, 4),
                                                ("Box breathing", "box", 4, None, None)):
        play = journal.start("breathing" if item == "box" else "session", item, title)
        journal.checkpoint(play, minutes * 60, completed=True)
        if before:
            journal.check_in(play, "before", before)
            journal.check_in(play, "after", after, "a little lighter")
    contacts = Contacts(journal.connection)
    now = datetime.datetime.now().astimezone()
    from app.journal.program_progress import ProgramProgress

    progress = ProgramProgress(journal.connection)  # five days of Room to Breathe, the last two days ago
    progress.begin("room-to-breathe")
    for day in range(1, 6):
        progress.finish_day("room-to-breathe", day)
    play = journal.start("program-day", "the-space-between", "Room to Breathe · Day 5: The space between",
                         ("room-to-breathe", 5))
    journal.checkpoint(play, 356, completed=True)
    journal.connection.execute("UPDATE plays SET started_at = ? WHERE id = ?",
                               ((now - datetime.timedelta(days=2)).isoformat(timespec="seconds"), play))
    for days_ago, kind, moods, boundary, note in (
            (18, "message", (3, 2, 2), "partly", "asked to meet"), (15, "their-posts", (3, 2, 1), None, ""),
            (12, "call", (2, 2, 1), "no", "the same argument"), (9, "thinking", (3, 3, 2), None, ""),
            (6, "message", (3, 3, 3), "yes", "short and kind"), (3, "in-person", (2, 3, 3), "yes", "left on time"),
            (1, "message", (3, 3, 4), "yes", "")):
        contacts.log("Sam", kind, *moods, note, boundary, (now - datetime.timedelta(days=days_ago)).isoformat())
    contacts.urge("passed", "Sam", (now - datetime.timedelta(days=4)).isoformat())
    app = QApplication(sys.argv)
    stillpoint = StillpointApp()
    window = stillpoint.window
    window.resize(1280, 800)
    window.show()
    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    entry = next(e for e in window.library.entries if e.id == "creating-healthy-distance")

    def settle(condition, seconds: float) -> None:
        import time

        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    def shoot():
        window.show_session(entry)
        stillpoint.begin(entry, None)
        player = window.player
        settle(lambda: player.player.timeline.complete, 60)
        try:  # a moment in the middle of the session, with the words following the voice
            player.player.seek(100.0)
            settle(lambda: player.player.position_s > 101.5, 10)
            player.toggle()
        except Exception as error:  # no sound server: the still view is enough
            print(f"(not playing: {error})")
        settle(lambda: False, 0.5)
        window.settings.set("state/last_position_s", player.player.position_s)
        window.library.set_continue(entry, player.player.position_s)
        window.session_page.show_entry(next(e for e in window.library.entries if e.id == "let-be-let-go-let-in"))
        views = {view: PAGES.index(page) for view, page in (
            ("library", "Library"), ("player", "Now playing"), ("breathing", "Breathing"), ("timer", "Timer"),
            ("sounds", "Sounds"), ("journal", "Journal"), ("contacts", "Contacts"))}
        views["session"] = len(PAGES)
        window.show_page(views["sounds"])  # a mix of rain, wind and fire, saved as "Evening", under the session
        for layer in window.sounds.layers:
            layer.volume.setValue({"rain": 60, "wind": 30, "fire": 45}.get(layer.sound.name, 50))
            layer.switch.setChecked(layer.sound.name in ("rain", "wind", "fire"))
        window.sounds.mix_name.setText("Evening")
        window.sounds.save_mix()
        window.sounds.timer.setCurrentIndex(2)
        try:
            window.sounds.toggle()  # the mix plays on under the session
        except Exception as error:  # noqa: BLE001
            print(f"(sounds not playing: {error})")
        for name in ("light", "dark"):
            apply_look(app, name)
            for size, suffix, shown in (((1280, 800), "", views), ((900, 600), "-small", ("library", "player"))):
                window.resize(*size)
                for view in shown:
                    window.show_page(views[view])
                    if view == "breathing":
                        window.breathing.circle.set_fullness(0.6)
                        window.breathing.circle.set_words("Breathe in · 3", 1.0)
                        window.breathing.detail.setText("5 breaths left")
                    if view == "timer":
                        window.timer.options_button.setChecked(True)
                    settle(lambda: False, 0.4)
                    window.player.refresh()
                    path = out / f"{view}-{name}{suffix}.png"
                    window.grab().save(str(path))
                    print(path)
        window.resize(1280, 800)
        from app.gui.pages.end_screen import Ending

        program = stillpoint.programs.find("room-to-breathe")
        for name in ("light", "dark"):  # a program's page, and the end screen after its sixth day
            apply_look(app, name)
            stillpoint.programs.show("room-to-breathe")
            settle(lambda: False, 0.4)
            window.grab().save(str(out / f"program-{name}.png"))
            window.show_end(Ending("Room to Breathe · Day 6: Unhooking", 11.2, True, False, program.day(6).prompt,
                                   47, "Tomorrow: day 7, A quiet sit"), ["Sam"])
            window.end_screen.moods.buttons()[3].setChecked(True)
            window.end_screen.words.setPlainText("The worry about how they are doing. That one is theirs.")
            settle(lambda: False, 0.4)
            window.grab().save(str(out / f"end-{name}.png"))
            window.close_end()
        urge = next(e for e in window.library.entries if e.id == "urge-wave")
        stillpoint.open_session(urge)
        settle(lambda: window.player.player.timeline.complete, 120)
        try:  # in the wave, with its words
            window.player.toggle()
            window.player.player.seek(100.0)
            settle(lambda: window.player.player.position_s > 101.5, 10)
            window.player.toggle()
        except Exception as error:
            print(f"(not playing: {error})")
        settle(lambda: False, 0.5)
        for name in ("light", "dark"):  # the urge companion: riding the wave, then the end screen's question
            apply_look(app, name)
            window.show_page(PAGES.index("Now playing"))
            window.player.refresh()
            settle(lambda: False, 0.4)
            window.grab().save(str(out / f"urge-{name}.png"))
            window.show_end(Ending("Riding the Urge", 3.8, False, True, urge.session.reflection_prompt, 47,
                                   "Back to the library"), ["Sam"])
            settle(lambda: False, 0.4)
            window.grab().save(str(out / f"urge-question-{name}.png"))
            window.close_end()
        apply_look(app, "light")  # the phrases editor (issue: your own rehearsal)
        dialog = stillpoint.edit_phrases("my-phrases")
        dialog.template.setCurrentIndex(1)
        dialog.template.activated.emit(1)
        dialog.resize(720, 640)
        settle(lambda: False, 0.4)
        dialog.grab().save(str(out / "phrases-editor.png"))
        dialog.reject()
        window.close()
        app.quit()

    QTimer.singleShot(1500, shoot)
    app.exec()


if __name__ == "__main__":
    main()

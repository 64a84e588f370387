"""Start the desktop app: the window first, then the voice model loads in the background."""

import sys


def run_window(argv: list[str] | None = None, open_reference: str | None = None) -> int:
    """The desktop window; when one is already open, it is raised (and given `open_reference`) instead."""
    import os

    from app.failures import Failure

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                  or os.environ.get("QT_QPA_PLATFORM")):
        raise Failure("no display was found for the desktop window; start it in a graphical session, "
                      "or use the command line (stillpoint --help)")
    from PySide6.QtWidgets import QApplication

    from app.gui.single_instance import InstanceServer, claim_or_hand_over

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Stillpoint")
    app.setDesktopFileName("stillpoint")
    lock = claim_or_hand_over(f"open {open_reference}" if open_reference else "raise")
    if lock is None:
        return 0  # the open window took it
    from app.gui.app import StillpointApp
    from app.gui.kit.tasks import run_task

    stillpoint = StillpointApp(instance_server=InstanceServer())  # the lock stays held until the process ends
    stillpoint.pending_reference = open_reference  # opened once the audio stack has loaded
    stillpoint.window.show()
    run_task(lambda _progress, _cancel: _preload_voice(stillpoint.settings.get("voice/engine")))
    return app.exec()


def _preload_voice(engine_name: str) -> None:
    from app.tts.engines import get_engine

    engine = get_engine(engine_name)
    if engine.unavailable_reason() is None:
        engine.preload("joe" if engine_name == "piper" else "default")

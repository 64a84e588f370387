"""Where `stillpoint` and `python -m app` start."""

import signal
import sys


def run() -> int:
    # Until a command says how it stops, Ctrl+C ends the process at once (no traceback from an import)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    from app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())

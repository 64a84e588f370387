"""The `stillpoint` command line. Qt is imported only when the desktop window is asked for."""

import argparse
import os
import re
import signal
import sys

from app import __version__
from app.failures import Failure
from app.session.errors import SessionError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stillpoint",
        description="Guided meditation, timed breathing and chaptered MP3 export with offline speech. "
        "With no command, the desktop player opens.",
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback of a failure and Qt's own messages")
    parser.add_argument("--version", action="version", version=f"stillpoint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    for register in _extra_commands():
        register(commands)
    return parser


def _extra_commands():
    """Every sub-command lives in its own module in `app.commands`."""
    from app import commands

    return commands.REGISTERED


# Qt Multimedia announces its FFmpeg backend and the sound libraries it could not load on every start
QUIET_QT_RULES = "qt.multimedia*=false"


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is shown escaped (caf\udce9), not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _run(argv)
    except BrokenPipeError:  # the reader went away (`stillpoint list | head -1`): end quietly
        return 0
    finally:
        _flush_stdout()


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.debug:
        os.environ.setdefault("QT_LOGGING_RULES", QUIET_QT_RULES)
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # from here on, Ctrl+C is a KeyboardInterrupt
        if args.command is None:
            from app.gui.main import run_window

            return run_window()
        return args.handler(args)
    except SessionError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(shortened(str(problem)), file=sys.stderr)
        return 2
    except Failure as error:
        if args.debug:
            raise
        print(f"stillpoint: {shortened(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("stillpoint: stopped", file=sys.stderr)
        return 130


LONGEST_WORD = 200  # characters of one unbroken value echoed in a message; a longer one is cut in the middle


def shortened(message: str) -> str:
    """`message` with every run of more than LONGEST_WORD characters without a space cut short in the middle (a
    value typed or pasted by mistake is echoed, not repeated in full)."""
    def cut(match: re.Match) -> str:
        word = match.group(0)
        return f"{word[:120]}…({len(word) - 180} characters)…{word[-60:]}"

    from app.commands.terminal_text import shown

    return re.sub(rf"\S{{{LONGEST_WORD + 1},}}", cut, shown(message))


def _flush_stdout() -> None:
    """Flush now, so a closed pipe is met here and not in Python's exit-time flush (which prints an error)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


"""The `stillpoint` command line. Qt is imported only when the desktop window is asked for."""

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from app import __version__
from app.failures import BadInput, Failure
from app.session.durations import format_duration
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

    listing = commands.add_parser("list", help="list the library: id, title, length, tags",
                                  description="List every session in the library, invalid ones with their problem.")
    listing.add_argument("--json", action="store_true", help="print a JSON list instead of a table")

    validate = commands.add_parser("validate", help="check session and poem files",
                                   description="Check session and poem files. Exit 0 when all are valid; otherwise "
                                   "print one `path:line:col: message` line per problem and exit 2.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a .yaml session or poem file, or a folder of them")

    opening = commands.add_parser("open", help="open a session in the desktop player",
                                  description="Open SESSION in the desktop player's window: the one already open, "
                                  "or a new one.")
    opening.add_argument("session", metavar="SESSION", help="a library id or a path to a .yaml file")
    for register in _extra_commands():
        register(commands)
    return parser


def _extra_commands():
    """Sub-commands that live in their own modules (render, play, breathe, voices, journal)."""
    from app import commands

    return commands.REGISTERED


# Qt Multimedia announces its FFmpeg backend and the sound libraries it could not load on every start
QUIET_QT_RULES = "qt.multimedia*=false"


def main(argv: list[str] | None = None) -> int:
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
        return args.handler(args) if hasattr(args, "handler") else _builtin(args)
    except SessionError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    except Failure as error:
        if args.debug:
            raise
        print(f"stillpoint: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("stillpoint: stopped", file=sys.stderr)
        return 130


def _flush_stdout() -> None:
    """Flush now, so a closed pipe is met here and not in Python's exit-time flush (which prints an error)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _builtin(args) -> int:
    if args.command == "list":
        return cmd_list(args)
    if args.command == "open":
        return cmd_open(args)
    return cmd_validate(args)


def cmd_open(args) -> int:
    from app.gui.main import run_window
    from app.session import load_session
    from app.session.library import resolve

    path = resolve(args.session)
    load_session(path)  # a bad file is reported here, with its line, before any window opens
    reference = args.session if path.stem == args.session and path.suffix not in args.session else str(path.resolve())
    return run_window(open_reference=reference)


def cmd_list(args) -> int:
    from app.session.library import discover

    entries = discover()
    if args.json:
        rows = [
            {
                "id": e.id,
                "title": e.session.title if e.session else None,
                "length_s": e.session.length_s if e.session else None,
                "tags": list(e.session.tags) if e.session else [],
                "path": str(e.file),
                "problems": [str(p) for p in e.problems],
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for e in entries:
        if e.session:
            length = format_duration(e.session.length_s) if e.session.length_s else "-"
            print(f"{e.id:<34} {e.session.title:<40} {length:>7}  {', '.join(e.session.tags)}")
        else:
            print(f"{e.id:<34} INVALID: {e.problems[0]}")
    return 0


def cmd_validate(args) -> int:
    from app.session.loader import load_poem, load_session

    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    if not files:
        raise BadInput("no .yaml files found in " + ", ".join(args.paths))
    failed = False
    for file in files:
        is_poem = file.parent.name == "poems"
        try:
            (load_poem if is_poem else load_session)(file)
        except SessionError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
    if failed:
        return 2
    print(f"{len(files)} file{'s' if len(files) != 1 else ''} valid")
    return 0

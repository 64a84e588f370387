"""`stillpoint open SESSION`: the session in the desktop window (the one already open, or a new one)."""


def register(commands) -> None:
    parser = commands.add_parser("open", help="open a session in the desktop player",
                                 description="Open SESSION in the desktop player's window: the one already open, "
                                 "or a new one.")
    parser.add_argument("session", metavar="SESSION", help="a library id or a path to a .yaml file")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.gui.main import run_window
    from app.session import load_session
    from app.session.library import resolve

    path = resolve(args.session)
    load_session(path)  # a bad file is reported here, with its line, before any window opens
    reference = args.session if path.stem == args.session and path.suffix not in args.session else str(path.resolve())
    return run_window(open_reference=reference)

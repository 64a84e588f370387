"""`stillpoint open SESSION`: the session in the desktop window (the one already open, or a new one)."""


def register(commands) -> None:
    parser = commands.add_parser("open", help="open a session in the desktop player",
                                 description="Open SESSION in the desktop player's window: the one already open, "
                                 "or a new one.")
    parser.add_argument("session", metavar="SESSION", help="a library id or a path to a .yaml file; `today` for "
                        "today's day of the program under way (or the last session), or PROGRAM/N")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.gui.main import run_window
    from app.program.today import DAY_REFERENCE, is_day_reference
    from app.session import load_session
    from app.session.library import resolve

    if is_day_reference(args.session):
        if args.session != "today":  # a program that is not there is said here, before any window opens
            from app.program.library import find_program

            find_program(DAY_REFERENCE.fullmatch(args.session)["program"])
        return run_window(open_reference=args.session)
    path = resolve(args.session)
    load_session(path)  # a bad file is reported here, with its line, before any window opens
    reference = args.session if path.stem == args.session and path.suffix not in args.session else str(path.resolve())
    return run_window(open_reference=reference)

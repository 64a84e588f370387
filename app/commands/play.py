"""`stillpoint play SESSION`: a session in the terminal player."""

from app.commands.options import add_backend_option, add_length_option, duration_option, require_voice, with_length
from app.commands.terminal_player import KEYS_HELP, describe_session, play_in_terminal


def register(commands) -> None:
    parser = commands.add_parser(
        "play", help="play a session in the terminal",
        description=f"Play SESSION with a live transcript line. Keys: {KEYS_HELP}. "
        "Without a terminal on stdin it plays to the end (or to --stop-after).")
    parser.add_argument("session", metavar="SESSION", help="a library id or a path to a .yaml file")
    add_backend_option(parser)
    parser.add_argument("--start", metavar="T", default="0", help="start at this time, e.g. 2m30s")
    parser.add_argument("--stop-after", metavar="T", help="stop after playing this long, e.g. 30s")
    add_length_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.session.library import resolve
    from app.session.loader import load_session

    session = with_length(require_voice(load_session(resolve(args.session))), args.length)
    start_s = duration_option("--start", args.start)
    stop_after_s = duration_option("--stop-after", args.stop_after) if args.stop_after else None
    return play_in_terminal(session, args.backend, start_s, stop_after_s, "session", describe_session)

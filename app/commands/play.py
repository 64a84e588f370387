"""`stillpoint play SESSION`: a session in the terminal player."""

from app.commands.options import add_backend_option, add_length_option, duration_option, require_voice, with_length
from app.commands.terminal_player import KEYS_HELP, describe_session, play_in_terminal
from app.failures import BadInput


def register(commands) -> None:
    parser = commands.add_parser(
        "play", help="play a session in the terminal",
        description=f"Play SESSION with a live transcript line. Keys: {KEYS_HELP}. "
        "Without a terminal on stdin it plays to the end (or to --stop-after).")
    parser.add_argument("session", metavar="SESSION", help="a library id or a path to a .yaml file; `today` for "
                        "today's day of the program under way, or PROGRAM/N for its day N")
    add_backend_option(parser)
    parser.add_argument("--start", metavar="T", default="0", help="start at this time, e.g. 2m30s")
    parser.add_argument("--stop-after", metavar="T", help="stop after playing this long, e.g. 30s")
    add_length_option(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.program.today import is_day_reference
    from app.session.library import resolve
    from app.session.loader import load_session

    start_s = duration_option("--start", args.start)
    stop_after_s = duration_option("--stop-after", args.stop_after) if args.stop_after else None
    if is_day_reference(args.session):
        return _play_day(args, start_s, stop_after_s)
    session = with_length(require_voice(load_session(resolve(args.session))), args.length)
    return play_in_terminal(session, args.backend, start_s, stop_after_s, "session", describe_session)


def _play_day(args, start_s: float, stop_after_s: float | None) -> int:
    """A program's day: said which it is (with a gentle note when it is ahead), played, and its prompt offered."""
    from app.commands.breathe import describe_breath
    from app.commands.terminal_text import shown
    from app.commands.timer import describe_timer
    from app.journal.log import Journal
    from app.journal.program_progress import ProgramProgress
    from app.program.today import choose_day, day_session

    journal = Journal()
    try:
        chosen = choose_day(args.session, ProgramProgress(journal.connection))
    finally:
        journal.close()
    if args.length is not None:
        raise BadInput("--length is for a session of your own choosing; a program's day plays at its own length")
    session = require_voice(day_session(chosen.day))
    print(shown(chosen.title))
    if chosen.note:
        print(chosen.note)
    describe = {"session": describe_session, "breathing": describe_breath, "timer": describe_timer}[chosen.day.kind]
    code = play_in_terminal(session, args.backend, start_s, stop_after_s, chosen.day.kind, describe, chosen)
    print(f"To reflect on: {shown(chosen.day.prompt)}")
    if chosen.day.contact_journal:
        print("Today asks for a contact-journal entry too: stillpoint contact log NAME")
    return code

"""`stillpoint urge`: a few minutes with the urge to reach out (the urge-wave session), then whether it passed,
noted in the contact journal (no blame for any answer)."""

import sys

from app.commands.options import add_backend_option
from app.failures import BadInput

ANSWERS = {"p": "passed", "s": "still", "r": "reached-out"}


def register(commands) -> None:
    from app.journal.contacts import OUTCOMES

    parser = commands.add_parser("urge", help="a few minutes with the urge to reach out, then note if it passed",
                                 description="Plays the short urge practice, then asks whether the urge passed and "
                                 "notes it in the contact journal (kept on this machine only).")
    parser.add_argument("--outcome", choices=OUTCOMES, help="the answer, when there is no terminal to ask on")
    parser.add_argument("--contact", metavar="NAME", help="who the urge was about (optional)")
    add_backend_option(parser)
    parser.add_argument("--stop-after", metavar="T", help="stop after playing this long, e.g. 30s")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.commands.options import duration_option
    from app.commands.terminal_player import describe_session, play_in_terminal
    from app.journal.contacts import URGE_AFTERWARDS, URGE_SESSION, Contacts
    from app.session.library import resolve
    from app.session.loader import load_session

    if args.outcome is None and not sys.stdin.isatty():
        raise BadInput("without a terminal to ask on, give --outcome passed, still or reached-out")
    session = load_session(resolve(URGE_SESSION))  # a session like any other: it can be played and exported too
    stop_after_s = duration_option("--stop-after", args.stop_after) if args.stop_after else None
    play_in_terminal(session, args.backend, 0.0, stop_after_s, "session", describe_session)
    outcome = args.outcome or _ask()
    if outcome is None:
        print("Nothing noted.")
        return 0
    contacts = Contacts()
    try:
        contacts.urge(outcome, args.contact)
    finally:
        contacts.close()
    print(URGE_AFTERWARDS[outcome])
    return 0


def _ask() -> str | None:
    answer = input("Did the urge pass? [p]assed, [s]till here, [r]eached out (Enter: skip) ").strip().lower()[:1]
    return ANSWERS.get(answer)

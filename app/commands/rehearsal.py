"""`stillpoint rehearsal new ID --phrase "..."`: your own boundary phrases as a session in your library."""

from app.commands.options import duration_option


def register(commands) -> None:
    parser = commands.add_parser("rehearsal", help="your own boundary phrases as a practice session")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="write a rehearsal session into your sessions folder",
                             description="Short, firm, kind phrases, each spoken and followed by room to say it aloud.")
    new.add_argument("id", metavar="ID", help="the new session's id (its file name), e.g. my-phrases")
    new.add_argument("--phrase", action="append", default=[], metavar="TEXT", help="a phrase (1 to 12 of them)")
    new.add_argument("--title", default="My Phrases", help="the title in the library (default: My Phrases)")
    new.add_argument("--repeat", type=int, default=2, metavar="N", help="how often each is practised, 1-5 (default: 2)")
    new.add_argument("--gap", default="6s", metavar="TIME", help="room to say it aloud, 3s-15s (default: 6s)")
    new.add_argument("--breaths", action="store_true", help="begin with a few grounding breaths")
    new.add_argument("--replace", action="store_true", help="write over your own session with this id")
    new.set_defaults(handler=run)


def run(args) -> int:
    from app.session.rehearsal import rehearsal_document, write_rehearsal

    document = rehearsal_document(args.title, args.phrase, args.repeat, duration_option("--gap", args.gap), args.breaths)
    print(write_rehearsal(args.id, document, args.replace))
    return 0

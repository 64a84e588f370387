"""`stillpoint contact`: the contact journal (log, list, show, forget). Private: it stays on this machine."""

import json
import sys
from dataclasses import asdict

from app.commands.terminal_text import shown
from app.failures import BadInput


def register(commands) -> None:
    parser = commands.add_parser("contact", help="the contact journal: how contact with someone leaves you",
                                 description="Note how you felt before, during and after contact with a person, "
                                 "and see the trend of the last three weeks. Kept on this machine only.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    from app.journal.contacts import BOUNDARIES, KINDS

    log = actions.add_parser("log", help="note one contact")
    log.add_argument("name", metavar="NAME", help="a name or nickname you choose")
    log.add_argument("--kind", required=True, choices=KINDS, help="what kind of contact")
    for moment in ("before", "during", "after"):
        log.add_argument(f"--{moment}", required=True, type=int, metavar="1-5", help=f"how you felt {moment} (1 heavy .. 5 calm)")
    log.add_argument("--note", default="", metavar="TEXT", help="a few words (optional)")
    log.add_argument("--boundary", choices=BOUNDARIES, help="did you keep your boundary? (none: no boundary needed)")
    actions.add_parser("list", help="the contacts you have noted")
    show = actions.add_parser("show", help="a contact's entries and the trend of the last three weeks")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true", help="print JSON")
    forget = actions.add_parser("forget", help="delete a contact and every entry about them")
    forget.add_argument("name", metavar="NAME")
    forget.add_argument("--yes", action="store_true", help="do not ask")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.journal.contacts import WINDOW_DAYS, Contacts, trend

    contacts = Contacts()
    try:
        if args.action == "log":
            contacts.log(args.name, args.kind, args.before, args.during, args.after, args.note, args.boundary)
            print(f"Noted. {trend(contacts.entries(args.name, WINDOW_DAYS)).sentence}")
        elif args.action == "list":
            names = contacts.names()
            if not names:
                print("No contacts noted yet.")
            for name, count, last in names:
                print(f"{shown(name):<30} {entries_text(count):>11}   last {(last or '-')[:10]}")
        elif args.action == "show":
            entries = contacts.entries(args.name)
            reading = trend(contacts.entries(args.name, WINDOW_DAYS))
            if args.json:
                print(json.dumps({"name": args.name, "entries": [asdict(e) for e in entries],
                                  "trend": asdict(reading)}, indent=2, ensure_ascii=False))
            else:
                for e in entries:
                    felt = f"{e.before} / {e.during} / {e.after}" if e.kind != "urge" else f"urge: {e.outcome}"
                    boundary = f"  boundary: {e.boundary}" if e.boundary else ""
                    print(f"{e.at[:16].replace('T', ' ')}  {e.kind:<12} {felt}{boundary}  {shown(e.note)}".rstrip())
                print(f"\n{reading.sentence}")
        elif args.action == "forget":
            count = len(contacts.entries(args.name))
            if not args.yes:
                if not sys.stdin.isatty():
                    raise BadInput(f"forgetting {args.name} deletes {entries_text(count)} for good; add --yes to confirm")
                if input(f"Forget {args.name} and {entries_text(count)} for good? [y/N] ").strip().lower() not in ("y", "yes"):
                    print("Nothing was deleted.")
                    return 0
            contacts.forget(args.name)
            print(f"{args.name} and {entries_text(count)} are gone from the journal file.")
    finally:
        contacts.close()
    return 0


def entries_text(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"

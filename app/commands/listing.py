"""`stillpoint list`: the library, with invalid sessions and their first problem."""

import json

from app.session.durations import format_duration


def register(commands) -> None:
    parser = commands.add_parser("list", help="list the library: id, title, length, tags",
                                 description="List every session in the library, invalid ones with their problem.")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.set_defaults(handler=run)


def run(args) -> int:
    import sys

    from app.session.library import discover, folder_problem, library_folders

    problems = [problem for folder, _user in library_folders() if (problem := folder_problem(folder))]
    for problem in problems:  # said, and the rest of the library listed all the same
        print(f"stillpoint: {problem}", file=sys.stderr)
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
        return 1 if problems else 0
    for e in entries:
        if e.session:
            length = format_duration(e.session.length_s) if e.session.length_s else "-"
            print(f"{e.id:<34} {e.session.title:<40} {length:>7}  {', '.join(e.session.tags)}")
        else:
            print(f"{e.id:<34} INVALID: {e.problems[0]}")
    return 1 if problems else 0

"""`stillpoint validate PATH...`: every problem in session, program and poem files, one `path:line:col: message` each."""

import sys
from pathlib import Path

from app.failures import BadInput
from app.session.errors import SessionError


def register(commands) -> None:
    parser = commands.add_parser("validate", help="check session, program and poem files",
                                 description="Check session, program and poem files. Exit 0 when all are valid; otherwise "
                                 "print one `path:line:col: message` line per problem and exit 2.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a .yaml session, program or poem file, or a folder of them")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.program.loader import is_program_file, load_program
    from app.session.loader import load_poem, load_session

    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    if not files:
        raise BadInput("no .yaml files found in " + ", ".join(args.paths))
    failed = False
    for file in files:
        try:
            if file.parent.name == "poems":
                load_poem(file)
            elif is_program_file(file):
                load_program(file)
            else:
                load_session(file, check_voice=True)
        except SessionError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
    if failed:
        return 2
    print(f"{len(files)} file{'s' if len(files) != 1 else ''} valid")
    return 0

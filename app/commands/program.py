"""`stillpoint program list | show ID | start ID | today | pause [ID]`: programs of days, and where you are in them."""

import sys

from app.commands.terminal_text import shown
from app.failures import BadInput


def register(commands) -> None:
    parser = commands.add_parser("program", help="programs of days: list, show, start, today, pause",
                                 description="Programs are courses of days, each with one practice and a reflection "
                                 "prompt. Finishing a day (80%% of it heard) opens the next; any day can be repeated "
                                 "or taken early with `stillpoint play ID/N`, and `stillpoint play today` plays "
                                 "today's. Progress is never reset.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="the programs, and where you are in each").set_defaults(handler=run_list)
    show = actions.add_parser("show", help="a program's days and prompts, and which are done")
    show.add_argument("program", metavar="ID")
    show.set_defaults(handler=run_show)
    start = actions.add_parser("start", help="begin a program, or take it up again where you left it")
    start.add_argument("program", metavar="ID")
    start.set_defaults(handler=run_start)
    actions.add_parser("today", help="today's day and what to play").set_defaults(handler=run_today)
    pause = actions.add_parser("pause", help="pause the program under way (or ID); nothing is lost")
    pause.add_argument("program", metavar="ID", nargs="?")
    pause.set_defaults(handler=run_pause)


def _progress():
    from app.journal.log import Journal
    from app.journal.program_progress import ProgramProgress

    notices: list[str] = []
    journal = Journal(notices=notices)
    for notice in notices:
        print(notice, file=sys.stderr)
    return journal, ProgramProgress(journal.connection)


def _practice(day) -> str:
    """"Healthy Detachment (11 min)", "Coherent breathing (5 min)", "A timer, in silence (10 min)": a session's file
    is read once for its title and length."""
    if day.kind == "session":
        from app.session.library import resolve
        from app.session.loader import load_session

        session = load_session(resolve(day.item))
        return f"{session.title} ({session.length_s / 60:.0f} min)" if session.length_s else session.title
    if day.kind == "breathing":
        from app.practice.presets import PRESETS

        return f"{PRESETS[day.item].title} ({day.minutes:g} min)"
    return f"A timer, in silence ({day.minutes:g} min)"


def run_list(_args) -> int:
    from app.journal.program_progress import status_line
    from app.program.library import discover_programs

    journal, progress = _progress()
    for entry in discover_programs():
        if entry.program is None:
            print(f"{entry.id}  (invalid: {shown(str(entry.problems[0]))})")
            continue
        line = status_line(progress.of(entry.id), len(entry.program.days))
        print(f"{entry.id:<24} {shown(entry.program.title)}\n{'':<24} {line}")
    journal.close()
    return 0


def run_show(args) -> int:
    from app.journal.program_progress import status_line
    from app.program.library import find_program

    program = find_program(args.program)
    journal, progress = _progress()
    state = progress.of(program.id)
    journal.close()
    today = state.today(len(program.days)) if state and not state.paused else None
    print(f"{shown(program.title)}\n{shown(program.summary)}\n{status_line(state, len(program.days))}\n")
    for day in program.days:
        mark = "done" if state and day.number in state.finished else ("today" if day.number == today else "")
        contact = "  · a contact-journal entry" if day.contact_journal else ""
        print(f"{day.number:>3}  {shown(day.title):<26} {shown(_practice(day))}{contact}"
              f"{'  [' + mark + ']' if mark else ''}")
        print(f"     {shown(day.prompt)}")
    return 0


def run_start(args) -> int:
    from app.journal.program_progress import status_line
    from app.program.library import find_program

    program = find_program(args.program)
    journal, progress = _progress()
    before = progress.of(program.id)
    state = progress.begin(program.id)
    journal.close()
    days = len(program.days)
    welcome = "Welcome back" if before else "Begun"
    print(f"{welcome}: {shown(program.title)}. {status_line(state, days)}.")
    _say_today(program, state)
    return 0


def _say_today(program, state) -> None:
    number = state.today(len(program.days))
    if number is None:
        print(f"Every day is done. Repeat any of them: stillpoint play {program.id}/N")
        return
    day = program.day(number)
    print(f"Today, day {number}: {shown(day.title)} · {shown(_practice(day))}")
    print("Play it: stillpoint play today")


def run_today(_args) -> int:
    from app.journal.program_progress import status_line
    from app.program.library import find_program

    journal, progress = _progress()
    state = progress.current()
    journal.close()
    if state is None:
        print("No program is under way. `stillpoint program list` shows them; `stillpoint program start ID` "
              "begins one.")
        return 0
    program = find_program(state.program_id)
    print(f"{shown(program.title)} · {status_line(state, len(program.days))}")
    _say_today(program, state)
    return 0


def run_pause(args) -> int:
    from app.journal.program_progress import status_line
    from app.program.library import find_program

    journal, progress = _progress()
    state = progress.of(args.program) if args.program else progress.current()
    if state is None or state.paused:
        journal.close()
        if args.program:
            raise BadInput(f"{args.program} is not under way (paused, or not begun); `stillpoint program list` shows "
                           "where you are in each")
        raise BadInput("no program is under way; nothing to pause")
    progress.pause(state.program_id)
    state = progress.of(state.program_id)
    journal.close()
    program = find_program(state.program_id)
    print(f"Paused {shown(program.title)}: {status_line(state, len(program.days))}. Whenever you come back, "
          f"`stillpoint program start {program.id}` takes it up from there.")
    return 0

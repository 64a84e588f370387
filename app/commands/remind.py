"""`stillpoint remind at 08:00 [--days mon-fri] | off | status`: a daily reminder to practise (a systemd user timer
and a notification; nothing keeps running in between)."""


def register(commands) -> None:
    parser = commands.add_parser("remind", help="a daily reminder to practise: at, off, status",
                                 description="A daily reminder: a desktop notification at the time you choose, with "
                                 "Begin (opens today's practice: the program's day, or your last session) and Later "
                                 "(again in an hour). It uses a systemd user timer; a reminder missed while the "
                                 "computer was off comes at the next login. Nothing keeps running in between.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    at = actions.add_parser("at", help="remind me at this time of day")
    at.add_argument("time", metavar="HH:MM", help="on the 24-hour clock, e.g. 08:00")
    at.add_argument("--days", default="daily", metavar="DAYS",
                    help="which days: daily (the default), weekdays, weekends, mon-fri, mon,wed,fri")
    at.set_defaults(handler=run_at)
    actions.add_parser("off", help="no more reminders").set_defaults(handler=run_off)
    actions.add_parser("status", help="whether a reminder is set, and when").set_defaults(handler=run_status)
    actions.add_parser("notify", help="show the reminder now (what the timer runs)").set_defaults(handler=run_notify)


def run_at(args) -> int:
    from app.desktop.reminder import install, parse_schedule

    schedule = parse_schedule(args.time, args.days)
    install(schedule)
    print(f"A reminder is set for {schedule}. `stillpoint remind off` turns it off.")
    return 0


def run_off(_args) -> int:
    from app.desktop.reminder import remove

    print("The reminder is off." if remove() else "No reminder was set.")
    return 0


def run_status(_args) -> int:
    from app.desktop.reminder import status

    print(status())
    return 0


def run_notify(_args) -> int:
    from app.desktop.notifier import run_notifier

    return run_notifier()

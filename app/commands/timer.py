"""`stillpoint timer 20m`: sit in silence with bells, played or exported."""


from app.commands.options import add_output_options, duration_option, play_or_export


def register(commands) -> None:
    parser = commands.add_parser(
        "timer", help="a plain meditation timer with bells",
        description="Sit for a chosen time: a warm-up, a start bell, optional interval bells, the end bell exactly "
                    "the chosen time after the start bell. Bells: bowl, chime, gong, woodblock, or none.")
    parser.add_argument("length", metavar="LENGTH", help="how long to sit, e.g. 20m, 1h, 90s")
    parser.add_argument("--start-bell", default="bowl", metavar="BELL", help="the bell that begins (default: bowl)")
    parser.add_argument("--end-bell", default="bowl", metavar="BELL", help="the bell that ends (default: bowl)")
    parser.add_argument("--every", metavar="TIME", help="an interval bell this often after the start bell, e.g. 5m")
    parser.add_argument("--interval-bell", default="chime", metavar="BELL", help="the interval bell (default: chime)")
    parser.add_argument("--ambient", metavar="SOUND", help="a bed under the silence: rain, ocean, stream, wind, ...")
    parser.add_argument("--warm-up", default="10s", metavar="TIME", help="time to settle before the start bell "
                                                                         "(default: 10s; 0s rings it at once)")
    add_output_options(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.practice.timer import TimerPlan, timer_session

    def bell(name: str) -> str | None:
        return None if name == "none" else name

    plan = TimerPlan(duration_option("LENGTH", args.length), bell(args.start_bell), bell(args.end_bell),
                     duration_option("--every", args.every) if args.every else None, args.interval_bell,
                     args.ambient, duration_option("--warm-up", args.warm_up))
    session = timer_session(plan)
    return play_or_export(session, args, "timer", describe_timer)


def describe_timer(player) -> str:
    """Time left in the sitting, the end bell's ring-out included."""
    from app.session.durations import format_duration

    end = player.timeline.chapters[-1].end if player.timeline and player.timeline.chapters else None
    if end is None:
        return ""
    return f"{format_duration(max(0.0, end / player.timeline.sample_rate - player.position_s))} left"

"""`stillpoint breathe PATTERN`: timed breathing with a terminal countdown, or exported to a file."""


from app.commands.options import add_output_options, play_or_export
from app.failures import BadInput


def register(commands) -> None:
    from app.practice.presets import PRESETS

    listing = "; ".join(f"{p.name}: {p.description}" for p in PRESETS.values())
    parser = commands.add_parser(
        "breathe", help="timed breathing with audio cues",
        description=f"Breathe with a pattern: a preset or seconds as in-hold-out-hold (e.g. 4-2-6-0). Presets: {listing}")
    parser.add_argument("pattern", metavar="PATTERN", help="a preset name or in-hold-out-hold seconds")
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--cycles", type=int, metavar="N", help="how many breaths (default: the preset's)")
    length.add_argument("--minutes", type=float, metavar="M", help="about how many minutes")
    parser.add_argument("--cues", default="tone", metavar="LIST", help="any of tone,voice,bell (default: tone)")
    parser.add_argument("--eyes-closed", action="store_true", help="a double tone at each out-breath")
    parser.add_argument("--alternate", action="store_true", help="alternate-nostril: cues pan left and right")
    parser.add_argument("--lengthen-exhale", action="store_true", help="1 s longer out-breath every 3 breaths (to 10 s)")
    parser.add_argument("--slow-to", type=float, metavar="BPM", help="slow gradually to this many breaths a minute")
    parser.add_argument("--ambient", metavar="SOUND", help="a bed under the cues: rain, ocean, stream, wind, ...")
    add_output_options(parser)
    parser.set_defaults(handler=run)


SLOWEST_BPM, FASTEST_BPM = 2.0, 30.0  # breaths a minute --slow-to may ask for


def run(args) -> int:
    from app.practice.breathing_sessions import practice_session
    from app.session.loader import parse_pattern
    from app.session.model import Lengthen, Slow

    if args.cycles is not None and not 1 <= args.cycles <= 500:
        raise BadInput(f"--cycles {args.cycles} is out of range; use 1 to 500")
    if args.minutes is not None and not 0 < args.minutes <= 60:
        raise BadInput(f"--minutes {args.minutes:g} is out of range; use up to 60")
    if args.slow_to is not None and not SLOWEST_BPM <= args.slow_to <= FASTEST_BPM:  # nan fails both
        raise BadInput(f"--slow-to {args.slow_to:g} is out of range; use {SLOWEST_BPM:g} to {FASTEST_BPM:g} breaths "
                       "a minute")
    cues = tuple(cue.strip() for cue in args.cues.split(",") if cue.strip())
    if not cues:
        raise BadInput("--cues names no cue; use any of tone,voice,bell, e.g. --cues tone,voice")
    progression = None
    if args.lengthen_exhale:
        progression = Lengthen("exhale", 1.0, 3, 10.0)
    elif args.slow_to:
        pattern = parse_pattern(args.pattern)
        if pattern is None:
            raise BadInput(f"unknown breathing pattern '{args.pattern}'")
        minutes = args.minutes or 5.0
        progression = Slow(60.0 / pattern.cycle_s, args.slow_to, minutes * 60)
    session = practice_session(args.pattern, args.cycles, args.minutes, cues, args.eyes_closed, args.alternate,
                               progression, args.ambient)
    return play_or_export(session, args, "breathing", describe_breath)


def describe_breath(player) -> str:
    """The countdown line: phase, seconds left in it, breaths left; from the practice's own functions."""
    from app.practice.breathing import PHASE_NAMES

    timeline = player.timeline
    if not timeline or not timeline.practices:
        return ""
    origin, practice = timeline.practices[0]
    elapsed = (player.position_frames() - origin) / timeline.sample_rate
    phase = practice.phase_at(elapsed)
    if phase is None:
        return "Settle in..." if elapsed < 0 else "Rest now."
    left = len(practice.patterns) - phase.cycle
    bar = "#" * round(practice.fullness(elapsed) * 20)
    breaths = f"{left} breath{'s' * (left != 1)} left"
    return f"{PHASE_NAMES[phase.kind]:<14} {practice.time_left_s(elapsed):4.1f} s  [{bar:<20}]  {breaths}"

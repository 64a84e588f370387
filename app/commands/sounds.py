"""`stillpoint sounds rain=0.6,wind=0.3`: beds alone, mixed at chosen levels, played or exported;
`stillpoint sounds list` names them."""

from app.commands.options import add_output_options, play_or_export


def register(commands) -> None:
    parser = commands.add_parser(
        "sounds", help="ambient sounds alone: list them, play a mix or export it",
        description="Play or export a mix of the built-in sounds, each generated as it plays (it never repeats). "
                    "MIX is a sound (rain) or sounds with levels from 0 to 1 (rain=0.6,wind=0.3); sounds you added in the "
                    "window's Sounds place are named as they are listed there. "
                    "`stillpoint sounds list` names every sound and what it models. Sounds alone are not "
                    "recorded in the journal.")
    parser.add_argument("mix", metavar="MIX", help="list, a sound, or sound=level pairs joined by commas")
    parser.add_argument("--json", action="store_true", help="with list: as JSON (id, title, models)")
    parser.add_argument("--minutes", type=float, metavar="N", help="how long; the mix fades out over the last "
                        "minute (needed to export; without it, it plays until stopped)")
    add_output_options(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from app.failures import BadInput
    from app.practice.sounds import parse_mix, sounds_session

    if args.mix == "list":
        print(catalogue_text(args.json))
        return 0
    if args.json:
        raise BadInput("--json goes with `stillpoint sounds list`")
    if args.output and args.minutes is None:
        raise BadInput("an export needs a length; add --minutes, e.g. --minutes 20")
    from app.audio.own_sounds import own_sounds

    own = {sound.name: sound.path for sound in own_sounds()}
    session = sounds_session(parse_mix(args.mix, own), args.minutes)
    return play_or_export(session, args, "sounds", describe_sounds)


def catalogue_text(as_json: bool) -> str:
    """Every built-in bed: its id, title and what it models, as lines or as JSON."""
    import json

    from app.audio.beds.catalog import BEDS
    from app.audio.own_sounds import own_sounds

    entries = [{"id": bed.name, "title": bed.title, "models": bed.models} for bed in BEDS.values()]
    entries += [{"id": sound.name, "title": sound.name, "models": f"your own sound ({sound.path.name}), looped "
                 "with a crossfade"} for sound in own_sounds()]
    if as_json:
        return json.dumps(entries, indent=1)
    width = max(len(entry["id"]) for entry in entries)
    return "\n".join(f"{entry['id']:{width}}  {entry['title']}: {entry['models']}" for entry in entries)


def describe_sounds(player) -> str:
    from app.session.durations import format_duration

    return format_duration(player.position_s)

"""`stillpoint render SESSION -o OUT`: export a session to MP3, WAV or FLAC."""

from pathlib import Path

from app.commands.options import add_length_option, add_output_options, export, require_voice, with_length, with_seed
from app.session.durations import format_duration
from app.stop_signals import StopSignals


def register(commands) -> None:
    parser = commands.add_parser(
        "render", help="export a session to an MP3, WAV or FLAC file",
        description="Render SESSION (a library id or a .yaml file) to OUT. MP3s get ID3 tags, a cover and chapters. "
        "The file appears only when complete; an existing file is replaced only by a finished render.")
    parser.add_argument("session", metavar="SESSION", help="a library id (see `stillpoint list`) or a path to a .yaml file")
    parser.add_argument("--voice", metavar="ENGINE:NAME", help="use another voice, e.g. piper:joe or system:gmw/en")
    parser.add_argument("--rate", type=float, metavar="R", help="speaking rate from 0.5 to 2.0 (1 = the voice's own)")
    parser.add_argument("--captions", choices=("vtt", "lrc"), help="also write a synchronised caption file beside OUT")
    parser.add_argument("--stems", metavar="DIR", help="also write the voice, beds and bells/cues before the final "
                        "limiter as WAV files in DIR, with the render's figures in DIR/stats.json")
    parser.add_argument("--stats", action="store_true", help="print the render's figures as JSON (loudness, true "
                        "peak, the limiter's gain reduction per sentence) instead of the summary line")
    add_length_option(parser)
    add_output_options(parser, output_required=True, plays=False)
    parser.set_defaults(handler=run)


def run(args) -> int:
    with StopSignals() as stop:  # from the start: a signal during the imports below ends the render cleanly too
        with stop.at_once():
            from app.session.library import resolve
            from app.session.loader import load_session
            from app.session.overrides import apply_voice_options

            session = require_voice(apply_voice_options(load_session(resolve(args.session)), args.voice, args.rate))
        session = with_seed(with_length(session, args.length), args.seed)
        result = export(session, Path(args.output), args.captions, args.quiet, stop,
                        Path(args.stems) if args.stems else None)
        if args.stats:
            import json

            print(json.dumps(result.stats, indent=1, ensure_ascii=False))
            return 0
        # a signal from here on comes after the file is complete: the work is done, so it is not undone
        size_mb = result.size_bytes / 1e6
        print(f"{format_duration(result.seconds)}, {result.integrated_lufs:.1f} LUFS, {result.true_peak_dbtp:.1f} dBTP, "
              f"{size_mb:.1f} MB -> {result.path}" + (f" (+ {result.captions_path.name})" if result.captions_path else ""))
    return 0


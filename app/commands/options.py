"""What the playing and exporting commands share: their options (`-o`, `--backend`, `--quiet`, `--length`),
times given as options, and `play_or_export`."""

from pathlib import Path

from app.failures import BadInput, Cancelled, Interrupted
from app.session.durations import DURATION_HINT, parse_duration

LENGTH_HELP = "the length you have, e.g. 20m: the silences stretch or shrink, the voice does not"
SEED_MAX = 2**32 - 1
BACKENDS = ("qt", "simpleaudio")


def add_backend_option(parser) -> None:
    parser.add_argument("--backend", choices=BACKENDS, default="qt", help="audio output (default: qt)")


def add_length_option(parser) -> None:
    parser.add_argument("--length", metavar="T", help=LENGTH_HELP)


def add_output_options(parser, output_required: bool = False, plays: bool = True) -> None:
    """`-o OUT` and `--quiet`; with `plays`, also `--backend` for playing when there is no `-o`."""
    parser.add_argument("-o", "--output", required=output_required, metavar="OUT",
                        help="the file to write: .mp3, .wav or .flac" if output_required else
                        "export to .mp3/.wav/.flac instead of playing")
    if plays:
        add_backend_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bar" + ("" if output_required else " when exporting"))
    parser.add_argument("--seed", metavar="N", help="vary the generated beds (a whole number; each number always "
                        "sounds the same; default: the session's own)")


def with_seed(session, seed: str | None):
    """`session` with its beds varied by `--seed` (its own when None)."""
    if seed is None:
        return session
    from dataclasses import replace

    if not seed.isdigit() or int(seed) > SEED_MAX:
        raise BadInput(f"--seed {seed!r} is not a whole number from 0 to {SEED_MAX}")
    return replace(session, seed=int(seed))


def duration_option(option: str, text: str) -> float:
    try:
        return parse_duration(text)
    except ValueError:
        raise BadInput(f"{option} {text!r} is not a time; {DURATION_HINT}") from None


def with_length(session, length: str | None):
    """`session` at the `--length` asked for (its own when None); its speech is synthesised to measure it."""
    if length is None:
        return session
    from app.audio.compiler import compile_session
    from app.session.length import at_length

    length_s = duration_option("--length", length)
    return at_length(session, length_s, compile_session(session).seconds)


def play_or_export(session, args, kind: str, describe) -> int:
    """Export `session` to `args.output` when given (one line with its length), else play it in the terminal."""
    session = with_seed(session, args.seed)
    if args.output:
        from app.stop_signals import StopSignals

        with StopSignals() as stop:
            result = export(session, Path(args.output), None, args.quiet, stop)
            print(f"{result.seconds:.0f} s, {result.integrated_lufs:.1f} LUFS -> {result.path}")
        return 0
    from app.commands.terminal_player import play_in_terminal

    return play_in_terminal(session, args.backend, 0.0, None, kind, describe)


def export(session, out: Path, captions: str | None, quiet: bool, stop, stems: Path | None = None):
    """Render with a progress bar; a signal noted by `stop` ends it as Interrupted, leaving no file."""
    with stop.at_once():  # seconds of imports on a slow machine, before any file or thread exists
        from app.commands.progress import ProgressBar
        from app.export.render import render_to_file

    bar = ProgressBar(f"Rendering {session.title}", quiet=quiet)
    try:
        return render_to_file(session, out, captions, lambda f, _t: bar.update(f), cancel=stop, stems=stems)
    except Cancelled:
        if stop.is_set():
            raise Interrupted("stopped") from None
        raise
    finally:
        bar.done()


def require_voice(session):
    """`session`, when its voice is in its engine's own list (or nothing in it is spoken); else BadInput naming the
    file. Checked before any work, so a render never fails at its first sentence for a voice that is not there."""
    from app.audio.compiler import spoken_texts
    from app.session.loader import voice_problem

    problem = voice_problem(session.voice) if spoken_texts(session) else None
    if problem:
        raise BadInput(f"{session.file}: voice.{problem[0]}: {problem[1]} ({problem[2]})")
    return session

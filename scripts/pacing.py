"""Print each session's pacing: spoken words, speech and silence seconds, words a minute, length against `length`.

Usage: .venv/bin/python scripts/pacing.py [SESSION ...]   (library ids or paths; default: the whole library)
"""

import sys

from app.audio.compiler import compile_session
from app.session.durations import format_duration
from app.session.library import discover, resolve
from app.session.loader import load_session


def pacing(session) -> dict:
    timeline = compile_session(session)
    spoken = [cue for cue in timeline.cues if cue.kind == "speech"]
    words = sum(len(cue.text.split()) for cue in spoken)
    speech_s = sum(cue.end - cue.start for cue in spoken) / timeline.sample_rate
    total_s = timeline.seconds
    return {"words": words, "speech_s": speech_s, "silence_s": total_s - speech_s, "total_s": total_s,
            "wpm": words / (total_s / 60), "off": (total_s / session.length_s - 1) if session.length_s else 0.0}


def main() -> None:
    sessions = [load_session(resolve(ref)) for ref in sys.argv[1:]] or [e.session for e in discover() if e.session]
    print(f"{'session':<36} {'words':>5} {'speech':>7} {'silence':>7} {'total':>7} {'stated':>7} {'off':>6} {'wpm':>4}")
    for session in sessions:
        p = pacing(session)
        stated = format_duration(session.length_s) if session.length_s else "-"
        print(f"{session.id:<36} {p['words']:>5} {format_duration(p['speech_s']):>7} {format_duration(p['silence_s']):>7} "
              f"{format_duration(p['total_s']):>7} {stated:>7} {p['off'] * 100:>+5.0f}% {p['wpm']:>4.0f}")


if __name__ == "__main__":
    main()

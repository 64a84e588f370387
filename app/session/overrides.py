"""A session as the listener asks: another voice engine, voice or speaking rate."""

from dataclasses import replace

from app.failures import BadInput
from app.session.names import ENGINES


def apply_voice_options(session, voice: str | None, rate: float | None):
    """The session with the --voice / --rate overrides applied."""
    chosen = session.voice
    if voice:
        engine, _, name = voice.partition(":")
        if engine not in ENGINES:
            raise BadInput(f"unknown voice engine '{engine}' in --voice; engines: {', '.join(ENGINES)}")
        chosen = replace(chosen, engine=engine, name=name or ("joe" if engine == "piper" else "default"))
    if rate is not None:
        if not 0.5 <= rate <= 2.0:
            raise BadInput(f"--rate {rate:g} is out of range; use a number from 0.5 to 2.0")
        chosen = replace(chosen, rate=rate)
    return replace(session, voice=chosen)

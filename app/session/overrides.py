"""A session as the listener asks: another voice engine, voice or speaking rate."""

from dataclasses import dataclass, replace

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


@dataclass(frozen=True)
class Preferences:
    """What the listener chose in the app's settings: a voice (engine and name), a speaking rate (None: each
    session's own), a bed for sessions that have none (None: silence), and whether framing bells ring."""

    engine: str = "piper"
    voice_name: str = "joe"
    rate: float | None = None
    default_bed: str | None = None
    bells: bool = True


DEFAULT_BED_DB = -24.0


def with_preferences(session, preferences: Preferences):
    """The session as the preferences ask: another voice or rate, a default bed, no framing bells."""
    from app.session.model import Bed, Bells, SoundRef

    if preferences.engine != session.voice.engine or preferences.rate:
        voice = f"{preferences.engine}:{preferences.voice_name}" if preferences.engine != session.voice.engine else None
        session = apply_voice_options(session, voice, preferences.rate or None)
    if preferences.default_bed and not session.ambient:
        session = replace(session, ambient=(Bed(SoundRef(preferences.default_bed), DEFAULT_BED_DB),))
    if not preferences.bells:
        session = replace(session, bells=Bells())
    return session

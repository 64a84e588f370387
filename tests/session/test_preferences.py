"""The app's settings shape a session through one pure function (no Qt)."""

from dataclasses import replace

from app.session import load_session
from app.session.library import resolve
from app.session.model import Bed, SoundRef
from app.session.overrides import Preferences, with_preferences


def three_breaths():
    return load_session(resolve("three-breaths"))


def test_the_defaults_leave_a_session_as_written():
    session = three_breaths()
    assert with_preferences(session, Preferences()) == session


def test_no_bells_removes_the_framing_bells_and_keeps_the_rest():
    session = three_breaths()
    assert session.bells.start is not None, "the session as written has a start bell"
    shaped = with_preferences(session, Preferences(bells=False))
    assert shaped.bells.start is None and shaped.bells.end is None
    assert shaped.steps == session.steps and shaped.voice == session.voice


def test_a_rate_and_another_engine_change_the_voice():
    session = three_breaths()
    assert with_preferences(session, Preferences(rate=1.2)).voice.rate == 1.2
    system = with_preferences(session, Preferences(engine="system", voice_name="gmw/en"))
    assert (system.voice.engine, system.voice.name) == ("system", "gmw/en")
    assert system.voice.rate == session.voice.rate, "no rate chosen: the session's own"


def test_a_default_bed_goes_only_under_a_session_without_one():
    bare = replace(three_breaths(), ambient=())
    shaped = with_preferences(bare, Preferences(default_bed="ocean"))
    assert shaped.ambient == (Bed(SoundRef("ocean"), -24.0),)
    own = replace(bare, ambient=(Bed(SoundRef("rain"), -20.0),))
    assert with_preferences(own, Preferences(default_bed="ocean")).ambient == own.ambient

"""Speech made on two workers places and sounds exactly as speech made on one."""

import textwrap

import numpy as np
import pytest
import soundfile

from app.audio.compiler import spoken_texts
from app.audio.speech import Speech
from app.export.render import render_to_file
from app.session import load_session
from app.tts.cache import ClipCache
from app.tts.piper_engine import PiperEngine

SESSION = """\
    format: 1
    title: Two Workers
    voice: {{engine: {engine}, name: {voice}}}
    ambient:
      - {{sound: rain, gain_db: -24}}
    steps:
      - chapter: One
      - say: Arrive here. Let the chair hold you. Notice one breath, then another.
      - pause: 2s
      - say: |
          You do not have to answer anyone right now. [pause 1s]
          The pull toward them can be here, and you can stay.
      - chapter: Two
      - breathe: {{pattern: box, cycles: 1, cues: [voice]}}
      - say: Let be. Let go. Let in.
      - say: Come home to yourself, one breath at a time.
"""


def session_for(tmp_path, engine, voice):
    path = tmp_path / f"{engine}.yaml"
    path.write_text(textwrap.dedent(SESSION.format(engine=engine, voice=voice)))
    return load_session(path)


def counting(speech: Speech, engine=None) -> list[str]:
    """The texts `speech`'s engine (or `engine` in its place) is asked to speak; the real engine still speaks them."""
    asked: list[str] = []
    engine = engine or speech.engine

    def spy(text, voice, rate, cancel=None):
        asked.append(text)
        return engine.synthesize(text, voice, rate, cancel)

    speech.engine = type("Counted", (), {"synthesize": staticmethod(spy), "version": engine.version})()
    return asked


def render(session, out, cache_folder, workers, engine=None):
    speech = Speech(session.voice, ClipCache(cache_folder), workers=workers)
    asked = counting(speech, engine)
    result = render_to_file(session, out, speech=speech)
    audio, _ = soundfile.read(out, dtype="float32")
    return audio, result, asked


def test_one_and_two_workers_render_the_same_samples(tmp_path):
    """Piper with its random variation off speaks a sentence the same way every time, so renders from two empty
    caches can be compared sample for sample."""
    session = session_for(tmp_path, "piper", "joe")
    steady = PiperEngine(sampling=False)
    one, _, asked_one = render(session, tmp_path / "one.wav", tmp_path / "cache-1", workers=1, engine=steady)
    two, _, asked_two = render(session, tmp_path / "two.wav", tmp_path / "cache-2", workers=2, engine=steady)
    assert len(one) == len(two)
    assert np.array_equal(one, two)
    assert sorted(asked_one) == sorted(asked_two) == sorted(set(spoken_texts(session))), "every sentence spoken once"


def test_two_workers_fill_a_cache_that_one_worker_renders_identically(tmp_path):
    """With Piper's usual sampling (two syntheses of a sentence differ), what two workers made is what one worker
    then places, sample for sample, without speaking again."""
    session = session_for(tmp_path, "piper", "joe")
    two, first, asked_two = render(session, tmp_path / "two.wav", tmp_path / "cache", workers=2)
    one, again, asked_one = render(session, tmp_path / "one.wav", tmp_path / "cache", workers=1)
    assert asked_one == [], "the cache two workers filled is valid for one"
    assert sorted(asked_two) == sorted(set(spoken_texts(session))), "every sentence spoken once"
    assert np.array_equal(one, two)
    assert first.seconds == pytest.approx(again.seconds)
    assert len(list((tmp_path / "cache").glob("*/*.clip"))) == len(asked_two)

"""One contract for every speech engine that can run here."""

import ctypes.util

import numpy as np
import pytest

from app.audio.sampling import SAMPLE_RATE
from app.audio.speech import Speech, split_sentences
from app.failures import BadInput
from app.session.model import Voice
from app.tts.engines import get_engine
from tests.conftest import need

TEXT = ("Find a position that lets you be both relaxed and awake. When you are ready, let your eyes close, "
        "or let your gaze rest softly on the floor. Notice the weight of your body, and let the ground hold it.")
WORDS = len(TEXT.split())
VOICES = {"piper": "joe", "system": "gmw/en"}


@pytest.fixture(params=["piper", "system"])
def engine_name(request):
    if request.param == "system":
        need(bool(ctypes.util.find_library("espeak-ng")), "espeak-ng is not installed (apt-get install espeak-ng)")
    return request.param


def speech(engine_name, rate=1.0):
    return Speech(Voice(engine_name, VOICES[engine_name], rate))


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """Clips synthesised now, by this code: the run's shared cache may hold clips an older version processed."""
    monkeypatch.setenv("STILLPOINT_CACHE_DIR", str(tmp_path / "fresh-cache"))


def test_multi_sentence_text_gives_audio_whose_length_fits_the_text(engine_name):
    raw = get_engine(engine_name).synthesize(TEXT, VOICES[engine_name], 1.0)
    words_per_second = WORDS / raw.seconds
    assert 1.6 < words_per_second < 4.5, f"{raw.seconds:.2f} s for {WORDS} words"
    again = get_engine(engine_name).synthesize("A second call in the same process speaks too.", VOICES[engine_name], 1.0)
    assert 1.2 < again.seconds < 5.0


def test_rate_changes_the_length(engine_name):
    slow = get_engine(engine_name).synthesize(TEXT, VOICES[engine_name], 0.7).seconds
    fast = get_engine(engine_name).synthesize(TEXT, VOICES[engine_name], 1.4).seconds
    assert slow / fast > 1.5, f"slow {slow:.2f} s, fast {fast:.2f} s"


def test_silence_is_trimmed_the_same_way_for_every_clip(engine_name, fresh_cache):
    for sentence in split_sentences(TEXT):
        clip = speech(engine_name).clip(sentence)
        loud = np.flatnonzero(np.abs(clip) > np.abs(clip).max() * 0.01)
        lead_ms = loud[0] / SAMPLE_RATE * 1000
        tail_ms = (len(clip) - loud[-1]) / SAMPLE_RATE * 1000
        assert lead_ms <= 32 and tail_ms <= 85, f"{sentence!r}: {lead_ms:.0f} ms before, {tail_ms:.0f} ms after"


def test_clips_are_loudness_normalised(engine_name, fresh_cache):
    from app.audio.loudness import clip_loudness
    from app.audio.voice_chain import VOICE_LUFS

    levels = [clip_loudness(speech(engine_name).clip(s), SAMPLE_RATE) for s in split_sentences(TEXT)]
    assert max(abs(level - VOICE_LUFS) for level in levels) < 0.5, levels


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_rejected_clearly(engine_name, text):
    with pytest.raises(BadInput) as caught:
        speech(engine_name).clip(text)
    assert str(caught.value) == "there is no text to speak (an empty or blank sentence)"


def test_sentences_are_split_on_their_ends_and_on_blank_lines():
    assert split_sentences("One. Two? Three!\nFour\n\n  five.  ") == ["One.", "Two?", "Three!", "Four", "five."]


def test_a_line_break_inside_a_sentence_does_not_split_it():
    text = "If it gets to be too much, pause here,\nreaching out to someone you trust,\nand come back when you are ready."
    assert split_sentences(text) == [
        "If it gets to be too much, pause here, reaching out to someone you trust, and come back when you are ready."]

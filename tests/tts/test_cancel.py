"""A sentence being spoken ends at once when its speech is stopped: a stopped render or player does not wait
for the voice to finish its sentences."""

import threading
import time

import pytest

from app.audio.speech import Speech
from app.session.model import Voice
from app.tts.base import Cancel, SpeechStopped
from app.tts.engines import get_engine

LONG = ("Let the breath find its own way, and notice how the body settles a little more with every slow and unhurried "
        "breath out, as the shoulders soften, the jaw lets go, and the hands rest wherever they are.")


def test_a_piper_sentence_ends_soon_after_its_cancel_is_set():
    engine = get_engine("piper")
    began = time.monotonic()
    engine.synthesize(LONG, "joe", 1.0)
    whole_s = time.monotonic() - began
    cancel, ended = Cancel(), []

    def speak():
        try:
            engine.synthesize(LONG, "joe", 1.0, cancel)
            ended.append("finished")
        except SpeechStopped:
            ended.append(time.monotonic())

    speaking = threading.Thread(target=speak)
    speaking.start()
    while not cancel._ends and speaking.is_alive():  # the run has begun (it registered its end)
        time.sleep(0.001)
    cancel.set()
    set_at = time.monotonic()
    speaking.join(10)
    assert ended and ended[0] != "finished", "the sentence was spoken to its end"
    assert ended[0] - set_at < whole_s / 4, f"ended {ended[0] - set_at:.3f} s after the cancel; the whole: {whole_s:.3f} s"


def test_a_cancel_already_set_speaks_nothing():
    cancel = Cancel()
    cancel.set()
    with pytest.raises(SpeechStopped):
        get_engine("piper").synthesize("Rest here.", "joe", 1.0, cancel)


def test_stopped_speech_caches_nothing_half_made_and_speaks_again_afterwards(tmp_path, monkeypatch):
    monkeypatch.setenv("STILLPOINT_CACHE_DIR", str(tmp_path / "cache"))
    speech = Speech(Voice(), workers=2)
    speech.prefetch([LONG, LONG.replace("breath", "breeze")])
    while not any(speech._jobs.values()):  # a helper has taken a sentence
        time.sleep(0.001)
    speech.stop()
    assert not any(thread.name.startswith("speech-") for thread in threading.enumerate())
    assert not speech.cache.contains(speech.key(LONG))
    assert len(speech.clip("Rest here.")) > 0.3 * 44100

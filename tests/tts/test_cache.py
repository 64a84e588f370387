import os

import numpy as np
import pytest

from app.atomic import PARTIAL_PREFIX
from app.tts.base import Clip
from app.tts.cache import ClipCache, cache_key


def clip(seconds=1.0, value=0.25):
    return Clip(np.full(int(22050 * seconds), value, np.float32), 22050)


def test_a_clip_round_trips_exactly(tmp_path):
    cache = ClipCache(tmp_path)
    original = Clip(np.random.default_rng(1).standard_normal(22050).astype(np.float32), 22050)
    cache.put("k", original)
    back = cache.get("k")
    assert back.sample_rate == 22050 and np.array_equal(back.samples, original.samples)
    assert not list(tmp_path.rglob(PARTIAL_PREFIX + "*")), "no temporary file is left behind"


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_entry_is_detected_and_removed(tmp_path, damage):
    cache = ClipCache(tmp_path)
    cache.put("k", clip())
    path = cache._path("k")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) - 100]
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert cache.get("k") is None
    assert not path.exists()


def test_least_recently_used_clips_are_evicted_past_the_cap(tmp_path):
    one = clip(1.0)
    size = 22050 * 4 + 20
    cache = ClipCache(tmp_path, max_bytes=size * 3)
    for index, key in enumerate("abc"):
        cache.put(key, one)
        os.utime(cache._path(key), (1000 + index, 1000 + index))
    cache.get("a")  # now the most recently used
    cache.put("d", one)
    assert cache.get("b") is None, "the least recently used clip goes first"
    assert cache.get("a") is not None and cache.get("d") is not None
    assert cache.size_bytes() <= size * 3


def test_the_key_depends_on_every_part():
    base = cache_key("piper", "joe", "1.000", "v1", 2, "Hello.")
    assert len({base, cache_key("piper", "joe", "0.900", "v1", 2, "Hello."),
                cache_key("piper", "joe", "1.000", "v2", 2, "Hello."),
                cache_key("piper", "joe", "1.000", "v1", 2, "Hello!")}) == 4


def test_speech_resynthesises_a_corrupt_entry(tmp_path):
    from app.audio.speech import Speech
    from app.session.model import Voice

    speech = Speech(Voice(), ClipCache(tmp_path))
    first = speech.clip("Rest here for a moment.")
    path = speech.cache._path(speech.key("Rest here for a moment."))
    path.write_bytes(path.read_bytes()[:-8])
    again = speech.clip("Rest here for a moment.")
    assert abs(len(again) - len(first)) < 0.1 * len(first), "spoken again (Piper varies a little each time)"
    assert speech.cache.get(speech.key("Rest here for a moment.")) is not None

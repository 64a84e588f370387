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
    probe = ClipCache(tmp_path / "probe")
    probe.put("x", one)
    size = probe._path("x").stat().st_size  # what one entry takes on disk, measured
    cache = ClipCache(tmp_path / "cache", max_bytes=size * 3)
    for index, key in enumerate("abc"):
        cache.put(key, one)
        os.utime(cache._path(key), (1000 + index, 1000 + index))
    cache.get("a")  # now the most recently used
    cache.put("d", one)
    assert cache.get("b") is None, "the least recently used clip goes first"
    assert cache.get("a") is not None and cache.get("d") is not None
    assert cache.size_bytes() <= size * 3


def test_the_key_depends_on_every_part():
    parts = ["piper", "joe", "1.000", "v1", "code-a", "Hello."]
    changed = ["system", "amy", "0.900", "v2", "code-b", "Hello!"]
    keys = {cache_key(*parts)}
    for index, other in enumerate(changed):
        keys.add(cache_key(*parts[:index], other, *parts[index + 1:]))
    assert len(keys) == 7, "each of the six parts alone gives another key"
    assert cache_key("a", "bc") != cache_key("ab", "c"), "parts are kept apart"


def test_a_clip_made_by_other_processing_code_is_not_used(tmp_path):
    """The speech cache's key holds a hash of the code that processes clips: change that code and old clips are
    never read back."""
    from app.audio import speech as speech_module
    from app.audio.speech import PROCESSING_MODULES, Speech, processing_fingerprint
    from app.session.model import Voice

    folder = tmp_path / "code"
    folder.mkdir()
    for name in PROCESSING_MODULES:
        (folder / name).write_text(f"# {name}\n")
    before = processing_fingerprint(folder)
    (folder / PROCESSING_MODULES[0]).write_text("# trimmed differently\n")
    assert processing_fingerprint(folder) != before
    speech = Speech(Voice(), ClipCache(tmp_path / "cache"))
    speech._version = "v"
    today = speech.key("Rest here.")
    original = speech_module.processing_fingerprint
    speech_module.processing_fingerprint = lambda: "other code"
    try:
        assert speech.key("Rest here.") != today
    finally:
        speech_module.processing_fingerprint = original
    assert processing_fingerprint() == processing_fingerprint(speech_module.Path(speech_module.__file__).parent)


def test_speech_resynthesises_a_corrupt_entry(tmp_path):
    from app.audio.speech import Speech
    from app.session.model import Voice

    speech = Speech(Voice(), ClipCache(tmp_path))
    first = speech.clip("Rest here for a moment.")
    path = speech.cache._path(speech.key("Rest here for a moment."))
    path.write_bytes(path.read_bytes()[:-8])
    again = speech.clip("Rest here for a moment.")
    # spoken again: Piper samples, so the length varies (measured up to 14%), but it is the same sentence
    assert 0.7 < len(again) / len(first) < 1.4
    kept = speech.cache.get(speech.key("Rest here for a moment."))
    assert len(kept.samples) / kept.sample_rate == pytest.approx(len(again) / 44100, abs=1e-3), "the new clip is kept"


def test_a_cache_that_cannot_be_written_is_named_and_the_render_goes_on(tmp_path):
    """Seen failing: with the cache folder a file, a render failed with "could not write OUT: Not a directory",
    blaming the export."""
    import os
    import subprocess
    import sys

    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("")
    session = tmp_path / "s.yaml"
    session.write_text("format: 1\ntitle: t\nsteps:\n  - say: Hello there.\n")
    out = tmp_path / "s.wav"
    result = subprocess.run([sys.executable, "-m", "app", "render", str(session), "-o", str(out), "--quiet"],
                            capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, STILLPOINT_CACHE_DIR=str(blocked)))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"stillpoint: the cache at {blocked / 'speech'} cannot be written (Not a directory); "
                             "going on without keeping what is made there\n")
    assert out.stat().st_size > 50_000

import numpy as np
import pytest

from app.audio.ambient import FILE_CROSSFADE_S, bed_source, file_loop, forget_loops
from app.audio.beds.stream import REFERENCE_LUFS
from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE
from app.failures import Failure
from app.session.model import SoundRef


def test_a_bed_from_a_users_file_loops_with_a_crossfade_at_the_reference_level(tmp_path):
    import soundfile

    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(48000 * 3) / 48000)
    soundfile.write(tmp_path / "hum.wav", tone, 48000)
    sound = SoundRef("hum.wav", tmp_path / "hum.wav")
    loop = file_loop(sound).whole()
    assert loop.shape == (SAMPLE_RATE * 3 - int(FILE_CROSSFADE_S * SAMPLE_RATE), 2), "3 s less the 1 s crossfade"
    assert clip_loudness(loop.mean(axis=1), SAMPLE_RATE) == pytest.approx(REFERENCE_LUFS, abs=0.1)
    source = bed_source(sound, seed=0)
    assert np.array_equal(source.frames(len(loop) - 10, 20), np.concatenate([loop[-10:], loop[:10]])), "it loops"


def test_an_unreadable_file_is_named_in_the_error(tmp_path):
    bad = tmp_path / "broken.ogg"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(Failure) as caught:
        file_loop(SoundRef("broken.ogg", bad))
    assert str(caught.value).startswith(f"cannot read the sound file {bad}: ")


def write(path, samples, rate=44100):
    import soundfile

    soundfile.write(path, samples, rate, subtype="FLOAT")
    return SoundRef(path.name, path)


def test_a_bed_file_that_is_not_numbers_or_too_short_is_refused_by_name(tmp_path):
    """Seen failing: NaN samples made the whole render NaN (silence after the limiter); 0.5 s of audio crashed
    the crossfade with a broadcast error."""
    nan = np.full((3 * 44100, 2), 0.1, np.float32)
    nan[5000] = np.nan
    for sound, problem in ((write(tmp_path / "nan.wav", nan), "some of its samples are not numbers (NaN or "
                                                             "infinity); export it again from your audio editor"),
                           (write(tmp_path / "blip.wav", np.full((22050, 2), 0.1, np.float32)),
                            "it lasts 0.5 s; a sound that loops needs at least 2 s")):
        with pytest.raises(Failure) as caught:
            file_loop(sound)
        assert str(caught.value) == f"the sound file {sound.path} cannot be a bed: {problem}"


def test_a_silent_bed_file_contributes_silence_and_a_damaged_cached_loop_is_made_again(tmp_path):
    """Seen failing: silence was levelled by an infinite gain (NaN); a loop cached with NaN was used as it was."""
    silent = file_loop(write(tmp_path / "hush.wav", np.zeros((3 * 44100, 2), np.float32))).whole()
    assert np.isfinite(silent).all() and not silent.any()
    from app.folders import cache_dir

    sound = write(tmp_path / "hum.wav", np.tile(0.2 * np.sin(np.arange(3 * 44100) / 10)[:, None], (1, 2)))
    before = set((cache_dir() / "ambient").glob("file-*"))
    good = file_loop(sound).whole()
    forget_loops()
    (cached,) = set((cache_dir() / "ambient").glob("file-*")) - before
    damaged = good.copy()
    damaged[100] = np.nan
    cached.write_bytes(damaged.astype("<f4").tobytes())
    assert np.array_equal(file_loop(sound).whole(), good)
    forget_loops()
    cached.write_bytes(good.astype("<f4").tobytes()[:-3])  # not whole frames
    assert np.array_equal(file_loop(sound).whole(), good)


def test_the_prepared_loops_are_kept_within_the_caches_cap(tmp_path, monkeypatch):
    """Seen failing (by reading): prepared loops were never removed; the cache grew with every file used."""
    import app.audio.ambient as ambient
    from app.folders import cache_dir

    folder = cache_dir() / "ambient"
    before = set(folder.glob("file-*")) if folder.exists() else set()
    for stale in before:
        stale.unlink()
    loop_bytes = 3 * 44100 * 2 * 4  # a 3 s stereo float32 loop (4 s less the crossfade)
    monkeypatch.setattr(ambient, "CACHE_MAX_BYTES", 2 * loop_bytes)
    for k in range(4):
        tone = np.tile(0.2 * np.sin(np.arange(4 * 44100) * (k + 1) / 20)[:, None], (1, 2))
        file_loop(write(tmp_path / f"hum{k}.wav", tone))
    kept = list(folder.glob("file-*"))
    assert len(kept) == 2 and sum(p.stat().st_size for p in kept) <= 2 * loop_bytes


def test_a_long_sound_file_is_prepared_and_played_in_blocks_in_bounded_memory(tmp_path):
    """Seen failing: a 20-minute file was decoded, resampled, looped and levelled whole, several copies at once
    (peak 1.4 GB). The same file now peaks near the interpreter's own size."""
    import subprocess
    import sys

    import soundfile

    noise = np.random.default_rng(1).integers(-8000, 8000, 20 * 60 * 8000, dtype=np.int16)
    soundfile.write(tmp_path / "long.wav", noise, 8000, subtype="PCM_16")
    script = f"""
import pathlib
from app.audio.ambient import bed_source
from app.session.model import SoundRef
source = bed_source(SoundRef("long.wav", pathlib.Path({str(tmp_path / "long.wav")!r})), seed=0)
for start in range(0, len(source) + 44100 * 60, 44100 * 60):
    source.frames(start, 44100 * 60)
print(len(source), int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:'))) // 1024)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    frames, peak_mb = map(int, result.stdout.split())
    assert frames == 20 * 60 * SAMPLE_RATE - int(FILE_CROSSFADE_S * SAMPLE_RATE) and peak_mb < 250, result.stderr


def test_a_bed_file_longer_than_the_limit_is_refused_with_the_limit_named(tmp_path, monkeypatch):
    import app.audio.ambient as ambient

    monkeypatch.setattr(ambient, "LONGEST_FILE_S", 1800.0)
    sound = write(tmp_path / "day.wav", np.zeros((31 * 60 * 8000, 1), np.float32), rate=8000)
    with pytest.raises(Failure) as caught:
        file_loop(sound)
    assert str(caught.value) == (f"the sound file {sound.path} cannot be a bed: it lasts more than 0.5 hours, the most "
                                 "a bed may last; cut it shorter in an audio editor")

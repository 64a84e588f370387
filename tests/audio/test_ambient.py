import numpy as np
import pytest

from app.audio.ambient import FILE_CROSSFADE_S, bed_source, file_loop
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
    loop = file_loop(sound)
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

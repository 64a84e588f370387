import numpy as np
import pytest

from app.audio.ambient import GENERATORS, LOOP_S, REFERENCE_LUFS, bed_loop, generate
from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE
from app.failures import Failure
from app.session.model import SoundRef


@pytest.fixture(scope="module")
def loops():
    return {name: generate(name) for name in GENERATORS}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_no_click_at_the_loop_seam(loops, name):
    loop = loops[name]
    assert loop.shape == (int(LOOP_S * SAMPLE_RATE), 2)
    jumps = np.abs(np.diff(loop, axis=0)).max(axis=1)
    seam = np.abs(loop[0] - loop[-1]).max()
    typical = np.percentile(jumps, 99.99)
    assert seam <= typical * 1.05, f"seam jump {seam:.4f} vs typical {typical:.4f}"


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_beds_are_loudness_normalised(loops, name):
    assert abs(clip_loudness(loops[name].mean(axis=1), SAMPLE_RATE) - REFERENCE_LUFS) < 0.5


def test_a_bed_from_a_users_file(tmp_path):
    import soundfile

    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(48000 * 3) / 48000)
    soundfile.write(tmp_path / "hum.wav", tone, 48000)
    loop = bed_loop(SoundRef("hum.wav", tmp_path / "hum.wav"))
    assert loop.shape == (SAMPLE_RATE * 2, 2), "3 s at 48 kHz -> 3 s at 44.1 kHz less the 1 s crossfade"


def test_an_unreadable_file_is_named_in_the_error(tmp_path):
    bad = tmp_path / "broken.ogg"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(Failure) as caught:
        bed_loop(SoundRef("broken.ogg", bad))
    assert str(caught.value).startswith(f"cannot read the sound file {bad}: ")

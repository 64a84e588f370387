"""A person's own sounds: checked by decoding, copied into the data folder under a name of their own (never over
another), looped with a crossfade in the mix and from the command line; a bad file is refused and adds nothing."""

import os
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from app.audio.ambient import FILE_CROSSFADE_S, bed_source
from app.audio.own_sounds import add_own_sound, own_sounds, own_sounds_dir, remove_own_sound
from app.audio.sampling import SAMPLE_RATE
from app.failures import BadInput


def write_tone(path, seconds=3.0, rate=48000, amplitude=0.3, subtype=None):
    tone = amplitude * np.sin(2 * np.pi * 220 * np.arange(int(rate * seconds)) / rate)
    soundfile.write(path, tone, rate, subtype=subtype)
    return path


def written(path, data: bytes):
    path.write_bytes(data)
    return path


def test_a_sound_is_copied_in_listed_and_loops_with_a_crossfade(tmp_path):
    source = write_tone(tmp_path / "Kitchen  clock.wav")
    sound = add_own_sound(source)
    assert sound.name == "Kitchen clock" and sound.path == own_sounds_dir() / "Kitchen clock.wav"
    assert sound.path.read_bytes() == source.read_bytes(), "a copy, byte for byte"
    source.unlink()
    assert own_sounds() == (sound,), "the copy is what is kept: the original may go"
    loop = bed_source(sound, seed=0)
    assert len(loop) == 3 * SAMPLE_RATE - int(FILE_CROSSFADE_S * SAMPLE_RATE)
    remove_own_sound(sound)
    assert own_sounds() == () and not sound.path.exists()


def test_a_second_sound_of_the_same_name_or_a_built_in_name_gets_its_own(tmp_path):
    first = add_own_sound(write_tone(tmp_path / "rain.flac"))
    (tmp_path / "again").mkdir()
    second = add_own_sound(write_tone(tmp_path / "again" / "rain.flac", amplitude=0.1))
    assert (first.name, second.name) == ("rain 2", "rain 3"), "a built-in bed keeps its name"
    assert soundfile.info(first.path).frames == soundfile.info(second.path).frames == 144000
    assert abs(soundfile.read(first.path)[0]).max() > 2 * abs(soundfile.read(second.path)[0]).max(), "not clobbered"


@pytest.mark.parametrize("make, message", [
    (lambda p: written(p / "notes.txt", b"hello"),
     "cannot add {path}: a sound must be one of .aac, .aif, .aiff, .flac, .m4a, .mp3, .oga, .ogg, .opus, .wav"),
    (lambda p: written(p / "broken.ogg", b"not audio at all"),
     "cannot add {path}: cannot read the sound file {path}: "),
    (lambda p: write_tone(p / "hush.wav", amplitude=0.0), "cannot add {path}: it holds only silence"),
    (lambda p: write_tone(p / "blip.wav", seconds=1.5), "cannot add {path}: it lasts 1.5 s; a sound that loops needs "
                                                          "at least 2 s"),
])
def test_a_file_that_cannot_be_a_layer_is_refused_and_nothing_is_added(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(BadInput) as caught:
        add_own_sound(path)
    assert str(caught.value).startswith(message.format(path=path))
    assert own_sounds() == ()
    assert not own_sounds_dir().exists() or list(own_sounds_dir().iterdir()) == [], "not even a partial file"


def test_samples_that_are_not_numbers_are_refused(tmp_path):
    samples = np.full(3 * 44100, 0.2, np.float32)
    samples[1000] = np.nan
    path = tmp_path / "glitch.wav"
    soundfile.write(path, samples, 44100, subtype="FLOAT")
    with pytest.raises(BadInput, match=r"some of its samples are not numbers \(NaN or infinity\); export it again"):
        add_own_sound(path)
    assert own_sounds() == ()


def test_the_command_line_lists_and_mixes_your_own_sounds(tmp_path):
    sound = add_own_sound(write_tone(tmp_path / "hum.wav"))
    run = lambda *args: subprocess.run([sys.executable, "-m", "app", "sounds", *args], capture_output=True,  # noqa: E731
                                       text=True, env=os.environ, stdin=subprocess.DEVNULL, timeout=120)
    listed = run("list").stdout.splitlines()
    assert listed[-1].startswith("hum") and "your own sound (hum.wav), looped with a crossfade" in listed[-1]
    out = tmp_path / "mix.wav"
    result = run("hum=1", "--minutes", "0.5", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    assert len(audio) == 30 * rate
    middle = audio[10 * rate: 11 * rate, 0]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(len(middle))))
    assert np.argmax(spectrum) == pytest.approx(220, abs=1), "the hum is what is heard, 220 Hz"
    assert sound.path.exists()

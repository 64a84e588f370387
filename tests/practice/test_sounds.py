"""`stillpoint sounds`: the beds alone, listed, mixed, played and exported at the unspoken target."""

import json
import os
import subprocess
import sys

import numpy as np
import pyloudnorm
import pytest
import soundfile

from tests.playback.capture import need_audio_server


def sounds(*args):
    return subprocess.run([sys.executable, "-m", "app", "sounds", *args], capture_output=True, text=True,
                          env=os.environ, stdin=subprocess.DEVNULL, timeout=120)


def test_list_names_every_sound_and_what_it_models():
    result = sounds("list", "--json")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [entry["id"] for entry in entries] == ["rain", "ocean", "stream", "wind", "brown-noise", "drone", "fire",
                                                  "night", "birds"]
    assert all(entry["title"] and len(entry["models"]) > 40 for entry in entries)
    text = sounds("list").stdout.splitlines()
    assert text[0].startswith("rain") and "bubbles" in text[0] and len(text) == 9


def test_a_mix_exports_to_its_length_at_the_unspoken_target_and_fades_over_its_end(tmp_path):
    out = tmp_path / "mix.wav"
    result = sounds("rain=0.6,wind=0.3", "--minutes", "1", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    assert len(audio) == 60 * rate
    assert pyloudnorm.Meter(rate).integrated_loudness(audio) == pytest.approx(-24.0, abs=1.0)

    def level_db(start_s, seconds=1.0):
        part = audio[int(start_s * rate): int((start_s + seconds) * rate)]
        return 20 * np.log10(np.sqrt(np.mean(part ** 2)) + 1e-12)

    assert level_db(59.0) < level_db(30.0) - 20, "it fades out at the end"
    assert level_db(45.0) < level_db(30.0) - 1, "over the last 20 s (a third of a one-minute mix)"


def test_a_seed_varies_the_mix_and_the_same_seed_repeats_it(tmp_path):
    files = {}
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        files[name] = tmp_path / f"{name}.wav"
        assert sounds("stream", "--minutes", "0.2", "--seed", seed, "-o", str(files[name]), "--quiet").returncode == 0
    a, b, c = (soundfile.read(files[name], dtype="float32")[0] for name in "abc")
    assert np.array_equal(a, b)
    assert abs(np.corrcoef(a[:, 0], c[:, 0])[0, 1]) < 0.3


@pytest.mark.parametrize("args, message", [
    (["traffic"], "unknown sound 'traffic'; sounds: rain, ocean, stream, wind, brown-noise, drone, fire, night, birds"),
    (["rain=2"], "the level of 'rain' must be a number from 0 to 1, as in rain=0.5"),
    (["rain=loud"], "the level of 'rain' must be a number from 0 to 1, as in rain=0.5"),
    (["rain,rain=0.5"], "'rain' is in the mix twice; give each sound once"),
    (["rain=0"], "the mix is silent; name at least one sound above level 0, e.g. rain or rain=0.6,wind=0.3"),
    (["rain", "-o", "x.mp3"], "an export needs a length; add --minutes, e.g. --minutes 20"),
    (["rain", "--minutes", "900", "-o", "x.mp3"], "--minutes 900 is out of range; use 0.1 to 480"),
    (["rain", "--seed", "-3", "--minutes", "1", "-o", "x.mp3"], "--seed '-3' is not a whole number from 0 to 4294967295"),
])
def test_bad_mixes_are_usage_errors(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "app", "sounds", *args], capture_output=True, text=True,
                            env=os.environ, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"stillpoint: {message}"
    assert not (tmp_path / "x.mp3").exists()


def test_sounds_played_alone_are_not_recorded_in_the_journal():
    need_audio_server()
    from app.journal.log import Journal

    result = sounds("rain", "--minutes", "0.1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("ended at 0:0")
    assert Journal().entries() == []


def test_a_layers_live_gain_scales_it_and_a_layer_at_zero_is_not_made():
    """The Sounds place's mix: every layer a bed of one session, its level a live gain in the mixer."""
    from app.audio.compiler import compile_session
    from app.audio.mixer import Mixer
    from app.practice.sounds import Layer, sounds_session

    def render(gains):
        mixer = Mixer(compile_session(sounds_session((Layer("rain", 1.0), Layer("wind", 1.0)), None)))
        for place, gain in enumerate(gains):
            mixer.set_bed_gain(place, gain)
        audio = np.concatenate(list(mixer.render(10 * 44100, 14 * 44100)))
        return audio, mixer

    rain, rain_mixer = render((0.5, 0.0))
    assert list(rain_mixer._bed_sources) == [0], "the wind at 0 was never generated"
    full, _ = render((1.0, 0.0))
    level = 20 * np.log10(np.sqrt(np.mean(rain ** 2)) / np.sqrt(np.mean(full ** 2)))
    assert level == pytest.approx(-6.02, abs=0.05), "0.5 is half the amplitude"
    both, mixer = render((0.5, 0.0))
    mixer.set_bed_gain(1, 0.5)  # switched on live: the next blocks hold both
    both = np.concatenate(list(mixer.render(10 * 44100, 14 * 44100)))
    wind, _ = render((0.0, 0.5))
    assert np.allclose(both, rain + wind, atol=2e-6), "the layers add, each at its gain"

"""`stillpoint timer`: bells measured in the exported audio where they were asked for."""

import os
import subprocess
import sys

import numpy as np
import pyloudnorm
import pytest
import soundfile


def timer(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "app", "timer", *args], capture_output=True, text=True,
                          env=os.environ, cwd=cwd, timeout=120)


def strike_onsets_s(audio: np.ndarray, rate: int) -> list[float]:
    """Where a bell strikes: the level rises past 4x the loudest of the 50 ms before (1 ms hops), refined to the
    first sample above a tenth of the strike's peak."""
    level = np.abs(audio).max(axis=1)
    hop = rate // 1000
    hops = level[: len(level) // hop * hop].reshape(-1, hop).max(axis=1)
    onsets = []
    for i in range(50, len(hops)):
        if hops[i] > 4 * hops[i - 50: i - 2].max() + 1e-4 and (not onsets or i * hop - onsets[-1] > rate):
            around = level[i * hop - 2000: i * hop + 2000]
            onsets.append(i * hop - 2000 + int(np.flatnonzero(around > 0.1 * around.max())[0]))
    return [onset / rate for onset in onsets]


def test_bells_ring_on_schedule_and_the_end_bell_after_the_chosen_time(tmp_path):
    out = tmp_path / "sit.wav"
    result = timer("2m", "--every", "30s", "--warm-up", "5s", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    onsets = strike_onsets_s(audio, rate)
    assert onsets == pytest.approx([5.0, 35.0, 65.0, 95.0, 125.0], abs=0.010), onsets
    ring_out_s = len(audio) / rate - 125.0
    assert 5.0 < ring_out_s < 40.0, f"the end bell rings out ({ring_out_s:.1f} s) and then the file ends"
    assert np.abs(audio[-rate // 10:]).max() < 10 ** (-50 / 20), "it ends in silence"


def test_a_warm_up_of_0s_rings_the_start_bell_right_after_the_lead_in(tmp_path):
    """Seen failing: `--warm-up 0s` was refused ("use 1s to 5m"); every timer app starts at once if asked."""
    out = tmp_path / "now.wav"
    result = timer("1m", "--warm-up", "0s", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    assert strike_onsets_s(audio, rate) == pytest.approx([1.0, 61.0], abs=0.010), "the lead-in, then the bell"


def test_no_start_bell_and_no_interval(tmp_path):
    out = tmp_path / "quiet.wav"
    result = timer("45s", "--start-bell", "none", "--end-bell", "gong", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    assert strike_onsets_s(audio, rate) == pytest.approx([55.0], abs=0.010), "only the end bell, 45 s after 10 s"


def test_a_bed_fades_in_under_the_silence(tmp_path):
    out = tmp_path / "rain.wav"
    result = timer("40s", "--ambient", "rain", "--start-bell", "none", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")

    def level_db(start_s, end_s):
        part = audio[int(start_s * rate): int(end_s * rate)]
        return 20 * np.log10(np.sqrt(np.mean(part**2)) + 1e-12)

    assert level_db(0, 0.5) < level_db(20, 30) - 20, "it fades in"
    assert -36 < level_db(20, 30) < -18, "and plays under the silence"
    # nothing is spoken: the export is set to the quieter target of unspoken exports (README)
    assert pyloudnorm.Meter(rate).integrated_loudness(audio) == pytest.approx(-24.0, abs=1.0)


def test_a_timer_of_bells_alone_is_at_the_unspoken_target(tmp_path):
    out = tmp_path / "bells.wav"
    result = timer("1m", "--every", "20s", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    audio, rate = soundfile.read(out, dtype="float32")
    assert pyloudnorm.Meter(rate).integrated_loudness(audio) == pytest.approx(-24.0, abs=1.0)


@pytest.mark.parametrize("args, message", [
    (["soon"], "LENGTH 'soon' is not a time; use e.g. 500ms, 20s, 1.5s, 2m or 1m30s"),
    (["0s"], "a timer of 0 s is out of range; use more than 0 and up to 4h"),
    (["5h"], "a timer of 18000 s is out of range; use more than 0 and up to 4h"),
    (["2m", "--every", "3m"], "--every 180 s does not fit; use more than 3 s and less than the timer's length"),
    (["2m", "--start-bell", "harp"], "unknown bell 'harp'; bells: bowl, chime, gong, woodblock, or none"),
    (["2m", "--warm-up", "6m"], "a warm-up of 360 s is out of range; use 0s to 5m"),
    (["2m", "--ambient", "traffic"],
     "unknown ambient sound 'traffic'; sounds: rain, ocean, stream, wind, brown-noise, drone, fire, night, birds"),
])
def test_bad_timers_are_usage_errors(tmp_path, args, message):
    result = timer(*args, "-o", str(tmp_path / "x.mp3"), cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (2, f"stillpoint: {message}")
    assert list(tmp_path.iterdir()) == []

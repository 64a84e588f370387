"""Breathing: exact lengths, cue onsets where scheduled, a continuous fullness, progressions."""

import numpy as np
import pytest

from app.audio.compiler import compile_session
from app.audio.mixer import MASTER_GAIN_DB, Mixer
from app.audio.sampling import SAMPLE_RATE, db_to_gain, seconds_to_frames
from app.practice.breathing import Practice
from app.practice.breathing_sessions import cycles_for_minutes, practice_session
from app.practice.presets import PRESETS
from app.session.loader import parse_pattern
from app.session.model import Lengthen, Slow


def render_cues(session):
    timeline = compile_session(session)
    mixer = Mixer(timeline)
    return timeline, np.concatenate(list(mixer.render())) / db_to_gain(MASTER_GAIN_DB)


def onsets_found(audio, origin, practice):
    """For each sounding phase: (scheduled frame, where its cue rises 20% above the quietest point just before)."""
    found = []
    envelope = np.convolve(np.abs(audio).max(axis=1), np.ones(44) / 44, mode="same")  # 1 ms smoothing
    ms = SAMPLE_RATE // 1000
    for phase in practice.phases:
        if phase.kind in ("hold", "rest"):
            continue  # holds are quiet by design
        scheduled = origin + seconds_to_frames(phase.start_s)
        quietest = scheduled - 30 * ms + int(np.argmin(envelope[scheduled - 30 * ms: scheduled + 3 * ms]))
        floor, peak = envelope[quietest], envelope[quietest: quietest + 40 * ms].max()
        rising = np.flatnonzero(envelope[quietest: quietest + 40 * ms] > floor + 0.2 * (peak - floor))
        found.append((scheduled, quietest + int(rising[0])))
    return found


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_cue_onsets_land_within_5_ms_for_every_preset(name):
    session = practice_session(name, cycles=3)
    timeline, audio = render_cues(session)
    origin, practice = timeline.practices[0]
    for scheduled, found in onsets_found(audio, origin, practice):
        assert abs(found - scheduled) <= 0.005 * SAMPLE_RATE, f"onset {(found - scheduled) / SAMPLE_RATE * 1000:.1f} ms off"


def test_cue_onsets_land_within_5_ms_in_a_progression():
    session = practice_session("relaxing", cycles=9, progression=Lengthen("exhale", 1.0, 3, 8.0))
    timeline, audio = render_cues(session)
    origin, practice = timeline.practices[0]
    assert [p.exhale_s for p in practice.patterns] == [6, 6, 6, 7, 7, 7, 8, 8, 8]
    for scheduled, found in onsets_found(audio, origin, practice):
        assert abs(found - scheduled) <= 0.005 * SAMPLE_RATE


@pytest.mark.parametrize("name, cycles, breaths_s", [("4-7-8", 4, 76.0), ("coherent", 7, 77.0), ("sigh", 5, 52.5),
                                                    ("4.5-0-6.5-1", 3, 36.0)])
def test_the_breaths_last_their_arithmetic_and_the_closing_bell_is_heard_after_them(name, cycles, breaths_s):
    """Totals written by hand (4-7-8 is 19 s a breath, x4 = 76 s); the breaths begin 6 s in (a 1 s lead-in and a
    5 s settling pause) and the closing bowl is heard 1 s after the last breath, found in the audio."""
    from app.audio.bells import strikes

    session = practice_session(name, cycles=cycles)
    timeline, audio = render_cues(session)
    origin, practice = timeline.practices[0]
    assert practice.seconds == pytest.approx(breaths_s)
    assert origin == 6 * SAMPLE_RATE
    bell_expected_s = 6.0 + breaths_s + 1.0
    around = audio[int((bell_expected_s - 1.0) * SAMPLE_RATE): int((bell_expected_s + 1.0) * SAMPLE_RATE), 0]
    bowl = strikes("bowl", 1)[: SAMPLE_RATE // 2]
    correlation = np.correlate(around, bowl, mode="valid")
    heard_s = bell_expected_s - 1.0 + int(np.argmax(np.abs(correlation))) / SAMPLE_RATE
    assert heard_s == pytest.approx(bell_expected_s, abs=0.002), f"the closing bowl at {heard_s:.3f} s"


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_fullness_is_continuous_and_reaches_empty_and_full(name):
    practice = Practice.repeat(parse_pattern(name), 2)
    times = np.linspace(0, practice.seconds - 1e-6, 20001)
    values = np.array([practice.fullness(t) for t in times])
    assert values.min() >= 0.0 and values.max() <= 1.0
    step = times[1] - times[0]
    assert np.abs(np.diff(values)).max() < 20 * step, "no jumps: at most a small slope between samples"
    for phase in practice.phases:
        if phase.kind in ("inhale", "top-up") and phase.kind != "inhale" or phase.kind == "hold":
            assert practice.fullness(phase.end_s - 1e-9) == pytest.approx(1.0, abs=1e-6)
        if phase.kind == "exhale":
            assert practice.fullness(phase.end_s - 1e-9) == pytest.approx(0.0, abs=1e-6)
    first_inhale_end = practice.phases[0].end_s
    top = 0.85 if parse_pattern(name).top_up_s else 1.0
    assert practice.fullness(first_inhale_end - 1e-9) == pytest.approx(top, abs=1e-6)


def test_phase_and_time_left_are_functions_of_elapsed_time():
    practice = Practice.repeat(parse_pattern("4-7-8"), 2)
    assert practice.phase_at(0.0).kind == "inhale" and practice.time_left_s(0.0) == 4.0
    assert practice.phase_at(5.0).kind == "hold" and practice.time_left_s(5.0) == pytest.approx(6.0)
    assert practice.phase_at(19.5).kind == "inhale" and practice.phase_at(19.5).cycle == 1
    assert practice.phase_at(38.0) is None and practice.phase_at(-1) is None


def test_slowing_from_6_to_5_5_breaths_a_minute():
    pattern = parse_pattern("5-0-5-0")
    practice = Practice.planned(pattern, 30, Slow(6.0, 5.5, 300))
    rates = [60 / p.cycle_s for p in practice.patterns]
    assert rates[0] == pytest.approx(6.0) and rates[-1] == pytest.approx(5.5, abs=0.01)
    assert all(a >= b for a, b in zip(rates, rates[1:], strict=False)), "the breath only slows"


def test_minutes_become_the_nearest_whole_number_of_breaths():
    assert cycles_for_minutes(parse_pattern("box"), 2) == 8
    assert cycles_for_minutes(parse_pattern("4-7-8"), 1) == 3


def test_alternate_nostril_cues_pan_left_then_right():
    session = practice_session("relaxing", cycles=2, pan=True)
    timeline, audio = render_cues(session)
    origin, practice = timeline.practices[0]
    sides = []
    for phase in practice.phases:
        start = origin + seconds_to_frames(phase.start_s)
        part = audio[start: start + SAMPLE_RATE]
        left, right = np.sqrt(np.mean(part**2, axis=0))
        sides.append("left" if left > 2 * right else "right" if right > 2 * left else "centre")
    assert sides == ["left", "right", "right", "left"], "in left, out right, in right, out left"


def test_eyes_closed_exhale_starts_with_a_double_pip():
    session = practice_session("relaxing", cycles=1, eyes_closed=True)
    timeline, audio = render_cues(session)
    origin, practice = timeline.practices[0]
    exhale = practice.phases[1]
    start = origin + seconds_to_frames(exhale.start_s)
    part = audio[start: start + int(0.5 * SAMPLE_RATE), 0]
    t = np.arange(len(part)) / SAMPLE_RATE
    pip_hz = 392.0 * 1.5
    envelope = np.abs(np.convolve(part * np.exp(-2j * np.pi * pip_hz * t), np.ones(441) / 441, mode="same"))
    loud = envelope[::441] > envelope.max() * 0.5  # every 10 ms
    bursts = np.count_nonzero(np.diff(loud.astype(int)) == 1) + int(loud[0])
    assert bursts == 2, "two pips at the start of the out-breath"


def test_the_breathe_command_exports_a_practice(tmp_path):
    import os
    import subprocess
    import sys

    import soundfile

    out = tmp_path / "box.wav"
    result = subprocess.run([sys.executable, "-m", "app", "breathe", "box", "--cycles", "2", "-o", str(out), "--quiet"],
                            capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert soundfile.info(out).frames == compile_session(practice_session("box", cycles=2)).total_frames
    bad = subprocess.run([sys.executable, "-m", "app", "breathe", "quick", "-o", str(tmp_path / "x.wav")],
                         capture_output=True, text=True, env=os.environ)
    assert bad.returncode == 2
    assert bad.stderr.strip() == ("stillpoint: unknown breathing pattern 'quick'; use one of box, 4-7-8, coherent, sigh, "
                                  "relaxing, 4-7-11, 5-8-5-8, 7-4-8-4, or seconds like 4-4-6-0")

"""One contract for every audio backend, against a real PulseAudio server, checked by recording its output."""

import time

import numpy as np
import pytest

from app.audio.mixer import Mixer
from app.audio.signal import SAMPLE_RATE
from app.audio.timeline import compile_session
from app.playback.backends import make_backend
from app.playback.player import Player, State
from app.session import load_session
from app.session.library import resolve
from tests.conftest import need
from tests.playback.capture import Capture, best_match, need_audio_server, rms_db, to_capture_rate


@pytest.fixture(params=["qt", "simpleaudio"])
def backend(request, qapp):
    need_audio_server()
    chosen = make_backend(request.param)
    need(chosen.unavailable_reason() is None, f"{request.param}: {chosen.unavailable_reason()}")
    return chosen


@pytest.fixture(scope="module")
def session():
    return load_session(resolve("three-breaths"))


@pytest.fixture(scope="module")
def mixed(session):
    """What the mixer produces for the whole session: the reference for every recording."""
    return np.concatenate(list(Mixer(compile_session(session)).render()))


def run_for(player, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        player.backend.process_events()
        time.sleep(0.003)


def wait_until(player, predicate, timeout_s=15):
    deadline = time.monotonic() + timeout_s
    while not predicate() and time.monotonic() < deadline:
        player.backend.process_events()
        time.sleep(0.003)
    assert predicate(), f"timed out in state {player.state}"


def playing_from_3_s(backend, session, then_s: float) -> Player:
    """A player that started at 3 s (the first sentence) and has played for `then_s` more."""
    player = Player(backend)
    player.load(session, start_s=3.0)
    player.play()
    wait_until(player, lambda: player.state == State.PLAYING)
    run_for(player, then_s)
    return player


def test_what_plays_is_what_the_mixer_produced(backend, session, mixed):
    with Capture() as capture:
        player = playing_from_3_s(backend, session, 3.0)
        player.stop()
    expected = to_capture_rate(mixed[3 * SAMPLE_RATE: int(4.5 * SAMPLE_RATE)])
    score, _lag = best_match(capture.audio, expected)
    assert rms_db(capture.audio) > -45, "the recording is not silent"
    assert score > 0.9, f"correlation with the mixer's output {score:.3f}"


def test_pause_is_silent_and_resume_continues_from_the_same_sample(backend, session, mixed):
    player = playing_from_3_s(backend, session, 1.5)
    player.pause()
    wait_until(player, lambda: player.state == State.PAUSED)
    handed_before = player._read_frame
    with Capture() as paused:
        run_for(player, 1.0)
    paused_at = player.position_frames()
    assert player._read_frame == handed_before, "nothing more is handed out while paused"
    assert rms_db(paused.audio[int(0.4 * 48000):]) < -70, "pause is silence"
    with Capture() as resumed:
        player.play()
        run_for(player, 1.5)
        moved = player.position_frames() - paused_at
        player.stop()
    assert moved == pytest.approx(1.5 * SAMPLE_RATE, abs=0.35 * SAMPLE_RATE)
    expected = to_capture_rate(mixed[handed_before + SAMPLE_RATE // 10: handed_before + SAMPLE_RATE])
    score, _ = best_match(resumed.audio, expected)
    assert score > 0.9, f"after resume the audio continues from the paused sample (correlation {score:.3f})"


def test_seek_lands_where_asked(backend, session, mixed):
    player = playing_from_3_s(backend, session, 0.5)
    with Capture() as capture:
        player.seek(20.0)
        run_for(player, 1.0)
        position = player.position_s
        run_for(player, 0.5)
        player.stop()
    assert position == pytest.approx(21.0, abs=0.35)
    expected = to_capture_rate(mixed[int(20.1 * SAMPLE_RATE): int(20.8 * SAMPLE_RATE)])
    score, _ = best_match(capture.audio, expected)
    assert score > 0.9, f"the audio after the seek is the session at 20 s (correlation {score:.3f})"


def test_chapters_and_the_transcript_follow_the_position(backend, session):
    player = Player(backend)
    player.load(session)
    player.play()
    wait_until(player, lambda: player.duration_s is not None and player.state == State.PLAYING)
    player.next_chapter()
    run_for(player, 0.8)
    chapters = player.chapters()
    assert player.current_chapter() == chapters[1]
    assert player.position_frames() == pytest.approx(chapters[1].start + 0.8 * SAMPLE_RATE, abs=0.35 * SAMPLE_RATE)
    player.stop()
    assert player.state == State.STOPPED


def test_the_sleep_timer_fades_out_and_pauses(backend, session, mixed, monkeypatch):
    import app.playback.player as player_module

    monkeypatch.setattr(player_module, "SLEEP_FADE_S", 1.0)
    with Capture() as capture:
        player = playing_from_3_s(backend, session, 0.0)
        player.set_sleep_timer(2.0 / 60)  # the fade starts after about 1 s and lasts 1 s
        set_at = player.position_s
        wait_until(player, lambda: player.state == State.PAUSED, timeout_s=10)
        run_for(player, 0.5)
        player.stop()
    rate = 48000
    reference = to_capture_rate(mixed[int(set_at * SAMPLE_RATE): int((set_at + 0.7) * SAMPLE_RATE)])
    score, lag = best_match(capture.audio, reference)
    assert score > 0.9

    def level_against_mix_db(start_s, end_s):
        recorded = capture.audio[lag + int((start_s - set_at) * rate): lag + int((end_s - set_at) * rate)]
        expected = to_capture_rate(mixed[int(start_s * SAMPLE_RATE): int(end_s * SAMPLE_RATE)])[: len(recorded)]
        return rms_db(recorded) - rms_db(expected)

    full = level_against_mix_db(set_at + 0.1, set_at + 0.8)
    late_in_fade = level_against_mix_db(set_at + 1.75, set_at + 1.95)
    assert abs(full) < 1.5, "before the fade the level is the mixer's"
    assert late_in_fade < full - 8, f"late in the fade the level is well down ({late_in_fade - full:.1f} dB)"
    assert player.state in (State.STOPPED, State.PAUSED)

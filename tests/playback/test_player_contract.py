"""One contract for every audio backend, against a real PulseAudio server, checked by recording its output."""

import time

import numpy as np
import pytest

from app.audio.compiler import compile_session
from app.audio.mixer import Mixer
from app.audio.sampling import SAMPLE_RATE
from app.playback.choose_backend import make_backend
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
    # from where the listener was when it paused (an output with long buffers rewinds to what was heard)
    expected = to_capture_rate(mixed[paused_at + SAMPLE_RATE // 10: paused_at + SAMPLE_RATE])
    with Capture() as resumed:
        player.play()
        wait_until(player, lambda: best_match(resumed.so_far(), expected)[0] > 0.9, timeout_s=10)
        heard_at = player.position_frames()
        player.stop()
    score, _ = best_match(resumed.audio, expected)
    assert score > 0.9, f"after resume the audio continues from the paused sample (correlation {score:.3f})"
    assert paused_at + 0.8 * SAMPLE_RATE <= heard_at <= paused_at + 2.0 * SAMPLE_RATE, \
        "the position ran on with what was heard"


def test_seek_lands_where_asked(backend, session, mixed):
    player = playing_from_3_s(backend, session, 0.5)
    with Capture() as capture:
        player.seek(20.0)
        run_for(player, 1.0)
        position = player.position_s
        run_for(player, 2.0)  # a backend with long buffers (simpleaudio) is heard a moment after it reports
        player.stop()
    assert position == pytest.approx(21.0, abs=0.35)
    # heard from 1.3 s after the seek: simpleaudio's long buffers hand over about a second after the seek is asked
    # for (measured: what the player hands out is the session at 20 s exactly, r = 1.000)
    expected = to_capture_rate(mixed[int(21.3 * SAMPLE_RATE): int(22.0 * SAMPLE_RATE)])
    score, _ = best_match(capture.audio, expected)
    assert score > 0.9, f"the audio after the seek is the session at 20 s (correlation {score:.3f})"


def test_chapters_and_the_transcript_follow_the_position(backend, session):
    player = Player(backend)
    player.load(session)
    player.play()
    wait_until(player, lambda: player.duration_s is not None and player.state == State.PLAYING)
    chapters = player.chapters()
    with Capture() as capture:
        assert player.next_chapter() == chapters[1].start / SAMPLE_RATE
        wait_until(player, lambda: player.position_frames() > chapters[1].start + 2.5 * SAMPLE_RATE)
        heard_at = player.position_frames()
        chapter, cue = player.current_chapter(), player.current_cue()
        player.stop()
    assert player.state == State.STOPPED
    assert chapter == chapters[1]
    timeline = player.timeline
    # the transcript's line is the one whose span holds the heard position (worked out here from the cues)
    spanning = [c for c in timeline.cues if c.start <= heard_at < c.end]
    assert cue == (spanning[0] if spanning else None)
    first = next(c for c in timeline.cues if c.kind == "speech" and c.start >= chapters[1].start)
    assert heard_at >= first.start, "by now the chapter's first line has begun"
    # and that line is what was heard: its voice is in the recording
    mixed_line = np.concatenate(list(Mixer(timeline).render(first.start, first.start + SAMPLE_RATE // 2)))
    score, _ = best_match(capture.audio, to_capture_rate(mixed_line))
    assert score > 0.9, f"the chapter's first line was heard (correlation {score:.3f})"


def test_the_sleep_timer_fades_out_and_pauses(backend, session, mixed, monkeypatch):
    import app.playback.player as player_module

    monkeypatch.setattr(player_module, "SLEEP_FADE_S", 1.0)
    with Capture() as capture:
        player = playing_from_3_s(backend, session, 0.0)
        player.set_sleep_timer(2.0 / 60)  # the fade starts after about 1 s and lasts 1 s
        set_at = player.position_s
        wait_until(player, lambda: player.state == State.PAUSED, timeout_s=10)
        # what was handed over before the pause is still on its way (0.8 s late once in CI): until it is heard out
        wait_until(player, lambda: capture.quiet_for(0.3), timeout_s=10)
        player.stop()
    reference = to_capture_rate(mixed[int(set_at * SAMPLE_RATE): int((set_at + 0.7) * SAMPLE_RATE)])
    score, lag = best_match(capture.audio, reference)
    assert score > 0.9
    full = level_against_mix_db(capture.audio, mixed, lag + int(0.1 * 48000), set_at + 0.1, set_at + 0.8)
    late_in_fade = level_against_mix_db(capture.audio, mixed, lag + int(1.75 * 48000), set_at + 1.75, set_at + 1.95)
    assert abs(full) < 1.5, "before the fade the level is the mixer's"
    assert late_in_fade < full - 8, f"late in the fade the level is well down ({late_in_fade - full:.1f} dB)"
    assert player.state in (State.STOPPED, State.PAUSED)


def level_against_mix_db(recording, mixed, lag, start_s, end_s):
    """The recording's level between session times `start_s` and `end_s`, relative to the mixer's output there;
    `lag` places session time `start_s` in the recording."""
    rate = 48000
    recorded = recording[lag: lag + int((end_s - start_s) * rate)]
    expected = to_capture_rate(mixed[int(start_s * SAMPLE_RATE): int(end_s * SAMPLE_RATE)])[: len(recorded)]
    assert len(recorded) > 0.8 * (end_s - start_s) * rate, "the recording covers the span"
    return rms_db(recorded) - rms_db(expected)


@pytest.fixture(scope="module")
def mixed_at_half_volume(session):
    mixer = Mixer(compile_session(session))
    for bus in ("voice", "ambient", "bells"):
        mixer.set_volume(bus, 0.5)
    return np.concatenate(list(mixer.render()))


def test_volume_changes_are_heard_at_once(backend, session, mixed, mixed_at_half_volume):
    with Capture() as capture:
        player = playing_from_3_s(backend, session, 1.2)
        changed_at = player.position_s
        for bus in ("voice", "ambient", "bells"):
            player.set_volume(bus, 0.5)
        run_for(player, 2.2)
        player.stop()
    rate = 48000
    score, lag = best_match(capture.audio, to_capture_rate(mixed[int((changed_at - 0.9) * SAMPLE_RATE):
                                                                 int((changed_at - 0.1) * SAMPLE_RATE)]))
    assert score > 0.9
    before = level_against_mix_db(capture.audio, mixed, lag, changed_at - 0.9, changed_at - 0.1)
    assert abs(before) < 1.0, f"at full volume the level is the mixer's ({before:+.1f} dB)"
    # a handover restarts the output a little later or earlier, so what follows the change is found again
    since_change = capture.audio[lag + int(0.9 * rate):]
    score, lag_after = best_match(since_change, to_capture_rate(
        mixed_at_half_volume[int((changed_at + 0.6) * SAMPLE_RATE): int((changed_at + 1.4) * SAMPLE_RATE)]))
    assert score > 0.9, f"after the change the session goes on ({score:.2f})"
    from_0_6_s = since_change[lag_after:]
    after_against_half = level_against_mix_db(from_0_6_s, mixed_at_half_volume, 0, changed_at + 0.6, changed_at + 1.8)
    after = level_against_mix_db(from_0_6_s, mixed, 0, changed_at + 0.6, changed_at + 1.8)
    assert abs(after_against_half) < 1.0, f"0.6 s later it is the mixer's at half volume ({after_against_half:+.1f} dB)"
    assert after - before < -3.0, f"and clearly quieter ({after - before:+.1f} dB; the limiter had held the peaks)"


def test_a_session_played_to_its_end_ends(backend, session, mixed):
    states = []
    player = Player(backend, listener=states.append)
    player.load(session, start_s=len(mixed) / SAMPLE_RATE - 6.0)
    with Capture() as capture:
        player.play()
        wait_until(player, lambda: player.state == State.ENDED, timeout_s=12)
        ended_at = time.monotonic()
    assert states[-2:] == [State.PLAYING, State.ENDED]
    assert player.position_frames() == pytest.approx(len(mixed), abs=0.05 * SAMPLE_RATE)
    score, lag = best_match(capture.audio, to_capture_rate(mixed[-6 * SAMPLE_RATE: int(-3.5 * SAMPLE_RATE)]))
    assert score > 0.9, "the chime before the end is heard"
    last_sample_heard_at = capture.time_of(lag + 6 * 48000)
    print(f"ENDED {ended_at - last_sample_heard_at:+.3f} s after the last sample reached the sink")
    assert -0.1 < ended_at - last_sample_heard_at < 0.5, "ENDED comes when the last sample has been played"
    run_for(player, 0.3)
    assert player.state == State.ENDED


def test_previous_chapter_restarts_the_chapter_then_goes_back_one(backend, session, mixed):
    player = Player(backend)
    player.load(session)
    player.play()
    wait_until(player, lambda: player.duration_s is not None and player.state == State.PLAYING)
    chapters = player.chapters()
    player.seek(chapters[2].start / SAMPLE_RATE + 4.0)
    run_for(player, 0.3)
    player.previous_chapter()  # 4 s into "Closing": back to its start
    run_for(player, 0.5)
    assert player.position_frames() == pytest.approx(chapters[2].start + 0.5 * SAMPLE_RATE, abs=0.3 * SAMPLE_RATE)
    with Capture() as capture:
        player.previous_chapter()  # within 3 s of the start: the chapter before
        run_for(player, 1.2)
        position = player.position_frames()
        player.stop()
    assert position == pytest.approx(chapters[1].start + 1.2 * SAMPLE_RATE, abs=0.3 * SAMPLE_RATE)
    start = chapters[1].start
    score, _ = best_match(capture.audio, to_capture_rate(mixed[start + SAMPLE_RATE // 10: start + SAMPLE_RATE // 10 * 8]))
    assert score > 0.9, f"what is heard is the start of the chapter before (correlation {score:.3f})"


def test_the_default_sleep_fade_lasts_30_s(qapp, session, mixed):
    """The real 30 s fade, once (on the Qt backend, the app's own)."""
    need_audio_server()
    with Capture() as capture:
        player = playing_from_3_s(make_backend("qt"), session, 0.3)
        player.set_sleep_timer(0.5)  # the fade starts now and ends after 30 s
        set_at, set_time = player.position_s, time.monotonic()
        wait_until(player, lambda: player.state == State.PAUSED, timeout_s=40)
        paused_after = time.monotonic() - set_time
        run_for(player, 0.3)
        player.stop()
    assert paused_after == pytest.approx(30.0, abs=1.0)
    score, lag = best_match(capture.audio, to_capture_rate(mixed[int(set_at * SAMPLE_RATE): int((set_at + 2) * SAMPLE_RATE)]))
    assert score > 0.9
    levels = {at: level_against_mix_db(capture.audio, mixed, lag + int(at * 48000), set_at + at, set_at + at + 1.0)
              for at in (0, 14.5, 27)}
    assert abs(levels[0]) < 1.0, f"the fade starts gently ({levels})"
    assert levels[14.5] == pytest.approx(-6.0, abs=1.5), f"half way, half the amplitude ({levels})"
    assert levels[27] < -18, f"near the end, far down ({levels})"

import numpy as np
import pytest

from app.audio.bells import strikes
from app.audio.compiler import compile_session, speech_for
from app.audio.ducking import LOOKAHEAD_S
from app.audio.mixer import MASTER_GAIN_DB, Mixer
from app.audio.sampling import SAMPLE_RATE, db_to_gain
from app.session import load_session
from app.session.pacing import LEAD_IN_S, bell_occupied_s
from tests.audio import sessions


def render(timeline, start=0, **volumes):
    mixer = Mixer(timeline)
    for bus, gain in volumes.items():
        mixer.set_volume(bus, gain)
    return np.concatenate(list(mixer.render(start)))


@pytest.fixture(scope="module")
def placement(tmp_path_factory):
    path = tmp_path_factory.mktemp("s") / "placement.yaml"
    path.write_text(sessions.PLACEMENT)
    session = load_session(path)
    return session, compile_session(session)


def test_each_step_starts_on_the_exact_sample(placement):
    session, timeline = placement
    audio = render(timeline, voice=0.2) / db_to_gain(MASTER_GAIN_DB)  # quiet: the limiter leaves every sample as mixed
    woodblock_at = round((LEAD_IN_S + 2.0) * SAMPLE_RATE)
    chime_at = woodblock_at + round(bell_occupied_s("woodblock") * SAMPLE_RATE) + round(1.5 * SAMPLE_RATE)
    voice_at = chime_at + round(bell_occupied_s("chime") * SAMPLE_RATE)
    woodblock = strikes("woodblock", 1, -10.0)
    assert not audio[:woodblock_at].any(), "silence before the first bell"
    assert np.allclose(audio[woodblock_at: woodblock_at + len(woodblock), 0], woodblock, atol=1e-6)
    chime = strikes("chime", 1, -6.0)
    assert np.allclose(audio[chime_at: voice_at, 0], chime[: voice_at - chime_at], atol=1e-6)
    assert timeline.cues[0].start == voice_at
    voice = speech_for(session).clip("Rest here.")
    expected = chime[voice_at - chime_at: voice_at - chime_at + len(voice)] + 0.2 * voice
    assert np.allclose(audio[voice_at: voice_at + len(voice), 0], expected[: len(voice)], atol=1e-5)
    assert timeline.cues[0].start == voice_at and timeline.cues[0].end == voice_at + len(voice)


def test_a_render_from_any_start_equals_the_tail_of_the_whole(placement):
    _session, timeline = placement
    whole = render(timeline)
    assert len(whole) == timeline.total_frames
    for start in (1, 123_457, timeline.total_frames - 5000):
        assert np.array_equal(render(timeline, start), whole[start:])


def test_beds_duck_under_the_voice_by_the_asked_depth(tmp_path):
    path = tmp_path / "ducking.yaml"
    path.write_text(sessions.DUCKING)
    timeline = compile_session(load_session(path))
    bed = render(timeline, voice=0.0, bells=0.0)
    speech_start, speech_end = timeline.voice_spans[0][0], timeline.voice_spans[-1][1]

    def level_db(start_s, end_s):
        part = bed[int(start_s * SAMPLE_RATE): int(end_s * SAMPLE_RATE)]
        return 20 * np.log10(np.sqrt(np.mean(part**2)))

    open_level = level_db(2.5, 6.0)
    speech_s = speech_start / SAMPLE_RATE, speech_end / SAMPLE_RATE
    under_voice = level_db(speech_s[0] + 0.5, speech_s[1] - 0.5)
    assert under_voice - open_level == pytest.approx(-10.0, abs=0.7)
    just_before = level_db(speech_s[0] - LOOKAHEAD_S + 0.05, speech_s[0])
    assert just_before - open_level == pytest.approx(-10.0, abs=1.0), "the dip is complete before the first syllable"
    after = level_db(speech_s[1] + 3.0, speech_s[1] + 5.0)
    assert after - open_level == pytest.approx(0.0, abs=0.7), "the bed comes back after the voice"


def test_the_session_fades_out_at_the_end(tmp_path):
    path = tmp_path / "ducking.yaml"
    path.write_text(sessions.DUCKING)
    timeline = compile_session(load_session(path))
    audio = render(timeline)
    assert abs(audio[-1]).max() < 1e-4
    last_second = audio[-SAMPLE_RATE:]
    quarters = [np.sqrt(np.mean(q**2)) for q in np.array_split(last_second, 4)]
    assert quarters == sorted(quarters, reverse=True), "the level falls through the last second"


def test_an_ambient_step_ramps_the_bed_to_its_new_level(tmp_path):
    path = tmp_path / "ramp.yaml"
    path.write_text("format: 1\ntitle: Ramp\nambient:\n  - {sound: brown-noise, gain_db: -20, fade_in: 100ms, fade_out: 100ms}\n"
                    "fade_out: 500ms\nsteps:\n  - pause: 5s\n  - ambient: {sound: brown-noise, gain_db: -32, ramp: 2s}\n"
                    "  - pause: 6s\n")
    audio = render(compile_session(load_session(path)))

    def level_db(start_s, end_s):
        part = audio[int(start_s * SAMPLE_RATE): int(end_s * SAMPLE_RATE)]
        return 20 * np.log10(np.sqrt(np.mean(part**2)))

    ramp_starts = LEAD_IN_S + 5.0
    assert level_db(ramp_starts + 2.5, ramp_starts + 5.5) - level_db(2.0, ramp_starts) == pytest.approx(-12.0, abs=0.7)
    middle = level_db(ramp_starts + 0.9, ramp_starts + 1.1) - level_db(2.0, ramp_starts)
    assert -8.0 < middle < -4.0, "halfway through the ramp the level is halfway in dB"

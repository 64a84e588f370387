import re

import numpy as np
import pytest

from app.audio.bells import strikes
from app.audio.compiler import compile_session, speech_for
from app.audio.mixer import MASTER_GAIN_DB, VOICE_IN_MIX_DB, Mixer
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
    expected = chime[voice_at - chime_at: voice_at - chime_at + len(voice)] + 0.2 * db_to_gain(VOICE_IN_MIX_DB) * voice
    assert np.allclose(audio[voice_at: voice_at + len(voice), 0], expected[: len(voice)], atol=1e-5)
    assert timeline.cues[0].start == voice_at and timeline.cues[0].end == voice_at + len(voice)


def test_a_render_from_any_start_equals_the_tail_of_the_whole(placement):
    _session, timeline = placement
    whole = render(timeline)
    assert len(whole) == timeline.total_frames
    for start in (1, 123_457, timeline.total_frames - 5000):
        assert np.array_equal(render(timeline, start), whole[start:])


def bed_gain_db(yaml_text: str, tmp_path) -> tuple[np.ndarray, object]:
    """The beds' level in dB per 10 ms against the same session with ducking off, and its timeline."""
    beds = []
    for name, ducking in (("asked", None), ("off", "ducking_db: 0")):
        (tmp_path / name).mkdir()
        path = tmp_path / name / "session.yaml"  # one id: the same seeded pacing
        path.write_text(yaml_text if ducking is None else re.sub(r"ducking_db: \d+", ducking, yaml_text))
        timeline = compile_session(load_session(path))
        beds.append(render(timeline, voice=0.0, bells=0.0)[:, 0])
    hop = SAMPLE_RATE // 100
    frames = len(beds[0]) // hop * hop
    energy = [np.sum(bed[:frames].reshape(-1, hop) ** 2, axis=1) for bed in beds]
    return 10 * np.log10((energy[0] + 1e-30) / (energy[1] + 1e-30)), timeline


def test_beds_settle_at_most_3_db_under_a_passage_over_more_than_a_second(tmp_path):
    gain_db, timeline = bed_gain_db(sessions.DUCKING, tmp_path)  # asks for 10 dB
    speech_start, speech_end = (frame // (SAMPLE_RATE // 100) for frame in
                                (timeline.voice_spans[0][0], timeline.voice_spans[-1][1]))
    assert gain_db[speech_start + 100: speech_end] == pytest.approx(-3.0, abs=0.05), "the dip is capped at 3 dB"
    assert gain_db.min() > -3.05
    moving = np.flatnonzero(np.abs(np.diff(gain_db)) > 1e-3)
    down = moving[moving < speech_start + 200]
    assert (down[-1] - down[0]) / 100 >= 1.0, "the dip takes more than a second"
    assert gain_db[:speech_start - 100] == pytest.approx(0.0, abs=0.01), "still before the dip begins"
    half_second_moves = np.abs(gain_db[50:] - gain_db[:-50])
    assert half_second_moves.max() < 2.0, "a slow ramp: never 2 dB within half a second"
    assert gain_db[speech_end + 600: speech_end + 700] == pytest.approx(0.0, abs=0.01), "the bed comes back"


def test_short_spoken_cues_do_not_move_the_bed(tmp_path):
    gain_db, timeline = bed_gain_db(sessions.SHORT_CUES, tmp_path)
    assert len(timeline.voice_spans) == 4
    assert np.abs(gain_db[~np.isnan(gain_db)]).max() < 0.01


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

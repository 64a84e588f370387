"""The whole shipped library validates, renders within its stated length, and meets the loudness standard."""

import numpy as np
import pyloudnorm
import pytest
import soundfile

from app.export.render import render_to_file
from app.folders import shipped_poems_dir, shipped_sessions_dir
from app.session import load_poem, load_session
from tests.audio.measure import measure_file

SESSIONS = sorted(shipped_sessions_dir().glob("*.yaml"))
POEMS = sorted(shipped_poems_dir().glob("*.yaml"))


def test_the_library_is_not_empty():
    assert len(SESSIONS) >= 9 and len(POEMS) >= 3


@pytest.mark.parametrize("poem", POEMS, ids=lambda p: p.stem)
def test_every_poem_validates(poem):
    assert load_poem(poem).stanzas


@pytest.mark.slow
@pytest.mark.parametrize("file", SESSIONS, ids=lambda p: p.stem)
def test_every_session_renders_to_its_length_and_the_loudness_standard_with_a_voice_that_breathes(tmp_path, file):
    session = load_session(file)
    result = render_to_file(session, tmp_path / f"{session.id}.mp3")
    measured = measure_file(result.path)
    assert session.length_s, "every shipped session states its length"
    assert abs(measured["seconds"] / session.length_s - 1) <= 0.10, f"{measured['seconds']:.0f} s against {session.length_s:.0f} s"
    audio, rate = soundfile.read(result.path)
    spoken = np.concatenate([audio[round(s["start_s"] * rate): round(s["end_s"] * rate)] for s in result.stats["sentences"]])
    assert pyloudnorm.Meter(rate).integrated_loudness(spoken) == pytest.approx(-16.0, abs=1.0), "voice-gated"
    assert measured["true_peak_dbtp"] <= -1.0
    limiter, pacing = result.stats["limiter"], result.stats["pacing"]
    assert limiter["share_over_1_db"] <= 0.10 and limiter["most_db"] <= 3.0, limiter
    if pacing["gaps"] >= 8:  # fewer gaps cannot spread (two gaps already hold a share of 1/2 each)
        assert pacing["commonest_gap_share"] <= 0.25, pacing
    if pacing["thought_gap_mean_s"] and pacing["paragraph_or_step_gap_mean_s"]:
        assert pacing["paragraph_or_step_gap_mean_s"] >= 1.5 * pacing["thought_gap_mean_s"], pacing
    if pacing["passages"] >= 3:
        slowest = 0 if session.softens else 100  # a sleep session is slower still, by its own long [pause] marks
        assert slowest <= pacing["passage_wpm_percentiles"][1] <= 130, pacing

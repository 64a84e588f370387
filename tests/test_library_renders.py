"""The whole shipped library validates, renders within its stated length, and meets the loudness standard."""

import pytest

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
def test_every_session_renders_to_its_length_and_the_loudness_standard(tmp_path, file):
    session = load_session(file)
    result = render_to_file(session, tmp_path / f"{session.id}.mp3")
    measured = measure_file(result.path)
    assert session.length_s, "every shipped session states its length"
    assert abs(measured["seconds"] / session.length_s - 1) <= 0.10, f"{measured['seconds']:.0f} s against {session.length_s:.0f} s"
    assert measured["lufs"] == pytest.approx(-16.0, abs=1.0)
    assert measured["true_peak_dbtp"] <= -1.0

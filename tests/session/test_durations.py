import pytest

from app.session.durations import format_duration, parse_duration


@pytest.mark.parametrize("text, seconds", [
    ("500ms", 0.5), ("20s", 20), ("1.5s", 1.5), ("2m", 120), ("1m30s", 90), ("1h", 3600),
    ("1h2m3s", 3723), ("90", 90), (12, 12), (0.25, 0.25), ("2m500ms", 120.5),
])
def test_durations_parse_to_seconds(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "s", "20 s", "-3s", "1s1m", "ten", True, None, [], "1.s", float("nan"), -1])
def test_non_durations_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_format_duration():
    assert format_duration(754.2) == "12:34"
    assert format_duration(3725) == "1:02:05"

"""Durations as written in sessions: `500ms`, `20s`, `1.5s`, `2m`, `1m30s`, `1h`; a bare number is seconds."""

import json
import re
from pathlib import Path

_SCHEMA = json.loads((Path(__file__).parent / "schema.json").read_text(encoding="utf-8"))
DURATION_PATTERN = re.compile(_SCHEMA["$defs"]["duration"]["anyOf"][1]["pattern"])
_PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)?")
_SECONDS_PER_UNIT = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, None: 1.0, "": 1.0}
DURATION_HINT = "use e.g. 500ms, 20s, 1.5s, 2m or 1m30s"


def parse_duration(value: object) -> float:
    """Seconds in `value`; raise ValueError with a readable reason when it is not a duration."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{value!r} is not a duration")
    if isinstance(value, int | float):
        if value < 0 or value != value or value == float("inf"):
            raise ValueError(f"{value!r} is not a duration")
        return float(value)
    if not isinstance(value, str) or not DURATION_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a duration")
    return sum(float(number) * _SECONDS_PER_UNIT[unit] for number, unit in _PART.findall(value))


def format_duration(seconds: float) -> str:
    """`754.2` -> `12:34`; `3725` -> `1:02:05`."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

"""The JSON Schema (for editors) and the loader agree on valid and invalid documents."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from app.folders import shipped_sessions_dir
from app.session import SessionError, load_session

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "app/session/schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

INVALID = {
    "no format": "title: t\n",
    "no title": "format: 1\n",
    "format 2": "format: 2\ntitle: t\nsteps: [{pause: 1s}]\n",
    "unknown header key": "format: 1\ntitle: t\ncolour: blue\nsteps: [{pause: 1s}]\n",
    "rate too fast": "format: 1\ntitle: t\nvoice: {rate: 2.5}\nsteps: [{pause: 1s}]\n",
    "voice name not a name": "format: 1\ntitle: t\nvoice: {name: -3s}\nsteps: [{pause: 1s}]\n",  # found by the fuzz test
    "unknown engine": "format: 1\ntitle: t\nvoice: {engine: robot}\nsteps: [{pause: 1s}]\n",
    "unknown bed": "format: 1\ntitle: t\nambient: [{sound: thunder}]\nsteps: [{pause: 1s}]\n",
    "bed gain above 0": "format: 1\ntitle: t\nambient: [{sound: rain, gain_db: 3}]\nsteps: [{pause: 1s}]\n",
    "bad duration": "format: 1\ntitle: t\nsteps: [{pause: 3 minutes}]\n",
    "negative pause": "format: 1\ntitle: t\nsteps: [{pause: -2}]\n",
    "unknown step": "format: 1\ntitle: t\nsteps: [{sing: la}]\n",
    "two kinds in a step": "format: 1\ntitle: t\nsteps: [{say: a, pause: 2s}]\n",
    "unknown bell": "format: 1\ntitle: t\nsteps: [{bell: cowbell}]\n",
    "too many strikes": "format: 1\ntitle: t\nsteps: [{bell: {sound: bowl, strikes: 40}}]\n",
    "unknown pattern": "format: 1\ntitle: t\nsteps: [{breathe: {pattern: fast}}]\n",
    "cycles and minutes": "format: 1\ntitle: t\nsteps: [{breathe: {pattern: box, cycles: 2, minutes: 2}}]\n",
    "unknown cue": "format: 1\ntitle: t\nsteps: [{breathe: {pattern: box, cues: [drum]}}]\n",
    "empty phrases": "format: 1\ntitle: t\nsteps: [{rehearse: {phrases: []}}]\n",
    "escaping path": "format: 1\ntitle: t\nsteps: [{ambient: {sound: ../rain.ogg, gain_db: -20}}]\n",
    "absolute path": "format: 1\ntitle: t\nsteps: [{ambient: {sound: /tmp/rain.ogg, gain_db: -20}}]\n",
    "ambient step without gain": "format: 1\ntitle: t\nsteps: [{ambient: {sound: rain}}]\n",
    "say too long": "format: 1\ntitle: t\nsteps: [{say: " + "a" * 5001 + "}]\n",
    "tags not a list": "format: 1\ntitle: t\ntags: calm\nsteps: [{pause: 1s}]\n",
    "not a mapping": "- 1\n- 2\n",
    "no steps": "format: 1\ntitle: t\n",
    "empty steps": "format: 1\ntitle: t\nsteps: []\n",
    "control character in title": "format: 1\ntitle: \"a\\x07\"\nsteps: [{pause: 1s}]\n",
    "control character in say": "format: 1\ntitle: t\nsteps: [{say: \"a\\x00b\"}]\n",
}


@pytest.mark.parametrize("session", sorted(shipped_sessions_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_sessions_pass_both(session):
    load_session(session)
    VALIDATOR.validate(yaml.safe_load(session.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_documents_fail_both(tmp_path, name):
    path = tmp_path / "s.yaml"
    path.write_text(INVALID[name], encoding="utf-8")
    with pytest.raises(SessionError):
        load_session(path)
    assert list(VALIDATOR.iter_errors(yaml.safe_load(INVALID[name]))), f"the schema accepts: {name}"


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)

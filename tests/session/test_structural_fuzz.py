"""Valid sessions mutated structurally (steps, values, types): the loader's deep paths, with the schema beside it.

Byte mutations mostly break the YAML itself and random trees are rarely `format: 1` sessions; these documents
are well-formed sessions with one to four structural changes, so every reader of every step is reached.
For each: only SessionError comes out, every problem's line:col lies inside the file, and the loader and the
JSON Schema (for editors) agree on valid or invalid.
"""

import copy
import json

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.folders import REPO_ROOT, shipped_sessions_dir
from app.session import SessionError, load_session

SCHEMA = jsonschema.Draft202012Validator(json.loads((REPO_ROOT / "app/session/schema.json").read_text()))
SHIPPED = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(shipped_sessions_dir().glob("*.yaml"))]
VALUES = [None, True, 0, -1, 1.5, 100000, "", " ", "x", "4-7-8", "bowl", "rain", "chime", "10s", "-3s", "1m30s",
          "../up.wav", [], {}, ["a"], {"x": 1}, "a\x07b"]
STEPS = [{"pause": "2s"}, {"bell": "bowl"}, {"bell": {"sound": "chime", "strikes": 2}}, {"say": "Hello. [pause 2s] Again."},
         {"breathe": {"pattern": "box", "cycles": 2}}, {"breathe": {"pattern": "4-7-8", "minutes": 1, "cues": ["voice"]}},
         {"chapter": "Middle"}, {"rehearse": {"phrases": ["I will answer tomorrow."], "repeat": 2, "gap": "5s"}},
         {"ambient": {"sound": "ocean", "gain_db": -25, "ramp": "4s"}}, {"poem": "coming-home"}]


# What JSON Schema cannot say: a limit that depends on the field a shared duration stands in, a file's
# existence, the sum over all steps. The loader may refuse these alone where the schema accepts.
BEYOND_THE_SCHEMA = ("is longer than the limit of", "the session would last about", "not found", "no poem named",
                     "an interval bell needs at least")


def _places(tree, path=()):
    """Every (container path, key) in the tree: where a change can land."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield path, key
            yield from _places(value, path + (key,))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield path, index
            yield from _places(value, path + (index,))


def _at(tree, path):
    for part in path:
        tree = tree[part]
    return tree


@st.composite
def mutated_sessions(draw):
    session = copy.deepcopy(draw(st.sampled_from(SHIPPED)))
    for _ in range(draw(st.integers(1, 4))):
        places = list(_places(session))
        action = draw(st.sampled_from(["retype", "drop", "insert step", "duplicate step", "clear steps"]))
        if action in ("retype", "drop") and places:
            path, key = draw(st.sampled_from(places))
            container = _at(session, path)
            if action == "drop":
                del container[key]
            else:
                container[key] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif isinstance(session.get("steps"), list):
            steps = session["steps"]
            if action == "clear steps":
                steps.clear()
            elif action == "duplicate step" and steps:
                steps.insert(draw(st.integers(0, len(steps))), copy.deepcopy(draw(st.sampled_from(steps))))
            else:
                steps.insert(draw(st.integers(0, len(steps))), copy.deepcopy(draw(st.sampled_from(STEPS))))
    return session


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(session=mutated_sessions())
def test_mutated_sessions_fail_in_place_and_agree_with_the_schema(tmp_path, session):
    path = tmp_path / "mutated.yaml"
    text = yaml.safe_dump(session, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    try:
        load_session(path)
        loader_valid, problems = True, []
    except SessionError as error:
        loader_valid, problems = False, error.problems
    for problem in problems:
        assert 1 <= problem.line <= len(lines), str(problem)
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, str(problem)
    schema_errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}" for e in SCHEMA.iter_errors(session)]
    if not schema_errors and problems and all(any(s in p.message for s in BEYOND_THE_SCHEMA) for p in problems):
        return
    assert loader_valid == (not schema_errors), (
        f"loader {'accepts' if loader_valid else 'refuses'}: {[str(p) for p in problems]}; schema: {schema_errors}")

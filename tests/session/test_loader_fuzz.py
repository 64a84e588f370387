"""Thousands of generated documents: only SessionError may come out, and quickly."""

import gc
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.folders import shipped_sessions_dir
from app.session import SessionError, load_session

SHIPPED = sorted(shipped_sessions_dir().glob("*.yaml"))
KEYS = st.sampled_from(["format", "title", "steps", "say", "pause", "bell", "breathe", "pattern", "cycles",
                        "ambient", "sound", "gain_db", "voice", "rate", "poem", "rehearse", "phrases", "x"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["1m30s", "bowl", "rain", "4-7-8", "../x.wav", "/etc", "a.ogg"]))
TREES = st.recursive(SCALARS, lambda children: st.one_of(st.lists(children, max_size=5),
                                                         st.dictionaries(KEYS, children, max_size=5)), max_leaves=40)


@pytest.fixture(scope="module", autouse=True)
def _earlier_objects_left_out_of_collections():
    """The CPU bound below is the loader's own work: what earlier tests left in memory is frozen out of the garbage
    collector's scans (a full collection of it once took 0.87 s inside one load, in a whole-suite run)."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


def load_only_session_errors(path):
    """Only SessionError may come out; the load takes well under a second of CPU (not wall time: CI is shared)."""
    started = time.thread_time()
    try:
        load_session(path)
    except SessionError as error:
        assert error.problems, "a SessionError always carries at least one problem"
    assert time.thread_time() - started < 0.5


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=TREES)
def test_random_yaml_trees(tmp_path, tree):
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(tree), encoding="utf-8")
    load_only_session_errors(path)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(SHIPPED), data=st.data())
def test_mutated_shipped_sessions(tmp_path, source, data):
    raw = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        byte = data.draw(st.sampled_from(b"\t \n:-[]{}&*!|>'\"#%@`x9\xff\x00"))
        if action == "flip":
            raw[position] = byte
        elif action == "delete":
            del raw[position]
        else:
            raw.insert(position, byte)
    path = tmp_path / source.name
    path.write_bytes(bytes(raw))
    load_only_session_errors(path)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text(tmp_path, text):
    path = tmp_path / "text.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    load_only_session_errors(path)

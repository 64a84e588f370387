import os
from pathlib import Path

import pytest

from app.session import SessionError
from app.session.library import discover, resolve


def user_folder() -> Path:
    folder = Path(os.environ["STILLPOINT_DATA_DIR"]) / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_library_holds_shipped_and_user_sessions_and_lists_invalid_ones():
    (user_folder() / "mine.yaml").write_text("format: 1\ntitle: A Aaa Mine\nsteps: [{pause: 1s}]\n")
    (user_folder() / "broken.yaml").write_text("format: 1\ntitle: [\n")
    entries = {e.id: e for e in discover()}
    assert entries["mine"].session.title == "A Aaa Mine" and entries["mine"].user
    assert entries["three-breaths"].session.title == "Three Breaths" and not entries["three-breaths"].user
    broken = entries["broken"]
    assert broken.session is None
    assert str(broken.problems[0]).endswith("broken.yaml:3:1: not valid YAML: expected the node content, but found "
                                            "'<stream end>' (check the indentation and quoting near this place)")
    ids = [e.id for e in discover()]
    assert ids[0] == "mine" and ids[-1] == "broken"


def test_a_user_file_wins_over_a_shipped_one_with_the_same_id():
    (user_folder() / "three-breaths.yaml").write_text("format: 1\ntitle: My Own Three\nsteps: [{pause: 1s}]\n")
    assert {e.id: e for e in discover()}["three-breaths"].session.title == "My Own Three"


def test_resolve_by_id_and_by_path(tmp_path):
    assert resolve("three-breaths").name == "three-breaths.yaml"
    assert resolve(str(tmp_path / "x.yaml")) == tmp_path / "x.yaml"
    with pytest.raises(SessionError) as caught:
        resolve("three-breath")
    assert str(caught.value.problems[0]) == ("three-breath:1:1: no session with the id 'three-breath' "
                                             "(did you mean 'three-breaths' or 'the-space-between'?; `stillpoint list` shows them)")


def test_a_sessions_folder_that_is_a_file_is_one_clear_line_and_the_rest_is_listed(tmp_path):
    """Seen failing: `list` said nothing of it (the user's sessions silently missing)."""
    import os
    import subprocess
    import sys

    (tmp_path / "sessions").write_text("")
    result = subprocess.run([sys.executable, "-m", "app", "list"], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, STILLPOINT_DATA_DIR=str(tmp_path)))
    assert (result.returncode, result.stderr) == (1, f"stillpoint: {tmp_path / 'sessions'} is a file, not a folder; "
                                                     "your own sessions are read from a folder there (move the file "
                                                     "aside)\n")
    assert "Quick Reset" in result.stdout

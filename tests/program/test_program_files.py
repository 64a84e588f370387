"""Programs as files: the shipped program, the loader's places, the JSON Schema agreeing with it, `validate`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from app.folders import shipped_programs_dir, shipped_sessions_dir
from app.program import load_program
from app.program.library import discover_programs
from app.session import SessionError, load_session

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "app/program/schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
HEADER = "format: 1\nid: p\ntitle: T\nsummary: S\n"

INVALID = {
    "no days": HEADER,
    "empty days": HEADER + "days: []\n",
    "no id": "format: 1\ntitle: T\nsummary: S\ndays: [{timer: 5m, prompt: p}]\n",
    "no prompt": HEADER + "days: [{timer: 5m}]\n",
    "two practices": HEADER + "days: [{timer: 5m, breathing: box, prompt: p}]\n",
    "no practice": HEADER + "days: [{prompt: p}]\n",
    "unknown pattern": HEADER + "days: [{breathing: fast, prompt: p}]\n",
    "breathing too long": HEADER + "days: [{breathing: {pattern: box, minutes: 61}, prompt: p}]\n",
    "timer under a minute": HEADER + "days: [{timer: 30, prompt: p}]\n",  # as text (30s) only the loader knows
    "unknown key": HEADER + "days: [{timer: 5m, prompt: p, colour: blue}]\n",
    "contact_journal not a bool": HEADER + "days: [{timer: 5m, prompt: p, contact_journal: often}]\n",
    "prompt too long": HEADER + "days: [{timer: 5m, prompt: " + "a" * 301 + "}]\n",
    "control character": HEADER + "days: [{timer: 5m, prompt: \"a\\x07\"}]\n",
    "format 2": HEADER.replace("format: 1", "format: 2") + "days: [{timer: 5m, prompt: p}]\n",
}


def test_the_shipped_program_walks_fourteen_days_through_library_sessions_and_new_ones():
    program = load_program(shipped_programs_dir() / "room-to-breathe.yaml")
    assert len(program.days) == 14 and [day.number for day in program.days] == list(range(1, 15))
    assert {day.kind for day in program.days} == {"session", "breathing", "timer"}
    prompts = [day.prompt for day in program.days]
    assert len(set(prompts)) == 14 and all(prompt.endswith("?") or prompt.endswith(".") for prompt in prompts)
    sessions = [day.item for day in program.days if day.kind == "session"]
    written_for_it = {"arriving-where-you-are", "noticing-the-pull", "the-space-between",
                      "what-the-urge-is-asking-for", "kind-and-firm", "coming-home-after-fourteen-days"}
    assert written_for_it <= set(sessions) and len(set(sessions) - written_for_it) >= 5
    for item in sessions:
        session = load_session(shipped_sessions_dir() / f"{item}.yaml")
        assert session.reflection_prompt and session.length_s
        if item in written_for_it:
            assert 5 * 60 <= session.length_s <= 10 * 60, item
    assert [day.number for day in program.days if day.contact_journal] == [2, 8, 11]


def test_the_new_sessions_that_touch_a_relationship_say_where_safety_comes_first():
    for item in ("noticing-the-pull", "the-space-between", "what-the-urge-is-asking-for", "kind-and-firm"):
        text = (shipped_sessions_dir() / f"{item}.yaml").read_text(encoding="utf-8")
        assert "local support service" in text and "safe" in text, item


def test_programs_are_listed_from_both_folders_and_yours_wins(monkeypatch, tmp_path):
    mine = Path(os.environ["STILLPOINT_DATA_DIR"]) / "programs"
    mine.mkdir(parents=True)
    (mine / "room-to-breathe.yaml").write_text(
        HEADER.replace("id: p", "id: room-to-breathe").replace("T\n", "Mine\n", 1) + "days: [{timer: 5m, prompt: p}]\n")
    (mine / "broken.yaml").write_text("format: 1\n")
    entries = {entry.id: entry for entry in discover_programs()}
    assert entries["room-to-breathe"].program.title == "Mine"
    assert entries["broken"].program is None
    assert "missing required key 'id'" in str(entries["broken"].problems[0])


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_programs_fail_both_the_loader_and_the_schema(tmp_path, name):
    path = tmp_path / "p.yaml"
    path.write_text(INVALID[name], encoding="utf-8")
    with pytest.raises(SessionError):
        load_program(path)
    assert list(VALIDATOR.iter_errors(yaml.safe_load(INVALID[name]))), f"the schema accepts: {name}"


def test_the_shipped_program_passes_the_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for file in shipped_programs_dir().glob("*.yaml"):
        VALIDATOR.validate(yaml.safe_load(file.read_text(encoding="utf-8")))


def test_validate_names_each_problem_of_a_program_at_its_line_and_column(tmp_path):
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "format: 1\nid: other\ntitle: T\nsummary: S\ndays:\n"
        "  - session: creating-healthy-distanse\n    prompt: What pulled?\n"
        "  - breathing: {pattern: box, minutes: 90}\n    prompt: p\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "app", "validate", str(folder)], capture_output=True, text=True)
    assert result.returncode == 2
    file = folder / "mine.yaml"
    assert result.stderr.splitlines() == [
        f"{file}:2:5: id: the id 'other' is not the file's name 'mine' (write `id: mine`, or name the file other.yaml)",
        f"{file}:6:14: days[0].session: no session with the id 'creating-healthy-distanse' in the library "
        "(did you mean 'creating-healthy-distance'?)",
        f"{file}:8:40: days[1].breathing.minutes: 90 is out of range (use a number from 1 to 60)",
    ]
    shipped = subprocess.run([sys.executable, "-m", "app", "validate", str(shipped_programs_dir())],
                             capture_output=True, text=True)
    assert (shipped.returncode, shipped.stdout) == (0, "1 file valid\n")

"""`stillpoint backup` and `restore`: one owner-only archive of everything a person made, brought back whole into an
empty data folder; a damaged, foreign or newer archive refused with nothing changed; existing data replaced only
when asked, and then kept aside."""

import configparser
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from app.journal.contacts import Contacts
from app.journal.log import Journal
from app.journal.program_progress import ProgramProgress
from app.journal.store import SCHEMA_VERSION, connect

MIX = '{"Evening": {"rain": 0.6, "fire": 0.45}}'


def stillpoint(*args, data: Path):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=dict(os.environ, STILLPOINT_DATA_DIR=str(data)), timeout=60)


@pytest.fixture
def made(tmp_path):
    """A data folder holding every kind of thing a person makes, with the journal open (in WAL mode) as in use."""
    data = tmp_path / "data"
    journal = Journal(connect(data / "journal.sqlite3"))
    play = journal.start("session", "creating-healthy-distance", "Creating Healthy Distance")
    journal.checkpoint(play, 780.0, completed=True)
    journal.check_in(play, "before", 2)
    journal.check_in(play, "after", 4, "lighter")
    journal.reflect(play, "the thread to work loosened")
    day = journal.start("program-day", "noticing-the-pull", "Room to Breathe · Day 2", ("room-to-breathe", 2))
    journal.checkpoint(day, 360.0, completed=True)
    progress = ProgramProgress(journal.connection)
    progress.begin("room-to-breathe")
    progress.finish_day("room-to-breathe", 1)
    progress.finish_day("room-to-breathe", 2)
    progress.pause("room-to-breathe")
    contacts = Contacts(journal.connection)
    contacts.log("Sam", "message", 3, 2, 2, "asked to meet", "partly")
    contacts.urge("passed", "Sam")
    for name, text in (("sessions/my-phrases.yaml", "format: 1\ntitle: My Phrases\nsteps: [{say: No, thank you.}]\n"),
                       ("programs/mine.yaml", "format: 1\nid: mine\ntitle: Mine\nsummary: S\n"
                                              "days: [{timer: 5m, prompt: How was it?}]\n")):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    (data / "sounds").mkdir()
    (data / "sounds" / "kettle.wav").write_bytes(b"RIFF" + bytes(range(256)) * 40)
    (data / "settings.ini").write_text(f"[sounds]\nmixes={json.dumps(MIX)}\n[journal]\ncheck_ins=false\n")
    yield data, journal
    journal.close()


def test_a_backup_restored_into_an_empty_data_folder_brings_back_every_kind_of_entry(made, tmp_path):
    data, _open_journal = made
    archive = tmp_path / "backup.tar.gz"
    written = stillpoint("backup", str(archive), data=data)
    assert (written.returncode, written.stderr) == (0, "")
    assert written.stdout == f"5 files from {data} -> {archive} (readable only by you)\n"
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as opened:
        assert {m.name: stat.S_IMODE(m.mode) for m in opened.getmembers()} == dict.fromkeys(
            ["stillpoint-backup.json", "journal.sqlite3", "programs/mine.yaml", "sessions/my-phrases.yaml",
             "settings.ini", "sounds/kettle.wav"], 0o600)
    elsewhere = tmp_path / "another-machine" / "data"
    restored = stillpoint("restore", str(archive), data=elsewhere)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == f"Restored 5 files into {elsewhere}.\n"
    assert {p.relative_to(elsewhere).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in elsewhere.rglob("*")
            if p.is_file()} == dict.fromkeys(["journal.sqlite3", "programs/mine.yaml", "sessions/my-phrases.yaml",
                                              "settings.ini", "sounds/kettle.wav"], 0o600)
    journal = Journal(connect(elsewhere / "journal.sqlite3"))
    entries = journal.entries()
    assert [(e.kind, e.title, e.listened_s, e.mood_before, e.mood_after, e.reflection, e.program_day)
            for e in entries] == [
        ("program-day", "Room to Breathe · Day 2", 360.0, None, None, "", 2),
        ("session", "Creating Healthy Distance", 780.0, 2, 4, "the thread to work loosened", None)]
    contact = [(e.kind, e.before, e.during, e.after, e.boundary, e.outcome, e.note)
               for e in Contacts(journal.connection).entries("Sam")]
    assert sorted(contact, key=str) == sorted([("message", 3, 2, 2, "partly", None, "asked to meet"),
                                               ("urge", None, None, None, None, "passed", "")], key=str)
    state = ProgramProgress(journal.connection).of("room-to-breathe")
    assert (state.finished, state.paused) == (frozenset({1, 2}), True)
    journal.close()
    for name in ("sessions/my-phrases.yaml", "programs/mine.yaml", "sounds/kettle.wav"):
        assert (elsewhere / name).read_bytes() == (data / name).read_bytes()
    settings = configparser.ConfigParser()
    settings.read(elsewhere / "settings.ini")
    assert json.loads(settings["sounds"]["mixes"]) == MIX and settings["journal"]["check_ins"] == "false"


def test_data_already_here_is_replaced_only_when_asked_and_then_kept_aside(made, tmp_path):
    data, _journal = made
    archive = tmp_path / "backup.tar.gz"
    assert stillpoint("backup", str(archive), data=data).returncode == 0
    again = stillpoint("backup", str(archive), data=data)
    assert (again.returncode, again.stderr.strip()) == (
        2, f"stillpoint: {archive} already exists; nothing was written: choose another name, or move it aside")
    here = tmp_path / "here"
    here.mkdir()
    (here / "settings.ini").write_text("[look]\ntheme=dark\n")
    refused = stillpoint("restore", str(archive), data=here)
    assert refused.returncode == 2 and "already holds your Stillpoint data; nothing was changed" in refused.stderr
    assert [p.name for p in here.iterdir()] == ["settings.ini"]
    replaced = stillpoint("restore", str(archive), "--replace", data=here)
    assert replaced.returncode == 0, replaced.stderr
    (aside,) = tmp_path.glob("here.before-restore-*")
    assert replaced.stdout.splitlines()[-1] == f"The data that was there is kept in {aside}."
    assert (aside / "settings.ini").read_text() == "[look]\ntheme=dark\n"
    assert (here / "sounds" / "kettle.wav").exists()


def _archive(path: Path, manifest: dict | None, files: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        members = dict(files)
        if manifest is not None:
            members = {"stillpoint-backup.json": json.dumps(manifest).encode()} | members
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def _manifest(files: dict[str, bytes], schema=SCHEMA_VERSION) -> dict:
    return {"format": 1, "app": "stillpoint", "journal_schema": schema,
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}}


@pytest.mark.parametrize("case", ["not an archive", "no manifest", "another app", "a byte changed", "a file missing",
                                  "a path out of the folder", "a newer journal"])
def test_a_damaged_foreign_or_newer_archive_is_refused_and_nothing_is_changed(tmp_path, case):
    archive = tmp_path / "in.tar.gz"
    files = {"settings.ini": b"[look]\ntheme=dark\n"}
    if case == "not an archive":
        archive.write_bytes(b"PK\x03\x04 a zip, say")
    elif case == "no manifest":
        _archive(archive, None, files)
    elif case == "another app":
        _archive(archive, _manifest(files) | {"app": "other"}, files)
    elif case == "a byte changed":
        _archive(archive, _manifest(files), {"settings.ini": b"[look]\ntheme=light\n"})
    elif case == "a file missing":
        _archive(archive, _manifest(files | {"sounds/a.wav": b"x"}), files)
    elif case == "a path out of the folder":
        evil = {"../outside.ini": b"x"}
        _archive(archive, _manifest(evil), evil)
    else:
        _archive(archive, _manifest(files, SCHEMA_VERSION + 1), files)
    target = tmp_path / "data"
    result = stillpoint("restore", str(archive), data=target)
    expected = {
        "not an archive": "is not a Stillpoint backup; nothing was changed: give a file made by `stillpoint backup`",
        "no manifest": "is not a Stillpoint backup; nothing was changed",
        "another app": "is not a Stillpoint backup; nothing was changed",
        "a byte changed": "is damaged (its files do not match what it lists); nothing was changed",
        "a file missing": "is damaged (its files do not match what it lists); nothing was changed",
        "a path out of the folder": "is damaged (its files do not match what it lists); nothing was changed",
        "a newer journal": f"holds a journal from a newer Stillpoint (its schema {SCHEMA_VERSION + 1}, this one knows "
                           f"{SCHEMA_VERSION}); nothing was changed: update Stillpoint to restore it",
    }[case]
    assert result.returncode == 2 and result.stderr.startswith(f"stillpoint: {archive} {expected}"), result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in.tar.gz"]
    assert not (tmp_path / "outside.ini").exists()

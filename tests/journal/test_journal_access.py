"""A journal another program holds, or one this account may only read or not read at all: what plays goes on, every
command says what happened in one line, and the file is left as it is."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from app.journal.contacts import Contacts
from app.journal.log import Journal, PlayRecorder
from app.journal.store import journal_path
from tests.journal.holder import hold


def stillpoint(*args, lowered: bool = False) -> subprocess.CompletedProcess:
    """The command line; `lowered` runs it without the power to override file modes (root's CAP_DAC_OVERRIDE), so a
    mode this account lacks holds for root too."""
    prefix = []
    if lowered and os.geteuid() == 0:
        assert shutil.which("setpriv"), "setpriv (util-linux) lowers root's capabilities for these tests"
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    return subprocess.run([*prefix, sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60)


def snapshot(path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


def test_a_held_journal_never_holds_up_the_recorder_and_loses_nothing():
    """Seen failing: each checkpoint waited 10 s for the lock, then raised. And opening the journal a second time in
    the same process (os.open, os.close to create it) dropped the first connection's locks: later opens failed with
    'disk I/O error' (SQLITE_IOERR_SHORT_READ)."""
    journal = Journal()
    now = [0.0]
    recorder = PlayRecorder(journal, "session", "quick-reset", "Quick Reset", clock=lambda: now[0])
    assert recorder.play_id(timeout_s=5) == 1
    holder = hold(journal_path())
    try:
        for second in range(1, 12):
            now[0] = float(second)
            began = time.monotonic()
            recorder.listened(float(second))
            assert time.monotonic() - began < 0.1, "the recorder never waits for the journal"
        assert Journal().entries()[0].listened_s == 0.0, "read while held: nothing could be written yet"
    finally:
        holder.communicate("go\n", timeout=10)
    recorder.finish(11.0, completed=True)
    assert journal.written(timeout_s=15)
    for _ in range(30):
        (entry,) = Journal().entries()
    assert (entry.listened_s, entry.completed) == (11.0, True)


def test_a_command_that_meets_a_held_journal_says_so_in_one_line():
    """Seen failing: `contact log` with the journal held elsewhere ended in an OperationalError traceback."""
    Contacts().close()
    holder = hold(journal_path())
    try:
        result = stillpoint("contact", "log", "Sam", "--kind", "call", "--before", "2", "--during", "2", "--after", "3")
    finally:
        holder.communicate("go\n", timeout=10)
    assert (result.returncode, result.stderr) == (
        1, f"stillpoint: the practice journal {journal_path()} is busy in another program (waited 10 s); nothing was "
           "changed: try again when it has finished\n")
    assert Contacts().names() == []


def test_a_journal_this_account_may_only_read_is_shown_and_left_as_it_is():
    """Seen failing: a read-only journal ended every command in a PermissionError traceback."""
    journal = Journal()
    journal.checkpoint(journal.start("session", "quick-reset", "Quick Reset"), 61.0, completed=True)
    journal.close()
    path = journal_path()
    path.chmod(0o400)
    before = snapshot(path)
    shown = stillpoint("journal", lowered=True)
    assert shown.returncode == 0 and "Quick Reset" in shown.stdout, shown.stderr
    assert shown.stderr == (f"The practice journal {path} is read-only for this account: it is shown as it "
                            f"is, and nothing new is kept in it until your account may write it (chmod u+w {path}).\n")
    logged = stillpoint("contact", "log", "Sam", "--kind", "call", "--before", "2", "--during", "2", "--after", "3",
                        lowered=True)
    assert logged.returncode == 1
    assert logged.stderr.splitlines()[-1] == (
        f"stillpoint: the practice journal {path} is read-only for this account; nothing was changed: give your "
        f"account write permission (chmod u+w {path})")
    assert snapshot(path)[path.name] == before[path.name]


def test_a_journal_this_account_cannot_read_is_said_to_be_unreadable_not_damaged():
    """Seen failing: a PermissionError traceback; it must never be moved aside as damaged."""
    Journal().close()
    path = journal_path()
    path.chmod(0o000)
    before = sorted(p.name for p in path.parent.iterdir())
    result = stillpoint("journal", lowered=True)
    assert (result.returncode, result.stderr) == (
        1, f"stillpoint: the practice journal {path} cannot be read by this account (permission denied); it is left "
           f"as it is: give your account read and write permission (chmod u+rw {path})\n")
    assert sorted(p.name for p in path.parent.iterdir()) == before


@pytest.fixture(autouse=True)
def _writable_again():
    yield
    if journal_path().exists():
        journal_path().chmod(0o600)

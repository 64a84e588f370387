"""A failed, cancelled or killed render leaves no file and never touches an existing one."""

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.atomic import PARTIAL_PREFIX
from app.export.render import Cancelled, render_to_file
from app.session import load_session
from app.session.library import resolve
from tests.conftest import need

OLD = b"an earlier export that must survive"


def start_render(out, *extra, preexec=None):
    return subprocess.Popen([sys.executable, "-m", "app", "render", "format-tour", "-o", str(out), "--quiet", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec)


def wait_for_partial(folder, process, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        partials = [p for p in folder.iterdir() if p.name.startswith(PARTIAL_PREFIX)]
        if partials and partials[0].stat().st_size > 50_000:
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    pytest.fail("the render never started writing")


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM])
def test_a_render_stopped_midway_leaves_no_file(tmp_path, sent):
    out = tmp_path / "session.mp3"
    out.write_bytes(OLD)
    process = start_render(out)
    wait_for_partial(tmp_path, process)
    process.send_signal(sent)
    _stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130 and stderr.strip().endswith("stillpoint: stopped")
    assert "Traceback" not in stderr
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.mp3"]


def test_a_killed_render_leaves_only_a_hidden_partial_that_the_next_render_removes(tmp_path):
    out = tmp_path / "session.mp3"
    process = start_render(out)
    wait_for_partial(tmp_path, process)
    process.kill()
    process.wait()
    assert not out.exists()
    session = load_session(resolve("three-breaths"))
    render_to_file(session, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["session.mp3"]


FILE_TOO_LARGE = {".mp3": "File too large", ".wav": "the file could not grow (a full disk or a file-size limit; "
                  "libsndfile: System error.)"}
FILE_TOO_LARGE[".flac"] = FILE_TOO_LARGE[".wav"]


@pytest.mark.parametrize("suffix", [".mp3", ".wav", ".flac"])
def test_a_full_disk_is_a_clear_error_and_loses_nothing(tmp_path, suffix):
    """Seen failing for WAV and FLAC: a LibsndfileError traceback."""
    out = tmp_path / f"session{suffix}"
    out.write_bytes(OLD)

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    process = start_render(out, preexec=small_disk)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert stderr.strip() == f"stillpoint: could not write {out}: {FILE_TOO_LARGE[suffix]}"
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("stems", [None, "stems"])
def test_cancel_stops_the_export_and_leaves_nothing(tmp_path, stems):
    out = tmp_path / "session.flac"
    cancel = threading.Event()

    def progress(fraction, _timeline):
        if fraction > 0.3:
            cancel.set()

    with pytest.raises(Cancelled) as caught:
        render_to_file(load_session(resolve("three-breaths")), out, progress=progress, cancel=cancel,
                       stems=stems and tmp_path / stems)
    assert str(caught.value) == "export cancelled; nothing was written"
    assert list(tmp_path.iterdir()) == []


def test_render_rejects_bad_output_names(tmp_path):
    result = subprocess.run([sys.executable, "-m", "app", "render", "three-breaths", "-o", str(tmp_path / "x.ogg")],
                            capture_output=True, text=True, env=os.environ)
    assert result.returncode == 2
    assert result.stderr.strip() == "stillpoint: cannot write 'x.ogg'; choose an output ending in .mp3, .wav or .flac"
    assert list(tmp_path.iterdir()) == []


def test_a_really_full_filesystem_is_a_clear_error_naming_the_output(tmp_path):
    """A 2 MiB tmpfs (the MP3 of format-tour is about 4 MB): ENOSPC on the export, not EFBIG from a limit."""
    need(os.geteuid() == 0 and shutil.which("mount") is not None, "mounting a small tmpfs needs root")
    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(small)], check=True)
    try:
        out = small / "session.mp3"
        out.write_bytes(OLD)
        process = start_render(out)
        _stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 1
        assert stderr.strip() == f"stillpoint: could not write {out}: No space left on device"
        assert out.read_bytes() == OLD
        assert sorted(p.name for p in small.iterdir()) == ["session.mp3"]
    finally:
        subprocess.run(["umount", str(small)], check=True)


def test_two_renders_to_one_output_at_once_one_finishes_and_the_later_is_refused(tmp_path):
    """Seen failing: the second render's cleanup of stale partials removed the first's file mid-write; the first
    then failed at its rename, or both said they had written the output."""
    from mutagen.mp3 import MP3

    out = tmp_path / "same.mp3"
    timer = [sys.executable, "-m", "app", "timer", "20m", "--ambient", "rain", "-o", str(out), "--quiet"]
    first = subprocess.Popen(timer, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_partial(tmp_path, first)
    second = subprocess.Popen(timer, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, second_err = second.communicate(timeout=120)
    first_out, first_err = first.communicate(timeout=120)
    assert (second.returncode, second_err) == (2, f"stillpoint: another render is writing {out} now; wait for it to "
                                                  "finish, or choose another name\n")
    assert first.returncode == 0, first_err
    assert MP3(out).info.length > 20 * 60 and sorted(p.name for p in tmp_path.iterdir()) == ["same.mp3"]


def test_partials_are_matched_by_name_literally_and_a_long_legal_name_works(tmp_path):
    """Seen failing: a name with [1] was a glob pattern (the partial of `a1.wav` was removed as stale for
    `a[1].wav`), and a 240-byte name failed: its partial's name passed the 255-byte limit."""
    from app.atomic import partial_prefix

    other = tmp_path / (partial_prefix("a1.wav") + "x")
    other.write_bytes(b"someone else's")
    stale = tmp_path / (partial_prefix("a[1].wav") + "old")
    stale.write_bytes(b"left by a killed render")
    session = load_session(resolve("three-breaths"))
    render_to_file(session, tmp_path / "a[1].wav")
    assert other.exists() and not stale.exists()
    long_name = "n" * 236 + ".wav"
    render_to_file(session, tmp_path / long_name)
    assert (tmp_path / long_name).stat().st_size > 100_000


def test_a_stopped_render_removes_the_folders_it_made(tmp_path):
    """Seen failing: `-o new/deeper/out.mp3` stopped midway left new/deeper behind (empty)."""
    out = tmp_path / "new" / "deeper" / "out.mp3"
    process = start_render(out)
    while not out.parent.exists() and process.poll() is None:
        time.sleep(0.01)
    wait_for_partial(out.parent, process)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_a_render_to_a_name_in_the_current_folder_is_not_its_own_rival(tmp_path):
    """Seen failing: `-o x.mp3` (a relative name) took its own partial for another writer's and gave way."""
    result = subprocess.run([sys.executable, "-m", "app", "timer", "10s", "-o", "x.mp3", "--quiet"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.mp3"]

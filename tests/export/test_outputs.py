"""An output is never damaged by anything but its own finished render: special files and the session's own
inputs are refused before anything is written."""

import os
import subprocess
import sys

import numpy as np
import soundfile


def render(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "app", "render", *map(str, args), "--quiet"], capture_output=True,
                          text=True, timeout=120, cwd=cwd, stdin=subprocess.DEVNULL)


def test_a_named_pipe_as_output_is_refused_and_stays_a_pipe(tmp_path):
    """Seen failing: the render wrote its file over the pipe (os.replace) and reported success."""
    pipe = tmp_path / "out.mp3"
    os.mkfifo(pipe)
    session = tmp_path / "s.yaml"
    session.write_text("format: 1\ntitle: t\nsteps:\n  - pause: 2s\n")
    result = render(session, "-o", pipe)
    assert (result.returncode, result.stderr) == (2, f"stillpoint: {pipe} is not a regular file (a folder, a pipe, "
                                                     "a device or a socket); give the name of a file to write\n")
    assert pipe.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["out.mp3", "s.yaml"]


def test_an_output_that_is_the_sessions_own_sound_is_refused_and_left_as_it_was(tmp_path):
    """Seen failing: `-o hum.wav` over the session's own bed rendered and replaced the bed with the render."""
    hum = tmp_path / "hum.wav"
    soundfile.write(hum, 0.3 * np.sin(2 * np.pi * 220 * np.arange(88200) / 44100), 44100)
    before = hum.read_bytes()
    session = tmp_path / "s.yaml"
    session.write_text("format: 1\ntitle: t\nambient:\n  - {sound: hum.wav, gain_db: -20}\nsteps:\n  - pause: 3s\n")
    for out in (hum, tmp_path / "." / "hum.wav"):
        result = render(session, "-o", out)
        assert (result.returncode, result.stderr) == (2, f"stillpoint: {out} is one of the session's own files; "
                                                         "choose another name for the output\n")
    assert hum.read_bytes() == before


def test_a_sidecar_that_cannot_be_written_leaves_the_previous_export_untouched(tmp_path):
    """Seen failing: with a folder where the captions go, the MP3 was replaced first and the captions then failed
    (exit 1): a new export with no captions beside it."""
    out = tmp_path / "s.mp3"
    out.write_bytes(b"the previous export")
    (tmp_path / "s.vtt").mkdir()
    session = tmp_path / "s.yaml"
    session.write_text("format: 1\ntitle: t\nsteps:\n  - say: Hello there.\n")
    result = render(session, "-o", out, "--captions", "vtt")
    assert (result.returncode, result.stderr) == (2, f"stillpoint: {tmp_path / 's.vtt'} is not a regular file (a "
                                                     "folder, a pipe, a device or a socket); give the name of a file "
                                                     "to write\n")
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.mp3", "s.vtt", "s.yaml"]

import json
import os
import subprocess
import sys

import pytest

from app.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=os.environ)


def test_validate_all_shipped_files_passes():
    result = run("validate", "sessions", "poems")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("files valid")


def test_validate_reports_every_problem_and_exits_2_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ntitle: t\nsteps:\n  - pause: soon\n  - bell: bwol\n")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{bad}:4:12: steps[0].pause: expected a pause, found 'soon' (use e.g. 500ms, 20s, 1.5s, 2m or 1m30s)",
        f"{bad}:5:11: steps[1].bell: unknown bell 'bwol' (did you mean 'bowl'?)",
    ]


def test_list_json(capsys):
    assert main(["list", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["three-breaths"]["title"] == "Three Breaths"
    assert rows["three-breaths"]["length_s"] == 65.0
    assert rows["three-breaths"]["tags"] == ["example", "breathing", "short"]


def test_usage_errors_exit_2():
    result = run("validate")
    assert result.returncode == 2 and "the following arguments are required: PATH" in result.stderr


def test_help_names_every_command():
    import argparse

    from app.cli import build_parser

    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    commands = sorted(subparsers.choices)
    assert len(commands) >= 13 and {"list", "validate", "open", "render", "play", "timer"} <= set(commands)
    out = run("--help").stdout
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()}
    assert [c for c in commands if c not in listed] == [], "each command has its own line in --help"


def test_the_window_without_a_display_is_a_clear_error():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "app"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == ("stillpoint: no display was found for the desktop window; start it in a graphical "
                                     "session, or use the command line (stillpoint --help)")


def test_render_voice_options_are_checked(tmp_path):
    too_fast = run("render", "three-breaths", "-o", str(tmp_path / "x.wav"), "--rate", "3")
    assert too_fast.returncode == 2
    assert too_fast.stderr.strip() == "stillpoint: --rate 3 is out of range; use a number from 0.5 to 2.0"
    robot = run("render", "three-breaths", "-o", str(tmp_path / "x.wav"), "--voice", "robot:x")
    assert robot.returncode == 2
    assert robot.stderr.strip() == "stillpoint: unknown voice engine 'robot' in --voice; engines: piper, system"
    assert list(tmp_path.iterdir()) == []


def test_render_stats_prints_the_figures_as_json(tmp_path):
    result = run("render", "three-breaths", "-o", str(tmp_path / "three.wav"), "--stats", "--quiet")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert set(stats) == {"seconds", "integrated_lufs", "voice_gated_lufs", "true_peak_dbtp", "limiter", "pacing", "sentences"}
    assert stats["voice_gated_lufs"] == pytest.approx(-16.0, abs=1.0) and stats["true_peak_dbtp"] <= -1.4
    assert stats["sentences"][0]["text"] == "Wherever you are, you can stop for a moment."
    assert stats["sentences"][0]["start_s"] == 3.0, "written by hand: the opening bowl holds the session 3 s"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["three.wav"]


def test_stems_into_a_file_is_refused_and_writes_nothing(tmp_path):
    (tmp_path / "taken").write_text("mine")
    result = run("render", "three-breaths", "-o", str(tmp_path / "three.wav"), "--stems", str(tmp_path / "taken"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"stillpoint: {tmp_path / 'taken'} is a file; give --stems a folder "
                                     "(it is made if missing)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]

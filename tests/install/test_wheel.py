"""A wheel built from the project carries the whole library: installed elsewhere, it lists, renders and plays beds."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from app.folders import REPO_ROOT

SHIPPED_IDS = sorted(p.stem for p in (REPO_ROOT / "sessions").glob("*.yaml"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A new venv holding only the built wheel; the test venv's dependencies are reachable through a .pth line.

    A .pth path line does not run the .pth files in that folder, so the test venv's editable install of
    `app` stays out: `app` can only come from the wheel.
    """
    top = tmp_path_factory.mktemp("wheel-install")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(top / "dist"), str(REPO_ROOT)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    wheel = next((top / "dist").glob("stillpoint-*.whl"))
    target = top / "venv"
    venv.create(target, with_pip=False)
    site = Path(subprocess.check_output([target / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        text=True).strip())
    (site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(target / "bin" / "python"), "install", "-q",
                           "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return target


def stillpoint(venv_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([venv_dir / "bin" / "stillpoint", *args], cwd=cwd, capture_output=True, text=True)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    where = subprocess.run([installed / "bin" / "python", "-c", "import app; print(app.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(installed)


def test_the_wheel_lists_every_shipped_session(installed, tmp_path):
    result = stillpoint(installed, tmp_path, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(row["id"] for row in rows) == SHIPPED_IDS
    assert all(row["problems"] == [] for row in rows), [row["problems"] for row in rows if row["problems"]]
    assert all(Path(row["path"]).is_relative_to(installed) for row in rows)


def test_the_wheel_renders_a_shipped_session(installed, tmp_path):
    result = stillpoint(installed, tmp_path, "render", "creating-healthy-distance", "-o", "x.mp3", "--quiet")
    assert result.returncode == 0, result.stderr
    rendered = MP3(tmp_path / "x.mp3")
    assert 12.5 * 60 < rendered.info.length < 13.5 * 60  # the session says `length: 13m`
    assert rendered.tags["TIT2"].text == ["Creating Healthy Distance"]


def test_the_wheel_plays_every_built_in_bed_without_bed_files(installed, tmp_path):
    """No FLACs from scripts/make_ambient.py in the wheel: every bed is generated into an empty cache."""
    script = (
        "from app.audio.ambient import GENERATORS, bed_loop\n"
        "from app.folders import assets_dir\n"
        "from app.session.model import SoundRef\n"
        "assert not list((assets_dir() / 'ambient').glob('*.flac'))\n"
        "for name in GENERATORS:\n"
        "    loop = bed_loop(SoundRef(name))\n"
        "    print(name, loop.shape[0], float(abs(loop).max()))\n"
    )
    env = dict(os.environ, STILLPOINT_CACHE_DIR=str(tmp_path / "empty-cache"))
    result = subprocess.run([installed / "bin" / "python", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert [name for name, _frames, _peak in lines] == ["rain", "ocean", "stream", "wind", "brown-noise", "drone"]
    assert all(int(frames) >= 27 * 44100 and float(peak) > 0.01 for _name, frames, peak in lines)

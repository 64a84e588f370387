import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"


def need(condition: bool, reason: str) -> None:
    """Skip with `reason` when a system piece is missing; under CI=true that is a failure instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"missing in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _shared_cache_dir(tmp_path_factory):
    """One speech cache for the whole run (set before any module fixture renders), so speech is synthesised once.
    The run has its own runtime folder and D-Bus session bus: windows never meet the desktop's."""
    with pytest.MonkeyPatch.context() as patch:
        if "STILLPOINT_CACHE_DIR" not in os.environ:
            patch.setenv("STILLPOINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.setenv("STILLPOINT_DATA_DIR", str(tmp_path_factory.mktemp("shared-data")))
        runtime = tmp_path_factory.mktemp("runtime")
        runtime.chmod(0o700)
        patch.setenv("XDG_RUNTIME_DIR", str(runtime))
        patch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        bus = start_session_bus() if shutil.which("dbus-daemon") else None
        if bus is not None:
            patch.setenv("DBUS_SESSION_BUS_ADDRESS", bus[1])
        yield
        if bus is not None:
            bus[0].terminate()
            bus[0].wait()


def start_session_bus() -> tuple[subprocess.Popen, str]:
    """A private `dbus-daemon --session`: (the process, its address)."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return daemon, daemon.stdout.readline().strip()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own data folder."""
    monkeypatch.setenv("STILLPOINT_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def write_yaml(tmp_path):
    """write_yaml(text, name="s.yaml") -> Path of a dedented file in tmp_path."""

    def write(text: str, name: str = "s.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write

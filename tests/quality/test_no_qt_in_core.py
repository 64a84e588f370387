"""Core packages never import Qt: only app/gui and the Qt playback backend may."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
ALLOWED = {APP / "gui", APP / "playback" / "qt_backend.py"}


def _qt_imports(file: Path) -> list[int]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in names):
            lines.append(node.lineno)
    return lines


def test_core_packages_do_not_import_qt():
    offenders = []
    for file in sorted(APP.rglob("*.py")):
        if any(file == allowed or allowed in file.parents for allowed in ALLOWED):
            continue
        offenders += [f"{file.relative_to(APP.parent)}:{line}" for line in _qt_imports(file)]
    assert offenders == []


def test_the_check_sees_an_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom PySide6.QtCore import QObject\n")
    assert _qt_imports(probe) == [2]

"""What pyproject.toml declares matches what the code needs: every package folder, every imported distribution."""

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# imported only by code that says so: the Qt backend's optional twin and the pydub benchmark
OPTIONAL = {"simpleaudio": "simpleaudio", "pydub": "bench", "matplotlib": "bench"}


def _requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_top_modules(folder: Path) -> set[str]:
    modules = set()
    for file in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"app"}


def test_every_package_folder_is_in_the_wheel():
    listed = {name for name in PYPROJECT["tool"]["setuptools"]["packages"] if not name.startswith("app.library.")}
    on_disk = {".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "app").rglob("__init__.py")}
    assert listed == on_disk


def test_every_imported_distribution_is_declared():
    declared = {_requirement_name(r) for r in PYPROJECT["project"]["dependencies"]}
    extras = PYPROJECT["project"]["optional-dependencies"]
    distributions = metadata.packages_distributions()
    undeclared = []
    for module in sorted(_imported_top_modules(REPO / "app")):
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
        if module in OPTIONAL:
            names_in_extra = {_requirement_name(r) for r in extras[OPTIONAL[module]]}
            if not names & names_in_extra:
                undeclared.append(f"{module} (extra {OPTIONAL[module]})")
        elif not names & declared:
            undeclared.append(module)
    assert undeclared == []


def test_the_check_sees_an_undeclared_import(tmp_path):
    (tmp_path / "probe.py").write_text("import os\nimport yaml\nfrom scipy.signal import butter\nfrom . import x\n")
    assert _imported_top_modules(tmp_path) == {"yaml", "scipy"}


def test_ruff_is_pinned_to_a_minor_version():
    ruff = next(r for r in PYPROJECT["project"]["optional-dependencies"]["test"] if _requirement_name(r) == "ruff")
    assert re.fullmatch(r"ruff>=0\.(\d+),<0\.(\d+)", ruff.split("#")[0].strip())
    low, high = (int(n) for n in re.findall(r"0\.(\d+)", ruff))
    assert high == low + 1

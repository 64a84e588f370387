"""The house's shape: no import cycles between modules or between packages of `app/` (ast is enough), no module
over 400 lines, and the GUI kit never reaches up into a page or a dialog."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
LONGEST_MODULE_LINES = 400


def module_names(root: Path) -> dict[str, Path]:
    names = {}
    for file in root.rglob("*.py"):
        parts = file.relative_to(root.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    return names


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same tree it imports (anywhere in the file, lazily or not)."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, file in modules.items():
        package = name if file.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                for alias in node.names:  # `from pkg import module` imports the module, not the package's others
                    targets.append(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between the top packages of `app` (app.audio, app.gui, ...; a top module stands alone)."""
    def top(name: str) -> str:
        return ".".join(name.split(".")[:2])

    packages: dict[str, set[str]] = {}
    for name, targets in graph.items():
        packages.setdefault(top(name), set()).update(top(t) for t in targets if top(t) != top(name))
    return packages


def test_no_module_imports_itself_back_through_others():
    assert cycles(import_graph(APP)) == []


def test_no_package_imports_itself_back_through_others():
    packages = package_graph(import_graph(APP))
    assert "app.audio" in packages and "app.practice" in packages["app.audio"], "the graph sees the packages"
    assert cycles(packages) == []


def test_the_cycle_finder_sees_a_cycle_both_ways(tmp_path):
    tree = tmp_path / "pkg"
    (tree / "inner").mkdir(parents=True)
    (tree / "__init__.py").write_text("")
    (tree / "inner" / "__init__.py").write_text("")
    (tree / "a.py").write_text("def f():\n    from pkg.inner import b\n")
    (tree / "inner" / "b.py").write_text("from ..a import f\n")
    (tree / "c.py").write_text("import pkg.a\n")
    graph = import_graph(tree)
    assert graph["pkg.c"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.inner.b"]]
    assert cycles(package_graph(graph)) == [["pkg.a", "pkg.inner"]]


def test_no_module_is_over_400_lines():
    sizes = {str(file.relative_to(APP.parent)): len(file.read_text(encoding="utf-8").splitlines())
             for file in APP.rglob("*.py")}
    assert {name: lines for name, lines in sizes.items() if lines > LONGEST_MODULE_LINES} == {}


def test_the_gui_kit_never_imports_a_page_or_a_dialog():
    graph = import_graph(APP)
    kit = [name for name in graph if name.startswith("app.gui.kit")]
    assert len(kit) >= 5, "the kit is where the rule expects it"
    reaching_up = {name: sorted(t for t in graph[name] if t.startswith(("app.gui.pages", "app.gui.dialogs")))
                   for name in kit}
    assert {name: targets for name, targets in reaching_up.items() if targets} == {}


def test_the_main_window_is_only_the_view():
    lines = len((APP / "gui" / "main_window.py").read_text(encoding="utf-8").splitlines())
    assert lines <= 250, f"main_window.py has {lines} lines"

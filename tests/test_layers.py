"""The package's structure: contract → stages → pipeline → runners and the database → applications → command line.

Read from the source (every import, at module level or inside a function):
a module imports only from its own layer or the layers below it, the
engines and the store never import each other, nothing outside the command
line imports typer or the command line, no two modules import each other in a
cycle, and no module grows past what a reader takes in at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "eventwire"
MAX_LINES = 450

LAYERS: list[tuple[str, set[str]]] = [
    ("contract", {"records", "documents", "config", "version", "datafiles", "budget", "errors", "nlp", "senses"}),
    ("stages", {"extract", "actors", "quotes", "events", "time", "geo", "gazetteer", "ingest"}),
    ("pipeline", {"pipeline"}),
    ("runners and the database", {"engine", "store", "eval"}),
    ("applications", {"jobs", "web", "api", ""}),  # "": eventwire/__init__.py, the library's front door
    ("command line", {"cli"}),
]
NEVER = {("engine", "store"), ("store", "engine"), ("store", "pipeline"), ("store", "jobs"), ("engine", "jobs")}


def _module_name(path: Path) -> str:
    parts = ["eventwire", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> tuple[set[str], set[str]]:
    """(eventwire modules imported, other top-level packages imported) by one module."""
    ours: set[str] = set()
    others: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] == "eventwire":
                ours.add(target)
            else:
                others.add(target.split(".")[0])
    return ours, others


def _unit(module: str) -> str:
    """The part of the package a module belongs to: `store` for eventwire.store.writer, "" for eventwire."""
    return module.split(".")[1] if "." in module else ""


def _layer(unit: str) -> int:
    for index, (_name, units) in enumerate(LAYERS):
        if unit in units:
            return index
    raise AssertionError(f"eventwire.{unit} is in no layer of tests/test_layers.py: place it")


def _graph() -> dict[str, set[str]]:
    """Module -> the modules importing it runs: those it names, and their packages' __init__ (Python runs
    `eventwire.geo`'s before `eventwire.geo.places`), except the packages the importer is inside already."""
    modules = _modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        inside = {".".join(name.split(".")[:n]) for n in range(1, name.count(".") + 2)}
        targets = set()
        for target in _imports(name, path, known)[0]:
            parts = target.split(".")
            targets.update(".".join(parts[:n]) for n in range(2, len(parts) + 1))
        graph[name] = {target for target in targets if target not in inside}
    return graph


def test_every_import_goes_to_the_same_layer_or_a_lower_one() -> None:
    wrong = []
    for module, targets in _graph().items():
        for target in targets:
            here, there = _unit(module), _unit(target)
            if here == there:
                continue
            if _layer(there) > _layer(here) or (here, there) in NEVER:
                wrong.append(f"{module} imports {target} ({LAYERS[_layer(here)][0]} -> {LAYERS[_layer(there)][0]})")
    assert not wrong, "\n".join(sorted(wrong))


def test_only_the_command_line_uses_typer() -> None:
    modules = _modules()
    known = set(modules)
    users = sorted(name for name, path in modules.items()
                   if "typer" in _imports(name, path, known)[1] and _unit(name) != "cli")
    assert not users, f"typer imported outside eventwire.cli: {users}"


def test_no_import_cycle() -> None:
    graph = _graph()
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(sorted(c)) for c in cycles)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long_to_read(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines (> {MAX_LINES}): split it by job"


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (the graph is small, but recursion limits are no place for a bug)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components

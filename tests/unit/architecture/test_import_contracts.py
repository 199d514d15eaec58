"""The layout's arrows, enforced: each stage is one folder and imports point one way.

spiders/ (crawl + parse) ← pipelines/ (stages, flows, CLI) ← dashboard/ (reads the published
snapshot, with the model, geocode and export helpers). No product package imports bench/,
tools/, tests/ or demo/ (only `peermap demo` loads the demo web, from a source checkout).
Imports are read from the source with `ast`, including imports inside functions.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.support.paths import REPO

PRODUCT = ("spiders", "pipelines", "dashboard")
NOT_PRODUCT = ("bench", "tools", "tests", "demo")
# pipelines.submissions: the dashboard's "Suggest a listing", manage and operator pages write the
# submission store there (never the flow's DuckDB or the published snapshot).
DASHBOARD_MAY_USE = ("pipelines.core", "pipelines.geocode", "pipelines.export",
                     "pipelines.submissions", "spiders.common")
# Stage folders of pipelines/, in flow order: a stage may import earlier ones, never later ones.
# submissions sits right after core: it needs only the model, and crawl reads approved rows from it.
STAGES = ("core", "submissions", "crawl", "normalize", "classify", "ingest", "geocode", "dedup", "store", "publish",
          "export", "flows", "cli")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute module names `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _graph(roots: tuple[str, ...] = PRODUCT) -> dict[str, set[str]]:
    modules = {_module_name(p): p for root in roots for p in (REPO / root).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


GRAPH = _graph()


def _violations(prefix: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    out = []
    for module in (m for m in GRAPH if m == prefix or m.startswith(prefix + ".")):
        file = REPO / Path(*module.split("."))
        file = file.with_suffix(".py") if file.with_suffix(".py").exists() else file / "__init__.py"
        for target in sorted(_imports(file)):
            top = target.split(".")[0]
            if top in forbidden and not target.startswith(allowed):
                out.append(f"{module} imports {target}")
    return out


def test_spiders_import_nothing_above_them():
    assert _violations("spiders", ("pipelines", "dashboard", *NOT_PRODUCT)) == []


def test_pipelines_import_neither_the_dashboard_nor_non_product_code():
    allowed_demo = ("demo.generate", "demo.server")  # `peermap demo`, from a source checkout
    found = _violations("pipelines", ("dashboard", *NOT_PRODUCT), allowed_demo)
    assert found == []
    demo_users = {v.split()[0] for v in _violations("pipelines", ("demo",))}
    assert demo_users <= {"pipelines.cli.demo"}


def test_dashboard_reads_only_the_snapshot_helpers():
    assert _violations("dashboard", ("spiders", "pipelines", *NOT_PRODUCT),
                       DASHBOARD_MAY_USE) == []


@pytest.mark.parametrize("earlier_index", range(len(STAGES)))
def test_a_stage_never_imports_a_later_stage(earlier_index: int):
    stage = STAGES[earlier_index]
    later = {f"pipelines.{s}" for s in STAGES[earlier_index + 1:]}
    found = [f"{m} imports {t}" for m, targets in GRAPH.items()
             if m == f"pipelines.{stage}" or m.startswith(f"pipelines.{stage}.")
             for t in targets if any(t == s or t.startswith(s + ".") for s in later)]
    assert found == []


def test_every_pipelines_subpackage_is_a_named_stage():
    folders = {p.name for p in (REPO / "pipelines").iterdir()
               if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(STAGES)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def _package_graph(depth: int) -> dict[str, set[str]]:
    """Module graph collapsed to packages of `depth` parts (e.g. pipelines.store)."""
    collapsed: dict[str, set[str]] = defaultdict(set)
    for module, targets in GRAPH.items():
        src = ".".join(module.split(".")[:depth])
        collapsed[src].update(".".join(t.split(".")[:depth]) for t in targets)
        collapsed[src].discard(src)
    return collapsed


def test_no_import_cycle_between_top_level_packages():
    assert _cycles(_package_graph(1)) == []


def test_no_import_cycle_between_stage_folders():
    assert _cycles(_package_graph(2)) == []


def test_no_import_cycle_inside_spiders():
    spiders = {m: {t for t in ts if t.startswith("spiders.")}
               for m, ts in GRAPH.items() if m.startswith("spiders.")}
    assert _cycles(spiders) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]

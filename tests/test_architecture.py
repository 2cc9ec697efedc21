"""The import rules of ARCHITECTURE.md that `lint-imports` cannot say: no import cycle
anywhere in our code, and pure rule modules import nothing of ours but other pure
modules and the shared base's pure helpers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]
PURE = next(c for c in CONTRACTS if c["name"] == "Pure rules do no I/O")["source_modules"]
# The shared base's helpers that are pure themselves (no database, no network, no clock).
PURE_BASE = {
    "backend.shared",
    "backend.shared.errors",
    "backend.shared.dates",
    "backend.shared.parse",
    "backend.shared.i18n",
    "backend.shared.wording",
    "backend.shared.csv_safe",
    "backend.shared.message_parts",
}


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("backend", "bot", exclude_type_checking_imports=True)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
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
    return found


def test_no_import_cycle_among_our_modules() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c", "d"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert _cycles(graph) == [["a", "b", "c"]]


def test_pure_rules_import_only_pure_rules_and_the_pure_base() -> None:
    graph = _graph()
    pure = {m for p in PURE for m in (p, *graph.find_descendants(p))}
    allowed = pure | PURE_BASE | {p.rpartition(".")[0] for p in pure}
    wrong = {
        (module, imported)
        for module in sorted(pure)
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.split(".")[0] in ("backend", "bot") and imported not in allowed
    }
    assert wrong == set()

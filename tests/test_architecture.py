"""The package's architecture holds: layers import downwards only, no cycles, no private names across modules.

The layers are described in ``src/helpers/README.md``. Imports are read from the
source with ``ast`` (also those inside functions), so a cycle cannot hide behind
a lazy import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "helpers"

#: Layer of each top-level name (lower may not import higher).
LAYERS = {
    0: {"errors", "paths", "validation", "tables", "units", "prose", "plotting", "bibliography"},
    1: {"sales", "assumptions"},
    2: {"text", "growth", "inventory", "policy", "listings", "funnel", "sensitivity"},
    3: {"charts"},
    4: {"collection", "build", "site"},
}
LAYER_OF = {name: level for level, names in LAYERS.items() for name in names}
DEPRECATED = {
    "articles",
    "backtest",
    "bonded",
    "channels",
    "claims",
    "grey",
    "growth_charts",
    "newsvendor",
    "numbers_zh",
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py") if "assets" not in p.parts and "__pycache__" not in p.parts}


def _shim_nodes(tree: ast.AST) -> set[int]:
    """Nodes inside a module-level ``__getattr__`` (a deprecation shim for a moved name) are exempt."""
    return {
        id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "__getattr__" for n in ast.walk(f)
    }


def _imports(path: Path, name: str) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    exempt = _shim_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("helpers"):
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = name.split(".")[: len(name.split(".")) - node.level + (1 if path.name == "__init__.py" else 0)]
            out.append((".".join(base + ([node.module] if node.module else [])), [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names if a.name.startswith("helpers"))
    return out


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _edges() -> dict[str, set[str]]:
    mods = _modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        for target, names in _imports(path, name):
            for n in names or [""]:
                full = f"{target}.{n}" if n and f"{target}.{n}" in mods else target
                if full in mods and full != name:
                    edges[name].add(full)
    return edges


def test_every_top_level_name_has_a_layer():
    tops = {_top(m) for m in _modules()} - {""} - DEPRECATED
    assert tops <= set(LAYER_OF), f"add to LAYERS and src/helpers/README.md: {sorted(tops - set(LAYER_OF))}"


def test_layers_import_downwards_only():
    bad = []
    for src, targets in _edges().items():
        a = _top(src)
        if a in DEPRECATED or not a:
            continue
        for dst in targets:
            b = _top(dst)
            if b and b not in DEPRECATED and b != a and LAYER_OF.get(b, 0) > LAYER_OF.get(a, 0):
                bad.append(f"{src} -> {dst}")
            if b in DEPRECATED:
                bad.append(f"{src} -> {dst} (a deprecated path)")
    assert not bad, "imports against the layers:\n" + "\n".join(sorted(bad))


def test_no_import_cycles():
    edges = _edges()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt.endswith("__init__") or (nxt == "helpers"):
                continue
            if state.get(nxt) == 1 and not _is_parent(nxt, node):
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


def _is_parent(package: str, module: str) -> bool:
    """A module importing its own package's __init__ (re-exports) is not a cycle of ideas."""
    return module.startswith(package + ".")


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_private_name_is_imported_across_modules(name):
    mods = _modules()
    path = mods[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    bad = [
        f"{mod}.{n}"
        for mod, names in _imports(path, name)
        for n in names
        if n.startswith("_")
        and not n.startswith("__")
        # a package-private module (helpers.x._impl) used inside its own package is fine
        and not (f"{mod}.{n}" in mods and mod == package)
    ]
    assert not bad, f"{name} imports private names: {bad}"

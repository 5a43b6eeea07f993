"""The old module paths (helpers.numbers_zh, helpers.claims, helpers.articles) still work, with a warning."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import helpers
from helpers import text

OLD = {"numbers_zh": "numbers", "claims": "claims", "articles": "articles"}


@pytest.fixture
def fresh():
    """Forget the shim modules so that importing them runs (and warns) again."""

    def forget():
        for old in OLD:
            sys.modules.pop(f"helpers.{old}", None)
            helpers.__dict__.pop(old, None)

    forget()
    yield
    forget()


@pytest.mark.parametrize(("old", "new"), OLD.items())
def test_old_path_warns_at_the_importing_line_and_reexports(fresh, old, new):
    with pytest.warns(DeprecationWarning, match=rf"helpers\.{old} is deprecated.*use helpers\.text\.{new}"):
        module = importlib.import_module(f"helpers.{old}")
    moved = importlib.import_module(f"helpers.text.{new}")
    assert module.__all__ == moved.__all__
    for name in moved.__all__:
        assert getattr(module, name) is getattr(moved, name)


@pytest.mark.parametrize("how", ["import helpers.{old} as m", "from helpers import {old} as m"])
def test_warning_points_at_the_user_code(how):
    """stacklevel: the warning names the caller's file and line, also through `from helpers import x`."""
    code = (
        "import warnings\nwarnings.simplefilter('always')\n"
        f"with warnings.catch_warnings(record=True) as w:\n    {how.format(old='claims')}\n"
        "print(w[0].filename, w[0].lineno, w[0].category.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["<string>", "4", "DeprecationWarning"]


def test_old_names_give_the_same_results(fresh):
    with pytest.warns(DeprecationWarning):
        from helpers import claims as old_claims
        from helpers import numbers_zh
    t = "但在双十一最终的912亿销售额中，邮件更是近万封"
    assert numbers_zh.extract_numbers(t).equals(text.extract_numbers(t))
    assert old_claims.claims_table(t).equals(text.claims_table(t))


def test_modules_import_in_one_direction():
    """No import cycle inside helpers.text, and no module uses another module's private name."""
    import ast
    from pathlib import Path

    folder = Path(text.__file__).parent
    graph = {}
    for f in folder.glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers."):
                assert not any(a.name.startswith("_") for a in node.names), (f.name, node.module)
                if node.module.startswith("helpers.text."):
                    deps.add(node.module.rsplit(".", 1)[1])
        graph[f.stem] = deps - {"__init__"}
    graph.pop("__init__")
    done: set[str] = set()
    while graph.keys() - done:
        free = [m for m in graph.keys() - done if graph[m] <= done]
        assert free, f"import cycle among {sorted(graph.keys() - done)}"
        done |= set(free)


def test_new_package_imports_no_shim():
    """helpers.text imports none of the old modules."""
    code = (
        "import sys, helpers.text\n"
        "old = ('helpers.numbers_zh', 'helpers.claims', 'helpers.articles')\n"
        "print(','.join(m for m in old if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_import_helpers_text_is_cheap():
    code = (
        "import sys, helpers.text\n"
        "print(','.join(m for m in ('pandas', 'numpy', 'jieba', 'cn2an', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_api_is_exported():
    assert sorted(text.__all__) == sorted(set(text.__all__))
    for name in text.__all__:
        assert hasattr(text, name), name
    # the package's function names win over the module names they share
    assert callable(text.quotes) and callable(text.sentences) and callable(text.keywords) and callable(text.segment)

"""Notebook parameters: read them from the command line or a file, list them, check them before any work.

A notebook declares its parameters in its ``parameters`` cell: plain
assignments (papermill's convention) and a ``SPEC`` dictionary literal giving
each one's type, range or choices, unit and meaning (see
:mod:`helpers.validation`). The build reads ``SPEC`` without running the
notebook, so ``--list-params`` prints it and a bad override is refused before a
kernel starts.

On the command line values are ``name=value`` pairs; a parameters file
(``--params-file my.yaml``) avoids shell quoting and keeps lists and strings as
typed. ``assumption.NAME=value`` sets one model assumption; it arrives in the
notebook as ``assumptions = {"NAME": value}`` and is checked there against the
assumption table.
"""

from __future__ import annotations

import ast
import shlex
from pathlib import Path
from typing import Any

from helpers.errors import ParameterError

__all__ = [
    "check_overrides",
    "format_params",
    "load_params_file",
    "notebook_parameters",
    "notebook_spec",
    "parse_params",
]

_TEXT_TYPES = ("str", "path", "date")


def parse_params(text: str, spec: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Parse ``"key=value key2=value2"`` into notebook parameters.

    Values are read as Python literals (numbers, lists, ``None``, ``True``)
    unless ``spec`` declares the parameter a text (``str``, ``path``, ``date``),
    in which case the text is kept as given (so ``platform="2019"`` stays a
    string). ``assumption.NAME=value`` pairs are gathered into
    ``assumptions``.

    Parameters
    ----------
    text : str
        Space-separated ``key=value`` pairs; quote values with spaces.
    spec : dict, optional
        The notebook's ``SPEC``.

    Returns
    -------
    dict

    Raises
    ------
    ParameterError
        A pair that is not ``key=value``, or an unclosed quote.

    Examples
    --------
    >>> parse_params("gmv_csv=data/x.csv horizon=3 levels=[0.5,0.9]")
    {'gmv_csv': 'data/x.csv', 'horizon': 3, 'levels': [0.5, 0.9]}
    >>> parse_params("platform=2019 assumption.demand_cv=0.3", {"platform": {"type": "str"}})
    {'platform': '2019', 'assumptions': {'demand_cv': 0.3}}
    >>> parse_params("models=[logistic,poly2]", {"models": {"type": "list[str]"}})
    {'models': ['logistic', 'poly2']}
    """
    try:
        tokens = shlex.split(text or "")
    except ValueError as exc:
        raise ParameterError(f"cannot read the parameters {text!r}: {exc} (check the quotes)") from None
    spec = spec or {}
    params: dict[str, Any] = {}
    for token in tokens:
        key, sep, raw = token.partition("=")
        group, dot, sub = key.partition(".")
        name = sub if dot else key
        if not sep or not name.isidentifier() or (dot and group not in ("assumption", "assumptions")):
            raise ParameterError(f"parameters are given as key=value (or assumption.NAME=value), got {token!r}")
        if dot:
            params.setdefault("assumptions", {})[name] = _literal(raw)
        elif spec.get(key, {}).get("type") in _TEXT_TYPES:
            params[key] = raw
        elif str(spec.get(key, {}).get("type", "")).startswith("list["):
            params[key] = _list(raw, spec[key]["type"][5:-1])
        else:
            params[key] = _literal(raw)
    return params


def _list(raw: str, inner: str) -> Any:
    """A list from the shell, where quotes inside brackets are lost: ``[a,b]`` or ``a,b`` -> ``['a', 'b']``."""
    value = _literal(raw)
    if isinstance(value, (list, tuple)):
        return list(value)
    body = raw.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    items = [item.strip().strip("'\"") for item in body.split(",") if item.strip()]
    return items if inner in _TEXT_TYPES else [_literal(item) for item in items]


def _literal(raw: str) -> Any:
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw


def load_params_file(path: str | Path) -> dict[str, Any]:
    """Read parameters from a YAML (or JSON) file: a mapping of name to value.

    Raises
    ------
    ParameterError
        Missing file, unreadable YAML, or not a mapping.
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"no parameters file at {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ParameterError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values")
    out = dict(data)
    for key in [k for k in out if k.startswith(("assumption.", "assumptions."))]:
        out.setdefault("assumptions", {})[key.split(".", 1)[1]] = out.pop(key)
    return out


def _parameters_cell(nb: Any) -> Any | None:
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def notebook_parameters(nb: Any) -> dict[str, str]:
    """Names assigned in the notebook's ``parameters`` cell (``SPEC`` excluded), with their source text.

    Parameters
    ----------
    nb : nbformat.NotebookNode

    Returns
    -------
    dict
        Parameter name to the expression text it is set to.
    """
    cell = _parameters_cell(nb)
    if cell is None:
        return {}
    tree = ast.parse(cell.source)
    found: dict[str, str] = {}
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else ([node.target] if isinstance(node, ast.AnnAssign) else [])
        )
        for target in targets:
            if isinstance(target, ast.Name) and target.id != "SPEC":
                found[target.id] = ast.get_source_segment(cell.source, node.value) or ""
    return found


def notebook_spec(nb: Any) -> dict[str, dict[str, Any]]:
    """The ``SPEC`` dictionary of the notebook's ``parameters`` cell (empty if none).

    Raises
    ------
    ParameterError
        ``SPEC`` is not a literal dictionary.
    """
    cell = _parameters_cell(nb)
    if cell is None:
        return {}
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SPEC" for t in node.targets):
            try:
                spec = ast.literal_eval(node.value)
            except ValueError:
                raise ParameterError("SPEC in the parameters cell must be a literal dictionary") from None
            if not isinstance(spec, dict):
                raise ParameterError("SPEC in the parameters cell must be a dictionary")
            return spec
    return {}


def check_overrides(nb: Any, params: dict[str, Any], name: str = "the notebook") -> None:
    """Refuse unknown names and, where ``SPEC`` declares them, bad values (before any kernel starts).

    Raises
    ------
    ParameterError
        Naming the parameter, the value and what is allowed.
    """
    from helpers.validation import check_value

    declared = notebook_parameters(nb)
    if params and not declared:
        raise ParameterError(f"{name} has no cell tagged 'parameters' to override")
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise ParameterError(
            f"{name} has no parameter {', '.join(map(repr, unknown))}; its parameters are: {', '.join(declared)}"
        )
    spec = notebook_spec(nb)
    for key, value in params.items():
        if key in spec:
            check_value(key, value, spec[key])


def format_params(nb: Any) -> str:
    """A table of the notebook's parameters: name, default, what is allowed.

    Returns
    -------
    str
    """
    from helpers.validation import describe

    declared = notebook_parameters(nb)
    spec = notebook_spec(nb)
    if not declared:
        return "(this notebook has no parameters)"
    width = max(len(n) for n in declared)
    lines = []
    for name, default in declared.items():
        what = describe(spec[name]) if name in spec else "(not declared in SPEC)"
        lines.append(f"{name:<{width}}  = {default}\n{'':<{width}}    {what}")
    return "\n".join(lines)

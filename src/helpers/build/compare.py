"""Compare executed notebooks and figures with a tolerance, as on another machine.

Two runs of the same notebook on different CPUs agree in what they mean but
not always in their last bits: a BLAS kernel sums in another order, an
optimiser stops a hair elsewhere, an anti-aliased edge shifts a pixel's shade.
This module decides whether two outputs are *the same result*:

- text (stream output, ``text/plain``, ``text/markdown``, ``text/html``) is split
  into numbers and the text between them; the text must match exactly and each
  pair of numbers must agree to :data:`NUMBER_RTOL` (relative);
- PNG images (in a notebook or in ``figures/``) must have the same size and a
  root-mean-square pixel difference of at most :data:`IMAGE_RMS_TOL` on the 0-255
  scale (matplotlib's own image-comparison measure, ``calculate_rms``);
- SVG files must have the same elements; coordinates may differ by at most
  :data:`SVG_ATOL` points and element ids derived from coordinate hashes are
  matched by order of appearance.

The build keeps a committed file when a new run is the same result, so a
rebuild on unchanged inputs changes no committed byte on any machine; the tests
compare a fresh run with the committed files the same way. The tolerances were
chosen from measurements (``tests/build/test_compare.py`` and the README):
another BLAS kernel set (``OPENBLAS_CORETYPE=Prescott``) moves PNGs by an RMS
below 0.05 and numbers by less than 1e-7 relative, while the smallest real
change tried (one GMV value moved by 1 %) moves a chart by an RMS above 1 and
its numbers by far more than 1e-6.
"""

from __future__ import annotations

import base64
import io
import math
import re
from pathlib import Path
from typing import Any

__all__ = [
    "IMAGE_RMS_TOL",
    "NUMBER_RTOL",
    "SVG_ATOL",
    "compare_figure",
    "compare_files",
    "compare_notebooks",
    "compare_png",
    "compare_svg",
    "compare_text",
]

#: Relative tolerance for numbers in text output.
NUMBER_RTOL = 1e-6
#: Absolute tolerance for numbers in text output (numbers this small are noise, e.g. 1e-13 residuals).
NUMBER_ATOL = 1e-9
#: Largest root-mean-square pixel difference (0-255 scale) between two PNGs of the same chart.
IMAGE_RMS_TOL = 0.5
#: Largest coordinate difference in an SVG, in points (1/72 inch).
SVG_ATOL = 0.05

_NUMBER = re.compile(
    r"(?<![A-Za-z_#])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.\d+(?:[eE][-+]?\d+)?"
)
_SVG_ID = re.compile(r"\b([A-Za-z]+)([0-9a-f]{10})\b")
_TEXT_MIMES = ("text/plain", "text/markdown", "text/html", "text/latex")


def _split(text: str) -> tuple[list[str], list[float]]:
    parts: list[str] = []
    numbers: list[float] = []
    last = 0
    for m in _NUMBER.finditer(text):
        parts.append(text[last : m.start()])
        numbers.append(float(m.group().replace(",", "")))
        last = m.end()
    parts.append(text[last:])
    return parts, numbers


def compare_text(expected: str, actual: str, *, rtol: float = NUMBER_RTOL, atol: float = NUMBER_ATOL) -> str | None:
    """``None`` when two texts say the same up to number tolerance, else what differs.

    Parameters
    ----------
    expected, actual : str
    rtol, atol : float
        Relative and absolute tolerance for each pair of numbers.

    Returns
    -------
    str or None
        A short description of the first difference.

    Examples
    --------
    >>> compare_text("GMV 77,501.869 亿元", "GMV 77,501.870 亿元") is None
    True
    >>> compare_text("GMV 912.17", "GMV 920.00")
    'number 912.17 -> 920.0 (rel. diff 8.6e-03) in ...GMV 912.17...'
    >>> compare_text("rose", "fell")
    "text differs: 'rose' -> 'fell'"
    """
    if expected == actual:
        return None
    parts_e, nums_e = _split(expected)
    parts_a, nums_a = _split(actual)
    if parts_e != parts_a or len(nums_e) != len(nums_a):
        for pe, pa in zip(parts_e, parts_a):
            if pe != pa:
                return f"text differs: {pe[:60]!r} -> {pa[:60]!r}"
        return f"text differs: {expected[:60]!r} -> {actual[:60]!r}"
    for i, (e, a) in enumerate(zip(nums_e, nums_a)):
        if not math.isclose(e, a, rel_tol=rtol, abs_tol=atol):
            rel = abs(e - a) / abs(e) if e else math.inf
            context = (parts_e[i][-20:] + _fmt(e) + parts_e[i + 1][:20]).replace("\n", " ")
            return f"number {_fmt(e)} -> {a} (rel. diff {rel:.1e}) in ...{context}..."
    return None


def _fmt(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e6 else f"{x:.6g}"


def _png_array(data: bytes) -> Any:
    import numpy as np
    from matplotlib import image

    return np.asarray(image.imread(io.BytesIO(data), format="png"))


def compare_png(expected: bytes, actual: bytes, *, tol: float = IMAGE_RMS_TOL) -> str | None:
    """``None`` when two PNGs are the same chart (RMS difference within ``tol``), else why not.

    Parameters
    ----------
    expected, actual : bytes
        PNG file contents.
    tol : float
        Largest root-mean-square difference, on the 0-255 scale.

    Returns
    -------
    str or None
    """
    if expected == actual:
        return None
    from matplotlib.testing.compare import calculate_rms

    a, b = _png_array(expected), _png_array(actual)
    if a.shape != b.shape:
        return f"image size differs: {a.shape} -> {b.shape}"
    scale = 255.0 if a.dtype.kind == "f" else 1.0
    rms = calculate_rms((a * scale).astype("int16"), (b * scale).astype("int16"))
    return None if rms <= tol else f"image differs: RMS {rms:.2f} > {tol} (0-255 scale)"


def compare_svg(expected: str, actual: str, *, atol: float = SVG_ATOL) -> str | None:
    """``None`` when two SVGs draw the same (coordinates within ``atol`` points), else why not.

    Element ids that matplotlib derives from a hash of coordinates (``p1a2b3c4d5e``)
    are renamed by order of appearance before comparing.
    """
    if expected == actual:
        return None
    return compare_text(_normalise_svg_ids(expected), _normalise_svg_ids(actual), rtol=0.0, atol=atol)


def _normalise_svg_ids(text: str) -> str:
    mapping: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        key = m.group(0)
        if key not in mapping:
            mapping[key] = f"{m.group(1)}_id{len(mapping):04d}_"
        return mapping[key]

    return _SVG_ID.sub(rename, text)


def compare_figure(expected: Path, actual: Path) -> str | None:
    """Compare one exported chart file; a PNG with an SVG twin is judged by the SVG.

    A label that sits on a half-pixel boundary can snap one pixel over on another CPU and move a
    PNG's RMS past :data:`IMAGE_RMS_TOL` while the drawing is the same; the SVG, which keeps
    coordinates rather than pixels, says whether anything moved. Without a twin the PNG is
    compared by RMS.

    Returns
    -------
    str or None
    """
    expected, actual = Path(expected), Path(actual)
    if expected.suffix.lower() == ".png":
        svg_e, svg_a = expected.with_suffix(".svg"), actual.with_suffix(".svg")
        if svg_e.exists() and svg_a.exists() and expected.exists() and actual.exists():
            if expected.read_bytes() == actual.read_bytes():
                return None
            why = compare_svg(svg_e.read_text(encoding="utf-8"), svg_a.read_text(encoding="utf-8"))
            return None if why is None else f"{expected.name}: its SVG twin differs: {why}"
    return compare_files(expected, actual)


def compare_files(expected: Path, actual: Path) -> str | None:
    """Compare two files by type: PNG, SVG, notebook, other text exactly.

    Returns
    -------
    str or None
        ``None`` when they are the same result; otherwise the first difference.
    """
    expected, actual = Path(expected), Path(actual)
    if not expected.exists():
        return f"{expected.name}: not there before"
    if not actual.exists():
        return f"{actual.name}: not produced"
    a, b = expected.read_bytes(), actual.read_bytes()
    if a == b:
        return None
    suffix = expected.suffix.lower()
    if suffix == ".png":
        return compare_png(a, b)
    if suffix == ".svg":
        return compare_svg(a.decode("utf-8"), b.decode("utf-8"))
    if suffix == ".ipynb":
        import nbformat

        return compare_notebooks(nbformat.reads(a.decode("utf-8"), 4), nbformat.reads(b.decode("utf-8"), 4))
    return "contents differ"


def compare_notebooks(expected: Any, actual: Any) -> str | None:
    """``None`` when two executed notebooks hold the same results, else the first difference.

    Cell types and sources must match exactly; outputs are compared with
    :func:`compare_text` (text), :func:`compare_png` (images) and exactly for
    anything else. Metadata other than cell tags is ignored.

    Parameters
    ----------
    expected, actual : nbformat.NotebookNode

    Returns
    -------
    str or None
    """
    if len(expected.cells) != len(actual.cells):
        return f"{len(expected.cells)} cells -> {len(actual.cells)} cells"
    for i, (ce, ca) in enumerate(zip(expected.cells, actual.cells)):
        where = f"cell {i}"
        if ce.cell_type != ca.cell_type or ce.source != ca.source:
            return f"{where}: source differs"
        if ce.get("metadata", {}).get("tags", []) != ca.get("metadata", {}).get("tags", []):
            return f"{where}: tags differ"
        oe, oa = ce.get("outputs", []), ca.get("outputs", [])
        if len(oe) != len(oa):
            return f"{where}: {len(oe)} outputs -> {len(oa)}"
        for j, (x, y) in enumerate(zip(oe, oa)):
            why = _compare_output(x, y)
            if why:
                return f"{where}, output {j}: {why}"
    return None


def _compare_output(x: Any, y: Any) -> str | None:
    if x.get("output_type") != y.get("output_type"):
        return f"output type {x.get('output_type')} -> {y.get('output_type')}"
    if x.get("output_type") == "stream":
        if x.get("name") != y.get("name"):
            return "stream name differs"
        return compare_text(_joined(x.get("text", "")), _joined(y.get("text", "")))
    if x.get("output_type") == "error":
        return compare_text(str(x.get("ename")) + str(x.get("evalue")), str(y.get("ename")) + str(y.get("evalue")))
    dx, dy = x.get("data", {}), y.get("data", {})
    if sorted(dx) != sorted(dy):
        return f"kinds of output differ: {sorted(dx)} -> {sorted(dy)}"
    for mime in dx:
        if mime == "image/png":
            why = compare_png(base64.b64decode(_joined(dx[mime])), base64.b64decode(_joined(dy[mime])))
        elif mime == "image/svg+xml":
            why = compare_svg(_joined(dx[mime]), _joined(dy[mime]))
        elif mime in _TEXT_MIMES:
            why = compare_text(_joined(dx[mime]), _joined(dy[mime]))
        else:
            why = None if dx[mime] == dy[mime] else f"{mime} differs"
        if why:
            return f"{mime}: {why}"
    return None


def _joined(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)

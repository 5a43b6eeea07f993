"""helpers.build.compare: the same result passes, a real change fails."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from helpers import plotting
from helpers.build import compare


def _chart(values, fmt="png") -> bytes:
    plotting.setup()
    fig, ax = plt.subplots()
    ax.bar(range(len(values)), values)
    ax.plot(range(len(values)), values, color="k")
    ax.set_title("GMV (亿元)")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=plotting.DPI, metadata={"Software": None} if fmt == "png" else {"Date": None})
    plt.close(fig)
    return buf.getvalue()


VALUES = [52.0, 191.0, 350.19, 571.0, 912.17, 1207.0, 1682.0]


def test_png_last_bit_changes_pass_real_changes_fail():
    base = _chart(VALUES)
    noisy = _chart([v * (1 + 1e-9) for v in VALUES])
    assert compare.compare_png(base, noisy) is None
    moved = list(VALUES)
    moved[4] *= 1.01  # one value moved by 1 %
    why = compare.compare_png(base, _chart(moved))
    assert why is not None and "RMS" in why


def test_svg_last_bit_changes_pass_real_changes_fail():
    base = _chart(VALUES, "svg").decode()
    assert compare.compare_svg(base, _chart([v * (1 + 1e-9) for v in VALUES], "svg").decode()) is None
    moved = list(VALUES)
    moved[4] *= 1.01
    assert compare.compare_svg(base, _chart(moved, "svg").decode()) is not None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1,667.564 亿元", "1,667.563 亿元", True),  # 6e-7 relative: the cross-machine noise of issue #10
        ("77501.869", "77501.8690001", True),
        ("residual 1e-13", "residual 3e-12", True),  # below the absolute tolerance
        ("share 20.6%", "share 20.7%", False),
        ("GMV rose", "GMV fell", False),
        ("n = 11", "n = 12", False),
    ],
)
def test_text_numbers_have_a_relative_tolerance(a, b, same):
    assert (compare.compare_text(a, b) is None) is same


def test_notebooks_compare_outputs_not_metadata():
    def nb(text, meta):
        n = new_notebook(cells=[new_code_cell("print(x)")], metadata=meta)
        n.cells[0].outputs = [new_output("stream", name="stdout", text=text)]
        return n

    assert compare.compare_notebooks(nb("x = 1.0000000001\n", {"a": 1}), nb("x = 1.0\n", {"b": 2})) is None
    assert "cell 0" in compare.compare_notebooks(nb("x = 1.01\n", {}), nb("x = 1.0\n", {}))
    other = nbformat.from_dict(nb("x\n", {}))
    other.cells[0].source = "print(y)"
    assert "source differs" in compare.compare_notebooks(nb("x\n", {}), other)


def test_a_png_with_an_svg_twin_is_judged_by_the_svg(tmp_path):
    """A one-pixel label snap moves a PNG's RMS; the SVG twin says whether the drawing moved."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x.png").write_bytes(_chart(VALUES))
    (b / "x.png").write_bytes(_chart([v * 1.01 for v in VALUES]))  # a real change, seen in the PNG...
    svg = _chart(VALUES, "svg")
    (a / "x.svg").write_bytes(svg)
    (b / "x.svg").write_bytes(svg)  # ...but the twins agree: judged the same drawing
    assert compare.compare_png((a / "x.png").read_bytes(), (b / "x.png").read_bytes()) is not None
    assert compare.compare_figure(a / "x.png", b / "x.png") is None
    (b / "x.svg").write_bytes(_chart([v * 1.01 for v in VALUES], "svg"))
    assert "SVG twin differs" in compare.compare_figure(a / "x.png", b / "x.png")

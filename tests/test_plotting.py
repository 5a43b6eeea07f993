"""helpers.plotting: Chinese glyphs render, exports are byte-for-byte reproducible."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import plotting  # noqa: E402
from helpers.errors import ParameterError  # noqa: E402

LABELS = ("双十一成交额（亿元）", "寄售 vs 采销", "保税区 · 聚美优品")


def _chart_with_chinese_labels() -> plt.Figure:
    fig, ax = plt.subplots()
    ax.bar(["天猫", "京东"], [912, 100])
    ax.set_title(LABELS[0])
    ax.set_xlabel(LABELS[1])
    ax.set_ylabel(LABELS[2])
    ax.plot([-1, 1], [-1, 1], label="−1 minus")
    ax.legend()
    return fig


def _missing_glyph_warnings(fig: plt.Figure) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_chinese_labels_render_without_missing_glyphs():
    plotting.setup()
    fig = _chart_with_chinese_labels()
    assert _missing_glyph_warnings(fig) == []
    plt.close(fig)


def test_without_the_cjk_font_glyphs_are_missing():
    """Control: the check above would fail if the font were not registered."""
    plotting.setup()
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        fig = _chart_with_chinese_labels()
        missing = _missing_glyph_warnings(fig)
    plt.close(fig)
    assert missing, "DejaVu Sans has no CJK glyphs: a warning was expected"


def test_font_comes_from_the_installed_package():
    path = plotting.cjk_font_path()
    assert path.is_file() and "mplfonts" in str(path)
    from matplotlib import font_manager

    plotting.setup()
    found = font_manager.findfont(plotting.CJK_FONT, fallback_to_default=False)
    assert found == str(path)


def test_savefig_is_byte_for_byte_reproducible(tmp_path):
    plotting.setup()
    fig = _chart_with_chinese_labels()
    first = [p.read_bytes() for p in plotting.savefig(fig, "twice", tmp_path / "a")]
    second = [p.read_bytes() for p in plotting.savefig(fig, "twice", tmp_path / "b")]
    plt.close(fig)
    assert first == second
    png, svg = first
    assert png.startswith(b"\x89PNG") and b"Software" not in png and b"matplotlib" not in png
    assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg and b"<dc:creator>" not in svg


def test_savefig_uses_fixed_dpi_and_size(tmp_path):
    from PIL import Image

    plotting.setup()
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    png, _ = plotting.savefig(fig, "size", tmp_path)
    plt.close(fig)
    width, height = Image.open(png).size
    assert (width, height) == (round(plotting.FIGSIZE[0] * plotting.DPI), round(plotting.FIGSIZE[1] * plotting.DPI))


def test_savefig_writes_to_the_staging_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(tmp_path / "staged"))
    fig, ax = plt.subplots()
    written = plotting.savefig(fig, "staged_chart")
    plt.close(fig)
    assert [p.parent for p in written] == [tmp_path / "staged"] * 2


@pytest.mark.parametrize("name", ["", "a b", "../escape", "x.png"])
def test_savefig_rejects_bad_names(tmp_path, name):
    fig, _ = plt.subplots()
    with pytest.raises(ParameterError, match="figure name"):
        plotting.savefig(fig, name, tmp_path)
    plt.close(fig)

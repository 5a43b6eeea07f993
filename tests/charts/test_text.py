"""Tests for helpers.charts.text: the charts of notebook 01 follow the chart convention."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import plotting  # noqa: E402
from helpers import text as tx  # noqa: E402
from helpers.charts import text as charts  # noqa: E402
from helpers.errors import ParameterError  # noqa: E402

SEED = "data/articles/2015-11-14_tencent_jumei_cross_border.txt"


@pytest.fixture(scope="module")
def reading():
    plotting.setup()
    return tx.read_articles([SEED])


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts]


def test_keywords_chart(reading):
    fig = charts.plot_keywords(reading.keywords, reading.glossary, source="data/articles/x.txt")
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["TF-IDF", "TextRank"]
    assert all(ax.get_xlabel() for ax in fig.axes) and fig.axes[0].get_xlim()[0] == 0
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == "刘惠璞 (Liu Huipu)"  # best at the top, glossed
    assert "Source: data/articles/x.txt" in _texts(fig)
    assert fig._suptitle.get_text() == "The text's top 15 keywords by two methods"
    plt.close(fig)


def test_keywords_chart_on_given_axes(reading):
    fig, axes = plt.subplots(1, 2)
    assert charts.plot_keywords(reading.keywords, source="s", axes=list(axes)) is fig
    with pytest.raises(ParameterError, match="one Axes per method"):
        charts.plot_keywords(reading.keywords, source="s", axes=[axes[0]])
    plt.close(fig)


def test_mentions_chart(reading):
    fig = charts.plot_mentions(reading.entity_counts, reading.glossary, source="s")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "mentions in the text (count)" and ax.get_xlim()[0] == 0
    heights = sorted(p.get_width() for p in ax.patches)
    assert heights == sorted(reading.entity_counts["mentions"].tolist())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["people", "companies and brands", "countries and regions", "policy terms", "business-model terms"]
    assert not any("_" in t.get_text() for t in ax.get_yticklabels())  # no raw identifiers
    plt.close(fig)


def test_claim_bounds_chart(reading):
    fig = charts.plot_claim_bounds(reading.claims, source="s")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert len(ax.get_yticklabels()) == len(reading.claims)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["exact", "bounded", "open-ended"]
    plt.close(fig)


def test_charts_refuse_empty_input_and_missing_source(reading):
    with pytest.raises(ParameterError):
        charts.plot_claim_bounds(reading.claims.iloc[0:0], source="s")
    with pytest.raises(ParameterError):
        charts.plot_mentions(reading.entity_counts.iloc[0:0], source="s")
    with pytest.raises(ParameterError, match="source line"):
        charts.plot_claim_bounds(reading.claims, source=" ")
    plt.close("all")

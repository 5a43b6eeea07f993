"""Tests for helpers.assumptions: the parameter-table loader and the sensitivity helpers."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from helpers import paths
from helpers.assumptions import COLUMNS, load_assumptions, ranges, values
from helpers.charts.sensitivity import tornado_chart
from helpers.errors import DataError, ParameterError
from helpers.sensitivity import crossings, one_at_a_time, two_way

HEADER = ",".join(COLUMNS)
GOOD = [
    "commission,0.05,0.02,0.10,fraction,assumption,this project,,plausible range",
    "uplift,120,,,multiplier,sourced,IJCAI-15 dataset,https://tianchi.aliyun.com/dataset/42,purchases 11-11 vs daily",
    'price,100,50,200,yuan,assumption,"normalised price, yuan",,"a note, with comma"',
]


def write(tmp_path: Path, lines: list[str], name: str = "p.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_a_good_table(tmp_path: Path) -> None:
    table = load_assumptions(write(tmp_path, [HEADER, *GOOD]))
    assert table["name"].tolist() == ["commission", "uplift", "price"]
    assert table["line"].tolist() == [2, 3, 4]
    assert values(table) == {"commission": 0.05, "uplift": 120.0, "price": 100.0}
    # a sourced row without a range is fixed at its value and left out of the sweep
    assert table.loc[1, ["low", "high"]].tolist() == [120.0, 120.0]
    assert ranges(table) == {"commission": (0.02, 0.1), "price": (50.0, 200.0)}
    assert ranges(table, only_varying=False)["uplift"] == (120.0, 120.0)
    assert table.loc[2, "note"] == "a note, with comma"


def test_shipped_tables_are_valid() -> None:
    folder = paths.DATA_DIR / "assumptions"
    tables = sorted(folder.glob("*.csv"))
    assert tables, "expected at least one parameter table in data/assumptions"
    for file in tables:
        table = load_assumptions(file)
        assert len(table) >= 3


def test_blank_lines_are_skipped_and_lines_still_counted(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, GOOD[0], "", "bad,abc,1,2,yuan,assumption,x,,y"])
    with pytest.raises(DataError) as err:
        load_assumptions(path)
    assert err.value.line == 4 and err.value.column == "value"
    assert str(err.value) == f"{path}, line 4, column 'value': expected a number, got 'abc'"


@pytest.mark.parametrize(
    ("row", "line", "column", "message"),
    [
        ("x,abc,1,2,yuan,assumption,s,,n", 3, "value", "expected a number, got 'abc'"),
        ("x,1,0,inf,yuan,assumption,s,,n", 3, "high", "expected a finite number, got 'inf'"),
        ("x,5,1,2,yuan,assumption,s,,n", 3, "value", "expected low <= value <= high, got 1 <= 5 <= 2"),
        ("x,1,,2,yuan,assumption,s,,n", 3, "low", "an assumption needs a range"),
        ("x,1,0,2,yuan,guess,s,,n", 3, "status", "expected one of sourced, assumption, got 'guess'"),
        ("x,1,0,2,yuan,sourced,s,,n", 3, "source_url", "a sourced parameter needs a source_url"),
        ("x,1,0,2,yuan,assumption,,,n", 3, "source", "every row needs a source"),
        ("x,1,0,2,yuan,assumption,s,,", 3, "note", "every row needs a note"),
        ("x,1,0,2,,assumption,s,,n", 3, "unit", "every row needs a unit"),
        ("commission,1,0,2,yuan,assumption,s,,n", 3, "name", "duplicate parameter 'commission' (first on line 2)"),
        ("two words,1,0,2,yuan,assumption,s,,n", 3, "name", "must be a Python identifier"),
        ("x,1,0,2,yuan,assumption,s,,n,extra", 3, None, "expected 9 fields, got 10"),
    ],
)
def test_bad_rows_name_file_line_and_column(
    tmp_path: Path, row: str, line: int, column: str | None, message: str
) -> None:
    path = write(tmp_path, [HEADER, GOOD[0], row])
    with pytest.raises(DataError, match=re.escape(message)) as err:
        load_assumptions(path)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert err.value.column == column


def test_missing_column_and_file(tmp_path: Path) -> None:
    path = write(tmp_path, ["name,value,low,high,unit,status,source,note", "x,1,0,2,yuan,assumption,s,n"])
    with pytest.raises(DataError) as err:
        load_assumptions(path)
    assert err.value.line == 1 and err.value.column == "source_url"
    assert "missing column" in str(err.value)
    with pytest.raises(DataError, match=r"file not found \(expected a parameter table\)"):
        load_assumptions(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="no parameter rows"):
        load_assumptions(write(tmp_path, [HEADER], name="empty.csv"))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + "\nx,1,0,2,yuan,assumption,caf\xe9,,n\n").encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_assumptions(path)


def test_required_names(tmp_path: Path) -> None:
    table = load_assumptions(write(tmp_path, [HEADER, *GOOD]))
    with pytest.raises(DataError, match="missing parameter\\(s\\): salvage"):
        values(table, required=["commission", "salvage"])


# --- sensitivity -----------------------------------------------------------------------------------------


def test_one_at_a_time_against_hand_computation() -> None:
    def model(p: dict[str, float]) -> float:
        return p["a"] ** 2 - 3 * p["b"] + p["c"]

    base = {"a": 2.0, "b": 1.0, "c": 5.0}
    out = one_at_a_time(model, base, {"a": (1.0, 3.0), "b": (0.0, 4.0), "c": (5.0, 5.5)})
    assert out["parameter"].tolist() == ["b", "a", "c"]  # swings 12, 8, 0.5
    row = out.set_index("parameter").loc["b"]
    assert (row["outcome_low"], row["outcome_high"], row["swing"]) == (9.0, -3.0, 12.0)
    assert np.all(out["base_outcome"] == 6.0)
    assert base == {"a": 2.0, "b": 1.0, "c": 5.0}  # the caller's dict is untouched


def test_one_at_a_time_does_not_leak_mutation() -> None:
    def model(p: dict[str, float]) -> float:
        p["a"] = 100.0  # a careless model mutating its input must not affect other runs
        return p["b"]

    out = one_at_a_time(model, {"a": 1.0, "b": 2.0}, {"b": (1.0, 3.0)})
    assert out.loc[0, "outcome_low"] == 1.0 and out.loc[0, "outcome_high"] == 3.0


def test_one_at_a_time_bad_input() -> None:
    with pytest.raises(ParameterError, match="not in the base case: z"):
        one_at_a_time(lambda p: 0.0, {"a": 1.0}, {"z": (0.0, 1.0)})
    with pytest.raises(ParameterError, match=r"base value of a \(5\) is outside its range \[0, 1\]"):
        one_at_a_time(lambda p: 0.0, {"a": 5.0}, {"a": (0.0, 1.0)})
    with pytest.raises(ParameterError, match="model must return a number"):
        one_at_a_time(lambda p: "x", {"a": 0.5}, {"a": (0.0, 1.0)})  # type: ignore[arg-type, return-value]


def test_two_way_grid() -> None:
    grid = two_way(lambda p: p["x"] * 10 + p["y"], {"x": 0.0, "y": 0.0, "z": 1.0}, "x", [1, 2, 3], "y", [0.5, 0.25])
    assert grid.shape == (2, 3)
    assert grid.index.name == "y" and grid.columns.name == "x"
    assert grid.loc[0.25, 3] == 30.25
    with pytest.raises(ParameterError, match="'w' is not in the base case"):
        two_way(lambda p: 0.0, {"x": 0.0}, "x", [1], "w", [1])


def test_tornado_chart_draws_one_bar_pair_per_parameter() -> None:
    out = one_at_a_time(lambda p: p["a"] + 2 * p["b"], {"a": 1.0, "b": 1.0}, {"a": (0.0, 2.0), "b": (0.5, 3.0)})
    fig = tornado_chart(out, outcome_label="outcome (yuan)", labels={"a": "参数 a"})
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()] == ["参数 a", "b"]  # largest swing on top
    import matplotlib.pyplot as plt

    plt.close(fig)
    # parameters without effect are left out
    out = one_at_a_time(lambda p: p["a"], {"a": 1.0, "b": 1.0}, {"a": (0.0, 2.0), "b": (0.5, 3.0)})
    fig = tornado_chart(out, outcome_label="outcome")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["a"]
    plt.close(fig)


def test_crossings_finds_where_a_conclusion_flips() -> None:
    out = one_at_a_time(
        lambda p: p["a"] - p["b"], {"a": 1.0, "b": 0.5, "c": 0.0}, {"a": (0.0, 2.0), "b": (-2.0, 3.0), "c": (-1.0, 1.0)}
    )
    flips = crossings(out, 0.0).set_index("parameter")["flips_at"].to_dict()
    assert flips == {"a": "low", "b": "high"}  # c never moves the outcome; b at -2 stays positive
    assert crossings(out, -10.0).empty

"""helpers.units: conversions between 亿元, 万元, yuan, billion yuan and counts."""

from __future__ import annotations

import math

import pytest

from helpers import units
from helpers.errors import ParameterError


@pytest.mark.parametrize(
    ("value", "unit", "base"),
    [
        (912.17, "亿元", 91_217_000_000),
        (1, "万元", 10_000),
        (14.3, "billion yuan", 14_300_000_000),
        (5, "yuan", 5),
        (4.67, "亿", 467_000_000),
        (500, "万", 5_000_000),
        (68.67, "percent", 0.6867),
    ],
)
def test_to_base_and_back(value, unit, base):
    assert math.isclose(units.to_base(value, unit), base, rel_tol=1e-12)
    assert math.isclose(units.from_base(base, unit), value, rel_tol=1e-12)


def test_convert_within_a_dimension():
    assert math.isclose(units.convert(912, "亿元", "billion yuan"), 91.2)
    assert math.isclose(units.convert(1.7, "trillion yuan", "亿元"), 17_000)
    assert math.isclose(units.convert(3, "亿", "万"), 30_000)


def test_convert_across_dimensions_is_refused():
    with pytest.raises(ParameterError, match="cannot convert '亿元' \\(money\\) to '亿' \\(count\\)"):
        units.convert(1, "亿元", "亿")


@pytest.mark.parametrize("bad", ["亿美元", "", "yuan ", None])
def test_unknown_unit_names_the_known_ones(bad):
    with pytest.raises(ParameterError, match="unknown unit .*known units: yuan"):
        units.to_base(1, bad)


def test_every_unit_has_a_base_unit_of_factor_one():
    for dim, base in units.BASE_UNITS.items():
        assert units.UNITS[base] == (dim, 1.0)
    assert {d for d, _ in units.UNITS.values()} == set(units.BASE_UNITS)

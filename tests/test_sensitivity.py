"""Tests for helpers.sensitivity.flip_point."""

from __future__ import annotations

import pytest

from helpers.errors import ParameterError
from helpers.sensitivity import flip_point


def test_flip_point():
    f = lambda p: p["x"] ** 2 - 0.25  # noqa: E731
    assert flip_point(f, {"x": 0.0}, "x", 0.0, 1.0) == pytest.approx(0.5, abs=1e-6)
    assert flip_point(f, {"x": 0.0}, "x", 0.6, 1.0) is None
    assert flip_point(lambda p: p["x"], {"x": 1.0}, "x", 0.0, 1.0) == 0.0  # a zero at the scanned end
    with pytest.raises(ParameterError, match="'y' is not in the base case"):
        flip_point(f, {"x": 0.0}, "y", 0.0, 1.0)
    with pytest.raises(ParameterError, match="points must be >= 2"):
        flip_point(f, {"x": 0.0}, "x", 0.0, 1.0, points=1)


def test_flip_point_does_not_change_the_base():
    base = {"x": 0.3, "y": 2.0}
    flip_point(lambda p: p["x"] * p["y"] - 0.5, base, "x", 0.0, 1.0)
    assert base == {"x": 0.3, "y": 2.0}

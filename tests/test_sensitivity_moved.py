"""The sweeps moved from helpers.assumptions to helpers.sensitivity in 0.2; the old names still work, with a warning."""

from __future__ import annotations

import pytest

from helpers import assumptions, sensitivity


@pytest.mark.parametrize("name", ["one_at_a_time", "two_way", "crossings"])
def test_old_sweep_names_warn_and_point_at_the_new_ones(name):
    with pytest.warns(DeprecationWarning, match=f"helpers.sensitivity.{name}"):
        old = getattr(assumptions, name)
    assert old is getattr(sensitivity, name)


def test_one_at_a_time_moves_each_parameter_alone():
    t = sensitivity.one_at_a_time(
        lambda p: p["a"] + 2 * p["b"], {"a": 1.0, "b": 1.0}, {"a": (0.0, 2.0), "b": (0.0, 3.0)}
    )
    assert set(t["parameter"]) == {"a", "b"}
    assert t.set_index("parameter").loc["b", "swing"] == pytest.approx(6.0)

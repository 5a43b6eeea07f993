"""The old import path helpers.channels keeps working for one release, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys
import warnings

import pytest


def test_old_names_still_import_and_warn() -> None:
    sys.modules.pop("helpers.channels", None)
    with pytest.warns(
        DeprecationWarning, match="helpers.channels is deprecated; import the same names from helpers.inventory"
    ):
        channels = importlib.import_module("helpers.channels")
    from helpers import inventory

    for name in channels.__all__:
        if name != "consignment_advantage":
            assert getattr(channels, name) is getattr(inventory, name), name
    v = dict(
        price=100,
        unit_cost=60,
        commission=0.05,
        merchant_salvage=30,
        platform_salvage=30,
        return_rate=0.1,
        return_handling_cost=5,
        return_recovery=60,
        daily_median=2,
        uplift=120,
        uplift_cv=0.3,
        cv_median=0.6,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert channels.consignment_advantage(v) == pytest.approx(inventory.arrangement_gap(v, "merchant"))

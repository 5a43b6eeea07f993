"""The old module paths helpers.newsvendor and helpers.bonded keep working for one release, with a warning."""

from __future__ import annotations

import importlib
import sys
import warnings

import pytest


@pytest.mark.parametrize(
    ("old", "new_name"), [("helpers.newsvendor", "critical_fractile"), ("helpers.bonded", "optimal_promotion")]
)
def test_old_paths_import_with_a_deprecation_warning(old, new_name):
    sys.modules.pop(old, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    assert any(issubclass(w.category, DeprecationWarning) and "moved" in str(w.message) for w in caught)
    assert callable(getattr(module, new_name))


def test_bonded_shim_keeps_the_four_seller_list():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import helpers.bonded as b
    from helpers import assumptions

    p = assumptions.values(assumptions.load_assumptions("data/assumptions/bonded.csv"))
    sellers = b.build_sellers(p, tax_category="cosmetics_ordinary")
    assert len(sellers) == 4 and "consignment" in sellers[0].name
    assert sellers[3].levy.regime.category == "cosmetics_skincare_ordinary"

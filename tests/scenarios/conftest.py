"""Scenario tests: notebooks run on alternative data and settings (tests/scenarios/test_NN_*.py).

Each notebook's file keeps two to four representative scenarios unmarked (they run in CI);
the rest of its matrix is marked ``scenarios_full`` and runs on demand:
``pytest -m scenarios_full tests/scenarios``.
"""

from __future__ import annotations


def pytest_configure(config):
    config.addinivalue_line("markers", "scenarios_full: the full scenario matrix (slow; run on demand)")

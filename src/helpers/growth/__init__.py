"""Growth of an annual series: rates, growth curves, the grey model, backtests and null models.

Modules, from the bottom up (each imports only those above it in this list):

- :mod:`~helpers.growth.rates`: input checks, year-on-year growth and CAGR that
  respect changes of measurement window and coverage, the window to fit on;
- :mod:`~helpers.growth.results`: :class:`FitResult` (``summary()``,
  ``predict()``, ``fan()``), likelihood and information criteria;
- :mod:`~helpers.growth.curves`: exponential, logistic, Gompertz and polynomial fits;
- :mod:`~helpers.growth.grey`: GM(1,1) (Deng 1982);
- :mod:`~helpers.growth.models`: models by name, fitters, which models a series supports;
- :mod:`~helpers.growth.diagnostics`: raw-year collinearity, polynomial fits to many series;
- :mod:`~helpers.growth.nulls`: null models calibrated to the data (ARIMA(0,d,0) with drift);
- :mod:`~helpers.growth.backtest`: rolling-origin backtests, the Diebold-Mariano test, rankings;
- :mod:`~helpers.growth.study`: notebook 02's analysis of one platform's series in one call;
- :mod:`~helpers.growth.narrative` and :mod:`~helpers.growth.display`: its sentences and its tables,
  rounded to what they mean (imported on use, not by this ``__init__``).

Charts of all of these are in :mod:`helpers.charts.growth`. Notation follows
Hyndman & Athanasopoulos (2021), *Forecasting: Principles and Practice*, 3rd ed.
"""

from __future__ import annotations

from helpers.growth.backtest import (
    Ranking,
    dm_test,
    error_table,
    first_origin,
    holm,
    parameter_path,
    rank_models,
    rolling_origin,
)
from helpers.growth.curves import K_BOUNDS, SCALES, fit_exponential, fit_gompertz, fit_logistic, fit_polynomial
from helpers.growth.diagnostics import (
    design_condition_number,
    dropped_polynomial_terms,
    polynomial_fit_batch,
    r2_sensitivity,
    simulate_polynomial_r2,
)
from helpers.growth.grey import fit_gm11, gm11_coefficients, gm11_forecast, window_sensitivity
from helpers.growth.models import (
    MODEL_NAMES,
    Fitter,
    feasible_models,
    fit_model,
    min_points,
    model_fitters,
    model_label,
)
from helpers.growth.nulls import NULLS, null_label, null_paths, null_summary, polynomial_r2_null
from helpers.growth.rates import (
    cagr,
    cagr_table,
    check_series,
    choose_window,
    comparable_periods,
    comparable_series,
    window_breaks,
    window_lengths,
    yoy_growth,
)
from helpers.growth.results import FitResult, information_criteria, likelihood, make_result, r_squared, round_to_se

__all__ = [
    # rates
    "check_series",
    "window_lengths",
    "window_breaks",
    "choose_window",
    "comparable_series",
    "yoy_growth",
    "cagr",
    "cagr_table",
    "comparable_periods",
    # results
    "FitResult",
    "make_result",
    "likelihood",
    "information_criteria",
    "r_squared",
    "round_to_se",
    # curves
    "K_BOUNDS",
    "SCALES",
    "fit_exponential",
    "fit_logistic",
    "fit_gompertz",
    "fit_polynomial",
    # grey
    "gm11_coefficients",
    "gm11_forecast",
    "fit_gm11",
    "window_sensitivity",
    # models
    "MODEL_NAMES",
    "Fitter",
    "fit_model",
    "model_fitters",
    "min_points",
    "feasible_models",
    "model_label",
    # diagnostics
    "design_condition_number",
    "dropped_polynomial_terms",
    "polynomial_fit_batch",
    "simulate_polynomial_r2",
    "r2_sensitivity",
    # nulls
    "NULLS",
    "null_label",
    "null_paths",
    "polynomial_r2_null",
    "null_summary",
    # backtest
    "rolling_origin",
    "error_table",
    "parameter_path",
    "first_origin",
    "dm_test",
    "Ranking",
    "rank_models",
    "holm",
]

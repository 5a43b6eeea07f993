"""The SKU funnel: learning which new products are wanted, and what the learning costs.

Jumei's Liu Huipu (Tencent Tech, 14 Nov 2015) said the platform kept 1万+ SKUs after
cutting 10万+, because 七八成 (70-80%) or more of foreign products are not wanted by
Chinese consumers and finding out "needs a long accumulation of data". This subpackage
models that funnel:

* :mod:`~helpers.funnel.prior` -- a Gamma–Poisson mixture over each SKU's weekly demand
  ("unwanted" and "wanted" components), closed-form posteriors, a maximum-likelihood fit;
* :mod:`~helpers.funnel.policy` -- test-and-cut rules (posterior threshold = SPRT on the Bayes
  factor, Thompson sampling, Wald's simple SPRT) and the baselines;
* :mod:`~helpers.funnel.simulate` -- the vectorised funnel simulation;
* :mod:`~helpers.funnel.learning` -- Wald's bounds and approximations, exact operating
  characteristics by recursion, weeks needed to classify a SKU;
* :mod:`~helpers.funnel.economics` -- listing and holding costs, cost per surviving SKU,
  the value of faster learning (a Double 11 spike as an experiment), and who bears the
  learning cost under procurement and under a marketplace.
"""

from __future__ import annotations

from helpers.funnel.economics import (
    ARRANGEMENTS,
    ECONOMICS_NAMES,
    MODEL_NAMES,
    OUTCOMES,
    Economics,
    Terms,
    arrangement_table,
    cost_per_survivor,
    decision_rule,
    double11_test,
    evaluate,
    faster_learning,
    learning_cost,
    replication_costs,
    rule_table,
    solve_assumption,
    tried_share,
    value_per_sku,
)
from helpers.funnel.learning import (
    Operating,
    operating,
    posterior_error_bounds,
    prior_boundaries,
    prior_operating,
    wald_asn,
    wald_boundaries,
    wald_error_bounds,
    wald_oc,
    wald_weeks,
    weeks_to_learn,
)
from helpers.funnel.policy import (
    NEVER,
    Rule,
    exposure_schedule,
    list_everything,
    list_nothing_new,
    sprt_rule,
    thompson_rule,
    threshold_rule,
)
from helpers.funnel.prior import PRIOR_NAMES, MixtureFit, MixturePrior, fit_mixture
from helpers.funnel.simulate import FunnelRun, simulate_funnel

__all__ = [
    "ARRANGEMENTS",
    "ECONOMICS_NAMES",
    "MODEL_NAMES",
    "NEVER",
    "OUTCOMES",
    "PRIOR_NAMES",
    "Economics",
    "FunnelRun",
    "MixtureFit",
    "MixturePrior",
    "Operating",
    "Rule",
    "Terms",
    "arrangement_table",
    "cost_per_survivor",
    "decision_rule",
    "double11_test",
    "evaluate",
    "exposure_schedule",
    "faster_learning",
    "fit_mixture",
    "learning_cost",
    "list_everything",
    "list_nothing_new",
    "operating",
    "posterior_error_bounds",
    "prior_boundaries",
    "prior_operating",
    "replication_costs",
    "rule_table",
    "simulate_funnel",
    "solve_assumption",
    "sprt_rule",
    "thompson_rule",
    "threshold_rule",
    "tried_share",
    "value_per_sku",
    "wald_asn",
    "wald_boundaries",
    "wald_error_bounds",
    "wald_oc",
    "wald_weeks",
    "weeks_to_learn",
]

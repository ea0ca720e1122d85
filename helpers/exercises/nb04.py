"""Self-checks of notebook 04 (the oil trade shift). Each check recomputes from the data or model.

* :func:`check_1` — China's customs record of Iranian crude in January 2022 (tonnes), in b/d;
* :func:`check_2` — the smallest Iranian discount to Brent, in steps of ten cents, at which
  Iran's unsold barrels reach zero in the hand-tuned model, all else as in the view's defaults;
* :func:`check_3` — the spread between the highest and lowest estimate of Iran's exports in
  January 2022, in percent of the lowest.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import pandas as pd

from helpers import data
from helpers.exercises import Verdict, fail, no_answer, ok
from helpers.models import oil
from helpers.views import build

__all__ = ["CASES", "check_1", "check_2", "check_3"]


def _number(answer: Any) -> float | None:
    """Return the answer as a float if it is a finite real number (not a bool or text)."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    value = float(answer)
    return value if math.isfinite(value) else None


def _close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * abs(b)


# ------------------------------------------------------------------------------ 1


def _customs_january() -> tuple[float, int]:
    est = data.load("iran_crude_exports_estimates").set_index("row_id")
    row = est.loc["IX24"]
    return float(row["value"]), int(row["period_end"].day)


def _bpd_january() -> float:
    tonnes, days = _customs_january()
    return oil.tonnes_to_bpd(tonnes, days=days)


def check_1(answer: Any) -> Verdict:
    """Check Exercise 1: January 2022 customs imports from Iran, in barrels per day."""
    name = "Exercise 1"
    if answer is None:
        return no_answer(name)
    value = _number(answer)
    if value is None:
        return fail(name, "give one number: barrels per day (a float), not text or a list.")
    tonnes, days = _customs_january()
    expected = _bpd_january()
    if _close(value, expected, 0.01):
        return ok(name, "your answer holds: compare it with the trackers' estimates in "
                        "section 4.")
    if _close(value, expected * 1e6, 0.05):
        return fail(name, "a million times too large: the value column of row IX24 is already "
                          "in tonnes (unit t), not in million tonnes (Mt), so do not multiply "
                          "it by 1e6 as section 1 did for volume_mt.")
    if _close(value, expected / 1e6, 0.1):
        return fail(name, "a million times too small: either you gave million b/d (mb/d), or "
                          "you passed the tonnes as million tonnes (Mt). Pass the value column "
                          "as it is (tonnes) and answer in barrels per day, not mb/d.")
    if _close(value, expected / 1e3, 0.1):
        return fail(name, "the unit asked for is barrels per day, not thousand b/d.")
    if _close(value, expected * days, 0.01):
        return fail(name, "that is the barrels of the whole month; divide by its days.")
    if _close(value, tonnes / days, 0.01):
        return fail(name, "that is tonnes per day; convert tonnes to barrels first.")
    if any(_close(value, oil.tonnes_to_bpd(tonnes, days=d), 0.001) for d in (28, 30, 365)):
        return fail(name, "check the number of days: the figure covers one calendar month.")
    return fail(name, "use the notebook's converter oil.tonnes_to_bpd(tonnes, days=...) on the "
                      "customs row for January 2022 (row IX24).")


# ------------------------------------------------------------------------------ 2


def _defaults() -> dict[str, Any]:
    """Return the model's arguments at the view's defaults (the hand-tuned calibration)."""
    return build("oil").model_kwargs()


def _unsold(kwargs: dict[str, Any], discount: float) -> float:
    """Unsold Iranian crude (mb/d) at an Iranian discount, all else as in ``kwargs``."""
    changed = {**kwargs, "discount_usd": {**kwargs["discount_usd"], "iran": discount}}
    return oil.teapot_choice(**changed).iran_unsold_mbd


def _zero_unsold_discount(kwargs: dict[str, Any]) -> float:
    """Smallest Iranian discount (bisection to 1e-6 $/bbl) with no unsold Iranian crude."""
    lo, hi = kwargs["discount_usd"]["iran"], oil.SLIDERS["discount_usd"][1]

    def unsold(d: float) -> float:
        return _unsold(kwargs, d)

    if unsold(hi) > 0:
        raise RuntimeError("no discount in the slider range clears Iran's unsold barrels")
    while hi - lo > 1e-6:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if unsold(mid) > 0 else (lo, mid)
    return hi


def check_2(answer: Any) -> Verdict:
    """Check Exercise 2: the Iranian discount ($/bbl) at which unsold barrels reach zero."""
    name = "Exercise 2"
    if answer is None:
        return no_answer(name)
    value = _number(answer)
    if value is None:
        return fail(name, "give one number: a discount to Brent in US$ per barrel.")
    kwargs = _defaults()
    expected = _zero_unsold_discount(kwargs)  # the exact threshold; answers step by 10 cents
    start = kwargs["discount_usd"]["iran"]
    if expected <= value < expected + 0.1 + 1e-9:
        return ok(name, "your answer holds (the first ten-cent step with nothing unsold).")
    if abs(value - (expected - start)) <= 0.1:
        return fail(name, "that is the extra discount; the control wants the whole discount to "
                          "Brent.")
    lo, hi = oil.SLIDERS["discount_usd"][:2]
    if not lo <= value <= hi:
        return fail(name, f"a discount must lie in [{lo:g}, {hi:g}] $/bbl.")
    if value < expected:
        return fail(name, "at that discount the model still leaves some Iranian barrels unsold "
                          f"({_unsold(kwargs, value):.4f} mb/d); try a deeper discount.")
    return fail(name, "at that discount nothing is unsold, but a discount at least ten cents "
                      "smaller already clears the barrels; step in tenths of a dollar and keep "
                      "the first one with nothing unsold.")


# ------------------------------------------------------------------------------ 3


def _january_spread() -> tuple[float, float]:
    """Lowest and highest one-month export estimate for January 2022 (by calendar fields)."""
    est = data.load("iran_crude_exports_estimates")
    start, end = est["period_start"], est["period_end"]
    jan = est[(est["measure"] == "export_rate") & (start.dt.year == 2022) & (start.dt.month == 1)
              & (start.dt.day == 1) & (end.dt.year == 2022) & (end.dt.month == 1)
              & (end.dt.day == 31)]
    if len(jan) < 2:
        raise RuntimeError("expected two or more January 2022 export estimates")
    return float(jan["value"].min()), float(jan["value"].max())


def check_3(answer: Any) -> Verdict:
    """Check Exercise 3: the January 2022 export spread, in percent of the lowest estimate."""
    name = "Exercise 3"
    if answer is None:
        return no_answer(name)
    value = _number(answer)
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool) \
            and math.isnan(float(answer)):
        return fail(name, "your answer is NaN (not a number): the rows you selected are "
                          "probably empty. Print them, and compare dates with pd.Timestamp as "
                          "in 'Tools for these exercises'.")
    if value is None:
        return fail(name, "give one number: a percentage (e.g. 12.5 for 12.5%).")
    low, high = _january_spread()
    expected = 100 * (high - low) / low
    if abs(value - expected) <= 0.5:
        return ok(name, "your answer holds. Now write down two reasons why the trackers differ.")
    if abs(value - expected / 100) <= 0.005:
        return fail(name, "that looks like a fraction; give the percentage (times 100).")
    if _close(value, high - low, 0.01):
        return fail(name, "that is the spread in barrels per day; express it in percent of the "
                          "lowest estimate.")
    if abs(value - 100 * (high - low) / high) <= 0.5:
        return fail(name, "divide by the lowest estimate, not the highest.")
    return fail(name, "use only the two export estimates for January 2022 (one month, all "
                      "destinations): (highest - lowest) / lowest x 100.")


# ------------------------------------------------------------------------------ cases


def _case_1() -> tuple[float, list[Any]]:
    estimates = data.load("iran_crude_exports_estimates").set_index("row_id", drop=False)
    solution = oil.tonnes_to_bpd(estimates.loc["IX24", "value"], days=31)  # as the solution
    tonnes, days = _customs_january()
    mt_input = oil.tonnes_to_bpd(tonnes / 1e6, days=31)  # the tonnes passed as Mt
    return solution, [solution / 1e6, round(solution / 1e6, 2), mt_input, solution * 1e6,
                      solution * days, tonnes / days, oil.tonnes_to_bpd(tonnes, days=30),
                      "61000", True]


def _case_2() -> tuple[float, list[Any]]:
    view = build("oil")  # the notebook's solution: a for loop over ten-cent steps
    view.reset()
    for discount in [x / 10 for x in range(100, 400)]:
        run = oil.teapot_choice(**view.model_kwargs(discount_iran=discount))
        if run.iran_unsold_mbd == 0:
            break
    solution = discount
    start = view.params["discount_iran"]
    return solution, [start, solution - start, round(solution - 0.1, 1), solution + 0.5,
                      45.0, "16"]


def _case_3() -> tuple[float, list[Any]]:
    # the notebook's solution: boolean indexing, dates compared with pd.Timestamp
    estimates = data.load("iran_crude_exports_estimates").set_index("row_id", drop=False)
    jan = estimates[(estimates["measure"] == "export_rate")
                    & (estimates["period_start"] == pd.Timestamp("2022-01-01"))
                    & (estimates["period_end"] == pd.Timestamp("2022-01-31"))]
    solution = (jan["value"].max() - jan["value"].min()) / jan["value"].min() * 100
    low, high = _january_spread()
    return solution, [solution / 100, high - low, 100 * (high - low) / high, 0.0,
                      float("nan")]


CASES = {"check_1": _case_1, "check_2": _case_2, "check_3": _case_3}

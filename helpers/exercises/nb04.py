"""Self-checks of notebook 04 (the oil trade shift). Each check recomputes from the data or model.

* :func:`check_1` — China's customs record of Iranian crude in January 2022 (tonnes), in b/d;
* :func:`check_2` — the Iranian discount to Brent at which Iran's unsold barrels reach zero in
  the hand-tuned model, all else as in the view's defaults;
* :func:`check_3` — the spread between the highest and lowest estimate of Iran's exports in
  January 2022, in percent of the lowest.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

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
    if _close(value, expected / 1e6, 0.01) or _close(value, expected / 1e3, 0.01):
        return fail(name, "the unit asked for is barrels per day, not million or thousand b/d.")
    if _close(value, expected * days, 0.01):
        return fail(name, "that is the barrels of the whole month; divide by its days.")
    if _close(value, tonnes / days, 0.01):
        return fail(name, "that is tonnes per day; convert tonnes to barrels first.")
    if any(_close(value, oil.tonnes_to_bpd(tonnes, days=d), 0.001) for d in (28, 30, 365)):
        return fail(name, "check the number of days: the figure covers one calendar month.")
    return fail(name, "use the notebook's converter oil.tonnes_to_bpd(tonnes, days=...) on the "
                      "customs row for January 2022 (row IX24).")


# ------------------------------------------------------------------------------ 2


def _zero_unsold_discount() -> float:
    """Smallest Iranian discount (bisection to 1e-6 $/bbl) with no unsold Iranian crude."""
    view = build("oil")
    lo, hi = view.params["discount_iran"], oil.SLIDERS["discount_usd"][1]

    def unsold(d: float) -> float:
        return oil.teapot_choice(**view.model_kwargs(discount_iran=d)).iran_unsold_mbd

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
    expected = _zero_unsold_discount()
    start = build("oil").params["discount_iran"]
    if abs(value - expected) <= 0.25:
        return ok(name, "your answer holds (to within 25 cents a barrel).")
    if abs(value - (expected - start)) <= 0.25:
        return fail(name, "that is the extra discount; the control wants the whole discount to "
                          "Brent.")
    lo, hi = oil.SLIDERS["discount_usd"][:2]
    if not lo <= value <= hi:
        return fail(name, f"a discount must lie in [{lo:g}, {hi:g}] $/bbl.")
    if value < expected:
        return fail(name, "at that discount the model still leaves Iranian barrels unsold; "
                          "try a deeper discount.")
    return fail(name, "at that discount nothing is unsold, but a smaller discount already "
                      "clears the barrels; look for the smallest one.")


# ------------------------------------------------------------------------------ 3


def _january_spread() -> tuple[float, float]:
    est = data.load("iran_crude_exports_estimates")
    jan = est[(est["measure"] == "export_rate") & (est["period_start"] == "2022-01-01")
              & (est["period_end"] == "2022-01-31")]
    return float(jan["value"].min()), float(jan["value"].max())


def check_3(answer: Any) -> Verdict:
    """Check Exercise 3: the January 2022 export spread, in percent of the lowest estimate."""
    name = "Exercise 3"
    if answer is None:
        return no_answer(name)
    value = _number(answer)
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
    tonnes, days = _customs_january()
    solution = oil.tonnes_to_bpd(tonnes, days=31)
    return solution, [solution / 1e6, solution * days, tonnes / days,
                      oil.tonnes_to_bpd(tonnes, days=30), "61000", True]


def _case_2() -> tuple[float, list[Any]]:
    view = build("oil")  # the notebook's solution: step the discount by 10 cents from the default
    discount = view.params["discount_iran"]
    while oil.teapot_choice(**view.model_kwargs(discount_iran=discount)).iran_unsold_mbd > 0:
        discount = round(discount + 0.1, 1)
    solution = discount
    return solution, [view.params["discount_iran"], solution - view.params["discount_iran"],
                      solution + 5, 45.0, "16"]


def _case_3() -> tuple[float, list[Any]]:
    low, high = _january_spread()
    solution = (high - low) / low * 100
    return solution, [solution / 100, high - low, 100 * (high - low) / high, 0.0]


CASES = {"check_1": _case_1, "check_2": _case_2, "check_3": _case_3}

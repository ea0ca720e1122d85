"""Self-checks for notebook 05 (sanction dynamics): oil revenue, the outside option, the research.

Each check recomputes its answer from the course data and :mod:`helpers.models.sanctions`, so a
change in the data or the model changes what is accepted; none stores the answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from helpers import data
from helpers.exercises import Verdict, _as_number, fail, no_answer, ok
from helpers.models.sanctions import DAYS_PER_YEAR, deal_split, iran_oil_revenue_busd
from helpers.views.sanctions import FALLBACK_US_BUSD, SURPLUS_BUSD

__all__ = ["CASES", "DISCOUNT_EX1", "POWER_EX2", "TOLERANCE_EX1", "TOLERANCE_EX3", "check_1",
           "check_2", "check_3"]

#: The illustrative discount (US$/bbl) that exercise 1 asks for.
DISCOUNT_EX1 = 10.0
#: Iran's illustrative bargaining power in exercise 2.
POWER_EX2 = 0.35


# ------------------------------------------------------------------------------ exercise 1


#: How close an answer to exercise 1 must be, $bn/yr: rounded to one decimal is enough.
TOLERANCE_EX1 = 0.05
#: How close an answer to exercise 3 must be, percentage points: one decimal is plenty.
TOLERANCE_EX3 = 0.5


def _ex1_inputs() -> tuple[float, float, float]:
    """Petro-Logistics' and SVB's January 2022 rates (mb/d) and January 2022 Brent ($/bbl)."""
    est = data.load("iran_crude_exports_estimates").set_index("row_id")
    brent = data.load("brent_monthly").set_index("date")["price"]
    return (float(est.loc["IX08", "value"]) / 1e6, float(est.loc["IX09", "value"]) / 1e6,
            float(brent.loc["2022-01-15"]))


def _last_brent_before_article() -> float:
    """Brent of June 2022, the last full month before the article ($/bbl)."""
    brent = data.load("brent_monthly")
    return float(brent[brent["date"] < "2022-07-01"].iloc[-1]["price"])


def check_1(answer: Any) -> Verdict:
    """Exercise 1: SVB's minus Petro-Logistics' January 2022 revenue, in $bn per year."""
    name = "Exercise 1"
    if answer is None:
        return no_answer(name)
    x = _as_number(name, answer, "$bn per year")
    if isinstance(x, Verdict):
        return x
    low, high, brent = _ex1_inputs()
    rev_low = iran_oil_revenue_busd(low, brent, DISCOUNT_EX1)
    rev_high = iran_oil_revenue_busd(high, brent, DISCOUNT_EX1)
    gap = rev_high - rev_low
    if math.isclose(x, gap, abs_tol=TOLERANCE_EX1):
        return ok(name, "your answer holds: the two trackers' estimates for one month differ by "
                        "this much revenue a year.")
    if math.isclose(x, -gap, abs_tol=TOLERANCE_EX1):
        return fail(name, "right size, wrong sign: take SVB's revenue minus Petro-Logistics'.")
    june = iran_oil_revenue_busd(high, _last_brent_before_article(), DISCOUNT_EX1) - \
        iran_oil_revenue_busd(low, _last_brent_before_article(), DISCOUNT_EX1)
    if math.isclose(x, june, abs_tol=TOLERANCE_EX1):
        return fail(name, "that uses June 2022's Brent (the view's default); the estimates are "
                          "for January 2022, so use January's Brent: "
                          "brent.set_index(\"date\").loc[\"2022-01-15\", \"price\"].")
    if math.isclose(x, gap * 1000 / DAYS_PER_YEAR, rel_tol=0.01):
        return fail(name, "that looks like millions of dollars per day; the function returns "
                          "billions per year, use its result directly.")
    no_discount = (high - low) * brent * DAYS_PER_YEAR / 1000
    if math.isclose(x, no_discount, rel_tol=0.005):
        return fail(name, "did you leave out the discount? Pass discount_usd=10.0.")
    if any(math.isclose(x, r, rel_tol=0.005) for r in (rev_low, rev_high)):
        return fail(name, "that is one tracker's revenue; the exercise asks for the difference "
                          "between the two.")
    if abs(x - gap) <= 3 * TOLERANCE_EX1:
        return fail(name, f"close, but not within {TOLERANCE_EX1}: keep at least one decimal and "
                          "round the last digit (round(x, 1)) rather than cutting it off.")
    return fail(name, "compute each tracker's revenue with iran_oil_revenue_busd (barrels in "
                      "million barrels a day: divide bpd by 1,000,000), January 2022 Brent and "
                      "a $10 discount, then subtract. Rounded to one decimal is precise enough.")


# ------------------------------------------------------------------------------ exercise 2


def _ex2_threshold(step: float = 0.01) -> float:
    """Return the largest fallback at which the outside reading leaves Iran's amount as at 0."""
    base = deal_split(SURPLUS_BUSD, 0.0, FALLBACK_US_BUSD, POWER_EX2, "outside").iran
    last, k = 0.0, 0
    while (f := k * step) <= SURPLUS_BUSD - FALLBACK_US_BUSD:
        if deal_split(SURPLUS_BUSD, f, FALLBACK_US_BUSD, POWER_EX2, "outside").iran > base:
            break
        last, k = f, k + 1
    return last


def check_2(answer: Any) -> Verdict:
    """Exercise 2: the fallback ($bn/yr) above which the outside reading moves Iran's share."""
    name = "Exercise 2"
    if answer is None:
        return no_answer(name)
    x = _as_number(name, answer, "$bn per year")
    if isinstance(x, Verdict):
        return x
    threshold = _ex2_threshold()
    # Up to the threshold itself (a scan in steps of 0.5 may stop just below it); above it,
    # Iran's amount has already changed, so such an answer does not hold.
    if -0.5 <= x - threshold <= 1e-6:
        return ok(name, "your answer holds: below this fallback a threat to walk away is empty.")
    if 0 < x < 1 and abs(x * SURPLUS_BUSD - threshold) <= 0.5:
        return fail(name, "that is a share of the deal; give the fallback in $bn per year.")
    if abs(x - 0.5 * SURPLUS_BUSD) <= 0.5 and POWER_EX2 != 0.5:
        return fail(name, f"that is where the option binds with β = 0.5, the view's default; "
                          f"this exercise sets iran_power={POWER_EX2}.")
    if threshold < x <= threshold + 1.0:
        return fail(name, "at this fallback Iran's amount is already higher than with no "
                          "fallback; give the last fallback at which it is still the same.")
    if x <= 0.5:
        return fail(name, "in the impasse reading every dollar counts from the start; in the "
                          "outside reading look for where the dashed curve stops being flat.")
    if abs(x - (SURPLUS_BUSD - FALLBACK_US_BUSD)) <= 0.5:
        return fail(name, "that is where the deal disappears (the fallbacks exceed S); the "
                          "outside option starts to bind earlier.")
    if abs(x - (1 - POWER_EX2) * SURPLUS_BUSD) <= 0.5:
        return fail(name, "that is the US's share of S; compare Iran's fallback with Iran's "
                          "share.")
    return fail(name, f"compute deal_split(..., iran_power={POWER_EX2}, mode=\"outside\") for "
                      "fallbacks from 0 upward (a for loop, as in the Tools cell) and find the "
                      "last one that leaves Iran's amount unchanged; or use the outside-option "
                      "formula of section 5.")


# ------------------------------------------------------------------------------ exercise 3


def _ex3_inputs() -> tuple[float, float, float]:
    """HSE's cases and successes (2nd ed.) and Pape's successes that hold up."""
    research = data.load("sanctions_research").set_index("row_id")
    return (float(research.loc["SR06", "value"]), float(research.loc["SR07", "value"]),
            float(research.loc["SR12", "value"]))


def check_3(answer: Any) -> Verdict:
    """Exercise 3: Pape's successes as a percentage of HSE's cases."""
    name = "Exercise 3"
    if answer is None:
        return no_answer(name)
    x = _as_number(name, answer, "percent")
    if isinstance(x, Verdict):
        return x
    cases, successes, pape = _ex3_inputs()
    share = 100 * pape / cases
    if math.isclose(x, share, abs_tol=TOLERANCE_EX3):
        return ok(name, "your answer holds: same cases, a different verdict on what counts as "
                        "a success.")
    if math.isclose(x, share / 100, abs_tol=0.0005):
        return fail(name, "that is a fraction; the exercise asks for a percentage (times 100).")
    if math.isclose(x, 100 * pape / successes, abs_tol=0.05):
        return fail(name, "that is a share of the 40 successes; divide by all of HSE's cases.")
    if math.isclose(x, 100 * successes / cases, abs_tol=0.5):
        return fail(name, "that is HSE's own rate; use the number of successes Pape accepts.")
    return fail(name, "divide Pape's count of successes that hold up (row SR12) by HSE's "
                      "number of cases (row SR06), times 100; one decimal is precise enough.")


# ------------------------------------------------------------------------------ test cases


def _case_1() -> tuple[Any, list[Any]]:
    est = data.load("iran_crude_exports_estimates").set_index("row_id")
    brent = data.load("brent_monthly").set_index("date")["price"]
    jan = brent.loc["2022-01-15"]
    svb = iran_oil_revenue_busd(est.loc["IX09", "value"] / 1e6, jan, 10.0)
    pl = iran_oil_revenue_busd(est.loc["IX08", "value"] / 1e6, jan, 10.0)
    gap = svb - pl
    no_disc = (est.loc["IX09", "value"] - est.loc["IX08", "value"]) / 1e6 * jan * 0.365
    june = (est.loc["IX09", "value"] - est.loc["IX08", "value"]) / 1e6 * \
        (brent.loc["2022-06-15"] - 10.0) * 0.365
    return gap, [-gap, gap * 1000 / 365, no_disc, svb, pl, june, gap + 0.1, "10.7", True]


def _case_2() -> tuple[Any, list[Any]]:
    # The notebook's solution: a plain for loop over fallbacks 0, 0.5, ..., 90.
    base = deal_split(SURPLUS_BUSD, 0.0, FALLBACK_US_BUSD, 0.35, "outside").iran
    answer = 0.0
    for k in range(181):
        if deal_split(SURPLUS_BUSD, k / 2, FALLBACK_US_BUSD, 0.35, "outside").iran == base:
            answer = k / 2
    return answer, [0.0, 0.35, SURPLUS_BUSD - FALLBACK_US_BUSD, 65.0, 50.0, answer + 0.5,
                    answer - 1.0, "35"]


def _case_3() -> tuple[Any, list[Any]]:
    research = data.load("sanctions_research").set_index("row_id")
    answer = 100 * research.loc["SR12", "value"] / research.loc["SR06", "value"]
    return answer, [answer / 100, 12.5, 100 * 40 / 115, 34.0, answer + 0.6, float("nan"),
                    [4.35]]


CASES: dict[str, Callable[[], tuple[Any, list[Any]]]] = {
    "check_1": _case_1,
    "check_2": _case_2,
    "check_3": _case_3,
}

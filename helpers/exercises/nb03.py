"""Self-checks for notebook 03 (the Astana format).

Each check recomputes its answer from the course data (``astana_rounds.csv``,
``astana_participants.csv``) or from the bargaining model with the notebook's illustrative inputs
(:mod:`helpers.views.astana`), and never shows it: a wrong answer gets a hint.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers import data
from helpers.data.actors import actor_name
from helpers.exercises import Verdict, fail, no_answer, ok
from helpers.models.astana import astana_bargain
from helpers.views.astana import ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_OPTION, ILLUSTRATIVE_STATUS_QUO

__all__ = ["CASES", "check_1", "check_2", "check_3"]

#: Bargaining weight of Turkey in exercise 2 (the others keep weight 1).
EX2_TURKEY_WEIGHT = 3.0
#: Accepted error per coordinate / per share: answers rounded to 2 decimals pass.
_TOL = 5e-3 + 1e-9
#: Within this per coordinate / share, an answer is "close": the hint asks for more decimals.
_TOL_CLOSE = 3e-2


def _article_date() -> pd.Timestamp:
    return pd.Timestamp(data.seed_meta()["events_date"])


def _city_counts(before: bool = True) -> dict[str, int]:
    rounds = data.load("astana_rounds")
    keep = rounds["start_date"] <= _article_date() if before else rounds["start_date"].notna()
    counts = rounds.loc[keep, "city"].astype(str).value_counts()
    return {str(k): int(v) for k, v in counts.items() if v > 0}


def _host_country_cities() -> set[str]:
    """City names of the rounds held in the host's country (Kazakhstan), from the data."""
    rounds = data.load("astana_rounds")
    parts = data.load("astana_participants")
    host = parts.loc[parts["role"] == "host", "actor_id"].iloc[0]
    country = actor_name(str(host))
    return set(rounds.loc[rounds["country"].astype(str) == country, "city"].astype(str))


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def check_1(answer: Any) -> Verdict:
    """Exercise 1: rounds held in each city under its name at the time, up to 19 July 2022.

    Expects a dict city name (str) -> number of rounds (int), e.g. ``{"Astana": ..., ...}``.
    """
    ex = "Exercise 1"
    if answer is None:
        return no_answer(ex)
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping) or not all(
            isinstance(k, str) and _is_int(v) for k, v in answer.items()):
        return fail(ex, "give a dict from city name (str) to a number of rounds (int), e.g. "
                        "dict(value_counts) of the rounds' city column.")
    right = _city_counts()
    got = {k: int(v) for k, v in answer.items() if v != 0}
    if got == right:
        return ok(ex, f"{sum(right.values())} rounds up to the article, under "
                      f"{len(right)} city names.")
    if got == _city_counts(before=False):
        return fail(ex, "you counted every round in the file: keep only rounds that started "
                        "on or before 19 July 2022.")
    missing = set(right) - set(got)
    if missing and set(got) <= set(right) and not (missing & _host_country_cities()):
        return fail(ex, "count every round, not only those in Kazakhstan: a round held in "
                        "another country counts too, under the name of its own city.")
    if set(got) != set(right):
        return fail(ex, "use the city names as the data write them (the name used at the time "
                        "of each round); check the spelling and which names occur before the "
                        "article.")
    return fail(ex, "some counts are off: filter rounds by start_date <= the article's date, "
                    "then count the city column.")


def _ex2_deal() -> tuple[float, float]:
    weights = {a: 1.0 for a in ILLUSTRATIVE_IDEALS} | {"TUR": EX2_TURKEY_WEIGHT}
    return astana_bargain(ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_STATUS_QUO, weights,
                          ILLUSTRATIVE_OPTION).point


def _point(answer: Any) -> tuple[float, float] | None:
    if isinstance(answer, str | bytes | Mapping) or not hasattr(answer, "__len__") \
            or len(answer) != 2:
        return None
    try:
        x, y = (float(v) for v in answer)
    except (TypeError, ValueError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def _near(a: tuple[float, float], b: tuple[float, float], tol: float = _TOL) -> bool:
    """Each coordinate within ``tol`` (2-decimal rounding passes with the default)."""
    return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


def check_2(answer: Any) -> Verdict:
    """Exercise 2: the deal with Turkey's weight raised to 3 (operation credible, others 1).

    Expects the deal point as a pair ``(x, y)`` of floats in policy units; each coordinate may
    be off by up to 0.005 (rounded to 2 decimals).
    """
    ex = "Exercise 2"
    if answer is None:
        return no_answer(ex)
    pt = _point(answer)
    if pt is None:
        return fail(ex, "give the deal as a pair (x, y) of numbers, e.g. result.point.")
    if _near(pt, _ex2_deal()):
        return ok(ex, "the deal moves toward Turkey's ideal point: its bargaining weight pulls "
                      "the weighted Nash product its way.")
    base = astana_bargain(ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_STATUS_QUO,
                          unilateral=ILLUSTRATIVE_OPTION)
    weights = {a: 1.0 for a in ILLUSTRATIVE_IDEALS} | {"TUR": EX2_TURKEY_WEIGHT}
    heavy = astana_bargain(ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_STATUS_QUO, weights,
                           ILLUSTRATIVE_OPTION)
    if _near(pt, base.point):
        return fail(ex, "that is the deal with equal weights: pass weights= with Turkey's "
                        "weight set to 3.")
    if _near(pt, heavy.compromise) or _near(pt, base.compromise):
        return fail(ex, "that is the compromise point (a weighted mean), not the deal: use the "
                        "result's point.")
    if _near(pt, ILLUSTRATIVE_STATUS_QUO):
        return fail(ex, "that is the status quo, the gridlock outcome: pass Turkey's operation "
                        "as unilateral= so that the reversion moves.")
    if _near(pt, heavy.point, _TOL_CLOSE):
        return fail(ex, "close, but not within 0.005 of the deal: give each coordinate to 3 "
                        "decimals, e.g. tuple(round(c, 3) for c in result.point).")
    return fail(ex, "not the model's deal for these inputs: use ideals and status_quo of "
                    "section 5 and option of section 6 unchanged, and weight 3 for Turkey only.")


def _banzhaf_unanimity(players: list[str]) -> dict[str, float]:
    """Normalised Banzhaf index under unanimity, by enumerating every coalition."""
    grand = frozenset(players)
    coalitions = [frozenset(c) for k in range(1, len(players) + 1)
                  for c in itertools.combinations(players, k)]
    critical = {p: sum(c == grand and (c - {p}) != grand for c in coalitions if p in c)
                for p in players}
    total = sum(critical.values())
    return {p: n / total for p, n in critical.items()}


def _guarantors() -> list[str]:
    parts = data.load("astana_participants")
    return list(parts.loc[parts["role"] == "guarantor", "actor_id"])


def check_3(answer: Any) -> Verdict:
    """Exercise 3: each guarantor's normalised Banzhaf index under the consensus rule.

    Expects a dict actor id (str) -> share (float), the shares summing to 1; each share may be
    off by up to 0.005 (rounded to 2 decimals).
    """
    ex = "Exercise 3"
    if answer is None:
        return no_answer(ex)
    if not isinstance(answer, Mapping) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in answer.values()):
        return fail(ex, "give a dict from actor id (e.g. 'RUS') to a share (float).")
    right = _banzhaf_unanimity(_guarantors())
    if set(answer) != set(right):
        return fail(ex, f"use the {len(right)} guarantors' actor ids as keys, as in the "
                        "participants table.")
    if all(abs(float(answer[p]) - v) <= _TOL for p, v in right.items()):
        return ok(ex, "under unanimity each guarantor is critical in exactly one winning "
                      "coalition, the same one: the index cannot tell them apart.")
    if all(abs(float(answer[p]) - v) <= _TOL_CLOSE for p, v in right.items()):
        return fail(ex, "close, but a share is off by more than 0.005: give each share to 3 "
                        "decimals, or let Python do the division.")
    if all(abs(float(v)) <= _TOL for v in answer.values()):
        return fail(ex, "all zeros means no guarantor is ever critical: but some coalition "
                        "can decide. Which one, and what happens to it when one member leaves?")
    if abs(sum(float(v) for v in answer.values()) - 1.0) > 3 * _TOL:
        return fail(ex, "normalise: divide each count of critical memberships by the total, "
                        "so that the shares sum to 1.")
    return fail(ex, "under consensus, which coalitions can pass a decision, and whose leaving "
                    "makes each of them fail? Count those memberships per guarantor.")


def _solution_3() -> dict[str, float]:
    """Exercise 3 computed as its collapsed solution does (coalitions enumerated)."""
    parts = data.load("astana_participants")
    guarantors = list(parts.loc[parts["role"] == "guarantor", "actor_id"])
    coalitions = [set(c) for k in range(1, 4) for c in itertools.combinations(guarantors, k)]

    def wins(c: set[str]) -> bool:
        return c == set(guarantors)  # consensus: every guarantor must agree

    critical = {g: sum(wins(c) and not wins(c - {g}) for c in coalitions) for g in guarantors}
    return {g: n / sum(critical.values()) for g, n in critical.items()}


CASES = {
    "check_1": lambda: (
        dict(data.load("astana_rounds").loc[lambda r: r["start_date"] <= _article_date(), "city"]
             .value_counts()),
        [_city_counts(before=False), {"Astana": 18}, {"Astana": 10, "Nursultan": 6, "Sochi": 2},
         {"Astana": 10, "Nur-Sultan": 6},
         {"Astana": 10, "Nur-Sultan": 6, "Sochi": 3}, [10, 6, 2]]),
    "check_2": lambda: (
        astana_bargain(ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_STATUS_QUO,
                       weights={"TUR": EX2_TURKEY_WEIGHT}, unilateral=ILLUSTRATIVE_OPTION).point,
        [astana_bargain(ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_STATUS_QUO,
                        unilateral=ILLUSTRATIVE_OPTION).point,
         ILLUSTRATIVE_STATUS_QUO, (0.54, 0.63), "0.41, 0.78", (0.3, 0.9), (0.4, 0.8)]),
    "check_3": lambda: (
        _solution_3(),
        [{"RUS": 0.5, "IRN": 0.25, "TUR": 0.25}, {"RUS": 1, "IRN": 1, "TUR": 1},
         {"RUS": 1 / 3, "IRN": 1 / 3}, {"RUS": 1.0, "IRN": 0.0, "TUR": 0.0},
         {"RUS": 0.3, "IRN": 0.3, "TUR": 0.3}, {"RUS": 0.0, "IRN": 0.0, "TUR": 0.0}]),
}

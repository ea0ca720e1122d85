"""Hand-checked cases for helpers.models.astana (weighted Nash bargaining among veto players).

The references used here are written independently of the module: squared distances computed
directly, closed forms derived from the first-order conditions (derivations in the comments),
brute-force convex hulls and distances over all pairs and triples of points, and grid searches.
"""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError
from itertools import combinations

import numpy as np
import pytest

from helpers.checks import ParameterError
from helpers.models.astana import (
    HULL_TOL,
    BargainResult,
    astana_bargain,
    convex_hull,
    hull_distance,
    in_win_set,
)

pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

# illustrative positions, as in the notebook (not data)
IDEALS = {"RUS": (0.85, 0.35), "IRN": (0.95, 0.10), "TUR": (0.30, 0.90)}
Q = (0.6, 0.6)
Z_TUR = (0.55, 0.95)


# ------------------------------------------------------------------------------ references


def sq(a, b) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def gains_ref(x, r, ideals) -> dict[str, float]:
    """u_i(x) - u_i(r) with u_i = -squared distance, computed directly."""
    return {k: sq(r, t) - sq(x, t) for k, t in ideals.items()}


def nash_log_product(x, r, ideals, weights=None) -> float:
    """sum_i w_i ln(gain_i), -inf outside the win-set."""
    w = weights or {}
    g = gains_ref(x, r, ideals)
    if min(g.values()) <= 0:
        return -math.inf
    return sum(w.get(k, 1.0) * math.log(v) for k, v in g.items())


def seg_dist(p, a, b) -> float:
    ab = (b[0] - a[0], b[1] - a[1])
    den = ab[0] ** 2 + ab[1] ** 2
    t = 0.0 if den == 0 else ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / den
    t = min(1.0, max(0.0, t))
    return math.dist(p, (a[0] + t * ab[0], a[1] + t * ab[1]))


def in_some_triangle(p, pts, tol=0.0) -> bool:
    """Caratheodory in the plane: p is in the hull iff it is in a triangle of three points."""
    for a, b, c in combinations(pts, 3):
        det = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])
        if abs(det) < 1e-14:
            continue
        l1 = ((b[0] - p[0]) * (c[1] - p[1]) - (c[0] - p[0]) * (b[1] - p[1])) / det
        l2 = ((c[0] - p[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (c[1] - p[1])) / det
        if min(l1, l2, 1 - l1 - l2) >= -tol:
            return True
    return False


def brute_distance(p, pts) -> float:
    """Distance to the hull: 0 inside a triangle, else the nearest of all pairwise segments."""
    if in_some_triangle(p, pts):
        return 0.0
    return min(seg_dist(p, a, b) for a in pts for b in pts)


def close(x: float, y: float, tol: float = 1e-12) -> bool:
    return math.isclose(x, y, rel_tol=tol, abs_tol=tol)


# ------------------------------------------------------------------------------ the illustration


def test_illustration_status_quo_is_gridlock():
    # (0.6, 0.6) satisfies x + y = 1.2, like both Turkey (0.3, 0.9) and Russia (0.85, 0.35):
    # it lies on the Turkey-Russia edge of the core, so nothing beats it unanimously.
    res = astana_bargain(IDEALS, Q)
    assert isinstance(res, BargainResult)
    assert res.agreed is False and res.credible is False
    assert res.point == Q and res.reversion == Q
    assert res.gains == {"RUS": 0.0, "IRN": 0.0, "TUR": 0.0}
    assert res.hull_distance <= HULL_TOL
    assert close(res.compromise[0], 0.7) and close(res.compromise[1], 0.45)


def test_illustration_credible_turkish_option_unlocks_a_deal():
    # ||z - TUR||^2 = 0.25^2 + 0.05^2 = 0.065 < ||q - TUR||^2 = 0.3^2 + 0.3^2 = 0.18: credible
    res = astana_bargain(IDEALS, Q, unilateral=("TUR", Z_TUR))
    assert res.credible is True and res.agreed is True
    assert res.reversion == Z_TUR
    assert abs(res.point[0] - 0.438) < 5e-4 and abs(res.point[1] - 0.749) < 5e-4
    # Russia and Iran prefer the deal to letting Turkey act alone; Turkey gains too
    ref = gains_ref(res.point, Z_TUR, IDEALS)
    for k, v in res.gains.items():
        assert v > 0 and close(v, ref[k])
    # distance of z to the hull: z is beyond the edge x + y = 1.2 by 0.3 / sqrt(2)
    assert close(res.hull_distance, 0.3 / math.sqrt(2))


def test_illustration_first_order_conditions():
    # grad of sum ln(g_i) = sum -2 (x - theta_i) / g_i must vanish at an interior optimum
    res = astana_bargain(IDEALS, Q, unilateral=("TUR", Z_TUR))
    x = res.point
    g = gains_ref(x, Z_TUR, IDEALS)
    terms = [(-2 * (x[0] - t[0]) / g[k], -2 * (x[1] - t[1]) / g[k]) for k, t in IDEALS.items()]
    grad = (sum(t[0] for t in terms), sum(t[1] for t in terms))
    size = sum(math.hypot(*t) for t in terms)
    assert math.hypot(*grad) <= 1e-11 * size


def test_exact_solution_beats_a_fine_grid_restricted_to_the_win_set():
    # weighted variant of the illustration, grid search over the win-set (501 x 501)
    weights = {"RUS": 3.0, "TUR": 0.5}
    res = astana_bargain(IDEALS, Q, weights=weights, unilateral=("TUR", Z_TUR))
    xs = np.linspace(0, 1, 501)
    X, Y = np.meshgrid(xs, xs)
    total = np.zeros_like(X)
    inside = np.ones_like(X, dtype=bool)
    for k, t in IDEALS.items():
        g = sq(Z_TUR, t) - ((X - t[0]) ** 2 + (Y - t[1]) ** 2)
        inside &= g > 0
        total += weights.get(k, 1.0) * np.log(np.where(g > 0, g, 1.0))
    total[~inside] = -np.inf
    j = np.unravel_index(np.argmax(total), total.shape)
    best_grid = float(total[j])
    exact = nash_log_product(res.point, Z_TUR, IDEALS, weights)
    assert exact >= best_grid - 1e-12
    assert exact - best_grid < 1e-3  # the grid is 0.002 apart
    assert math.dist(res.point, (X[j], Y[j])) < 0.004


def test_exact_solution_beats_random_points_of_the_win_set():
    rng = np.random.default_rng(7)
    res = astana_bargain(IDEALS, (0.2, 0.1), weights={"IRN": 4.0})
    best = nash_log_product(res.point, (0.2, 0.1), IDEALS, {"IRN": 4.0})
    for scale in (1e-1, 1e-3, 1e-6):
        for d in rng.normal(size=(200, 2)) * scale:
            x = (res.point[0] + d[0], res.point[1] + d[1])
            assert nash_log_product(x, (0.2, 0.1), IDEALS, {"IRN": 4.0}) <= best + 1e-13


# ------------------------------------------------------------------------------ closed forms


def test_two_actors_reversion_on_their_line_closed_form():
    # theta_1 = (0.4, 0.5), theta_2 = (0.8, 0.5), r = (0.2, 0.5), equal weights. By the mirror
    # symmetry about y = 0.5 the solution is on that line; with u the offset from theta_1
    # (D = 0.4, s = -0.2 the offset of r) the gains are g1 = s^2 - u^2 and
    # g2 = (D - s)^2 - (D - u)^2, and (D - u) g1 = u g2 reduces to 2u^2 + (2s - 3D)u - Ds = 0,
    # i.e. u^2 - 0.8u + 0.04 = 0, whose feasible root (|u| < |s|) is u = 0.4 - sqrt(0.12).
    ideals = {"A": (0.4, 0.5), "B": (0.8, 0.5)}
    res = astana_bargain(ideals, (0.2, 0.5))
    assert res.agreed
    assert close(res.point[0], 0.8 - math.sqrt(0.12)) and close(res.point[1], 0.5)
    # gains: 0.04 - u^2 and 0.36 - 0.12 = 0.24
    u = 0.4 - math.sqrt(0.12)
    assert close(res.gains["A"], 0.04 - u * u) and close(res.gains["B"], 0.24)


@pytest.mark.parametrize(
    ("t1", "t2", "r", "w1", "w2"),
    [
        ((0.1, 0.2), (0.9, 0.7), (0.3, 0.9), 1.0, 1.0),
        ((0.1, 0.2), (0.9, 0.7), (0.3, 0.9), 4.0, 0.5),
        ((0.5, 0.1), (0.5, 0.9), (0.05, 0.3), 0.1, 10.0),
        ((0.2, 0.8), (0.7, 0.3), (0.95, 0.95), 2.5, 1.0),
    ],
)
def test_two_actors_solution_on_segment_is_the_root_of_the_cubic(t1, t2, r, w1, w2):
    # The Pareto set of two actors is the segment; with u the distance from theta_1 along it,
    # g1 = rho1 - u^2, g2 = rho2 - (D - u)^2 (rho_i = ||r - theta_i||^2). The first-order
    # condition w2 (D - u) g1 = w1 u g2 is a cubic; its unique root with g1, g2 > 0 is the NBS.
    d = math.dist(t1, t2)
    rho1, rho2 = sq(r, t1), sq(r, t2)
    P = np.polynomial.Polynomial
    u = P([0, 1])
    cubic = w2 * (d - u) * (rho1 - u**2) - w1 * u * (rho2 - (d - u) ** 2)
    roots = [z.real for z in cubic.roots() if abs(z.imag) < 1e-12]
    feasible = [z for z in roots if rho1 - z * z > 0 and rho2 - (d - z) ** 2 > 0]
    assert len(feasible) == 1
    uu = feasible[0]
    expected = (t1[0] + uu / d * (t2[0] - t1[0]), t1[1] + uu / d * (t2[1] - t1[1]))
    res = astana_bargain({"A": t1, "B": t2}, r, weights={"A": w1, "B": w2})
    assert res.agreed
    assert math.dist(res.point, expected) < 1e-10
    # and the point is on the segment
    assert seg_dist(res.point, t1, t2) < 1e-12


def test_collinear_ideals_solution_on_the_line_matches_one_dimensional_bisection():
    # three ideals on the line y = x; the reversion off the line. The solution is on the
    # segment [0.2, 0.8] of the line (the hull); along it the derivative of the objective
    # is decreasing, so bisection on its sign finds the optimum independently.
    ideals = {"A": (0.2, 0.2), "B": (0.5, 0.5), "C": (0.8, 0.8)}
    weights = {"A": 2.0, "C": 0.7}
    r = (0.9, 0.3)

    def deriv(s: float) -> float:  # d/ds of sum w ln g at the point (s, s)
        total = 0.0
        for k, t in ideals.items():
            g = sq(r, t) - sq((s, s), t)
            total += weights.get(k, 1.0) * (-2 * (s - t[0]) - 2 * (s - t[1])) / g
        return total

    lo, hi = 0.2, 0.8
    feas = [s for s in np.linspace(lo, hi, 10001) if min(gains_ref((s, s), r, ideals).values()) > 0]
    lo, hi = feas[0], feas[-1]
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if deriv(mid) > 0 else (lo, mid)
    res = astana_bargain(ideals, r, weights=weights)
    assert res.agreed
    assert abs(res.point[0] - lo) < 1e-10 and abs(res.point[1] - lo) < 1e-10


def test_collinear_ideals_reversion_on_the_segment_is_gridlock():
    ideals = {"A": (0.2, 0.2), "B": (0.5, 0.5), "C": (0.8, 0.8)}
    res = astana_bargain(ideals, (0.375, 0.375))
    assert not res.agreed and res.point == (0.375, 0.375)


def test_identical_ideals_give_the_common_ideal():
    ideals = {"A": (0.3, 0.7), "B": (0.3, 0.7)}
    res = astana_bargain(ideals, (0.9, 0.1), weights={"A": 7.0})
    assert res.agreed
    assert close(res.point[0], 0.3) and close(res.point[1], 0.7)
    assert close(res.gains["A"], sq((0.9, 0.1), (0.3, 0.7)))


def test_duplicate_ideals_among_three():
    ideals = {"A": (0.2, 0.2), "B": (0.2, 0.2), "C": (0.6, 0.2)}
    r = (0.4, 0.5)
    res = astana_bargain(ideals, r)
    # equivalent to two actors with weights 2 (at (0.2, 0.2)) and 1
    two = astana_bargain({"AB": (0.2, 0.2), "C": (0.6, 0.2)}, r, weights={"AB": 2.0})
    assert math.dist(res.point, two.point) < 1e-12
    assert abs(res.point[1] - 0.2) < 1e-12


def test_status_quo_at_an_ideal_point_is_gridlock():
    res = astana_bargain(IDEALS, IDEALS["IRN"])
    assert not res.agreed and res.point == IDEALS["IRN"]


# ------------------------------------------------------------------------------ rules


def test_tie_is_not_credible():
    # dyadic coordinates: ||z - t||^2 == ||q - t||^2 exactly
    ideals = {"A": (0.5, 0.5), "B": (0.75, 0.25), "C": (0.25, 0.25)}
    q, z = (0.25, 0.75), (0.75, 0.75)
    assert sq(q, ideals["A"]) == sq(z, ideals["A"])
    res = astana_bargain(ideals, q, unilateral=("A", z))
    assert res.credible is False and res.reversion == q
    assert res == astana_bargain(ideals, q)


def test_credible_option_inside_the_hull_means_acting_alone():
    q = (0.05, 0.05)
    z = (0.8, 0.3)  # inside the triangle, and Russia prefers it to q
    assert brute_distance(z, list(IDEALS.values())) == 0
    res = astana_bargain(IDEALS, q, unilateral=("RUS", z))
    assert res.credible and not res.agreed
    assert res.point == z and res.reversion == z
    assert set(res.gains.values()) == {0.0}


def test_non_credible_option_is_ignored():
    q = (0.4, 0.95)
    z = (0.0, 0.0)  # far from Turkey: not credible
    assert sq(z, IDEALS["TUR"]) >= sq(q, IDEALS["TUR"])
    res = astana_bargain(IDEALS, q, unilateral=("TUR", z))
    assert res.credible is False and res.reversion == q
    assert res == astana_bargain(IDEALS, q)


def test_gridlock_tolerance_is_applied_at_hull_tol():
    # top edge of the triangle is y = 0.5 between x = 0.25 and 0.75
    ideals = {"A": (0.25, 0.5), "B": (0.75, 0.5), "C": (0.5, 0.25)}
    near = astana_bargain(ideals, (0.5, 0.5 + 0.5e-6))
    assert not near.agreed and near.point == (0.5, 0.5 + 0.5e-6)
    assert 0 < near.hull_distance <= HULL_TOL
    out = astana_bargain(ideals, (0.5, 0.5 + 2e-6))
    assert out.agreed and all(g > 0 for g in out.gains.values())
    assert abs(out.hull_distance - 2e-6) < 1e-12


def test_thin_win_set_that_a_201_grid_misses():
    # reversion 1e-4 above the segment between two actors: the win-set is a lens of width
    # 2e-4 across and about 3e-8 along the line, between the grid columns x = 0.500 and 0.505
    ideals = {"A": (0.2, 0.5), "B": (0.8, 0.5)}
    r = (0.5025, 0.5 + 1e-4)
    xs = np.linspace(0, 1, 201)
    grid = np.array([(x, y) for x in xs for y in xs])
    assert not in_win_set(grid, ideals, r).any()
    res = astana_bargain(ideals, r)
    assert res.agreed and min(res.gains.values()) > 0
    assert abs(res.point[1] - 0.5) < 1e-12


def test_weights_missing_actors_default_to_one():
    a = astana_bargain(IDEALS, (0.1, 0.9), weights={"RUS": 2.0})
    b = astana_bargain(IDEALS, (0.1, 0.9), weights={"RUS": 2.0, "IRN": 1.0, "TUR": 1.0})
    assert a == b
    # compromise is the weighted mean of the ideals
    assert close(a.compromise[0], (2 * 0.85 + 0.95 + 0.30) / 4)
    assert close(a.compromise[1], (2 * 0.35 + 0.10 + 0.90) / 4)


def test_result_is_frozen_with_plain_types_and_fresh_gains():
    res = astana_bargain(IDEALS, (0.1, 0.1))
    with pytest.raises(FrozenInstanceError):
        res.agreed = False  # type: ignore[misc]
    assert type(res.agreed) is bool and type(res.credible) is bool
    assert all(type(c) is float for c in (*res.point, *res.reversion, *res.compromise))
    assert type(res.hull_distance) is float
    assert all(type(v) is float for v in res.gains.values())
    assert list(res.gains) == ["RUS", "IRN", "TUR"]
    res.gains["RUS"] = -1.0
    assert astana_bargain(IDEALS, (0.1, 0.1)).gains["RUS"] > 0


def test_inputs_are_not_modified():
    ideals = dict(IDEALS)
    weights = {"RUS": 2.0}
    astana_bargain(ideals, (0.1, 0.1), weights=weights, unilateral=("TUR", Z_TUR))
    assert ideals == IDEALS and weights == {"RUS": 2.0}


def test_numpy_inputs_are_accepted():
    ideals = {k: np.array(v) for k, v in IDEALS.items()}
    a = astana_bargain(ideals, np.array(Q), weights={"RUS": np.float64(2.0)},
                       unilateral=("TUR", np.array(Z_TUR)))
    b = astana_bargain(IDEALS, Q, weights={"RUS": 2.0}, unilateral=("TUR", Z_TUR))
    assert a == b


# ------------------------------------------------------------------------------ bad input

BAD_CALLS = [
    # ideals
    ([(0.1, 0.2), (0.3, 0.4)], Q, None, None, r"ideals must be a mapping"),
    ({"RUS": (0.1, 0.2)}, Q, None, None, r"ideals must hold at least 2 actors"),
    ({}, Q, None, None, r"ideals must hold at least 2 actors"),
    ({1: (0.1, 0.2), "B": (0.3, 0.4)}, Q, None, None, r"ideals keys must be actor names"),
    ({**IDEALS, "TUR": (0.3, 1.2)}, Q, None, None,
     r"ideals\['TUR'\]\[1\] must be a finite number in \[0, 1\]"),
    ({**IDEALS, "TUR": (-0.1, 0.5)}, Q, None, None,
     r"ideals\['TUR'\]\[0\] must be a finite number in \[0, 1\]"),
    ({**IDEALS, "TUR": (math.nan, 0.5)}, Q, None, None,
     r"ideals\['TUR'\]\[0\] must be a finite number in \[0, 1\]"),
    ({**IDEALS, "TUR": (0.5, math.inf)}, Q, None, None,
     r"ideals\['TUR'\]\[1\] must be a finite number in \[0, 1\]"),
    ({**IDEALS, "TUR": (0.1, 0.2, 0.3)}, Q, None, None,
     r"ideals\['TUR'\] must be a point \(x, y\) with both coordinates in \[0, 1\]"),
    ({**IDEALS, "TUR": 0.5}, Q, None, None, r"ideals\['TUR'\] must be a point \(x, y\)"),
    ({**IDEALS, "TUR": "ab"}, Q, None, None, r"ideals\['TUR'\] must be a point \(x, y\)"),
    ({**IDEALS, "TUR": (True, 0.5)}, Q, None, None,
     r"ideals\['TUR'\]\[0\] must be a finite number in \[0, 1\]"),
    ({**IDEALS, "TUR": np.array([[0.1, 0.2], [0.3, 0.4]])}, Q, None, None,
     r"ideals\['TUR'\]\[0\] must be a finite number in \[0, 1\]"),
    # status quo
    (IDEALS, (0.5, 1.5), None, None, r"status_quo\[1\] must be a finite number in \[0, 1\]"),
    (IDEALS, (math.nan, 0.5), None, None, r"status_quo\[0\] must be a finite number in \[0, 1\]"),
    (IDEALS, 0.5, None, None, r"status_quo must be a point \(x, y\)"),
    (IDEALS, (0.1, 0.2, 0.3), None, None, r"status_quo must be a point \(x, y\)"),
    (IDEALS, None, None, None, r"status_quo must be a point \(x, y\)"),
    # weights
    (IDEALS, Q, {"TUR": 0.05}, None, r"weights\['TUR'\] must be a finite number in \[0.1, 10\]"),
    (IDEALS, Q, {"TUR": 11}, None, r"weights\['TUR'\] must be a finite number in \[0.1, 10\]"),
    (IDEALS, Q, {"TUR": math.nan}, None,
     r"weights\['TUR'\] must be a finite number in \[0.1, 10\]"),
    (IDEALS, Q, {"TUR": -1.0}, None, r"weights\['TUR'\] must be a finite number in \[0.1, 10\]"),
    (IDEALS, Q, {"TUR": "2"}, None, r"weights\['TUR'\] must be a finite number in \[0.1, 10\]"),
    (IDEALS, Q, {"TUR": True}, None, r"weights\['TUR'\] must be a finite number in \[0.1, 10\]"),
    (IDEALS, Q, {"SYR": 1.0}, None,
     r"weights key must be one of \['IRN', 'RUS', 'TUR'\], got 'SYR'"),
    (IDEALS, Q, {3: 1.0}, None, r"weights key must be one of \['IRN', 'RUS', 'TUR'\], got 3"),
    (IDEALS, Q, [1.0, 1.0, 1.0], None, r"weights must be None or a mapping actor -> weight in "
                                       r"\[0.1, 10\]"),
    # unilateral
    (IDEALS, Q, None, ("SYR", Z_TUR),
     r"unilateral\[0\] \(the actor\) must be one of \['IRN', 'RUS', 'TUR'\], got 'SYR'"),
    (IDEALS, Q, None, (["TUR"], Z_TUR), r"unilateral\[0\] \(the actor\) must be one of"),
    (IDEALS, Q, None, "TUR", r"unilateral must be None or a pair \(actor, \(x, y\)\)"),
    (IDEALS, Q, None, ("TUR",), r"unilateral must be None or a pair \(actor, \(x, y\)\)"),
    (IDEALS, Q, None, ("TUR", 0.5, 0.9), r"unilateral must be None or a pair"),
    (IDEALS, Q, None, {"TUR": Z_TUR}, r"unilateral must be None or a pair"),
    (IDEALS, Q, None, 3, r"unilateral must be None or a pair"),
    (IDEALS, Q, None, ("TUR", (0.5, 1.1)),
     r"unilateral\[1\]\[1\] must be a finite number in \[0, 1\]"),
    (IDEALS, Q, None, ("TUR", 0.5), r"unilateral\[1\] must be a point \(x, y\)"),
]


@pytest.mark.parametrize(("ideals", "q", "weights", "unilateral", "message"), BAD_CALLS)
def test_bad_input_names_the_parameter_and_its_range(ideals, q, weights, unilateral, message):
    with pytest.raises(ParameterError, match=message):
        astana_bargain(ideals, q, weights=weights, unilateral=unilateral)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: convex_hull([]), r"points must be an array of shape \(n, 2\) with n >= 1"),
        (lambda: convex_hull("ab"), r"points must be an array of shape \(n, 2\)"),
        (lambda: convex_hull(np.zeros((3, 3))), r"points must be an array of shape \(n, 2\)"),
        (lambda: convex_hull(np.zeros(4)), r"points must be an array of shape \(n, 2\)"),
        (lambda: convex_hull(np.array([["a", "b"]])), r"points must be an array .* dtype"),
        (lambda: convex_hull(np.array([[0.1, 0.2], [np.nan, 0.3]])),
         r"points\[1\]\[0\] must be a finite number in \[0, 1\]"),
        (lambda: convex_hull([(0.1, 0.2), (0.3, 1.3)]),
         r"points\[1\]\[1\] must be a finite number in \[0, 1\]"),
        (lambda: convex_hull([(0.1, 0.2), 0.3]), r"points\[1\] must be a point \(x, y\)"),
        (lambda: convex_hull({"A": (0.1, 2.0)}),
         r"points\['A'\]\[1\] must be a finite number in \[0, 1\]"),
        (lambda: convex_hull({}), r"points must hold at least 1 actor, got 0"),
        (lambda: in_win_set({"A": (0.1, 0.1)}, IDEALS, Q), r"xy must be an array of shape"),
        (lambda: hull_distance((0.5, -0.5), IDEALS),
         r"point\[1\] must be a finite number in \[0, 1\]"),
        (lambda: hull_distance((0.5, 0.5), {"A": (0.1, 0.1)}), r"ideals must hold at least 2"),
        (lambda: hull_distance((0.5, 0.5), [(0.1, 0.1), (0.2, 0.2)]),
         r"ideals must be a mapping"),
        (lambda: in_win_set(np.zeros(3), IDEALS, Q), r"xy must be an array of shape \(n, 2\)"),
        (lambda: in_win_set(np.zeros((2, 3)), IDEALS, Q), r"xy must be an array of shape"),
        (lambda: in_win_set(np.array([[0.1, 0.1], [np.inf, 0.2]]), IDEALS, Q),
         r"xy\[1\]\[0\] must be a finite number in \[0, 1\]"),
        (lambda: in_win_set(np.array([[0.1, 0.1], [0.2, 1.2]]), IDEALS, Q),
         r"xy\[1\]\[1\] must be a finite number in \[0, 1\]"),
        (lambda: in_win_set(np.array([[True, False]]), IDEALS, Q), r"xy must be an array .*dtype"),
        (lambda: in_win_set([(0.1, 0.1), (0.2, None)], IDEALS, Q),
         r"xy\[1\]\[1\] must be a finite number in \[0, 1\]"),
        (lambda: in_win_set(0.5, IDEALS, Q), r"xy must be an array of shape \(n, 2\)"),
        (lambda: in_win_set([(0.1, 0.1)], IDEALS, (0.5, 2)),
         r"reversion\[1\] must be a finite number in \[0, 1\]"),
        (lambda: in_win_set([(0.1, 0.1)], {"A": (0.1, 0.1), 2: (0.2, 0.2)}, Q),
         r"ideals keys must be actor names"),
    ],
)
def test_helpers_bad_input(call, message):
    with pytest.raises(ParameterError, match=message):
        call()


# ------------------------------------------------------------------------------ helpers


def brute_hull_vertices(pts: list[tuple[float, float]]) -> set[tuple[float, float]]:
    """Extreme points: p is a vertex iff it is not in the hull of the other distinct points."""
    uniq = sorted(set(pts))
    out = set()
    for p in uniq:
        others = [o for o in uniq if o != p]
        if not others:
            out.add(p)
            continue
        on_segment = any(seg_dist(p, a, b) == 0 for a, b in combinations(others, 2))
        if not (on_segment or in_some_triangle(p, others)):
            out.add(p)
    return out


def test_convex_hull_against_brute_force_on_dyadic_points():
    # coordinates k/16 keep every cross product exact, so collinear cases are exact
    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(1, 9))
        pts = [(float(a) / 16, float(b) / 16) for a, b in rng.integers(0, 17, size=(n, 2))]
        hull = convex_hull(pts)
        got = [tuple(v) for v in hull.tolist()]
        assert len(set(got)) == len(got)
        assert set(got) == brute_hull_vertices(pts)
        if len(got) >= 3:  # strictly counter-clockwise at every corner
            for i in range(len(got)):
                a, b, c = got[i], got[(i + 1) % len(got)], got[(i + 2) % len(got)]
                assert (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 0
        assert got[0] == min(got)


def test_convex_hull_accepts_mappings_and_arrays():
    hull = convex_hull(IDEALS)
    assert hull.shape == (3, 2)
    # counter-clockwise from the lowest-leftmost: TUR (0.30, 0.90) first
    assert hull.tolist() == [[0.3, 0.9], [0.95, 0.1], [0.85, 0.35]]
    arr = np.array(list(IDEALS.values()))
    assert np.array_equal(convex_hull(arr), hull)
    assert np.array_equal(convex_hull(np.array([[0, 0], [1, 1]])), np.array([[0.0, 0.0], [1, 1]]))
    assert convex_hull([(0.5, 0.5)] * 3).tolist() == [[0.5, 0.5]]


def test_hull_distance_against_brute_force():
    rng = np.random.default_rng(11)
    for _ in range(400):
        k = int(rng.integers(2, 6))
        pts = [tuple(map(float, p)) for p in rng.random((k, 2))]
        if rng.random() < 0.3:  # collinear
            t = rng.random(k)
            pts = [(0.1 + 0.8 * float(s), 0.3 + 0.5 * float(s)) for s in t]
        ideals = {f"a{i}": p for i, p in enumerate(pts)}
        p = tuple(map(float, rng.random(2)))
        assert abs(hull_distance(p, ideals) - brute_distance(p, pts)) < 1e-12


def test_hull_distance_simple_cases():
    square = {"A": (0.25, 0.25), "B": (0.75, 0.25), "C": (0.75, 0.75), "D": (0.25, 0.75)}
    assert hull_distance((0.5, 0.5), square) == 0.0
    assert hull_distance((0.25, 0.5), square) == 0.0  # on an edge
    assert close(hull_distance((0.0, 0.5), square), 0.25)
    assert close(hull_distance((0.0, 0.0), square), 0.25 * math.sqrt(2))
    two = {"A": (0.2, 0.2), "B": (0.2, 0.2)}
    assert close(hull_distance((0.5, 0.6), two), 0.5)


def test_in_win_set_against_brute_force():
    rng = np.random.default_rng(5)
    for _ in range(50):
        k = int(rng.integers(2, 5))
        ideals = {f"a{i}": tuple(map(float, p)) for i, p in enumerate(rng.random((k, 2)))}
        r = tuple(map(float, rng.random(2)))
        xy = rng.random((500, 2))
        got = in_win_set(xy, ideals, r)
        want = [all(sq(x, t) < sq(r, t) for t in ideals.values()) for x in xy.tolist()]
        assert got.dtype == bool and got.shape == (500,)
        assert got.tolist() == want


def test_in_win_set_is_strict_on_the_boundary():
    # dyadic coordinates: the mirror image of r across a line through an ideal point is on
    # that actor's indifference circle exactly
    ideals = {"A": (0.5, 0.5), "B": (0.5, 0.25)}
    r = (0.25, 0.5)
    pts = [r, (0.75, 0.5), (0.5, 0.375), (0.5, 0.5), (0.25, 0.25)]
    want = [all(sq(x, t) < sq(r, t) for t in ideals.values()) for x in pts]
    assert want == [False, False, True, True, False]
    assert in_win_set(pts, ideals, r).tolist() == want
    assert in_win_set(np.zeros((0, 2)), ideals, r).shape == (0,)


def test_win_set_empty_in_the_core_and_not_outside():
    xs = np.linspace(0, 1, 101)
    grid = np.array([(x, y) for x in xs for y in xs])
    assert not in_win_set(grid, IDEALS, Q).any()  # q is in the core
    assert in_win_set(grid, IDEALS, (0.1, 0.1)).any()
    res = astana_bargain(IDEALS, (0.1, 0.1))
    assert in_win_set([res.point], IDEALS, (0.1, 0.1)).tolist() == [True]

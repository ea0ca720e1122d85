"""Property tests for helpers.models.astana.astana_bargain: the invariants of the bargaining model.

1. individual rationality; 2. the deal lies in the convex hull of the ideals (Pareto set);
3. gridlock iff the reversion is in the hull; 4. translation invariance; 5. permutation
invariance; 6. own-weight monotonicity, weight-free agreement, scale-free weights (Kalai 1977);
7. symmetry on an equilateral triangle and under the reflection x -> 1 - x; 8. a non-credible
unilateral option is ignored, a credible one replaces the status quo for everyone (Voeten 2001).

The references here (distance to the hull over all pairs of ideals, hull membership over all
triples by barycentric coordinates, gains from squared distances) are written with plain Python
floats and share no code with the module.
"""

from __future__ import annotations

import math
from itertools import combinations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.models.astana import HULL_TOL, astana_bargain

# a RuntimeWarning from numpy (overflow, division by zero) would mean a silent wrong result
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

FAST = settings(max_examples=100, deadline=None)

GRIDLOCK_MAX = 0.9e-6  # reversions drawn at most this far from the hull: gridlock
AGREED_MIN = 1e-5  # reversions drawn at least this far from the hull: a deal


# ------------------------------------------------------------------------------ references


def sq(a, b) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def seg_dist(p, a, b) -> float:
    ab = (b[0] - a[0], b[1] - a[1])
    den = ab[0] ** 2 + ab[1] ** 2
    t = 0.0 if den == 0 else ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / den
    t = min(1.0, max(0.0, t))
    return math.dist(p, (a[0] + t * ab[0], a[1] + t * ab[1]))


def in_triangles(p, pts, tol: float) -> bool:
    """Caratheodory: p is in the hull iff some triangle of ideals holds it (barycentric >= -tol)."""
    for a, b, c in combinations(pts, 3):
        det = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])
        if abs(det) < 1e-12:
            continue
        l1 = ((b[0] - p[0]) * (c[1] - p[1]) - (c[0] - p[0]) * (b[1] - p[1])) / det
        l2 = ((c[0] - p[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (c[1] - p[1])) / det
        if min(l1, l2, 1 - l1 - l2) >= -tol:
            return True
    return False


def in_hull(p, pts, tol: float = 1e-9) -> bool:
    return in_triangles(p, pts, tol) or min(seg_dist(p, a, b) for a in pts for b in pts) <= tol


def dist_to_hull(p, pts) -> float:
    if in_triangles(p, pts, 0.0):
        return 0.0
    return min(seg_dist(p, a, b) for a in pts for b in pts)


def log_nash(x, r, ideals, weights) -> float:
    g = {k: sq(r, t) - sq(x, t) for k, t in ideals.items()}
    if min(g.values()) <= 0:
        return -math.inf
    return sum(weights.get(k, 1.0) * math.log(v) for k, v in g.items())


# ------------------------------------------------------------------------------ strategies

# a coarse dyadic grid now and then gives duplicate and collinear ideals, and exact ties
COORD = st.one_of(st.floats(0, 1), st.sampled_from([k / 8 for k in range(9)]))
POINT = st.tuples(COORD, COORD)
NAMES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3)
WEIGHT = st.floats(0.1, 10)


@st.composite
def ideal_maps(draw, min_k: int = 2, max_k: int = 5) -> dict[str, tuple[float, float]]:
    k = draw(st.integers(min_k, max_k))
    names = draw(st.lists(NAMES, min_size=k, max_size=k, unique=True))
    pts = draw(st.lists(POINT, min_size=k, max_size=k))
    return dict(zip(names, pts, strict=True))


@st.composite
def near_or_free(draw, pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Anywhere in the square, or close to a segment between two ideals (in or out of the hull).

    Rejects the band between GRIDLOCK_MAX and AGREED_MIN where the tests make no claim.
    """
    if draw(st.booleans()):
        q = draw(POINT)
    else:
        a, b = draw(st.sampled_from(pts)), draw(st.sampled_from(pts))
        t = draw(st.floats(0, 1))
        size = 10 ** draw(st.floats(-5, -0.5)) if draw(st.booleans()) else 0.0
        ang = draw(st.floats(0, 2 * math.pi))
        q = (a[0] + t * (b[0] - a[0]) + size * math.cos(ang),
             a[1] + t * (b[1] - a[1]) + size * math.sin(ang))
        assume(0 <= q[0] <= 1 and 0 <= q[1] <= 1)
    d = dist_to_hull(q, pts)
    assume(d <= GRIDLOCK_MAX or d >= AGREED_MIN)
    return q


@st.composite
def problems(draw, with_option: bool | None = None):
    """(ideals, status_quo, weights, unilateral) inside the validated domain."""
    ideals = draw(ideal_maps())
    pts = list(ideals.values())
    q = draw(near_or_free(pts))
    names = list(ideals)
    chosen = draw(st.lists(st.sampled_from(names), unique=True))
    weights = {k: draw(WEIGHT) for k in chosen}
    if with_option is None:
        with_option = draw(st.booleans())
    unilateral = None
    if with_option:
        actor = draw(st.sampled_from(names))
        z = draw(near_or_free(pts))
        unilateral = (actor, z)
    return ideals, q, weights, unilateral


def reversion_of(ideals, q, unilateral):
    """Expected reversion and credibility, from the rule as stated."""
    if unilateral is None:
        return q, False
    actor, z = unilateral
    if sq(z, ideals[actor]) < sq(q, ideals[actor]):
        return z, True
    return q, False


def clear_tie(ideals, q, unilateral) -> bool:
    """No near-tie in credibility (a rounding of the inputs could then flip it)."""
    if unilateral is None:
        return True
    actor, z = unilateral
    return abs(sq(z, ideals[actor]) - sq(q, ideals[actor])) > 1e-9


# ------------------------------------------------------------------------------ 1, 2, 3


@FAST
@given(problems())
def test_individual_rationality_and_optimality(problem):
    ideals, q, weights, unilateral = problem
    res = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    r, credible = reversion_of(ideals, q, unilateral)
    assert res.reversion == r and res.credible is credible
    if not res.agreed:
        assert all(v == 0.0 for v in res.gains.values())
        return
    for k, t in ideals.items():
        direct = sq(r, t) - sq(res.point, t)
        assert res.gains[k] > 0
        assert math.isclose(res.gains[k], direct, rel_tol=1e-9, abs_tol=1e-15)
    # no nearby point has a larger weighted Nash product
    best = log_nash(res.point, r, ideals, weights)
    for scale in (1e-2, 1e-5, 1e-8):
        for ang in range(0, 360, 45):
            x = (res.point[0] + scale * math.cos(math.radians(ang)),
                 res.point[1] + scale * math.sin(math.radians(ang)))
            assert log_nash(x, r, ideals, weights) <= best + 1e-9 * max(1.0, abs(best))


@FAST
@given(problems())
def test_deal_lies_in_the_hull_of_the_ideals(problem):
    ideals, q, weights, unilateral = problem
    res = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    if res.agreed:
        assert in_hull(res.point, list(ideals.values()), tol=1e-9)


@FAST
@given(problems())
def test_gridlock_iff_reversion_in_hull(problem):
    ideals, q, weights, unilateral = problem
    res = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    r, _ = reversion_of(ideals, q, unilateral)
    d = dist_to_hull(r, list(ideals.values()))
    assert math.isclose(res.hull_distance, d, rel_tol=1e-9, abs_tol=1e-12)
    if d <= HULL_TOL:
        assert res.agreed is False and res.point == r
    else:
        assert d >= AGREED_MIN and res.agreed is True


# ------------------------------------------------------------------------------ 4, 5


@FAST
@given(problems(), st.floats(0, 1), st.floats(0, 1))
def test_translation_moves_the_solution(problem, fx, fy):
    ideals, q, weights, unilateral = problem
    assume(clear_tie(ideals, q, unilateral))
    pts = [*ideals.values(), q] + ([unilateral[1]] if unilateral else [])
    lo = (-min(p[0] for p in pts), -min(p[1] for p in pts))
    hi = (1 - max(p[0] for p in pts), 1 - max(p[1] for p in pts))
    v = (lo[0] + fx * (hi[0] - lo[0]), lo[1] + fy * (hi[1] - lo[1]))

    def move(p):
        return (min(1.0, max(0.0, p[0] + v[0])), min(1.0, max(0.0, p[1] + v[1])))

    moved_option = (unilateral[0], move(unilateral[1])) if unilateral else None
    a = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    b = astana_bargain({k: move(t) for k, t in ideals.items()}, move(q), weights=weights,
                       unilateral=moved_option)
    assert a.agreed == b.agreed and a.credible == b.credible
    assert abs(b.point[0] - v[0] - a.point[0]) < 1e-7
    assert abs(b.point[1] - v[1] - a.point[1]) < 1e-7


@FAST
@given(problems(), st.randoms(use_true_random=False))
def test_permuting_actors_leaves_the_result_unchanged(problem, rnd):
    ideals, q, weights, unilateral = problem
    order = list(ideals)
    rnd.shuffle(order)
    a = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    b = astana_bargain({k: ideals[k] for k in order}, q,
                       weights={k: weights[k] for k in reversed(list(weights))},
                       unilateral=unilateral)
    assert a.agreed == b.agreed and a.reversion == b.reversion and a.credible == b.credible
    assert math.isclose(a.point[0], b.point[0], rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(a.point[1], b.point[1], rel_tol=1e-12, abs_tol=1e-12)
    assert list(b.gains) == order
    for k in ideals:
        assert math.isclose(a.gains[k], b.gains[k], rel_tol=1e-9, abs_tol=1e-15)


# ------------------------------------------------------------------------------ 6


@FAST
@given(problems(), st.data())
def test_raising_own_weight_pulls_the_deal_closer(problem, data):
    ideals, q, weights, unilateral = problem
    actor = data.draw(st.sampled_from(list(ideals)))
    old_w = weights.get(actor, 1.0)
    new_w = data.draw(st.floats(min(10.0, old_w * 1.01), 10.0))
    assume(new_w >= old_w * 1.01)
    a = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    b = astana_bargain(ideals, q, weights={**weights, actor: new_w}, unilateral=unilateral)
    before = math.dist(a.point, ideals[actor])
    after = math.dist(b.point, ideals[actor])
    assert after <= before + 1e-12
    if a.agreed and before > 1e-9:
        assert after < before
        # Gains are quadratic in the distance: a move too small for the float resolution
        # (a deal pinned to the win-set's edge) may leave them equal; a real move raises them.
        assert b.gains[actor] >= a.gains[actor] - 1e-12
        if before - after > 1e-9:
            assert b.gains[actor] > a.gains[actor]


@FAST
@given(problems(), st.dictionaries(NAMES, WEIGHT))
def test_agreement_and_reversion_do_not_depend_on_weights(problem, other):
    ideals, q, weights, unilateral = problem
    other = {k: w for k, w in other.items() if k in ideals}
    a = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    b = astana_bargain(ideals, q, weights=other, unilateral=unilateral)
    assert (a.agreed, a.reversion, a.credible) == (b.agreed, b.reversion, b.credible)
    assert a.hull_distance == b.hull_distance


@FAST
@given(problems(), st.floats(0, 1))
def test_scaling_all_weights_leaves_the_point_unchanged(problem, f):
    ideals, q, weights, unilateral = problem
    full = {k: weights.get(k, 1.0) for k in ideals}
    lo, hi = 0.1 / min(full.values()), 10 / max(full.values())
    c = lo + f * (hi - lo)
    scaled = {k: w * c for k, w in full.items()}
    assume(all(0.1 <= w <= 10 for w in scaled.values()))
    a = astana_bargain(ideals, q, weights=full, unilateral=unilateral)
    b = astana_bargain(ideals, q, weights=scaled, unilateral=unilateral)
    assert a.agreed == b.agreed
    assert math.isclose(a.point[0], b.point[0], rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(a.point[1], b.point[1], rel_tol=1e-12, abs_tol=1e-12)
    # the compromise point is scale-free as well
    assert math.isclose(a.compromise[0], b.compromise[0], rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(a.compromise[1], b.compromise[1], rel_tol=1e-12, abs_tol=1e-12)


# ------------------------------------------------------------------------------ 7


@FAST
@given(st.floats(0.3, 0.7), st.floats(0.3, 0.7), st.floats(0.02, 0.25),
       st.floats(0, 2 * math.pi), st.floats(-0.3, 0.3), st.permutations(["RUS", "IRN", "TUR"]))
def test_equilateral_triangle_and_status_quo_on_an_axis(cx, cy, radius, phi, t, names):
    corners = [(cx + radius * math.cos(phi + 2 * math.pi * j / 3),
                cy + radius * math.sin(phi + 2 * math.pi * j / 3)) for j in range(3)]
    ideals = dict(zip(names, corners, strict=True))
    u = (math.cos(phi), math.sin(phi))  # the axis through the first corner and the centre
    q = (cx + t * u[0], cy + t * u[1])
    d = dist_to_hull(q, corners)
    assume(d <= GRIDLOCK_MAX or d >= AGREED_MIN)
    res = astana_bargain(ideals, q)
    off_axis = u[0] * (res.point[1] - cy) - u[1] * (res.point[0] - cx)
    assert abs(off_axis) <= 1e-9


@FAST
@given(problems())
def test_reflection_x_to_one_minus_x_reflects_the_solution(problem):
    ideals, q, weights, unilateral = problem
    assume(clear_tie(ideals, q, unilateral))

    def flip(p):
        return (1.0 - p[0], p[1])

    a = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    b = astana_bargain({k: flip(t) for k, t in ideals.items()}, flip(q), weights=weights,
                       unilateral=(unilateral[0], flip(unilateral[1])) if unilateral else None)
    assert a.agreed == b.agreed and a.credible == b.credible
    assert abs(b.point[0] - (1.0 - a.point[0])) < 1e-7
    assert abs(b.point[1] - a.point[1]) < 1e-7


# ------------------------------------------------------------------------------ 8


@FAST
@given(problems(with_option=True))
def test_a_unilateral_option_counts_only_if_credible(problem):
    ideals, q, weights, unilateral = problem
    actor, z = unilateral
    res = astana_bargain(ideals, q, weights=weights, unilateral=unilateral)
    if sq(z, ideals[actor]) < sq(q, ideals[actor]):
        # credible: z is the reversion for everyone, as if it were the status quo
        assert res.credible is True and res.reversion == z
        same = astana_bargain(ideals, z, weights=weights)
    else:
        assert res.credible is False and res.reversion == q
        same = astana_bargain(ideals, q, weights=weights)
    assert (res.point, res.agreed, res.gains) == (same.point, same.agreed, same.gains)

"""Property tests for helpers.models.sanctions: the eight deal-split invariants and Drezner's two.

Independent references written here, none calling the module's own helpers:

* the deal region is decided with exact rational arithmetic (``fractions.Fraction``);
* both modes are checked against a numerical maximisation of the asymmetric Nash product
  ``(x - d_I)**beta * (S - x - d_U)**(1 - beta)`` by golden-section search: with disagreement
  point ``(f_I, f_U)`` in impasse mode (Binmore, Rubinstein & Wolinsky 1986), and with
  disagreement point ``(0, 0)`` restricted to ``f_I <= x <= S - f_U`` in outside mode;
* the outside-option formula is also written out case by case (Iran's option binds, the US
  option binds, neither binds);
* Drezner's game is solved by backward induction from the raw payoffs, with bisection for the
  target's largest acceptable demand.
"""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.models.sanctions import deal_split, drezner, iran_oil_revenue_busd

PROPS = settings(max_examples=200, deadline=None)

MODES = st.sampled_from(["impasse", "outside"])
SURPLUS = st.floats(0.01, 100.0)
UNIT = st.floats(0.0, 1.0)
BETA = st.floats(0.0, 1.0)
TOL = 1e-12


def close(x: float, y: float, scale: float = 1.0, tol: float = TOL) -> bool:
    return abs(x - y) <= tol * max(1.0, abs(scale))


@st.composite
def deal_inputs(draw, max_fraction: float = 1.2):
    """(S, f_I, f_U, beta) with fallbacks drawn as fractions of S, deal or no deal."""
    s = draw(SURPLUS)
    fi = draw(st.floats(0.0, max_fraction)) * s
    fu = draw(st.floats(0.0, max_fraction)) * s
    return s, fi, fu, draw(BETA)


def exact_no_deal(s: float, fi: float, fu: float) -> bool:
    return Fraction(fi) + Fraction(fu) > Fraction(s)


# ------------------------------------------------------------------------------ references


def golden_max(f, lo: float, hi: float, iters: int = 200) -> float:
    """Maximiser of a unimodal ``f`` on ``[lo, hi]`` by golden-section search."""
    g = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = lo, hi
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(iters):
        if b - a <= 1e-15 * max(1.0, abs(hi)):
            break
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = f(d)
    best = max((f(x), x) for x in (lo, a, (a + b) / 2.0, b, hi))
    return best[1]


def nash_product(x: float, d_iran: float, d_us: float, s: float, beta: float) -> float:
    gi, gu = max(x - d_iran, 0.0), max(s - x - d_us, 0.0)
    return gi**beta * gu ** (1.0 - beta)  # 0.0 ** 0.0 == 1.0: beta = 0 or 1 handled


def nash_impasse(s, fi, fu, beta):
    return golden_max(lambda x: nash_product(x, fi, fu, s, beta), fi, s - fu)


def nash_outside(s, fi, fu, beta):
    return golden_max(lambda x: nash_product(x, 0.0, 0.0, s, beta), fi, s - fu)


def outside_by_cases(s, fi, fu, beta):
    """Outside-option principle written case by case."""
    if fi > beta * s:
        return fi  # Iran's option binds
    if fu > (1.0 - beta) * s:
        return s - fu  # the US option binds
    return beta * s  # neither binds: the split without options


# ------------------------------------------------------------------------------ invariants 1, 2


@PROPS
@given(deal_inputs(), MODES)
def test_inv1_deal_exhausts_surplus_and_respects_fallbacks(args, mode):
    s, fi, fu, beta = args
    r = deal_split(s, fi, fu, beta, mode)
    assume(r.deal)
    assert close(r.iran + r.us, s, s)
    assert r.iran >= fi - TOL * s
    assert r.us >= fu - TOL * s


@PROPS
@given(deal_inputs(), MODES)
def test_inv2_no_deal_iff_fallbacks_exceed_surplus(args, mode):
    s, fi, fu, beta = args
    r = deal_split(s, fi, fu, beta, mode)
    assert r.deal is not exact_no_deal(s, fi, fu)
    if not r.deal:
        assert (r.iran, r.us, r.regime) == (fi, fu, "no_deal")


@PROPS
@given(SURPLUS, UNIT, BETA, MODES, st.integers(-3, 3))
def test_inv2_on_the_boundary(s, u, beta, mode, ulps):
    # fallbacks summing to S up to a few ulps either way
    fi = u * s
    fu = s - fi
    for _ in range(abs(ulps)):
        fu = math.nextafter(fu, math.inf if ulps > 0 else 0.0)
    r = deal_split(s, fi, fu, beta, mode)
    assert r.deal is not exact_no_deal(s, fi, fu)
    assert close(r.iran, fi, s) and close(r.us, fu, s)


@PROPS
@given(st.floats(1e-300, 1e300), UNIT, UNIT, BETA, MODES)
def test_inv1_inv2_at_extreme_scales(s, a, b, beta, mode):
    fi, fu = a * s, b * s
    r = deal_split(s, fi, fu, beta, mode)
    assert r.deal is not exact_no_deal(s, fi, fu)
    assert math.isfinite(r.iran) and math.isfinite(r.us)
    if r.deal:
        assert math.isclose(r.iran + r.us, s, rel_tol=1e-12)
        assert r.iran >= fi * (1 - 1e-12) - 1e-12 * s
        assert r.us >= fu * (1 - 1e-12) - 1e-12 * s


# ------------------------------------------------------------------------------ references


@PROPS
@given(deal_inputs(max_fraction=1.0), MODES)
def test_matches_nash_product_maximiser(args, mode):
    s, fi, fu, beta = args
    assume(not exact_no_deal(s, fi, fu))
    r = deal_split(s, fi, fu, beta, mode)
    ref = nash_impasse(s, fi, fu, beta) if mode == "impasse" else nash_outside(s, fi, fu, beta)
    assert abs(r.iran - ref) <= 1e-7 * s


# ------------------------------------------------------------------------------ invariant 3


@PROPS
@given(deal_inputs(), UNIT, MODES)
def test_inv3_nondecreasing_in_iran_fallback(args, step, mode):
    s, fi, fu, beta = args
    lo, hi = deal_split(s, fi, fu, beta, mode), deal_split(s, fi + step * s, fu, beta, mode)
    assert hi.iran >= lo.iran - TOL * s


@PROPS
@given(deal_inputs(), BETA, MODES)
def test_inv3_nondecreasing_in_power(args, other, mode):
    s, fi, fu, beta = args
    b1, b2 = sorted((beta, other))
    assert deal_split(s, fi, fu, b2, mode).iran >= deal_split(s, fi, fu, b1, mode).iran - TOL * s


# ------------------------------------------------------------------------------ invariant 4


@PROPS
@given(SURPLUS, UNIT, UNIT, BETA)
def test_inv4_impasse_slope_is_one_minus_beta(s, a, b, beta):
    # a point strictly inside the deal region, with room h on every side:
    # f_I - h >= 0 and f_I + h + f_U <= S - h
    h = 1e-4 * s
    room = s - 3 * h
    fi = h + a * room
    fu = b * (room - a * room)
    assert Fraction(fi + h) + Fraction(fu) < Fraction(s)
    up = deal_split(s, fi + h, fu, beta).iran
    down = deal_split(s, fi - h, fu, beta).iran
    assert abs((up - down) / (2 * h) - (1 - beta)) <= 1e-6


# ------------------------------------------------------------------------------ invariant 5


@PROPS
@given(deal_inputs(max_fraction=1.0))
def test_inv5_outside_closed_form(args):
    s, fi, fu, beta = args
    assume(not exact_no_deal(s, fi, fu))
    r = deal_split(s, fi, fu, beta, "outside")
    assert close(r.iran, max(fi, min(beta * s, s - fu)), s)
    assert close(r.iran, outside_by_cases(s, fi, fu, beta), s)


@PROPS
@given(SURPLUS, UNIT, UNIT, UNIT, BETA)
def test_inv5_outside_ignores_iran_fallback_below_kink(s, a, b, u_fu, beta):
    fu = u_fu * s
    cap = min(beta * s, s - fu)  # fi <= beta * S and a deal
    f1, f2 = a * cap, b * cap
    assume(not exact_no_deal(s, f1, fu) and not exact_no_deal(s, f2, fu))  # s - fu may round up
    r1, r2 = deal_split(s, f1, fu, beta, "outside"), deal_split(s, f2, fu, beta, "outside")
    assert r1.deal and r2.deal
    assert close(r1.iran, r2.iran, s)


# ------------------------------------------------------------------------------ invariant 6


@PROPS
@given(SURPLUS, st.floats(0.0, 1.2), BETA)
def test_inv6_no_us_fallback_outside_gives_iran_no_more(s, a, beta):
    fi = a * s
    out, imp = deal_split(s, fi, 0.0, beta, "outside"), deal_split(s, fi, 0.0, beta, "impasse")
    assert out.iran <= imp.iran + TOL * s


@PROPS
@given(SURPLUS, st.floats(0.0, 1.2), BETA)
def test_inv6_no_iran_fallback_outside_gives_us_no_more(s, b, beta):
    fu = b * s
    out, imp = deal_split(s, 0.0, fu, beta, "outside"), deal_split(s, 0.0, fu, beta, "impasse")
    assert out.us <= imp.us + TOL * s


def test_inv6_does_not_generalise():
    # (f_I, f_U) = (0, 0.5), beta = 1/2: outside 0.5 = min(0.5, 1 - 0.5); impasse 0.5 * 0.5
    assert close(deal_split(1, 0, 0.5, 0.5, "outside").iran, 0.5)
    assert close(deal_split(1, 0, 0.5, 0.5, "impasse").iran, 0.25)


# ------------------------------------------------------------------------------ invariant 7


@PROPS
@given(SURPLUS, st.floats(0.0, 1.2), MODES)
def test_inv7_symmetric_fallbacks_equal_split(s, a, mode):
    f = a * s
    r = deal_split(s, f, f, 0.5, mode)
    assert close(r.iran, r.us, s)
    if r.deal:
        assert close(r.iran, s / 2, s)


# ------------------------------------------------------------------------------ invariant 8

EPS = (1e-3, 1e-5, 1e-7, 1e-9)


def assert_continuous(call, x0: float, s: float) -> None:
    """Left and right limits at ``x0`` equal the value there: |g(x0 +- e) - g(x0)| <= 2e."""
    at = call(x0)
    for e in EPS:
        step = e * s
        for x in (x0 - step, x0 + step):
            if x < 0:
                continue
            r = call(x)
            assert abs(r.iran - at.iran) <= 2 * step + 1e-12 * s, (x0, x, r, at)
            assert abs(r.us - at.us) <= 2 * step + 1e-12 * s, (x0, x, r, at)


@PROPS
@given(SURPLUS, st.floats(0.01, 0.99), st.floats(0.0, 0.9), MODES)
def test_inv8_continuous_at_iran_kink(s, beta, u, mode):
    fu = u * (1 - beta) * s  # leaves room for a deal on both sides of f_I = beta * S
    assert_continuous(lambda x: deal_split(s, x, fu, beta, mode), beta * s, s)


@PROPS
@given(SURPLUS, st.floats(0.01, 0.99), st.floats(0.0, 0.9), MODES)
def test_inv8_continuous_at_us_kink(s, beta, u, mode):
    fi = u * beta * s
    assert_continuous(lambda x: deal_split(s, fi, x, beta, mode), (1 - beta) * s, s)


@PROPS
@given(SURPLUS, UNIT, BETA, MODES)
def test_inv8_continuous_at_no_deal_boundary(s, u, beta, mode):
    fu = u * s
    fi = s - fu  # f_I + f_U = S up to rounding; f_I moves across the boundary
    assert_continuous(lambda x: deal_split(s, x, fu, beta, mode), fi, s)
    assert_continuous(lambda y: deal_split(s, fi, y, beta, mode), fu, s)


# ------------------------------------------------------------------------------ Drezner


def utility(own: float, other: float, w: float) -> float:
    return w * own + (1 - w) * (own - other)


def drezner_by_backward_induction(ct: float, cs: float, w: float):
    # sender after the target stands firm: deadlock (-cs, -ct) vs backing down (0, 0)
    margin = utility(-cs, -ct, w) - utility(0.0, 0.0, w)
    # target: acquiesce to D, payoff -D against sender's D, vs deadlock; bisection on D
    firm = utility(-ct, -cs, w)
    lo, hi = 0.0, 2.0 * (ct + cs) + 1.0
    if utility(-lo, lo, w) < firm:
        return margin, 0.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if utility(-mid, mid, w) >= firm:
            lo = mid
        else:
            hi = mid
    return margin, lo


COST = st.floats(0.0, 100.0)


@PROPS
@given(COST, COST, BETA)
def test_drezner_matches_backward_induction(ct, cs, w):
    margin, d_star = drezner_by_backward_induction(ct, cs, w)
    assume(abs(margin) > 1e-9 * max(1.0, ct, cs))
    r = drezner(ct, cs, w)
    assert r.sender_credible is (margin > 0)
    assert abs(r.max_concession - d_star) <= 1e-9 * max(1.0, ct, cs)
    assert r.concession_obtained == (r.max_concession if r.sender_credible else 0.0)


@PROPS
@given(COST, COST, BETA, BETA)
def test_drezner_max_concession_nondecreasing_in_weight(ct, cs, w1, w2):
    lo, hi = sorted((w1, w2))
    assert drezner(ct, cs, hi).max_concession >= drezner(ct, cs, lo).max_concession - 1e-12 * max(
        1.0, ct, cs)


@PROPS
@given(COST, COST, BETA, BETA)
def test_drezner_credibility_nonincreasing_in_weight(ct, cs, w1, w2):
    lo, hi = sorted((w1, w2))
    if drezner(ct, cs, hi).sender_credible:
        assert drezner(ct, cs, lo).sender_credible


# ------------------------------------------------------------------------------ oil revenue


@PROPS
@given(st.floats(0.0, 3.0), st.floats(20.0, 200.0), st.floats(0.0, 40.0))
def test_revenue_matches_exact_arithmetic(q, p, d):
    assume(d < p)
    exact = Fraction(q) * (Fraction(p) - Fraction(d)) * 365 / 1000
    assert math.isclose(iran_oil_revenue_busd(q, p, d), float(exact), rel_tol=1e-12,
                        abs_tol=1e-12)


@PROPS
@given(st.floats(0.0, 3.0), st.floats(20.0, 200.0), st.floats(0.0, 40.0), st.floats(0.0, 40.0))
def test_revenue_nonincreasing_in_discount(q, p, d1, d2):
    lo, hi = sorted((d1, d2))
    assume(hi < p)
    assert iran_oil_revenue_busd(q, p, hi) <= iran_oil_revenue_busd(q, p, lo) + 1e-12

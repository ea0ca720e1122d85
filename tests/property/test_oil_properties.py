"""Property tests for helpers.models.oil.teapot_choice: invariants 1-7 of the oil model.

1. shares sum to 1 and are all > 0;  2. level invariance in Brent;  3. a bigger Russian discount
lowers Iran's share and raises Russia's (weakly);  4. IIA;  5. alpha = 0 gives equal shares, and
at alpha = 1 a grade >= $15/bbl cheaper than every other takes > 0.999999;  6. storage >= 0,
monotone in the right direction, mass balance;  7. unsold = max(0, O - D) and, if D <= O, the
storage change is unsold * days.

Independent references written here: logit shares from plain math.exp of the *undifferenced*
net costs, and the storage recursion as a plain day-by-day loop. Every generated argument lies
inside the validated domain (the module's DOMAIN), never only inside the slider ranges.
"""

from __future__ import annotations

import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.models.oil import DOMAIN, teapot_choice

FAST = settings(max_examples=100, deadline=None)
TOL = 1e-12


def close(x: float, y: float, rel: float = TOL, abs_: float = TOL) -> bool:
    return math.isclose(x, y, rel_tol=rel, abs_tol=abs_)


def in_domain(name: str) -> st.SearchStrategy[float]:
    lo, hi, _, _ = DOMAIN[name]
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


brent = in_domain("brent_usd")
discount = in_domain("discount_usd")
friction = in_domain("friction_usd")
quality = in_domain("quality_usd")
alpha = in_domain("alpha_per_usd")
runs = in_domain("runs_mbd")
offered = in_domain("iran_offered_mbd")
storage0 = in_domain("storage0_mb")
days = st.integers(int(DOMAIN["days"][0]), int(DOMAIN["days"][1]))
grade_name = st.text(min_size=1, max_size=6).filter(lambda s: bool(s.strip()))

GRADES = ("iran", "russia", "other")


@st.composite
def market(draw, grades=GRADES):
    """Discounts for every grade; friction and quality for a random subset (or None)."""
    disc = {g: draw(discount) for g in grades}
    fric = draw(st.none() | st.dictionaries(st.sampled_from(grades), friction))
    qual = draw(st.none() | st.dictionaries(st.sampled_from(grades), quality))
    return disc, fric, qual


@st.composite
def any_market(draw):
    """A market with 2-6 arbitrarily named grades; returns (disc, fric, qual, iran_key)."""
    names = draw(st.lists(grade_name, min_size=2, max_size=6, unique=True))
    disc, fric, qual = draw(market(tuple(names)))
    return disc, fric, qual, draw(st.sampled_from(names))


@st.composite
def storage_case(draw):
    """All arguments of teapot_choice, over the full domain (both storage regimes)."""
    disc, fric, qual = draw(market())
    return {"brent_usd": draw(brent), "discount_usd": disc, "friction_usd": fric,
            "quality_usd": qual, "alpha_per_usd": draw(alpha), "runs_mbd": draw(runs),
            "iran_offered_mbd": draw(offered), "storage0_mb": draw(storage0),
            "days": draw(days)}


def reference_shares(brent_usd, disc, fric, qual, a):
    """s_j = exp(-a c_j) / sum_k exp(-a c_k) on the raw net costs (no shift; c <= 220, a <= 1)."""
    fric, qual = fric or {}, qual or {}
    cost = {g: brent_usd - d + fric.get(g, 0.0) - qual.get(g, 0.0) for g, d in disc.items()}
    weight = {g: math.exp(-a * c) for g, c in cost.items()}
    total = math.fsum(weight.values())
    return {g: w / total for g, w in weight.items()}


def storage_loop(demand, offered_mbd, storage0_mb, n_days):
    storage, delivered = [storage0_mb], []
    for _ in range(n_days):
        d = min(demand, offered_mbd + storage[-1])
        delivered.append(d)
        storage.append(storage[-1] + offered_mbd - d)
    return storage, delivered


# ------------------------------------------------------------------------------ 1. shares


@FAST
@given(any_market(), brent, alpha, runs)
def test_1_shares_sum_to_one_all_positive_and_match_reference(m, b, a, r):
    disc, fric, qual, key = m
    res = teapot_choice(b, disc, fric, qual, alpha_per_usd=a, runs_mbd=r, iran_key=key)
    assert list(res.shares) == list(disc)
    assert abs(math.fsum(res.shares.values()) - 1.0) <= TOL
    assert all(s > 0.0 for s in res.shares.values())
    assert close(math.fsum(res.volumes_mbd.values()), r)
    ref = reference_shares(b, disc, fric, qual, a)
    for g in disc:
        assert close(res.shares[g], ref[g], rel=1e-9)
        assert close(res.volumes_mbd[g], r * ref[g], rel=1e-9)


# ------------------------------------------------------------------------------ 2. level


@FAST
@given(market(), brent, brent, alpha)
def test_2_level_invariance_in_brent(m, b1, b2, a):
    # b2 = b1 + (b2 - b1): both levels stay inside the validated domain.
    disc, fric, qual = m
    r1 = teapot_choice(b1, disc, fric, qual, alpha_per_usd=a)
    r2 = teapot_choice(b2, disc, fric, qual, alpha_per_usd=a)
    for g in GRADES:
        assert close(r1.shares[g], r2.shares[g])
        assert close(r2.net_cost_usd[g] - r1.net_cost_usd[g], b2 - b1, rel=1e-9, abs_=1e-9)
    assert close(r1.iran_unsold_mbd, r2.iran_unsold_mbd)


# ------------------------------------------------------------------------------ 3. Russian discount


@FAST
@given(market(), discount, discount, brent, alpha)
def test_3_bigger_russian_discount_lowers_iran_and_raises_russia(m, d1, d2, b, a):
    disc, fric, qual = m
    small, big = sorted((d1, d2))
    lo = teapot_choice(b, {**disc, "russia": small}, fric, qual, alpha_per_usd=a)
    hi = teapot_choice(b, {**disc, "russia": big}, fric, qual, alpha_per_usd=a)
    # weakly, with an allowance of 1e-12 for rounding
    assert hi.shares["iran"] <= lo.shares["iran"] + TOL
    assert hi.shares["russia"] >= lo.shares["russia"] - TOL
    assert hi.iran_unsold_mbd >= lo.iran_unsold_mbd - TOL


# ------------------------------------------------------------------------------ 4. IIA


@FAST
@given(market(), discount, brent, alpha)
def test_4_iia_other_discount_leaves_iran_russia_ratio(m, d_other, b, a):
    disc, fric, qual = m
    r1 = teapot_choice(b, disc, fric, qual, alpha_per_usd=a)
    r2 = teapot_choice(b, {**disc, "other": d_other}, fric, qual, alpha_per_usd=a)
    ratio1 = r1.shares["iran"] / r1.shares["russia"]
    ratio2 = r2.shares["iran"] / r2.shares["russia"]
    assert close(ratio1, ratio2)
    # and the ratio is exp(-alpha (c_iran - c_russia)), computed here from the inputs
    fric, qual = fric or {}, qual or {}
    gap = (-disc["iran"] + fric.get("iran", 0.0) - qual.get("iran", 0.0)) \
        - (-disc["russia"] + fric.get("russia", 0.0) - qual.get("russia", 0.0))
    assert close(ratio1, math.exp(-a * gap), rel=1e-9)


# ------------------------------------------------------------------------------ 5. alpha limits


@FAST
@given(any_market(), brent)
def test_5a_alpha_zero_gives_exactly_equal_shares(m, b):
    disc, fric, qual, key = m
    res = teapot_choice(b, disc, fric, qual, alpha_per_usd=0.0, iran_key=key)
    assert len(set(res.shares.values())) == 1
    assert close(res.shares[key], 1.0 / len(disc))


@st.composite
def dominated_market(draw):
    """2-4 grades; one grade's net cost is >= $15/bbl below every other grade's.

    The others' discounts are kept in [0, 10], so their relative costs (friction - discount -
    quality) are >= -15; the leader's friction is in [0, 5], and its discount is then drawn
    high enough to open the $15 gap (always possible inside the domain).
    """
    names = draw(st.lists(grade_name, min_size=2, max_size=4, unique=True))
    leader, others = names[0], names[1:]
    disc, fric, qual = {}, {}, {}
    for g in others:
        disc[g] = draw(st.floats(0.0, 10.0))
        fric[g] = draw(friction)
        qual[g] = draw(quality)
    cheapest_other = min(fric[g] - disc[g] - qual[g] for g in others)
    fric[leader] = draw(st.floats(0.0, 5.0))
    qual[leader] = draw(quality)
    need = fric[leader] - qual[leader] - cheapest_other + 15.0  # leader discount for a $15 gap
    disc[leader] = draw(st.floats(max(0.0, need), 40.0))
    ordered = {g: disc[g] for g in draw(st.permutations(names))}
    return ordered, fric, qual, leader


@FAST
@given(dominated_market(), brent)
def test_5b_alpha_one_and_a_15_dollar_gap_takes_the_market(m, b):
    disc, fric, qual, leader = m
    res = teapot_choice(b, disc, fric, qual, alpha_per_usd=1.0, iran_key=leader)
    gaps = [res.net_cost_usd[g] - res.net_cost_usd[leader] for g in disc if g != leader]
    assume(min(gaps) >= 15.0)  # guard against rounding at the boundary of the construction
    assert res.shares[leader] > 0.999999


# ------------------------------------------------------------------------------ 6-7. storage


@FAST
@given(storage_case())
def test_6_storage_nonnegative_monotone_and_mass_balanced(kw):
    res = teapot_choice(**kw)
    n, o, f0 = kw["days"], kw["iran_offered_mbd"], kw["storage0_mb"]
    demand = kw["runs_mbd"] * res.shares["iran"]
    s, dlv = res.storage_mb, res.iran_delivered_mbd
    assert s.shape == (n + 1,) and dlv.shape == (n,)
    assert s[0] == f0
    assert all(x >= 0.0 for x in s)
    steps = [s[t + 1] - s[t] for t in range(n)]
    if demand <= o:
        assert all(d >= 0.0 for d in steps)
    else:
        assert all(d <= 0.0 for d in steps)
    assert abs((s[-1] - s[0]) - (n * o - math.fsum(dlv))) <= 1e-9
    # the recursion itself, as a plain loop
    ref_s, ref_d = storage_loop(demand, o, f0, n)
    assert all(abs(x - y) <= 1e-9 for x, y in zip(s, ref_s, strict=True))
    assert all(abs(x - y) <= 1e-9 for x, y in zip(dlv, ref_d, strict=True))
    assert all(x <= demand + TOL and x <= o + f + TOL for x, f in zip(dlv, s, strict=False))
    if n:
        price = kw["brent_usd"] - kw["discount_usd"]["iran"]
        assert close(res.iran_revenue_musd_per_day, math.fsum(ref_d) / n * price,
                     rel=1e-9, abs_=1e-9)


@FAST
@given(storage_case())
def test_7_unsold_and_storage_build(kw):
    res = teapot_choice(**kw)
    n, o = kw["days"], kw["iran_offered_mbd"]
    ref = reference_shares(kw["brent_usd"], kw["discount_usd"], kw["friction_usd"],
                           kw["quality_usd"], kw["alpha_per_usd"])
    demand = kw["runs_mbd"] * res.shares["iran"]
    assert close(demand, kw["runs_mbd"] * ref["iran"], rel=1e-9)
    assert close(res.iran_unsold_mbd, max(0.0, o - demand))
    assert close(res.iran_drawdown_mbd, max(0.0, demand - o))
    assert res.iran_unsold_mbd == 0.0 or res.iran_drawdown_mbd == 0.0
    if demand <= o:
        assert close(res.storage_mb[-1] - res.storage_mb[0], res.iran_unsold_mbd * n,
                     rel=1e-12, abs_=1e-9)


@FAST
@given(storage_case())
def test_days_zero_revenue_equals_one_day_revenue(kw):
    r0 = teapot_choice(**{**kw, "days": 0})
    r1 = teapot_choice(**{**kw, "days": 1})
    assert r0.storage_mb.shape == (1,) and r0.iran_delivered_mbd.shape == (0,)
    assert close(r0.iran_revenue_musd_per_day, r1.iran_revenue_musd_per_day)

"""Hand-checked cases for helpers.models.oil (teapot logit choice and floating storage).

References are written here from the equations (math.exp, a plain day-by-day loop), or are
published figures (Reuters' customs conversions, the tuned 2022 calibration example), never
numbers copied from the module's own output.
"""

from __future__ import annotations

import math
import re
from dataclasses import FrozenInstanceError

import numpy as np
import pytest

from helpers.checks import ParameterError
from helpers.models.oil import (
    BARRELS_PER_TONNE,
    DOMAIN,
    SLIDERS,
    OilResult,
    elasticity_of_substitution,
    teapot_choice,
    tonnes_to_bpd,
)

THREE = {"iran": 10.0, "russia": 30.0, "other": 0.0}


def close(x: float, y: float, tol: float = 1e-12) -> bool:
    return math.isclose(x, y, rel_tol=tol, abs_tol=tol)


def storage_loop(demand: float, offered: float, storage0: float, days: int):
    """The recursion delivered_t = min(D, O + F_t), F_{t+1} = F_t + O - delivered_t, literally."""
    storage = [storage0]
    delivered = []
    for _ in range(days):
        d = min(demand, offered + storage[-1])
        delivered.append(d)
        storage.append(storage[-1] + offered - d)
    return storage, delivered


def demand_of(r: OilResult, runs: float) -> float:
    return runs * r.shares["iran"]


# ------------------------------------------------------------------------------ shares


def test_two_grades_closed_form_logistic():
    # c_iran = 100 - 10 = 90, c_russia = 100 - 20 = 80: s_iran = 1 / (1 + exp(alpha * 10)).
    alpha = 0.1
    r = teapot_choice(100.0, {"iran": 10.0, "russia": 20.0}, alpha_per_usd=alpha)
    s_iran = 1.0 / (1.0 + math.exp(alpha * (90.0 - 80.0)))
    assert close(r.shares["iran"], s_iran)
    assert close(r.shares["russia"], 1.0 - s_iran)
    assert r.net_cost_usd == {"iran": 90.0, "russia": 80.0}
    assert close(r.volumes_mbd["iran"], 1.8 * s_iran)
    assert r.grades == ("iran", "russia")


def test_two_grades_with_friction_and_quality():
    # c_iran = 100 - 15 + 6 - 2 = 89, c_russia = 100 - 12 + 0 + 1 = 89 -> equal shares.
    r = teapot_choice(100.0, {"iran": 15.0, "russia": 12.0}, friction_usd={"iran": 6.0},
                      quality_usd={"iran": 2.0, "russia": -1.0}, alpha_per_usd=0.4)
    assert close(r.net_cost_usd["iran"], 89.0) and close(r.net_cost_usd["russia"], 89.0)
    assert close(r.shares["iran"], 0.5) and close(r.shares["russia"], 0.5)


def test_three_grades_against_plain_exponentials():
    alpha = 0.15
    costs = {g: 105.0 - d for g, d in THREE.items()}
    weights = {g: math.exp(-alpha * c) for g, c in costs.items()}
    total = sum(weights.values())
    r = teapot_choice(105.0, THREE)
    assert list(r.shares) == ["iran", "russia", "other"]  # order of discount_usd kept
    for g in THREE:
        assert close(r.shares[g], weights[g] / total)
        assert close(r.volumes_mbd[g], 1.8 * weights[g] / total)
        assert close(r.net_cost_usd[g], costs[g])
    assert close(sum(r.shares.values()), 1.0)
    assert close(sum(r.volumes_mbd.values()), 1.8)


def test_published_calibration_example():
    # The tuned 2022 illustration: Brent $105, discounts 10/20/0, Iran quality +$3.3, defaults.
    # Published: shares about 0.259 / 0.706 / 0.035, 0.385 mb/d unsold, storage 22 -> about 39 mb
    # in 45 days (Kpler observed 22 -> 37 mb).
    r = teapot_choice(105.0, {"iran": 10.0, "russia": 20.0, "other": 0.0},
                      quality_usd={"iran": 3.3})
    assert [round(r.shares[g], 3) for g in ("iran", "russia", "other")] == [0.259, 0.706, 0.035]
    assert round(r.iran_unsold_mbd, 3) == 0.385
    assert r.storage_mb[0] == 22.0
    assert 38.5 < r.storage_mb[-1] < 39.5
    assert r.storage_mb.shape == (46,)


def test_alpha_zero_gives_equal_shares():
    r = teapot_choice(80.0, {"a": 0.0, "b": 40.0, "c": 7.0, "d": 3.0},
                      friction_usd={"b": 15.0}, quality_usd={"c": -5.0}, alpha_per_usd=0.0,
                      iran_key="a")
    assert len(set(r.shares.values())) == 1
    assert close(r.shares["a"], 0.25)


def test_extreme_domain_gap_does_not_underflow():
    # The widest gap on the domain: 40 + 5 cheaper vs 15 + 5 dearer = 65 $/bbl at alpha = 1.
    r = teapot_choice(50.0, {"iran": 40.0, "russia": 0.0}, friction_usd={"russia": 15.0},
                      quality_usd={"iran": 5.0, "russia": -5.0}, alpha_per_usd=1.0)
    assert r.shares["russia"] > 0.0
    assert close(r.shares["russia"], math.exp(-65.0) / (1 + math.exp(-65.0)), 1e-9)
    assert close(r.net_cost_usd["iran"], 5.0)


def test_missing_friction_and_quality_mean_zero():
    base = teapot_choice(100.0, THREE)
    explicit = teapot_choice(100.0, THREE, friction_usd={"iran": 0.0, "russia": 0.0},
                             quality_usd={})
    assert base.shares == explicit.shares


def test_friction_on_iran_lowers_its_share():
    base = teapot_choice(100.0, THREE)
    risky = teapot_choice(100.0, THREE, friction_usd={"iran": 5.0})
    assert risky.shares["iran"] < base.shares["iran"]
    assert risky.shares["russia"] > base.shares["russia"]


def test_other_iran_key():
    r = teapot_choice(100.0, {"IR": 10.0, "RU": 30.0}, iran_key="IR", runs_mbd=2.0,
                      iran_offered_mbd=1.0)
    d = 2.0 / (1.0 + math.exp(0.15 * 20.0))
    assert close(r.iran_unsold_mbd, 1.0 - d)


def test_inputs_not_mutated_and_numpy_scalars_accepted():
    discounts = {"iran": np.float64(10.0), "russia": np.int64(30), "other": 0}
    friction = {"iran": np.float32(2.0)}
    before = (dict(discounts), dict(friction))
    r = teapot_choice(np.float64(100.0), discounts, friction_usd=friction, days=np.int64(10))
    assert (discounts, friction) == before
    assert all(type(v) is float for v in r.shares.values())
    assert all(type(v) is float for v in r.net_cost_usd.values())
    assert r.iran_delivered_mbd.shape == (10,)


# ------------------------------------------------------------------------------ storage


def _case_for_demand(target_share: float) -> dict:
    """Two grades with Iran's share = target_share at alpha = 0.1 (discount gap by hand)."""
    # s = 1 / (1 + exp(alpha * (c_iran - c_russia))) -> c_iran - c_russia = ln(1/s - 1) / alpha.
    gap = math.log(1.0 / target_share - 1.0) / 0.1
    return {"iran": 20.0 - gap, "russia": 20.0}


@pytest.mark.parametrize(
    ("share", "runs", "offered", "storage0", "days"),
    [
        (0.25, 1.8, 0.85, 22.0, 45),   # D = 0.45 < O: storage fills
        (0.75, 2.0, 0.6, 80.0, 60),    # D = 1.5 > O, storage lasts the whole horizon
        (0.75, 2.0, 0.6, 20.0, 60),    # D = 1.5 > O, storage runs out on day 23
        (0.75, 2.0, 0.6, 0.0, 30),     # nothing afloat: only O delivered from day 0
        (0.75, 2.0, 0.6, 18.0, 20),    # 18 / 0.9 = 20 days exactly: empty at the horizon
        (0.5, 1.2, 0.6, 5.0, 15),      # D = O: storage constant
    ],
)
def test_storage_path_matches_plain_loop(share, runs, offered, storage0, days):
    r = teapot_choice(100.0, _case_for_demand(share), alpha_per_usd=0.1, runs_mbd=runs,
                      iran_offered_mbd=offered, storage0_mb=storage0, days=days)
    demand = demand_of(r, runs)
    assert close(demand, runs * share, 1e-9)
    storage, delivered = storage_loop(demand, offered, storage0, days)
    assert r.storage_mb.shape == (days + 1,) and r.iran_delivered_mbd.shape == (days,)
    np.testing.assert_allclose(r.storage_mb, storage, rtol=0, atol=1e-9)
    np.testing.assert_allclose(r.iran_delivered_mbd, delivered, rtol=0, atol=1e-9)
    assert close(r.iran_unsold_mbd, max(0.0, offered - demand), 1e-9)
    assert close(r.iran_drawdown_mbd, max(0.0, demand - offered), 1e-9)
    price = 100.0 - _case_for_demand(share)["iran"]
    assert close(r.iran_revenue_musd_per_day, sum(delivered) / days * price, 1e-9)


def test_storage_runs_out_mid_horizon_and_demand_is_not_reallocated():
    # D = 1.5, O = 0.6: drains 0.9 mb/d, 20 mb last 22.2 days -> empty from day 23.
    runs, offered = 2.0, 0.6
    r = teapot_choice(100.0, _case_for_demand(0.75), alpha_per_usd=0.1, runs_mbd=runs,
                      iran_offered_mbd=offered, storage0_mb=20.0, days=60)
    t_empty = math.ceil(20.0 / 0.9)
    assert t_empty == 23
    assert np.all(r.storage_mb[:t_empty] > 0) and np.all(r.storage_mb[t_empty:] == 0)
    np.testing.assert_allclose(r.iran_delivered_mbd[: t_empty - 1], 1.5, atol=1e-9)
    assert close(r.iran_delivered_mbd[t_empty - 1], offered + 20.0 - 0.9 * (t_empty - 1), 1e-9)
    np.testing.assert_allclose(r.iran_delivered_mbd[t_empty:], offered, atol=1e-12)
    # unmet demand stays unmet: demand volumes still sum to R, Iran's is still D.
    assert close(r.volumes_mbd["iran"], 1.5, 1e-9)
    assert close(sum(r.volumes_mbd.values()), runs)


def test_storage_fills_at_unsold_rate():
    r = teapot_choice(100.0, _case_for_demand(0.25), alpha_per_usd=0.1, days=45)
    unsold = 0.85 - 1.8 * 0.25
    np.testing.assert_allclose(r.storage_mb, 22.0 + unsold * np.arange(46), atol=1e-9)
    assert r.iran_drawdown_mbd == 0.0
    np.testing.assert_allclose(r.iran_delivered_mbd, 0.45, atol=1e-9)
    # revenue = D x (Brent - discount_iran) when every day's demand is met.
    d_iran = _case_for_demand(0.25)["iran"]
    assert close(r.iran_revenue_musd_per_day, 0.45 * (100.0 - d_iran), 1e-9)


def test_days_zero():
    kw = {"alpha_per_usd": 0.1, "runs_mbd": 2.0, "iran_offered_mbd": 0.6}
    disc = _case_for_demand(0.75)
    r0 = teapot_choice(100.0, disc, storage0_mb=0.5, days=0, **kw)
    r1 = teapot_choice(100.0, disc, storage0_mb=0.5, days=1, **kw)
    assert r0.storage_mb.shape == (1,) and r0.storage_mb[0] == 0.5
    assert r0.iran_delivered_mbd.shape == (0,)
    # documented rule: the day-0 rate min(D, O + F_0) = min(1.5, 1.1) = 1.1, as for days = 1.
    assert close(r0.iran_revenue_musd_per_day, 1.1 * (100.0 - disc["iran"]), 1e-9)
    assert close(r0.iran_revenue_musd_per_day, r1.iran_revenue_musd_per_day)
    assert close(r0.iran_drawdown_mbd, 0.9, 1e-9)


def test_result_is_frozen_and_arrays_read_only():
    r = teapot_choice(100.0, THREE)
    with pytest.raises(FrozenInstanceError):
        r.iran_unsold_mbd = 0.0  # type: ignore[misc]
    for arr in (r.storage_mb, r.iran_delivered_mbd):
        assert not arr.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            arr[0] = 1.0


def test_brent_changes_revenue_not_shares():
    lo = teapot_choice(70.0, THREE)
    hi = teapot_choice(120.0, THREE)
    assert lo.shares == hi.shares
    assert close(hi.iran_revenue_musd_per_day / lo.iran_revenue_musd_per_day,
                 (120.0 - 10.0) / (70.0 - 10.0))


# ------------------------------------------------------------------------------ conversions


def test_tonnes_to_bpd_reproduces_reuters_customs_figures():
    # Reuters, 20 Jun 2022: Russia 8.42 Mt = 1.98 mb/d, Saudi Arabia 7.82 Mt = 1.84 mb/d (May).
    assert round(tonnes_to_bpd(8.42e6, 31) / 1e6, 2) == 1.98
    assert round(tonnes_to_bpd(7.82e6, 31) / 1e6, 2) == 1.84


def test_tonnes_to_bpd_arithmetic():
    assert BARRELS_PER_TONNE == 7.3
    assert close(tonnes_to_bpd(1000.0, 10), 730.0)
    assert close(tonnes_to_bpd(1000.0, 10, barrels_per_tonne=7.33), 733.0)
    assert tonnes_to_bpd(0, 30) == 0.0
    assert close(tonnes_to_bpd(3.66e6, 366), 7.3e4)


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((-1.0, 31), r"tonnes must be .*\[0, inf\] t"),
        ((math.nan, 31), r"tonnes"),
        ((math.inf, 31), r"tonnes"),
        (("8e6", 31), r"tonnes"),
        ((True, 31), r"tonnes"),
        ((1e6, 0), r"days must be .*\(0, 366\] days"),
        ((1e6, 367), r"days"),
        ((1e6, None), r"days"),
        ((1e6, 31, 5.9), r"barrels_per_tonne must be .*\[6, 8\.5\] bbl/t"),
        ((1e6, 31, 8.6), r"barrels_per_tonne"),
    ],
)
def test_tonnes_to_bpd_bad_input(args, pattern):
    with pytest.raises(ParameterError, match=pattern):
        tonnes_to_bpd(*args)


def test_elasticity_of_substitution_matches_logit_derivative():
    # sigma = -d ln(s_i/s_r) / d ln(p_i/p_r) at p_i = p_r = 90, by a central difference in p_r.
    alpha, h = 0.2, 1e-3

    def log_ratio(russia_discount: float) -> float:
        r = teapot_choice(100.0, {"iran": 10.0, "russia": russia_discount},
                          alpha_per_usd=alpha)
        return math.log(r.shares["iran"] / r.shares["russia"])

    d_log_ratio = log_ratio(10.0 + h) - log_ratio(10.0 - h)
    d_log_price = math.log(90.0 / (90.0 - h)) - math.log(90.0 / (90.0 + h))
    sigma = -d_log_ratio / d_log_price
    assert math.isclose(elasticity_of_substitution(alpha, 90.0), sigma, rel_tol=1e-6)
    assert close(elasticity_of_substitution(0.15, 100.0), 15.0)
    assert elasticity_of_substitution(0.0, 100.0) == 0.0


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        ((1.5, 100.0), r"alpha_per_usd must be .*\[0, 1\] per \$/bbl"),
        ((math.nan, 100.0), r"alpha_per_usd"),
        ((0.1, -1.0), r"price_usd must be .*\[0, 200\] \$/bbl"),
        ((0.1, None), r"price_usd"),
    ],
)
def test_elasticity_bad_input(args, pattern):
    with pytest.raises(ParameterError, match=pattern):
        elasticity_of_substitution(*args)


# ------------------------------------------------------------------------------ constants


def test_sliders_inside_domain_and_defaults_inside_sliders():
    assert set(DOMAIN) == set(SLIDERS)
    for name, (lo, hi, unit, source) in SLIDERS.items():
        dlo, dhi, dunit, _ = DOMAIN[name]
        assert dlo <= lo < hi <= dhi and unit == dunit and source
    defaults = {"alpha_per_usd": 0.15, "runs_mbd": 1.8, "iran_offered_mbd": 0.85,
                "storage0_mb": 22.0, "days": 45}
    for name, value in defaults.items():
        lo, hi, _, _ = SLIDERS[name]
        assert lo <= value <= hi
    with pytest.raises(TypeError):
        DOMAIN["days"] = (0, 1, "days", "")  # type: ignore[index]


def test_domain_bounds_are_enforced_at_both_ends():
    for name in ("brent_usd", "alpha_per_usd", "runs_mbd", "iran_offered_mbd", "storage0_mb"):
        lo, hi, _, _ = DOMAIN[name]
        base = {"brent_usd": 100.0}
        for ok in (lo, hi):
            teapot_choice(**{**base, name: ok}, discount_usd=THREE)
        step = 1e-9 * max(1.0, abs(hi))
        for bad in (lo - step, hi + step):
            with pytest.raises(ParameterError, match=re.escape(name)):
                teapot_choice(**{**base, name: bad}, discount_usd=THREE)


# ------------------------------------------------------------------------------ bad input


BAD_INPUT = [
    # brent_usd
    ({"brent_usd": 49.9}, r"brent_usd must be a finite number in \[50, 200\] \$/bbl"),
    ({"brent_usd": 200.5}, r"brent_usd .*\[50, 200\] \$/bbl"),
    ({"brent_usd": math.nan}, r"brent_usd"),
    ({"brent_usd": np.nan}, r"brent_usd"),
    ({"brent_usd": math.inf}, r"brent_usd"),
    ({"brent_usd": True}, r"brent_usd"),
    ({"brent_usd": "105"}, r"brent_usd"),
    ({"brent_usd": None}, r"brent_usd"),
    ({"brent_usd": np.array([100.0])}, r"brent_usd"),
    # discount_usd: type, size, keys, values
    ({"discount_usd": None}, r"discount_usd must be a mapping grade -> value in \[0, 40\]"),
    ({"discount_usd": [("iran", 10), ("russia", 30)]}, r"discount_usd must be a mapping"),
    ({"discount_usd": "iran"}, r"discount_usd must be a mapping"),
    ({"discount_usd": {}}, r"discount_usd must hold at least 2 grades"),
    ({"discount_usd": {"iran": 10.0}}, r"discount_usd must hold at least 2 grades"),
    ({"discount_usd": {"iran": 10.0, 1: 30.0}}, r"discount_usd keys must be grade names"),
    ({"discount_usd": {"iran": 10.0, "": 30.0}}, r"discount_usd keys must be grade names"),
    ({"discount_usd": {"iran": 10.0, "  ": 30.0}}, r"discount_usd keys must be grade names"),
    ({"discount_usd": {"iran": 10.0, "russia": 41.0}},
     r"discount_usd\['russia'\] must be a finite number in \[0, 40\] \$/bbl, got 41"),
    ({"discount_usd": {"iran": -0.5, "russia": 30.0}}, r"discount_usd\['iran'\] .*\[0, 40\]"),
    ({"discount_usd": {"iran": 10.0, "russia": math.nan}}, r"discount_usd\['russia'\]"),
    ({"discount_usd": {"iran": 10.0, "russia": math.inf}}, r"discount_usd\['russia'\]"),
    ({"discount_usd": {"iran": 10.0, "russia": True}}, r"discount_usd\['russia'\]"),
    ({"discount_usd": {"iran": 10.0, "russia": "30"}}, r"discount_usd\['russia'\]"),
    ({"discount_usd": {"iran": 10.0, "russia": None}}, r"discount_usd\['russia'\]"),
    # friction_usd
    ({"friction_usd": [("iran", 1.0)]}, r"friction_usd must be a mapping .*\[0, 15\] \$/bbl"),
    ({"friction_usd": 3.0}, r"friction_usd must be a mapping"),
    ({"friction_usd": {"saudi": 1.0}},
     r"friction_usd key \(a grade of discount_usd\) must be one of "
     r"\['iran', 'other', 'russia'\], got 'saudi'"),
    ({"friction_usd": {2: 1.0}}, r"friction_usd keys must be grade names"),
    ({"friction_usd": {"iran": 15.5}},
     r"friction_usd\['iran'\] must be a finite number in \[0, 15\] \$/bbl"),
    ({"friction_usd": {"iran": -1.0}}, r"friction_usd\['iran'\]"),
    ({"friction_usd": {"iran": math.nan}}, r"friction_usd\['iran'\]"),
    ({"friction_usd": {"iran": False}}, r"friction_usd\['iran'\]"),
    # quality_usd
    ({"quality_usd": {"russia": 5.1}},
     r"quality_usd\['russia'\] must be a finite number in \[-5, 5\] \$/bbl"),
    ({"quality_usd": {"russia": -5.1}}, r"quality_usd\['russia'\]"),
    ({"quality_usd": {"urals": 1.0}}, r"quality_usd key .*got 'urals'"),
    ({"quality_usd": "high"}, r"quality_usd must be a mapping"),
    ({"quality_usd": {"other": None}}, r"quality_usd\['other'\]"),
    # alpha_per_usd
    ({"alpha_per_usd": -0.01}, r"alpha_per_usd must be a finite number in \[0, 1\] per \$/bbl"),
    ({"alpha_per_usd": 1.01}, r"alpha_per_usd"),
    ({"alpha_per_usd": math.nan}, r"alpha_per_usd"),
    ({"alpha_per_usd": True}, r"alpha_per_usd"),
    ({"alpha_per_usd": None}, r"alpha_per_usd"),
    # runs_mbd
    ({"runs_mbd": 0.99}, r"runs_mbd must be a finite number in \[1, 3\] mb/d"),
    ({"runs_mbd": 3.01}, r"runs_mbd"),
    ({"runs_mbd": math.inf}, r"runs_mbd"),
    ({"runs_mbd": "1.8"}, r"runs_mbd"),
    # iran_offered_mbd
    ({"iran_offered_mbd": 0.29},
     r"iran_offered_mbd must be a finite number in \[0\.3, 1\.5\] mb/d"),
    ({"iran_offered_mbd": 1.51}, r"iran_offered_mbd"),
    ({"iran_offered_mbd": -math.inf}, r"iran_offered_mbd"),
    # storage0_mb
    ({"storage0_mb": -1.0}, r"storage0_mb must be a finite number in \[0, 120\] mb"),
    ({"storage0_mb": 120.1}, r"storage0_mb"),
    ({"storage0_mb": math.nan}, r"storage0_mb"),
    # days
    ({"days": -1}, r"days must be an integer in \[0, 180\], got -1"),
    ({"days": 181}, r"days must be an integer in \[0, 180\]"),
    ({"days": 4.5}, r"days must be an integer"),
    ({"days": 45.0}, r"days must be an integer"),
    ({"days": np.float64(45.0)}, r"days must be an integer"),
    ({"days": True}, r"days must be an integer"),
    ({"days": "45"}, r"days must be an integer"),
    ({"days": None}, r"days must be an integer"),
    # iran_key
    ({"iran_key": "saudi"},
     r"iran_key \(a grade of discount_usd\) must be one of \['iran', 'other', 'russia'\]"),
    ({"iran_key": "Iran"}, r"iran_key"),
    ({"iran_key": None}, r"iran_key"),
    ({"iran_key": ["iran"]}, r"iran_key"),
]


@pytest.mark.parametrize(("overrides", "pattern"), BAD_INPUT)
def test_bad_input_raises_parameter_error_naming_the_parameter(overrides, pattern):
    kwargs = {"brent_usd": 100.0, "discount_usd": THREE, **overrides}
    with pytest.raises(ParameterError, match=pattern):
        teapot_choice(**kwargs)


def test_parameter_error_is_value_and_type_error():
    with pytest.raises(ValueError):
        teapot_choice(100.0, {"iran": 10.0, "russia": 99.0})
    with pytest.raises(TypeError):
        teapot_choice(100.0, {"iran": 10.0, "russia": "x"})


def test_all_grades_missing_iran_key_default():
    with pytest.raises(ParameterError, match=r"iran_key .*\['ru', 'sa'\], got 'iran'"):
        teapot_choice(100.0, {"ru": 30.0, "sa": 0.0})

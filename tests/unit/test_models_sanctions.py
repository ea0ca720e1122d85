"""Hand-computed cases for helpers.models.sanctions (bargaining split, Drezner game, oil revenue).

Every expected number below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from helpers.checks import ParameterError
from helpers.models import sanctions
from helpers.models.sanctions import (
    BARRELS_MAX_MBD,
    BRENT_MAX_USD,
    BRENT_MIN_USD,
    DISCOUNT_MAX_USD,
    IMPASSE_REGIMES,
    MODES,
    OUTSIDE_REGIMES,
    DealResult,
    DreznerResult,
    deal_split,
    drezner,
    iran_fallback,
    iran_oil_revenue_busd,
)


def close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12)


def expect(r: DealResult, deal: bool, iran: float, us: float, regime: str) -> None:
    assert r.deal is deal
    assert close(r.iran, iran), (r.iran, iran)
    assert close(r.us, us), (r.us, us)
    assert r.regime == regime


# ------------------------------------------------------------------------------ impasse mode


def test_impasse_brief_example():
    # 0.3 + 0.5 * (1 - 0.3 - 0.2) = 0.55; us = 0.45
    expect(deal_split(1, 0.3, 0.2), True, 0.55, 0.45, "split_the_difference")


def test_impasse_is_the_default_mode():
    assert deal_split(1, 0.3, 0.2).mode == "impasse"
    assert deal_split(1, 0.3, 0.2, 0.5, "impasse") == deal_split(1, 0.3, 0.2)


def test_impasse_zero_fallbacks_split_by_power():
    # 0 + 0.3 * 1 = 0.3
    expect(deal_split(1, 0, 0, 0.3), True, 0.3, 0.7, "split_the_difference")


def test_impasse_in_billions():
    # S = 40, fi = 10, fu = 6, beta = 0.25: 10 + 0.25 * 24 = 16; us = 24
    expect(deal_split(40, 10, 6, 0.25), True, 16.0, 24.0, "split_the_difference")


def test_impasse_power_extremes():
    # beta = 0: Iran keeps its fallback; beta = 1: Iran takes everything but the US fallback
    expect(deal_split(1, 0.2, 0.1, 0.0), True, 0.2, 0.8, "split_the_difference")
    expect(deal_split(1, 0.2, 0.1, 1.0), True, 0.9, 0.1, "split_the_difference")


def test_impasse_fallbacks_exactly_exhaust_surplus_is_a_deal():
    # fi + fu = S exactly (0.5 + 0.5 = 1 in binary): deal, nothing left to split
    expect(deal_split(1, 0.5, 0.5, 0.8), True, 0.5, 0.5, "split_the_difference")


def test_impasse_counter_example():
    # fallbacks (0, 0.5), beta = 0.5: 0 + 0.5 * 0.5 = 0.25
    expect(deal_split(1, 0, 0.5, 0.5), True, 0.25, 0.75, "split_the_difference")


def test_impasse_no_deal():
    expect(deal_split(1, 0.7, 0.4), False, 0.7, 0.4, "no_deal")


# ------------------------------------------------------------------------------ outside mode


def test_outside_interior():
    # beta * S = 0.5 >= 0.3 and (1 - beta) * S = 0.5 >= 0.2: Iran gets beta * S
    expect(deal_split(1, 0.3, 0.2, mode="outside"), True, 0.5, 0.5, "interior")


def test_outside_interior_with_power():
    # beta = 0.3: 0.3 * 2 = 0.6 >= fi = 0.4, 0.7 * 2 = 1.4 >= fu = 1: Iran 0.6, US 1.4
    expect(deal_split(2, 0.4, 1.0, 0.3, "outside"), True, 0.6, 1.4, "interior")


def test_outside_iran_option_binds():
    # fi = 0.7 > beta * S = 0.5: Iran gets exactly its option 0.7
    expect(deal_split(1, 0.7, 0.2, mode="outside"), True, 0.7, 0.3, "iran_option_binds")


def test_outside_us_option_binds():
    # fu = 0.8 > (1 - 0.4) * 1 = 0.6: the US gets 0.8, Iran 1 - 0.8 = 0.2
    expect(deal_split(1, 0.1, 0.8, 0.4, "outside"), True, 0.2, 0.8, "us_option_binds")


def test_outside_counter_example_equality_is_interior():
    # fu = 0.5 = (1 - 0.5) * 1: interior (equality), Iran gets 0.5 > impasse's 0.25
    expect(deal_split(1, 0, 0.5, 0.5, "outside"), True, 0.5, 0.5, "interior")


def test_outside_iran_equality_is_interior():
    # fi = 0.5 = beta * S: interior, Iran 0.5
    expect(deal_split(1, 0.5, 0.1, 0.5, "outside"), True, 0.5, 0.5, "interior")


def test_outside_both_at_kink_with_full_surplus():
    # fi = beta * S = 0.25 and fu = 0.75 = (1 - beta) * S: both equalities, interior
    expect(deal_split(1, 0.25, 0.75, 0.25, "outside"), True, 0.25, 0.75, "interior")


def test_outside_no_deal():
    expect(deal_split(1, 0.6, 0.6, 0.5, "outside"), False, 0.6, 0.6, "no_deal")


def test_outside_power_extremes():
    # beta = 0: any positive Iranian option binds; beta = 1: any positive US option binds
    expect(deal_split(1, 0.2, 0.1, 0.0, "outside"), True, 0.2, 0.8, "iran_option_binds")
    expect(deal_split(1, 0.0, 0.1, 0.0, "outside"), True, 0.0, 1.0, "interior")
    expect(deal_split(1, 0.2, 0.1, 1.0, "outside"), True, 0.9, 0.1, "us_option_binds")


def test_outside_russian_support_below_kink_changes_nothing():
    # raising Iran's outside option from 0 to 0.5 (= beta * S) leaves Iran at 0.5
    shares = [deal_split(1, f, 0.1, mode="outside").iran for f in (0.0, 0.2, 0.4, 0.5)]
    assert all(close(x, 0.5) for x in shares)
    # and above the kink it binds one for one: 0.6 -> 0.6
    assert close(deal_split(1, 0.6, 0.1, mode="outside").iran, 0.6)


def test_regimes_belong_to_their_mode():
    assert IMPASSE_REGIMES == ("split_the_difference", "no_deal")
    assert OUTSIDE_REGIMES == ("interior", "iran_option_binds", "us_option_binds", "no_deal")
    assert MODES == ("impasse", "outside")


# ------------------------------------------------------------------------------ result type


def test_deal_result_is_frozen_and_has_as_dict():
    r = deal_split(1, 0, 0)
    assert isinstance(r, DealResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.iran = 1.0  # type: ignore[misc]
    assert r.as_dict() == {"deal": True, "iran": 0.5, "us": 0.5,
                           "regime": "split_the_difference", "mode": "impasse"}


def test_results_are_plain_python_types():
    r = deal_split(np.float64(2), np.float32(0.5), np.int64(0), np.float64(0.3), "outside")
    assert type(r.deal) is bool and type(r.iran) is float and type(r.us) is float
    d = drezner(np.float64(1), np.float64(0.3), np.float64(0.5))
    assert type(d.sender_credible) is bool and type(d.max_concession) is float
    assert type(iran_oil_revenue_busd(np.float64(1), 100, 10)) is float


def test_numpy_scalar_inputs_accepted():
    # 0.5 + 0.3 * (2 - 0.5 - 0) = 0.95
    r = deal_split(np.float64(2), np.float32(0.5), np.int64(0), np.float64(0.3))
    assert close(r.iran, 0.95)


# ------------------------------------------------------------------------------ Drezner


def test_drezner_ally_not_credible():
    # (1 - 0.9) * 1 - 0.3 = -0.2 < 0; D* = (1 - 0.1 * 0.3) / 1.1 = 0.97 / 1.1
    r = drezner(1, 0.3, 0.9)
    assert isinstance(r, DreznerResult)
    assert r.sender_credible is False
    assert close(r.max_concession, 0.97 / 1.1)
    assert r.concession_obtained == 0.0


def test_drezner_middle_credible():
    # (1 - 0.5) * 1 - 0.3 = 0.2 > 0; D* = (1 - 0.5 * 0.3) / 1.5 = 0.85 / 1.5
    r = drezner(1, 0.3, 0.5)
    assert r.sender_credible is True
    assert close(r.max_concession, 0.85 / 1.5)
    assert close(r.concession_obtained, 0.85 / 1.5)


def test_drezner_adversary_credible_small_concession():
    # 0.9 - 0.3 = 0.6 > 0; D* = (1 - 0.9 * 0.3) / 1.9 = 0.73 / 1.9
    r = drezner(1, 0.3, 0.1)
    assert r.sender_credible is True
    assert close(r.concession_obtained, 0.73 / 1.9)


def test_drezner_paradox_ordering():
    # allies would concede more, but only adversaries actually concede
    ally, foe = drezner(1, 0.3, 0.9), drezner(1, 0.3, 0.1)
    assert ally.max_concession > foe.max_concession
    assert ally.concession_obtained < foe.concession_obtained


def test_drezner_threshold_weight():
    # credible iff (1 - w) * 1 > 0.3, i.e. w < 0.7
    assert drezner(1, 0.3, 0.69).sender_credible
    assert not drezner(1, 0.3, 0.71).sender_credible


def test_drezner_exact_tie_is_not_credible():
    # (1 - 0.5) * 1 - 0.5 = 0: indifferent sender is not credible
    assert drezner(1, 0.5, 0.5).sender_credible is False


def test_drezner_negative_concession_clipped_to_zero():
    # w = 0: D* = (0.2 - 1 * 1) / 2 = -0.4 -> 0
    r = drezner(0.2, 1.0, 0.0)
    assert r.max_concession == 0.0 and r.concession_obtained == 0.0


def test_drezner_pure_absolute_gains():
    # w = 1: never credible (-c_s <= 0); D* = c_t / 1 = 2
    r = drezner(2, 0, 1)
    assert not r.sender_credible and close(r.max_concession, 2.0)


def test_drezner_as_dict():
    # w = 0, c_t = 1, c_s = 0: credible (1 > 0), D* = 1 / 2
    assert drezner(1, 0, 0).as_dict() == {"sender_credible": True, "max_concession": 0.5,
                                          "concession_obtained": 0.5}


# ------------------------------------------------------------------------------ oil revenue


def test_revenue_hand_arithmetic():
    # 1 mb/d * $90/bbl = $90 M/day; * 365 / 1000 = 32.85 $bn/yr
    assert close(iran_oil_revenue_busd(1, 100, 10), 32.85)
    # 0.84 * (97 - 4.5) = 77.7 $M/day -> 28.3605 $bn/yr
    assert close(iran_oil_revenue_busd(0.84, 97, 4.5), 28.3605)
    # 0.70 * (111 - 10) = 70.7 $M/day -> 25.8055 $bn/yr
    assert close(iran_oil_revenue_busd(0.70, 111, 10), 25.8055)


def test_revenue_bounds_inclusive():
    assert iran_oil_revenue_busd(0, 100, 10) == 0.0
    # 3 * (200 - 0) * 0.365 = 219
    assert close(iran_oil_revenue_busd(BARRELS_MAX_MBD, BRENT_MAX_USD, 0), 219.0)
    # 2 * (40 - 40) would be 0, but the discount must be below Brent: 41 - 40 = 1 -> 0.73
    assert close(iran_oil_revenue_busd(2, 41, DISCOUNT_MAX_USD), 0.73)
    # 1 * (20 - 19.5) * 0.365 = 0.1825
    assert close(iran_oil_revenue_busd(1, BRENT_MIN_USD, 19.5), 0.1825)


def test_domain_constants():
    assert (BARRELS_MAX_MBD, BRENT_MIN_USD, BRENT_MAX_USD, DISCOUNT_MAX_USD) == (3, 20, 200, 40)


def test_fallback_is_sum():
    assert close(iran_fallback(25.8055, 5), 30.8055)
    assert iran_fallback(12.5) == 12.5


def test_fallback_chain_into_deal_split():
    # revenue 32.85 $bn/yr, no support; surplus 100 $bn/yr, fu = 0, beta 0.5
    # impasse: 32.85 + 0.5 * 67.15 = 66.425
    fi = iran_fallback(iran_oil_revenue_busd(1, 100, 10))
    assert close(deal_split(100, fi, 0).iran, 66.425)


# ------------------------------------------------------------------------------ bad input

GOOD_DEAL = {"surplus": 1.0, "fallback_iran": 0.2, "fallback_us": 0.1, "iran_power": 0.5}
NON_NUMBERS = [float("nan"), float("inf"), -float("inf"), True, False, "0.5", None, [0.5],
               complex(1, 0)]


@pytest.mark.parametrize("value", [*NON_NUMBERS, 0, 0.0, -1e-300, -1])
def test_deal_split_bad_surplus(value):
    with pytest.raises(ParameterError, match=r"surplus must be a finite number in \(0, inf\)"):
        deal_split(**{**GOOD_DEAL, "surplus": value})


@pytest.mark.parametrize("name", ["fallback_iran", "fallback_us"])
@pytest.mark.parametrize("value", [*NON_NUMBERS, -1e-12, -3])
def test_deal_split_bad_fallback(name, value):
    with pytest.raises(ParameterError, match=rf"{name} must be a finite number in \[0, inf\)"):
        deal_split(**{**GOOD_DEAL, name: value})


@pytest.mark.parametrize("value", [*NON_NUMBERS, -0.01, 1.01, 2])
def test_deal_split_bad_power(value):
    with pytest.raises(ParameterError, match=r"iran_power must be a finite number in \[0, 1\]"):
        deal_split(**{**GOOD_DEAL, "iran_power": value})


@pytest.mark.parametrize("mode", ["exit", "Impasse", "", None, 1, ["impasse"],
                                  np.array(["impasse", "outside"]), True])
def test_deal_split_bad_mode(mode):
    with pytest.raises(ParameterError, match=r"mode must be one of \['impasse', 'outside'\]"):
        deal_split(1, 0.2, 0.1, 0.5, mode)


def test_parameter_error_is_value_error():
    with pytest.raises(ValueError, match="surplus"):
        deal_split(-1, 0, 0)


@pytest.mark.parametrize("name", ["c_target", "c_sender"])
@pytest.mark.parametrize("value", [*NON_NUMBERS, -0.1])
def test_drezner_bad_cost(name, value):
    args = {"c_target": 1.0, "c_sender": 0.3, "abs_weight": 0.5, name: value}
    with pytest.raises(ParameterError, match=rf"{name} must be a finite number in \[0, inf\)"):
        drezner(**args)


@pytest.mark.parametrize("value", [*NON_NUMBERS, -0.1, 1.1])
def test_drezner_bad_weight(value):
    with pytest.raises(ParameterError, match=r"abs_weight must be a finite number in \[0, 1\]"):
        drezner(1, 0.3, value)


GOOD_OIL = {"barrels_sold_mbd": 0.8, "brent_usd": 100.0, "discount_usd": 10.0}


@pytest.mark.parametrize(("name", "bad", "span"), [
    ("barrels_sold_mbd", -0.1, r"\[0, 3\] mb/d"),
    ("barrels_sold_mbd", 3.01, r"\[0, 3\] mb/d"),
    ("brent_usd", 19.99, r"\[20, 200\] \$/bbl"),
    ("brent_usd", 200.5, r"\[20, 200\] \$/bbl"),
    ("discount_usd", -1, r"\[0, 40\] \$/bbl"),
    ("discount_usd", 40.5, r"\[0, 40\] \$/bbl"),
])
def test_revenue_out_of_range(name, bad, span):
    with pytest.raises(ParameterError, match=rf"{name} must be a finite number in {span}"):
        iran_oil_revenue_busd(**{**GOOD_OIL, name: bad})


@pytest.mark.parametrize("name", list(GOOD_OIL))
@pytest.mark.parametrize("value", NON_NUMBERS)
def test_revenue_non_numbers(name, value):
    with pytest.raises(ParameterError, match=rf"{name} must be a finite number in"):
        iran_oil_revenue_busd(**{**GOOD_OIL, name: value})


@pytest.mark.parametrize(("brent", "discount"), [(30, 30), (25, 30), (20, 39.9)])
def test_revenue_discount_not_below_brent(brent, discount):
    with pytest.raises(ParameterError, match=r"discount_usd .* below brent_usd"):
        iran_oil_revenue_busd(1, brent, discount)


@pytest.mark.parametrize("name", ["revenue_busd", "russian_support_busd"])
@pytest.mark.parametrize("value", [*NON_NUMBERS, -0.5])
def test_fallback_bad_input(name, value):
    args = {"revenue_busd": 20.0, "russian_support_busd": 1.0, name: value}
    with pytest.raises(ParameterError, match=rf"{name} must be a finite number in \[0, inf\)"):
        iran_fallback(**args)


def test_module_exports_and_purity():
    assert set(sanctions.__all__) <= set(dir(sanctions))
    for banned in ("scipy", "matplotlib", "ipywidgets", "pandas"):
        assert banned not in sanctions.__dict__
    args = [1.0, 0.2, 0.1]
    deal_split(*args)
    assert args == [1.0, 0.2, 0.1]

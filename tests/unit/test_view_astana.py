"""The what-if view of notebook 03 (helpers.views.astana): a thin layer over astana_bargain.

Positions and weights are the notebook's *illustrative* inputs, not data.
"""

from __future__ import annotations

import hashlib
import math

import pytest

from helpers import data, views
from helpers.checks import ParameterError
from helpers.models.astana import astana_bargain
from helpers.views.astana import (
    ILLUSTRATIVE_IDEALS,
    ILLUSTRATIVE_OPTION,
    ILLUSTRATIVE_STATUS_QUO,
    WEIGHT_RANGE,
    AstanaView,
)


@pytest.fixture(scope="module")
def view() -> AstanaView:
    return views.build("astana")


def digest(v: AstanaView) -> str:
    return hashlib.sha256(v.png()).hexdigest()


def test_registered_and_built_from_the_guarantors_in_the_data(view):
    assert views.registry()["astana"].cls is AstanaView
    parts = data.load("astana_participants")
    assert view.guarantors == list(parts.loc[parts["role"] == "guarantor", "actor_id"])
    assert view.notebook == "03_the_astana_format.ipynb"
    names = [c.name for c in view.controls]
    assert names == ["rus_x", "rus_y", "irn_x", "irn_y", "tur_x", "tur_y", "w_rus", "w_irn",
                     "w_tur", "q_x", "q_y", "option_on", "z_x", "z_y"]
    assert all("illustrative" in c.source for c in view.controls)
    w = view._control("w_tur")
    assert (w.minimum, w.maximum, w.step) == WEIGHT_RANGE


def test_default_is_the_checked_illustration(view):
    view.reset()
    res = astana_bargain(ILLUSTRATIVE_IDEALS, ILLUSTRATIVE_STATUS_QUO,
                         unilateral=ILLUSTRATIVE_OPTION)
    assert view.result == res
    assert tuple(round(c, 3) for c in res.point) == (0.438, 0.749)
    s = view.summary()
    assert s.iloc[-1]["point"] == "deal"
    assert s.iloc[-1][["x", "y"]].tolist() == pytest.approx([0.438, 0.749])
    assert s.loc[:2, "gain over reversion"].tolist() == [0.1212, 0.1994, 0.0231]
    assert "deal is at (0.438, 0.749)" in view.alt_text()


def test_switching_the_option_off_or_making_it_incredible_gives_gridlock(view):
    view.reset()
    view.update(option_on=False)
    assert not view.result.agreed and view.result.reversion == ILLUSTRATIVE_STATUS_QUO
    assert "switched off" in view.alt_text() and "gridlock" in view.alt_text()
    view.update(option_on=True, z_x=0.1, z_y=0.1)  # Turkey prefers q to this z
    assert not view.result.credible and not view.result.agreed
    assert "not credible" in view.summary().iloc[4]["point"]
    view.reset()


def test_every_control_changes_the_figure_and_reset_restores_it(view):
    view.reset()
    default = digest(view)
    for c in view.controls:
        value = (not c.default) if c.kind == "bool" else min(c.maximum, c.default + c.step)
        if value == c.default:
            value = c.default - c.step
        view.update(**{c.name: value})
        assert digest(view) != default, c.name
        view.reset()
    assert digest(view) == default
    assert len(view.figure.axes) == 1


def test_a_heavier_weight_pulls_the_deal_toward_that_actor(view):
    view.reset()
    theta = ILLUSTRATIVE_IDEALS["TUR"]
    d0 = math.dist(view.result.point, theta)
    view.update(w_tur=3.0)
    assert math.dist(view.result.point, theta) < d0
    view.reset()


def test_bad_values_are_refused_naming_the_parameter(view):
    with pytest.raises(ValueError, match="w_rus"):
        view.update(w_rus=7.0)
    with pytest.raises(ValueError, match="rus_x"):
        view.update(rus_x=1.5)
    with pytest.raises(ValueError, match="option_on"):
        view.update(option_on=1)
    with pytest.raises(ValueError, match="no control"):
        view.update(weight=1.0)
    assert view.params["w_rus"] == 1.0


def test_constructor_checks_the_guarantors():
    with pytest.raises(ValueError, match="guarantors"):
        AstanaView(["RUS", "IRN", "SYR"])
    with pytest.raises(ValueError, match="guarantors"):
        AstanaView(["RUS", "IRN"])  # the option's actor (Turkey) is missing
    small = AstanaView(["RUS", "TUR"], option_on=False)
    assert [c.name for c in small.controls][:4] == ["rus_x", "rus_y", "tur_x", "tur_y"]
    assert not small.result.agreed  # q lies on the Russia-Turkey segment: gridlock


def test_constructor_checks_each_input_against_the_others():
    with pytest.raises(ParameterError, match=r"guarantors must each have an ideal point"):
        AstanaView(["RUS", "IRN", "TUR", "USA"])
    with pytest.raises(ParameterError, match=r"guarantors\[1\] must be one of"):
        AstanaView(["RUS", "XYZ"], ideals={**ILLUSTRATIVE_IDEALS, "XYZ": (0.5, 0.5)})
    with pytest.raises(ParameterError, match=r"guarantors must include the option's actor"):
        AstanaView(["RUS", "IRN"], option=("TUR", (0.5, 0.5)))
    with pytest.raises(ParameterError, match=r"option must be a pair"):
        AstanaView(["RUS", "IRN", "TUR"], option=None)

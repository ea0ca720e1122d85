"""The what-if view of notebook 05 (helpers.views.sanctions): a thin layer over the model.

Its defaults come from the data (June 2022 Brent, Kpler's Q1 2022 volume); the deal's value,
the US fallback, the discount, Russian support and beta are *illustrative*.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from helpers import data, views
from helpers.checks import ParameterError
from helpers.models.sanctions import deal_split, iran_fallback, iran_oil_revenue_busd
from helpers.views.sanctions import FALLBACK_US_BUSD, SURPLUS_BUSD, SanctionsView


@pytest.fixture(scope="module")
def view() -> SanctionsView:
    return views.build("sanctions")


def numbers(v: SanctionsView) -> dict[str, str]:
    s = v.summary()
    return dict(zip(s["quantity"], s["value"], strict=True))


def test_registered_with_the_notebook_and_its_controls(view):
    assert views.registry()["sanctions"].cls is SanctionsView
    assert view.notebook == "05_sanction_dynamics.ipynb"
    assert [c.name for c in view.controls] == ["brent_usd", "barrels_kbd", "discount_usd",
                                               "russian_support_busd", "iran_power", "mode"]
    assert view._control("mode").values == ("impasse", "outside")
    for name in ("discount_usd", "russian_support_busd", "iran_power"):
        assert "illustrative" in view._control(name).source
    assert "brent_monthly.csv" in view._control("brent_usd").source
    assert "IX11" in view._control("barrels_kbd").source


def test_the_cited_works_are_those_of_the_bibliography(view):
    works = data.load("literature").dropna(subset=["year"])
    cited = {(a.split(",")[0], int(y)) for a, y in zip(works["authors"], works["year"],
                                                        strict=True)}
    source = view._control("mode").source
    for name, year in (("Binmore", 1986), ("Muthoo", 2000)):
        assert f"{name}" in source and f"({year})" in source and (name, year) in cited


def test_one_slider_step_shows_in_one_decimal(view):
    # The browser shows slider values to one decimal (aria-valuenow): a step must change it.
    for c in view.controls:
        if c.kind in ("int", "float"):
            assert c.step >= 0.1, c.name


def test_defaults_come_from_the_data(view):
    brent = data.load("brent_monthly").set_index("date")["price"]
    est = data.load("iran_crude_exports_estimates").set_index("row_id")
    assert view._control("brent_usd").default == brent.loc["2022-06-15"]
    assert view._control("barrels_kbd").default == est.loc["IX11", "value"] / 1000
    assert (view.surplus, view.fallback_us) == (SURPLUS_BUSD, FALLBACK_US_BUSD)


def test_every_range_is_valid_for_the_model(view):
    # The smallest Brent stays above the largest discount, so no slider pair is refused.
    assert view._control("brent_usd").minimum > view._control("discount_usd").maximum
    view.update(brent_usd=45.0, discount_usd=40.0, barrels_kbd=3000, russian_support_busd=30.0,
                iran_power=0.9)
    view.png()
    view.reset()


def test_numbers_are_the_models(view):
    view.reset()
    p = view.params
    rev = iran_oil_revenue_busd(p["barrels_kbd"] / 1000, p["brent_usd"], p["discount_usd"])
    fi = iran_fallback(rev, p["russian_support_busd"])
    got = numbers(view)
    assert got["oil revenue"] == f"{rev:.2f}" and got["Iran's fallback"] == f"{fi:.2f}"
    for mode in ("impasse", "outside"):
        r = deal_split(SURPLUS_BUSD, fi, FALLBACK_US_BUSD, p["iran_power"], mode)
        assert got[f"{mode}: Iran gets"] == f"{r.iran:.2f}"
        assert got[f"{mode}: regime"] == r.regime
    assert f"oil revenue ${rev:.2f}bn/yr" in view.alt_text()


def test_the_mode_only_changes_which_reading_is_in_front(view):
    view.reset()
    before = numbers(view)
    view.update(mode="outside")
    after = numbers(view)
    assert after.pop("reading shown") == "outside" and before.pop("reading shown") == "impasse"
    assert after == before
    view.reset()


def test_the_articles_claim_under_each_reading(view):
    view.reset()
    low, high = 86.51, 122.71  # illustrative pair of Brent prices for the test
    view.update(brent_usd=low)
    a = numbers(view)
    fa = view.fallback
    view.update(brent_usd=high)
    b = numbers(view)
    fb = view.fallback
    assert fb > fa
    assert b["outside: Iran gets"] == a["outside: Iran gets"] == "50.00"  # below beta * S
    gain = float(b["impasse: Iran gets"]) - float(a["impasse: Iran gets"])
    assert gain == pytest.approx(0.5 * (fb - fa), abs=0.01)
    view.reset()


def test_a_large_fallback_gives_no_deal_everywhere(view):
    view.update(barrels_kbd=3000, brent_usd=160.0)
    got = numbers(view)
    assert got["impasse: deal"] == got["outside: deal"] == "no"
    assert "NO DEAL" in view._panel.get_text() and "beyond the chart" in view._panel.get_text()
    assert "no deal (Iran keeps" in view.alt_text()
    view.reset()


def test_bad_values_name_the_parameter(view):
    with pytest.raises(ParameterError, match="brent_usd"):
        view.update(brent_usd=10.0)
    with pytest.raises(ParameterError, match="mode"):
        view.update(mode="walk_away")
    with pytest.raises(ParameterError, match="surplus"):
        SanctionsView(brent_usd=100.0, barrels_kbd=1000, surplus=0.0)


def test_one_figure_and_fixed_artists_across_updates(view):
    view.reset()
    fig = view.figure
    counts = [len(ax.get_children()) for ax in fig.axes]
    for c in view.controls:
        for value in c.sweep(3):
            view.update(**{c.name: value})
            view.png()
    assert view.figure is fig and [len(ax.get_children()) for ax in fig.axes] == counts
    view.reset()


class _Unfrozen(SanctionsView):
    def _freeze(self) -> None:
        """Draw everything on every redraw (reference picture for the test)."""


@pytest.mark.parametrize("state", [{}, {"mode": "outside", "iran_power": 0.2},
                                   {"russian_support_busd": 30.0, "iran_power": 0.9},
                                   {"barrels_kbd": 3000, "brent_usd": 160.0}])
def test_the_frozen_layer_does_not_change_the_picture(view, state):
    plain = _Unfrozen(brent_usd=view._control("brent_usd").default,
                      barrels_kbd=view._control("barrels_kbd").default)
    view.reset()
    view.update(**state)
    plain.update(**state)
    a = np.asarray(Image.open(io.BytesIO(view.png())))
    b = np.asarray(Image.open(io.BytesIO(plain.png())))
    assert np.array_equal(a, b)
    view.reset()

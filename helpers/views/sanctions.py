"""The what-if view of notebook 05: oil, Russian support and the split of a revived JCPOA.

Controls set Iran's oil revenue (Brent, barrels sold, discount), Russian support, Iran's
bargaining power and the reading of Iran's fallback; the view runs
:mod:`helpers.models.sanctions` and updates the figures of :mod:`helpers.plots.sanctions`.
The deal's value ``S`` and the US fallback are fixed, illustrative constructor arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.models.sanctions import MODES, deal_split, iran_fallback, iran_oil_revenue_busd
from helpers.plots import rendering
from helpers.plots import sanctions as sp
from helpers.views.protocol import Control, WhatIfView, register

__all__ = ["FALLBACK_US_BUSD", "SURPLUS_BUSD", "SanctionsView", "default_view"]

#: Value of a revived deal to Iran and the US together, $bn/yr: an illustrative round number
#: (nobody has measured it).
SURPLUS_BUSD: float = 100.0
#: The US fallback, $bn/yr: illustrative (a tenth of the deal).
FALLBACK_US_BUSD: float = 10.0

#: Artists with a gid that never change in this view (S and the US fallback are fixed).
_STATIC_GIDS = ("surplus", "no_deal", "no_deal_label")


class SanctionsView(WhatIfView):
    """Iran's share of a revived deal against its fallback, in both readings, with the split.

    Parameters
    ----------
    brent_usd : float
        Default of the Brent slider, US$/bbl, from the data.
    barrels_kbd : int
        Default of the barrels-sold slider, thousand barrels a day, from the data.
    brent_source, barrels_source : str
        Where those defaults come from (shown as the controls' sources).
    surplus, fallback_us : float
        The deal's value ``S`` and the US fallback, $bn/yr (illustrative).
    **params
        Initial control values.
    """

    name = "sanctions"
    title = "What if: oil, Russian support and the split of a revived nuclear deal"
    notebook = "05_sanction_dynamics.ipynb"
    figsize = (10.6, 5.6)
    image_width = 960

    def __init__(self, brent_usd: float, barrels_kbd: int, brent_source: str = "illustrative",
                 barrels_source: str = "illustrative", surplus: float = SURPLUS_BUSD,
                 fallback_us: float = FALLBACK_US_BUSD, **params: Any) -> None:
        deal_split(surplus, 0.0, fallback_us)  # refuses a bad S or US fallback, naming it
        self.surplus, self.fallback_us = float(surplus), float(fallback_us)
        self.controls = (
            Control("brent_usd", "Brent (USD per barrel)", "float", brent_usd, 45.0, 160.0, 0.1,
                    source=brent_source),
            Control("barrels_kbd", "Iran's crude sold (thousand barrels/day)", "int",
                    barrels_kbd, 0, 3000, 10, source=barrels_source),
            Control("discount_usd", "Iran's discount to Brent (USD/bbl, illustrative)", "float",
                    10.0, 0.0, 40.0, 0.5, source="illustrative: no sourced figure in the data"),
            Control("russian_support_busd", "Russian support (USD bn/yr, illustrative)", "float",
                    0.0, 0.0, 30.0, 0.5, source="illustrative: no source puts a number on it"),
            Control("iran_power", "Iran's bargaining power β (illustrative)", "float", 0.5,
                    0.1, 0.9, 0.1, source="illustrative: β has no observable counterpart"),
            Control("mode", "Reading of Iran's fallback", "choice", "impasse",
                    options=tuple((sp.MODE_STYLES[m]["label"], m) for m in MODES),
                    source="Binmore, Rubinstein & Wolinsky (1986); Muthoo (2000)"),
        )
        super().__init__(**params)
        self._freeze()

    def _compute(self, p: Mapping[str, Any]) -> None:
        # Sliders move in thousand barrels a day; the model takes million barrels a day.
        self.inputs = {**p, "barrels_mbd": p["barrels_kbd"] / 1000}
        self.revenue = iran_oil_revenue_busd(self.inputs["barrels_mbd"], p["brent_usd"],
                                             p["discount_usd"])
        self.fallback = iran_fallback(self.revenue, p["russian_support_busd"])
        self.results = {m: deal_split(self.surplus, self.fallback, self.fallback_us,
                                      p["iran_power"], m) for m in MODES}

    def setup(self, fig: Figure) -> None:
        """Create the two axes, the text panel and the title once (fixed layout)."""
        fig.set_layout_engine("none")
        self._compute(self.params)
        p = self.params
        self._curves = fig.add_axes((0.065, 0.09, 0.45, 0.80))
        sp.plot_share_curves(self._curves, self.surplus, self.fallback_us, p["iran_power"],
                             self.fallback, p["mode"])
        self._bars = fig.add_axes((0.64, 0.745, 0.33, 0.145))
        sp.plot_split_bars(self._bars, self.results, self.surplus, p["mode"])
        w, h = fig.bbox.width, fig.bbox.height
        self._panel = fig.add_artist(rendering.TextStamp(
            (0.565 * w, 0.57 * h), " ", ha="left", va="top", dpi=self.dpi, fontsize=8.6,
            family="DejaVu Sans Mono"))
        fig.add_artist(rendering.TextStamp((0.065 * w, h - 8), self.title, ha="left", va="top",
                                           dpi=self.dpi, fontsize=12, weight="bold"))

    def _freeze(self) -> None:
        """Turn everything but curves, points, markers, bars and panel into one image."""
        axes = (self._curves, self._bars)
        live = {a for ax in axes for k, a in sp.by_gid(ax).items() if k not in _STATIC_GIDS}
        spines = {sp_ for ax in axes for sp_ in ax.spines.values()}  # drawn over the curves
        sp.freeze_static(self.figure, live | spines | {self._panel})

    def draw(self, params: Mapping[str, Any]) -> None:
        """Recompute revenue, fallback and both splits; update curves, bars and panel."""
        self._compute(params)
        sp.set_share_state(self._curves, self.surplus, self.fallback_us, params["iran_power"],
                           self.fallback, params["mode"])
        sp.set_split_bars(self._bars, self.results, self.surplus, params["mode"])
        beyond = bool(self.fallback > self._curves.get_xlim()[1])
        self._panel.set_text(sp.panel_text(self.inputs, self.revenue, self.fallback, self.surplus,
                                           self.fallback_us, self.results, params["mode"],
                                           beyond))

    def summary(self) -> pd.DataFrame:
        """Return inputs, revenue, fallback and both readings' shares and regimes."""
        p = self.params
        rows = [("Brent", p["brent_usd"], "$/bbl"),
                ("discount to Brent (illustrative)", p["discount_usd"], "$/bbl"),
                ("crude sold", f"{p['barrels_kbd']}", "kb/d"),
                ("crude sold", self.inputs["barrels_mbd"], "mb/d"),
                ("oil revenue", self.revenue, "$bn/yr"),
                ("Russian support (illustrative)", p["russian_support_busd"], "$bn/yr"),
                ("Iran's fallback", self.fallback, "$bn/yr"),
                ("deal value S (illustrative)", self.surplus, "$bn/yr"),
                ("US fallback (illustrative)", self.fallback_us, "$bn/yr"),
                ("beta (illustrative)", p["iran_power"], "-"), ("reading shown", p["mode"], "-")]
        for m, r in self.results.items():
            rows += [(f"{m}: deal", "yes" if r.deal else "no", "-"),
                     (f"{m}: Iran gets", r.iran, "$bn/yr"), (f"{m}: US gets", r.us, "$bn/yr"),
                     (f"{m}: Iran's share of S", f"{r.iran / self.surplus:.3f}", "-"),
                     (f"{m}: regime", r.regime, "-")]
        return pd.DataFrame([(q, f"{v:.2f}" if isinstance(v, float) else v, u)
                             for q, v, u in rows], columns=["quantity", "value", "unit"])

    def alt_text(self) -> str:
        """Describe the inputs, Iran's fallback and both readings' outcomes."""
        return sp.describe(self.inputs, self.revenue, self.fallback, self.surplus,
                           self.fallback_us, self.results)


def default_view() -> SanctionsView:
    """Build the view with Brent for June 2022 and Kpler's Q1 2022 export estimate.

    June 2022 is the last full month before the article (``brent_monthly.csv``, EIA); Kpler's
    840,000 bpd for Q1 2022 is row IX11 of ``iran_crude_exports_estimates.csv``.

    Returns
    -------
    SanctionsView
    """
    from helpers import data

    brent = data.load("brent_monthly")
    june = brent[brent["date"] < "2022-07-01"].iloc[-1]
    est = data.load("iran_crude_exports_estimates").set_index("row_id").loc["IX11"]
    return SanctionsView(
        brent_usd=float(june["price"]), barrels_kbd=round(float(est["value"]) / 1000),
        brent_source=f"brent_monthly.csv, {june['date']:%B %Y} average ({june['sources']}); "
                     "range: a modelling choice around the 2021-22 monthly averages",
        barrels_source=f"iran_crude_exports_estimates.csv IX11 ({est['tracker']}, "
                       f"{est['sources']}); range: 0 to above the 2018 pre-sanctions rate (IX01)")


register(SanctionsView, default_view)

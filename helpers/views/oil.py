"""The what-if view of notebook 04: teapot refiners' choice of crude, Iran's floating storage.

A thin layer over :func:`helpers.models.oil.teapot_choice` and :mod:`helpers.plots.oil`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.checks import check_number
from helpers.models import oil
from helpers.plots import oil as oilplots
from helpers.plots import style
from helpers.plots.rendering import TextStamp
from helpers.views.protocol import Control, WhatIfView, register

__all__ = ["GRADES", "HAND_TUNED", "OTHER_DISCOUNT", "SOURCES", "OilView", "default_view"]

#: Defaults of notebook 04. Only ``friction_iran`` is tuned BY HAND, so that storage goes from
#: 22 to about 37 mb between early April and mid-May 2022 (Kpler); the others are fixed
#: beforehand. Illustrative: not estimated. ``days`` = 48: from 1 April to 19 May, the last day
#: of the mid-May window (the Reuters story of 19 May).
HAND_TUNED: Mapping[str, float] = {"discount_russia": 6.5, "discount_iran": 10.0,
                                   "friction_iran": 8.0, "alpha": 0.15, "runs": 1.8,
                                   "offered": 0.85, "days": 48}
#: Discount of the "other" (non-sanctioned) grade to Brent, $/bbl: illustrative, fixed.
OTHER_DISCOUNT = 0.0
GRADES = ("iran", "russia", "other")
#: Zoom levels of the storage axis (days, million barrels): one cached background each. The
#: last covers the highest path the controls allow: 120 mb (the model's largest storage0_mb)
#: plus 1.5 mb/d unsold for 180 days, and 5% headroom.
_XMAX, _YMAX = (50, 100, 180), (50, 75, 100, 150, 200, 300, 450)
_ACTORS = {"iran": "IRN", "russia": "RUS"}  # grade -> actor id (names and colours)
#: control -> (model SLIDERS key, label, step); {iran} and {russia} become actor names.
_SPEC = {"brent_usd": ("brent_usd", "Brent price", 1.0),
         "discount_russia": ("discount_usd", "Discount to Brent: {russia}", 0.5),
         "discount_iran": ("discount_usd", "Discount to Brent: {iran}", 0.5),
         "friction_iran": ("friction_usd", "Extra cost of buying from {iran}", 0.5),
         "alpha": ("alpha_per_usd", "Price sensitivity alpha", 0.01),
         "runs": ("runs_mbd", "Teapot crude runs", 0.05),
         "offered": ("iran_offered_mbd", "Barrels {iran} offers", 0.05),
         "days": ("days", "Horizon", 1)}
#: Where each default and range comes from, for students: facts known by 19 July 2022, with the
#: course's dataset rows or source ids ("USD", not "$", which notebooks would typeset as maths).
SOURCES: Mapping[str, str] = {
    "brent_usd": "EIA monthly averages (S-C20); default: Apr-May 2022 mean, rounded",
    "discount_russia": "default: middle of the USD 6-7 quoted for Russian crude delivered to "
                       "China, June 2022 (claim 20); the range covers the gap in Europe",
    "discount_iran": "illustrative: no price of Iranian crude in China in the course data",
    "friction_iran": "illustrative: sanctions risk, ship-to-ship transfers, payment, "
                     "insurance; the one input tuned by hand",
    "alpha": "illustrative: reaction to a USD 1 cost difference; fixed, not tuned",
    "runs": "illustrative: crude the teapots process each day; no figure in the course data",
    "offered": "default: close to Kpler's 840,000 b/d for Jan-Mar 2022 (IX11; S-C37, S-C38)",
    "days": "one-day steps; default: 1 Apr to 19 May 2022, the end of the mid-May window"}


def _label(grade: str) -> str:
    return style.actor_name(_ACTORS[grade]) if grade in _ACTORS else "Other crude"


def _color(grade: str) -> str:
    return style.actor_color(_ACTORS[grade]) if grade in _ACTORS else style.OKABE_ITO["sky_blue"]


class OilView(WhatIfView):
    """Teapot demand by grade (bars) and Iran's storage path (line), Kpler points for reference.

    Parameters
    ----------
    points : pandas.DataFrame
        The output of :func:`helpers.plots.oil.storage_points` (its Kpler rows are drawn).
    storage0_mb : float
        Iranian crude afloat at day 0, million barrels, in the model's range [0, 120].
    brent_usd : float
        Default of the Brent control, $/bbl, in the slider's range [60, 130].
    **params
        Initial values of some controls (validated).

    Raises
    ------
    ParameterError
        If ``points`` is not shaped like the output of :func:`~helpers.plots.oil.storage_points`
        or a number is outside its range.
    """

    name = "oil"
    title = "Teapot refiners' choice of crude and Iran's floating storage (illustrative model)"
    notebook = "04_oil_trade_shifts.ipynb"
    figsize = (10.0, 5.2)
    image_width = 900

    def __init__(self, points: pd.DataFrame, storage0_mb: float, brent_usd: float,
                 **params: Any) -> None:
        points = oilplots._check_points(points, (*oilplots._PATH_COLUMNS, "as_of"))
        self.points, self.storage0 = points, oil._check_domain("storage0_mb", storage0_mb)
        lo, hi, unit, _ = oil.SLIDERS["brent_usd"]
        brent_usd = check_number("brent_usd", brent_usd, lo, hi, unit=unit)
        k = points[(points["tracker"] == "Kpler") & (points["reporting_outlet"] == "Reuters")]
        self._kpler = " -> ".join(f"{v:g} ({w})" for v, w in zip(k["value"], k["as_of"],
                                                                  strict=True))
        defaults = {**HAND_TUNED, "brent_usd": float(brent_usd)}
        self.controls = tuple(
            Control(name, label.format(**{g: _label(g) for g in _ACTORS}) +
                    f" ({oil.SLIDERS[key][2].replace('$', 'USD')})",
                    "int" if name == "days" else "float", defaults[name],
                    *oil.SLIDERS[key][:2], step, source=SOURCES[name])
            for name, (key, label, step) in _SPEC.items())
        self.result: Any = None  # the last OilResult
        super().__init__(**params)

    def model_kwargs(self, **overrides: Any) -> dict[str, Any]:
        """Return the model's arguments for the controls, some overridden (validated)."""
        p = {**self.params, **{k: self._control(k).validate(v) for k, v in overrides.items()}}
        return {"brent_usd": p["brent_usd"],
                "discount_usd": {"iran": p["discount_iran"], "russia": p["discount_russia"],
                                 "other": OTHER_DISCOUNT},
                "friction_usd": {"iran": p["friction_iran"]}, "alpha_per_usd": p["alpha"],
                "runs_mbd": p["runs"], "iran_offered_mbd": p["offered"],
                "storage0_mb": self.storage0, "days": p["days"]}

    def setup(self, fig: Figure) -> None:
        """Place the axes by hand; create bars, line and texts once; cache the backgrounds."""
        fig.set_layout_engine("none")
        bars = self._bars_ax = fig.add_axes((0.075, 0.26, 0.3, 0.6))
        oilplots.plot_grade_volumes(bars, GRADES, [0.0] * 3, [_label(g) for g in GRADES],
                                    [_color(g) for g in GRADES], offered=("iran", 0.0))
        bars.set(ylim=(0, 3.3), title="Teapot demand by grade (mb/d, share)")
        bars.legend(loc="upper right", fontsize=8)  # static: names the dashed line
        self._bars = {p.get_gid().split(":")[1]: p for p in bars.patches}
        self._values = {g: bars.text(i, 0, "", ha="center", va="bottom", fontsize=8.5)
                        for i, g in enumerate(GRADES)}
        (self._offered,) = [ln for ln in bars.lines if ln.get_gid() == "offered"]
        self._offered_label = bars.text(-0.43, 0, "", ha="left", fontsize=8)
        ax = fig.add_axes((0.47, 0.26, 0.5, 0.6))
        oilplots.plot_storage_path(ax, [self.storage0], self.points)
        (self._path,) = [ln for ln in ax.lines if ln.get_gid() == "path"]
        ax.set_title("Iranian crude in floating storage")
        ax.legend(loc="upper left", fontsize=8.5)  # static: the path rarely reaches it
        w, h = fig.bbox.width, fig.bbox.height
        fig.add_artist(TextStamp((0.02 * w, h - 6), self.title, dpi=self.dpi, fontsize=11.5,
                                 weight="bold"))
        fig.add_artist(TextStamp((0.02 * w, 8), f"For reference, Kpler via Reuters: "
                                 f"{self._kpler}. Model inputs are illustrative.",
                                 va="bottom", dpi=self.dpi, fontsize=9))
        self._line = fig.text(0.02, 0.055, "", fontsize=9.5, va="bottom", linespacing=1.4)
        marks = [a for c in ax.containers for part in c.lines for a in
                 (part if isinstance(part, tuple) else (part,)) if a is not None]
        dynamic = [*self._bars.values(), self._offered, *self._values.values(),
                   self._offered_label, self._path, *marks,
                   self._line]  # drawn in this order, as a full redraw would
        self._frozen = oilplots.ZoomBackgrounds(
            fig, (bars, ax), dynamic, lambda k: ax.set(xlim=(-1, k[0] + 1), ylim=(0, k[1])))

    def draw(self, params: Mapping[str, Any]) -> None:
        """Re-run the model; update bar heights, labels, the path and the zoom level."""
        r = self.result = oil.teapot_choice(**self.model_kwargs(**params))
        for g in GRADES:
            self._bars[g].set_height(r.volumes_mbd[g])
            self._values[g].set_y(r.volumes_mbd[g] + 0.04)
            self._values[g].set_text(f"{r.volumes_mbd[g]:.2f} ({100 * r.shares[g]:.0f}%)")
        offered, demand = params["offered"], r.volumes_mbd["iran"]
        gap = offered - demand  # unsold Iranian crude if > 0
        self._offered.set_ydata([offered, offered])
        inside = 0 <= gap < 0.2  # the bar's label would sit on the line: put it in the bar
        self._values["iran"].set(y=demand - 0.04 if inside else demand + 0.04,
                                 va="top" if inside else "bottom")
        below = -0.2 < gap < 0  # the bar's top is just above the line: label under the line
        self._offered_label.set(y=offered - 0.04 if below else offered + 0.03,
                                va="top" if below else "bottom", text=f"offered {offered:.2f}")
        days = params["days"]
        self._path.set_data(range(days + 1), r.storage_mb)
        top = 1.05 * float(r.storage_mb.max())
        self._frozen.show((next(x for x in _XMAX if x >= days),
                           next(y for y in _YMAX if y >= top)))
        self._line.set_text(style.escape_mathtext(self._sentence()))

    def _sentence(self) -> str:
        """Two lines: the unsold flow and storage; Iran's revenue (how each is computed)."""
        r, days = self.result, self.params["days"]
        flow = (f"unsold Iranian crude {r.iran_unsold_mbd:.3f} mb/d (offered minus demand)"
                if r.iran_unsold_mbd > 0 else
                f"no unsold Iranian crude; storage drains at {r.iran_drawdown_mbd:.3f} mb/d "
                f"(demand minus offered)")
        return (f"Model: {flow}; storage {self.storage0:.1f} -> {float(r.storage_mb[-1]):.1f} "
                f"mb after {days} days.\nIran's oil revenue {r.iran_revenue_musd_per_day:.1f} "
                f"million $ a day (crude delivered per day x (Brent - Iran's discount)).")

    def summary(self) -> pd.DataFrame:
        """Return shares, volumes and net costs per grade, unsold barrels and storage."""
        r, days = self.result, self.params["days"]
        rows = [(f"{what}: {_label(g)}", round(getattr(r, attr)[g], 3), unit, how)
                for what, attr, unit, how in (
                    ("share", "shares", "fraction", "logit share of the teapots' runs"),
                    ("volume", "volumes_mbd", "mb/d", "teapot runs x share"),
                    ("net cost", "net_cost_usd", "USD/bbl",
                     "Brent - discount + extra cost of buying"))
                for g in GRADES]
        rows += [("unsold Iranian crude", round(r.iran_unsold_mbd, 3), "mb/d",
                  "barrels Iran offers - Iran's volume, if above 0: goes into storage"),
                 ("storage drawdown", round(r.iran_drawdown_mbd, 3), "mb/d",
                  "Iran's volume - barrels Iran offers, if above 0: storage drains"),
                 ("storage at day 0", round(float(r.storage_mb[0]), 1), "mb",
                  "Kpler, early April 2022 (FS02)"),
                 (f"storage at day {days}", round(float(r.storage_mb[-1]), 1), "mb",
                  "day 0 + (unsold - drawdown) x days, never below 0"),
                 ("Iran's oil revenue", round(r.iran_revenue_musd_per_day, 1),
                  "million USD a day",
                  "Iranian crude delivered per day (mean) x (Brent - Iran's discount)")]
        return pd.DataFrame(rows, columns=["quantity", "value", "unit", "how it is computed"])

    def alt_text(self) -> str:
        """Describe the bars and the storage path with their numbers."""
        r = self.result
        bars = "; ".join(f"{_label(g)} {r.volumes_mbd[g]:.2f} mb/d ({100 * r.shares[g]:.0f}%)"
                         for g in GRADES)
        return (f"Bar chart of the teapot refiners' crude demand by grade: {bars}. Line chart "
                f"of Iranian crude in floating storage over {self.params['days']} days. "
                f"Dashed line: barrels Iran offers, {self.params['offered']:.2f} mb/d. "
                f"{self._sentence().replace(chr(10), ' ')} Kpler via Reuters: {self._kpler}.")


def default_view() -> OilView:
    """Build the view: day 0 is Kpler's early-April figure (FS02).

    Brent defaults to the April-May 2022 mean of the EIA monthly averages (slider step: 1). The
    storage windows end no later than the Reuters story that reported them (S-C1, 19 May 2022).
    """
    from helpers import data

    story = pd.Timestamp(data.load("sources").set_index("source_id").loc["S-C1", "date"])
    points = oilplots.storage_points(data.load("iran_floating_storage"), origin="FS02",
                                     not_after=story)
    brent = data.load("brent_monthly").set_index("date")["price"]
    spring = float(brent.loc["2022-04-01":"2022-05-31"].mean())
    storage0 = float(points.set_index("row_id").loc["FS02", "value"])
    return OilView(points, storage0_mb=storage0, brent_usd=round(spring))


register(OilView, default_view)

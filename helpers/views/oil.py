"""The what-if view of notebook 04: teapot refiners' choice of crude, Iran's floating storage.

A thin layer over :func:`helpers.models.oil.teapot_choice` and :mod:`helpers.plots.oil`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.models import oil
from helpers.plots import oil as oilplots
from helpers.plots import style
from helpers.plots.rendering import TextStamp
from helpers.views.protocol import Control, WhatIfView, register

__all__ = ["GRADES", "HAND_TUNED", "OTHER_DISCOUNT", "OilView", "default_view"]

#: Defaults, tuned BY HAND in notebook 04 so that storage goes from 22 to about 37 million
#: barrels between early April and mid-May 2022 (Kpler). Illustrative: not estimated.
HAND_TUNED: Mapping[str, float] = {"discount_russia": 6.5, "discount_iran": 10.0,
                                   "friction_iran": 8.0, "alpha": 0.15, "runs": 1.8,
                                   "offered": 0.85, "days": 49}
#: Discount of the "other" (non-sanctioned) grade to Brent, $/bbl: illustrative, fixed.
OTHER_DISCOUNT = 0.0
GRADES = ("iran", "russia", "other")
#: Zoom levels of the storage axis (days, million barrels): one cached background each.
_XMAX, _YMAX = (50, 100, 180), (50, 75, 100, 150, 200, 300)
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


def _label(grade: str) -> str:
    return style.actor_name(_ACTORS[grade]) if grade in _ACTORS else "Other crude"


def _color(grade: str) -> str:
    return style.actor_color(_ACTORS[grade]) if grade in _ACTORS else style.OKABE_ITO["sky_blue"]


class OilView(WhatIfView):
    """Teapot demand by grade (bars) and Iran's storage path (line), Kpler points for reference.

    ``points`` from :func:`helpers.plots.oil.storage_points`; ``storage0_mb`` afloat at day 0.
    """

    name = "oil"
    title = "Teapot refiners' choice of crude and Iran's floating storage (illustrative model)"
    notebook = "04_oil_trade_shifts.ipynb"
    figsize = (10.0, 4.8)
    image_width = 900

    def __init__(self, points: pd.DataFrame, storage0_mb: float, brent_usd: float,
                 **params: Any) -> None:
        self.points, self.storage0 = points, float(storage0_mb)
        k = points[(points["tracker"] == "Kpler") & (points["reporting_outlet"] == "Reuters")]
        self._kpler = " -> ".join(f"{v:g} ({w})" for v, w in zip(k["value"], k["as_of"],
                                                                  strict=True))
        defaults = {**HAND_TUNED, "brent_usd": float(brent_usd)}
        self.controls = tuple(
            Control(name, label.format(**{g: _label(g) for g in _ACTORS}) +
                    f" ({oil.SLIDERS[key][2].replace('$', 'USD')})",
                    "int" if name == "days" else "float", defaults[name],
                    *oil.SLIDERS[key][:2], step, source=oil.SLIDERS[key][3])
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
        bars = self._bars_ax = fig.add_axes((0.075, 0.22, 0.3, 0.62))
        oilplots.plot_grade_volumes(bars, GRADES, [0.0] * 3, [_label(g) for g in GRADES],
                                    [_color(g) for g in GRADES])
        bars.set(ylim=(0, 3.3), title="Teapot demand by grade (mb/d, share)")
        self._bars = {p.get_gid().split(":")[1]: p for p in bars.patches}
        self._values = {g: bars.text(i, 0, "", ha="center", va="bottom", fontsize=8.5)
                        for i, g in enumerate(GRADES)}
        ax = fig.add_axes((0.47, 0.22, 0.5, 0.62))
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
        self._line = fig.text(0.02, 0.075, "", fontsize=9.5)
        marks = [a for c in ax.containers for part in c.lines for a in
                 (part if isinstance(part, tuple) else (part,)) if a is not None]
        dynamic = [*self._bars.values(), *self._values.values(), self._path, *marks,
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
        days = params["days"]
        self._path.set_data(range(days + 1), r.storage_mb)
        top = 1.05 * float(r.storage_mb.max())
        self._frozen.show((next(x for x in _XMAX if x >= days),
                           next(y for y in _YMAX if y >= top)))
        self._line.set_text(style.escape_mathtext(self._sentence()))

    def _sentence(self) -> str:
        r, days = self.result, self.params["days"]
        flow = (f"unsold Iranian crude {r.iran_unsold_mbd:.3f} mb/d" if r.iran_unsold_mbd > 0
                else f"no unsold Iranian crude; storage drains at {r.iran_drawdown_mbd:.3f} mb/d")
        return (f"Model: {flow}; storage {self.storage0:.1f} -> {float(r.storage_mb[-1]):.1f} "
                f"million barrels after {days} days; Iran's oil revenue "
                f"{r.iran_revenue_musd_per_day:.1f} million $ a day.")

    def summary(self) -> pd.DataFrame:
        """Return shares, volumes and net costs per grade, unsold barrels and storage."""
        r, days = self.result, self.params["days"]
        rows = [(f"{what}: {_label(g)}", round(getattr(r, attr)[g], 3), unit)
                for what, attr, unit in (("share", "shares", "fraction"),
                                         ("volume", "volumes_mbd", "mb/d"),
                                         ("net cost", "net_cost_usd", "$/bbl"))
                for g in GRADES]
        rows += [("unsold Iranian crude", round(r.iran_unsold_mbd, 3), "mb/d"),
                 ("storage drawdown", round(r.iran_drawdown_mbd, 3), "mb/d"),
                 ("storage at day 0", round(float(r.storage_mb[0]), 1), "million barrels"),
                 (f"storage at day {days}", round(float(r.storage_mb[-1]), 1), "million barrels"),
                 ("Iran's oil revenue", round(r.iran_revenue_musd_per_day, 1), "million $/day")]
        return pd.DataFrame(rows, columns=["quantity", "value", "unit"])

    def alt_text(self) -> str:
        """Describe the bars and the storage path with their numbers."""
        r = self.result
        bars = "; ".join(f"{_label(g)} {r.volumes_mbd[g]:.2f} mb/d ({100 * r.shares[g]:.0f}%)"
                         for g in GRADES)
        return (f"Bar chart of the teapot refiners' crude demand by grade: {bars}. Line chart "
                f"of Iranian crude in floating storage over {self.params['days']} days. "
                f"{self._sentence()} Kpler via Reuters: {self._kpler}.")


def default_view() -> OilView:
    """Build the view: day 0 is Kpler's early-April figure (FS02).

    Brent defaults to the April-May 2022 mean of the EIA monthly averages (slider step: 1).
    """
    from helpers import data

    points = oilplots.storage_points(data.load("iran_floating_storage"), origin="FS02")
    brent = data.load("brent_monthly").set_index("date")["price"]
    spring = float(brent.loc["2022-04-01":"2022-05-31"].mean())
    storage0 = float(points.set_index("row_id").loc["FS02", "value"])
    return OilView(points, storage0_mb=storage0, brent_usd=round(spring))


register(OilView, default_view)

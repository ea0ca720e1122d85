"""The what-if view of notebook 03: the Astana guarantors bargaining in a 2-D policy space.

A thin layer over :func:`helpers.models.astana.astana_bargain` and
:mod:`helpers.plots.astana`: the controls set each guarantor's ideal point and weight, the status
quo, and whether Turkey's unilateral option z (a military operation in northern Syria) is on. All
of these are *illustrative* model inputs: no dataset of Astana positions or weights exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.checks import ParameterError, check_ids, check_point
from helpers.models.astana import _validate_ideals, _validate_unilateral, astana_bargain
from helpers.plots import astana as plots
from helpers.plots import style
from helpers.plots.rendering import TextStamp
from helpers.views.protocol import Control, WhatIfView, register

__all__ = ["ILLUSTRATIVE_IDEALS", "ILLUSTRATIVE_OPTION", "ILLUSTRATIVE_STATUS_QUO",
           "WEIGHT_RANGE", "AstanaView", "default_view"]

_SRC = "illustrative (no dataset of Astana positions exists)"
#: The checked illustration (illustrative inputs, not data): the guarantors' ideal points,
#: the status quo q (on the Turkey-Russia edge of their triangle: gridlock) and Turkey's
#: unilateral option z (a credible threat that unlocks a deal near (0.438, 0.749)).
ILLUSTRATIVE_IDEALS: dict[str, tuple[float, float]] = {
    "RUS": (0.85, 0.35), "IRN": (0.95, 0.10), "TUR": (0.30, 0.90)}
ILLUSTRATIVE_STATUS_QUO: tuple[float, float] = (0.6, 0.6)
ILLUSTRATIVE_OPTION: tuple[str, tuple[float, float]] = ("TUR", (0.55, 0.95))
#: Weight slider (min, max, step): inside the model's [0.1, 10]; a 25-fold ratio is ample.
WEIGHT_RANGE: tuple[float, float, float] = (0.2, 5.0, 0.1)


_AXES = {"x": "x (government control)", "y": "y (Turkish presence)"}


def _point_controls(key: str, label: str, xy: Sequence[float]) -> list[Control]:
    return [Control(f"{key}_{c}", f"{label}, {_AXES[c]}", "float", float(v), 0.0, 1.0, 0.01,
                    source=_SRC) for c, v in zip("xy", xy, strict=True)]


class AstanaView(WhatIfView):
    """Ideal points, Pareto triangle, win-set, compromise and deal of the three guarantors.

    Parameters
    ----------
    guarantors : sequence of str
        At least 2 distinct actor ids of ``actors.csv``: the veto players. Each must have a
        point in ``ideals`` and the option's actor must be one of them.
    ideals : mapping of str to (x, y)
        Default ideal points in [0, 1]^2 (it may hold other actors too).
    status_quo : (x, y)
        Default status quo in [0, 1]^2.
    option : (str, (x, y))
        The actor with a unilateral option and its default z in [0, 1]^2.
    **params
        Initial control values, e.g. ``rus_x=0.8``, ``w_tur=2.0``, ``option_on=False``.

    The defaults of ``ideals``, ``status_quo`` and ``option`` are the checked illustration.

    Raises
    ------
    ParameterError
        If an argument is outside this domain, or a control value in ``params`` is refused.
    """

    name = "astana"
    title = "Bargaining among the Astana guarantors (illustrative positions)"
    notebook = "03_the_astana_format.ipynb"
    figsize = (10.0, 6.3)
    image_width = 900

    def __init__(self, guarantors: Sequence[str],
                 ideals: Mapping[str, Sequence[float]] = ILLUSTRATIVE_IDEALS,
                 status_quo: Sequence[float] = ILLUSTRATIVE_STATUS_QUO,
                 option: tuple[str, Sequence[float]] = ILLUSTRATIVE_OPTION,
                 **params: Any) -> None:
        names, points = _validate_ideals(ideals)
        ideals = dict(zip(names, points.tolist(), strict=True))
        guarantors = check_ids("guarantors", guarantors, options=style.actor_styles(),
                               min_len=2, distinct=True)
        missing = [g for g in guarantors if g not in ideals]
        if missing:
            raise ParameterError(f"guarantors must each have an ideal point in ideals; "
                                 f"missing {missing} (ideals has {list(ideals)})")
        status_quo = check_point("status_quo", status_quo)
        actor, z = _validate_unilateral(option, names, label="option", optional=False)
        if actor not in guarantors:
            raise ParameterError(f"guarantors must include the option's actor {actor!r} "
                                 f"(option[0]), got {guarantors}")
        option = (actor, z)
        self.guarantors, self.option_actor = guarantors, actor
        lo, hi, step = WEIGHT_RANGE
        controls: list[Control] = []
        for g in self.guarantors:
            controls += _point_controls(g.lower(), f"{style.actor_name(g)}'s ideal point",
                                        ideals[g])
        controls += [Control(f"w_{g.lower()}", f"{style.actor_name(g)}'s bargaining weight",
                             "float", 1.0,
                             lo, hi, step, source=f"{_SRC}; model accepts [0.1, 10]")
                     for g in self.guarantors]
        controls += _point_controls("q", "Status quo q", status_quo)
        who = style.actor_name(option[0])
        controls.append(Control("option_on", f"{who}'s unilateral option (operation) on",
                                "bool", True, source=_SRC))
        controls += _point_controls("z", f"{who}'s option z", option[1])
        self.controls = tuple(controls)
        super().__init__(**params)

    def inputs(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Map control values to the model's arguments (ideals, status_quo, weights, option)."""
        p = self.params if params is None else params
        ideals = {g: (p[f"{g.lower()}_x"], p[f"{g.lower()}_y"]) for g in self.guarantors}
        weights = {g: p[f"w_{g.lower()}"] for g in self.guarantors}
        option = (self.option_actor, (p["z_x"], p["z_y"]))
        return {"ideals": ideals, "status_quo": (p["q_x"], p["q_y"]), "weights": weights,
                "option": option, "option_on": bool(p["option_on"])}

    def setup(self, fig: Figure) -> None:
        """Create the axes, artists, legend and numbers panel once; freeze the static parts."""
        fig.set_layout_engine("none")
        self._ax = fig.add_axes((0.085, 0.115, 0.49, 0.79))
        self._compute(dict(self.params))
        i = self._in
        plots.plot_bargain(self._ax, i["ideals"], i["status_quo"], self.result,
                           option=i["option"], option_on=i["option_on"])
        w, h = fig.bbox.width, fig.bbox.height
        self._panel = fig.add_artist(TextStamp((0.6 * w, 0.42 * h), " ", ha="left", va="top",
                                               dpi=self.dpi, fontsize=8.5,
                                               family="DejaVu Sans Mono"))
        self._stamps = plots.freeze_bargain(self._ax, self._canvas)

    def _compute(self, params: Mapping[str, Any]) -> None:
        self._in = i = self.inputs(params)
        self.result = astana_bargain(i["ideals"], i["status_quo"], i["weights"],
                                     i["option"] if i["option_on"] else None)

    def draw(self, params: Mapping[str, Any]) -> None:
        """Re-run the model and move the artists; rewrite the numbers panel."""
        self._compute(params)
        d = self._drawn()
        plots.update_bargain(self._ax, d["ideals"], d["status_quo"], self.result,
                             option=d["option"], option_on=d["option_on"])
        plots.place_stamps(self._ax, self._stamps)
        self._panel.set_text("\n".join(plots.panel_lines(**self._drawn())))

    def summary(self) -> pd.DataFrame:
        """Return the points on screen, each actor's weight and gain, and the deal."""
        return plots.bargain_table(**self._drawn())

    def alt_text(self) -> str:
        """Describe the scenario and its outcome with its numbers."""
        return plots.bargain_alt_text(**self._drawn())

    def _drawn(self) -> dict[str, Any]:
        i = self._in
        return {"ideals": i["ideals"], "status_quo": i["status_quo"], "result": self.result,
                "option": i["option"], "option_on": i["option_on"], "weights": i["weights"]}


def default_view() -> AstanaView:
    """Build the view with the guarantors of ``astana_participants.csv`` (role ``guarantor``).

    Returns
    -------
    AstanaView
    """
    from helpers import data

    parts = data.load("astana_participants")
    return AstanaView(list(parts.loc[parts["role"] == "guarantor", "actor_id"]))


register(AstanaView, default_view)

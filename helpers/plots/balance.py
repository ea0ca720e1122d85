"""Figures of structural balance.

One signed network annotated with its balance numbers, and the same actors under several codings
side by side. The numbers come from :mod:`helpers.models.balance`; the drawing from
:mod:`helpers.plots.networks`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.models.balance import (
    _fmt,
    balance_report,
    camp_lists,
    coding_label,
    coding_signs,
    frustrated_edges,
)
from helpers.plots import networks, style
from helpers.text.wording import _plural as _count

__all__ = [
    "codings_figure",
    "plot_balance",
]


def plot_balance(ax: Axes, relations: pd.DataFrame, coding: str,
                 actors: Sequence[str], *, legend: bool = True) -> Axes:
    """Draw one coding's signed network with its frustrated ties highlighted and key numbers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    relations : pandas.DataFrame
        Relations table (see :data:`REQUIRED_COLUMNS`).
    coding : str
        Coding to draw.
    actors : sequence of str
        Actors to include (at most 14); drawn on the fixed circle of :mod:`helpers.plots.networks`.
    legend : bool
        Draw the tie-style legend.

    Returns
    -------
    matplotlib.axes.Axes
    """
    nodes = networks.order_actors(actors)
    signs = coding_signs(relations, coding, nodes)
    rep = balance_report(nodes, signs)
    fr = frustrated_edges(nodes, signs, rep.camps)
    camp_a, camp_b, _ = camp_lists(rep, signs)
    camp = {a: " (A)" for a in camp_a} | {a: " (B)" for a in camp_b}
    labels = {a: networks.actor_label(a) + camp.get(a, "") for a in nodes}
    networks.plot_signed_network(ax, nodes, signs, emphasize=fr, labels=labels, legend=legend)
    label = coding_label(coding)
    ax.set_title(f"{label[:1].upper()}{label[1:]}\n{_count(rep.n_edges, 'tie')}, "
                 f"{_count(rep.n_triangles, 'triangle')}, {_fmt(rep.frac_balanced)} balanced, "
                 f"L = {rep.frustration}", fontsize=10.5)
    return ax


def codings_figure(relations: pd.DataFrame, codings: Sequence[str],
                   actors: Sequence[str]) -> Figure:
    """Two or more codings of the same actors side by side, one panel each (no pyplot).

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table.
    codings : sequence of str
        Codings to compare, one panel each.
    actors : sequence of str
        Actors to include in every panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not codings:
        raise ValueError("codings must name at least one coding")
    n = len(codings)
    width = 5.0 * n
    with style.course_style():
        fig = Figure(figsize=(width, 4.9), dpi=100)
        for i, coding in enumerate(codings):
            # Inset each panel so that outer labels ("Syria (gov.) (A)") stay inside the figure.
            pad = 0.35 / width
            ax = fig.add_axes((i / n + pad, 0.09, 1 / n - 2 * pad, 0.8))
            plot_balance(ax, relations, coding, actors, legend=False)
        key_width = min(0.96, 6.6 / width)
        networks.draw_tie_key(fig, (0.5 - key_width / 2, 0.04), width=key_width)
    return fig

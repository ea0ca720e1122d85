"""Figures of notebook 05: the JCPOA timeline, Brent with the 2022 oil measures, and the deal split.

Every function takes a matplotlib ``Axes`` and returns it; none uses pyplot state. Artists that a
what-if view updates carry a ``gid`` (``curve:impasse``, ``point:outside``, ``kink``, ``no_deal``,
``fallback``, ``bar:impasse:iran``, …), so the view finds them with :func:`by_gid` instead of
relying on drawing order. The numbers come from :mod:`helpers.models.sanctions`; nothing here
reads a data file.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.checks import check_choice, check_instance
from helpers.models.sanctions import MODES, DealResult, deal_split
from helpers.plots import style
from helpers.plots.rendering import StaticLayer

__all__ = [
    "MEASURE_GROUPS",
    "MODE_STYLES",
    "brent_figure",
    "by_gid",
    "date_text",
    "describe",
    "freeze_static",
    "group_styles",
    "panel_text",
    "plot_brent",
    "plot_jcpoa_timeline",
    "plot_share_curves",
    "plot_split_bars",
    "set_share_state",
    "set_split_bars",
    "share_curve",
    "timeline_figure",
]

#: How the two readings of a fallback are drawn (Okabe–Ito colours, and a line style and marker
#: each, so they are told apart without colour).
MODE_STYLES: dict[str, dict[str, str]] = {
    "impasse": {"color": style.OKABE_ITO["orange"], "linestyle": "-", "marker": "o",
                "label": "impasse payoff (split-the-difference)"},
    "outside": {"color": style.OKABE_ITO["reddish_purple"], "linestyle": "--", "marker": "s",
                "label": "outside option (outside-option principle)"},
}

#: Group of each ``sanctions_events.measure`` in the timeline (see :func:`group_styles`).
MEASURE_GROUPS: dict[str, str] = {
    "agreement": "deal", "un_resolution": "deal", "milestone": "deal", "sanctions_lifted": "deal",
    "withdrawal": "us", "sanctions_imposed": "us", "waivers_ended": "us", "talks": "talks",
}


def group_styles() -> dict[str, tuple[str, str, str]]:
    """Return the label, colour and marker of each timeline group.

    US steps take the United States' course colour and marker, the talks the EU's (the EU
    coordinated them); the deal's own steps are black circles. Read from the actor registry when
    called, so importing this module reads no file.
    """
    us, eu = style.actor_style("USA"), style.actor_style("EU")
    return {"deal": ("the deal and its implementation", style.OKABE_ITO["black"], "o"),
            "us": ("US withdrawal and sanctions", us.color, us.marker),
            "talks": ("talks to revive the deal (EU-coordinated)", eu.color, eu.marker)}


_AFTER = "#999999"


def date_text(date: pd.Timestamp, precision: str = "day") -> str:
    """Return a date as the course prints it, no more precise than the data.

    Parameters
    ----------
    date : pandas.Timestamp
        The date (a month-only date is stored as the first of its month).
    precision : {"day", "month"}
        The ``date_precision`` of the row.

    Returns
    -------
    str

    Examples
    --------
    >>> date_text(pd.Timestamp("2022-03-01"), "month"), date_text(pd.Timestamp("2022-07-19"))
    ('Mar 2022', '19 Jul 2022')

    Raises
    ------
    ParameterError
        If ``date`` is not a Timestamp or ``precision`` is neither "day" nor "month".
    """
    check_instance("date", date, pd.Timestamp, "a pandas.Timestamp")
    check_choice("precision", precision, ("day", "month"))
    return date.strftime("%b %Y" if precision == "month" else "%-d %b %Y")


def by_gid(ax: Axes) -> dict[str, Artist]:
    """Return every artist of ``ax`` that has a ``gid``, keyed by it."""
    arts = [*ax.lines, *ax.patches, *ax.texts, *ax.collections]
    return {a.get_gid(): a for a in arts if a.get_gid()}


# ------------------------------------------------------------------------------ timelines


def plot_jcpoa_timeline(ax: Axes, events: pd.DataFrame, article_date: str = "2022-07-19") -> Axes:
    """Draw JCPOA and sanctions milestones one row each, oldest at the top, dated in the labels.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    events : pandas.DataFrame
        Columns ``event_id``, ``date``, ``date_precision`` (``day``/``month``), ``measure``
        (a key of :data:`MEASURE_GROUPS`), ``label`` and ``after_article`` (bool).
    article_date : str
        Date of the article, drawn as a vertical line.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ev = events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    n = len(ev)
    groups = group_styles()
    labels = []
    for i, row in ev.iterrows():
        _, color, marker = groups[MEASURE_GROUPS[row["measure"]]]
        after = bool(row["after_article"])
        y = n - 1 - i
        ax.plot([row["date"]], [y], linestyle="none", marker=marker, markersize=8,
                color=_AFTER if after else color, markerfacecolor="white" if after else color,
                markeredgewidth=1.6, gid=f"event:{row['event_id']}")
        when = date_text(row["date"], row["date_precision"])
        labels.append(f"{row['label']} · {when}" + (" (after the article)" if after else ""))
    ax.set_yticks(range(n))
    ax.set_yticklabels([style.escape_mathtext(t) for t in labels[::-1]], fontsize=9)
    for tick, after in zip(ax.get_yticklabels(), ev["after_article"].iloc[::-1], strict=True):
        tick.set_color(_AFTER if after else "black")
    ax.set_ylim(-0.7, n - 0.3)
    day = pd.Timestamp(article_date)
    ax.axvline(day, color="#555555", linestyle=":", linewidth=1.2, gid="article")
    ax.text(day, n - 0.35, f"article\n{day.strftime('%-d %b %Y')}", ha="right", va="top",
            fontsize=8.5, color="#555555")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("date")
    seen = {key: Line2D([], [], color=color, marker=marker, linestyle="none", label=name)
            for key, (name, color, marker) in groups.items()}
    # The "after the article" entries take the shapes of the markers actually drawn hollow.
    later = list(dict.fromkeys(MEASURE_GROUPS[m] for m in ev.loc[ev["after_article"].astype(bool),
                                                                  "measure"]))
    for key in later:
        name = "after the article (hollow, grey)" if len(later) == 1 else \
            f"after the article: {groups[key][0]} (hollow, grey)"
        seen[f"after:{key}"] = Line2D([], [], color=_AFTER, marker=groups[key][2],
                                      markerfacecolor="white", markeredgewidth=1.6,
                                      linestyle="none", label=name)
    ax.legend(handles=list(seen.values()), loc="lower left", fontsize=8.5)
    return ax


def plot_brent(ax: Axes, brent: pd.DataFrame, marks: pd.DataFrame,
               label_dates: Sequence[str] = ()) -> Axes:
    """Draw monthly Brent prices with dated vertical marks (e.g. sanctions measures).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    brent : pandas.DataFrame
        Columns ``date`` and ``price`` (US$ per barrel).
    marks : pandas.DataFrame
        Columns ``date`` and ``label``; each becomes a dotted vertical line with its label and
        date, the labels stacked above the prices (the earliest lowest) so that close dates
        stay readable; each line stops at its label and crosses no other label.
    label_dates : sequence of str
        Months (dates as in ``brent``) whose price and month are written right beside the
        point, on the side away from the line to the next month (room is added on the right
        for the last month).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax.plot(brent["date"], brent["price"], color=style.OKABE_ITO["black"], marker="o",
            markersize=4, linewidth=1.6, gid="brent", label="Brent, monthly average")
    top, low = float(brent["price"].max()), float(brent["price"].min())
    ordered = marks.sort_values("date").reset_index(drop=True)
    step = 14.0
    ylo, yhi = low - 8, top + step * (len(ordered) + 0.6)
    ax.set_ylim(ylo, yhi)
    # Each dotted line stops at its own label, which ends at the line; the earliest label is the
    # lowest, so a label (reaching left) passes above the shorter lines of earlier marks.
    for k, row in ordered.iterrows():
        y = top + step * (k + 1)
        ax.axvline(row["date"], ymax=(y - ylo) / (yhi - ylo), color=style.OKABE_ITO["vermillion"],
                   linestyle=":", linewidth=1.3, gid=f"mark:{k}")
        text = f"{row['label']}, {row['date'].strftime('%-d %b %Y')}"
        ax.text(row["date"], y, style.escape_mathtext(text), ha="right", va="center",
                fontsize=8.5, color="#333333", zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})
    series = brent.sort_values("date").reset_index(drop=True)
    for when in label_dates:
        i = int(series.index[series["date"] == pd.Timestamp(when)][0])
        point = series.loc[i]
        # Right of the point, on the side away from the line to the next month.
        if i + 1 < len(series):
            up = series.loc[i + 1, "price"] > point["price"]
            offset, va = ((3, -5), "top") if up else ((3, 5), "bottom")
        else:
            offset, va = (7, 0), "center"
            ax.set_xlim(right=point["date"] + pd.Timedelta(days=50))
        ax.annotate(style.escape_mathtext(f"${point['price']:.2f}\n{point['date']:%b %Y}"),
                    (point["date"], point["price"]), xytext=offset, textcoords="offset points",
                    ha="left", va=va, fontsize=8.5, zorder=5, linespacing=1.1,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("month")
    ax.set_ylabel(style.escape_mathtext("US$ per barrel"))
    ax.legend(loc="lower right")
    return ax


# ------------------------------------------------------------------------------ the deal split


def share_curve(surplus: float, fallback_us: float, iran_power: float, mode: str,
                fallback_max: float, n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Return Iran's amount from :func:`deal_split` along a grid of Iran's fallback.

    The grid holds ``n`` evenly spaced points from 0 to ``fallback_max`` plus the kinks
    (``iran_power * surplus`` and ``surplus - fallback_us``), so the polyline is exact.

    Parameters
    ----------
    surplus, fallback_us, iran_power, mode
        As for :func:`helpers.models.sanctions.deal_split`.
    fallback_max : float
        Right end of the grid (same units as ``surplus``).
    n : int
        Number of evenly spaced points.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Fallbacks and Iran's amounts.

    Examples
    --------
    >>> xs, ys = share_curve(1.0, 0.1, 0.5, "outside", 1.2, n=3)
    >>> [round(float(v), 2) for v in xs], [round(float(v), 2) for v in ys]
    ([0.0, 0.5, 0.6, 0.9, 1.2], [0.5, 0.5, 0.6, 0.9, 1.2])
    """
    kinks = [iran_power * surplus, surplus - fallback_us]
    grid = np.linspace(0.0, fallback_max, n)
    xs = np.unique(np.concatenate([grid, [k for k in kinks if 0.0 <= k <= fallback_max]]))
    ys = np.array([deal_split(surplus, float(x), fallback_us, iran_power, mode).iran for x in xs])
    return xs, ys


def plot_share_curves(ax: Axes, surplus: float, fallback_us: float, iran_power: float,
                      fallback_iran: float, active: str = "impasse",
                      fallback_max: float | None = None, unit: str = "$bn/yr") -> Axes:
    """Draw Iran's amount against its fallback under both readings, with the current point.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    surplus, fallback_us, iran_power : float
        The deal value ``S``, the US fallback and Iran's bargaining power ``beta``.
    fallback_iran : float
        Iran's current fallback (marked on both curves; clipped to the axis if beyond).
    active : {"impasse", "outside"}
        The reading drawn in front, with a larger marker.
    fallback_max : float, optional
        Right end of the x axis; default ``1.2 * surplus``.
    unit : str
        Unit of all amounts, for the axis labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    xmax = 1.2 * surplus if fallback_max is None else fallback_max
    ax.set_xlim(0, xmax)
    ax.set_ylim(0, 1.4 * surplus)  # room above S for the legend
    ax.axvspan(surplus - fallback_us, xmax, color="#DDDDDD", alpha=0.7, linewidth=0,
               gid="no_deal")
    ax.text(0.985, 0.03, "no deal:\nfallbacks\nexceed S", transform=ax.transAxes, ha="right",
            va="bottom", fontsize=8.5, color="#444444", gid="no_deal_label")
    ax.axhline(surplus, color="#777777", linewidth=0.9, linestyle="-.", gid="surplus")
    ax.text(0.02 * xmax, surplus, style.escape_mathtext(f"whole deal S = {surplus:g} {unit}"),
            va="bottom", fontsize=8.5, color="#555555")
    top = surplus  # vertical markers stop at S, below its label and the legend
    ax.plot([iran_power * surplus] * 2, [0, top], color=MODE_STYLES["outside"]["color"],
            linewidth=0.9, linestyle=":", gid="kink")
    ax.plot([0, 0], [0, top], color="#333333", linewidth=1.0, linestyle=(0, (1, 2)),
            gid="fallback")
    ax.text(0.985, 0.5, "Iran's fallback is\nbeyond the chart →", transform=ax.transAxes,
            ha="right", va="center", fontsize=9, gid="offchart", visible=False,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#333333"})
    for mode in MODES:
        st = MODE_STYLES[mode]
        ax.plot([], [], color=st["color"], linestyle=st["linestyle"], linewidth=2.2,
                label=st["label"], gid=f"curve:{mode}")
        ax.plot([], [], linestyle="none", marker=st["marker"], color=st["color"],
                markeredgecolor="black", gid=f"point:{mode}")
    handles = [Line2D([], [], color=MODE_STYLES[m]["color"], linestyle=MODE_STYLES[m]["linestyle"],
                      marker=MODE_STYLES[m]["marker"], markeredgecolor="black", linewidth=2.2,
                      label=MODE_STYLES[m]["label"]) for m in MODES]
    handles += [Line2D([], [], color=MODE_STYLES["outside"]["color"], linestyle=":",
                       label="β·S: an outside option binds beyond it"),
                Line2D([], [], color="#333333", linestyle=(0, (1, 2)),
                       label="Iran's current fallback"),
                Patch(color="#DDDDDD", label="no deal")]
    ax.legend(handles=handles, loc="upper left", fontsize=8)
    ax.set_xlabel(style.escape_mathtext(f"Iran's fallback ({unit})"))
    ax.set_ylabel(style.escape_mathtext(f"what Iran gets ({unit})"))
    ax.set_title("Iran's share of a revived deal against its fallback", fontsize=11)
    set_share_state(ax, surplus, fallback_us, iran_power, fallback_iran, active)
    return ax


def set_share_state(ax: Axes, surplus: float, fallback_us: float, iran_power: float,
                    fallback_iran: float, active: str) -> Axes:
    """Update the artists of :func:`plot_share_curves` for new inputs (no new artists).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes drawn by :func:`plot_share_curves`.
    surplus, fallback_us, iran_power, fallback_iran, active
        As for :func:`plot_share_curves`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    arts = by_gid(ax)
    xmax = ax.get_xlim()[1]
    ymax = ax.get_ylim()[1]
    x_now = min(fallback_iran, xmax)
    on_chart = fallback_iran <= xmax
    arts["offchart"].set_visible(not on_chart)
    arts["fallback"].set_visible(on_chart)
    for mode in MODES:
        xs, ys = share_curve(surplus, fallback_us, iran_power, mode, xmax)
        curve, point = arts[f"curve:{mode}"], arts[f"point:{mode}"]
        curve.set_data(xs, ys)
        y_now = deal_split(surplus, fallback_iran, fallback_us, iran_power, mode).iran
        point.set_data([x_now], [min(y_now, ymax)])
        on = mode == active
        point.set_visible(on_chart)
        point.set_markersize(11 if on else 7)
        point.set_markerfacecolor(MODE_STYLES[mode]["color"] if on else "white")
        curve.set_zorder(3 if on else 2)
        point.set_zorder(4 if on else 3)
    arts["kink"].set_xdata([iran_power * surplus] * 2)
    arts["fallback"].set_xdata([x_now] * 2)
    span = arts["no_deal"]
    start = min(max(surplus - fallback_us, 0.0), xmax)
    span.set_x(start)
    span.set_width(xmax - start)
    return ax


def _bar_parts(result: DealResult, surplus: float) -> tuple[float, float]:
    """Iran's and the US's segments of a split bar (zero without a deal)."""
    if not result.deal:
        return 0.0, 0.0
    return result.iran, surplus - result.iran


def plot_split_bars(ax: Axes, results: Mapping[str, DealResult], surplus: float,
                    active: str = "impasse", unit: str = "$bn/yr") -> Axes:
    """Draw the split of the deal under each reading as a horizontal stacked bar.

    Iran's part is drawn in Iran's course colour, the US part in the US colour. Without a deal
    the bar is empty and labelled "no deal".

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    results : mapping of str to DealResult
        One result per mode (``"impasse"``, ``"outside"``), from
        :func:`helpers.models.sanctions.deal_split`.
    surplus : float
        The deal value ``S`` (the full bar).
    active : str
        The reading outlined in black.
    unit : str
        Unit of the amounts.

    Returns
    -------
    matplotlib.axes.Axes
    """
    iran, us = style.actor_style("IRN"), style.actor_style("USA")
    for k, mode in enumerate(MODES):
        y = len(MODES) - 1 - k
        ax.barh([y], [0.0], color=iran.color, height=0.6, edgecolor="black",
                gid=f"bar:{mode}:iran")
        ax.barh([y], [0.0], color=us.color, height=0.6, hatch="//", hatchcolor="white",
                edgecolor="black", gid=f"bar:{mode}:us")
        ax.text(surplus / 2, y, "", ha="center", va="center", fontsize=9, gid=f"nodeal:{mode}")
    ax.set_yticks(range(len(MODES)))
    ax.set_yticklabels([m.replace("impasse", "impasse\nreading").replace("outside",
                                                                         "outside\nreading")
                        for m in MODES[::-1]], fontsize=9)
    ax.set_xlim(0, surplus)
    ax.set_ylim(-0.6, len(MODES) - 0.4)
    ax.set_axisbelow(True)  # grid under the bars
    ax.set_xlabel(style.escape_mathtext(f"split of the deal S ({unit})"))
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=iran.color, label=iran.name),
                       Patch(facecolor=us.color, hatch="//", hatchcolor="white",
                             edgecolor="none", label=us.name)],
              loc="upper center", bbox_to_anchor=(0.5, -0.62), ncols=2, fontsize=8.5)
    ax.set_title("Who gets what", fontsize=11)
    set_split_bars(ax, results, surplus, active)
    return ax


def set_split_bars(ax: Axes, results: Mapping[str, DealResult], surplus: float,
                   active: str) -> Axes:
    """Update the bars of :func:`plot_split_bars` for new results (no new artists).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes drawn by :func:`plot_split_bars`.
    results, surplus, active
        As for :func:`plot_split_bars`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    arts = by_gid(ax)
    for mode in MODES:
        a, b = _bar_parts(results[mode], surplus)
        bar_i, bar_u = arts[f"bar:{mode}:iran"], arts[f"bar:{mode}:us"]
        bar_i.set_width(a)
        bar_u.set_x(a)
        bar_u.set_width(b)
        lw = 2.0 if mode == active and results[mode].deal else 0.0
        for bar in (bar_i, bar_u):
            bar.set_linewidth(lw)
        arts[f"nodeal:{mode}"].set_text("" if results[mode].deal else "no deal")
    return ax


# ------------------------------------------------------------------------------ view helpers


def panel_text(inputs: Mapping[str, float], revenue: float, fallback: float, surplus: float,
               fallback_us: float, results: Mapping[str, DealResult], active: str,
               beyond: bool = False) -> str:
    """Return the text panel of the what-if view: the oil arithmetic and both readings' splits.

    Parameters
    ----------
    inputs : mapping
        ``brent_usd``, ``discount_usd``, ``barrels_mbd``, ``russian_support_busd`` and
        ``iran_power``.
    revenue, fallback : float
        Iran's oil revenue and fallback, $bn/yr.
    surplus, fallback_us : float
        The deal's value ``S`` and the US fallback, $bn/yr.
    results : mapping of str to DealResult
        One result per mode.
    active : str
        The mode marked with an arrow.
    beyond : bool
        Whether the fallback lies beyond the chart's x axis (said in the panel).

    Returns
    -------
    str
        Lines for a monospaced :class:`~helpers.plots.rendering.TextStamp`.
    """
    p, beta = inputs, inputs["iran_power"]
    lines = ["Oil → Iran's fallback",
             f"  Brent             ${p['brent_usd']:7.2f}/bbl",
             f"  − discount        ${p['discount_usd']:7.2f}/bbl  (illustrative)",
             f"  × crude sold       {p['barrels_mbd']:7.2f} mb/d × 365/1000",
             f"  = oil revenue     ${revenue:7.2f}bn/yr",
             f"  + Russian support ${p['russian_support_busd']:7.2f}bn/yr (illustrative)",
             f"  = Iran's fallback ${fallback:7.2f}bn/yr" + (" (beyond the chart)" if beyond
                                                             else ""),
             "",
             f"Bargaining (illustrative): S = ${surplus:g}bn/yr,",
             f"US fallback ${fallback_us:g}bn/yr, β = {beta:.2f}, β·S = ${beta * surplus:.2f}bn"]
    for m in MODES:
        r = results[m]
        mark = "▶" if m == active else " "
        lines.append(f"{mark} {m:<8} deal: Iran ${r.iran:6.2f}bn, US ${r.us:6.2f}bn" if r.deal
                     else f"{mark} {m:<8} NO DEAL: each keeps its fallback")
        lines.append(f"           regime: {r.regime.replace('_', ' ')}")
    return "\n".join(lines)


def describe(inputs: Mapping[str, Any], revenue: float, fallback: float, surplus: float,
             fallback_us: float, results: Mapping[str, DealResult]) -> str:
    """Return the text alternative of the what-if view (arguments as for :func:`panel_text`).

    ``inputs`` also holds ``mode``, the reading drawn in front.
    """
    p = inputs

    def says(m: str) -> str:
        r = results[m]
        if not r.deal:
            return f"no deal (Iran keeps ${r.iran:.2f}bn)"
        return f"Iran ${r.iran:.2f}bn, US ${r.us:.2f}bn ({r.regime})"

    return (f"Iran's share of a revived deal against its fallback, both readings. Brent "
            f"${p['brent_usd']:.2f}/bbl, discount ${p['discount_usd']:.2f}/bbl (illustrative), "
            f"{p['barrels_mbd']:.2f} mb/d sold: oil revenue ${revenue:.2f}bn/yr; with Russian "
            f"support ${p['russian_support_busd']:.2f}bn/yr (illustrative) Iran's fallback is "
            f"${fallback:.2f}bn/yr. Deal S = ${surplus:g}bn/yr, US fallback ${fallback_us:g}bn/yr, "
            f"beta = {p['iran_power']:.2f} (illustrative). Impasse reading: {says('impasse')}. "
            f"Outside-option reading: {says('outside')}. Shown in front: {p['mode']}.")


def freeze_static(fig: Figure, live: Collection[Artist]) -> None:
    """Paint everything of ``fig`` but the ``live`` artists once, and hide it behind one image.

    Text is most of a redraw's cost. The figure is drawn once without the live artists; that
    picture becomes a :class:`~helpers.plots.rendering.StaticLayer` under them, and every other
    artist of the figure (axes patches, ticks, legends, titles, figure-level artists) is
    hidden, so a redraw paints one image and the few live artists. The layout must already be
    fixed, and the figure must then only be rendered at its own dpi.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a canvas (e.g. ``FigureCanvasAgg(fig)``).
    live : collection of Artist
        The artists that later redraws change; they stay drawn as usual.
    """
    live = set(live)
    shown = {a: a.get_visible() for a in live}
    for a in live:
        a.set_visible(False)
    with style.course_style():
        fig.canvas.draw()
    layer = np.asarray(fig.canvas.buffer_rgba()).copy()
    for a, v in shown.items():
        a.set_visible(v)
    for ax in fig.axes:
        for child in ax.get_children():
            if child not in live:
                child.set_visible(False)
    for a in fig.artists:
        if a not in live:
            a.set_visible(False)
    fig.add_artist(StaticLayer(layer))


# ------------------------------------------------------------------------------ figures


def timeline_figure(events: pd.DataFrame, article_date: str = "2022-07-19") -> Figure:
    """Draw the JCPOA timeline of :func:`plot_jcpoa_timeline` on a figure of its own (no pyplot).

    Parameters
    ----------
    events : pandas.DataFrame
        As for :func:`plot_jcpoa_timeline`.
    article_date : str
        Date of the article.

    Returns
    -------
    matplotlib.figure.Figure
    """
    with style.course_style():
        fig = Figure(figsize=(10.0, 0.34 * len(events) + 1.6), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        plot_jcpoa_timeline(ax, events, article_date)
        first, last = events["date"].min().year, events["date"].max().year
        ax.set_xlim(pd.Timestamp(first, 1, 1), pd.Timestamp(last, 12, 31))
        ax.set_title(f"The JCPOA and US sanctions on Iran, {first}–{last}")
    return fig


def brent_figure(brent: pd.DataFrame, marks: pd.DataFrame,
                 label_dates: Sequence[str] = ()) -> Figure:
    """Draw monthly Brent with dated marks (see :func:`plot_brent`) on a figure of its own.

    Parameters
    ----------
    brent, marks, label_dates
        As for :func:`plot_brent`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    with style.course_style():
        fig = Figure(figsize=(9.6, 4.4), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        plot_brent(ax, brent, marks, label_dates)
        first, last = brent["date"].min(), brent["date"].max()
        ax.set_title(f"Brent, monthly average, {first:%b %Y} to {last:%b %Y}, and the 2022 "
                     "measures on Russian oil")
    return fig

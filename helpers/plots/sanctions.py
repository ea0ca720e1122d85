"""Figures of notebook 05: the JCPOA timeline, Brent with the 2022 oil measures, and the deal split.

Every function takes a matplotlib ``Axes`` and returns it; none uses pyplot state. Artists that a
what-if view updates carry a ``gid`` (``curve:impasse``, ``point:outside``, ``kink``, ``no_deal``,
``fallback``, ``bar:impasse:iran``, …), so the view finds them with :func:`by_gid` instead of
relying on drawing order. The numbers come from :mod:`helpers.models.sanctions`; nothing here
reads a data file.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.checks import (
    ParameterError,
    check_cells,
    check_choice,
    check_flag,
    check_frame,
    check_instance,
    check_int,
    check_number,
    check_str,
)
from helpers.models.sanctions import (
    BARRELS_MAX_MBD,
    BRENT_MAX_USD,
    BRENT_MIN_USD,
    DISCOUNT_MAX_USD,
    MODES,
    DealResult,
    _check_nonnegative,
    deal_split,
)
from helpers.plots import style
from helpers.plots.rendering import StaticLayer
from helpers.plots.timeline import _day

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

#: Columns of the timeline table of :func:`plot_jcpoa_timeline`.
_EVENT_COLUMNS = ("event_id", "date", "date_precision", "measure", "label", "after_article")

#: Valid range and unit of each number of a what-if ``inputs`` mapping (:func:`panel_text`),
#: the ranges of :mod:`helpers.models.sanctions`.
_INPUT_RANGES: dict[str, tuple[float, float, str]] = {
    "brent_usd": (BRENT_MIN_USD, BRENT_MAX_USD, "$/bbl"),
    "discount_usd": (0.0, DISCOUNT_MAX_USD, "$/bbl"),
    "barrels_mbd": (0.0, BARRELS_MAX_MBD, "mb/d"),
    "russian_support_busd": (0.0, math.inf, "$bn/yr"),
    "iran_power": (0.0, 1.0, ""),
}

#: Artists of :func:`plot_share_curves` and :func:`plot_split_bars` that their updates change.
_SHARE_GIDS = ("offchart", "fallback", "kink", "no_deal",
               *(f"{kind}:{m}" for m in MODES for kind in ("curve", "point")))
_SPLIT_GIDS = tuple(g for m in MODES for g in (f"bar:{m}:iran", f"bar:{m}:us", f"nodeal:{m}"))


# ------------------------------------------------------------------------------ input checks


def _drawn(ax: object, gids: Sequence[str], maker: str) -> dict[str, Artist]:
    """Return the artists of ``ax`` by gid, refusing an Axes that ``maker`` did not draw."""
    arts = by_gid(ax)
    missing = [g for g in gids if g not in arts]
    if missing:
        raise ParameterError(f"ax must be an Axes drawn by {maker}, got one without its "
                             f"artist(s) {missing[:3]}")
    return arts


def _check_reading(name: str, value: Any) -> str:
    """Return ``value`` if it is one of :data:`MODES`; refuse non-strings before comparing."""
    if not isinstance(value, str):  # an array would make ``in`` ambiguous
        raise ParameterError(f"{name} must be one of {sorted(MODES)}, got {value!r} "
                             f"({type(value).__name__})")
    return check_choice(name, value, MODES)


def _check_surplus(surplus: Any) -> float:
    """Check the deal's value ``S``: a finite number > 0, as for :func:`deal_split`."""
    return check_number("surplus", surplus, 0.0, math.inf, lo_open=True, hi_open=True)


def _check_deal(surplus: Any, fallback_us: Any, iran_power: Any) -> tuple[float, float, float]:
    """Check ``S > 0``, the US fallback ``>= 0`` and ``beta`` in [0, 1], as for deal_split."""
    return (_check_surplus(surplus), _check_nonnegative("fallback_us", fallback_us),
            check_number("iran_power", iran_power, 0.0, 1.0))


def _check_results(results: Any, surplus: float) -> Mapping[str, DealResult]:
    """Check for one :class:`DealResult` per mode, of its mode and (with a deal) of ``surplus``."""
    check_instance("results", results, Mapping,
                   f"a mapping of each mode {list(MODES)} to its DealResult (deal_split)")
    for key in results:
        if not isinstance(key, str) or key not in MODES:
            raise ParameterError(f"results must map the modes {list(MODES)} to DealResults, "
                                 f"got the key {key!r}")
    for m in MODES:
        if m not in results:
            raise ParameterError(f"results must hold a DealResult for each mode {list(MODES)}, "
                                 f"missing {m!r}")
        name, r = f"results[{m!r}]", results[m]
        check_instance(name, r, DealResult, "a DealResult (from deal_split)")
        if r.mode != m:
            raise ParameterError(f"{name} must be a DealResult of mode {m!r}, got mode "
                                 f"{r.mode!r}")
        # A DealResult is built by deal_split: only whether it splits this surplus is checked.
        try:
            splits = not r.deal or math.isclose(r.iran + r.us, surplus, rel_tol=1e-9,
                                                abs_tol=1e-12)
        except TypeError:  # a hand-made record holding a non-number
            splits = False
        if not splits:
            raise ParameterError(f"{name} must be a split of surplus = {surplus:g} (with a deal "
                                 f"iran + us = surplus), got iran = {r.iran!r}, us = {r.us!r}")
    return results


def _check_inputs(inputs: Any, mode: bool = False) -> Mapping[str, Any]:
    """Check the what-if inputs: the numbers of :data:`_INPUT_RANGES` (``mode`` if asked)."""
    keys = [*_INPUT_RANGES, *(["mode"] if mode else [])]
    check_instance("inputs", inputs, Mapping, f"a mapping with the keys {keys}")
    missing = [k for k in keys if k not in inputs]
    if missing:
        raise ParameterError(f"inputs must hold the keys {keys}, missing {missing}")
    for key, (lo, hi, unit) in _INPUT_RANGES.items():
        check_number(f"inputs[{key!r}]", inputs[key], lo, hi, hi_open=math.isinf(hi), unit=unit)
    if mode:
        _check_reading("inputs['mode']", inputs["mode"])
    return inputs


def _check_panel(inputs: Any, revenue: Any, fallback: Any, surplus: Any, fallback_us: Any,
                 results: Any, mode: bool = False) -> None:
    """Check the arguments shared by :func:`panel_text` and :func:`describe`."""
    _check_inputs(inputs, mode=mode)
    _check_nonnegative("revenue", revenue, unit="$bn/yr")
    _check_nonnegative("fallback", fallback, unit="$bn/yr")
    _check_nonnegative("fallback_us", fallback_us, unit="$bn/yr")
    _check_results(results, _check_surplus(surplus))


def _check_options(name: str, frame: pd.DataFrame, column: str, options: Collection[str]) -> None:
    """Check that every cell of ``frame[column]`` is one of ``options`` (strs)."""
    for row, value in frame[column].items():
        if not isinstance(value, str) or value not in options:
            raise ParameterError(f"{name}[{column!r}] must hold one of {sorted(options)}, got "
                                 f"{value!r} in row {row!r}")


def _check_events(events: Any) -> pd.DataFrame:
    """Check a timeline table (:data:`_EVENT_COLUMNS`, one row or more); return it with dates."""
    check_frame("events", events, _EVENT_COLUMNS, min_rows=1)
    dates = check_cells("events", events, "date", "date")
    for col in ("event_id", "label"):
        check_cells("events", events, col, "str")
    _check_options("events", events, "date_precision", ("day", "month"))
    _check_options("events", events, "measure", MEASURE_GROUPS)
    check_cells("events", events, "after_article", "bool")
    ids = events["event_id"]
    if ids.duplicated().any():
        raise ParameterError(f"events['event_id'] must hold distinct ids, repeated: "
                             f"{sorted(set(ids[ids.duplicated()]))}")
    return events.assign(date=dates)


def _check_brent(brent: Any, marks: Any, label_dates: Any
                 ) -> tuple[pd.DataFrame, pd.DataFrame, list[pd.Timestamp]]:
    """Check the arguments of :func:`plot_brent`; return them with dates as Timestamps."""
    check_frame("brent", brent, ("date", "price"), min_rows=1)
    brent = brent.assign(date=check_cells("brent", brent, "date", "date"),
                         price=check_cells("brent", brent, "price", "number", lo=0))
    check_frame("marks", marks, ("date", "label"))
    check_cells("marks", marks, "label", "str")
    marks = marks.assign(date=check_cells("marks", marks, "date", "date"))
    if isinstance(label_dates, str | bytes | Mapping) or not isinstance(label_dates, Iterable):
        raise ParameterError(f"label_dates must be a list of dates of brent['date'] (e.g. "
                             f"['2022-06-15']), got {label_dates!r} "
                             f"({type(label_dates).__name__})")
    days = []
    for i, when in enumerate(label_dates):
        day = _day(f"label_dates[{i}]", when)
        if not (brent["date"] == day).any():
            raise ParameterError(f"label_dates[{i}] must be one of the dates of brent['date'], "
                                 f"got {when!r}")
        days.append(day)
    return brent, marks, days


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
    """Return every artist of ``ax`` that has a ``gid``, keyed by it.

    Raises
    ------
    ParameterError
        If ``ax`` is not a matplotlib Axes.
    """
    style.check_ax(ax)
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
        Date of the article, drawn as a vertical line (a ``'YYYY-MM-DD'`` str or a Timestamp).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes; ``events`` is not a table of one row or more with those
        columns: distinct ``event_id`` strs, dates, ``date_precision`` ``"day"`` or
        ``"month"``, a ``measure`` of :data:`MEASURE_GROUPS`, non-empty ``label`` strs and
        ``after_article`` True or False; or ``article_date`` is not a date.
    """
    style.check_ax(ax)
    _draw_timeline(ax, _check_events(events), _day("article_date", article_date))
    return ax


def _draw_timeline(ax: Axes, events: pd.DataFrame, day: pd.Timestamp) -> None:
    """Draw :func:`plot_jcpoa_timeline` from checked arguments."""
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


def plot_brent(ax: Axes, brent: pd.DataFrame, marks: pd.DataFrame,
               label_dates: Sequence[str] = ()) -> Axes:
    """Draw monthly Brent prices with dated vertical marks (e.g. sanctions measures).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    brent : pandas.DataFrame
        Columns ``date`` and ``price`` (US$ per barrel, ``>= 0``), one row or more.
    marks : pandas.DataFrame
        Columns ``date`` and ``label``; each becomes a dotted vertical line with its label and
        date, the labels stacked above the prices (the earliest lowest) so that close dates
        stay readable; each line stops at its label and crosses no other label. May have no
        rows.
    label_dates : sequence of str
        Months (dates of ``brent['date']``, as strs or Timestamps) whose price and month are
        written right beside the point, on the side away from the line to the next month
        (room is added on the right for the last month).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes; ``brent`` has no rows, or a ``date`` that is not a date or a
        ``price`` that is not a finite number ``>= 0``; a ``marks`` row lacks a date or a
        label (a non-empty str); or ``label_dates`` is not a list of dates of ``brent``.
    """
    style.check_ax(ax)
    _draw_brent(ax, *_check_brent(brent, marks, label_dates))
    return ax


def _draw_brent(ax: Axes, brent: pd.DataFrame, marks: pd.DataFrame,
                label_dates: Sequence[pd.Timestamp]) -> None:
    """Draw :func:`plot_brent` from checked arguments."""
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
        i = int(series.index[series["date"] == when][0])
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


# ------------------------------------------------------------------------------ the deal split


def share_curve(surplus: float, fallback_us: float, iran_power: float, mode: str,
                fallback_max: float, n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Return Iran's amount from :func:`deal_split` along a grid of Iran's fallback.

    The grid holds ``n`` evenly spaced points from 0 to ``fallback_max`` plus the kinks
    (``iran_power * surplus`` and ``surplus - fallback_us``), so the polyline is exact.

    Parameters
    ----------
    surplus, fallback_us, iran_power, mode
        As for :func:`helpers.models.sanctions.deal_split`: ``surplus > 0``,
        ``fallback_us >= 0``, ``iran_power`` in [0, 1], ``mode`` ``"impasse"`` or ``"outside"``.
    fallback_max : float
        Right end of the grid (same units as ``surplus``), a finite number ``> 0``.
    n : int
        Number of evenly spaced points, in [2, 10000].

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Fallbacks and Iran's amounts.

    Raises
    ------
    ParameterError
        If a number is not finite, is a bool or is out of its range, or ``mode`` is unknown.

    Examples
    --------
    >>> xs, ys = share_curve(1.0, 0.1, 0.5, "outside", 1.2, n=3)
    >>> [round(float(v), 2) for v in xs], [round(float(v), 2) for v in ys]
    ([0.0, 0.5, 0.6, 0.9, 1.2], [0.5, 0.5, 0.6, 0.9, 1.2])
    """
    _check_deal(surplus, fallback_us, iran_power)
    _check_reading("mode", mode)
    check_number("fallback_max", fallback_max, 0.0, math.inf, lo_open=True, hi_open=True)
    check_int("n", n, 2, 10_000)
    return _share_curve(surplus, fallback_us, iran_power, mode, fallback_max, n)


def _share_curve(surplus: float, fallback_us: float, iran_power: float, mode: str,
                 fallback_max: float, n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Compute :func:`share_curve` from checked arguments."""
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
        Iran's current fallback, ``>= 0`` (marked on both curves; clipped to the axis if
        beyond).
    active : {"impasse", "outside"}
        The reading drawn in front, with a larger marker.
    fallback_max : float, optional
        Right end of the x axis, a finite number ``> 0``; default ``1.2 * surplus``.
    unit : str
        Unit of all amounts, for the axis labels (may be empty).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, a number is not finite, is a bool or is out of its range (as
        for :func:`helpers.models.sanctions.deal_split`), ``active`` is not a mode, or ``unit``
        is not a str.
    """
    style.check_ax(ax)
    _check_deal(surplus, fallback_us, iran_power)
    _check_nonnegative("fallback_iran", fallback_iran)
    _check_reading("active", active)
    if fallback_max is not None:
        check_number("fallback_max", fallback_max, 0.0, math.inf, lo_open=True, hi_open=True)
    check_str("unit", unit, empty=True)
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
    _set_share_state(ax, by_gid(ax), surplus, fallback_us, iran_power, fallback_iran, active)
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

    Raises
    ------
    ParameterError
        If ``ax`` was not drawn by :func:`plot_share_curves`, or another argument is refused
        as by :func:`plot_share_curves`.
    """
    arts = _drawn(ax, _SHARE_GIDS, "plot_share_curves")
    _check_deal(surplus, fallback_us, iran_power)
    _check_nonnegative("fallback_iran", fallback_iran)
    _check_reading("active", active)
    return _set_share_state(ax, arts, surplus, fallback_us, iran_power, fallback_iran, active)


def _set_share_state(ax: Axes, arts: Mapping[str, Artist], surplus: float, fallback_us: float,
                     iran_power: float, fallback_iran: float, active: str) -> Axes:
    """Update the artists like :func:`set_share_state`, from checked arguments (``arts`` by gid)."""
    xmax = ax.get_xlim()[1]
    ymax = ax.get_ylim()[1]
    x_now = min(fallback_iran, xmax)
    on_chart = fallback_iran <= xmax
    arts["offchart"].set_visible(not on_chart)
    arts["fallback"].set_visible(on_chart)
    for mode in MODES:
        xs, ys = _share_curve(surplus, fallback_us, iran_power, mode, xmax)
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
        The deal value ``S`` (the full bar), ``> 0``: the ``surplus`` of ``results``.
    active : str
        The reading outlined in black.
    unit : str
        Unit of the amounts.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes; ``results`` does not map each mode to a DealResult of that
        mode whose deal (if any) splits ``surplus``; ``surplus`` is not a finite number
        ``> 0``; ``active`` is not a mode; or ``unit`` is not a str.
    """
    style.check_ax(ax)
    _check_results(results, _check_surplus(surplus))
    _check_reading("active", active)
    check_str("unit", unit, empty=True)
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
    _set_split_bars(by_gid(ax), results, surplus, active)
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

    Raises
    ------
    ParameterError
        If ``ax`` was not drawn by :func:`plot_split_bars`, or another argument is refused as
        by :func:`plot_split_bars`.
    """
    arts = _drawn(ax, _SPLIT_GIDS, "plot_split_bars")
    _check_results(results, _check_surplus(surplus))
    _check_reading("active", active)
    _set_split_bars(arts, results, surplus, active)
    return ax


def _set_split_bars(arts: Mapping[str, Artist], results: Mapping[str, DealResult],
                    surplus: float, active: str) -> None:
    """Update the bars like :func:`set_split_bars`, from checked arguments (``arts`` by gid)."""
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


# ------------------------------------------------------------------------------ view helpers


def panel_text(inputs: Mapping[str, float], revenue: float, fallback: float, surplus: float,
               fallback_us: float, results: Mapping[str, DealResult], active: str,
               beyond: bool = False) -> str:
    """Return the text panel of the what-if view: the oil arithmetic and both readings' splits.

    Parameters
    ----------
    inputs : mapping
        ``brent_usd``, ``discount_usd``, ``barrels_mbd``, ``russian_support_busd`` and
        ``iran_power``, each a finite number in the range the model accepts (e.g. Brent in
        [20, 200] $/bbl, see :mod:`helpers.models.sanctions`); other keys are ignored.
    revenue, fallback : float
        Iran's oil revenue and fallback, $bn/yr, ``>= 0``.
    surplus, fallback_us : float
        The deal's value ``S`` (``> 0``) and the US fallback (``>= 0``), $bn/yr.
    results : mapping of str to DealResult
        One result per mode, for this ``surplus`` (see :func:`plot_split_bars`).
    active : str
        The mode marked with an arrow.
    beyond : bool
        Whether the fallback lies beyond the chart's x axis (said in the panel).

    Returns
    -------
    str
        Lines for a monospaced :class:`~helpers.plots.rendering.TextStamp`.

    Raises
    ------
    ParameterError
        If an argument is not of its kind or out of its range, as listed above.
    """
    _check_panel(inputs, revenue, fallback, surplus, fallback_us, results)
    _check_reading("active", active)
    check_flag("beyond", beyond)
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

    Raises
    ------
    ParameterError
        As for :func:`panel_text`, or if ``inputs['mode']`` is not a mode.
    """
    _check_panel(inputs, revenue, fallback, surplus, fallback_us, results, mode=True)
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

    Raises
    ------
    ParameterError
        If ``fig`` is not a Figure with a canvas that renders to pixels, or ``live`` is not a
        collection (a set, list or tuple) of matplotlib Artists.
    """
    check_instance("fig", fig, Figure, "a matplotlib Figure with a canvas, e.g. "
                                       "FigureCanvasAgg(fig)")
    if not hasattr(fig.canvas, "buffer_rgba"):
        raise ParameterError(f"fig must have a canvas that renders to pixels (e.g. "
                             f"FigureCanvasAgg(fig)), got a {type(fig.canvas).__name__}")
    if isinstance(live, str | bytes | Mapping) or not isinstance(live, Collection):
        raise ParameterError(f"live must be a collection (a set, list or tuple) of matplotlib "
                             f"Artists, got {live!r} ({type(live).__name__})")
    for a in live:
        if not isinstance(a, Artist):
            raise ParameterError(f"live must hold only matplotlib Artists, got {a!r} "
                                 f"({type(a).__name__})")
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

    Raises
    ------
    ParameterError
        As for :func:`plot_jcpoa_timeline`.
    """
    events, day = _check_events(events), _day("article_date", article_date)
    with style.course_style():
        fig = Figure(figsize=(10.0, 0.34 * len(events) + 1.6), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        _draw_timeline(ax, events, day)
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

    Raises
    ------
    ParameterError
        As for :func:`plot_brent`.
    """
    brent, marks, days = _check_brent(brent, marks, label_dates)
    with style.course_style():
        fig = Figure(figsize=(9.6, 4.4), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        _draw_brent(ax, brent, marks, days)
        first, last = brent["date"].min(), brent["date"].max()
        ax.set_title(f"Brent, monthly average, {first:%b %Y} to {last:%b %Y}, and the 2022 "
                     "measures on Russian oil")
    return fig

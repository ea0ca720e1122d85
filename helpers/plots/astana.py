"""Figures of the Astana format (notebook 03).

Three figure families:

* :func:`plot_participation` — who held a seat at each round, in which role (a matrix);
* :func:`plot_rounds_timeline` — the rounds, the presidential summits and the format's outcomes
  on one time axis, with the article's date and anything later marked;
* :func:`plot_bargain` / :func:`update_bargain` — the guarantors' bargaining space: ideal points,
  the Pareto triangle, the indifference circles through the reversion point, the shaded win-set,
  the status quo, Turkey's unilateral option, the compromise point and the deal. The what-if view
  of :mod:`helpers.views.astana` draws it once and then only calls :func:`update_bargain`, which
  finds its artists by ``gid``.

The axes of the bargaining space, the ideal points and the weights are *illustrative* model
inputs, never data (no dataset of Astana positions exists); :data:`AXIS_LABELS` says so on the
figure itself. Every function takes an ``Axes`` and returns it (or builds a ``Figure`` without
pyplot); colours and markers of actors come from the registry through :mod:`helpers.plots.style`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

from helpers.checks import (
    ParameterError,
    check_cells,
    check_flag,
    check_frame,
    check_ids,
    check_instance,
    check_int,
    check_point,
    check_str,
)
from helpers.models.astana import (
    BargainResult,
    _validate_ideals,
    _validate_unilateral,
    _validate_weights,
    convex_hull,
    in_win_set,
)
from helpers.plots import style
from helpers.plots.rendering import StaticLayer, TextStamp

__all__ = [
    "AXIS_LABELS",
    "CITY_STYLE",
    "ROLE_LABELS",
    "bargain_alt_text",
    "bargain_figure",
    "bargain_table",
    "freeze_bargain",
    "panel_lines",
    "participation_figure",
    "place_stamps",
    "plot_bargain",
    "plot_participation",
    "plot_rounds_timeline",
    "timeline_figure",
    "update_bargain",
    "winset_mask",
    "winset_polygon",
]

#: Illustrative policy dimensions of the bargaining space (x, y), as the axes show them.
AXIS_LABELS: tuple[str, str] = (
    "x: Damascus government's territorial control\n(illustrative policy units: 0 = none, 1 = all)",
    "y: Turkish military presence in northern Syria\n(illustrative policy units: 0 = none, "
    "1 = maximal)",
)

#: How each role of ``astana_participants.csv`` is named in labels.
ROLE_LABELS: dict[str, str] = {"guarantor": "guarantor", "syrian_party": "Syrian party",
                               "observer": "observer", "un": "UN", "host": "host"}

#: Colour and marker of the rounds by the host city's name at the time (Okabe–Ito colours).
CITY_STYLE: dict[str, tuple[str, str]] = {
    "Astana": (style.OKABE_ITO["blue"], "o"),
    "Nur-Sultan": (style.OKABE_ITO["orange"], "s"),
    "Sochi": (style.OKABE_ITO["vermillion"], "^"),
}

_WINSET_RGBA = (0x56 / 255, 0xB4 / 255, 0xE9 / 255, 0.55)  # Okabe–Ito sky blue, translucent
_HULL_FILL = "#E8E8E8"
_GREY = "#777777"
_AFTER_SHADE = "#EEEEEE"

#: Summit formats of ``trilateral_summits.csv``.
_SUMMIT_FORMATS = ("in_person", "video")
_RESOLUTION = (2, 400)  # cells per side of winset_mask
_SAMPLES = (8, 5000)  # points per circle of winset_polygon
#: Artists every plot_bargain axes has (besides one circle, ideal and label per actor).
_BARGAIN_GIDS = ("winset", "hull", "move", "status_quo", "option", "option_label",
                 "compromise", "deal")


# --------------------------------------------------------------------------------------------
# argument checks shared by the functions below
# --------------------------------------------------------------------------------------------


def _check_date(name: str, value: object) -> pd.Timestamp:
    """Return a date (Timestamp, datetime, date or date str) without time zone as a Timestamp."""
    what = f"{name} must be a date (a pandas Timestamp or a date str) without time zone"
    if isinstance(value, bool) or not isinstance(value, str | dt.date | np.datetime64):
        raise ParameterError(f"{what}, got {value!r} ({type(value).__name__})")
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{what}, got {value!r}") from None
    if ts is pd.NaT or ts.tzinfo is not None:
        raise ParameterError(f"{what}, got {value!r}")
    return ts


def _check_marks(name: str, marks: object, width: int) -> list[tuple[Any, ...]]:
    """``spans`` (start, end, label) or ``lines`` (date, label): dates checked, labels str."""
    shape = "(start, end, label)" if width == 3 else "(date, label)"
    if isinstance(marks, str | bytes | Mapping) or not isinstance(marks, Iterable):
        raise ParameterError(f"{name} must be a sequence of {shape} tuples, got {marks!r}")
    out = []
    for i, item in enumerate(marks):
        if isinstance(item, str | bytes | Mapping) or not isinstance(item, Sequence) \
                or len(item) != width:
            raise ParameterError(f"{name}[{i}] must be a tuple {shape}, got {item!r}")
        dates = [_check_date(f"{name}[{i}][{j}]", v) for j, v in enumerate(item[:-1])]
        if width == 3 and dates[0] > dates[1]:
            raise ParameterError(f"{name}[{i}] must have start <= end, got {item!r}")
        out.append((*dates, check_str(f"{name}[{i}][{width - 1}] (the label)", item[-1],
                                      empty=True)))
    return out


def _check_ideals(ideals: object, drawn: bool = False) -> dict[str, tuple[float, float]]:
    """Ideal points as the model takes them (2+ actors in [0, 1]^2), as plain float pairs.

    The keys are shown as actor names, so they must be non-empty; ``drawn``: they must also be
    ids of the registry (``actors.csv``), whose colours and markers the figure uses.
    """
    names, thetas = _validate_ideals(ideals)
    known = style.actor_styles()
    for n in names:
        if drawn and n not in known:
            raise ParameterError(f"ideals keys must be actor ids of actors.csv "
                                 f"({', '.join(known)}), got {n!r}")
        if not n:
            raise ParameterError("ideals keys must be non-empty actor ids, got ''")
    return {n: (x, y) for n, (x, y) in zip(names, thetas.tolist(), strict=True)}


def _check_bargain(ideals: object, status_quo: object, result: object, option: object,
                   option_on: object, *, drawn: bool = False
                   ) -> tuple[dict[str, tuple[float, float]], tuple[float, float], BargainResult,
                              tuple[str, tuple[float, float]] | None, bool]:
    """Check the inputs of a bargaining figure and that ``result`` was computed from them.

    ``result`` must hold the actors of ``ideals``, and its reversion must be the status quo, or
    the option's z when the option is on and credible (:func:`astana_bargain`'s rule).
    """
    ideals = _check_ideals(ideals, drawn)
    q = check_point("status_quo", status_quo)
    check_instance("result", result, BargainResult,
                   "a BargainResult (from helpers.models.astana.astana_bargain)")
    option = _validate_unilateral(option, tuple(ideals), label="option")
    option_on = check_flag("option_on", option_on)
    if set(result.gains) != set(ideals):
        raise ParameterError(f"ideals must hold the actors of result (the BargainResult of "
                             f"astana_bargain for these ideals): result has "
                             f"{sorted(result.gains)}, ideals has {sorted(ideals)}")
    if result.credible:
        if option is None or not option_on:
            raise ParameterError("result has a credible unilateral option, so option must be "
                                 "the (actor, z) it was computed with and option_on must be "
                                 f"True; got option={option!r}, option_on={option_on!r}")
        if not _same_point(result.reversion, option[1]):
            raise ParameterError(f"option[1] must be the z that result was computed with "
                                 f"(result.reversion = {result.reversion}), got {option[1]}")
    elif not _same_point(result.reversion, q):
        raise ParameterError(f"status_quo must be the status quo that result was computed with "
                             f"(result.reversion = {result.reversion}), got {q}")
    return ideals, q, result, option, option_on


def _same_point(a: Sequence[float], b: Sequence[float]) -> bool:
    return abs(a[0] - b[0]) <= 1e-12 and abs(a[1] - b[1]) <= 1e-12


def _check_weights(weights: object, ideals: Mapping[str, Any]) -> dict[str, float]:
    """Each actor's weight (1.0 when not listed), checked as :func:`astana_bargain` does."""
    return dict(zip(ideals, _validate_weights(weights, tuple(ideals)).tolist(), strict=True))


def _check_weighted(ideals: object, status_quo: object, result: object, option: object,
                    option_on: object, weights: object, *, drawn: bool = False) -> tuple[
        dict[str, tuple[float, float]], tuple[float, float], BargainResult,
        tuple[str, tuple[float, float]] | None, bool, dict[str, float]]:
    """:func:`_check_bargain`, plus each actor's weight (for the functions that show them)."""
    checked = _check_bargain(ideals, status_quo, result, option, option_on, drawn=drawn)
    return (*checked, _check_weights(weights, checked[0]))


def _check_drawn(ax: object, actors: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the artists, by gid, of an Axes drawn by :func:`plot_bargain` (for ``actors``)."""
    arts = _artists(style.check_ax(ax))
    missing = [g for g in _BARGAIN_GIDS if g not in arts]
    if missing:
        raise ParameterError(f"ax must be an Axes drawn by plot_bargain; it has no artist(s) "
                             f"{missing}")
    if actors is not None:
        drawn = sorted(g[6:] for g in arts if g.startswith("ideal:"))
        if sorted(actors) != drawn:
            raise ParameterError(f"ideals must hold the actors drawn on ax by plot_bargain "
                                 f"{drawn}, got {sorted(actors)}")
    return arts


# --------------------------------------------------------------------------------------------
# who sits at the table
# --------------------------------------------------------------------------------------------


def _check_seats(name: str, frame: object) -> pd.DataFrame:
    """Check a boolean actors x rounds table (rows actor ids, columns distinct rounds >= 1)."""
    frame = check_frame(name, frame, min_rows=1)
    if frame.shape[1] == 0:
        raise ParameterError(f"{name} must have one column per round (round numbers >= 1), "
                             f"got no columns")
    for i, r in enumerate(frame.columns):
        check_int(f"{name}.columns[{i}] (a round number)", r, 1, 10**6)
    if not frame.columns.is_unique:
        raise ParameterError(f"{name} must have distinct rounds (columns), got "
                             f"{list(frame.columns)}")
    check_ids(f"{name}.index", frame.index, distinct=True)
    for col in frame.columns:
        check_cells(name, frame, col, "bool")
    return frame


def _check_participation(held: object, named: object, roles: object, after_round: object
                         ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str], int | None]:
    """Check the tables of :func:`plot_participation`; return them and each actor's role."""
    held = _check_seats("held", held)
    named = check_frame("named", named)
    if not held.index.equals(named.index) or list(held.columns) != list(named.columns):
        raise ParameterError("held and named must have the same actors (index) and rounds "
                             "(columns)")
    _check_seats("named", named)
    check_instance("roles", roles, pd.Series, "a pandas Series actor id -> role")
    missing = [a for a in held.index if a not in roles.index]
    if missing:
        raise ParameterError(f"roles must give the role of every actor of held; missing "
                             f"{missing}")
    if not roles.index.is_unique:
        raise ParameterError("roles must have one entry per actor (a unique index)")
    role_of = {}
    for a in held.index:
        role = roles[a]
        if not isinstance(role, str) or role not in ROLE_LABELS:
            raise ParameterError(f"roles[{a!r}] must be one of {sorted(ROLE_LABELS)}, got "
                                 f"{role!r}")
        role_of[a] = role
    if after_round is not None:
        rounds = [int(r) for r in held.columns]
        after_round = check_int("after_round", after_round, min(rounds), max(rounds))
    return held, named, role_of, after_round


def plot_participation(ax: Axes, held: pd.DataFrame, named: pd.DataFrame, roles: pd.Series,
                       *, after_round: int | None = None) -> Axes:
    """Draw a participation matrix: one row per participant, one column per round.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    held : pandas.DataFrame
        Boolean, index actor ids (top row first), columns round numbers: the actor held a seat
        in its role at that round (from ``astana_participants.csv``).
    named : pandas.DataFrame
        Boolean, same shape: the round's own sources name the actor as an observer (from the
        ``observers`` column of ``astana_rounds.csv``); drawn as a dot.
    roles : pandas.Series
        Actor id -> role (a key of :data:`ROLE_LABELS`), for the row labels.
    after_round : int, optional
        First round after the article (one of the rounds of ``held``, or between them); its
        column and those after it are hatched.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If a table is not of this form (``held`` and ``named`` with other actors or rounds,
        a cell that is not True or False, an actor without a role) or ``after_round`` is not
        a round number inside the rounds of ``held``.
    """
    style.check_ax(ax)
    held, named, role_of, after_round = _check_participation(held, named, roles, after_round)
    actors = list(held.index)
    n = len(actors)
    rounds = [int(r) for r in held.columns]
    for i, actor in enumerate(actors):
        y = n - 1 - i
        color = style.actor_color(actor, default=style.FALLBACK.color)
        for r in rounds:
            if held.loc[actor, r]:
                ax.add_patch(Rectangle((r - 0.45, y - 0.38), 0.9, 0.76, facecolor=color,
                                       edgecolor="none", gid=f"cell:{actor}:{r}"))
        dots = [r for r in rounds if named.loc[actor, r]]
        ax.plot(dots, [y] * len(dots), linestyle="none", marker="o", markersize=5,
                markerfacecolor="white", markeredgecolor="black", markeredgewidth=0.8,
                gid=f"named:{actor}")
    if after_round is not None:
        later = [r for r in rounds if r >= after_round]
        if later:
            ax.add_patch(Rectangle((min(later) - 0.5, -0.5), len(later), n, facecolor="none",
                                   edgecolor=_GREY, hatch="///", linewidth=0.8, gid="after"))
    labels = [f"{style.actor_name(a)} · {ROLE_LABELS[role_of[a]]}" for a in actors]
    ax.set_yticks(range(n))
    ax.set_yticklabels([style.escape_mathtext(t) for t in labels[::-1]])
    ax.set_xticks(rounds)
    ax.set_xlim(min(rounds) - 0.6, max(rounds) + 0.6)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("Round of the Astana talks (number)")
    ax.grid(False)
    handles = [Patch(facecolor=_GREY, label="seat held in this role (participants table)"),
               Line2D([], [], linestyle="none", marker="o", markerfacecolor="white",
                      markeredgecolor="black", label="observer named in the round's sources")]
    if after_round is not None:
        handles.append(Patch(facecolor="none", edgecolor=_GREY, hatch="///",
                             label=f"after the article (round {after_round} on)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2,
              fontsize=8.5)
    return ax


def participation_figure(held: pd.DataFrame, named: pd.DataFrame, roles: pd.Series, *,
                         after_round: int | None = None) -> Figure:
    """Draw the participation matrix of :func:`plot_participation` on a new figure (no pyplot).

    Parameters are those of :func:`plot_participation`, and checked as there.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_participation(held, named, roles, after_round)
    with style.course_style():
        fig = Figure(figsize=(10.0, 0.34 * len(held) + 1.9), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        plot_participation(ax, held, named, roles, after_round=after_round)
        ax.set_title("Who sat at the table of the Astana talks, round by round")
    return fig


# --------------------------------------------------------------------------------------------
# rounds and summits in time
# --------------------------------------------------------------------------------------------


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def _check_timeline(rounds: object, summits: object, milestones: object, article_date: object,
                    spans: object, lines: object) -> tuple[Any, ...]:
    """Check the inputs of :func:`plot_rounds_timeline`; return them with converted cells."""
    rounds = check_frame("rounds", rounds, ["round", "date", "city", "approximate"],
                         min_rows=1)
    for row, city in check_cells("rounds", rounds, "city", "str").items():
        if city not in CITY_STYLE:
            raise ParameterError(f"rounds['city'] must hold one of {sorted(CITY_STYLE)}, got "
                                 f"{city!r} in row {row!r}")
    rounds = rounds.assign(round=check_cells("rounds", rounds, "round", "int", lo=1),
                           date=check_cells("rounds", rounds, "date", "date"),
                           approximate=check_cells("rounds", rounds, "approximate", "bool"))
    summits = check_frame("summits", summits, ["summit", "date", "city", "format"])
    for row, kind in summits["format"].items():
        if not isinstance(kind, str) or kind not in _SUMMIT_FORMATS:
            raise ParameterError(f"summits['format'] must hold one of {list(_SUMMIT_FORMATS)}, "
                                 f"got {kind!r} in row {row!r}")
    check_cells("summits", summits, "city", "str", missing=True)
    summits = summits.assign(summit=check_cells("summits", summits, "summit", "int", lo=1),
                             date=check_cells("summits", summits, "date", "date"))
    milestones = check_frame("milestones", milestones, ["date", "label"])
    check_cells("milestones", milestones, "label", "str")
    milestones = milestones.assign(date=check_cells("milestones", milestones, "date", "date"))
    return (rounds, summits, milestones, _check_date("article_date", article_date),
            _check_marks("spans", spans, 3), _check_marks("lines", lines, 2))


def plot_rounds_timeline(ax: Axes, rounds: pd.DataFrame, summits: pd.DataFrame,
                         milestones: pd.DataFrame, *, article_date: pd.Timestamp,
                         spans: Sequence[tuple[pd.Timestamp, pd.Timestamp, str]] = (),
                         lines: Sequence[tuple[pd.Timestamp, str]] = ()) -> Axes:
    """Draw rounds, summits and outcomes on three rows of one time axis.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    rounds : pandas.DataFrame
        Columns ``round`` (int), ``date`` (first day), ``city`` (a key of :data:`CITY_STYLE`)
        and ``approximate`` (bool: date known to the month only). Rounds after
        ``article_date`` are drawn hollow, in the shaded part of the axis.
    summits : pandas.DataFrame
        Columns ``summit`` (int), ``date``, ``city`` (missing for a video conference) and
        ``format`` (``in_person`` or ``video``).
    milestones : pandas.DataFrame
        Columns ``date`` and ``label``: outcomes of the format, drawn on the bottom row.
    article_date : pandas.Timestamp
        The article's date: a vertical line, and everything after it shaded.
    spans : sequence of (start, end, label)
        Periods to shade on the rounds row (e.g. the pandemic gap).
    lines : sequence of (date, label)
        Dated marks drawn as dotted vertical lines (e.g. the renames of the Kazakh capital).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If a table misses a column or holds a bad cell (``rounds`` needs at least one row;
        ``summits`` and ``milestones`` may be empty), or a date is not a date.
    """
    style.check_ax(ax)
    rounds, summits, milestones, article_date, spans, lines = _check_timeline(
        rounds, summits, milestones, article_date, spans, lines)
    dates = pd.concat([rounds["date"], summits["date"]])
    start = dates.min() - pd.Timedelta(days=75)
    end = dates.max() + pd.Timedelta(days=120)
    ax.axvspan(article_date, end, color=_AFTER_SHADE, zorder=0, gid="after")
    ax.axvline(article_date, color="black", linewidth=1.2, gid="article")
    ax.text(article_date + pd.Timedelta(days=20), 3.3, f"the article, {_day(article_date)}\n"
            "(shaded: after the article)", fontsize=8, va="top", ha="left")
    for s0, s1, label in spans:
        ax.axvspan(s0, s1, ymin=0.62, ymax=0.9, color=style.TOL_MUTED["sand"], alpha=0.35,
                   zorder=0.5, gid="span")
        ax.text(s0 + (s1 - s0) / 2, 2.55, label, fontsize=7.5, ha="center", va="top")
    for when, label in lines:
        ax.axvline(when, ymin=0.6, ymax=0.92, color=_GREY, linestyle=":", linewidth=1.2,
                   gid="mark")
        ax.text(when + pd.Timedelta(days=12), 2.95, label, fontsize=7, color="#444444",
                va="top", ha="left")
    for k, row in enumerate(rounds.sort_values("date").itertuples(index=False)):
        color, marker = CITY_STYLE.get(str(row.city), (_GREY, "o"))
        later = row.date > article_date
        ax.plot([row.date], [2], linestyle="none", marker=marker, markersize=7,
                markerfacecolor="white" if later else color, markeredgecolor=color,
                markeredgewidth=1.6, gid=f"round:{row.round}")
        up = k % 2 == 0
        label = f"{row.round}" + ("≈" if row.approximate else "")
        ax.text(row.date, 2.16 if up else 1.84, label, fontsize=7.5, ha="center",
                va="bottom" if up else "top")
    for k, row in enumerate(summits.sort_values("date").itertuples(index=False)):
        video = row.format == "video"
        ax.plot([row.date], [1], linestyle="none", marker="D", markersize=8,
                markerfacecolor="white" if video else "black", markeredgecolor="black",
                gid=f"summit:{row.summit}")
        place = "video" if video or pd.isna(row.city) else str(row.city)
        up = k % 2 == 0
        on_line = abs((row.date - article_date).days) < 30  # keep clear of the article's line
        ax.text(row.date - pd.Timedelta(days=25) if on_line else row.date,
                1.15 if up else 0.85, f"{row.summit} {place}", fontsize=7.5,
                ha="right" if on_line else "center", va="bottom" if up else "top")
    for k, row in enumerate(milestones.sort_values("date").itertuples(index=False)):
        ax.plot([row.date], [0], linestyle="none", marker="*", markersize=12,
                color=style.OKABE_ITO["bluish_green"], markeredgecolor="black",
                markeredgewidth=0.6, gid="milestone")
        up = k % 2 == 0
        ax.text(row.date, 0.17 if up else -0.17, style.escape_mathtext(str(row.label)),
                fontsize=7.5, ha="center", va="bottom" if up else "top")
    ax.set_yticks([0, 1, 2])
    ax.set_yticklabels(["Outcomes", "Presidential\nsummits", "Rounds of\ntalks"])
    ax.set_ylim(-0.55, 3.35)
    ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("Date (year)")
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], linestyle="none", marker=m, markersize=7, markerfacecolor=c,
                      markeredgecolor=c, label=f"round in {city}")
               for city, (c, m) in CITY_STYLE.items()]
    if rounds["approximate"].any():
        handles.append(Line2D([], [], linestyle="none", marker=r"$\approx$", markersize=7,
                              color="black", label="after a round's number: dated to the month "
                              "only"))
    handles += [
        Line2D([], [], linestyle="none", marker="o", markersize=7, markerfacecolor="white",
               markeredgecolor=_GREY, markeredgewidth=1.6, label="hollow: after the article"),
        Line2D([], [], linestyle="none", marker="D", markersize=7, color="black",
               label="summit in person"),
        Line2D([], [], linestyle="none", marker="D", markersize=7, markerfacecolor="white",
               markeredgecolor="black", label="summit by video"),
        Line2D([], [], linestyle="none", marker="*", markersize=10,
               color=style.OKABE_ITO["bluish_green"], markeredgecolor="black",
               label="outcome"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=4,
              fontsize=8.5)
    return ax


def timeline_figure(rounds: pd.DataFrame, summits: pd.DataFrame, milestones: pd.DataFrame, *,
                    article_date: pd.Timestamp,
                    spans: Sequence[tuple[pd.Timestamp, pd.Timestamp, str]] = (),
                    lines: Sequence[tuple[pd.Timestamp, str]] = ()) -> Figure:
    """Draw the timeline of :func:`plot_rounds_timeline` on a new figure (no pyplot).

    Parameters are those of :func:`plot_rounds_timeline`, and checked as there.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _check_timeline(rounds, summits, milestones, article_date, spans, lines)
    with style.course_style():
        fig = Figure(figsize=(11.5, 5.0), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        plot_rounds_timeline(ax, rounds, summits, milestones, article_date=article_date,
                             spans=spans, lines=lines)
        ax.set_title("The Astana format in time: rounds of talks, presidential summits and "
                     "outcomes")
    return fig


# --------------------------------------------------------------------------------------------
# the bargaining space
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _grid(resolution: int) -> np.ndarray:
    """Centres of a ``resolution`` x ``resolution`` grid of cells on the unit square."""
    c = (np.arange(resolution) + 0.5) / resolution
    gx, gy = np.meshgrid(c, c)
    out = np.column_stack([gx.ravel(), gy.ravel()])
    out.setflags(write=False)
    return out


def winset_mask(ideals: Mapping[str, Sequence[float]], reversion: Sequence[float],
                resolution: int = 120) -> np.ndarray:
    """Which cells of a grid over [0, 1]^2 lie in the win-set of ``reversion``.

    Parameters
    ----------
    ideals : mapping of str to (x, y)
        Ideal points (as for :func:`helpers.models.astana.astana_bargain`).
    reversion : (x, y)
        The reversion point.
    resolution : int
        Cells per side, from 2 to 400; row 0 is the bottom row.

    Returns
    -------
    numpy.ndarray
        Boolean ``(resolution, resolution)`` array, True where every actor strictly prefers the
        cell's centre to the reversion (:func:`~helpers.models.astana.in_win_set`).

    Raises
    ------
    ParameterError
        If ``ideals`` or ``reversion`` is outside the model's domain (as for
        :func:`~helpers.models.astana.in_win_set`, which checks them) or ``resolution`` is
        not a whole number in [2, 400].
    """
    check_int("resolution", resolution, *_RESOLUTION)
    return in_win_set(_grid(resolution), ideals, reversion).reshape(resolution, resolution)


@lru_cache(maxsize=4)
def _unit_circle(samples: int) -> np.ndarray:
    t = np.linspace(0.0, 2.0 * np.pi, samples, endpoint=False)
    out = np.column_stack([np.cos(t), np.sin(t)])
    out.setflags(write=False)
    return out


def winset_polygon(ideals: Mapping[str, Sequence[float]], reversion: Sequence[float],
                   samples: int = 720) -> np.ndarray:
    """Outline of the win-set: the intersection of the actors' discs through ``reversion``.

    Each actor's disc is centred on its ideal point and passes through the reversion point;
    the intersection of discs is convex, so the boundary points of each circle that lie in
    every other disc, sorted by angle around their centroid, outline it. Drawing this polygon is
    much cheaper than an image of :func:`winset_mask`, and as exact as the sampling.

    Parameters
    ----------
    ideals : mapping of str to (x, y)
        Ideal points.
    reversion : (x, y)
        The reversion point.
    samples : int
        Points per circle, from 8 to 5000.

    Returns
    -------
    numpy.ndarray
        ``(k, 2)`` vertices in counter-clockwise order; ``(0, 2)`` when the discs meet in at
        most a point (gridlock). Not clipped to the unit square.

    Raises
    ------
    ParameterError
        If ``ideals`` (at least 2 actors) or ``reversion`` is outside [0, 1]^2, or
        ``samples`` is not a whole number in [8, 5000].
    """
    _, thetas = _validate_ideals(ideals)
    r = np.array(check_point("reversion", reversion))
    samples = check_int("samples", samples, *_SAMPLES)
    radii = np.hypot(*(r - thetas).T)
    pts = (thetas[:, None, :] + radii[:, None, None] * _unit_circle(samples)[None]).reshape(-1, 2)
    dist = np.hypot(pts[:, None, 0] - thetas[None, :, 0], pts[:, None, 1] - thetas[None, :, 1])
    pts = pts[np.all(dist <= radii[None, :] * (1 + 1e-9) + 1e-12, axis=1)]
    if len(pts) < 3 or np.ptp(pts, axis=0).min() < 1e-9:
        return np.empty((0, 2))
    rel = pts - pts.mean(axis=0)
    return pts[np.argsort(np.arctan2(rel[:, 1], rel[:, 0]), kind="stable")]


def _circle(centre: Sequence[float], radius: float) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0.0, 2.0 * np.pi, 181)
    return centre[0] + radius * np.cos(t), centre[1] + radius * np.sin(t)


def _artists(ax: Axes) -> dict[str, Any]:
    return {a.get_gid(): a for a in ax.get_children() if a.get_gid()}


def plot_bargain(ax: Axes, ideals: Mapping[str, Sequence[float]], status_quo: Sequence[float],
                 result: BargainResult, *, option: tuple[str, Sequence[float]] | None = None,
                 option_on: bool = False, legend: bool = True,
                 legend_drawn_only: bool = False) -> Axes:
    """Draw the bargaining space of veto players with quadratic (circular) preferences.

    Creates every artist once (each with a ``gid``) and fills it in with :func:`update_bargain`:
    ``winset`` (the shaded polygon of :func:`winset_polygon`), ``hull`` (the Pareto triangle),
    ``circle:<id>`` (each actor's indifference circle through the reversion point),
    ``ideal:<id>`` and ``label:<id>``,
    ``status_quo``, ``option`` and ``option_label`` (the unilateral option), ``move`` (from the
    reversion to the deal), ``compromise`` and ``deal``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    ideals : mapping of str to (x, y)
        Actor id -> ideal point (illustrative inputs).
    status_quo : (x, y)
        The status quo q.
    result : BargainResult
        The model's outcome for these inputs (:func:`helpers.models.astana.astana_bargain`).
    option : (str, (x, y)), optional
        An actor's unilateral option z; drawn filled when ``option_on`` and credible.
    option_on : bool
        Whether the option was passed to the model.
    legend : bool
        Draw the legend to the right of the axes.
    legend_drawn_only : bool
        For a static figure: leave out of the legend the win-set, the deal and the move to it
        when ``result`` has no deal (they are not drawn). A live view keeps them all.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If an input is outside the model's domain (the ideals' keys must be actor ids of
        ``actors.csv``), or ``result`` was not computed from these inputs: other actors, or a
        reversion that is neither ``status_quo`` nor the option's z when it is on and credible.
    """
    style.check_ax(ax)
    ideals, status_quo, result, option, option_on = _check_bargain(
        ideals, status_quo, result, option, option_on, drawn=True)
    check_flag("legend", legend)
    check_flag("legend_drawn_only", legend_drawn_only)
    ax.add_patch(Polygon(np.zeros((1, 2)), closed=True, facecolor=_WINSET_RGBA,
                         edgecolor="none", zorder=1, gid="winset"))
    ax.add_patch(Polygon(np.zeros((3, 2)), closed=True, facecolor=_HULL_FILL, edgecolor=_GREY,
                         linewidth=1.2, zorder=0.8, gid="hull"))
    for a in ideals:
        st = style.actor_style(a)
        ax.plot([], [], color=st.color, linestyle="--", linewidth=1.1, zorder=2,
                gid=f"circle:{a}")
        ax.plot([], [], linestyle="none", marker=st.marker, markersize=12, color=st.color,
                markeredgecolor="black", zorder=5, gid=f"ideal:{a}")
        ax.text(0, 0, style.escape_mathtext(st.name), fontsize=10, fontweight="bold",
                color="black", zorder=6, gid=f"label:{a}")
    ax.plot([], [], color="black", linestyle=":", linewidth=1.2, zorder=3, gid="move")
    ax.plot([], [], linestyle="none", marker="X", markersize=12, color="black",
            markeredgecolor="white", zorder=5, gid="status_quo")
    tur = style.actor_style(option[0]).color if option is not None else _GREY
    ax.plot([], [], linestyle="none", marker="P", markersize=12, markerfacecolor=tur,
            markeredgecolor="black", zorder=5, gid="option")
    ax.text(0, 0, "", fontsize=8.5, zorder=6, gid="option_label")
    ax.plot([], [], linestyle="none", marker="D", markersize=9, markerfacecolor="white",
            markeredgecolor="black", markeredgewidth=1.6, zorder=5, gid="compromise")
    ax.plot([], [], linestyle="none", marker="*", markersize=19, color="black",
            markeredgecolor="white", zorder=7, gid="deal")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel(AXIS_LABELS[0], fontsize=9)
    ax.set_ylabel(AXIS_LABELS[1], fontsize=9)
    if legend:
        who = style.actor_name(option[0]) if option is not None else "one actor"
        handles = [
            Patch(facecolor=_HULL_FILL, edgecolor=_GREY, label="Pareto triangle (unanimity core)"),
            Patch(facecolor=_WINSET_RGBA, label="win-set: all three prefer it"),
            Line2D([], [], color=_GREY, linestyle="--", label="indifference circle through\n"
                   "the reversion point (one per actor)"),
            Line2D([], [], linestyle="none", marker="X", markersize=10, color="black",
                   label="status quo q"),
            Line2D([], [], linestyle="none", marker="D", markersize=8, markerfacecolor="white",
                   markeredgecolor="black", markeredgewidth=1.6,
                   label="compromise (weighted mean)"),
            Line2D([], [], linestyle="none", marker="*", markersize=14, color="black",
                   label="deal (weighted Nash bargaining)"),
            Line2D([], [], color="black", linestyle=":", label="from the reversion to the deal"),
        ]
        if legend_drawn_only and not result.agreed:
            handles = [h for h in handles if not h.get_label().startswith(("win-set", "deal",
                                                                            "from the"))]
        if option is not None:
            handles.insert(4, Line2D([], [], linestyle="none", marker="P", markersize=10,
                                     markerfacecolor=tur, markeredgecolor="black",
                                     label=f"{who}'s unilateral option z\n"
                                     "(hollow: off or not credible)"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.03, 1.0), fontsize=8.5,
                  labelspacing=0.9, borderaxespad=0.0)
    return _update(ax, _artists(ax), ideals, status_quo, result, option, option_on)


def update_bargain(ax: Axes, ideals: Mapping[str, Sequence[float]],
                   status_quo: Sequence[float], result: BargainResult, *,
                   option: tuple[str, Sequence[float]] | None = None,
                   option_on: bool = False) -> Axes:
    """Move the artists of :func:`plot_bargain` to new inputs and a new outcome (found by gid).

    Parameters are those of :func:`plot_bargain`; the ideal points must be the same actors.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        As :func:`plot_bargain`, and if ``ax`` was not drawn by it for these actors.
    """
    ideals, status_quo, result, option, option_on = _check_bargain(
        ideals, status_quo, result, option, option_on, drawn=True)
    return _update(ax, _check_drawn(ax, ideals), ideals, status_quo, result, option, option_on)


def _update(ax: Axes, arts: Mapping[str, Any], ideals: Mapping[str, tuple[float, float]],
            status_quo: tuple[float, float], result: BargainResult,
            option: tuple[str, tuple[float, float]] | None, option_on: bool) -> Axes:
    """:func:`update_bargain` on checked inputs and the artists of ``ax`` by gid."""
    r = result.reversion
    outline = winset_polygon(ideals, r) if result.agreed else np.empty((0, 2))
    arts["winset"].set_xy(outline if len(outline) else np.zeros((1, 2)))
    arts["winset"].set_visible(bool(len(outline)))
    arts["hull"].set_xy(convex_hull(ideals))
    for a, (x, y) in ideals.items():
        radius = float(np.hypot(r[0] - x, r[1] - y))
        arts[f"circle:{a}"].set_data(*_circle((x, y), radius))
        arts[f"ideal:{a}"].set_data([x], [y])
        label = arts[f"label:{a}"]
        # beside its own marker, vertically centred on it (bottom-aligned text, 10 pt high)
        label.set_position((x + (0.035 if x < 0.8 else -0.035), y - 0.014))
        label.set_horizontalalignment("left" if x < 0.8 else "right")
    arts["status_quo"].set_data([status_quo[0]], [status_quo[1]])
    opt, opt_label = arts["option"], arts["option_label"]
    opt.set_visible(option is not None)
    opt_label.set_visible(option is not None)
    if option is not None:
        z = option[1]
        filled = option_on and result.credible
        opt.set_data([z[0]], [z[1]])
        opt.set_markerfacecolor(style.actor_style(option[0]).color if filled else "white")
        state = "credible" if filled else ("not credible" if option_on else "off")
        opt_label.set_text(f"z ({state})")
        opt_label.set_position((z[0] + (0.03 if z[0] < 0.8 else -0.03), z[1] - 0.045))
        opt_label.set_horizontalalignment("left" if z[0] < 0.8 else "right")
    deal, move = arts["deal"], arts["move"]
    deal.set_visible(result.agreed)
    move.set_visible(result.agreed)
    if result.agreed:
        deal.set_data([result.point[0]], [result.point[1]])
        move.set_data([r[0], result.point[0]], [r[1], result.point[1]])
    arts["compromise"].set_data([result.compromise[0]], [result.compromise[1]])
    if result.agreed:
        title = f"Deal at ({result.point[0]:.3f}, {result.point[1]:.3f})"
    else:
        title = "Gridlock: no point beats the reversion point for all three"
    ax.set_title(title, fontsize=11)
    return ax


def bargain_figure(ideals: Mapping[str, Sequence[float]], status_quo: Sequence[float],
                   result: BargainResult, *, option: tuple[str, Sequence[float]] | None = None,
                   option_on: bool = False, weights: Mapping[str, float] | None = None,
                   title: str | None = None) -> Figure:
    """Draw the bargaining space of :func:`plot_bargain` on a new figure, with a numbers panel.

    Parameters are those of :func:`plot_bargain`, plus ``weights`` (shown in the panel of
    :func:`panel_lines`) and an optional ``title`` above the figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        As :func:`plot_bargain` and :func:`panel_lines`; if ``title`` is not None or a str.
    """
    _check_weighted(ideals, status_quo, result, option, option_on, weights, drawn=True)
    if title is not None:
        check_str("title", title, empty=True)
    with style.course_style():
        fig = Figure(figsize=(9.6, 6.2), dpi=100)
        ax = fig.add_axes((0.09, 0.12, 0.5, 0.74))
        plot_bargain(ax, ideals, status_quo, result, option=option, option_on=option_on,
                     legend_drawn_only=True)
        fig.text(0.63, 0.40, "\n".join(panel_lines(ideals, status_quo, result, option=option,
                                                    option_on=option_on, weights=weights)),
                 fontsize=8.5, family="DejaVu Sans Mono", va="top", ha="left")
        if title is not None:
            fig.suptitle(style.escape_mathtext(title), x=0.02, y=0.985, ha="left",
                         fontsize=12, fontweight="bold")
    return fig


def panel_lines(ideals: Mapping[str, Sequence[float]], status_quo: Sequence[float],
                result: BargainResult, *, option: tuple[str, Sequence[float]] | None = None,
                option_on: bool = False, weights: Mapping[str, float] | None = None
                ) -> list[str]:
    """Return the numbers of a bargaining figure as short lines of text (a panel beside it).

    Returns
    -------
    list of str
        Reversion point, the option's state, the reversion's distance from the Pareto
        triangle, the deal (or gridlock), the compromise point and each actor's gain and weight.

    Raises
    ------
    ParameterError
        As :func:`bargain_table`.
    """
    ideals, status_quo, result, option, option_on, w = _check_weighted(
        ideals, status_quo, result, option, option_on, weights)
    r = result.reversion
    lines = [f"Status quo q   ({status_quo[0]:.2f}, {status_quo[1]:.2f})"]
    if option is not None:
        state = ("credible" if result.credible else "not credible") if option_on else "off"
        lines += [f"Option z       ({option[1][0]:.2f}, {option[1][1]:.2f}) "
                  f"{style.actor_name(option[0])}, {state}"]
    lines += [f"Reversion      ({r[0]:.2f}, {r[1]:.2f}) "
              f"{'= z' if result.credible else '= q'}",
              f"  distance from the triangle {result.hull_distance:.3f}"]
    if result.agreed:
        lines += [f"Deal           ({result.point[0]:.3f}, {result.point[1]:.3f})"]
    else:
        lines += ["Deal           none: gridlock"]
    lines += [f"Compromise     ({result.compromise[0]:.3f}, {result.compromise[1]:.3f})", "",
              "Gain over the reversion (policy units²)"]
    for a in ideals:
        lines.append(f"  {style.actor_name(a):<8} {result.gains[a]:.4f}   weight {w[a]:.1f}")
    return lines


def freeze_bargain(ax: Axes, canvas: FigureCanvasAgg) -> dict[str, tuple[TextStamp, TextStamp]]:
    """Speed up redraws of a :func:`plot_bargain` axes that keeps its position and limits.

    Everything that never changes (axes background, grid, ticks, axis labels, legend, other
    figure text) is drawn once into a :class:`~helpers.plots.rendering.StaticLayer` and hidden;
    the actor names become :class:`~helpers.plots.rendering.TextStamp` artists (rendered once,
    moved as pixels). :func:`update_bargain` keeps working; call :func:`place_stamps` after it.
    Text layout is most of a matplotlib redraw: this cuts a redraw to a fraction. The figure
    must then only be rendered at its own dpi, and no layout engine may run again.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes drawn by :func:`plot_bargain`, already updated to its first state.
    canvas : matplotlib.backends.backend_agg.FigureCanvasAgg
        The figure's canvas.

    Returns
    -------
    dict of str to (TextStamp, TextStamp)
        Actor id -> its left- and right-aligned name stamps (see :func:`place_stamps`).

    Raises
    ------
    ParameterError
        If ``ax`` was not drawn by :func:`plot_bargain`, or ``canvas`` is not the Agg canvas of
        its figure.
    """
    arts = _check_drawn(ax)
    check_instance("canvas", canvas, FigureCanvasAgg,
                   "the FigureCanvasAgg of ax's figure (FigureCanvasAgg(fig))")
    fig = ax.figure
    if canvas.figure is not fig:
        raise ParameterError("canvas must be the canvas of ax's figure (FigureCanvasAgg(fig) "
                             "for the figure that holds ax), got the canvas of another figure")
    ax.apply_aspect()
    dynamic = [*arts.values(), ax.title, *ax.spines.values(),
               *[a for a in fig.get_children() if isinstance(a, TextStamp)]]
    shown = [a.get_visible() for a in dynamic]
    for a in dynamic:
        a.set_visible(False)
    with style.course_style():
        canvas.draw()
    layer = np.asarray(canvas.buffer_rgba()).copy()
    for a, v in zip(dynamic, shown, strict=True):
        a.set_visible(v)
    ax.patch.set_visible(False)
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    if ax.get_legend() is not None:
        ax.get_legend().set_visible(False)
    for t in fig.texts:
        t.set_visible(False)
    fig.add_artist(StaticLayer(layer))
    stamps: dict[str, tuple[TextStamp, TextStamp]] = {}
    for gid, text in arts.items():
        if gid.startswith("label:"):
            text.set_visible(False)
            pair = tuple(TextStamp((0, 0), text.get_text(), ha=ha, va="bottom",
                                   dpi=int(fig.dpi), fontsize=text.get_fontsize(),
                                   weight="bold") for ha in ("left", "right"))
            for stamp in pair:
                stamp.set_zorder(5)  # over the axes (figure artists at zorder 0 go under)
                fig.add_artist(stamp)
            stamps[gid[6:]] = pair
    place_stamps(ax, stamps)
    return stamps


def place_stamps(ax: Axes, stamps: Mapping[str, tuple[TextStamp, TextStamp]]) -> None:
    """Move the name stamps of :func:`freeze_bargain` to their hidden labels' positions.

    Each actor has a left- and a right-aligned stamp; the one matching its label's alignment
    is shown.

    Raises
    ------
    ParameterError
        If ``ax`` was not drawn by :func:`plot_bargain` or ``stamps`` is not what
        :func:`freeze_bargain` returned for it (actor id -> a pair of TextStamps).
    """
    arts = _check_drawn(ax)
    check_instance("stamps", stamps, Mapping,
                   "a mapping actor id -> (TextStamp, TextStamp) from freeze_bargain")
    for actor, pair in stamps.items():
        if not isinstance(actor, str) or f"label:{actor}" not in arts:
            raise ParameterError(f"stamps keys must be the actors drawn on ax (from "
                                 f"freeze_bargain(ax, canvas)), got {actor!r}")
        if not isinstance(pair, tuple | list) or len(pair) != 2 \
                or not all(isinstance(t, TextStamp) for t in pair):
            raise ParameterError(f"stamps[{actor!r}] must be a pair (TextStamp, TextStamp) from "
                                 f"freeze_bargain, got {pair!r}")
    for actor, (left, right) in stamps.items():
        text = arts[f"label:{actor}"]
        xy = tuple(ax.transData.transform(text.get_position()))
        on_left = text.get_horizontalalignment() == "left"
        for stamp, show in ((left, on_left), (right, not on_left)):
            stamp.set_visible(show)
            stamp.set_xy(xy)


def _option_state(result: BargainResult, option_on: bool) -> str:
    return ("credible" if result.credible else "not credible") if option_on else "off"


def bargain_table(ideals: Mapping[str, Sequence[float]], status_quo: Sequence[float],
                  result: BargainResult, *, option: tuple[str, Sequence[float]] | None = None,
                  option_on: bool = False, weights: Mapping[str, float] | None = None
                  ) -> pd.DataFrame:
    """Return the numbers behind a bargaining figure: its points, weights and gains.

    Returns
    -------
    pandas.DataFrame
        One row per point (each ideal point, the status quo, the option if any, the
        reversion, the compromise, and the deal or the gridlock outcome) with columns
        ``point``, ``x``, ``y`` (rounded to 3 decimals), ``weight`` and ``gain over reversion``
        (policy units squared, rounded to 4 decimals; blank for points that are not actors).

    Raises
    ------
    ParameterError
        If an input is outside the domain of :func:`~helpers.models.astana.astana_bargain`
        (``option`` as its ``unilateral``; ``weights`` in [0.1, 10]), or ``result`` was not
        computed from these inputs: other actors, or a reversion that is neither
        ``status_quo`` nor the option's z when it is on and credible.
    """
    ideals, status_quo, result, option, option_on, w = _check_weighted(
        ideals, status_quo, result, option, option_on, weights)
    rows = [(f"{style.actor_name(a)} ideal point", *xy, w[a],
             round(result.gains[a], 4)) for a, xy in ideals.items()]
    rows.append(("status quo q", *status_quo, "", ""))
    if option is not None:
        rows.append((f"{style.actor_name(option[0])}'s option z "
                     f"({_option_state(result, option_on)})", *option[1], "", ""))
    rows += [("reversion point", *result.reversion, "", ""),
             ("compromise (weighted mean)", *result.compromise, "", ""),
             ("deal" if result.agreed else "outcome: gridlock at the reversion", *result.point,
              "", "")]
    out = pd.DataFrame(rows, columns=["point", "x", "y", "weight", "gain over reversion"])
    out[["x", "y"]] = out[["x", "y"]].astype(float).round(3)
    return out


def bargain_alt_text(ideals: Mapping[str, Sequence[float]], status_quo: Sequence[float],
                     result: BargainResult, *,
                     option: tuple[str, Sequence[float]] | None = None,
                     option_on: bool = False, weights: Mapping[str, float] | None = None) -> str:
    """Return a text alternative for a bargaining figure, with its numbers.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        As :func:`bargain_table`.
    """
    ideals, status_quo, result, option, option_on, w = _check_weighted(
        ideals, status_quo, result, option, option_on, weights)
    pts = "; ".join(f"{style.actor_name(a)} ({x:.2f}, {y:.2f}), weight {w[a]:.1f}"
                    for a, (x, y) in ideals.items())
    text = ("Illustrative bargaining space (x: Damascus government's territorial control; "
            "y: Turkish military presence in northern Syria; both from 0 to 1). Ideal points: "
            f"{pts}. Status quo q ({status_quo[0]:.2f}, {status_quo[1]:.2f})")
    if option is not None:
        z, state = option[1], _option_state(result, option_on)
        text += (f"; {style.actor_name(option[0])}'s option z ({z[0]:.2f}, {z[1]:.2f}) is "
                 + {"credible": "credible and becomes the reversion point",
                    "not credible": "not credible, so the status quo stays the reversion point",
                    "off": "switched off"}[state])
    if result.agreed:
        gains = ", ".join(f"{style.actor_name(a)} {v:.4f}" for a, v in result.gains.items())
        text += (f". The shaded win-set is not empty; the deal is at ({result.point[0]:.3f}, "
                 f"{result.point[1]:.3f}), with gains over the reversion point of {gains}")
    else:
        text += (". The reversion point lies in the Pareto triangle, so the win-set is empty: "
                 "gridlock")
    return (text + f". Compromise point ({result.compromise[0]:.3f}, "
            f"{result.compromise[1]:.3f}).")

"""The course timeline: one row per dated event, with an optional highlighted actor.

A one-day event is a dot; an event over several days is a bar from its first to its last day
with a dot at its start; each event has its date written beside it ("19 Jul 2022",
"28–29 Jun 2022"). :func:`plot_timeline_panels` draws the timeline on two panels with a broken
time axis: the years before on the left, and the weeks around the visit (:data:`ZOOM`) day by day
on the right, so the events of June and July 2022 are not squeezed together.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from helpers.checks import ParameterError, check_cells, check_flag, check_frame
from helpers.plots import style

# The panel helpers below (date_text, event_span, legend_entries, panel_windows, panel_titles,
# set_date_ticks, plot_timeline_panels) serve the timeline view and are not exported yet: an
# exported callable needs a valid example in tests/fuzz/examples.py.
__all__ = [
    "AFTER_SUFFIX",
    "ARTICLE_DATE",
    "REQUIRED_COLUMNS",
    "ZOOM",
    "actors_in",
    "plot_timeline",
]


#: Columns an events table must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("date", "end_date", "label", "actors", "category")


#: Appended to the label of an event after 19 July 2022 (``after_article`` in events.csv).
AFTER_SUFFIX = " (after the article)"

#: The zoomed (right) panel: the weeks around the visit, from late June to early August 2022.
ZOOM: tuple[str, str] = ("2022-06-22", "2022-08-04")

#: The day of the article's event (the Tehran summit), marked by a dashed line.
ARTICLE_DATE = "2022-07-19"

_BASE = "#333333"


_DIM = "#CCCCCC"

#: Line widths of a range bar (normal, dimmed) and marker sizes (normal, highlighted, dimmed).
_BAR_LW, _BAR_LW_DIM = 6.0, 4.0
_SIZE, _SIZE_LIT, _SIZE_DIM = 8.0, 10.0, 6.0
_ARTICLE_LINE = {"color": "#555555", "linestyle": "--", "linewidth": 1.0}


def _check_events(events: pd.DataFrame) -> pd.DataFrame:
    """Check an events table (see :data:`REQUIRED_COLUMNS`); return it typed and in date order.

    Every event needs a date, a label and a category (non-empty strs); ``end_date`` may be
    missing; ``actors`` holds ``;``-joined ids or is missing; ``after_article`` (optional) is
    True, False or missing. Errors name ``events``, the column and the row.
    """
    check_frame("events", events, REQUIRED_COLUMNS)
    if events.empty:
        raise ParameterError("events must have at least one row")
    check_cells("events", events, "date", "date")
    check_cells("events", events, "end_date", "date", missing=True)
    for col in ("label", "category"):
        check_cells("events", events, col, "str")
    check_cells("events", events, "actors", "str", missing=True)
    if "after_article" in events.columns:
        check_cells("events", events, "after_article", "bool", missing=True)
    out = events.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    if "after_article" in out.columns:  # later facts stay, marked where the reader sees them
        later = out["after_article"].fillna(False).astype(bool)
        later &= ~out["label"].str.endswith(AFTER_SUFFIX)  # checking twice marks once
        out.loc[later, "label"] = out.loc[later, "label"] + AFTER_SUFFIX
    return out.sort_values(["date", "label"], kind="stable").reset_index(drop=True)


def _actor_list(cell: Any) -> list[str]:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)) or cell is pd.NA:
        return []
    return [a.strip() for a in str(cell).split(";") if a.strip()]


def actors_in(events: pd.DataFrame) -> list[str]:
    """Return the sorted actor ids that occur in an events table.

    Parameters
    ----------
    events : pandas.DataFrame
        Table with an ``actors`` column of ``;``-separated ids.

    Returns
    -------
    list of str

    Raises
    ------
    ParameterError
        If ``events`` is not a DataFrame with an ``actors`` column of strs (or missing cells).
    """
    check_frame("events", events, ["actors"])
    check_cells("events", events, "actors", "str", missing=True)
    return sorted({a for cell in events["actors"] for a in _actor_list(cell)})


def date_text(start: Any, end: Any = None) -> str:
    """Write an event's date (or first and last day) the way the figure shows it.

    Parameters
    ----------
    start : date-like
        First (or only) day.
    end : date-like, optional
        Last day of an event over several days; missing (None, NaT) for a one-day event.

    Returns
    -------
    str

    Examples
    --------
    >>> date_text("2022-07-19"), date_text("2022-06-28", "2022-06-29")
    ('19 Jul 2022', '28–29 Jun 2022')
    >>> date_text("2022-06-30", "2022-07-02"), date_text("2016-12-30", "2017-01-02")
    ('30 Jun – 2 Jul 2022', '30 Dec 2016 – 2 Jan 2017')
    """
    a = pd.Timestamp(start)
    b = None if end is None or pd.isna(end) else pd.Timestamp(end)
    if b is None or b.normalize() == a.normalize():
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def event_span(start: Any, end: Any = None) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    """Return where an event is drawn: its dot, and its bar's left and right ends.

    The dot sits at noon of the first day; the bar covers whole days, from the start of the first
    day to the end of the last (a one-day event has an empty bar at its dot).

    Returns
    -------
    (dot, bar_start, bar_end) : tuple of pandas.Timestamp
    """
    a = pd.Timestamp(start).normalize()
    dot = a + pd.Timedelta(hours=12)
    if end is None or pd.isna(end) or pd.Timestamp(end).normalize() <= a:
        return dot, dot, dot
    return dot, a, pd.Timestamp(end).normalize() + pd.Timedelta(days=1)


def _day(name: str, value: Any) -> pd.Timestamp:
    """Return ``value`` as a timestamp, or refuse it naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, (str, pd.Timestamp, date)):
        raise ParameterError(f"{name} must be a date (a 'YYYY-MM-DD' str or a Timestamp), got "
                             f"{value!r} ({type(value).__name__})")
    try:
        day = pd.Timestamp(value)
    except ValueError:
        day = pd.NaT
    if pd.isna(day):
        raise ParameterError(f"{name} must be a date such as '2022-07-19', got {value!r}")
    return day


def _window(name: str, value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return a (start, end) pair of dates with start before end, or refuse it."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise ParameterError(f"{name} must be a pair of dates (start, end), got {value!r}")
    lo, hi = _day(f"{name}[0]", value[0]), _day(f"{name}[1]", value[1])
    if not lo < hi:
        raise ParameterError(f"{name} must start before it ends, got {value!r}")
    return lo, hi


def _visible_marker(marker: str) -> str:
    """Return a highlight marker big enough to see: the registry's point markers become circles."""
    return "o" if marker in (".", ",", "") else marker


def _highlight_style(highlight: str) -> style.ActorStyle:
    """Return the registry style of an actor (black circles for an actor without one)."""
    st = style.actor_styles().get(highlight, style.ActorStyle(highlight, "#000000", "o"))
    return style.ActorStyle(st.name, st.color, _visible_marker(st.marker))


def legend_entries(highlight: str | None = None,
                   article_date: str | None = ARTICLE_DATE) -> list[Line2D]:
    """Return the legend handles of the timeline: dot, bar, the article's day and the highlight.

    Parameters
    ----------
    highlight : str, optional
        An actor id: adds "involves <name>" (its colour and marker) and "other events" (grey).
    article_date : str, optional
        Adds the dashed line of the article's day.

    Returns
    -------
    list of matplotlib.lines.Line2D
    """
    out = [Line2D([], [], color=_BASE, marker="o", markersize=_SIZE, linestyle="none",
                  label="one-day event"),
           Line2D([], [], color=_BASE, marker="o", markersize=_SIZE, linewidth=_BAR_LW,
                  solid_capstyle="butt", label="several days (bar: first to last day)")]
    if article_date is not None:
        out.append(Line2D([], [], **_ARTICLE_LINE,
                          label=f"the article's day, {date_text(article_date)}"))
    if highlight:
        st = _highlight_style(highlight)
        out += [Line2D([], [], color=st.color, marker=st.marker, markersize=_SIZE_LIT,
                       markeredgecolor="black", linestyle="none",
                       label=f"involves {style.escape_mathtext(st.name)} (bold label)"),
                Line2D([], [], color=_DIM, marker="o", markersize=_SIZE_DIM, linestyle="none",
                       label=f"does not involve {style.escape_mathtext(st.name)}")]
    return out


def set_date_ticks(ax: Axes, window: tuple[Any, Any]) -> str:
    """Set the time axis to ``window`` with ticks that fit its span; return the tick unit.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    window : (start, end)
        Dates at the left and right edges.

    Returns
    -------
    str
        ``"year"``, ``"month"`` or ``"day"``: what one tick step is, for the axis title.
    """
    start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    ax.set_xlim(start, end)
    days = (end - start).days
    if days > 6 * 366:
        locator: mdates.DateLocator = mdates.YearLocator(2)
        fmt, unit = mdates.DateFormatter("%Y"), "year"
    elif days > 2 * 366:
        locator, fmt, unit = mdates.YearLocator(), mdates.DateFormatter("%Y"), "year"
    elif days > 120:
        locator = mdates.MonthLocator(bymonth=(1, 7) if days > 400 else (1, 4, 7, 10))
        fmt, unit = mdates.DateFormatter("%b %Y"), "month"
    else:
        locator = mdates.DayLocator(bymonthday=(1, 10, 20))
        fmt = FuncFormatter(lambda x, _pos: f"{mdates.num2date(x).day} "
                                            f"{mdates.num2date(x):%b}")
        unit = "day"
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(fmt)
    return unit


def panel_windows(events: pd.DataFrame, start_year: int | None = None,
                  zoom: tuple[Any, Any] = ZOOM) -> tuple[tuple[pd.Timestamp, pd.Timestamp],
                                                        tuple[pd.Timestamp, pd.Timestamp]]:
    """Return the time windows of the two panels of :func:`plot_timeline_panels`.

    Parameters
    ----------
    events : pandas.DataFrame
        Events with the columns in :data:`REQUIRED_COLUMNS`.
    start_year : int, optional
        First year of the left panel (default: the year of the first event).
    zoom : (start, end)
        The right panel; events from its start on are drawn there. It widens to the right if
        an event ends later.

    Returns
    -------
    ((left_start, left_end), (right_start, right_end))
    """
    ev = _check_events(events)
    split, right_end = pd.Timestamp(zoom[0]), pd.Timestamp(zoom[1])
    last = ev["end_date"].fillna(ev["date"])
    right_end = max(right_end, last.max() + pd.Timedelta(days=12))
    year = int(ev["date"].dt.year.min()) if start_year is None else int(start_year)
    first = pd.Timestamp(year=year, month=1, day=1)
    before = last[ev["date"] < split]
    left_end = (before.max() + pd.Timedelta(days=60)) if len(before) else split
    left_end = max(min(left_end, split), first + pd.Timedelta(days=90))
    margin = max(pd.Timedelta(days=30), (left_end - first) * 0.04)  # room for a dot on 1 Jan
    return (first - margin, left_end), (split, right_end)


def plot_timeline(ax: Axes, events: pd.DataFrame, highlight: str | None = None, *,
                  window: tuple[Any, Any] | None = None, date_labels: bool = True,
                  article_date: str | None = None, legend: bool = True) -> Axes:
    """Draw events as one labelled row each, oldest at the top, on a time axis.

    Each event draws two lines, in row order: its bar (empty for a one-day event), then its
    dot; an article line, if asked for, comes after them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    events : pandas.DataFrame
        Events with the columns in :data:`REQUIRED_COLUMNS`.
    highlight : str, optional
        An actor id; its events are drawn in its colour and marker, the rest greyed.
    window : (start, end), optional
        The dates shown (default: all events); ticks follow its span.
    date_labels : bool
        Write each visible event's date beside it.
    article_date : str, optional
        Draw a dashed line on this day (when it is inside the window).
    legend : bool
        Add a legend explaining dot, bar, article line and highlight.

    Returns
    -------
    matplotlib.axes.Axes
    """
    style.check_ax(ax)
    ev = _check_events(events)
    n = len(ev)
    if highlight is not None and (not isinstance(highlight, str)
                                  or highlight not in actors_in(ev)):
        raise ParameterError(f"highlight must be None or an actor of events "
                             f"{actors_in(ev)}, got {highlight!r}")
    check_flag("date_labels", date_labels)
    check_flag("legend", legend)
    if article_date is not None:
        _day("article_date", article_date)
    if window is None:
        last = ev["end_date"].fillna(ev["date"]).max()
        window = (ev["date"].min() - pd.Timedelta(days=60), last + pd.Timedelta(days=60))
    lo, hi = _window("window", window)
    st = _highlight_style(highlight) if highlight else None
    for i, row in ev.iterrows():
        y = n - 1 - i
        on = highlight is None or highlight in _actor_list(row["actors"])
        lit = st is not None and on
        color = st.color if lit else (_BASE if on else _DIM)
        dot, a, b = event_span(row["date"], row["end_date"])
        inside = bool(b >= lo and a <= hi)  # an event outside the window is drawn hidden
        ax.plot([a, b], [y, y], color=color, lw=_BAR_LW if on else _BAR_LW_DIM,
                linestyle="-", solid_capstyle="butt", visible=inside)
        ax.plot([dot], [y], marker=st.marker if lit else "o", color=color,
                markersize=_SIZE_LIT if lit else (_SIZE if on else _SIZE_DIM),
                markeredgecolor="black" if lit else color, linestyle="none", visible=inside)
        if date_labels and lo <= dot <= hi:
            right = (b - lo) / (hi - lo) < 0.8
            ax.annotate(date_text(row["date"], row["end_date"]), xy=(b if right else a, y),
                        xytext=(6 if right else -6, 0), textcoords="offset points",
                        ha="left" if right else "right", va="center", fontsize=8,
                        color=_BASE if on else "#888888")
    if article_date is not None and lo <= pd.Timestamp(article_date) <= hi:
        ax.axvline(pd.Timestamp(article_date), **_ARTICLE_LINE, zorder=0)
    ax.set_yticks(range(n))
    ax.set_yticklabels([style.escape_mathtext(t) for t in ev["label"].iloc[::-1]])
    ax.set_ylim(-0.7, n - 0.3)
    set_date_ticks(ax, (lo, hi))
    ax.grid(axis="y", visible=False)
    if legend:
        ax.legend(handles=legend_entries(highlight, article_date), loc="upper right",
                  fontsize=8)
    return ax


def _break_marks(left: Axes, right: Axes) -> None:
    """Draw the // marks of a broken time axis between two panels."""
    kw = {"marker": [(-1, -1.6), (1, 1.6)], "markersize": 9, "linestyle": "none",
          "color": "black", "markeredgecolor": "black", "markeredgewidth": 1, "clip_on": False}
    left.plot([1], [0], transform=left.transAxes, **kw)
    right.plot([0], [0], transform=right.transAxes, **kw)


def panel_titles(windows: tuple[tuple[Any, Any], tuple[Any, Any]]) -> tuple[str, str]:
    """Return the titles of the two panels, from their windows (see :func:`panel_windows`).

    Returns
    -------
    (left, right) : tuple of str
        E.g. ``"2011 to Apr 2022"`` and ``"Zoom: 22 Jun – 4 Aug 2022"``.
    """
    (l0, l1), (r0, r1) = windows
    first = pd.Timestamp(l0).year + 1  # panel_windows starts a margin (< 1 year) before 1 Jan
    return f"{first} to {pd.Timestamp(l1):%b %Y}", f"Zoom: {date_text(r0, r1)}"


def plot_timeline_panels(left: Axes, right: Axes, events: pd.DataFrame,
                         highlight: str | None = None, *, start_year: int | None = None,
                         zoom: tuple[Any, Any] = ZOOM, article_date: str | None = ARTICLE_DATE,
                         date_labels: bool = True, legend: bool = True) -> tuple[Axes, Axes]:
    """Draw the timeline on two panels with a broken axis: the years, then the zoomed weeks.

    Both panels share the rows (one per event, oldest at the top); the left one shows the
    events before ``zoom`` by year, the right one the weeks of ``zoom`` day by day, with the
    article's day as a dashed line.

    Parameters
    ----------
    left, right : matplotlib.axes.Axes
        Two axes side by side, the left one wider for the row labels.
    events : pandas.DataFrame
        Events with the columns in :data:`REQUIRED_COLUMNS`.
    highlight : str, optional
        An actor id, as for :func:`plot_timeline`.
    start_year : int, optional
        Leave out events before this year; the left panel starts there.
    zoom : (start, end)
        The right panel's window.
    article_date : str, optional
        The dashed line's day.
    date_labels : bool
        Write each event's date beside it.
    legend : bool
        Add the legend (in the right panel, whose upper rows are empty: older events are drawn
        on the left).

    Returns
    -------
    (left, right) : tuple of matplotlib.axes.Axes
    """
    ev = _check_events(events)  # validates; the raw rows are drawn (the suffix is added once)
    if start_year is not None:
        keep = (ev["date"].dt.year >= start_year).to_numpy()
        events = events.sort_values(["date", "label"], kind="stable")[keep]
        if events.empty:
            raise ValueError(f"no event from {start_year} on; choose an earlier start_year")
    windows = panel_windows(events, start_year, zoom)
    for ax, window in zip((left, right), windows, strict=True):
        plot_timeline(ax, events, highlight, window=window, date_labels=date_labels,
                      legend=False, article_date=article_date)
        unit = set_date_ticks(ax, window)
        ax.set_xlabel(f"Date, by {unit}")
    for ax, title in zip((left, right), panel_titles(windows), strict=True):
        ax.set_title(title, fontsize=10, loc="left")
    if legend:
        right.legend(handles=legend_entries(highlight, article_date), loc="upper left",
                     fontsize=8)
    right.tick_params(axis="y", left=False, labelleft=False)
    right.spines["left"].set_visible(False)
    _break_marks(left, right)
    return left, right

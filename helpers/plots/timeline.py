"""The course timeline: dated events on one row per actor, with an optional highlighted actor."""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

from helpers.plots import style

__all__ = [
    "AFTER_SUFFIX",
    "REQUIRED_COLUMNS",
    "actors_in",
    "plot_timeline",
]


#: Columns an events table must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("date", "end_date", "label", "actors", "category")


#: Appended to the label of an event after 19 July 2022 (``after_article`` in events.csv).
AFTER_SUFFIX = " (after the article)"

_BASE = "#333333"


_DIM = "#CCCCCC"


def _check_events(events: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in REQUIRED_COLUMNS if c not in events.columns]
    if missing:
        raise ValueError(f"events is missing column(s) {missing}; needs {list(REQUIRED_COLUMNS)}")
    if events.empty:
        raise ValueError("events must have at least one row")
    out = events.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    if "after_article" in out.columns:  # later facts stay, marked where the reader sees them
        later = out["after_article"].fillna(False).astype(bool)
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
    """
    return sorted({a for cell in events["actors"] for a in _actor_list(cell)})


def plot_timeline(ax: Axes, events: pd.DataFrame, highlight: str | None = None) -> Axes:
    """Draw events as one labelled row each, oldest at the top, on a time axis.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    events : pandas.DataFrame
        Events with the columns in :data:`REQUIRED_COLUMNS`.
    highlight : str, optional
        An actor id; its events are drawn in its colour and marker, the rest greyed.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ev = _check_events(events)
    n = len(ev)
    for i, row in ev.iterrows():
        y = n - 1 - i
        on = highlight is None or highlight in _actor_list(row["actors"])
        st = (style.actor_styles().get(highlight, style.ActorStyle(highlight, "#000000", "o"))
              if (highlight and on) else None)
        color = st.color if st else (_BASE if on else _DIM)
        end = row["end_date"] if pd.notna(row["end_date"]) else row["date"]
        ax.plot([row["date"], end], [y, y], color=color, lw=4, solid_capstyle="round")
        ax.plot([row["date"]], [y], marker=st.marker if st else "o", color=color,
                markersize=7, markeredgecolor="black" if st else color, linestyle="none")
    ax.set_yticks(range(n))
    ax.set_yticklabels([style.escape_mathtext(t) for t in ev["label"].iloc[::-1]])
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    return ax

"""The demonstration view of notebook 00: the course timeline with one actor highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from helpers.plots import style
from helpers.plots.rendering import TextStamp, text_pixels
from helpers.plots.timeline import _BASE, _DIM, _actor_list, _check_events, actors_in, plot_timeline
from helpers.views.protocol import Control, WhatIfView, register

__all__ = [
    "TimelineView",
    "default_view",
]


class TimelineView(WhatIfView):
    """Notebook 00's demonstration view: the timeline, zoomed by start year, one actor highlighted.

    Parameters
    ----------
    events : pandas.DataFrame
        Events with the columns in :data:`REQUIRED_COLUMNS` (at most ~20 rows stay legible).
    **params
        Initial control values (``start_year``, ``actor``).
    """

    name = "timeline"
    title = "Timeline of the events the course relies on"
    notebook = "00_start_here.ipynb"
    figsize = (9.0, 4.8)

    def __init__(self, events: pd.DataFrame, **params: Any) -> None:
        self.events = _check_events(events)
        #: Right edge of the time axis: the last day of any event, plus a margin.
        last = self.events["end_date"].fillna(self.events["date"]).max()
        self._end = last + pd.Timedelta(days=45)
        first, last = int(self.events["date"].dt.year.min()), int(self.events["date"].dt.year.max())
        actors = actors_in(self.events)
        options: Sequence[tuple[str, str]] = [("(none)", "none")] + [
            (style.actor_styles()[a].name if a in style.actor_styles() else a, a) for a in actors
        ]
        self.controls = (
            Control("start_year", "Show from year", "int", first, first, last, 1,
                    source="range of the dates in events.csv"),
            Control("actor", "Highlight actor", "choice", "none", options=tuple(options),
                    source="actors named in events.csv"),
        )
        super().__init__(**params)

    #: Font size of the row labels and title (as the static plot's tick labels and title).
    _label_size: float = 9.0
    _title_size: float = 12.0

    def setup(self, fig: Figure) -> None:
        """Draw every event once and keep the artists to restyle.

        Row labels and the title are :class:`~helpers.plots.rendering.TextStamp` artists (text
        rendered once, then composited) instead of tick labels: text rasterising is most of a
        redraw's cost. The layout is set by hand from the widest label, so nothing is laid out
        again on a redraw.
        """
        ax = fig.add_subplot()
        plot_timeline(ax, self.events)
        n = len(self.events)
        # plot_timeline draws a range line then a marker per event, in row order.
        self._lines = list(ax.lines[0::2])
        self._points = list(ax.lines[1::2])
        assert len(self._points) == n
        ax.tick_params(axis="y", labelleft=False)
        labels = list(self.events["label"])  # text_pixels escapes "$" itself
        widest = max(text_pixels(t, fontsize=self._label_size, weight="bold").shape[1]
                     for t in labels)
        fig.set_layout_engine("none")
        width, height = fig.bbox.width, fig.bbox.height
        left, bottom, top = (widest + 14) / width, 40 / height, 1 - 36 / height
        ax.set_position((left, bottom, 0.97 - left, top - bottom))
        x = self._label_x = ax.get_position().x0 * width - 6  # labels' right edge, pixels
        self._stamps = [
            (fig.add_artist(TextStamp((x, 0), t, ha="right", va="center", dpi=self.dpi,
                                      fontsize=self._label_size)),
             fig.add_artist(TextStamp((x, 0), t, ha="right", va="center", dpi=self.dpi,
                                      fontsize=self._label_size, weight="bold")))
            for t in labels]
        fig.add_artist(TextStamp((ax.get_position().x0 * width, height - 8), self.title,
                                 ha="left", va="top", dpi=self.dpi, fontsize=self._title_size,
                                 weight="bold"))
        self._ax = ax

    def _place_labels(self, shown: pd.Series, lit: pd.Series) -> None:
        """Put each shown row's label (plain or bold) beside its row; hide the others."""
        to_pixels = self._ax.transData.transform
        n = len(self.events)
        for i, (plain, bold) in enumerate(self._stamps):
            y = float(to_pixels((0, n - 1 - i))[1])
            for stamp, wanted in ((plain, not lit[i]), (bold, bool(lit[i]))):
                stamp.set_visible(bool(shown[i]) and wanted)
                stamp.set_xy((self._label_x, y))

    def _shown(self, params: Mapping[str, Any]) -> pd.Series:
        return self.events["date"].dt.year >= params["start_year"]

    def _highlighted(self, params: Mapping[str, Any]) -> pd.Series:
        actor = params["actor"]
        if actor == "none":
            return pd.Series(False, index=self.events.index)
        return self.events["actors"].map(lambda c: actor in _actor_list(c))

    def draw(self, params: Mapping[str, Any]) -> None:
        """Restyle markers and labels; move the left edge of the time axis."""
        shown, lit = self._shown(params), self._highlighted(params)
        actor = params["actor"]
        st = None
        if actor != "none":  # actors without a course colour are highlighted in black
            st = style.actor_styles().get(actor, style.ActorStyle(actor, "#000000", "o"))
        for i in range(len(self.events)):
            if lit[i] and st is not None:
                color, marker, edge, size = st.color, st.marker, "black", 10
            elif actor == "none":
                color, marker, edge, size = _BASE, "o", _BASE, 7
            else:
                color, marker, edge, size = _DIM, "o", _DIM, 6
            for art in (self._lines[i], self._points[i]):
                art.set_color(color)
                art.set_visible(bool(shown[i]))
            self._points[i].set_marker(marker)
            self._points[i].set_markeredgecolor(edge)
            self._points[i].set_markersize(size)
        # Oldest events sit at the top (row n-1); zoom the y axis onto the shown rows.
        self._ax.set_ylim(-0.7, int(shown.sum()) - 0.3)
        self._place_labels(shown, lit)
        start = pd.Timestamp(year=params["start_year"], month=1, day=1)
        end = self._end
        self._ax.set_xlim(start - pd.Timedelta(days=20), end)
        span_years = end.year - start.year
        locator: mdates.DateLocator = (mdates.MonthLocator(bymonth=(1, 4, 7, 10))
                                       if span_years <= 1 else mdates.YearLocator())
        fmt = "%b %Y" if span_years <= 1 else "%Y"
        self._ax.xaxis.set_major_locator(locator)
        self._ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))

    def summary(self) -> pd.DataFrame:
        """Return the events on screen with whether each is shown and highlighted."""
        out = self.events[["date", "label", "actors", "category"]].copy()
        out["date"] = out["date"].dt.strftime("%Y-%m-%d")
        out["shown"] = self._shown(self.params).to_numpy()
        out["highlighted"] = self._highlighted(self.params).to_numpy()
        return out

    def alt_text(self) -> str:
        """Describe the current state in one or two sentences."""
        s = self.summary()
        shown = s[s["shown"]]
        text = (f"Timeline of {len(shown)} of {len(s)} events, from {shown['date'].min()} "
                f"to {shown['date'].max()}, one row each, oldest at the top.")
        if self.params["actor"] != "none":
            lit = shown[shown["highlighted"]]
            name = dict(o for o in self._control("actor").options)
            who = {v: k for k, v in name.items()}[self.params["actor"]]
            text += (f" Highlighted: {len(lit)} event(s) involving {who}"
                     + (": " + "; ".join(lit["label"]) if len(lit) else "") + ".")
        return text


def default_view() -> TimelineView:
    """Build the timeline view from ``seeds/data/events.csv`` (the 12 start-here events).

    Returns
    -------
    TimelineView
    """
    from helpers import data

    events = data.load("events")
    return TimelineView(events[events["in_start_timeline"]])


register(TimelineView, default_view)

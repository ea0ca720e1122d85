"""The demonstration view of notebook 00: the course timeline with one actor highlighted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import IdentityTransform

from helpers.plots import style
from helpers.plots.rendering import TextStamp, text_pixels
from helpers.plots.timeline import (
    _BAR_LW,
    _BAR_LW_DIM,
    _BASE,
    _DIM,
    _SIZE,
    _SIZE_DIM,
    _SIZE_LIT,
    ARTICLE_DATE,
    ZOOM,
    _actor_list,
    _check_events,
    _highlight_style,
    actors_in,
    date_text,
    event_span,
    legend_entries,
    panel_titles,
    panel_windows,
    plot_timeline_panels,
    set_date_ticks,
)
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
    figsize = (10.0, 5.7)
    image_width = 900

    def __init__(self, events: pd.DataFrame, **params: Any) -> None:
        self.events = _check_events(events)
        self._window_cache: dict[int, Any] = {}
        self._tick_cache: dict[int, Any] = {}
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

    #: Font sizes of the row labels, the dates beside the events, the legend and panel titles,
    #: and the title (as the static plot's tick labels, annotations and title).
    _label_size: float = 9.0
    _date_size: float = 8.0
    _small_size: float = 8.5
    _title_size: float = 12.0
    #: Share of the plotting width given to the left (years) panel.
    _left_share: float = 0.45

    def setup(self, fig: Figure) -> None:
        """Draw both panels once and keep the artists to restyle.

        Row labels, the dates beside the events, the legend's words, the panel and axis titles
        and the title are :class:`~helpers.plots.rendering.TextStamp` artists (text rendered
        once, then composited) instead of matplotlib text: text rasterising is most of a
        redraw's cost. The layout is set by hand in pixels from the widest label, so nothing
        is laid out again on a redraw.
        """
        fig.set_layout_engine("none")
        ev, n = self.events, len(self.events)
        width, height = fig.bbox.width, fig.bbox.height
        labels = list(ev["label"])  # text_pixels escapes "$" itself
        widest = max(text_pixels(t, fontsize=self._label_size, weight="bold").shape[1]
                     for t in labels)
        x0, x1, gap, bottom, top = widest + 14, width - 14, 18, 50, height - 96
        split = x0 + (x1 - x0 - gap) * self._left_share
        left = fig.add_axes((x0 / width, bottom / height, (split - x0) / width,
                             (top - bottom) / height))
        right = fig.add_axes(((split + gap) / width, bottom / height,
                              (x1 - split - gap) / width, (top - bottom) / height))
        plot_timeline_panels(left, right, ev, article_date=ARTICLE_DATE, date_labels=False,
                             legend=False)
        for ax in (left, right):  # stamps instead: titles, axis titles and row labels
            ax.set_title("", loc="left")
            ax.set_xlabel("")
            ax.set_yticks([])
        self._axes = (left, right)
        # plot_timeline drew a bar then a dot per event, in row order, on each panel; an
        # event is restyled on its own panel and stays hidden on the other.
        self._home = (ev["date"] >= pd.Timestamp(ZOOM[0])).astype(int).tolist()
        lines = [list(ax.lines[:2 * n]) for ax in (left, right)]
        self._lines = [lines[h][2 * i] for i, h in enumerate(self._home)]
        self._points = [lines[h][2 * i + 1] for i, h in enumerate(self._home)]
        for i, h in enumerate(self._home):
            for art in lines[1 - h][2 * i:2 * i + 2]:
                art.set_visible(False)
        self._spans = [tuple(float(mdates.date2num(t)) for t in event_span(d, e))
                       for d, e in zip(ev["date"], ev["end_date"], strict=True)]
        self._setup_text(fig, labels, x0, top, bottom)

    def _stamp(self, xy: tuple[float, float], text: str, **props: Any) -> TextStamp:
        props.setdefault("fontsize", self._small_size)
        ha, va = props.pop("ha", "left"), props.pop("va", "center")
        return self.figure.add_artist(TextStamp(xy, text, ha=ha, va=va, dpi=self.dpi, **props))

    def _setup_text(self, fig: Figure, labels: list[str], x0: float, top: float,
                    bottom: float) -> None:
        """Create the stamps (row labels, dates, titles) and the legend."""
        ev, height = self.events, fig.bbox.height
        self._label_x = x0 - 6  # labels' right edge, pixels
        self._stamps = [
            (self._stamp((self._label_x, 0), t, ha="right", fontsize=self._label_size),
             self._stamp((self._label_x, 0), t, ha="right", fontsize=self._label_size,
                         weight="bold"))
            for t in labels]
        dates = [date_text(d, e) for d, e in zip(ev["date"], ev["end_date"], strict=True)]
        self._date_stamps = [
            (self._stamp((0, 0), t, fontsize=self._date_size, color=_BASE),
             self._stamp((0, 0), t, fontsize=self._date_size, color="#888888"))
            for t in dates]
        for pair in self._date_stamps:  # figure artists draw before the axes: lift these
            for stamp in pair:
                stamp.set_zorder(3)
        self._date_width = [text_pixels(t, fontsize=self._date_size).shape[1] for t in dates]
        # A white backing, so the article's dashed line never runs through a date.
        self._date_height = text_pixels(dates[0], fontsize=self._date_size).shape[0]
        self._date_backs = [fig.add_artist(Rectangle((0, 0), w + 4, self._date_height,
                                                     transform=IdentityTransform(),
                                                     facecolor="white", edgecolor="none",
                                                     zorder=2.5)) for w in self._date_width]
        self._stamp((8, height - 8), self.title, va="top", fontsize=self._title_size,
                    weight="bold")
        left, right = self._axes
        titles = panel_titles(panel_windows(ev, None))
        self._panel_titles = [
            self._stamp((ax.get_position().x0 * fig.bbox.width, top + 5), t, va="bottom",
                        weight="bold") for ax, t in zip((left, right), titles, strict=True)]
        self._axis_titles = [
            self._stamp(((ax.get_position().x0 + ax.get_position().width / 2) * fig.bbox.width,
                         6), "Date", ha="center", va="bottom") for ax in (left, right)]
        right_window = panel_windows(ev, None)[1]
        self._axis_titles[1].set_text(f"Date, by {set_date_ticks(right, right_window)}")
        _freeze_ticks(right)
        # Tick labels are stamps too (matplotlib would lay them out on every draw).
        self._tick_y = bottom - 9
        self._tick_stamps = [[self._stamp((0, self._tick_y), "", ha="center", va="top",
                                          fontsize=9.0) for _ in range(12)] for _ in range(2)]
        for ax in (left, right):
            ax.tick_params(axis="x", labelbottom=False)
        self._label_ticks(1)
        self._legend(fig, x0=8, rows=(height - 44, height - 64))

    def _legend(self, fig: Figure, x0: float, rows: tuple[float, float]) -> None:
        """Draw the legend in two rows of pixel-placed handles and stamps.

        The first row (dot, bar, article line) never changes; the second explains the
        highlight and is rewritten when the actor changes.
        """
        pixel = IdentityTransform()
        x, y = x0, rows[0]
        for h in legend_entries(None, ARTICLE_DATE):
            has_line = h.get_linestyle() not in ("None", "none", "")
            has_dot = h.get_marker() not in ("None", "none", "")
            if has_line and has_dot:  # several days: a dot at the start, then the bar
                xs, ys = [x + 5, x + 26], [y, y]
            elif has_line:  # the article's day: a vertical dashed line, as in the panel
                xs, ys = [x + 13, x + 13], [y - 8, y + 8]
            else:
                xs, ys = [x + 13], [y]
            fig.add_artist(Line2D(xs, ys, transform=pixel, color=h.get_color(),
                                  linestyle=h.get_linestyle(), linewidth=h.get_linewidth(),
                                  solid_capstyle="butt"))
            if has_dot:
                fig.add_artist(Line2D(xs[:1], ys[:1], transform=pixel, color=h.get_color(),
                                      marker="o", markersize=h.get_markersize(),
                                      linestyle="none"))
            self._stamp((x + 32, y), h.get_label())
            x += 32 + text_pixels(h.get_label(), fontsize=self._small_size).shape[1] + 22
        self._lit_handles = []
        for _ in range(2):
            mark = Line2D([x0 + 13], [rows[1]], transform=pixel, linestyle="none",
                          visible=False)
            fig.add_artist(mark)
            self._lit_handles.append((mark, self._stamp((x0 + 32, rows[1]), "")))
        self._legend_x0, self._legend_y = x0, rows[1]

    def _show_legend(self, actor: str) -> None:
        """Fill the legend's second row for the highlighted actor (or hide it)."""
        x = self._legend_x0
        entries: list[tuple[Any, str]] = []
        if actor != "none":
            st = [h for h in legend_entries(actor, None) if h.get_label().startswith(
                ("involves", "does not"))]
            entries = [(h, h.get_label()) for h in st]
        for k, (mark, stamp) in enumerate(self._lit_handles):
            if k >= len(entries):
                mark.set_visible(False)
                stamp.set_visible(False)
                continue
            h, text = entries[k]
            mark.set(marker=h.get_marker(), color=h.get_color(),
                     markersize=h.get_markersize(), markeredgecolor=h.get_markeredgecolor(),
                     xdata=[x + 13], visible=True)
            text = text.replace("\\$", "$")  # stamps show "$" as is
            stamp.set_text(text)
            stamp.set_xy((x + 32, self._legend_y))
            stamp.set_visible(True)
            x += 32 + text_pixels(text, fontsize=self._small_size).shape[1] + 22

    def _left_ticks(self, start_year: int, window: tuple[pd.Timestamp, pd.Timestamp]) -> str:
        """Set the left panel's window and ticks (tick places computed once per start year)."""
        ax = self._axes[0]
        if start_year not in self._tick_cache:
            unit = set_date_ticks(ax, window)
            self._tick_cache[start_year] = (_freeze_ticks(ax), ax.xaxis.get_major_formatter(),
                                            unit)
        locator, formatter, unit = self._tick_cache[start_year]
        ax.set_xlim(window)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(formatter)
        self._label_ticks(0)
        return unit

    def _label_ticks(self, k: int) -> None:
        """Write the tick labels of panel ``k`` (0 left, 1 right) as stamps under its ticks."""
        ax = self._axes[k]
        locs = list(ax.xaxis.get_major_locator()())
        labels = ax.xaxis.get_major_formatter().format_ticks(locs)
        to_pixels = ax.transData.transform
        for j, stamp in enumerate(self._tick_stamps[k]):
            stamp.set_visible(j < len(locs))
            if j < len(locs):
                stamp.set_text(labels[j])
                stamp.set_xy((float(to_pixels((locs[j], 0))[0]), self._tick_y))

    def _windows(self, start_year: int) -> tuple[tuple[pd.Timestamp, pd.Timestamp],
                                                 tuple[pd.Timestamp, pd.Timestamp]]:
        if start_year not in self._window_cache:
            self._window_cache[start_year] = panel_windows(self.events, start_year)
        return self._window_cache[start_year]

    def _place_text(self, shown: pd.Series, lit: pd.Series, dim: bool) -> None:
        """Put each shown row's label and date beside its row; hide the others."""
        n = len(self.events)
        boxes = [ax.get_window_extent() for ax in self._axes]
        to_pixels = [ax.transData.transform for ax in self._axes]
        radius = _SIZE_LIT * self.dpi / 72 / 2
        for i, (plain, bold) in enumerate(self._stamps):
            y = float(to_pixels[0]((0, n - 1 - i))[1])
            for stamp, wanted in ((plain, not lit[i]), (bold, bool(lit[i]))):
                stamp.set_visible(bool(shown[i]) and wanted)
                stamp.set_xy((self._label_x, y))
            dot, a, b = (float(to_pixels[self._home[i]]((t, 0))[0]) for t in self._spans[i])
            x = max(b, dot + radius) + 6
            if x + self._date_width[i] > boxes[self._home[i]].x1 - 2:  # no room: write it left
                x = min(a, dot - radius) - 6 - self._date_width[i]
            faded = dim and not lit[i]
            for stamp, wanted in zip(self._date_stamps[i], (not faded, faded), strict=True):
                stamp.set_visible(bool(shown[i]) and wanted)
                stamp.set_xy((x, y))
            self._date_backs[i].set_xy((x - 2, y - self._date_height / 2))
            self._date_backs[i].set_visible(bool(shown[i]))

    def _shown(self, params: Mapping[str, Any]) -> pd.Series:
        return self.events["date"].dt.year >= params["start_year"]

    def _highlighted(self, params: Mapping[str, Any]) -> pd.Series:
        actor = params["actor"]
        if actor == "none":
            return pd.Series(False, index=self.events.index)
        return self.events["actors"].map(lambda c: actor in _actor_list(c))

    def draw(self, params: Mapping[str, Any]) -> None:
        """Restyle bars, dots, labels and dates; move the left panel's time window."""
        shown, lit = self._shown(params), self._highlighted(params)
        actor = params["actor"]
        st = _highlight_style(actor) if actor != "none" else None
        for i in range(len(self.events)):
            if lit[i] and st is not None:
                color, marker, edge, size, lw = st.color, st.marker, "black", _SIZE_LIT, _BAR_LW
            elif actor == "none":
                color, marker, edge, size, lw = _BASE, "o", _BASE, _SIZE, _BAR_LW
            else:
                color, marker, edge, size, lw = _DIM, "o", _DIM, _SIZE_DIM, _BAR_LW_DIM
            bar, point = self._lines[i], self._points[i]
            bar.set(color=color, linewidth=lw, visible=bool(shown[i]))
            point.set(color=color, marker=marker, markeredgecolor=edge, markersize=size,
                      visible=bool(shown[i]))
        # Oldest events sit at the top (row n-1); zoom the rows onto the shown ones.
        for ax in self._axes:
            ax.set_ylim(-0.7, int(shown.sum()) - 0.3)
        windows = self._windows(params["start_year"])
        unit = self._left_ticks(params["start_year"], windows[0])
        self._panel_titles[0].set_text(panel_titles(windows)[0])
        self._axis_titles[0].set_text(f"Date, by {unit}")
        self._place_text(shown, lit, dim=st is not None)
        self._show_legend(actor)

    def summary(self) -> pd.DataFrame:
        """Return the events on screen: dates as drawn, panel, shown and highlighted."""
        out = self.events[["date", "end_date", "label", "actors", "category"]].copy()
        out.insert(2, "dates", [date_text(d, e) for d, e in zip(out["date"], out["end_date"],
                                                                 strict=True)])
        out["date"] = out["date"].dt.strftime("%Y-%m-%d")
        out["end_date"] = out["end_date"].dt.strftime("%Y-%m-%d").fillna("")
        out["panel"] = ["zoom" if h else "years" for h in self._home]
        out["shown"] = self._shown(self.params).to_numpy()
        out["highlighted"] = self._highlighted(self.params).to_numpy()
        return out

    def alt_text(self) -> str:
        """Describe the current state in one paragraph, with every shown event and its date."""
        s = self.summary()
        shown = s[s["shown"]]
        left, right = panel_titles(self._windows(self.params["start_year"]))
        text = (f"Timeline of {len(shown)} of {len(s)} events, one row each, oldest at the "
                f"top, on a broken time axis: {left} on the left, and {right[len('Zoom: '):]} "
                "day by day on the right")
        if shown["panel"].eq("zoom").any():
            text += f", where a dashed line marks the article's day, {date_text(ARTICLE_DATE)}"
        text += (". A dot is a one-day event, a bar an event over several days. Events: "
                 + "; ".join(f"{r.label}, {r.dates}" for r in shown.itertuples()) + ".")
        if self.params["actor"] != "none":
            lit = shown[shown["highlighted"]]
            name = dict(o for o in self._control("actor").options)
            who = {v: k for k, v in name.items()}[self.params["actor"]]
            text += (f" Highlighted in the colour and marker of {who}: {len(lit)} event(s) "
                     f"involving {who}" + (": " + "; ".join(lit["label"]) if len(lit) else "")
                     + "; the other events are grey.")
        return text


def _freeze_ticks(ax: Any) -> FixedLocator:
    """Replace an axis's date locator by its current tick places (no date rules per redraw)."""
    lo, hi = ax.get_xlim()
    locator = FixedLocator([t for t in ax.xaxis.get_major_locator()() if lo <= t <= hi])
    ax.xaxis.set_major_locator(locator)
    return locator


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

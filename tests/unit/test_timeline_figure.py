"""The course timeline is readable: a zoomed panel, dates beside the events, bars, a legend."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import data, views
from helpers.plots import style
from helpers.plots.timeline import (
    AFTER_SUFFIX,
    ARTICLE_DATE,
    ZOOM,
    date_text,
    event_span,
    legend_entries,
    panel_titles,
    panel_windows,
    plot_timeline,
    plot_timeline_panels,
)
from helpers.views.timeline import TimelineView

EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2011-03-15", "2017-01-23", "2022-06-28", "2022-07-19",
                            "2022-07-22"]),
    "end_date": pd.to_datetime([None, "2017-01-24", "2022-06-29", None, None]),
    "label": ["Uprising", "First round", "Trip", "Summit", "Grain deal"],
    "actors": ["SYR", "RUS;IRN;TUR", "RUS;TJK", "RUS;IRN;TUR", "RUS;UKR;TUR;UN"],
    "category": ["syria", "astana", "diplomacy", "astana", "ukraine_war"],
    "after_article": [False, False, False, False, True],
})


@pytest.fixture(scope="module")
def view():
    return views.build("timeline")


def test_dates_are_written_as_a_reader_says_them():
    assert date_text("2022-07-19") == "19 Jul 2022"
    assert date_text(pd.Timestamp("2022-07-19"), pd.NaT) == "19 Jul 2022"
    assert date_text("2022-07-13", "2022-07-16") == "13–16 Jul 2022"
    assert date_text("2022-06-30", "2022-07-02") == "30 Jun – 2 Jul 2022"
    assert date_text("2016-12-30", "2017-01-02") == "30 Dec 2016 – 2 Jan 2017"


def test_a_range_is_a_bar_over_whole_days_and_a_day_has_none():
    dot, a, b = event_span("2022-06-28", "2022-06-29")
    assert (a, b) == (pd.Timestamp("2022-06-28"), pd.Timestamp("2022-06-30"))
    assert a < dot < b
    dot, a, b = event_span("2022-07-19", pd.NaT)
    assert a == b == dot


def test_plot_timeline_draws_bars_dates_and_a_legend_for_the_highlight():
    ax = Figure().add_subplot()
    plot_timeline(ax, EVENTS, highlight="TJK")
    bars = ax.lines[0:10:2]
    lengths = [float(mdates.date2num(b.get_xdata()[-1]) - mdates.date2num(b.get_xdata()[0]))
               for b in bars]
    assert lengths[0] == 0 and lengths[2] == 2  # one day: no bar; 28-29 Jun: two days
    written = {t.get_text() for t in ax.texts}
    assert {"15 Mar 2011", "23–24 Jan 2017", "28–29 Jun 2022"} <= written
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "involves Tajikistan (bold label)" in labels
    assert any(lab.startswith("several days") for lab in labels)
    # Tajikistan's registry marker is a point; highlighted, it is drawn big enough to see.
    assert ax.lines[5].get_marker() == "o"
    assert ax.lines[5].get_color() == style.actor_color("TJK")


def test_the_legend_explains_every_mark():
    entries = legend_entries("RUS", ARTICLE_DATE)
    labels = [e.get_label() for e in entries]
    assert labels[0] == "one-day event" and labels[2] == "the article's day, 19 Jul 2022"
    assert entries[3].get_color() == style.actor_color("RUS")
    assert entries[3].get_marker() == style.actor_style("RUS").marker
    assert labels[4] == "does not involve Russia"


def test_the_zoom_panel_holds_the_weeks_around_the_visit():
    (l0, l1), (r0, r1) = panel_windows(EVENTS)
    assert (r0, r1) == (pd.Timestamp(ZOOM[0]), pd.Timestamp(ZOOM[1]))
    assert l0 < pd.Timestamp("2011-01-01") and l1 <= r0
    assert panel_titles(((l0, l1), (r0, r1)))[0].startswith("2011 to ")
    (m0, _), _ = panel_windows(EVENTS, start_year=2017)
    assert pd.Timestamp("2016-06-01") < m0 < pd.Timestamp("2017-01-01")


def test_two_panels_show_each_event_on_one_panel_only():
    fig = Figure(figsize=(10, 5))
    left, right = fig.subplots(1, 2)
    plot_timeline_panels(left, right, EVENTS, highlight="RUS")
    n = len(EVENTS)
    on_left = [ln.get_visible() for ln in left.lines[1:2 * n:2]]
    on_right = [ln.get_visible() for ln in right.lines[1:2 * n:2]]
    assert on_left == [True, True, False, False, False]
    assert on_right == [False, False, True, True, True]
    assert right.get_legend() is not None and left.get_legend() is None
    assert "Zoom" in right.get_title(loc="left") and left.get_xlabel() == "Date, by year"
    with pytest.raises(ValueError, match="no event from 2030"):
        plot_timeline_panels(left, right, EVENTS, start_year=2030)


def test_the_view_writes_each_date_inside_its_panel(view):
    view.reset()
    view.png()
    boxes = [ax.get_window_extent() for ax in view._axes]
    for i, (plain, _faded) in enumerate(view._date_stamps):
        assert plain.get_visible()
        box = boxes[view._home[i]]
        x, _y = plain._xy
        assert box.x0 <= x and x + view._date_width[i] <= box.x1, plain.get_text()
    summary = view.summary()
    assert [p.get_text() for p, _ in view._date_stamps] == summary["dates"].tolist()
    june_july = summary["date"] >= "2022-06-01"
    assert (summary.loc[june_july, "panel"] == "zoom").all()
    assert june_july.sum() == 5


def test_the_view_legend_shows_the_highlight_only_when_there_is_one(view):
    view.reset()
    assert not any(mark.get_visible() for mark, _ in view._lit_handles)
    view.update(actor="RUS")
    (mark, stamp), (_, other) = view._lit_handles
    assert mark.get_visible() and mark.get_color() == style.actor_color("RUS")
    assert stamp.get_text() == "involves Russia (bold label)"
    assert other.get_text() == "does not involve Russia"
    view.reset()


def test_alt_text_lists_every_shown_event_with_its_date_in_one_paragraph(view):
    view.reset()
    alt = view.alt_text()
    assert "\n" not in alt
    for row in view.summary().itertuples():
        assert f"{row.label}, {row.dates}" in alt
    assert "a dashed line marks the article's day, 19 Jul 2022" in alt
    view.update(start_year=2022, actor="RUS")
    alt = view.alt_text()
    assert "Syrian uprising" not in alt and "6 of 12 events" in alt
    assert "involving Russia" in alt
    view.reset()


def test_events_after_the_article_stay_marked_once():
    ev = data.load("events").query("in_start_timeline")
    v = TimelineView(ev)
    later = ev.loc[ev["after_article"], "label"]
    labels = v.summary()["label"].tolist()
    for label in later:
        assert labels.count(label + AFTER_SUFFIX) == 1
        assert label + AFTER_SUFFIX + AFTER_SUFFIX not in labels


def test_both_time_axes_are_labelled(view):
    view.reset()
    left = [s.get_text() for s in view._tick_stamps[0] if s.get_visible()]
    right = [s.get_text() for s in view._tick_stamps[1] if s.get_visible()]
    assert "2012" in left and "20 Jul" in right
    assert [t.get_text() for t in view._axis_titles] == ["Date, by year", "Date, by day"]
    view.update(start_year=2022)
    assert view._axis_titles[0].get_text() == "Date, by month"
    assert "Jan 2022" in [s.get_text() for s in view._tick_stamps[0] if s.get_visible()]
    view.reset()

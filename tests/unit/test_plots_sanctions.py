"""The figures of notebook 05 (helpers.plots.sanctions): ax in, ax out, artists found by gid.

Surplus, fallbacks and bargaining powers here are *illustrative* test inputs, not data.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.checks import ParameterError
from helpers.models.sanctions import MODES, deal_split
from helpers.plots import sanctions as sp
from helpers.plots import style


def axes():
    fig = Figure(figsize=(6, 4), dpi=100)
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def rgba(fig: Figure) -> np.ndarray:
    with style.course_style():
        fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


# ------------------------------------------------------------------------------ share curves


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("beta", "fu"), [(0.5, 10.0), (0.2, 0.0), (0.9, 40.0)])
def test_share_curve_is_the_model_on_a_grid_holding_the_kinks(mode, beta, fu):
    xs, ys = sp.share_curve(100.0, fu, beta, mode, 120.0)
    assert xs[0] == 0.0 and xs[-1] == 120.0 and np.all(np.diff(xs) > 0)
    assert beta * 100.0 in xs and 100.0 - fu in xs
    for x, y in zip(xs, ys, strict=True):
        assert y == deal_split(100.0, float(x), fu, beta, mode).iran
    # Piecewise linear between grid points: the midpoints lie on the chords.
    mids = (xs[1:] + xs[:-1]) / 2
    model = [deal_split(100.0, float(m), fu, beta, mode).iran for m in mids]
    assert model == pytest.approx((ys[1:] + ys[:-1]) / 2)


def test_outside_curve_is_flat_below_beta_s_and_impasse_rises_by_one_minus_beta():
    xs, out = sp.share_curve(100.0, 10.0, 0.4, "outside", 120.0, n=121)
    flat = xs <= 40.0
    assert np.all(out[flat] == 40.0) and np.all(out[~flat] > 40.0)
    xs, imp = sp.share_curve(100.0, 10.0, 0.4, "impasse", 120.0, n=121)
    inside = xs < 90.0
    assert np.diff(imp[inside]) / np.diff(xs[inside]) == pytest.approx(0.6)


def test_plot_share_curves_draws_named_artists_and_updates_them_in_place():
    ax = axes()
    assert sp.plot_share_curves(ax, 100.0, 10.0, 0.5, 34.0, "impasse") is ax
    arts = sp.by_gid(ax)
    for gid in ("curve:impasse", "curve:outside", "point:impasse", "point:outside", "kink",
                "fallback", "no_deal", "offchart", "surplus"):
        assert gid in arts, gid
    assert arts["point:impasse"].get_ydata()[0] == pytest.approx(34.0 + 0.5 * 56.0)
    assert arts["point:outside"].get_ydata()[0] == 50.0
    assert arts["point:impasse"].get_markersize() > arts["point:outside"].get_markersize()
    n_children = len(ax.get_children())
    sp.set_share_state(ax, 100.0, 10.0, 0.3, 70.0, "outside")
    assert len(ax.get_children()) == n_children  # nothing created on an update
    assert arts["kink"].get_xdata()[0] == pytest.approx(30.0)
    assert arts["fallback"].get_xdata()[0] == 70.0
    assert arts["point:outside"].get_ydata()[0] == 70.0  # the option binds one for one
    assert arts["point:outside"].get_markersize() > arts["point:impasse"].get_markersize()
    assert ax.get_xlabel() == r"Iran's fallback (\$bn/yr)"


def test_a_fallback_beyond_the_chart_hides_the_points_and_says_so():
    ax = axes()
    sp.plot_share_curves(ax, 100.0, 10.0, 0.5, 200.0)
    arts = sp.by_gid(ax)
    assert arts["offchart"].get_visible()
    assert not arts["point:impasse"].get_visible() and not arts["fallback"].get_visible()
    sp.set_share_state(ax, 100.0, 10.0, 0.5, 20.0, "impasse")
    assert not arts["offchart"].get_visible() and arts["point:impasse"].get_visible()


# ------------------------------------------------------------------------------ split bars


def results(fi: float, fu: float = 10.0, beta: float = 0.5):
    return {m: deal_split(100.0, fi, fu, beta, m) for m in MODES}


def test_split_bars_add_up_to_s_and_show_no_deal_as_empty():
    ax = axes()
    sp.plot_split_bars(ax, results(30.0), 100.0, "outside")
    arts = sp.by_gid(ax)
    for m in MODES:
        iran, us = arts[f"bar:{m}:iran"], arts[f"bar:{m}:us"]
        assert iran.get_width() == pytest.approx(results(30.0)[m].iran)
        assert iran.get_width() + us.get_width() == pytest.approx(100.0)
        assert us.get_x() == pytest.approx(iran.get_width())
        assert arts[f"nodeal:{m}"].get_text() == ""
    assert arts["bar:outside:iran"].get_linewidth() > 0 == arts["bar:impasse:iran"].get_linewidth()
    assert arts["bar:impasse:iran"].get_facecolor()[:3] == pytest.approx(
        tuple(int(style.actor_style("IRN").color[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    sp.set_split_bars(ax, results(95.0), 100.0, "outside")
    for m in MODES:
        assert arts[f"bar:{m}:iran"].get_width() == 0 and arts[f"bar:{m}:us"].get_width() == 0
        assert arts[f"nodeal:{m}"].get_text() == "no deal"
    assert arts["bar:outside:iran"].get_linewidth() == 0  # no outline on an empty bar


# ------------------------------------------------------------------------------ timelines


def events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["SE01", "SE05", "SE16"],
        "date": pd.to_datetime(["2015-07-14", "2018-05-08", "2022-08-08"]),
        "date_precision": ["day", "day", "day"],
        "measure": ["agreement", "withdrawal", "talks"],
        "label": ["Deal ($)", "US leaves", "Final text"],
        "after_article": [False, False, True],
    })


def test_timeline_one_marker_per_event_dated_labels_and_after_article_in_grey():
    ax = axes()
    sp.plot_jcpoa_timeline(ax, events())
    arts = sp.by_gid(ax)
    assert {"event:SE01", "event:SE05", "event:SE16"} <= set(arts)
    us = style.actor_style("USA")
    assert arts["event:SE05"].get_color() == us.color
    assert arts["event:SE05"].get_marker() == us.marker
    assert arts["event:SE16"].get_markerfacecolor() == "white"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Final text · 8 Aug 2022 (after the article)"  # newest at the bottom
    # The legend's "after the article" entry has the shape of the hollow markers drawn.
    after = [h for h in ax.get_legend().legend_handles if "after the article" in h.get_label()]
    assert [h.get_marker() for h in after] == [arts["event:SE16"].get_marker()]
    assert after[0].get_markerfacecolor() == "white"
    assert labels[-1] == r"Deal (\$) · 14 Jul 2015"
    assert "article" in arts


def test_group_styles_follow_the_registry_and_cover_every_measure():
    groups = sp.group_styles()
    assert set(sp.MEASURE_GROUPS.values()) == set(groups)
    assert groups["talks"][1:] == (style.actor_style("EU").color, style.actor_style("EU").marker)


def test_brent_plot_marks_dates_and_labels_points():
    brent = pd.DataFrame({"date": pd.to_datetime(["2022-01-15", "2022-02-15", "2022-03-15"]),
                          "price": [86.51, 97.13, 117.25]})
    marks = pd.DataFrame({"date": pd.to_datetime(["2022-02-24", "2022-03-08"]),
                          "label": ["invasion", "US ban"]})
    ax = axes()
    sp.plot_brent(ax, brent, marks, ["2022-03-15"])
    arts = sp.by_gid(ax)
    assert list(arts["brent"].get_ydata()) == [86.51, 97.13, 117.25]
    assert {"mark:0", "mark:1"} <= set(arts)
    texts = [t.get_text() for t in ax.texts]
    assert "invasion, 24 Feb 2022" in texts and "\\$117.25\nMar 2022" in texts
    assert ax.get_ylim()[1] > 117.25 + 14 * 2  # the mark labels sit above the prices


def test_brent_labels_sit_beside_their_points_and_cross_no_other_mark():
    brent = pd.DataFrame({"date": pd.to_datetime(["2022-01-15", "2022-02-15", "2022-03-15"]),
                          "price": [86.51, 97.13, 117.25]})
    marks = pd.DataFrame({"date": pd.to_datetime(["2022-03-08", "2022-02-24"]),
                          "label": ["US ban", "invasion"]})
    ax = axes()
    sp.plot_brent(ax, brent, marks, ["2022-01-15", "2022-03-15"])
    arts = sp.by_gid(ax)
    labels = {t.get_text().split(",")[0]: t for t in ax.texts if "," in t.get_text()}
    # Earliest mark lowest; each line ends at its own label, below every later label.
    assert labels["invasion"].get_position()[1] < labels["US ban"].get_position()[1]
    lo, hi = ax.get_ylim()
    for k, name in enumerate(["invasion", "US ban"]):
        top = lo + arts[f"mark:{k}"].get_ydata()[1] * (hi - lo)
        assert top == pytest.approx(labels[name].get_position()[1])
        assert labels[name].get_ha() == "right"
    points = [t for t in ax.texts if t.get_text().startswith("\\$")]
    assert [t.xy for t in points] == [(pd.Timestamp("2022-01-15"), 86.51),
                                      (pd.Timestamp("2022-03-15"), 117.25)]
    assert all(t.get_ha() == "left" and t.xyann[0] > 0 for t in points)  # right of the point
    assert points[0].get_va() == "top"  # the next month is higher: the label goes below
    assert ax.get_xlim()[1] > mdates.date2num(pd.Timestamp("2022-04-15"))  # room for the last


def test_date_text_respects_the_precision():
    assert sp.date_text(pd.Timestamp("2022-03-01"), "month") == "Mar 2022"
    assert sp.date_text(pd.Timestamp("2022-03-01"), "day") == "1 Mar 2022"


def test_figure_factories_use_no_pyplot_and_set_titles():
    fig = sp.timeline_figure(events())
    assert len(fig.axes) == 1 and "2015–2022" in fig.axes[0].get_title()
    brent = pd.DataFrame({"date": pd.to_datetime(["2021-01-15", "2022-06-15"]),
                          "price": [54.77, 122.71]})
    fig = sp.brent_figure(brent, brent.assign(label="x").iloc[:0][["date", "label"]])
    assert "Jan 2021 to Jun 2022" in fig.axes[0].get_title()


# ------------------------------------------------------------------------------ view helpers


INPUTS = {"brent_usd": 122.71, "discount_usd": 10.0, "barrels_mbd": 0.84,
          "russian_support_busd": 0.0, "iran_power": 0.5, "mode": "outside"}


def test_panel_text_and_description_carry_the_numbers():
    inputs = dict(INPUTS)
    res = results(34.56)
    text = sp.panel_text(inputs, 34.56, 34.56, 100.0, 10.0, res, "outside")
    assert "$ 122.71/bbl" in text and "β·S = $50.00bn" in text
    assert "▶ outside  deal: Iran $ 50.00bn" in text and "beyond" not in text
    nodeal = sp.panel_text(inputs, 95.0, 95.0, 100.0, 10.0, results(95.0), "impasse", True)
    assert "NO DEAL" in nodeal and "(beyond the chart)" in nodeal
    alt = sp.describe(inputs, 34.56, 34.56, 100.0, 10.0, res)
    assert "Impasse reading: Iran $62.28bn" in alt
    assert "Outside-option reading: Iran $50.00bn" in alt
    assert "no deal (Iran keeps $95.00bn)" in sp.describe(inputs, 95.0, 95.0, 100.0, 10.0,
                                                        results(95.0))


def test_freeze_static_keeps_the_picture_and_the_live_artists():
    ax = axes()
    fig = ax.figure
    ax.set_title("static title")
    (line,) = ax.plot([0, 1], [0, 1], gid="live")
    before = rgba(fig)
    sp.freeze_static(fig, {line, *ax.spines.values()})
    assert np.array_equal(rgba(fig), before)
    assert not ax.title.get_visible() and line.get_visible()
    line.set_ydata([1, 0])
    assert not np.array_equal(rgba(fig), before)


# ------------------------------------------------------------------------------ input checks
# Rules across arguments, or between an argument and what the module drew, that the fuzz suite
# (tests/fuzz) cannot express.


def test_results_must_be_the_split_of_the_surplus_given_and_of_their_own_mode():
    ax = axes()
    with pytest.raises(ParameterError, match=r"results\['impasse'\] must be a split of surplus"):
        sp.plot_split_bars(ax, results(30.0), 50.0)
    assert not ax.patches  # refused before drawing anything
    swapped = {"impasse": results(30.0)["outside"], "outside": results(30.0)["impasse"]}
    with pytest.raises(ParameterError, match=r"results\['impasse'\] must be a DealResult of "
                                             r"mode 'impasse'"):
        sp.plot_split_bars(ax, swapped, 100.0)
    with pytest.raises(ParameterError, match=r"missing 'outside'"):
        sp.panel_text(dict(INPUTS), 34.56, 34.56, 100.0, 10.0,
                      {"impasse": results(30.0)["impasse"]}, "outside")
    # Without a deal each side keeps its fallback, so iran + us need not be S.
    sp.plot_split_bars(ax, results(95.0), 100.0)


def test_updates_refuse_an_axes_the_module_did_not_draw():
    blank, bars = axes(), axes()
    sp.plot_split_bars(bars, results(30.0), 100.0)
    with pytest.raises(ParameterError, match="ax must be an Axes drawn by plot_share_curves"):
        sp.set_share_state(blank, 100.0, 10.0, 0.5, 20.0, "impasse")
    with pytest.raises(ParameterError, match="ax must be an Axes drawn by plot_share_curves"):
        sp.set_share_state(bars, 100.0, 10.0, 0.5, 20.0, "impasse")
    with pytest.raises(ParameterError, match="ax must be an Axes drawn by plot_split_bars"):
        sp.set_split_bars(blank, results(30.0), 100.0, "impasse")


def test_timeline_refuses_unknown_measures_precisions_and_repeated_ids():
    bad = events().assign(measure=["agreement", "embargo", "talks"])
    with pytest.raises(ParameterError, match=r"events\['measure'\] must hold one of .*'embargo'"):
        sp.plot_jcpoa_timeline(axes(), bad)
    bad = events().assign(date_precision=["day", "year", "day"])
    with pytest.raises(ParameterError, match=r"events\['date_precision'\] must hold one of"):
        sp.timeline_figure(bad)
    bad = events().assign(event_id=["SE01", "SE01", "SE16"])
    with pytest.raises(ParameterError, match=r"distinct ids, repeated: \['SE01'\]"):
        sp.plot_jcpoa_timeline(axes(), bad)


def test_brent_labels_must_be_months_of_the_series_and_dates_may_be_strs():
    brent = pd.DataFrame({"date": ["2022-01-15", "2022-02-15"], "price": [86.51, 97.13]})
    marks = pd.DataFrame({"date": ["2022-02-24"], "label": ["invasion"]})
    with pytest.raises(ParameterError, match=r"label_dates\[0\] must be one of the dates of "
                                             r"brent\['date'\], got '2022-02-01'"):
        sp.plot_brent(axes(), brent, marks, ["2022-02-01"])
    fig = sp.brent_figure(brent, marks, ["2022-02-15"])  # date strs are read as dates
    assert "Jan 2022 to Feb 2022" in fig.axes[0].get_title()


def test_freeze_static_needs_a_canvas_that_renders_to_pixels():
    with pytest.raises(ParameterError, match="fig must have a canvas that renders to pixels"):
        sp.freeze_static(Figure(), set())

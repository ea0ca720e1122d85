"""The oil figures (notebook 04) and the small tables behind them.

The frames built inline are *illustrative*: they test the machinery, not the course data. A few
tests read the course data to check the shaping that the notebook relies on.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import data
from helpers.checks import ParameterError
from helpers.plots import oil as op
from helpers.plots import style

CUTOFF = pd.Timestamp("2022-07-19")


def _ax() -> Axes:
    return Figure().add_subplot()


def _gids(ax: Axes) -> set[str]:
    return {a.get_gid() for a in ax.get_children() if a.get_gid()}


def _texts(fig: Figure) -> list[str]:
    out = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
    return out


def _unescaped_dollar(texts: list[str]) -> list[str]:
    return [t for t in texts if re.search(r"(?<!\\)\$", t)]


# ----------------------------------------------------------------------------- tables


def test_tracker_label_names_advocacy_groups():
    assert op.tracker_label("UANI") == "UANI (advocacy group)"
    assert "advocacy group" in op.tracker_label("TankerTrackers/UANI")
    assert op.tracker_label("Kpler") == "Kpler"


def test_urals_gap_is_brent_minus_urals_over_the_same_months():
    brent = pd.DataFrame({"date": pd.to_datetime(["2022-01-15", "2022-02-15", "2022-03-15",
                                                  "2022-08-15"]),
                          "price": [90.0, 100.0, 110.0, 100.0]})
    urals = pd.DataFrame({
        "period_start": pd.to_datetime(["2022-01-01", "2022-08-01", "2022-01-01"]),
        "period_end": pd.to_datetime(["2022-03-31", "2022-08-31", "2022-05-31"]),
        "period_type": ["multi_month_avg", "month", "cumulative_avg"],
        "measure": ["urals_price"] * 3, "value": [80.0, 75.0, 70.0],
        "derived": [True, False, False], "sources": ["S-1", "S-2", "S-3"]})
    gaps = op.urals_gap(urals, brent, CUTOFF)
    assert list(gaps["period"]) == ["Jan-Mar 2022 (mean)", "Aug 2022"]  # cumulative left out
    assert gaps["brent"].tolist() == [100.0, 100.0]
    assert gaps["gap_usd"].tolist() == [20.0, 25.0]
    assert gaps["gap_pct"].tolist() == [20.0, 25.0]
    assert gaps["before_article"].tolist() == [True, False]
    assert gaps["urals_derived"].tolist() == [True, False]


def test_urals_gap_on_the_course_data_matches_hand_arithmetic():
    gaps = op.urals_gap(data.load("urals_monthly"), data.load("brent_monthly"), CUTOFF)
    april = gaps.set_index("period").loc["Apr 2022"]
    assert april["gap_usd"] == pytest.approx(104.58 - 70.52)
    assert gaps["before_article"].sum() == gaps["end"].lt(CUTOFF).sum()


def _estimates() -> pd.DataFrame:
    rows = [("A", "2022-01-01", "2022-01-31", "export_rate", 700.0, None, None, "Kpler"),
            ("B", "2022-01-01", "2022-01-31", "export_rate", 1000.0, None, None, "SVB"),
            ("C", "2022-01-01", "2022-01-31", "import_rate_china", None, 200.0, 250.0,
             "unnamed"),
            ("D", "2022-01-01", "2022-01-31", "import_rate_china", 650.0, None, None, "Vortexa"),
            ("E", "2022-02-01", "2022-02-28", "export_rate", 800.0, None, None, "Kpler"),
            ("F", "2022-01-01", "2022-01-31", "share_to_china", 70.0, None, None, "UANI")]
    frame = pd.DataFrame(rows, columns=["row_id", "period_start", "period_end", "measure",
                                        "value", "value_low", "value_high", "tracker"])
    frame[["period_start", "period_end"]] = frame[["period_start", "period_end"]].apply(
        pd.to_datetime)
    frame["unit"] = np.where(frame["measure"] == "share_to_china", "percent", "bpd")
    frame["qualifier"] = ["about", "as_reported", "as_reported", "more_than", "tentative",
                          "as_reported"]
    return frame


def test_tracker_band_spans_min_to_max_and_never_averages():
    band = op.tracker_band(_estimates()).set_index("measure")
    assert list(band.index) == ["export_rate", "import_rate_china"]  # one-estimate months out
    assert band.loc["export_rate", ["lowest", "highest", "spread"]].tolist() == [700, 1000, 300]
    # a range counts by its ends: 200-250 against 650
    assert band.loc["import_rate_china", ["lowest", "highest"]].tolist() == [200, 650]
    assert band.loc["import_rate_china", "estimates"] == 2


def test_wording_window_reads_vague_dates():
    assert op.wording_window("early April 2022") == (pd.Timestamp("2022-04-01"),
                                                     pd.Timestamp("2022-04-10"))
    assert op.wording_window("mid-May 2022")[1] == pd.Timestamp("2022-05-20")
    assert op.wording_window("end of February 2022")[1] == pd.Timestamp("2022-02-28")
    with pytest.raises(ValueError, match="as_of"):
        op.wording_window("spring 2022")


def test_storage_points_count_days_from_the_origin():
    pts = op.storage_points(data.load("iran_floating_storage"), origin="FS02").set_index("row_id")
    assert pts.loc["FS02", ["day_lo", "day_hi"]].tolist() == [0, 0]
    # mid-May (11-20 May) after early April (1-10 Apr): 31 to 49 days
    assert pts.loc["FS03", ["day_lo", "day_hi", "day_mid"]].tolist() == [31, 49, 40]
    assert pts.loc["FS01", "day_hi"] < 0  # end of March comes before the origin
    assert "tanker_count" not in set(pts["as_of"])  # volumes only
    assert len(pts) == 5
    # capped at the story that reported them: "mid-May" on 19 May is 11-19 May (days 31-48)
    capped = op.storage_points(data.load("iran_floating_storage"), origin="FS02",
                               not_after=pd.Timestamp("2022-05-19")).set_index("row_id")
    for row in ("FS03", "FS04", "FS05"):
        assert capped.loc[row, "end"] == pd.Timestamp("2022-05-19")
        assert capped.loc[row, ["day_lo", "day_hi"]].tolist() == [31, 48]
    assert capped.loc["FS02", "end"] == pts.loc["FS02", "end"]  # earlier windows untouched


# ---------------------------------------------------------------------------- figures


def _marks() -> dict[str, pd.Timestamp]:
    return {"invasion, 24 Feb 2022": pd.Timestamp("2022-02-24"), "article": CUTOFF}


def test_prices_figure_has_two_panels_titles_units_and_escaped_dollars():
    brent, urals = data.load("brent_monthly"), data.load("urals_monthly")
    gaps = op.urals_gap(urals, brent, CUTOFF)
    fig = op.prices_figure(brent, gaps, cutoff=CUTOFF, marks=_marks(),
                           reuters_avg=(pd.Timestamp("2022-04-01"), pd.Timestamp("2022-06-30"),
                                        34.85))
    top, bottom = fig.axes
    assert top.get_title() and bottom.get_title()
    assert "barrel" in top.get_ylabel() and "barrel" in bottom.get_ylabel()
    assert {"brent", "brent-after", "urals", "urals-after"} <= _gids(top)
    assert "reuters-avg" in _gids(bottom)
    assert "gap-mean:Jan-Mar 2022 (mean)" in _gids(bottom)  # the derived mean is labelled
    assert not _unescaped_dollar(_texts(fig))
    # the greyed Brent line starts at the last month before the article (no gap)
    after = next(a for a in top.lines if a.get_gid() == "brent-after")
    assert pd.Timestamp(after.get_xdata()[0]) == pd.Timestamp("2022-06-15")


def test_sources_published_after_the_article_are_drawn_hollow():
    brent, urals = data.load("brent_monthly"), data.load("urals_monthly")
    gaps = op.urals_gap(urals, brent, CUTOFF)
    gaps["published_later"] = gaps["period"].isin(["Jun 2022"])
    fig = op.prices_figure(brent, gaps, cutoff=CUTOFF, marks=_marks(),
                           reuters_avg=(pd.Timestamp("2022-04-01"), pd.Timestamp("2022-06-30"),
                                        34.85), reuters_note="published Sep 2023")
    top, bottom = fig.axes
    bars = {p.get_gid(): p for p in bottom.patches if p.get_gid()}
    assert bars["gap:Jun 2022"].get_facecolor() != bars["gap:May 2022"].get_facecolor()
    assert "urals-later" in _gids(top)
    labels = [t.get_text() for t in bottom.get_legend().get_texts()]
    assert any("published Sep 2023" in t for t in labels)
    assert any("published after" in t for t in labels)


def test_plot_imports_greys_periods_after_the_article():
    imp = data.load("china_crude_imports_russia")
    rows = imp[(imp["supplier"] == "RUS") & (imp["period_type"] == "month")
               & (imp["period_start"].dt.year == 2022)].copy()
    rows["top_supplier"] = rows["notes"].fillna("").str.contains("top supplier")
    ax = op.plot_imports(_ax(), rows, cutoff=CUTOFF, reference=("2021 average", 1.59))
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    assert bars["imports:CN12"].get_height() == pytest.approx(1.98)
    assert bars["imports:CN12"].get_facecolor() != bars["imports:CN15"].get_facecolor()
    assert "reference" in _gids(ax)
    assert ax.get_title() and ax.get_ylabel()
    # one tick per bar, named by its month; the year is in the axis label
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ticks) == len(rows) and "May" in ticks and "Dec" in ticks
    assert "2022" in ax.get_xlabel()
    # value labels sit on a white box above the dashed reference line
    label = next(t for t in ax.texts if t.get_gid() == "value:CN12")
    line = next(a for a in ax.lines if a.get_gid() == "reference")
    assert label.get_bbox_patch() is not None and label.get_zorder() > line.get_zorder()
    # a month that ended before the article but was published after it is greyed too
    rows["published_later"] = rows["row_id"] == "CN13"
    later = op.plot_imports(_ax(), rows, cutoff=CUTOFF)
    bars = {p.get_gid(): p for p in later.patches if p.get_gid()}
    assert bars["imports:CN13"].get_facecolor() == bars["imports:CN15"].get_facecolor()
    assert bars["imports:CN13"].get_facecolor() != bars["imports:CN12"].get_facecolor()


def test_plot_tracker_estimates_keeps_each_tracker_apart():
    est = _estimates()
    band = op.tracker_band(est)
    ax = op.plot_tracker_estimates(_ax(), est, "export_rate", band)
    gids = _gids(ax)
    assert {"pt:A", "pt:B", "pt:E", "band:export_rate:0"} <= gids
    labels = ax.get_legend_handles_labels()[1]
    assert "Kpler" in labels and "SVB" in labels
    assert any("spread" in t.get_text() for t in ax.get_legend().get_texts())
    assert "q:E" in gids  # 'tentative' is labelled
    china = op.plot_tracker_estimates(_ax(), est, "import_rate_china", band)
    assert "range:C" in _gids(china)


def test_trackers_figure_names_the_advocacy_group_in_its_legend():
    est = data.load("iran_crude_exports_estimates")
    pre = est[(est["period_end"] < CUTOFF) & (est["period_start"].dt.year >= 2021)]
    fig = op.trackers_figure(pre, op.tracker_band(pre), marks={"article": CUTOFF})
    legend = [t.get_text() for ax in fig.axes for t in ax.get_legend().get_texts()]
    assert any("advocacy group" in t for t in legend)
    assert all(ax.get_title() for ax in fig.axes)


def test_plot_storage_record_and_path():
    pts = op.storage_points(data.load("iran_floating_storage"), origin="FS02")
    ax = op.plot_storage_record(_ax(), pts, marks={"Reuters": pd.Timestamp("2022-05-19"),
                                                   "article": CUTOFF})
    age = next(t for t in ax.texts if t.get_gid() == "age-label")
    assert age.get_text() == "61 days"
    path = op.plot_storage_path(_ax(), [22.0, 23.0, 24.0], pts)
    line = next(a for a in path.lines if a.get_gid() == "path")
    assert line.get_ydata().tolist() == [22.0, 23.0, 24.0]
    assert "kpler:FS03" in _gids(path) and "kpler:FS01" not in _gids(path)


def test_plot_grade_volumes_draws_one_bar_per_grade():
    ax = op.plot_grade_volumes(_ax(), ["a", "b"], [0.5, 1.0], ["A", "B"],
                               [style.OKABE_ITO["blue"], style.OKABE_ITO["orange"]])
    heights = {p.get_gid(): p.get_height() for p in ax.patches}
    assert heights == {"bar:a": 0.5, "bar:b": 1.0}
    offered = op.plot_grade_volumes(_ax(), ["a", "b"], [0.5, 1.0], ["A", "B"],
                                    [style.OKABE_ITO["blue"], style.OKABE_ITO["orange"]],
                                    offered=("b", 1.2))
    line = next(a for a in offered.lines if a.get_gid() == "offered")
    assert line.get_ydata().tolist() == [1.2, 1.2]
    assert min(line.get_xdata()) < 1 < max(line.get_xdata())  # across bar "b"
    assert "B" in line.get_label()


# ------------------------------------------------------- rules across arguments and rows
# (the fuzz suite probes one argument at a time; these need two, or a row against another)


def test_grade_volumes_labels_and_colors_must_match_the_grades():
    colors = [style.OKABE_ITO["blue"], style.OKABE_ITO["orange"]]
    with pytest.raises(ParameterError, match=r"volumes must have one entry per grade \(2"):
        op.plot_grade_volumes(_ax(), ["a", "b"], [0.5], ["A", "B"], colors)
    with pytest.raises(ParameterError, match="labels must have one entry per grade"):
        op.plot_grade_volumes(_ax(), ["a", "b"], [0.5, 1.0], ["A"], colors)
    with pytest.raises(ParameterError, match="colors must have one entry per grade"):
        op.plot_grade_volumes(_ax(), ["a", "b"], [0.5, 1.0], ["A", "B"], colors[:1])
    with pytest.raises(ParameterError, match=r"offered\[0\] \(a grade\) must be one of"):
        op.plot_grade_volumes(_ax(), ["a", "b"], [0.5, 1.0], ["A", "B"], colors,
                              offered=("c", 1.0))


def test_urals_gap_needs_brent_in_every_urals_period():
    brent = data.load("brent_monthly")
    spring = brent[brent["date"] < pd.Timestamp("2022-04-01")]
    with pytest.raises(ParameterError, match="brent must have a price in the months"):
        op.urals_gap(data.load("urals_monthly"), spring, CUTOFF)


def test_periods_must_not_end_before_they_start():
    urals = data.load("urals_monthly").copy()
    urals.loc[0, "period_end"] = pd.Timestamp("2020-01-01")
    with pytest.raises(ParameterError, match=r"urals rows must have period_start <= period_end"):
        op.urals_gap(urals, data.load("brent_monthly"), CUTOFF)
    est = _estimates()
    est.loc[0, "period_start"] = pd.Timestamp("2023-01-01")
    with pytest.raises(ParameterError, match="estimates rows must have period_start"):
        op.tracker_band(est)


def test_plot_prices_needs_a_brent_month_before_the_cutoff():
    brent = data.load("brent_monthly")
    gaps = op.urals_gap(data.load("urals_monthly"), brent, CUTOFF)
    with pytest.raises(ParameterError, match="brent must have at least one month that ended"):
        op.plot_prices(_ax(), brent, gaps, cutoff=pd.Timestamp("2020-01-01"), marks={})


def test_a_rate_without_a_value_needs_both_ends_of_its_range():
    est = _estimates()
    est.loc[2, "value_high"] = None  # row C: a range with its top missing
    with pytest.raises(ParameterError, match=r"needs a value, or value_low <= value_high.* "
                                             r"in row 2$"):
        op.tracker_band(est)
    est = _estimates()
    est.loc[2, ["value_low", "value_high"]] = [300.0, 250.0]
    with pytest.raises(ParameterError, match="value_low <= value_high"):
        op.plot_tracker_estimates(_ax(), est, "import_rate_china")


def test_storage_points_refuse_unreadable_wordings_and_repeated_rows():
    storage = data.load("iran_floating_storage").copy()
    storage.loc[2, "as_of"] = "early Smarch 2022"  # the form, but no month of that name
    with pytest.raises(ParameterError, match=r"storage\['as_of'\] in row 2 must read"):
        op.storage_points(storage, origin="FS02")
    with pytest.raises(ParameterError, match="as_of must read"):
        op.wording_window("early Smarch 2022")
    storage = data.load("iran_floating_storage").copy()
    storage.loc[3, "row_id"] = "FS03"
    with pytest.raises(ParameterError, match=r"must hold distinct ids, repeated: \['FS03'\]"):
        op.storage_points(storage, origin="FS02")
    with pytest.raises(ParameterError, match="origin"):
        op.storage_points(data.load("iran_floating_storage"), origin="FS99")


def test_storage_windows_must_be_in_order():
    pts = op.storage_points(data.load("iran_floating_storage"), origin="FS02")
    late = pts.assign(day_lo=pts["day_hi"] + 1)
    with pytest.raises(ParameterError, match="points rows must have day_lo <= day_mid"):
        op.plot_storage_path(_ax(), [22.0], late)
    swapped = pts.assign(start=pts["end"], end=pts["start"])
    with pytest.raises(ParameterError, match="points rows must have start <= end"):
        op.plot_storage_record(_ax(), swapped, marks={})


def test_zoom_backgrounds_take_axes_of_their_own_figure_and_hashable_keys():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(3, 2), dpi=50)
    FigureCanvasAgg(fig)
    axes = fig.add_subplot()
    (line,) = axes.plot([0, 1], [0, 1])
    with pytest.raises(ParameterError, match=r"axes\[0\] must be an Axes of fig"):
        op.ZoomBackgrounds(fig, [_ax()], [line], lambda key: None)
    with pytest.raises(ParameterError, match="fig must be drawn by an Agg canvas"):
        op.ZoomBackgrounds(Figure(), [Figure().add_subplot()], [], lambda key: None)
    frozen = op.ZoomBackgrounds(fig, [axes], [line], lambda key: axes.set_xlim(0, key[0]))
    frozen.show((2,))
    assert len(frozen.layers) == 1
    with pytest.raises(ParameterError, match="key must be hashable"):
        frozen.show([2])

"""The figures of notebook 03 (helpers.plots.astana): participation, timeline, bargaining space.

The ideal points here are the notebook's *illustrative* inputs, not data; the tables are inline
or the course's own datasets.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.path import Path

from helpers import data
from helpers.checks import ParameterError
from helpers.models.astana import astana_bargain, convex_hull, in_win_set
from helpers.plots import astana as ap
from helpers.plots import style
from helpers.plots.rendering import StaticLayer

IDEALS = {"RUS": (0.85, 0.35), "IRN": (0.95, 0.10), "TUR": (0.30, 0.90)}
Q = (0.6, 0.6)
OPTION = ("TUR", (0.55, 0.95))


def by_gid(ax: Axes) -> dict:
    return {a.get_gid(): a for a in ax.get_children() if a.get_gid()}


def pixels(fig: Figure, canvas: FigureCanvasAgg | None = None) -> np.ndarray:
    canvas = canvas or FigureCanvasAgg(fig)
    with style.course_style():
        canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


# ----------------------------------------------------------------------------- participation


def matrix() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    held = pd.DataFrame({1: [True, True, False], 2: [True, True, True], 3: [True, False, True]},
                        index=["RUS", "USA", "JOR"])
    named = pd.DataFrame({1: [False, True, False], 2: [False, False, True],
                          3: [False, False, False]}, index=held.index)
    roles = pd.Series({"RUS": "guarantor", "USA": "observer", "JOR": "observer"})
    return held, named, roles


def test_participation_draws_one_cell_per_seat_and_a_dot_per_named_observer():
    held, named, roles = matrix()
    ax = Figure().add_subplot()
    assert ap.plot_participation(ax, held, named, roles, after_round=3) is ax
    arts = by_gid(ax)
    cells = sorted(g for g in arts if g.startswith("cell:"))
    assert cells == sorted(f"cell:{a}:{r}" for a in held.index for r in held.columns
                           if held.loc[a, r])
    assert arts["cell:RUS:1"].get_facecolor()[:3] == pytest.approx(
        tuple(int(style.actor_color("RUS")[i:i + 2], 16) / 255 for i in (1, 3, 5)))
    assert list(arts["named:USA"].get_xdata()) == [1]
    assert list(arts["named:JOR"].get_xdata()) == [2]
    assert "after" in arts
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Jordan · observer", "United States · observer", "Russia · guarantor"]


def test_participation_rejects_mismatched_tables():
    held, named, roles = matrix()
    with pytest.raises(ValueError, match="same actors"):
        ap.plot_participation(Figure().add_subplot(), held, named.iloc[:2], roles)


def test_participation_figure_from_the_course_data():
    rounds = data.load("astana_rounds")
    parts = data.load("astana_participants").set_index("actor_id")
    last = parts["last_round"].fillna(rounds["round"].max())
    held = pd.DataFrame({r: (parts["first_round"] <= r) & (last >= r) for r in rounds["round"]})
    named = pd.DataFrame({r: held.index.isin(str(o).split(";")) for r, o in
                          zip(rounds["round"], rounds["observers"].fillna(""), strict=True)},
                         index=held.index)
    fig = ap.participation_figure(held, named, parts["role"], after_round=19)
    ax = fig.axes[0]
    cells = [g for g in by_gid(ax) if g.startswith("cell:USA:")]
    assert len(cells) == 8  # observer in rounds 1-8 (astana_participants.csv)
    assert ax.get_title().startswith("Who sat at the table")


# ---------------------------------------------------------------------------------- timeline


def timeline_inputs():
    rounds = pd.DataFrame({"round": [1, 2, 3], "city": ["Astana", "Sochi", "Astana"],
                           "date": pd.to_datetime(["2017-01-23", "2018-07-30", "2022-11-22"]),
                           "approximate": [False, False, True]})
    summits = pd.DataFrame({"summit": [1, 2], "date": pd.to_datetime(["2017-11-22", "2020-07-01"]),
                            "city": ["Sochi", None], "format": ["in_person", "video"]})
    milestones = pd.DataFrame({"date": pd.to_datetime(["2017-05-04"]),
                               "label": ["Memorandum ($)"]})
    return rounds, summits, milestones


def test_timeline_marks_later_rounds_hollow_and_video_summits_open():
    rounds, summits, milestones = timeline_inputs()
    article = pd.Timestamp("2022-07-19")
    ax = Figure().add_subplot()
    span = (pd.Timestamp("2019-12-11"), pd.Timestamp("2021-02-16"), "gap")
    assert ap.plot_rounds_timeline(ax, rounds, summits, milestones, article_date=article,
                                   spans=[span], lines=[(pd.Timestamp("2019-03-23"), "r")]) is ax
    arts = by_gid(ax)
    assert arts["round:1"].get_markerfacecolor() != "white"
    assert arts["round:3"].get_markerfacecolor() == "white"  # after the article
    assert arts["round:2"].get_marker() == ap.CITY_STYLE["Sochi"][1]
    assert arts["summit:2"].get_markerfacecolor() == "white"  # video conference
    texts = [t.get_text() for t in ax.texts]
    assert "3≈" in texts and "2 video" in texts and "1 Sochi" in texts
    assert r"Memorandum (\$)" in texts
    assert {"article", "after", "span", "mark"} <= set(arts)


def test_timeline_legend_explains_the_approximate_mark():
    rounds, summits, milestones = timeline_inputs()
    article = pd.Timestamp("2022-07-19")
    ax = ap.plot_rounds_timeline(Figure().add_subplot(), rounds, summits, milestones,
                                 article_date=article)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("month only" in lbl for lbl in labels)
    marks = [h.get_marker() for h in ax.get_legend().legend_handles]
    assert r"$\approx$" in marks  # the legend shows the mark it explains
    exact = rounds.assign(approximate=False)
    ax = ap.plot_rounds_timeline(Figure().add_subplot(), exact, summits, milestones,
                                 article_date=article)
    assert not any("month only" in t.get_text() for t in ax.get_legend().get_texts())


def test_timeline_figure_has_a_title():
    rounds, summits, milestones = timeline_inputs()
    fig = ap.timeline_figure(rounds, summits, milestones, article_date=pd.Timestamp("2022-07-19"))
    assert fig.axes[0].get_title().startswith("The Astana format in time")


# ------------------------------------------------------------------------- bargaining space


def test_winset_mask_matches_in_win_set_on_the_cell_centres():
    mask = ap.winset_mask(IDEALS, OPTION[1], resolution=40)
    assert mask.shape == (40, 40) and mask.any()
    c = (np.arange(40) + 0.5) / 40
    i, j = 7, 13  # row i is y, column j is x
    assert mask[i, j] == in_win_set([(c[j], c[i])], IDEALS, OPTION[1])[0]
    assert mask.sum() == in_win_set(np.array([(x, y) for y in c for x in c]), IDEALS,
                                    OPTION[1]).sum()
    assert not ap.winset_mask(IDEALS, Q, resolution=40).any()  # q on the hull: gridlock


def test_winset_polygon_outlines_the_grid_win_set():
    outline = ap.winset_polygon(IDEALS, OPTION[1])
    assert outline.shape[1] == 2 and len(outline) > 100
    centre = outline.mean(axis=0)
    inner = centre + 0.98 * (outline - centre)  # just inside the boundary
    assert in_win_set(inner, IDEALS, OPTION[1]).mean() > 0.97
    outer = centre + 1.05 * (outline - centre)
    assert not in_win_set(outer, IDEALS, OPTION[1]).any()
    angles = np.unwrap(np.arctan2(*(outline - centre).T[::-1]))
    assert np.all(np.diff(angles) > 0)  # counter-clockwise, convex
    mask = ap.winset_mask(IDEALS, OPTION[1], resolution=80)
    c = (np.arange(80) + 0.5) / 80
    grid = np.array([(x, y) for y in c for x in c])
    inside = Path(outline).contains_points(grid).reshape(80, 80)
    assert (inside != mask).mean() < 0.005  # differ only in boundary cells
    assert ap.winset_polygon(IDEALS, Q).shape == (0, 2)  # tangent discs: gridlock


def draw(result, option=OPTION, option_on=True) -> Axes:
    ax = Figure().add_subplot()
    return ap.plot_bargain(ax, IDEALS, Q, result, option=option, option_on=option_on)


def test_bargain_with_a_credible_option_shows_the_deal_and_the_win_set():
    res = astana_bargain(IDEALS, Q, unilateral=OPTION)
    ax = draw(res)
    arts = by_gid(ax)
    assert arts["deal"].get_visible()
    assert arts["deal"].get_xydata()[0] == pytest.approx(res.point)
    assert arts["compromise"].get_xydata()[0] == pytest.approx(res.compromise)
    assert arts["winset"].get_visible() and len(arts["winset"].get_xy()) > 100
    assert arts["hull"].get_xy()[:3] == pytest.approx(convex_hull(IDEALS))
    for a, theta in IDEALS.items():
        xs, ys = arts[f"circle:{a}"].get_data()
        radius = math.dist(theta, res.reversion)
        assert np.hypot(xs - theta[0], ys - theta[1]) == pytest.approx(radius)
        assert arts[f"ideal:{a}"].get_xydata()[0] == pytest.approx(theta)
        assert arts[f"label:{a}"].get_text() == style.actor_name(a)
    assert arts["option"].get_markerfacecolor() == style.actor_color("TUR")
    assert arts["option_label"].get_text() == "z (credible)"
    assert ax.get_title().startswith("Deal at (0.438, 0.749)")
    assert ax.get_xlabel() == ap.AXIS_LABELS[0] and "illustrative" in ax.get_ylabel()


def test_bargain_labels_sit_beside_their_markers_and_the_compromise_stands_out():
    res = astana_bargain(IDEALS, Q, unilateral=OPTION)
    arts = by_gid(draw(res))
    for a, (x, y) in IDEALS.items():
        lx, ly = arts[f"label:{a}"].get_position()
        assert abs(lx - x) < 0.05 and abs(ly - y) < 0.03  # next to its own marker
        cx, cy = res.compromise
        assert math.dist((lx, ly), (x, y)) < math.dist((lx, ly), (cx, cy))
    comp = arts["compromise"]
    assert comp.get_markerfacecolor() == "white" and comp.get_markeredgecolor() == "black"
    assert comp.get_marker() == "D"


def test_bargain_gridlock_hides_the_deal_and_empties_the_win_set():
    res = astana_bargain(IDEALS, Q)
    ax = draw(res, option_on=False)
    arts = by_gid(ax)
    assert not arts["deal"].get_visible() and not arts["move"].get_visible()
    assert not arts["winset"].get_visible()
    assert arts["option"].get_markerfacecolor() == "white"
    assert arts["option_label"].get_text() == "z (off)"
    assert ax.get_title().startswith("Gridlock")
    no_option = ap.plot_bargain(Figure().add_subplot(), IDEALS, Q, res)
    assert not by_gid(no_option)["option"].get_visible()


def test_update_bargain_moves_the_same_artists():
    ax = draw(astana_bargain(IDEALS, Q))
    before = {g: id(a) for g, a in by_gid(ax).items()}
    moved = dict(IDEALS, RUS=(0.8, 0.2))
    res = astana_bargain(moved, Q, unilateral=OPTION)
    ap.update_bargain(ax, moved, Q, res, option=OPTION, option_on=True)
    arts = by_gid(ax)
    assert {g: id(a) for g, a in arts.items()} == before
    assert arts["ideal:RUS"].get_xydata()[0] == pytest.approx((0.8, 0.2))
    assert arts["deal"].get_visible()


def test_table_alt_text_and_panel_carry_the_numbers():
    res = astana_bargain(IDEALS, Q, unilateral=OPTION)
    kw = {"option": OPTION, "option_on": True, "weights": {"TUR": 2.0}}
    table = ap.bargain_table(IDEALS, Q, res, **kw)
    assert list(table["point"]) == [
        "Russia ideal point", "Iran ideal point", "Turkey ideal point", "status quo q",
        "Turkey's option z (credible)", "reversion point", "compromise (weighted mean)", "deal"]
    assert table.iloc[-1][["x", "y"]].tolist() == pytest.approx([0.438, 0.749])
    assert table.loc[2, "weight"] == 2.0 and table.loc[0, "gain over reversion"] == 0.1212
    alt = ap.bargain_alt_text(IDEALS, Q, res, **kw)
    assert "(0.438, 0.749)" in alt and "credible and becomes the reversion" in alt
    assert "Illustrative" in alt and "Turkey 0.0231" in alt
    lines = ap.panel_lines(IDEALS, Q, res, **kw)
    assert any("Deal" in ln and "(0.438, 0.749)" in ln for ln in lines)
    assert any("Turkey" in ln and "weight 2.0" in ln for ln in lines)
    stuck = astana_bargain(IDEALS, Q)
    assert "gridlock" in ap.bargain_alt_text(IDEALS, Q, stuck)
    assert ap.bargain_table(IDEALS, Q, stuck).iloc[-1]["point"].startswith("outcome: gridlock")


def test_bargain_figure_escapes_dollars_in_its_title():
    res = astana_bargain(IDEALS, Q, unilateral=OPTION)
    fig = ap.bargain_figure(IDEALS, Q, res, option=OPTION, option_on=True, title="A $5 deal")
    assert fig._suptitle.get_text() == r"A \$5 deal"
    pixels(fig)  # renders


def test_static_gridlock_figure_lists_only_what_it_draws():
    stuck = astana_bargain(IDEALS, Q)
    labels = [t.get_text() for t in ap.bargain_figure(IDEALS, Q, stuck).axes[0]
              .get_legend().get_texts()]
    assert not any(lab.startswith(("win-set", "deal", "from the")) for lab in labels)
    assert "status quo q" in labels
    live = ap.plot_bargain(Figure().add_subplot(), IDEALS, Q, stuck)
    assert any(t.get_text().startswith("deal") for t in live.get_legend().get_texts())


def test_freeze_keeps_the_picture_and_redraws_stay_live():
    res = astana_bargain(IDEALS, Q, unilateral=OPTION)
    with style.course_style():
        fig = Figure(figsize=(8, 5), dpi=100)
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_axes((0.1, 0.1, 0.5, 0.8))
        ap.plot_bargain(ax, IDEALS, Q, res, option=OPTION, option_on=True)
    before = pixels(fig, canvas)
    stamps = ap.freeze_bargain(ax, canvas)
    frozen = pixels(fig, canvas)
    assert set(stamps) == set(IDEALS)
    assert any(isinstance(a, StaticLayer) for a in fig.get_children())
    assert not ax.xaxis.get_visible() and not by_gid(ax)["label:RUS"].get_visible()
    differ = (np.abs(before.astype(int) - frozen.astype(int)).max(axis=2) > 0).mean()
    assert differ < 0.02  # only the name labels move by a pixel or two
    stuck = astana_bargain(IDEALS, Q)
    ap.update_bargain(ax, IDEALS, Q, stuck, option=OPTION, option_on=False)
    ap.place_stamps(ax, stamps)
    assert not np.array_equal(pixels(fig, canvas), frozen)
    left, right = stamps["IRN"]  # Iran's label sits left of its point (x >= 0.8)
    assert right.get_visible() and not left.get_visible()


# ------------------------------------------------------------------- cross-argument checks
# (rules between arguments that the fuzz suite, which varies one argument at a time, cannot
# express)


def test_the_result_must_come_from_the_inputs_drawn():
    deal = astana_bargain(IDEALS, Q, unilateral=OPTION)
    other = astana_bargain({"RUS": (0.8, 0.3), "TUR": (0.3, 0.9)}, Q)
    with pytest.raises(ParameterError, match=r"ideals must hold the actors of result"):
        ap.bargain_table(IDEALS, Q, other)
    with pytest.raises(ParameterError, match=r"option must be .* option_on must be True"):
        ap.panel_lines(IDEALS, Q, deal, option=OPTION, option_on=False)
    with pytest.raises(ParameterError, match=r"option\[1\] must be the z"):
        ap.bargain_alt_text(IDEALS, Q, deal, option=("TUR", (0.5, 0.95)), option_on=True)
    stuck = astana_bargain(IDEALS, Q)
    assert draw(stuck, option=None, option_on=False)  # drawn with its own status quo
    with pytest.raises(ParameterError, match=r"status_quo must be the status quo"):
        ap.plot_bargain(Figure().add_subplot(), IDEALS, (0.5, 0.5), stuck)


def test_figures_need_registry_actors_but_tables_take_any_name():
    ideals = {"A": (0.2, 0.2), "B": (0.8, 0.2), "C": (0.5, 0.8)}
    res = astana_bargain(ideals, (0.5, 0.05))
    assert ap.bargain_table(ideals, (0.5, 0.05), res).loc[0, "point"] == "A ideal point"
    with pytest.raises(ParameterError, match=r"ideals keys must be actor ids of actors.csv"):
        ap.plot_bargain(Figure().add_subplot(), ideals, (0.5, 0.05), res)


def test_redraw_functions_need_the_axes_drawn_by_plot_bargain():
    res = astana_bargain(IDEALS, Q, unilateral=OPTION)
    with pytest.raises(ParameterError, match=r"ax must be an Axes drawn by plot_bargain"):
        ap.update_bargain(Figure().add_subplot(), IDEALS, Q, res, option=OPTION,
                          option_on=True)
    two = {"RUS": IDEALS["RUS"], "TUR": IDEALS["TUR"]}
    ax = ap.plot_bargain(Figure().add_subplot(), two, Q, astana_bargain(two, Q))
    with pytest.raises(ParameterError, match=r"ideals must hold the actors drawn on ax"):
        ap.update_bargain(ax, IDEALS, Q, res, option=OPTION, option_on=True)
    fig = Figure()
    canvas = FigureCanvasAgg(fig)
    ax = ap.plot_bargain(fig.add_subplot(), IDEALS, Q, res, option=OPTION, option_on=True)
    with pytest.raises(ParameterError, match=r"canvas must be the canvas of ax's figure"):
        ap.freeze_bargain(ax, FigureCanvasAgg(Figure()))
    stamps = ap.freeze_bargain(ax, canvas)
    with pytest.raises(ParameterError, match=r"stamps keys must be the actors drawn on ax"):
        ap.place_stamps(ax, {**stamps, "USA": stamps["RUS"]})


def test_participation_checks_roles_and_the_article_round():
    held, named, roles = matrix()
    ax = Figure().add_subplot()
    with pytest.raises(ParameterError, match=r"after_round must be an integer in \[1, 3\]"):
        ap.plot_participation(ax, held, named, roles, after_round=4)
    with pytest.raises(ParameterError, match=r"roles must give the role of every actor"):
        ap.plot_participation(ax, held, named, roles.drop("JOR"))
    with pytest.raises(ParameterError, match=r"roles\['USA'\] must be one of"):
        ap.plot_participation(ax, held, named, roles.replace("observer", "guest"))
    nullable = held.astype("boolean")  # the notebook's seats table has this dtype
    ap.plot_participation(Figure().add_subplot(), nullable, named, roles)
    nullable.loc["RUS", 1] = pd.NA
    with pytest.raises(ParameterError, match=r"held\[1\] must hold True or False"):
        ap.plot_participation(Figure().add_subplot(), nullable, named, roles)


def test_timeline_checks_spans_cities_and_allows_no_summits():
    rounds, summits, milestones = timeline_inputs()
    article = pd.Timestamp("2022-07-19")
    ax = Figure().add_subplot()
    back = (pd.Timestamp("2021-02-16"), pd.Timestamp("2019-12-11"), "gap")
    with pytest.raises(ParameterError, match=r"spans\[0\] must have start <= end"):
        ap.plot_rounds_timeline(ax, rounds, summits, milestones, article_date=article,
                                spans=[back])
    with pytest.raises(ParameterError, match=r"rounds\['city'\] must hold one of"):
        ap.plot_rounds_timeline(ax, rounds.assign(city="Geneva"), summits, milestones,
                                article_date=article)
    drawn = ap.plot_rounds_timeline(Figure().add_subplot(), rounds, summits.iloc[:0],
                                    milestones.iloc[:0], article_date="2022-07-19")
    assert not [g for g in by_gid(drawn) if str(g).startswith("summit:")]

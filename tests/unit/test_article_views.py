"""Notebook 01's figures and what-if view (helpers.article_views).

The view's numbers must be the article module's numbers (mentions_per_paragraph and
co_mention_graph), every control must change the picture, and bad input must say which
parameter is wrong.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import text as article
from helpers import views as views
from helpers.data import actors
from helpers.plots.mentions import (
    plot_co_mentions,
    plot_mention_totals,
    plot_mentions_per_paragraph,
    totals_alt_text,
)
from helpers.plots.networks import circle_positions as circle_layout
from helpers.plots.networks import spread_order
from helpers.text import gazetteer as gz
from helpers.text.mentions import _with_sentences, links_table, mention_totals
from helpers.views.article_mentions import UNITS, ArticleMentionsView, default_view


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    return article.mentions_frame()


@pytest.fixture(scope="module")
def paragraphs() -> pd.DataFrame:
    return article.paragraphs_frame()


@pytest.fixture
def view(mentions, paragraphs) -> ArticleMentionsView:
    return ArticleMentionsView(mentions, paragraphs)


def digest(v: ArticleMentionsView) -> str:
    return hashlib.sha256(v.png()).hexdigest()


# ------------------------------------------------------------------------ numbers agree


def test_summary_mentions_agree_with_mentions_per_paragraph(view, mentions, paragraphs):
    table = article.mentions_per_paragraph(mentions, n_paragraphs=len(paragraphs))
    for actor in ("RUS", "USA", "GULF"):
        view.update(actor=actor)
        s = view.summary()
        own = s[s["panel"] == f"mentions of {actor}"]
        others = s[s["panel"] == "mentions of others"]
        assert own["item"].tolist() == [f"¶{p}" for p in table.index]
        assert own["value"].tolist() == table[actor].tolist()
        assert others["value"].tolist() == (table.sum(axis=1) - table[actor]).tolist()
        assert own["value"].sum() + others["value"].sum() == len(mentions)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("threshold", [1, 2, 5, 13])
def test_summary_links_agree_with_co_mention_graph(view, mentions, unit, threshold):
    view.update(unit=unit, threshold=threshold)
    graph = article.co_mention_graph(mentions, unit=unit, min_weight=threshold)
    s = view.summary()
    links = s[s["panel"] == f"links per {unit}"]
    got = {tuple(sorted(item.split("–"))): w for item, w in zip(links["item"], links["value"],
                                                                 strict=True)}
    want = {tuple(sorted((a, b))): w for a, b, w in graph.edges(data="weight")}
    assert got == want
    assert links["value"].is_monotonic_decreasing
    assert f"{len(want)} link{'' if len(want) == 1 else 's'}," in view.alt_text()


def test_paragraph_table_and_links_are_the_summary_in_wide_form(view):
    view.update(actor="IRN", threshold=3)
    para = view.paragraph_table()
    assert list(para.columns) == ["paragraph", "kind", "IRN", "other actors"]
    assert para["kind"].tolist() == article.paragraphs_frame()["kind"].tolist()
    links = view.links()
    assert links["involves_actor"].tolist() == [
        "IRN" in (a, b) for a, b in zip(links["actor_a"], links["actor_b"], strict=True)]


def test_alt_text_reports_the_numbers(view):
    view.update(actor="RUS", threshold=2, unit="sentence")
    text = view.alt_text()
    assert "Russia has 33 of 126 mentions, in 13 of 14 paragraphs" in text
    assert "19 links" in text and "Russia–Iran (22)" in text


@pytest.mark.parametrize("threshold", [14, 22])
def test_a_threshold_above_the_windows_strongest_link_is_capped_and_said(view, threshold):
    view.update(actor="USA", unit="paragraph", threshold=threshold)
    strongest = int(links_table(article.co_mention_graph(view.mentions, unit="paragraph"))
                    ["weight"].max())
    assert strongest == view.strongest["paragraph"] == 13 < threshold
    assert view.shown_threshold() == strongest
    links = view.links()
    assert len(links) >= 1 and (links["weight"] == strongest).all()  # never an empty figure
    assert f"the threshold {threshold} is above the strongest paragraph link" in view.alt_text()
    assert f"Threshold {threshold} is above" in view._cap_note.get_text()
    view.update(threshold=13)
    assert view._cap_note.get_text() == "" and "above the strongest" not in view.alt_text()
    view.update(unit="sentence", threshold=threshold)  # the sentence window reaches 22
    assert view.shown_threshold() == threshold and view._cap_note.get_text() == ""


# ------------------------------------------------------------------------ controls


def test_controls_are_actor_threshold_unit(view, mentions):
    names = [c.name for c in view.controls]
    assert names == ["actor", "threshold", "unit"]
    actor, threshold, unit = view.controls
    assert list(actor.values) == list(article.mentions_per_paragraph(mentions).columns)
    assert (threshold.minimum, threshold.maximum, threshold.default) == (1, 22, 2)
    assert unit.values == ("sentence", "paragraph")


@pytest.mark.parametrize("unit", UNITS)
def test_threshold_removes_links_monotonically(view, unit):
    view.update(unit=unit)
    previous: set[tuple[str, str]] | None = None
    for k in range(1, int(view._control("threshold").maximum) + 1):
        view.update(threshold=k)
        links = set(zip(view.links()["actor_a"], view.links()["actor_b"], strict=True))
        if previous is not None:
            assert links <= previous
        previous = links
    assert previous is not None and len(previous) <= 1


def test_one_figure_is_reused_and_artists_are_not_rebuilt(view):
    fig, n_artists = view.figure, [len(ax.get_children()) for ax in view.figure.axes]
    for c in view.controls:
        for value in c.sweep(4):
            view.update(**{c.name: value})
    assert view.figure is fig
    assert [len(ax.get_children()) for ax in view.figure.axes] == n_artists


# ------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("params", "name"),
    [({"actor": "XYZ"}, "actor"), ({"actor": "SOP"}, "actor"), ({"threshold": 0}, "threshold"),
     ({"threshold": 23}, "threshold"), ({"threshold": 2.5}, "threshold"),
     ({"unit": "word"}, "unit")],
)
def test_bad_control_values_raise_naming_the_parameter(view, params, name):
    with pytest.raises(ValueError, match=name):
        view.update(**params)
    with pytest.raises(ValueError, match=name):
        ArticleMentionsView(article.mentions_frame(), **params)


def test_unknown_control_raises(view):
    with pytest.raises(ValueError, match="no control 'actors'"):
        view.update(actors="RUS")


@pytest.mark.parametrize(
    ("bad", "match"),
    [(["not", "a", "frame"], "mentions must be a pandas DataFrame"),
     (pd.DataFrame({"paragraph": [1], "actor_id": ["RUS"]}), r"mentions is missing.*sentence"),
     (pd.DataFrame(columns=["paragraph", "sentence", "actor_id"]), "mentions must have"),
     (pd.DataFrame({"paragraph": [0], "sentence": [1], "actor_id": ["RUS"]}),
      r"mentions\['paragraph'\]"),
     (pd.DataFrame({"paragraph": [1], "sentence": [1], "actor_id": [None]}), "actor_id")],
)
def test_bad_mentions_raise_naming_mentions(bad, match):
    with pytest.raises(ValueError, match=match):
        ArticleMentionsView(bad)


def test_bad_paragraphs_raise_naming_paragraphs(mentions, paragraphs):
    with pytest.raises(ValueError, match="paragraphs must be a DataFrame"):
        ArticleMentionsView(mentions, paragraphs[["number"]])
    with pytest.raises(ValueError, match="paragraphs has only 3"):
        ArticleMentionsView(mentions, paragraphs.head(3))
    with pytest.raises(ValueError, match=r"paragraphs\['number'\]"):
        ArticleMentionsView(mentions, paragraphs.iloc[[0, 2]])


# ------------------------------------------------------------------------ other data in


def test_view_takes_an_extended_gazetteer_and_the_gold_table():
    extra = gz.extend_gazetteer([{"alias": "the opposition", "actor_id": "SOP",
                                  "mention_type": "role_description"}])
    v = ArticleMentionsView(article.mentions_frame(gazetteer=extra), article.paragraphs_frame(),
                            actor="SOP", threshold=1)
    assert v.paragraph_table()["SOP"].sum() == 1
    assert "Syrian opposition has 1 of 127 mentions" in v.alt_text()
    gold = article.load_gold_mentions()
    gold = gold.assign(sentence=_with_sentences(gold, None)["sentence"])
    g = ArticleMentionsView(gold, article.paragraphs_frame())
    assert int(g.counts.values.sum()) == len(gold)


def test_without_paragraph_table_paragraphs_run_to_the_last_mention():
    m = pd.DataFrame({"paragraph": [1, 1, 3, 3], "sentence": [1, 1, 1, 2],
                      "actor_id": ["RUS", "IRN", "RUS", "TUR"]})
    v = ArticleMentionsView(m)
    assert v.paragraph_table()["kind"].tolist() == ["body"] * 3
    assert v._control("threshold").maximum == 2  # slider needs min < max
    # threshold 2 is above the strongest link (1): capped, so the figure is not empty
    assert v.shown_threshold() == 1 and "the threshold 2 is above" in v.alt_text()
    assert v.links()[["actor_a", "actor_b", "weight"]].values.tolist() == [["RUS", "IRN", 1]]
    v.update(threshold=1)
    assert v.links()[["actor_a", "actor_b"]].values.tolist() == [["RUS", "IRN"]]


# ------------------------------------------------------------------------ registry, helpers


def test_registered_and_factory_builds_the_seed_view():
    reg = views.registry()
    assert reg["article_mentions"].cls is ArticleMentionsView
    v = default_view()
    assert v.notebook == "01_the_article_as_data.ipynb"
    assert v.params == {"actor": "RUS", "threshold": 2, "unit": "sentence"}


def test_show_displays_the_current_state(view, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    view.reset()
    view.show()
    assert shown[0]["text/plain"].startswith("[figure] Left: bars of mentions per paragraph; "
                                             "Russia has 33")
    assert view.params["actor"] == "RUS"


def test_mention_totals_and_plot(mentions):
    totals = mention_totals(mentions)
    counts = mentions["actor_id"].value_counts()
    assert dict(zip(totals["actor_id"], totals["mentions"], strict=True)) == counts.to_dict()
    assert totals["mentions"].is_monotonic_decreasing
    assert totals["share"].sum() == pytest.approx(1.0, abs=0.01)
    ax = Figure().add_subplot()
    assert isinstance(plot_mention_totals(ax, totals), Axes)
    assert len(ax.patches) == len(totals) and len(ax.texts) == len(totals)
    text = totals_alt_text(totals)
    assert f"{len(totals)} actors and {len(mentions)} mentions" in text


def test_plot_functions_return_their_axes(mentions):
    counts = article.mentions_per_paragraph(mentions, 14)
    ax = Figure().add_subplot()
    assert plot_mentions_per_paragraph(ax, counts, "TUR") is ax
    assert len(ax.patches) == 2 * len(counts) + 2 and len(ax.texts) == 2  # bars, colour key
    with pytest.raises(ValueError, match="actor"):
        plot_mentions_per_paragraph(Figure().add_subplot(), counts, "SOP")
    graph = article.co_mention_graph(mentions, min_weight=3)
    ax2 = Figure().add_subplot()
    assert plot_co_mentions(ax2, graph, actor="IRN") is ax2
    assert len(ax2.lines) == graph.number_of_nodes() == len(ax2.texts)
    assert len(ax2.collections[0].get_segments()) == graph.number_of_edges()
    labels = {t.get_text() for t in ax2.texts}
    assert {"United States", "UK", "Germany", "Gulf Arab states", "the West"} <= labels
    assert not labels & {"USA", "GBR", "DEU", "GULF", "WEST"}  # names, not codes


def test_light_markers_get_a_dark_outline(mentions):
    ax = plot_co_mentions(Figure().add_subplot(), article.co_mention_graph(mentions))
    node = {t.get_text(): line for t, line in zip(ax.texts, ax.lines, strict=True)}
    gulf = node["Gulf Arab states"]  # a light-grey stroke marker ('|'): outlined dark
    assert gulf.get_markeredgecolor() == actors.actor("GULF").colour
    assert gulf.get_path_effects(), "the Gulf marker needs a dark outline"
    assert node["Saudi Arabia"].get_markeredgecolor() != "white"  # light yellow: dark edge
    assert node["Russia"].get_markeredgecolor() == "white" and not node["Russia"].get_path_effects()


def test_the_network_has_a_size_and_width_key(view):
    key = view._right.get_legend()
    labels = [t.get_text() for t in key.get_texts()]
    assert {"1 mention", "30 mentions", "named together 2×", "named together 20×",
            "chosen actor's link", "other link"} <= set(labels)
    assert "marker size: mentions" in key.get_title().get_text()


def test_layout_is_fixed_and_spread():
    order = spread_order(list(actors.registry()))
    assert sorted(order) == sorted(actors.registry()) and order[0] == "RUS"
    pos = circle_layout(order)
    assert circle_layout(order) == pos
    (x1, y1), (x2, y2) = pos["RUS"], pos["IRN"]
    assert (x1 - x2) ** 2 + (y1 - y2) ** 2 > 2.0  # the two most-named actors sit far apart
    with pytest.raises(ValueError, match="distinct"):
        circle_layout(["A", "A"])


def test_links_table_orients_pairs_in_gazetteer_order(mentions):
    table = links_table(article.co_mention_graph(mentions))
    rank = {a: i for i, a in enumerate(actors.registry())}
    assert all(rank[a] < rank[b] for a, b in zip(table["actor_a"], table["actor_b"],
                                                 strict=True))
    assert table.iloc[0].tolist() == ["RUS", "IRN", 22]


class _Live(ArticleMentionsView):
    freeze_static = False


def test_frozen_static_layer_gives_the_same_pixels(mentions, paragraphs):
    """Freezing the static artists into one image is an optimisation, not a different picture."""
    frozen, live = ArticleMentionsView(mentions, paragraphs), _Live(mentions, paragraphs)
    for params in ({}, {"actor": "USA", "threshold": 1, "unit": "paragraph"},
                   {"actor": "GULF", "threshold": 22}):
        frozen.update(**params)
        live.update(**params)
        assert digest(frozen) == digest(live), params

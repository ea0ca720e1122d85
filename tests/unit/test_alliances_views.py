"""The alliances what-if view (notebook 02) and the signed-network drawing helpers.

The relations frames here are inline and *illustrative*: they test the machinery, not the
course's coding (which lives in seeds/data/relations.csv).
"""

from __future__ import annotations

import hashlib
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import views as views
from helpers.models.balance import (
    UNCONTESTED,
    add_uncontested_coding,
    balance_report,
    coding_signs,
    evidence_table,
    frustrated_edges,
    optimal_partitions,
)
from helpers.plots import networks as networks
from helpers.plots import rendering as rendering
from helpers.plots.balance import codings_figure, plot_balance
from helpers.views.alliances import AlliancesView


def rel_frame() -> pd.DataFrame:
    """Two codings over eight actors; two contested ties; one zero tie."""
    ties = [
        ("IRN", "RUS", 1, False), ("RUS", "TUR", 1, True), ("IRN", "TUR", 1, True),
        ("SYR", "TUR", -1, False), ("RUS", "SYR", 1, False), ("IRN", "SYR", 1, False),
        ("IRN", "USA", -1, False), ("RUS", "USA", -1, False), ("ISR", "USA", 1, False),
        ("IRN", "ISR", -1, False), ("SAU", "USA", 1, False), ("IRN", "SAU", -1, False),
        ("CHN", "RUS", 1, False), ("CHN", "USA", -1, False), ("CHN", "SAU", 1, True),
        ("EU", "IRN", 0, True),
    ]
    rows = [dict(actor_a=a, actor_b=b, sign=s, kind="partnership" if s > 0 else "rivalry",
                 coding="behaviour_2022", basis="test", article_paragraph=None, contested=c,
                 notes="", sources="S-X") for a, b, s, c in ties]
    rows += [dict(actor_a=a, actor_b=b, sign=1, kind="partnership", coding="formal",
                  basis="test", article_paragraph=None, contested=False, notes="",
                  sources="S-Y") for a, b in (("IRN", "RUS"), ("RUS", "TUR"), ("IRN", "TUR"))]
    return pd.DataFrame(rows)


@pytest.fixture
def view() -> AlliancesView:
    return AlliancesView(add_uncontested_coding(rel_frame()), actors=None)


def digest(v: AlliancesView) -> str:
    return hashlib.sha256(v.png()).hexdigest()


def names(ids) -> str:
    return ", ".join(networks.actor_label(a) for a in ids) or "-"


def numbers(v: AlliancesView) -> dict[str, str]:
    return dict(zip(v.summary()["quantity"], v.summary()["value"], strict=True))


def fmt(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"


# ------------------------------------------------------------------------------ the view


def test_controls(view):
    names = [c.name for c in view.controls]
    assert names == ["flip", "coding", "with_chn", "with_sau", "with_isr"]
    flip = view.control("flip")
    assert flip.default == "none" and flip.options[0] == ("(none)", "none")
    assert "IRN-RUS" in flip.values and "EU-IRN" not in flip.values  # zero ties cannot flip
    assert view._control("coding").values == ("behaviour_2022", UNCONTESTED, "formal")
    assert view.universe == ["RUS", "IRN", "SYR", "CHN", "TUR", "SAU", "ISR", "EU", "USA"]


def check_agrees(v: AlliancesView) -> None:
    nodes, signs = v.shown_actors(), v.signs()
    rep = balance_report(nodes, signs)
    got = numbers(v)
    assert got["actors"] == str(len(nodes))
    assert got["ties (nonzero)"] == str(rep.n_edges)
    assert got["triangles"] == str(rep.n_triangles)
    assert got["balanced triangles"] == str(sum(t.balanced for t in rep.triangles))
    assert got["fraction balanced"] == fmt(rep.frac_balanced)
    assert got["fraction weakly balanced"] == fmt(rep.frac_weakly_balanced)
    assert got["frustration index L"] == str(rep.frustration)
    assert got["normalised balance 1-2L/m"] == fmt(rep.normalized_balance)
    tied = {a for k in signs for a in k}
    # The view names actors as its figure does (course short names), not by code.
    assert got["camp A"] == names(a for a in nodes if a in tied and rep.camps[a] == 1)
    assert got["camp B"] == names(a for a in nodes if a in tied and rep.camps[a] == -1)
    assert got["no tie"] == names(a for a in nodes if a not in tied)
    fr = frustrated_edges(nodes, signs, rep.camps)
    assert len(fr) == rep.frustration
    assert got["frustrated ties"] == (", ".join(AlliancesView._tie_label(networks.tie_key(a, b))
                                                for a, b in fr) or "-")
    assert f"L = {rep.frustration}" in v.alt_text()
    assert f"Balanced triangles: {sum(t.balanced for t in rep.triangles)} of {rep.n_triangles};" \
        in v.alt_text()


def test_numbers_agree_with_balance_report_over_every_control(view):
    check_agrees(view)
    for control in view.controls:
        for value in control.sweep():
            view.update(**{control.name: value})
            check_agrees(view)
        view.reset()


def test_default_numbers_by_hand(view):
    got = numbers(view)
    # Illustrative frame: Turkey's hostility to Syria against its + ties to Russia and Iran,
    # and China's + tie to Saudi Arabia, are the frustrated ones.
    assert got["coding"] == "behaviour_2022"
    assert got["ties (nonzero)"] == "15"
    assert got["frustration index L"] == "2"
    assert got["frustrated ties"] == "Syria (gov.) – Turkey, China – Saudi Arabia"


def test_flip_flips_exactly_that_tie(view):
    before = view.signs()
    keys = [k for k in view.control("flip").values if k != "none"]
    assert len(keys) == len(before)
    for key in keys:
        view.update(flip=key)
        after = view.signs()
        assert after.keys() == before.keys()
        changed = [k for k in before if after[k] != before[k]]
        assert len(changed) == 1 and networks.tie_key(*changed[0]) == key
        assert after[changed[0]] == -before[changed[0]]
        assert numbers(view)["flipped tie"] == AlliancesView._tie_label(key)
    view.update(flip="none")
    assert view.signs() == before


def test_flip_menu_lists_only_the_ties_of_the_coding(view):
    def menu():
        return {k for k in view.control("flip").values if k != "none"}

    assert menu() == {networks.tie_key(a, b) for a, b in view._signs["behaviour_2022"]}
    view.update(coding="formal")
    assert menu() == {"IRN-RUS", "RUS-TUR", "IRN-TUR"}
    labels = [label for label, _ in view.control("flip").options]
    assert labels == ["(none)", "Russia – Iran", "Russia – Turkey", "Iran – Turkey"]
    with pytest.raises(ValueError, match="flip"):
        view.update(flip="SAU-USA")  # a behaviour tie, not in the formal coding
    view.update(coding="behaviour_2022", flip="SAU-USA")  # one call: coding first
    assert view.params["flip"] == "SAU-USA" and view.flip_applies()
    view.reset()
    assert menu() == {networks.tie_key(a, b) for a, b in view._signs["behaviour_2022"]}


def test_a_coding_without_the_flipped_tie_clears_the_flip_and_says_so(view):
    view.update(flip="SAU-USA")
    view.update(coding="formal")
    assert view.params["flip"] == "none" and numbers(view)["flipped tie"] == "-"
    assert "Flip of Saudi Arabia – United States cleared" in view._panel_text(view.params)
    view.update(flip="IRN-RUS")
    assert "cleared" not in view._panel_text(view.params)
    view.update(coding=UNCONTESTED)
    assert view.params["flip"] == "IRN-RUS", "a flip the new coding has is kept"


def test_a_refused_coding_change_changes_nothing(view):
    before, menu = dict(view.params), view.control("flip").options
    with pytest.raises(ValueError, match="with_chn"):
        view.update(coding="formal", with_chn="yes")
    with pytest.raises(ValueError, match="flip"):
        view.update(coding="formal", flip="SAU-USA")
    assert view.params == before and view.control("flip").options == menu


def test_the_widget_relists_the_flip_menu(view):
    box = view.widget()
    found = {cls[len("whatif-control-"):]: w for w in box.children[1].children
             for cls in w._dom_classes if cls.startswith("whatif-control-")}
    found["flip"].value = "SAU-USA"
    found["coding"].value = "formal"
    assert [v for _, v in found["flip"].options] == ["none", "IRN-RUS", "RUS-TUR", "IRN-TUR"]
    assert found["flip"].value == "none" == view.params["flip"]
    found["flip"].value = "RUS-TUR"
    found["coding"].value = "behaviour_2022"
    assert found["flip"].value == "RUS-TUR" == view.params["flip"], "a kept flip stays shown"
    assert view.params["coding"] == "behaviour_2022"


def test_a_longer_unbalanced_cycle_is_explained():
    # Illustrative: a four-cycle with one negative tie has no triangle but L = 1.
    ring = [("CHN", "RUS", 1), ("RUS", "USA", -1), ("SAU", "USA", 1), ("CHN", "SAU", 1),
            ("IRN", "RUS", 1)]
    rel = pd.DataFrame([dict(actor_a=a, actor_b=b, sign=s, coding="c") for a, b, s in ring])
    v = AlliancesView(rel, actors=["CHN", "RUS", "USA", "SAU", "IRN"], toggles=())
    got = numbers(v)
    assert got["triangles"] == "0" and got["frustration index L"] == "1"
    assert "yet L = 1" in v.alt_text() and "cycle" in v.alt_text()
    assert "longer cycle" in v._panel_text(v.params)


def test_flip_of_a_tie_outside_the_network_changes_no_sign(view):
    view.update(with_sau=False)
    before = view.signs()
    view.update(flip="SAU-USA")
    assert view.signs() == before and not view.flip_applies()
    assert numbers(view)["flipped tie"] == "-"
    assert "flipped" not in view.alt_text()


def test_dropping_an_actor_removes_it_and_its_ties(view):
    view.update(with_chn=False)
    assert "CHN" not in view.shown_actors()
    assert all("CHN" not in k for k in view.signs())


def test_codings(view):
    view.update(coding="formal")
    assert view.signs() == {("IRN", "RUS"): 1, ("RUS", "TUR"): 1, ("IRN", "TUR"): 1}
    assert numbers(view)["frustration index L"] == "0"
    view.update(coding=UNCONTESTED)
    assert ("RUS", "TUR") not in view.signs() and ("CHN", "SAU") not in view.signs()
    assert numbers(view)["balanced"] == "yes"


def test_summary_ties_and_alt_text(view):
    s = view.summary()
    assert list(s.columns) == ["quantity", "value"]
    t = view.ties()
    assert list(t.columns) == ["tie", "sign", "where", "frustrated"]
    assert int(t["frustrated"].sum()) == int(numbers(view)["frustration index L"])
    assert set(t["where"]) <= {"inside A", "across", "inside B"}
    # Under the split, a tie is frustrated exactly when + runs across or - runs inside.
    assert (t["frustrated"] == ((t["sign"] > 0) == (t["where"] == "across"))).all()
    assert "Syria (gov.) – Turkey" in set(t["tie"])
    text = view.alt_text()
    assert 1 <= text.count(". ") + 1 <= 4
    assert "15 ties" in text and "dashed" in text


def test_show_and_widget(view, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    view.update(flip="IRN-RUS")
    view.show()
    assert shown[0]["text/plain"].startswith("[figure] Signed network of 9 actors")
    assert view.params["flip"] == "IRN-RUS", "show() leaves the state as it is"
    w = view.widget()
    classes = set(w._dom_classes)
    assert {"whatif-view", "whatif-view-alliances"} <= classes


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"relations": "not a frame"}, "relations must be a pandas DataFrame"),
        ({"relations": rel_frame().drop(columns="coding")}, "relations is missing column"),
        ({"relations": rel_frame().iloc[:0]}, "relations must have at least one row"),
        ({"relations": rel_frame(), "actors": ["RUS", "XXX"]}, "actors names actor"),
        ({"relations": rel_frame(), "actors": "RUS"}, "actors and toggles"),
        ({"relations": rel_frame(), "actors": ["CHN", "SAU", "ISR"]}, "actors: at least 3"),
        ({"relations": rel_frame(), "flip": "AAA-BBB"}, "flip must be one of"),
        ({"relations": rel_frame(), "coding": "nope"}, "coding must be one of"),
        ({"relations": rel_frame(), "with_chn": "yes"}, "with_chn must be True or False"),
        ({"relations": rel_frame(), "unknown": 1}, "no control 'unknown'"),
    ],
)
def test_bad_inputs_raise_naming_the_parameter(kwargs, match):
    with pytest.raises(ValueError, match=match):
        AlliancesView(**kwargs)


def test_bad_update_raises_and_keeps_state(view):
    before = dict(view.params)
    with pytest.raises(ValueError, match="flip"):
        view.update(flip="RUS-XXX")
    assert view.params == before


def test_too_many_actors_raise():
    ids = [f"A{i:02d}" for i in range(15)]
    rows = [dict(actor_a=a, actor_b=b, sign=1, coding="c")
            for a, b in itertools.pairwise(ids)]
    with pytest.raises(ValueError, match="at most 14"):
        AlliancesView(pd.DataFrame(rows), actors=ids, toggles=())


def test_registered():
    reg = views.registry()
    assert reg["alliances"].cls is AlliancesView
    assert AlliancesView.notebook == "02_alliances_and_alignments.ipynb"


# ------------------------------------------------------------------------------ pure helpers


def test_coding_signs_drops_zero_ties_and_filters_actors():
    rel = rel_frame()
    signs = coding_signs(rel, "behaviour_2022")
    assert ("EU", "IRN") not in signs and len(signs) == 15
    sub = coding_signs(rel, "behaviour_2022", ["RUS", "IRN", "TUR"])
    assert sub == {("IRN", "RUS"): 1, ("RUS", "TUR"): 1, ("IRN", "TUR"): 1}
    with pytest.raises(ValueError, match="coding='x' matches no row"):
        coding_signs(rel, "x")


def test_add_uncontested_coding():
    rel = rel_frame()
    out = add_uncontested_coding(rel)
    assert len(out) == len(rel) + (rel["coding"] == "behaviour_2022").sum()
    derived = out[out["coding"] == UNCONTESTED]
    assert (derived.loc[derived["contested"], "sign"] == 0).all()
    assert (derived.loc[~derived["contested"], "sign"].to_numpy()
            == rel.loc[(rel["coding"] == "behaviour_2022") & ~rel["contested"], "sign"]
            .to_numpy()).all()
    assert len(rel) == 19, "the input is not modified"
    with pytest.raises(ValueError, match="contested"):
        add_uncontested_coding(rel.drop(columns="contested"))
    with pytest.raises(ValueError, match="base="):
        add_uncontested_coding(rel, base="nope")
    with pytest.raises(ValueError, match="name"):
        add_uncontested_coding(out)


def test_optimal_partitions_all_attain_frustration():
    rel = rel_frame()
    nodes = networks.order_actors(["RUS", "IRN", "SYR", "CHN", "TUR", "SAU", "ISR", "USA"])
    signs = coding_signs(rel, "behaviour_2022", nodes)
    rep = balance_report(nodes, signs)
    parts = optimal_partitions(nodes, signs)
    assert len(parts) >= 1
    first = " ".join(a for a in nodes if rep.camps[a] == 1)
    assert parts["camp_a"].iloc[0] == first
    for _, row in parts.iterrows():
        camps = {a: 1 for a in row["camp_a"].split()} | {a: -1 for a in row["camp_b"].split()}
        assert len(frustrated_edges(nodes, signs, camps)) == rep.frustration
    # A balanced triangle has exactly one optimal split (up to the mirror image).
    assert len(optimal_partitions(["A", "B", "C"], {("A", "B"): 1, ("B", "C"): -1,
                                                    ("A", "C"): -1})) == 1


def test_evidence_table():
    t = evidence_table(rel_frame(), "behaviour_2022")
    assert list(t.columns) == ["tie", "sign", "kind", "contested", "paragraph", "basis",
                               "sources"]
    assert t["sign"].iloc[0] == "-1" and t["sign"].iloc[-1] == "+1"
    assert set(t["contested"]) == {"", "contested"}
    with pytest.raises(ValueError, match="coding"):
        evidence_table(rel_frame(), "nope")


def test_plot_balance_and_codings_figure():
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_balance(ax, rel_frame(), "behaviour_2022", ["RUS", "IRN", "TUR", "SYR"]) is ax
    assert "L = 1" in ax.get_title() and "of triangles balanced" in ax.get_title()
    labels = {t.get_text() for t in ax.texts}
    assert {"Camp A", "Camp B"} <= labels and any(t.endswith("(A)") for t in labels)
    f2 = codings_figure(rel_frame(), ["behaviour_2022", "formal"], ["RUS", "IRN", "TUR", "SYR"])
    assert len(f2.axes) == 2
    with pytest.raises(ValueError, match="codings"):
        codings_figure(rel_frame(), [], ["RUS"])


# ------------------------------------------------------------------------------ networks


def test_camp_positions_put_the_camps_on_facing_arcs():
    ties = [("RUS", "USA"), ("IRN", "ISR"), ("RUS", "IRN")]
    pos = networks.camp_positions(["RUS", "IRN"], ["USA", "ISR"], ["IND"], ties)
    assert pos == networks.camp_positions(["RUS", "IRN"], ["USA", "ISR"], ["IND"], ties)
    assert all(pos[a][0] < 0 for a in ("RUS", "IRN")) and all(pos[b][0] > 0 for b in ("USA",
                                                                                        "ISR"))
    assert all(math.isclose(x * x + y * y, 1.0) for a, (x, y) in pos.items() if a != "IND")
    assert pos["IND"][1] == networks.OFF_CAMP_Y
    # Each camp is ordered to shorten the ties across: Russia faces the United States.
    assert (pos["RUS"][1] > pos["IRN"][1]) == (pos["USA"][1] > pos["ISR"][1])
    assert networks.camp_label_anchor(*pos["RUS"])[2] == "right"
    assert networks.camp_label_anchor(*pos["USA"])[2] == "left"
    assert networks.camp_label_anchor(*pos["IND"])[2] == "center"
    with pytest.raises(ValueError, match="disjoint"):
        networks.camp_positions(["RUS"], ["RUS"])


def test_plot_sign_matrix():
    from helpers.plots.balance import plot_sign_matrix

    ax = Figure().add_subplot()
    signs = {("RUS", "IRN"): 1, ("RUS", "USA"): -1, ("IRN", "USA"): 1}
    assert plot_sign_matrix(ax, ["RUS", "IRN"], ["USA"], signs, emphasize=[("IRN", "USA")]) is ax
    symbols = sorted(t.get_text() for t in ax.texts)
    assert symbols == ["+", "+", "+", "+", "\u2212", "\u2212"]  # each tie twice
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia (A)", "Iran (A)",
                                                            "United States (B)"]
    with pytest.raises(ValueError, match="outside the listed actors"):
        plot_sign_matrix(Figure().add_subplot(), ["RUS"], [], signs)


def test_positions_are_fixed_and_on_the_circle():
    order = networks.order_actors(["USA", "RUS", "IRN", "ZZZ"])
    assert order == ["RUS", "IRN", "USA", "ZZZ"]
    p1, p2 = networks.circle_positions(order), networks.circle_positions(order)
    assert p1 == p2 and p1["RUS"] == (0.0, 1.0)
    assert all(math.isclose(x * x + y * y, 1.0) for x, y in p1.values())
    with pytest.raises(ValueError, match="distinct"):
        networks.circle_positions(["A", "A"])


def test_plot_signed_network_styles():
    fig = Figure()
    ax = fig.add_subplot()
    signs = {("RUS", "IRN"): 1, ("RUS", "USA"): -1, ("IRN", "USA"): 0}
    out = networks.plot_signed_network(ax, ["RUS", "IRN", "USA"], signs,
                                       emphasize=[("USA", "RUS")])
    assert isinstance(out, Axes)
    ties = {ln.get_gid(): ln for ln in ax.lines if (ln.get_gid() or "").startswith("tie:")}
    assert set(ties) == {"tie:IRN-RUS", "tie:RUS-USA"}  # zero ties are not drawn
    assert ties["tie:IRN-RUS"].get_linestyle() == "-"
    assert ties["tie:RUS-USA"].get_linestyle() == "--"
    halos = {ln.get_gid(): ln.get_visible() for ln in ax.lines
             if (ln.get_gid() or "").startswith("halo:")}
    assert halos == {"halo:IRN-RUS": False, "halo:RUS-USA": True}
    with pytest.raises(ValueError, match="outside nodes"):
        networks.plot_signed_network(Figure().add_subplot(), ["RUS"], {("RUS", "IRN"): 1})
    with pytest.raises(ValueError, match="must be -1, 0 or \\+1"):
        networks.plot_signed_network(Figure().add_subplot(), ["RUS", "IRN"],
                                     {("RUS", "IRN"): 2})


def test_text_pixels_and_stamps():
    one = rendering.text_pixels("Camp A: RUS IRN", fontsize=9.5, family="DejaVu Sans Mono")
    two = rendering.text_pixels("Camp A: RUS IRN\nCamp B: USA", fontsize=9.5,
                               family="DejaVu Sans Mono")
    assert one.dtype.name == "uint8" and one.shape[2] == 4
    assert two.shape[0] == 2 * one.shape[0] and two.shape[1] == one.shape[1]
    assert (two[: one.shape[0]] == one).all()
    assert one[..., 3].max() > 0, "something was drawn"
    assert rendering.text_pixels("costs $5").shape[1] > rendering.text_pixels("costs 5").shape[1]
    fig = Figure(figsize=(3, 1), dpi=100)
    stamp = fig.add_artist(rendering.TextStamp((10, 90), "a label", ha="left", va="top"))
    assert stamp.get_text() == "a label"
    stamp.set_color("#999999")
    stamp.set_text("another label")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    assert (np.asarray(canvas.buffer_rgba())[..., :3] < 250).any()
    with pytest.raises(ValueError, match="ha must be"):
        rendering.TextStamp((0, 0), "x", ha="middle")

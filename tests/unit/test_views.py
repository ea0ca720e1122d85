"""The what-if view protocol: controls validate, views redraw into one figure, registry works."""

from __future__ import annotations

import hashlib
import html
import json
import re
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import views as views
from helpers.checks import ParameterError
from helpers.data import actors
from helpers.views.protocol import Control, WhatIfView
from helpers.views.timeline import TimelineView


class Line(WhatIfView):
    """A minimal view: y = slope * x, with a colour switch."""

    name = "test-line"
    title = "A line"
    notebook = "none.ipynb"
    controls = (
        Control("slope", "Slope", "float", 1.0, -2.0, 2.0, 0.5),
        Control("points", "Points", "int", 5, 2, 10, 1),
        Control("color", "Colour", "choice", "k", options=(("black", "k"), ("blue", "b"))),
        Control("markers", "Markers", "bool", False),
    )

    def setup(self, fig: Figure) -> None:
        self.ax = fig.add_subplot()
        (self.line,) = self.ax.plot([], [])
        self.ax.set_xlim(0, 10)
        self.ax.set_ylim(-20, 20)

    def draw(self, params):
        xs = list(range(params["points"]))
        self.line.set_data(xs, [params["slope"] * x for x in xs])
        self.line.set_color(params["color"])
        self.line.set_marker("o" if params["markers"] else "")

    def summary(self):
        return pd.DataFrame({"x": self.line.get_xdata(), "y": self.line.get_ydata()})

    def alt_text(self):
        return f"Line with slope {self.params['slope']}"


def digest(view: WhatIfView) -> str:
    return hashlib.sha256(view.png()).hexdigest()


def test_control_validation_names_parameter_and_range():
    c = Control("price", "Price", "float", 80.0, 40.0, 130.0, 5.0)
    assert c.validate(45) == 45.0
    with pytest.raises(ValueError, match=r"price must be a finite number in \[40, 130\]"):
        c.validate(200)
    with pytest.raises(ValueError, match="price"):
        c.validate(float("nan"))
    with pytest.raises(ValueError, match="price"):
        c.validate(True)
    n = Control("year", "Year", "int", 2015, 2011, 2022, 1)
    with pytest.raises(ValueError, match=r"year must be an integer in \[2011, 2022\]"):
        n.validate(2015.5)
    assert n.validate(np.int64(2016)) == 2016 and type(n.validate(np.int64(2016))) is int
    b = Control("on", "On", "bool", False)
    with pytest.raises(ValueError, match="on must be True or False"):
        b.validate(1)
    ch = Control("who", "Who", "choice", "a", options=("a", "b"))
    with pytest.raises(ValueError, match=r"who must be one of \['a', 'b'\]"):
        ch.validate("c")


def test_bad_control_definitions_raise():
    with pytest.raises(ValueError, match="minimum < maximum"):
        Control("x", "X", "int", 1, 5, 1, 1)
    with pytest.raises(ValueError, match="at least two options"):
        Control("x", "X", "choice", "a", options=("a",))
    with pytest.raises(ValueError, match="identifier"):
        Control("not valid", "X", "bool", False)
    with pytest.raises(ValueError, match="x must be"):
        Control("x", "X", "int", 99, 0, 10, 1)


def test_sweep_spans_range_within_bounds():
    c = Control("p", "P", "float", 0.0, 0.0, 1.0, 0.1)
    vals = c.sweep(6)
    assert vals[0] == 0.0 and vals[-1] == pytest.approx(1.0)
    assert all(0.0 <= v <= 1.0 for v in vals)
    assert Control("b", "B", "bool", False).sweep() == [False, True]
    assert Line.controls[2].sweep() == ["k", "b"]


def test_update_changes_figure_and_reset_restores_it():
    v = Line()
    default = digest(v)
    v.update(slope=-1.5)
    assert digest(v) != default
    assert v.summary()["y"].iloc[-1] == pytest.approx(-6.0)
    v.reset()
    assert digest(v) == default


def test_png_is_deterministic_and_reuses_one_figure():
    a, b = Line(slope=0.5), Line(slope=0.5)
    assert digest(a) == digest(b)
    fig = a.figure
    for c in a.controls:
        for value in c.sweep(3):
            a.update(**{c.name: value})
    assert a.figure is fig and len(fig.axes) == 1


def test_update_rejects_unknown_and_out_of_range():
    v = Line()
    with pytest.raises(ValueError, match="no control 'slop'"):
        v.update(slop=1)
    with pytest.raises(ValueError, match="slope"):
        v.update(slope=9)
    assert v.params["slope"] == 1.0


def test_widget_has_css_hooks_and_redraws_on_change():
    v = Line()
    box = v.widget()
    assert {"whatif-view", "whatif-view-test-line"} <= set(box._dom_classes)
    controls = box.children[1].children
    assert [c._dom_classes[1:] for c in controls] == [
        ("whatif-control-slope", "whatif-kind-float"),
        ("whatif-control-points", "whatif-kind-int"),
        ("whatif-control-color", "whatif-kind-choice"),
        ("whatif-control-markers", "whatif-kind-bool")]
    image, caption = box.children[2], box.children[3]
    assert "whatif-image" in image._dom_classes and "whatif-caption" in caption._dom_classes
    before = image.value
    controls[0].value = 2.0
    assert image.value != before
    assert "slope 2.0" in caption.value
    assert 'data-whatif-rev="1"' in caption.value and "&quot;slope&quot;: 2.0" in caption.value
    controls[2].value = "k"  # same value: no redraw, no revision
    assert 'data-whatif-rev="1"' in caption.value
    assert v.widget() is box


def test_failed_redraw_is_shown_in_the_view():
    v = Line()
    box = v.widget()
    caption = box.children[3]

    def broken(params):
        raise RuntimeError("model blew up")

    v.draw = broken
    with pytest.raises(RuntimeError):
        box.children[1].children[0].value = 0.5
    assert "whatif-error" in caption.value and "model blew up" in caption.value
    assert "This view failed" in caption.value and "whatif-refused" not in caption.value


def _caption_params(caption) -> dict:
    found = re.search(r'data-whatif-params="([^"]*)"', caption.value)
    assert found, caption.value
    return json.loads(html.unescape(found.group(1)))


def _assert_consistent(v, controls, caption, image):
    """Caption, parameters, every control and the picture show one and the same state."""
    shown = {c.name: w.value for c, w in zip(v.controls, controls, strict=True)}
    assert shown == v.params == _caption_params(caption)
    assert image.value == v.png()
    if "whatif-state" in caption.value:
        assert html.escape(v.alt_text(), quote=True) in caption.value


def test_a_refused_widget_value_is_set_back_and_never_leaves_a_stale_caption():
    v = Line()
    box = v.widget()
    slope, points, color, markers = box.children[1].children
    image, caption = box.children[2], box.children[3]
    points.value = 7  # a valid change first
    _assert_consistent(v, (slope, points, color, markers), caption, image)

    # A dropdown set to None (as the browser does when its selection is cleared).
    with pytest.raises(ParameterError, match="color"):
        color.value = None
    assert color.value == "k" == v.params["color"]
    assert "whatif-error" in caption.value and "<b>Refused:</b>" in caption.value
    assert "&#x27;Colour&#x27; is set back to &#x27;k&#x27;" in caption.value
    _assert_consistent(v, (slope, points, color, markers), caption, image)

    # The next valid change to another control: a normal caption, and still no control that
    # holds a value the figure does not show.
    markers.value = True
    assert "whatif-state" in caption.value and "whatif-error" not in caption.value
    _assert_consistent(v, (slope, points, color, markers), caption, image)

    # An injected option: refused, the option list is the control's again.
    color.options = [("black", "k"), ("blue", "b"), ("red", "r")]
    with pytest.raises(ParameterError, match="color"):
        color.value = "r"
    assert [o for o in color.options] == [("black", "k"), ("blue", "b")]
    assert color.value == "k"
    _assert_consistent(v, (slope, points, color, markers), caption, image)

    # A slider past a raised maximum: refused, and the slider's range is the control's again.
    slope.max = 10.0
    with pytest.raises(ParameterError, match="slope"):
        slope.value = 9.0
    assert (slope.min, slope.max, slope.value) == (-2.0, 2.0, 1.0)
    _assert_consistent(v, (slope, points, color, markers), caption, image)
    points.value = 4
    assert "whatif-state" in caption.value
    _assert_consistent(v, (slope, points, color, markers), caption, image)


def test_a_failed_redraw_keeps_the_last_drawn_state_everywhere():
    v = Line()
    box = v.widget()
    controls = box.children[1].children
    image, caption = box.children[2], box.children[3]
    before = image.value
    draw = v.draw

    def broken(params):
        if params["slope"] == 0.5:
            raise RuntimeError("model blew up")
        draw(params)

    v.draw = broken
    with pytest.raises(RuntimeError):
        controls[0].value = 0.5
    assert v.params["slope"] == 1.0 and controls[0].value == 1.0
    assert image.value == before
    _assert_consistent(v, controls, caption, image)
    controls[1].value = 6
    assert "whatif-state" in caption.value
    _assert_consistent(v, controls, caption, image)


def test_show_displays_one_output_with_the_widget_and_the_state(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a[0], k)))
    v = Line(slope=2.0)
    v.show()
    assert len(shown) == 1
    bundle, kwargs = shown[0]
    assert bundle["text/plain"] == "[figure] Line with slope 2.0"
    assert bundle["image/png"] == v.png()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == v.widget().model_id
    assert kwargs["metadata"] == {"image/png": {"alt": "Line with slope 2.0", "width": 800}}


# ------------------------------------------------------------- multi and text controls


def test_multi_control_validates_subsets_in_option_order():
    c = Control("kinds", "Kinds", "multi", ("a",), options=(("A", "a"), ("B", "b"), "c"))
    assert c.validate(["c", "a"]) == ("a", "c")
    assert c.validate(()) == ()
    assert c.sweep() == [(), ("a",), ("b",), ("c",), ("a", "b", "c")]
    for bad, match in [("a", "kinds must be a tuple"), (("a", "a"), "at most once"),
                       (("a", "z"), "kinds item must be one of"), (None, "kinds must be a tuple")]:
        with pytest.raises(ParameterError, match=match):
            c.validate(bad)
    w = c.make_widget()
    assert type(w).__name__ == "SelectMultiple" and w.value == ("a",)
    assert {"whatif-control", "whatif-control-kinds", "whatif-kind-multi"} <= set(w._dom_classes)


def test_text_control_takes_one_printable_line_up_to_its_limit():
    c = Control("query", "Search", "text", "", max_length=5)
    assert c.validate("Iran") == "Iran" and c.validate("") == ""
    for bad in ["toolong", "a\nb", 3, None]:
        with pytest.raises(ParameterError, match="query"):
            c.validate(bad)
    w = c.make_widget()
    assert type(w).__name__ == "Text" and w.continuous_update is False
    with pytest.raises(ParameterError, match="max_length is for text controls only"):
        Control("n", "N", "int", 1, 0, 5, 1, max_length=3)
    with pytest.raises(ParameterError, match="only choice and multi"):
        Control("q", "Q", "text", "", depends_on=("n",))


class Pair(WhatIfView):
    """Two bounds that must stay ordered, and a menu that depends on a family."""

    name = "test-pair"
    title = "Pair"
    notebook = "none.ipynb"
    MENUS: ClassVar[dict[str, tuple[str, ...]]] = {"warm": ("none", "red", "orange"),
                                                   "cold": ("none", "blue")}
    controls = (
        Control("low", "Low", "int", 1, 0, 5, 1),
        Control("high", "High", "int", 3, 0, 5, 1),
        Control("family", "Family", "choice", "warm", options=("warm", "cold")),
        Control("colour", "Colour", "choice", "none", options=MENUS["warm"],
                depends_on=("family",)),
        Control("tags", "Tags", "multi", (), options=("x", "y", "z")),
        Control("note", "Note", "text", "hi"),
    )

    def validate(self, params):
        if params["low"] > params["high"]:
            raise ParameterError(f"low must not exceed high, got low={params['low']} > "
                                 f"high={params['high']}")

    def options_for(self, name, params):
        return self.MENUS[params["family"]]

    def setup(self, fig):
        self.ax = fig.add_subplot()
        (self.line,) = self.ax.plot([], [])
        self.ax.set_xlim(0, 5)

    def draw(self, params):
        self.line.set_data([params["low"], params["high"]], [0, len(params["tags"])])

    def summary(self):
        return pd.DataFrame({"low": [self.params["low"]], "high": [self.params["high"]]})

    def alt_text(self):
        return f"From {self.params['low']} to {self.params['high']}, {self.params['colour']}"


def test_a_cross_control_rule_refuses_the_combination_and_changes_nothing():
    v = Pair()
    with pytest.raises(ParameterError, match="low must not exceed high"):
        v.update(low=4)
    assert v.params["low"] == 1
    v.update(low=4, high=5)  # both at once: valid together
    assert (v.params["low"], v.params["high"]) == (4, 5)
    with pytest.raises(ParameterError, match="low must not exceed high"):
        Pair(low=5, high=0)
    box = v.widget()
    high = box.children[1].children[1]
    caption = box.children[3]
    with pytest.raises(ParameterError):
        high.value = 2
    assert high.value == 5 and v.params["high"] == 5, "the refused widget value is set back"
    assert "whatif-error" in caption.value and "low must not exceed high" in caption.value
    # A refusal reads as one, not as a crash: no "failed", no exception class name.
    assert "<b>Refused:</b>" in caption.value and "whatif-refused" in caption.value
    assert "failed" not in caption.value and "ParameterError" not in caption.value


def test_a_dependent_menu_follows_its_control_and_clears_a_value_that_no_longer_fits():
    v = Pair(colour="orange")
    assert v.control("colour").values == ("none", "red", "orange")
    with pytest.raises(ParameterError, match="colour must be one of"):
        v.update(colour="blue")  # not a warm colour
    v.update(family="cold")
    assert v.params["colour"] == "none" and v.cleared == {"colour": "orange"}
    assert v.control("colour").values == ("none", "blue")
    v.update(family="warm", colour="red")  # a value named with its dependency is checked
    assert v.params["colour"] == "red" and v.cleared == {}
    with pytest.raises(ParameterError, match="colour must be one of"):
        v.update(family="cold", colour="red")
    assert v.params["family"] == "warm"
    # The live menu is re-listed when its dependency changes.
    box = v.widget()
    family, colour = box.children[1].children[2:4]
    family.value = "cold"
    assert [v for _, v in colour.options] == ["none", "blue"] and colour.value == "none"
    assert (v.params["family"], v.params["colour"]) == ("cold", "none")
    colour.value = "blue"
    assert v.params["colour"] == "blue"


def test_bad_view_definitions_are_refused():
    class Loop(Pair):
        name = "test-loop"
        controls = (Control("family", "F", "choice", "warm", options=("warm", "cold"),
                            depends_on=("colour",)),
                    Control("colour", "C", "choice", "none", options=("none", "red"),
                            depends_on=("family",)))

    with pytest.raises(ParameterError, match="independent controls"):
        Loop()


def test_multi_and_text_widgets_drive_the_view():
    v = Pair()
    box = v.widget()
    tags, note = box.children[1].children[4:6]
    image = box.children[2]
    before = image.value
    tags.value = ("x", "z")
    assert v.params["tags"] == ("x", "z") and image.value != before
    note.value = "hello"
    assert v.params["note"] == "hello"
    with pytest.raises(ParameterError, match="note"):
        note.value = "x" * 200
    assert note.value == "hello"


class Rows(views.TableView):
    """A table view: rows of a small frame, filtered by kind and text."""

    name = "test-rows"
    title = "Rows"
    notebook = "none.ipynb"
    DATA = pd.DataFrame({"n": [1, 2, 3], "kind": ["a", "b", "a"], "text": ["x<y", "zz", "yy"]})
    controls = (Control("kinds", "Kinds", "multi", ("a", "b"), options=("a", "b")),
                Control("query", "Contains", "text", ""))

    def draw(self, params):
        d = self.DATA
        self.rows = d[d["kind"].isin(params["kinds"]) & d["text"].str.contains(
            params["query"], regex=False)]

    def table(self):
        return self.rows

    def summary(self):
        return self.rows

    def alt_text(self):
        return f"{len(self.rows)} of 3 rows"


def test_a_table_view_shows_html_under_the_same_protocol(monkeypatch):
    v = Rows()
    assert v.output_kind == "table" and "x&lt;y" in v.html()
    v.update(kinds=("a",), query="y")
    assert v.alt_text() == "2 of 3 rows" and v.summary()["n"].tolist() == [1, 3]
    box = v.widget()
    table = box.children[2]
    assert "whatif-table" in table._dom_classes and table.value == v.html()
    box.children[1].children[1].value = "zz"
    assert "0 of 3 rows" in box.children[3].value and "<td>" not in table.value
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    v.show()
    assert shown[0]["text/html"] == v.html() and shown[0]["text/plain"] == "[table] 0 of 3 rows"
    with pytest.raises(ParameterError, match="kinds item must be one of"):
        v.update(kinds=("c",))


def test_slider_values_arriving_during_a_redraw_are_coalesced_latest_wins():
    import asyncio

    v = Line()
    box = v.widget()
    slope = box.children[1].children[0]
    caption = box.children[3]
    drawn = []
    draw = v.draw
    v.draw = lambda params: (drawn.append(params["slope"]), draw(params))

    async def drag():
        for value in (-1.5, -1.0, -0.5, 0.0, 0.5):  # one burst, as from a hand on the handle
            slope.value = value
        assert drawn == [], "nothing is drawn before the loop runs the queued redraw"
        await asyncio.sleep(0.1)

    asyncio.run(drag())
    assert drawn == [0.5], f"one redraw with the latest value, got {drawn}"
    assert v.params["slope"] == 0.5 and '&quot;slope&quot;: 0.5' in caption.value


EVENTS = pd.DataFrame({
    "date": ["2011-03-15", "2018-05-08", "2022-07-19", "2022-07-22"],
    "end_date": [None, None, None, None],
    "event": ["Uprising", "US leaves JCPOA", "Tehran summit", "Grain deal"],
    "label": ["Uprising", "US leaves JCPOA", "Tehran summit", "Grain deal ($)"],
    "actors": ["SYR", "USA;IRN", "RUS;IRN;TUR", "RUS;UKR;TUR;UN"],
    "category": ["syria", "jcpoa", "diplomacy", "ukraine_war"],
})


def test_timeline_view_filters_and_highlights():
    v = TimelineView(EVENTS)
    assert [c.name for c in v.controls] == ["start_year", "actor"]
    assert v._control("start_year").minimum == 2011 and v._control("start_year").maximum == 2022
    v.update(start_year=2020, actor="TUR")
    s = v.summary()
    assert s["shown"].tolist() == [False, False, True, True]
    assert s["highlighted"].tolist() == [False, False, True, True]
    assert "2 of 4 events" in v.alt_text() and "Turkey" in v.alt_text()
    with pytest.raises(ValueError, match="actor must be one of"):
        v.update(actor="XXX")


def test_timeline_rejects_bad_events():
    with pytest.raises(ValueError, match="missing column"):
        TimelineView(EVENTS.drop(columns="actors"))
    with pytest.raises(ValueError, match="at least one row"):
        TimelineView(EVENTS.iloc[:0])


def test_registry_lists_timeline_and_rejects_duplicates():
    reg = views.registry()
    assert "timeline" in reg and reg["timeline"].cls is TimelineView
    with pytest.raises(ValueError, match="already registered"):
        views.register(Line.__class__("Dup", (Line,), {"name": "timeline"}), lambda: None)
    with pytest.raises(ParameterError, match="name must be one of"):
        views.build("nope")


def test_timeline_highlights_a_secondary_actor_in_its_registry_colour():
    ev = EVENTS.assign(actors=["SYR", "USA;IRN", "RUS;TJK", "RUS;UKR;TUR;UN"])
    v = TimelineView(ev, actor="TJK")
    assert v.summary()["highlighted"].tolist() == [False, False, True, False]
    assert v._points[2].get_color() == actors.actor("TJK").colour
    assert v._points[0].get_color() != actors.actor("TJK").colour


def test_plot_timeline_highlights_one_actor():
    from helpers.plots import style as style
    from helpers.plots.timeline import plot_timeline

    ax = Figure().add_subplot()
    assert plot_timeline(ax, EVENTS, highlight="TUR") is ax
    points = ax.lines[1::2]  # a range line, then a marker, per event (oldest first)
    colours = [p.get_color() for p in points]
    assert colours[2] == colours[3] == style.actor_color("TUR")
    assert colours[0] != style.actor_color("TUR")
    assert ax.get_yticklabels()[0].get_text() == "Grain deal (\\$)"


def test_timeline_view_labels_are_escaped_once():
    v = TimelineView(EVENTS)
    texts = [plain.get_text() for plain, _bold in v._stamps]
    assert "Grain deal ($)" in texts  # text_pixels escapes "$" itself; no "\$" left over


def test_events_after_the_article_are_marked_where_the_reader_sees_them():
    from helpers import data
    from helpers.plots.timeline import AFTER_SUFFIX

    view = views.build("timeline")
    events = data.load("events").query("in_start_timeline")
    later = set(events.loc[events["after_article"], "label"])
    assert later, "the start-here timeline has an event after 19 July 2022"
    shown = set(view.summary()["label"])
    assert {label + AFTER_SUFFIX for label in later} <= shown
    assert not (later & shown), "an event after the article is shown unmarked"


def test_a_change_made_from_code_reaches_the_displayed_widget():
    import json
    import re

    view = views.build("timeline")
    box = view.widget()
    controls = {c.name: w for c in view.controls for w in box.children[1].children
                if f"whatif-control-{c.name}" in w._dom_classes}
    caption = box.children[-1]
    before = box.children[-2].value
    last = view.controls[0].sweep(3)[-1]
    view.update(**{view.controls[0].name: last})
    assert controls[view.controls[0].name].value == last
    shown = json.loads(re.search(r'data-whatif-params="([^"]*)"', caption.value).group(1)
                       .replace("&quot;", '"'))
    assert shown[view.controls[0].name] == last
    assert box.children[-2].value != before

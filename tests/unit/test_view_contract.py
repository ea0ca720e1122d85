"""One contract for every registered what-if view (new views fall under it automatically).

For each view built by ``views.build(name)``: every control, moved through its range, changes
the picture; ``reset`` restores the default picture exactly; bad values are refused with an
error that names the control; the default state has a summary table and a text alternative
that carries numbers; ``show()`` displays one output that is both the live widget and the
rendered state.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import views
from helpers.checks import ParameterError

NAMES = sorted(views.registry())


@pytest.fixture(scope="module", params=NAMES)
def view(request):
    return views.build(request.param)


def test_the_registry_holds_every_view_module():
    assert {"timeline", "article_mentions", "alliances"} <= set(NAMES)
    assert len(NAMES) == len(views.view_modules())


def test_defaults_are_the_controls_defaults(view):
    view.reset()
    assert view.params == {c.name: c.default for c in view.controls}


def test_every_control_changes_the_picture_and_reset_restores_it(view):
    view.reset()
    default = view.snapshot()
    for control in view.controls:
        changed = False
        for value in control.sweep(5):
            if value == control.default:
                continue
            try:
                view.update(**{control.name: value})
            except ParameterError:  # refused with the others at their defaults (validate)
                continue
            changed |= view.snapshot() != default
            view.reset()
        assert changed, f"{view.name}: moving {control.name!r} never changes the picture"
    assert view.snapshot() == default, f"{view.name}: reset does not restore the default picture"


def _bad_values(control):
    if control.kind in ("int", "float"):
        span = control.maximum - control.minimum
        return [control.maximum + span, control.minimum - span, math.nan, "3", None, True]
    if control.kind == "bool":
        return [0, 1, "True", None]
    if control.kind == "multi":
        return [control.values[0], ("no such option",), None, 3.5]
    if control.kind == "text":
        return [None, 3.5, "x" * 10_001, "two\nlines"]
    return ["no such option", None, 3.5]


def test_bad_values_are_refused_naming_the_control(view):
    view.reset()
    before = view.snapshot()
    for control in view.controls:
        for bad in _bad_values(control):
            with pytest.raises(ParameterError, match=control.name):
                view.update(**{control.name: bad})
            assert view.params[control.name] == control.default, \
                f"{view.name}: a refused value for {control.name!r} changed the state"
    assert view.snapshot() == before
    with pytest.raises(ValueError, match="no_such_control"):
        view.update(no_such_control=1)


def test_summary_and_alt_text_describe_the_default(view):
    view.reset()
    summary = view.summary()
    assert isinstance(summary, pd.DataFrame) and not summary.empty
    alt = view.alt_text()
    assert len(alt) > 40 and any(ch.isdigit() for ch in alt), alt


def test_show_displays_one_output_live_and_static_in_one(view, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display",
                        lambda *a, **k: shown.append((a, k)))
    view.reset()
    view.show()
    assert len(shown) == 1, f"{view.name}: show() must display one output, got {len(shown)}"
    (bundle,), kwargs = shown[0]
    assert kwargs.get("raw") is True
    static = "image/png" if view.output_kind == "figure" else "text/html"
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", static, "text/plain"}
    expected = view.snapshot() if static == "image/png" else view.snapshot().decode()
    assert bundle[static] == expected, f"{view.name}: the static part is not the current state"
    assert bundle["text/plain"].endswith(view.alt_text())
    if static == "image/png":
        assert kwargs["metadata"]["image/png"]["alt"] == view.alt_text()
    assert view.params == {c.name: c.default for c in view.controls}

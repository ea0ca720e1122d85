"""The style module: fixed actor colours, no import side effects, explicit application."""

from __future__ import annotations

import subprocess
import sys

import matplotlib as mpl
import pytest

from helpers import style


def test_every_actor_has_distinct_colour_and_marker():
    colors = [s.color.upper() for s in style.ACTOR_STYLES.values()]
    markers = [s.marker for s in style.ACTOR_STYLES.values()]
    assert len(set(colors)) == len(colors)
    assert len(set(markers)) == len(markers)


def test_main_actors_use_okabe_ito():
    okabe = {c.upper() for c in style.OKABE_ITO.values()}
    for a in ("RUS", "IRN", "TUR", "USA", "CHN", "ISR", "SAU", "SYR"):
        assert style.actor_color(a).upper() in okabe


def test_unknown_actor():
    with pytest.raises(KeyError, match="known ids"):
        style.actor_style("XYZ")
    assert style.actor_color("XYZ", default="#999999") == "#999999"


def test_course_style_is_scoped():
    before = mpl.rcParams["axes.spines.top"]
    with style.course_style():
        assert mpl.rcParams["axes.spines.top"] is False
    assert mpl.rcParams["axes.spines.top"] == before


def test_importing_helpers_changes_no_rcparams():
    code = ("import matplotlib as mpl; before = dict(mpl.rcParams); "
            "import helpers, helpers.style, helpers.views, helpers.timeline; "
            "changed = [k for k in before if mpl.rcParams[k] != before[k]]; "
            "print(changed); raise SystemExit(1 if changed else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_legend_handles_carry_colour_and_marker():
    (h,) = style.legend_handles(["IRN"])
    assert h.get_color() == style.actor_color("IRN") and h.get_marker() == "s"
    assert h.get_label() == "Iran"

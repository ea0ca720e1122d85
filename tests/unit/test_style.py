"""The style module: fixed actor colours, no import side effects, explicit application."""

from __future__ import annotations

import subprocess
import sys

import matplotlib as mpl
import pytest

from helpers import data
from helpers.checks import ParameterError
from helpers.data import actors
from helpers.plots import style as style
from helpers.text import gazetteer as gz


def test_every_actor_has_distinct_colour_and_drawn_actors_distinct_markers():
    colors = [s.color.upper() for s in style.actor_styles().values()]
    assert len(set(colors)) == len(colors)
    drawn = [a for a in actors.registry().values() if a.ring is not None
             or a.actor_id in set(gz.gazetteer()["actor_id"])]
    markers = [a.marker for a in drawn]
    assert len(drawn) >= 20 and len(set(markers)) == len(markers)


def test_styles_are_the_registry_rows():
    frame = data.load("actors").set_index("actor_id")
    for actor_id, st in style.actor_styles().items():
        row = frame.loc[actor_id]
        assert (st.name, st.color, st.marker) == (row["name"], row["colour"], row["marker"])


def test_main_actors_use_okabe_ito():
    okabe = {c.upper() for c in style.OKABE_ITO.values()}
    for a in ("RUS", "IRN", "TUR", "USA", "CHN", "ISR", "SAU", "SYR"):
        assert style.actor_color(a).upper() in okabe


def test_unknown_actor():
    with pytest.raises(ParameterError, match="actor_id must be one of"):
        style.actor_style("XYZ")
    assert style.actor_color("XYZ", default="#999999") == "#999999"


def test_course_style_is_scoped():
    before = mpl.rcParams["axes.spines.top"]
    with style.course_style():
        assert mpl.rcParams["axes.spines.top"] is False
    assert mpl.rcParams["axes.spines.top"] == before


def test_importing_helpers_changes_no_rcparams():
    code = ("import matplotlib as mpl; before = dict(mpl.rcParams); "
            "import helpers, helpers.plots.style, helpers.views, helpers.views.timeline; "
            "changed = [k for k in before if mpl.rcParams[k] != before[k]]; "
            "print(changed); raise SystemExit(1 if changed else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_legend_handles_carry_colour_and_marker():
    (h,) = style.legend_handles(["IRN"])
    assert h.get_color() == style.actor_color("IRN") and h.get_marker() == "s"
    assert h.get_label() == "Iran"


# --- colour-vision-deficiency check -------------------------------------------------------------
# Simulation matrices of Machado, Oliveira & Fernandes (2009), "A physiologically-based model for
# simulation of color vision deficiency", IEEE TVCG 15(6), severity 1.0, in linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
MAIN = ["RUS", "IRN", "TUR", "USA", "CHN", "ISR", "SAU", "SYR"]


def _lab(hex_color: str, matrix=None):
    import numpy as np

    srgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    if matrix is not None:
        linear = np.clip(np.array(matrix) @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _min_delta_e(ids, matrix=None):
    import itertools

    import numpy as np

    labs = {a: _lab(style.actor_color(a), matrix) for a in ids}
    return min((float(np.linalg.norm(labs[a] - labs[b])), a, b)
               for a, b in itertools.combinations(ids, 2))


@pytest.mark.parametrize("deficiency", sorted(CVD))
def test_main_actors_stay_distinct_under_colour_vision_deficiency(deficiency):
    delta, a, b = _min_delta_e(MAIN, CVD[deficiency])
    assert delta >= 15, f"{a} and {b} differ by only ΔE {delta:.1f} under {deficiency}"


def test_all_actor_colours_differ_for_normal_vision():
    delta, a, b = _min_delta_e(list(style.actor_styles()))
    assert delta >= 7, f"{a} and {b} differ by only ΔE {delta:.1f}"


def test_the_check_can_fail():
    assert _min_delta_e(["USA", "GBR"], CVD["tritanopia"])[0] < 15  # near-twins for tritanopes

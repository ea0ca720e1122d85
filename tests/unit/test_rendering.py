"""Cached rendering: stamps and static layers give the same pixels as drawing anew."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.plots.rendering import StaticLayer, TextStamp, text_pixels


def rgba(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_static_layer_reproduces_the_figure():
    fig = Figure(figsize=(3, 2), dpi=100)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [2, 0, 1])
    ax.set_title("a title")
    before = rgba(fig)
    for child in (*ax.get_children(), ax):
        child.set_visible(False)
    assert not np.array_equal(rgba(fig), before)
    fig.add_artist(StaticLayer(before))
    assert np.array_equal(rgba(fig), before)


def test_stamp_moves_and_hides():
    fig = Figure(figsize=(2, 1), dpi=100)
    stamp = fig.add_artist(TextStamp((10, 50), "label", ha="left", va="center"))
    first = rgba(fig)
    stamp.set_xy((60, 50))
    moved = rgba(fig)
    assert not np.array_equal(first, moved)
    stamp.set_visible(False)
    assert (rgba(fig)[..., :3] == 255).all()  # nothing but the white background


def test_text_pixels_are_cached_and_bold_is_wider():
    a = text_pixels("Tehran summit", fontsize=9)
    assert a is text_pixels("Tehran summit", fontsize=9)
    assert text_pixels("Tehran summit", fontsize=9, weight="bold").shape[1] > a.shape[1]

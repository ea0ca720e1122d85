"""Fast redraws for what-if views: text and static parts rendered once, then composited.

Text dominates the redraw time of a matplotlib figure: every label is laid out and rasterised
glyph by glyph on every draw (about a millisecond each). A what-if view redraws dozens of times,
mostly with the same labels, so this module lets a view pay for each piece of text once:

* :func:`text_pixels` renders a line of text to RGBA pixels once and caches it;
* :class:`TextStamp` is an artist that composites those pixels at a fixed place;
* :class:`StaticLayer` paints a pre-rendered picture of everything that never changes.

The output is the same picture, pixel for pixel, at the figure's own resolution (views render
their PNGs at that resolution, see :meth:`helpers.views.WhatIfView.png`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from helpers.plots import style

__all__ = ["StaticLayer", "TextStamp", "text_pixels"]

_LINE_PITCH = 1.35
_SCRATCH_WIDTH, _SCRATCH_HEIGHT = 16.0, 0.6  # inches: the widest and tallest line stamped


@lru_cache(maxsize=4)
def _scratch(dpi: int) -> tuple[Any, Any, Any]:
    """Return a reusable transparent canvas for rendering lines of text (per resolution)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import IdentityTransform

    fig = Figure(figsize=(_SCRATCH_WIDTH, _SCRATCH_HEIGHT), dpi=dpi)
    fig.patch.set_alpha(0.0)
    canvas = FigureCanvasAgg(fig)
    text = fig.text(1, 0, "", transform=IdentityTransform(), ha="left", va="baseline")
    return fig, canvas, text


@lru_cache(maxsize=4096)
def _line_pixels(line: str, fontsize: float, color: str, weight: str, family: str,
                 fontstyle: str, dpi: int) -> np.ndarray:
    """Render one line of text once to an RGBA array one line-pitch high (cached)."""
    pitch = math.ceil(fontsize * _LINE_PITCH * dpi / 72)
    if not line.strip():
        out = np.zeros((pitch, 1, 4), dtype=np.uint8)
        out.setflags(write=False)
        return out
    descent = math.ceil(fontsize * 0.32 * dpi / 72)
    _, canvas, text = _scratch(dpi)
    with style.course_style():
        text.set(text=line, y=descent, fontsize=fontsize, color=color, fontweight=weight,
                 family=family, fontstyle=fontstyle)
        renderer = canvas.get_renderer()
        width = math.ceil(text.get_window_extent(renderer).width) + 3
        renderer.clear()
        text.draw(renderer)  # only the text: the figure patch is transparent anyway
        buf = np.asarray(renderer.buffer_rgba())
    if width > buf.shape[1] or pitch > buf.shape[0]:
        raise ValueError(f"text line too large to stamp ({width} x {pitch} px): {line[:40]!r}")
    out = buf[buf.shape[0] - pitch:, :width].copy()
    out.setflags(write=False)
    return out


def text_pixels(text: str, *, fontsize: float = 10.0, color: str = "black",
                weight: str = "normal", family: str = "DejaVu Sans",
                fontstyle: str = "normal", dpi: int = 100) -> np.ndarray:
    """Render (possibly multi-line) text to an RGBA array, left-aligned, line by line.

    Each line is rendered once and cached, so a what-if view that shows the same labels and
    numbers again pays only for copying pixels.

    Parameters
    ----------
    text : str
        Text; a newline separates lines. ``$`` is shown literally (no mathtext).
    fontsize, color, weight, family, fontstyle
        Text properties, as for :meth:`matplotlib.figure.Figure.text`.
    dpi : int
        Resolution of the figure the pixels will be placed on.

    Returns
    -------
    numpy.ndarray
        ``(height, width, 4)`` uint8 RGBA, row 0 at the top, transparent background.
    """
    text = style.escape_mathtext(text)
    lines = [_line_pixels(ln, fontsize, color, weight, family, fontstyle, dpi)
             for ln in text.split("\n")]
    if len(lines) == 1:
        return lines[0]
    width = max(a.shape[1] for a in lines)
    out = np.zeros((sum(a.shape[0] for a in lines), width, 4), dtype=np.uint8)
    row = 0
    for a in lines:
        out[row:row + a.shape[0], :a.shape[1]] = a
        row += a.shape[0]
    return out


class TextStamp(Artist):
    """Text placed on a figure as pre-rendered pixels: cheap to redraw, cheap to change.

    A drop-in for the few ``Text`` methods a what-if view uses (``set_text``, ``get_text``,
    ``set_color``), positioned in figure pixels. Rendering text glyph by glyph is what makes a
    matplotlib redraw slow; a stamp composites cached pixels instead.

    Parameters
    ----------
    xy : (float, float)
        Anchor in display pixels (origin at the lower left of the figure).
    text : str
        Initial text (may hold several lines).
    ha : {"left", "center", "right"}
        Horizontal alignment of the block to the anchor.
    va : {"top", "center", "bottom"}
        Vertical alignment of the block to the anchor.
    dpi : int
        Resolution of the figure.
    **props
        ``fontsize``, ``color``, ``weight``, ``family``, ``fontstyle``.
    """

    def __init__(self, xy: tuple[float, float], text: str = "", *, ha: str = "left",
                 va: str = "top", dpi: int = 100, **props: Any) -> None:
        super().__init__()
        if ha not in ("left", "center", "right") or va not in ("top", "center", "bottom"):
            raise ValueError(f"ha must be left/center/right and va top/center/bottom, "
                             f"got {ha!r}, {va!r}")
        self._xy, self._ha, self._va, self._dpi = xy, ha, va, dpi
        self._props = {"fontsize": 10.0, "color": "black", "weight": "normal",
                       "family": "DejaVu Sans", "fontstyle": "normal", **props}
        self._text = ""
        self._pixels = np.zeros((1, 1, 4), dtype=np.uint8)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        """Change the text (renders any line not seen before)."""
        self._text = str(text)
        self._pixels = np.ascontiguousarray(
            text_pixels(self._text, dpi=self._dpi, **self._props)[::-1])
        self.stale = True

    def set_xy(self, xy: tuple[float, float]) -> None:
        """Move the anchor (display pixels, origin at the lower left of the figure)."""
        self._xy = (float(xy[0]), float(xy[1]))
        self.stale = True

    def get_text(self) -> str:
        """Return the current text."""
        return self._text

    def set_color(self, color: str) -> None:
        """Change the text colour."""
        self._props["color"] = color
        self.set_text(self._text)

    def draw(self, renderer: Any) -> None:
        """Composite the pixels at the anchor."""
        if not self.get_visible() or not self._text:
            return
        h, w = self._pixels.shape[:2]
        x, y = self._xy
        left = {"left": x, "center": x - w / 2, "right": x - w}[self._ha]
        bottom = {"bottom": y, "center": y - h / 2, "top": y - h}[self._va]
        gc = renderer.new_gc()
        gc.set_alpha(1.0)
        renderer.draw_image(gc, round(left), round(bottom), self._pixels)
        gc.restore()
        self.stale = False


class StaticLayer(Artist):
    """A pre-rendered RGBA picture of a whole figure, painted as is under everything else.

    Cheaper than ``Figure.figimage``, which resamples its image on every draw.
    """

    def __init__(self, rgba: np.ndarray) -> None:
        super().__init__()
        # The Agg buffer's first row is the top of the figure; draw_image wants the bottom first.
        self._rgba = np.ascontiguousarray(rgba[::-1])
        self.set_zorder(-1)

    def draw(self, renderer: Any) -> None:
        """Paint the stored pixels at the figure's origin."""
        if not self.get_visible():
            return
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self._rgba)
        gc.restore()

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

from helpers.checks import (
    ParameterError,
    check_choice,
    check_instance,
    check_int,
    check_number,
    check_str,
)
from helpers.plots import style

__all__ = ["StaticLayer", "TextStamp", "text_pixels"]

_LINE_PITCH = 1.35
_SCRATCH_WIDTH, _SCRATCH_HEIGHT = 16.0, 0.6  # inches: the widest and tallest line stamped

#: Valid ranges of the text properties (the largest font fits the scratch canvas's height).
FONTSIZE_RANGE = (1.0, 30.0)
DPI_RANGE = (10, 600)
_WEIGHTS = ("ultralight", "light", "normal", "regular", "book", "medium", "roman", "semibold",
            "demibold", "demi", "bold", "heavy", "extra bold", "black")
_STYLES = ("normal", "italic", "oblique")
_PROPS = ("fontsize", "color", "weight", "family", "fontstyle")


@lru_cache(maxsize=256)
def _known_font(family: str) -> bool:
    """Whether matplotlib finds a font of this family (without falling back to another)."""
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=family),
                              fallback_to_default=False)
    except ValueError:
        return False
    return True


def _check_props(fontsize: Any, color: Any, weight: Any, family: Any, fontstyle: Any,
                 dpi: Any) -> tuple[float, str, str, str, str, int]:
    """Check text properties; return them as plain values (errors name the property)."""
    from matplotlib.colors import is_color_like

    size = check_number("fontsize", fontsize, *FONTSIZE_RANGE, unit="points")
    check_str("color", color)
    if not is_color_like(color):
        raise ParameterError(f"color must be a matplotlib colour (a name such as 'black' or a "
                             f"hex code such as '#333333'), got {color!r}")
    check_choice("weight", weight, _WEIGHTS)
    check_str("family", family)
    if not _known_font(family):
        raise ParameterError(f"family must be a font family matplotlib finds (e.g. "
                             f"'DejaVu Sans'), got {family!r}")
    check_choice("fontstyle", fontstyle, _STYLES)
    return size, color, weight, family, fontstyle, check_int("dpi", dpi, *DPI_RANGE)


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
        raise ParameterError(f"text line too large to stamp ({width} x {pitch} px, at most "
                             f"{buf.shape[1]} x {buf.shape[0]}): {line[:40]!r}")
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

    Raises
    ------
    ParameterError
        If ``text`` is not a str or a line is too long to stamp (16 inches), or a property is
        invalid: ``fontsize`` outside [1, 30] points, ``dpi`` outside [10, 600], an unknown
        ``color``, ``weight``, ``family`` or ``fontstyle``.
    """
    check_str("text", text, empty=True)
    fontsize, color, weight, family, fontstyle, dpi = _check_props(
        fontsize, color, weight, family, fontstyle, dpi)
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

    Raises
    ------
    ParameterError
        If ``xy`` is not a pair of finite numbers, ``text`` not a str, ``ha`` or ``va`` not
        one of its options, or a property invalid (see :func:`text_pixels`).
    """

    def __init__(self, xy: tuple[float, float], text: str = "", *, ha: str = "left",
                 va: str = "top", dpi: int = 100, **props: Any) -> None:
        super().__init__()
        try:
            check_choice("ha", ha, ("left", "center", "right"))
            check_choice("va", va, ("top", "center", "bottom"))
        except ParameterError as exc:
            raise ParameterError(f"ha must be left/center/right and va top/center/bottom, "
                                 f"got {ha!r}, {va!r} ({exc})") from None
        unknown = sorted(set(props) - set(_PROPS))
        if unknown:
            raise ParameterError(f"props must be among {list(_PROPS)}, got {unknown}")
        self._ha, self._va, self._dpi = ha, va, check_int("dpi", dpi, *DPI_RANGE)
        self._xy = _check_xy(xy)
        self._props = {"fontsize": 10.0, "color": "black", "weight": "normal",
                       "family": "DejaVu Sans", "fontstyle": "normal", **props}
        _check_props(dpi=self._dpi, **self._props)
        self._text = ""
        self._pixels = np.zeros((1, 1, 4), dtype=np.uint8)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        """Change the text (renders any line not seen before)."""
        self._text = check_str("text", text, empty=True)
        self._pixels = np.ascontiguousarray(
            text_pixels(self._text, dpi=self._dpi, **self._props)[::-1])
        self.stale = True

    def set_xy(self, xy: tuple[float, float]) -> None:
        """Move the anchor (display pixels, origin at the lower left of the figure)."""
        self._xy = _check_xy(xy)
        self.stale = True

    def get_text(self) -> str:
        """Return the current text."""
        return self._text

    def set_color(self, color: str) -> None:
        """Change the text colour."""
        _check_props(**{**self._props, "color": color}, dpi=self._dpi)
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


def _check_xy(xy: Any) -> tuple[float, float]:
    """Check an anchor: a pair of finite numbers (display pixels)."""
    if isinstance(xy, str | bytes | dict) or not hasattr(xy, "__len__") or len(xy) != 2:
        raise ParameterError(f"xy must be a pair (x, y) of finite numbers (display pixels), "
                             f"got {xy!r}")
    return (check_number("xy[0]", xy[0]), check_number("xy[1]", xy[1]))


class StaticLayer(Artist):
    """A pre-rendered RGBA picture of a whole figure, painted as is under everything else.

    Cheaper than ``Figure.figimage``, which resamples its image on every draw.

    Raises
    ------
    ParameterError
        If ``rgba`` is not a uint8 array of shape (height, width, 4).
    """

    def __init__(self, rgba: np.ndarray) -> None:
        check_instance("rgba", rgba, np.ndarray, "an RGBA image: a uint8 array (height, width, 4)")
        if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8 or 0 in rgba.shape:
            raise ParameterError(f"rgba must be a uint8 array of shape (height, width, 4), got "
                                 f"{rgba.dtype} {rgba.shape}")
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

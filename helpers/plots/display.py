"""Showing a finished static figure in a notebook: a PNG, its text alternative and a caption.

A reader without a kernel (nbconvert HTML, GitHub) sees the same image; a screen reader reads the
text alternative, which carries the figure's numbers.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.checks import ParameterError, check_str
from helpers.plots import style

__all__ = [
    "show_figure",
]


def show_figure(figure: Figure | bytes, alt_text: str, title: str | None = None) -> None:
    """Display a figure (or PNG bytes) with its text alternative as fallback and caption.

    The output's plain-text fallback is ``"[figure] " + alt_text``: what a reader without
    images gets and what nbval compares (it skips PNGs). The caption below repeats the text
    alternative, so every reader can see what the figure shows.

    Parameters
    ----------
    figure : matplotlib.figure.Figure or bytes
        A figure made without pyplot, or PNG bytes (e.g. :meth:`WhatIfView.png`).
    alt_text : str
        One to three sentences describing the figure, with its numbers.
    title : str, optional
        Figure title for the caption.

    Raises
    ------
    ParameterError
        If ``figure`` is neither a Figure nor PNG bytes, ``alt_text`` is not a non-empty str,
        or ``title`` is neither None nor a str.
    """
    from IPython.display import Markdown, display

    if not isinstance(figure, Figure) and not (isinstance(figure, bytes)
                                               and figure.startswith(b"\x89PNG")):
        raise ParameterError(f"figure must be a matplotlib Figure or PNG bytes, got "
                             f"{type(figure).__name__}")
    check_str("alt_text", alt_text)
    if title is not None:
        check_str("title", title, empty=True)

    if isinstance(figure, Figure):
        buf = io.BytesIO()
        with style.course_style():
            FigureCanvasAgg(figure).print_png(buf, metadata={"Software": None})
        png = buf.getvalue()
    else:
        png = figure
    display({"image/png": png, "text/plain": f"[figure] {alt_text}"}, raw=True)
    lead = f"*Figure: {title}.* " if title else ""
    display(Markdown(f"{lead}*Text alternative:* {alt_text.replace('$', '&#36;')}"))


def _html(text: str) -> str:
    import html

    return html.escape(text, quote=True)

"""Figures of actor mentions in the article.

Totals per actor, mentions per paragraph, and the co-mention network. Each function takes an ``ax``
and returns it; the numbers come from :mod:`helpers.text.mentions`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from helpers.checks import (
    ParameterError,
    check_cells,
    check_frame,
    check_ids,
    check_instance,
    check_int,
)
from helpers.data.actors import actor_name, short_name
from helpers.data.actors import registry as actor_registry
from helpers.plots import style
from helpers.plots.networks import circle_positions as circle_layout
from helpers.plots.networks import edge_width, spread_order
from helpers.text.mentions import links_table

__all__ = [
    "draw_co_mention_key",
    "mention_totals_figure",
    "plot_co_mentions",
    "plot_mention_totals",
    "plot_mentions_per_paragraph",
    "totals_alt_text",
]


_OTHER = "#FFFFFF"


_OTHER_EDGE = "#8C8C8C"


_LINK = "#BDBDBD"


_LINK_LIT = "#1A1A1A"


_DARK_EDGE = "#333333"  # outline of markers too light to stand out on white (e.g. GULF)


_KIND_SUFFIX = {"heading": " heading", "caption": " caption"}


_KEY_X, _KEY_Y = 0.58, (0.11, 0.045)  # colour key of the paragraph bars, in axes coordinates


def _check_totals(totals: object, columns: Sequence[str] = ("actor_id", "name", "mentions")
                  ) -> pd.DataFrame:
    """Check a totals table (:func:`helpers.text.mention_totals`): at least one actor row."""
    frame = check_frame("totals", totals, columns, min_rows=1)
    for col in columns:
        if col == "mentions":
            check_cells("totals", frame, col, "int", lo=1)
        else:
            check_cells("totals", frame, col, "str")
    return frame


def _check_counts(counts: object) -> pd.DataFrame:
    """Check a paragraphs x actors table of whole-number counts >= 0 (paragraphs from 1)."""
    frame = check_frame("counts", counts, min_rows=1)
    values = frame.to_numpy()
    if frame.shape[1] == 0 or values.dtype.kind not in "iuf" or not (values >= 0).all() \
            or (values.dtype.kind == "f" and not (values == values.round()).all()):
        raise ParameterError("counts must hold whole-number counts >= 0, one column per actor "
                             "(see helpers.text.mentions_per_paragraph)")
    index = frame.index.to_numpy()
    if index.dtype.kind not in "iu" or not (index >= 1).all():
        raise ParameterError(f"counts must be indexed by paragraph numbers (whole numbers >= 1), "
                             f"got {list(frame.index)[:5]}")
    return frame


def plot_mention_totals(ax: Axes, totals: pd.DataFrame) -> Axes:
    """Draw one horizontal bar per actor (its colour, count at the bar's end), most at the top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    totals : pandas.DataFrame
        From :func:`mention_totals`.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes or ``totals`` is not a non-empty table with ``actor_id`` and
        ``name`` (strs) and ``mentions`` (whole numbers >= 1).
    """
    style.check_ax(ax)
    totals = _check_totals(totals)
    n = len(totals)
    ys = list(range(n))[::-1]
    colors = [style.actor_color(a, default="#999999") for a in totals["actor_id"]]
    ax.barh(ys, totals["mentions"], color=colors, edgecolor="black", linewidth=0.5, height=0.7)
    for y, v in zip(ys, totals["mentions"], strict=True):
        ax.text(v + 0.4, y, str(int(v)), va="center", fontsize=8)
    ax.set_yticks(ys, [style.escape_mathtext(f"{nm} ({a})") for a, nm in
                       zip(totals["actor_id"], totals["name"], strict=True)])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, float(totals["mentions"].max()) * 1.12 + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("mentions found by the extractor")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    return ax


def mention_totals_figure(totals: pd.DataFrame) -> Figure:
    """Build the figure of :func:`plot_mention_totals` in the course style (no pyplot).

    Parameters
    ----------
    totals : pandas.DataFrame
        From :func:`mention_totals`.

    Returns
    -------
    matplotlib.figure.Figure
        Show it with :func:`helpers.views.show_figure` and :func:`totals_alt_text`.

    Raises
    ------
    ParameterError
        If ``totals`` is malformed (see :func:`plot_mention_totals`).
    """
    totals = _check_totals(totals)
    with style.course_style():
        fig = Figure(figsize=(7.5, 0.26 * len(totals) + 1.0), layout="constrained")
        ax = plot_mention_totals(fig.add_subplot(), totals)
        ax.set_title("Mentions per actor in the article", loc="left", fontsize=11)
    return fig


def _para_labels(kinds: Sequence[str]) -> list[str]:
    return [f"¶{i}{_KIND_SUFFIX.get(k, '')}" for i, k in enumerate(kinds, start=1)]


def plot_mentions_per_paragraph(
    ax: Axes, counts: pd.DataFrame, actor: str, kinds: Sequence[str] | None = None
) -> Axes:
    """Draw one bar per paragraph: the actor's mentions (its colour), then the others' (grey).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    counts : pandas.DataFrame
        From :func:`helpers.text.mentions_per_paragraph` (paragraphs × actors).
    actor : str
        A column of ``counts``.
    kinds : sequence of str, optional
        Paragraph kinds ("body", "heading", "caption"), to mark headings and captions.

    Returns
    -------
    matplotlib.axes.Axes
        Its first ``n`` patches are the actor's bars, the next ``n`` the others' bars, then
        the two swatches of the colour key; ``ax.texts`` holds the key's two labels.
    """
    style.check_ax(ax)
    counts = _check_counts(counts)
    if not isinstance(actor, str) or actor not in counts.columns:
        raise ParameterError(f"actor must be one of the columns of counts "
                             f"{list(counts.columns)}, got {actor!r}")
    if kinds is not None:
        kinds = check_ids("kinds", kinds, options=(*_KIND_SUFFIX, "body"))
        if len(kinds) != len(counts):
            raise ParameterError(f"kinds must give one kind per paragraph of counts "
                                 f"({len(counts)}), got {len(kinds)}")
    ys = list(counts.index)
    own = counts[actor]
    others = counts.sum(axis=1) - own
    st = style.actor_style(actor) if actor in style.actor_styles() else None
    color = st.color if st else "#999999"
    ax.barh(ys, own, color=color, edgecolor="black", linewidth=0.6, height=0.72)
    ax.barh(ys, others, left=own, color=_OTHER, edgecolor=_OTHER_EDGE, linewidth=0.4,
            height=0.72)
    ax.set_yticks(ys, _para_labels(kinds or ["body"] * len(ys)))
    ax.set_ylim(max(ys) + 0.6, min(ys) - 0.6)  # paragraph 1 at the top
    ax.set_xlim(0, float(counts.sum(axis=1).max()) + 1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.set_xlabel("mentions in the paragraph")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    # A hand-placed key (two swatches, two labels) instead of ax.legend: it is redrawn on every
    # update of the what-if view, and a legend's box packing would cost more than the bars.
    labels = (style.escape_mathtext(f"{actor_name(actor)} ({int(own.sum())})"),
              f"other actors ({int(others.sum())})")
    swatches = ((color, "black", 0.6), (_OTHER, _OTHER_EDGE, 0.4))
    for (face, edge, lw), label, y in zip(swatches, labels, _KEY_Y, strict=True):
        ax.add_patch(Rectangle((_KEY_X, y - 0.018), 0.05, 0.036, transform=ax.transAxes,
                               facecolor=face, edgecolor=edge, linewidth=lw))
        ax.text(_KEY_X + 0.07, y, label, transform=ax.transAxes, va="center", fontsize=9)
    return ax


def _node_size(mentions: int) -> float:
    return 6.5 + 1.5 * math.sqrt(max(mentions, 0))


def _label_place(x: float, y: float) -> tuple[float, float, str, str]:
    ha = "center" if abs(x) < 0.2 else ("left" if x > 0 else "right")
    va = "center" if abs(y) < 0.85 else ("bottom" if y > 0 else "top")
    return 1.15 * x, 1.13 * y, ha, va


def plot_co_mentions(
    ax: Axes,
    graph: nx.Graph,
    actor: str | None = None,
    order: Sequence[str] | None = None,
) -> Axes:
    """Draw a co-mention network on a fixed circle, actor colours and markers, widths by weight.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    graph : networkx.Graph
        From :func:`helpers.text.co_mention_graph` (nodes may carry ``mentions``).
    actor : str, optional
        Emphasise this node and its links (the others are drawn light grey).
    order : sequence of str, optional
        Node order around the circle (clockwise from the top); defaults to
        :func:`spread_order` of the graph's nodes in gazetteer order. Nodes in ``order`` but
        not in the graph are drawn too.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds the links, one ``Line2D`` per node follows in ``ax.lines``
        and one label per node in ``ax.texts``, in ``order``.

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes; ``graph`` is not a networkx Graph of actor ids with
        whole-number edge weights >= 1 and ``mentions`` counts >= 0; ``order`` is not a list
        of distinct ids holding every node of ``graph``; ``actor`` is not one of the nodes.
    """
    style.check_ax(ax)
    check_instance("graph", graph, nx.Graph, "a networkx Graph (from co_mention_graph)")
    for a, count in graph.nodes(data="mentions"):
        if not isinstance(a, str) or not a:
            raise ParameterError(f"graph nodes must be actor ids (non-empty str), got {a!r}")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int | float)
                                  or not count >= 0 or float(count) != int(count)):
            raise ParameterError(f"graph node {a!r} must count its mentions with a whole "
                                 f"number >= 0, got {count!r}")
    rank = {a: i for i, a in enumerate(actor_registry())}
    if order is not None:
        nodes = check_ids("order", order, distinct=True, min_len=1)
        absent = sorted(set(graph.nodes) - set(nodes))
        if absent:
            raise ParameterError(f"order must hold every node of graph; missing {absent}")
    else:
        if graph.number_of_nodes() == 0:
            raise ParameterError("graph must have at least one node (an actor) to draw")
        nodes = spread_order(sorted(graph.nodes, key=lambda a: (rank.get(a, len(rank)), a)))
    if actor is not None and (not isinstance(actor, str) or actor not in nodes):
        raise ParameterError(f"actor must be None or one of the nodes drawn {nodes}, "
                             f"got {actor!r}")
    pos = circle_layout(nodes)
    links = LineCollection([], capstyle="round", zorder=1)
    ax.add_collection(links)
    _set_links(links, links_table(graph, nodes), pos, actor)
    for a in nodes:
        x, y = pos[a]
        st = style.actor_styles().get(a)
        count = int(graph.nodes[a].get("mentions", 1)) if a in graph else 0
        lit = a == actor
        color = st.color if st else "#999999"
        ax.plot([x], [y], linestyle="none", marker=st.marker if st else "o",
                color=color, zorder=3, **_node_props(count, lit, st.marker if st else "o", color))
        lx, ly, ha, va = _label_place(x, y)
        ax.text(lx, ly, style.escape_mathtext(short_name(a)), ha=ha, va=va, fontsize=8.5,
                zorder=4, fontweight="bold" if lit else "normal")
    ax.set_xlim(-1.42, 1.42)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


_LINE_MARKERS = {"1", "2", "3", "4", "+", "x", "|", "_"}


def _low_contrast(color: str | None) -> bool:
    """Whether a colour has less than 3:1 contrast against white (WCAG relative luminance)."""
    if color is None:
        return False
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.30


def _node_props(count: int, lit: bool, marker: str, color: str | None = None) -> dict[str, Any]:
    """Marker size and edge of a node; light colours (``color``) get a dark outline."""
    size = _node_size(count) * (1.35 if lit else 1.0)
    if marker in _LINE_MARKERS:  # unfilled markers: thicker strokes to stay visible
        width = 3.2 if lit else 2.0
        props: dict[str, Any] = {"markersize": size, "markeredgewidth": width}
        if _low_contrast(color):  # a stroke has no edge: draw a dark one under it
            props["path_effects"] = [patheffects.withStroke(linewidth=width + 1.8,
                                                            foreground=_DARK_EDGE)]
        return props
    edge = "black" if lit else (_DARK_EDGE if _low_contrast(color) else "white")
    return {"markersize": size, "markeredgecolor": edge, "markeredgewidth": 2.0 if lit else 0.8}


def _set_links(links: LineCollection, table: pd.DataFrame,
               pos: Mapping[str, tuple[float, float]], actor: str | None) -> None:
    """Fill a LineCollection with the links of ``table``; the actor's links drawn last, dark."""
    rows = list(table.itertuples(index=False))
    lit = [actor is not None and actor in (r.actor_a, r.actor_b) for r in rows]
    order = [i for i, x in enumerate(lit) if not x] + [i for i, x in enumerate(lit) if x]
    links.set_segments([[pos[rows[i].actor_a], pos[rows[i].actor_b]] for i in order])
    links.set_linewidths([edge_width(rows[i].weight) for i in order])
    links.set_colors([_LINK_LIT if lit[i] else _LINK for i in order])


def draw_co_mention_key(ax: Axes, mentions: Sequence[int] = (1, 10, 30),
                        weights: Sequence[int] = (2, 5, 20)) -> Axes:
    """Add a key under a co-mention network: marker size, link width and link colour.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes drawn by :func:`plot_co_mentions`.
    mentions : sequence of int
        Mention counts whose marker sizes the key shows (one row).
    weights : sequence of int
        Link weights (times named together) whose line widths the key shows (second row).

    Returns
    -------
    matplotlib.axes.Axes
        With a legend (``ax.get_legend()``) below the circle; ``ax.lines`` and ``ax.texts`` are
        untouched.

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, or ``mentions`` or ``weights`` is not a non-empty list of
        whole numbers in [1, 1000].
    """
    style.check_ax(ax)
    for name, values in (("mentions", mentions), ("weights", weights)):
        if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
            raise ParameterError(f"{name} must be a non-empty list of whole numbers in "
                                 f"[1, 1000], got {values!r}")
        for i, v in enumerate(values):
            check_int(f"{name}[{i}]", v, 1, 1000)
    sizes = [Line2D([], [], linestyle="none", marker="o", color=_LINK, markeredgecolor=_DARK_EDGE,
                    markeredgewidth=0.8, markersize=_node_size(n),
                    label=f"{n} mention{'' if n == 1 else 's'}") for n in mentions]
    widths = [Line2D([], [], color=_LINK, linewidth=edge_width(w), solid_capstyle="butt",
                     label=f"named together {w}×") for w in weights]
    shades = [Line2D([], [], color=_LINK_LIT, linewidth=2.0, label="chosen actor's link"),
              Line2D([], [], color=_LINK, linewidth=2.0, label="other link")]
    rows = [sizes, widths, shades]
    handles = [row[i] for i in range(max(map(len, rows))) for row in rows if i < len(row)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=len(sizes),
              fontsize=8, frameon=False, handlelength=2.2, columnspacing=1.2,
              borderaxespad=0.2, title="marker size: mentions · line width: times named "
              "together", title_fontsize=8)
    return ax


def totals_alt_text(totals: pd.DataFrame, top: int = 3) -> str:
    """One-sentence text alternative for :func:`plot_mention_totals`.

    Parameters
    ----------
    totals : pandas.DataFrame
        From :func:`mention_totals`.
    top : int
        How many leading actors to name.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        If ``totals`` is not a non-empty table with ``name`` (strs) and ``mentions`` (whole
        numbers >= 1), or ``top`` is not a whole number in [1, 1000000].
    """
    totals = _check_totals(totals, ("name", "mentions"))
    top = check_int("top", top, 1, 1_000_000)
    lead = "; ".join(f"{r.name} {r.mentions}" for r in totals.head(top).itertuples())
    ones = int((totals["mentions"] == 1).sum())
    return (f"Horizontal bars of mentions per actor, {len(totals)} actors and "
            f"{int(totals['mentions'].sum())} mentions in all. Most mentioned: {lead}. "
            f"{ones} actors are mentioned once.")

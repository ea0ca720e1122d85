"""Figures of notebook 01 and its what-if view: who the article mentions, where, and with whom.

Everything here takes data from the caller: a mentions table (the columns of
:func:`helpers.article.mentions_frame`: ``paragraph``, ``sentence``, ``actor_id``, ...) and,
optionally, the paragraph table of :func:`helpers.article.paragraphs_frame`. Nothing reads a
file except :func:`default_view`, the registry factory.

The view, :class:`ArticleMentionsView`, has three controls:

``actor``
    The actor to follow. Left panel: its mentions in each paragraph (coloured) against every
    other actor's (grey). Right panel: its node and links emphasised.
``threshold``
    Keep only links between actors named together in at least this many units.
``unit``
    The co-occurrence window: the same ``sentence`` or the same ``paragraph``.

The network measures the *article's framing* (who it names together), not alignments in the
world.

Examples
--------
>>> from helpers import article
>>> view = ArticleMentionsView(article.mentions_frame(), article.paragraphs_frame())
>>> view.update(actor="USA", threshold=3, unit="paragraph")
>>> first = view.links().iloc[0]
>>> first["actor_a"], first["actor_b"], int(first["weight"])
('RUS', 'IRN', 13)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from helpers import style
from helpers.article import co_mention_graph, mentions_per_paragraph
from helpers.gazetteer import ACTORS
from helpers.rendering import StaticLayer
from helpers.views import Control, WhatIfView, register

__all__ = [
    "REQUIRED_COLUMNS",
    "UNITS",
    "ArticleMentionsView",
    "actor_name",
    "circle_layout",
    "default_view",
    "edge_width",
    "links_table",
    "mention_totals",
    "mention_totals_figure",
    "plot_co_mentions",
    "plot_mention_totals",
    "plot_mentions_per_paragraph",
    "spread_order",
    "totals_alt_text",
]

#: Columns a mentions table must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("paragraph", "sentence", "actor_id")
#: Co-occurrence windows of the co-mention network.
UNITS: tuple[str, ...] = ("sentence", "paragraph")

_OTHER = "#FFFFFF"
_OTHER_EDGE = "#8C8C8C"
_LINK = "#BDBDBD"
_LINK_LIT = "#1A1A1A"
_KIND_SUFFIX = {"heading": " heading", "caption": " caption"}
_KEY_X, _KEY_Y = 0.58, (0.11, 0.045)  # colour key of the paragraph bars, in axes coordinates


# --------------------------------------------------------------------------------------------
# pure helpers
# --------------------------------------------------------------------------------------------


def _check_mentions(mentions: Any) -> pd.DataFrame:
    if not isinstance(mentions, pd.DataFrame):
        raise ValueError(f"mentions must be a pandas DataFrame, got {type(mentions).__name__}")
    missing = [c for c in REQUIRED_COLUMNS if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions is missing column(s) {missing}; needs {list(REQUIRED_COLUMNS)}")
    if mentions.empty:
        raise ValueError("mentions must have at least one row")
    if mentions["actor_id"].isna().any():
        raise ValueError("mentions has rows without an actor_id")
    para = pd.to_numeric(mentions["paragraph"], errors="coerce")
    if para.isna().any() or (para < 1).any() or (para != para.round()).any():
        raise ValueError("mentions['paragraph'] must hold whole numbers >= 1")
    out = mentions.reset_index(drop=True).copy()
    out["paragraph"] = para.astype(int).to_numpy()
    return out


def _check_paragraphs(paragraphs: Any, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return ``number``/``kind`` rows 1..n (all "body" when no table is given)."""
    if paragraphs is None:
        n = int(mentions["paragraph"].max())
        return pd.DataFrame({"number": range(1, n + 1), "kind": ["body"] * n})
    if not isinstance(paragraphs, pd.DataFrame) or not {"number", "kind"} <= set(paragraphs):
        raise ValueError("paragraphs must be a DataFrame with columns 'number' and 'kind' "
                         "(see helpers.article.paragraphs_frame)")
    out = paragraphs[["number", "kind"]].sort_values("number").reset_index(drop=True)
    if list(out["number"]) != list(range(1, len(out) + 1)):
        raise ValueError("paragraphs['number'] must run 1..n without gaps")
    if int(mentions["paragraph"].max()) > len(out):
        raise ValueError(f"mentions refer to paragraph {int(mentions['paragraph'].max())}, but "
                         f"paragraphs has only {len(out)}")
    return out


def actor_name(actor_id: str) -> str:
    """Return the display name of an actor id (see :func:`helpers.style.actor_name`).

    Parameters
    ----------
    actor_id : str

    Returns
    -------
    str

    Examples
    --------
    >>> actor_name("TUR")
    'Turkey'
    """
    return style.actor_name(actor_id)


def _and(items: Sequence[str]) -> str:
    """Join words as English does: "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, noun: str) -> str:
    """``"1 link"``, ``"2 links"``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def mention_totals(mentions: pd.DataFrame) -> pd.DataFrame:
    """Count mentions per actor, most mentioned first (ties in gazetteer order).

    Parameters
    ----------
    mentions : pandas.DataFrame
        Needs ``actor_id`` and ``paragraph`` (e.g. :func:`helpers.article.mentions_frame`).

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_id``, ``name``, ``mentions``, ``paragraphs`` (number of paragraphs
        naming the actor) and ``share`` (of all mentions, 0–1).

    Examples
    --------
    >>> m = pd.DataFrame({"paragraph": [1, 1, 2], "actor_id": ["IRN", "RUS", "IRN"]})
    >>> mention_totals(m)["mentions"].tolist()
    [2, 1]
    """
    if "actor_id" not in mentions or "paragraph" not in mentions:
        raise ValueError("mentions needs columns 'actor_id' and 'paragraph'")
    rank = {a: i for i, a in enumerate(ACTORS)}
    grouped = mentions.groupby("actor_id")
    out = pd.DataFrame({
        "mentions": grouped.size(),
        "paragraphs": grouped["paragraph"].nunique(),
    }).reset_index()
    out["rank"] = out["actor_id"].map(lambda a: rank.get(a, len(rank)))
    out = out.sort_values(["mentions", "rank", "actor_id"], ascending=[False, True, True])
    out.insert(1, "name", out["actor_id"].map(actor_name))
    out["share"] = (out["mentions"] / out["mentions"].sum()).round(3)
    return out.drop(columns="rank").reset_index(drop=True)


def circle_layout(actors: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Place actors on the unit circle in the given order, the first at the top, clockwise.

    Parameters
    ----------
    actors : sequence of str
        Distinct ids, in drawing order.

    Returns
    -------
    dict of str to (float, float)

    Examples
    --------
    >>> circle_layout(["A", "B", "C", "D"])["B"]
    (1.0, 0.0)
    """
    actors = list(actors)
    if not actors or len(set(actors)) != len(actors):
        raise ValueError(f"actors must be a non-empty list of distinct ids, got {actors!r}")
    n = len(actors)
    return {a: (round(math.sin(2 * math.pi * i / n), 12), round(math.cos(2 * math.pi * i / n), 12))
            for i, a in enumerate(actors)}


def spread_order(actors: Sequence[str]) -> list[str]:
    """Reorder actors for a circle so that those early in ``actors`` end up far apart.

    Actor ``i`` goes to slot ``i * step mod n``, with ``step`` the whole number nearest
    ``0.382 n`` that shares no factor with ``n`` (a golden-ratio stride). In gazetteer order the
    most-discussed actors come first, so their links cross the circle instead of joining
    neighbours hidden under each other's markers. The result depends only on the actor list.

    Parameters
    ----------
    actors : sequence of str
        Distinct ids, most important first.

    Returns
    -------
    list of str
        The same ids in circle order (clockwise from the top).

    Examples
    --------
    >>> spread_order(["A", "B", "C", "D", "E"])
    ['A', 'D', 'B', 'E', 'C']
    """
    actors = list(actors)
    n = len(actors)
    if n < 4:
        return actors
    step = next(s for s in sorted(range(1, n), key=lambda s: (abs(s - 0.382 * n), s))
                if math.gcd(s, n) == 1)
    slots: list[str] = [""] * n
    for i, a in enumerate(actors):
        slots[(i * step) % n] = a
    return slots


def edge_width(weight: float) -> float:
    """Line width (points) of a link of the given weight: grows with weight, sub-linearly.

    Examples
    --------
    >>> edge_width(1), round(edge_width(22), 1)
    (1.0, 7.5)
    """
    return 0.4 + 0.6 * float(weight) ** 0.8


def links_table(graph: nx.Graph, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Return a co-mention graph's links as a table, strongest first.

    Parameters
    ----------
    graph : networkx.Graph
        From :func:`helpers.article.co_mention_graph` (edges carry ``weight``).
    order : sequence of str, optional
        Actor order used to orient each pair and break ties; defaults to the gazetteer order.

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_a``, ``actor_b`` (``actor_a`` first in ``order``) and ``weight``.
    """
    rank = {a: i for i, a in enumerate(order if order is not None else ACTORS)}

    def key(a: str) -> tuple[int, str]:
        return rank.get(a, len(rank)), a

    rows = []
    for a, b, w in graph.edges(data="weight"):
        x, y = sorted((a, b), key=key)
        rows.append((x, y, int(w)))
    rows.sort(key=lambda r: (-r[2], key(r[0]), key(r[1])))
    return pd.DataFrame(rows, columns=["actor_a", "actor_b", "weight"]).astype(
        {"weight": "int64"})


# --------------------------------------------------------------------------------------------
# plotting functions (each takes an ``ax`` and returns it)
# --------------------------------------------------------------------------------------------


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
    """
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
    """
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
        From :func:`helpers.article.mentions_per_paragraph` (paragraphs × actors).
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
    if actor not in counts.columns:
        raise ValueError(f"actor must be one of {list(counts.columns)}, got {actor!r}")
    ys = list(counts.index)
    own = counts[actor]
    others = counts.sum(axis=1) - own
    st = style.actor_style(actor) if actor in style.ACTOR_STYLES else None
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
        From :func:`helpers.article.co_mention_graph` (nodes may carry ``mentions``).
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
    """
    rank = {a: i for i, a in enumerate(ACTORS)}
    nodes = list(order) if order is not None else spread_order(sorted(
        graph.nodes, key=lambda a: (rank.get(a, len(rank)), a)))
    pos = circle_layout(nodes)
    links = LineCollection([], capstyle="round", zorder=1)
    ax.add_collection(links)
    _set_links(links, links_table(graph, nodes), pos, actor)
    for a in nodes:
        x, y = pos[a]
        st = style.ACTOR_STYLES.get(a)
        count = int(graph.nodes[a].get("mentions", 1)) if a in graph else 0
        lit = a == actor
        ax.plot([x], [y], linestyle="none", marker=st.marker if st else "o",
                color=st.color if st else "#999999", zorder=3,
                **_node_props(count, lit, st.marker if st else "o"))
        lx, ly, ha, va = _label_place(x, y)
        ax.text(lx, ly, a, ha=ha, va=va, fontsize=8.5, zorder=4,
                fontweight="bold" if lit else "normal")
    ax.set_xlim(-1.42, 1.42)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


_LINE_MARKERS = {"1", "2", "3", "4", "+", "x", "|", "_"}


def _node_props(count: int, lit: bool, marker: str) -> dict[str, Any]:
    size = _node_size(count) * (1.35 if lit else 1.0)
    if marker in _LINE_MARKERS:  # unfilled markers: thicker strokes to stay visible
        return {"markersize": size, "markeredgewidth": 3.2 if lit else 2.0}
    return {"markersize": size, "markeredgecolor": "black" if lit else "white",
            "markeredgewidth": 2.0 if lit else 0.8}


def _set_links(links: LineCollection, table: pd.DataFrame,
               pos: Mapping[str, tuple[float, float]], actor: str | None) -> None:
    """Fill a LineCollection with the links of ``table``; the actor's links drawn last, dark."""
    rows = list(table.itertuples(index=False))
    lit = [actor is not None and actor in (r.actor_a, r.actor_b) for r in rows]
    order = [i for i, x in enumerate(lit) if not x] + [i for i, x in enumerate(lit) if x]
    links.set_segments([[pos[rows[i].actor_a], pos[rows[i].actor_b]] for i in order])
    links.set_linewidths([edge_width(rows[i].weight) for i in order])
    links.set_colors([_LINK_LIT if lit[i] else _LINK for i in order])


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
    """
    lead = "; ".join(f"{r.name} {r.mentions}" for r in totals.head(top).itertuples())
    ones = int((totals["mentions"] == 1).sum())
    return (f"Horizontal bars of mentions per actor, {len(totals)} actors and "
            f"{int(totals['mentions'].sum())} mentions in all. Most mentioned: {lead}. "
            f"{ones} actors are mentioned once.")


# --------------------------------------------------------------------------------------------
# the what-if view
# --------------------------------------------------------------------------------------------


class ArticleMentionsView(WhatIfView):
    """Notebook 01's view: one actor's mentions per paragraph and the co-mention network.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Needs ``paragraph``, ``sentence`` and ``actor_id`` (e.g.
        :func:`helpers.article.mentions_frame`, possibly with an extended gazetteer).
    paragraphs : pandas.DataFrame, optional
        ``number`` and ``kind`` of every paragraph (:func:`helpers.article.paragraphs_frame`);
        without it paragraphs run 1..max(mentions['paragraph']), all "body".
    **params
        Initial control values: ``actor`` (an actor id found in ``mentions``), ``threshold``
        (int, 1..largest co-mention weight) and ``unit`` ("sentence" or "paragraph").

    Raises
    ------
    ValueError
        On a malformed table (naming ``mentions`` or ``paragraphs``) or a bad control value
        (naming the control).
    """

    name = "article_mentions"
    title = "Who the article mentions, where, and with whom"
    notebook = "01_the_article_as_data.ipynb"
    figsize = (9.6, 4.8)
    image_width = 860

    def __init__(self, mentions: pd.DataFrame, paragraphs: pd.DataFrame | None = None,
                 **params: Any) -> None:
        self.mentions = _check_mentions(mentions)
        self.paragraphs = _check_paragraphs(paragraphs, self.mentions)
        self.counts = mentions_per_paragraph(self.mentions, n_paragraphs=len(self.paragraphs))
        self.actors: list[str] = list(self.counts.columns)
        self.graphs = {u: co_mention_graph(self.mentions, unit=u) for u in UNITS}
        self.tables = {u: links_table(g, self.actors) for u, g in self.graphs.items()}
        top = max([int(t["weight"].max()) for t in self.tables.values() if len(t)] + [2])
        default_actor = "RUS" if "RUS" in self.actors else self.actors[0]
        self.controls = (
            Control("actor", "Actor", "choice", default_actor,
                    options=tuple((f"{actor_name(a)} ({a})", a) for a in self.actors),
                    source="actors found in the mentions table"),
            Control("threshold", "Link if named together at least (times)", "int",
                    min(2, top), 1, top, 1,
                    source="1 to the largest co-mention count in the article"),
            Control("unit", "Named together in the same", "choice", "sentence",
                    options=UNITS, source="co-occurrence window (helpers.article)"),
        )
        super().__init__(**params)
        if self.freeze_static:
            self._freeze_static_layer()

    #: Render the parts that never change (axes, ticks, labels) once into an image; see
    #: :meth:`_freeze_static_layer`. Set to False on a subclass to draw everything every time.
    freeze_static: bool = True

    def _dynamic_artists(self) -> list[Any]:
        """Artists that :meth:`draw` changes; everything else in the figure is static."""
        return [*self._own_bars, *self._other_bars, self._key_swatch, self._other_swatch,
                *self._key_texts,
                self._links, *self._nodes.values(), self._lit_label, self._net_title,
                *self._left.spines.values()]  # spines stay live: they are drawn over the bars

    def _freeze_static_layer(self) -> None:
        """Replace the static artists by one image of them, drawn under the live artists.

        Text dominates the redraw time (each label costs about a millisecond to lay out and
        rasterise, and the figure has ~50), yet only the key, the title and one node label
        change. So, once the layout is frozen, the figure is drawn once *without* the dynamic
        artists; that picture is kept as a :class:`~helpers.rendering.StaticLayer` (painted pixel
        for pixel at the figure's dpi, under the axes) and the static artists are hidden. Later
        redraws paint the picture and the few live artists: the PNG is identical (a unit test
        compares the pixels) at less than half the cost. The figure must then only be rendered
        at its own dpi, as :meth:`png` does.
        """
        dynamic = self._dynamic_artists()
        visible = [a.get_visible() for a in dynamic]
        for a in dynamic:
            a.set_visible(False)
        with style.course_style():
            self._canvas.draw()
        layer = np.asarray(self._canvas.buffer_rgba()).copy()
        for a, v in zip(dynamic, visible, strict=True):
            a.set_visible(v)
        for ax in (self._left, self._right):
            ax.patch.set_visible(False)
        self._left.xaxis.set_visible(False)
        self._left.yaxis.set_visible(False)
        self._left_title.set_visible(False)
        for label in self._labels.values():
            label.set_visible(False)
        self.figure.add_artist(StaticLayer(layer))

    # -- figure ------------------------------------------------------------------------------
    def setup(self, fig: Figure) -> None:
        """Create both panels once; :meth:`draw` only restyles their artists."""
        grid = fig.add_gridspec(1, 2, width_ratios=[1.0, 1.25])
        left = fig.add_subplot(grid[0])
        right = fig.add_subplot(grid[1])
        actor = self.controls[0].default
        plot_mentions_per_paragraph(left, self.counts, actor, list(self.paragraphs["kind"]))
        n = len(self.counts)
        self._own_bars = list(left.patches[:n])
        self._other_bars = list(left.patches[n:2 * n])
        self._key_swatch, self._other_swatch = left.patches[2 * n:2 * n + 2]
        self._key_texts = list(left.texts[:2])
        # A fixed title height spares matplotlib re-placing titles on every redraw.
        self._left_title = left.set_title("Mentions per paragraph", loc="left", fontsize=11,
                                          y=1.01)
        ring = spread_order(self.actors)
        plot_co_mentions(right, self.graphs["sentence"], None, ring)
        self._links = right.collections[0]
        self._nodes = dict(zip(ring, right.lines, strict=True))
        self._labels = dict(zip(ring, right.texts, strict=True))
        self._pos = circle_layout(ring)
        # The chosen actor's label: a bold copy, on a white box, over its plain label.
        self._lit_label = right.text(0, 0, "", fontsize=8.5, fontweight="bold", zorder=6,
                                     bbox={"facecolor": "white", "edgecolor": "none",
                                           "pad": 0.6})
        self._net_title = right.set_title(" ", loc="left", fontsize=11, y=1.01)
        self._left, self._right = left, right

    def draw(self, params: Mapping[str, Any]) -> None:
        """Restyle bars, legend, nodes and links for ``params``."""
        actor = params["actor"]
        own = self.counts[actor]
        others = self.counts.sum(axis=1) - own
        st = style.ACTOR_STYLES.get(actor)
        color = st.color if st else "#999999"
        for bar, o, rest, kind_bar in zip(self._own_bars, own, others, self._other_bars,
                                          strict=True):
            bar.set_width(o)
            bar.set_facecolor(color)
            kind_bar.set_x(o)
            kind_bar.set_width(rest)
        self._key_swatch.set_facecolor(color)
        key = f"{actor_name(actor)} ({int(own.sum())})"
        self._key_texts[0].set_text(style.escape_mathtext(key))
        self._key_texts[1].set_text(f"other actors ({int(others.sum())})")
        for a, line in self._nodes.items():
            lit = a == actor
            count = int(self.graphs["sentence"].nodes[a]["mentions"])
            marker = style.ACTOR_STYLES[a].marker if a in style.ACTOR_STYLES else "o"
            line.set(**_node_props(count, lit, marker))
            line.set_zorder(5 if lit else 3)
        plain = self._labels[actor]
        self._lit_label.set(text=plain.get_text(), position=plain.get_position(),
                            horizontalalignment=plain.get_horizontalalignment(),
                            verticalalignment=plain.get_verticalalignment())
        table = self.links()
        _set_links(self._links, table, self._pos, actor)
        self._net_title.set_text(f"Named in the same {params['unit']} ≥ {params['threshold']}"
                                 f"×: {_plural(len(table), 'link')}")

    # -- numbers -----------------------------------------------------------------------------
    def paragraph_table(self) -> pd.DataFrame:
        """Return the left panel's numbers: one row per paragraph.

        Returns
        -------
        pandas.DataFrame
            Columns ``paragraph``, ``kind``, ``<actor id>`` (the chosen actor's mentions) and
            ``other actors``.
        """
        actor = self.params["actor"]
        own = self.counts[actor]
        return pd.DataFrame({
            "paragraph": self.counts.index.to_numpy(),
            "kind": self.paragraphs["kind"].to_numpy(),
            actor: own.to_numpy(),
            "other actors": (self.counts.sum(axis=1) - own).to_numpy(),
        })

    def links(self) -> pd.DataFrame:
        """Return the links drawn in the right panel, strongest first.

        Returns
        -------
        pandas.DataFrame
            Columns ``actor_a``, ``actor_b``, ``weight`` (number of shared units) and
            ``involves_actor`` (whether the chosen actor is one end).
        """
        table = self.tables[self.params["unit"]]
        out = table[table["weight"] >= self.params["threshold"]].reset_index(drop=True)
        actor = self.params["actor"]
        out["involves_actor"] = (out["actor_a"] == actor) | (out["actor_b"] == actor)
        return out

    def summary(self) -> pd.DataFrame:
        """Return every number behind the figure as one tidy table.

        Returns
        -------
        pandas.DataFrame
            Columns ``panel``, ``item`` and ``value``: the chosen actor's mentions per paragraph
            (panel ``"mentions of <id>"``), the other actors' (``"mentions of others"``), then
            each link drawn (panel ``"links per <unit>"``, item ``"A–B"``, value = weight).
        """
        actor, unit = self.params["actor"], self.params["unit"]
        para = self.paragraph_table()
        rows = [(f"mentions of {actor}", f"¶{p}", int(v))
                for p, v in zip(para["paragraph"], para[actor], strict=True)]
        rows += [("mentions of others", f"¶{p}", int(v))
                 for p, v in zip(para["paragraph"], para["other actors"], strict=True)]
        rows += [(f"links per {unit}", f"{r.actor_a}–{r.actor_b}", int(r.weight))
                 for r in self.links().itertuples()]
        return pd.DataFrame(rows, columns=["panel", "item", "value"])

    def alt_text(self) -> str:
        """Describe both panels in two sentences, with their numbers."""
        actor, unit, k = self.params["actor"], self.params["unit"], self.params["threshold"]
        own = self.counts[actor]
        name = actor_name(actor)
        peak = int(own.max())
        where = _and([f"¶{p}" for p in own.index[own == peak]])
        links = self.links()
        lit = links[links["involves_actor"]]
        strongest = (f"; the strongest is {lit.iloc[0]['actor_a']}–{lit.iloc[0]['actor_b']} "
                     f"({int(lit.iloc[0]['weight'])})" if len(lit) else "")
        return (f"Left: bars of mentions per paragraph; {name} has {int(own.sum())} of "
                f"{int(self.counts.values.sum())} mentions, in {int((own > 0).sum())} of "
                f"{len(own)} paragraphs, most ({peak}) in {where}. "
                f"Right: {len(self.actors)} actors on a circle, linked when named in the same "
                f"{unit} at least {_plural(k, 'time')}: {_plural(len(links), 'link')}, "
                f"{len(lit)} of them involving {name}{strongest}.")


def default_view() -> ArticleMentionsView:
    """Build the view from the seed article (:func:`helpers.article.mentions_frame`).

    Returns
    -------
    ArticleMentionsView
    """
    from helpers import article

    return ArticleMentionsView(article.mentions_frame(), article.paragraphs_frame())


register(ArticleMentionsView, default_view)

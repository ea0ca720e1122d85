"""The what-if view of notebook 01: who the article names, and with whom.

Mentions paragraph by paragraph, and which actors the article names together (a thin layer over
:mod:`helpers.text.mentions` and :mod:`helpers.plots.mentions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.plots import style
from helpers.plots.mentions import (
    _node_props,
    _set_links,
    draw_co_mention_key,
    plot_co_mentions,
    plot_mentions_per_paragraph,
)
from helpers.plots.networks import circle_positions as circle_layout
from helpers.plots.networks import spread_order
from helpers.plots.rendering import StaticLayer
from helpers.plots.style import actor_name
from helpers.text.mentions import (
    _check_mentions,
    _check_paragraphs,
    co_mention_graph,
    links_table,
    mentions_per_paragraph,
)
from helpers.text.wording import _and, _plural
from helpers.views.protocol import Control, WhatIfView, register

__all__ = [
    "UNITS",
    "ArticleMentionsView",
    "default_view",
]


#: Co-occurrence windows of the co-mention network.
UNITS: tuple[str, ...] = ("sentence", "paragraph")


class ArticleMentionsView(WhatIfView):
    """Notebook 01's view: one actor's mentions per paragraph and the co-mention network.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Needs ``paragraph``, ``sentence`` and ``actor_id`` (e.g.
        :func:`helpers.text.mentions_frame`, possibly with an extended gazetteer).
    paragraphs : pandas.DataFrame, optional
        ``number`` and ``kind`` of every paragraph (:func:`helpers.text.paragraphs_frame`);
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
    figsize = (9.6, 5.2)
    image_width = 860

    def __init__(self, mentions: pd.DataFrame, paragraphs: pd.DataFrame | None = None,
                 **params: Any) -> None:
        self.mentions = _check_mentions(mentions)
        self.paragraphs = _check_paragraphs(paragraphs, self.mentions)
        self.counts = mentions_per_paragraph(self.mentions, n_paragraphs=len(self.paragraphs))
        self.actors: list[str] = list(self.counts.columns)
        self.graphs = {u: co_mention_graph(self.mentions, unit=u) for u in UNITS}
        self.tables = {u: links_table(g, self.actors) for u, g in self.graphs.items()}
        #: The strongest link of each window: a higher threshold is shown capped at it.
        self.strongest = {u: int(t["weight"].max()) if len(t) else 1
                          for u, t in self.tables.items()}
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
                    options=UNITS, source="co-occurrence window (helpers.text)"),
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
                self._cap_note,
                *self._left.spines.values()]  # spines stay live: they are drawn over the bars

    def _freeze_static_layer(self) -> None:
        """Replace the static artists by one image of them, drawn under the live artists.

        Text dominates the redraw time (each label costs about a millisecond to lay out and
        rasterise, and the figure has ~50), yet only the key, the title and one node label
        change. So, once the layout is frozen, the figure is drawn once *without* the dynamic
        artists; that picture is kept as a
        :class:`~helpers.plots.rendering.StaticLayer` (painted pixel
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
        self._right.get_legend().set_visible(False)
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
        draw_co_mention_key(right)
        self._links = right.collections[0]
        self._nodes = dict(zip(ring, right.lines, strict=True))
        self._labels = dict(zip(ring, right.texts, strict=True))
        self._pos = circle_layout(ring)
        # The chosen actor's label: a bold copy, on a white box, over its plain label.
        self._lit_label = right.text(0, 0, "", fontsize=8.5, fontweight="bold", zorder=6,
                                     bbox={"facecolor": "white", "edgecolor": "none",
                                           "pad": 0.6})
        self._net_title = right.set_title(" ", loc="left", fontsize=11, y=1.01)
        # Shown only when the threshold is above the window's strongest link (then capped),
        # in headroom above the circle.
        right.set_ylim(-1.3, 1.62)
        self._cap_note = right.text(0.5, 1.0, "", transform=right.transAxes, fontsize=8.5,
                                    ha="center", va="top", color="#8C2D04", zorder=6)
        self._left, self._right = left, right

    def draw(self, params: Mapping[str, Any]) -> None:
        """Restyle bars, legend, nodes and links for ``params``."""
        actor = params["actor"]
        own = self.counts[actor]
        others = self.counts.sum(axis=1) - own
        st = style.actor_styles().get(actor)
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
            a_style = style.actor_styles().get(a)
            marker = a_style.marker if a_style else "o"
            line.set(**_node_props(count, lit, marker, a_style.color if a_style else None))
            line.set_zorder(5 if lit else 3)
        plain = self._labels[actor]
        self._lit_label.set(text=plain.get_text(), position=plain.get_position(),
                            horizontalalignment=plain.get_horizontalalignment(),
                            verticalalignment=plain.get_verticalalignment())
        table = self.links()
        _set_links(self._links, table, self._pos, actor)
        shown = self.shown_threshold()
        self._net_title.set_text(f"Named in the same {params['unit']} ≥ {shown}"
                                 f"×: {_plural(len(table), 'link')}")
        self._cap_note.set_text(
            "" if shown == params["threshold"] else
            f"Threshold {params['threshold']} is above the strongest {params['unit']} link "
            f"({shown}):\nthe links of weight {shown} are shown instead.")

    # -- numbers -----------------------------------------------------------------------------
    def shown_threshold(self) -> int:
        """Return the threshold the figure applies: the control's, capped at the strongest link.

        The slider runs to the strongest link of the sentence window; the paragraph window's
        strongest link is weaker, and a threshold above it would leave an empty network. The view
        then shows the strongest links and says so (in the panel and the text alternative).

        Returns
        -------
        int
        """
        return min(int(self.params["threshold"]), self.strongest[self.params["unit"]])

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
        """Return the links drawn in the right panel, strongest first (see :meth:`shown_threshold`).

        Returns
        -------
        pandas.DataFrame
            Columns ``actor_a``, ``actor_b``, ``weight`` (number of shared units) and
            ``involves_actor`` (whether the chosen actor is one end).
        """
        table = self.tables[self.params["unit"]]
        out = table[table["weight"] >= self.shown_threshold()].reset_index(drop=True)
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
        actor, unit, k = self.params["actor"], self.params["unit"], self.shown_threshold()
        own = self.counts[actor]
        name = actor_name(actor)
        peak = int(own.max())
        where = _and([f"¶{p}" for p in own.index[own == peak]])
        links = self.links()
        lit = links[links["involves_actor"]]
        strongest = (f"; the strongest is {actor_name(lit.iloc[0]['actor_a'])}–"
                     f"{actor_name(lit.iloc[0]['actor_b'])} ({int(lit.iloc[0]['weight'])})"
                     if len(lit) else "")
        capped = ("" if k == self.params["threshold"] else
                  f" (the threshold {self.params['threshold']} is above the strongest {unit} "
                  f"link, so the view shows links of weight {k})")
        return (f"Left: bars of mentions per paragraph; {name} has {int(own.sum())} of "
                f"{int(self.counts.values.sum())} mentions, in {int((own > 0).sum())} of "
                f"{len(own)} paragraphs, most ({peak}) in {where}. "
                f"Right: {len(self.actors)} actors on a circle, linked when named in the same "
                f"{unit} at least {_plural(k, 'time')}{capped}: {_plural(len(links), 'link')}, "
                f"{len(lit)} of them involving {name}{strongest}.")


def default_view() -> ArticleMentionsView:
    """Build the view from the seed article (:func:`helpers.text.mentions_frame`).

    Returns
    -------
    ArticleMentionsView
    """
    from helpers import text

    return ArticleMentionsView(text.mentions_frame(), text.paragraphs_frame())


register(ArticleMentionsView, default_view)

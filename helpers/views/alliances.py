"""The what-if view of notebook 02: alliances as a signed network.

A signed network of the article's actors under a chosen
coding, with one tie flipped or actors dropped, and its structural balance (a thin layer over
:mod:`helpers.models.balance` and :mod:`helpers.plots.balance`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.models.balance import (
    _NONE,
    MAX_NODES,
    BalanceReport,
    _check_relations,
    _fmt,
    add_uncontested_coding,
    balance_report,
    camp_lists,
    coding_label,
    coding_signs,
    frustrated_edges,
    summarize,
)
from helpers.plots import networks, rendering, style
from helpers.text.wording import _plural as _count
from helpers.views.protocol import Control, WhatIfView, register

__all__ = [
    "DEFAULT_TOGGLES",
    "AlliancesView",
    "default_view",
]


#: Actors that get an add/drop checkbox by default (if present in the relations table).
DEFAULT_TOGGLES: tuple[str, ...] = ("CHN", "IND", "ISR", "SAU")


_MAX_LISTED = 8


class AlliancesView(WhatIfView):
    """Signed network of the actors with structural-balance numbers, and what-if controls.

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table with the columns in :data:`REQUIRED_COLUMNS`.
    actors : sequence of str, optional
        Actors shown by default; default every actor of ``relations`` that has a course style.
    toggles : sequence of str
        Actors that get an add/drop checkbox; each starts ticked iff it is in ``actors``. Ids
        absent from ``relations`` are ignored.
    **params
        Initial control values: ``flip`` (a tie key such as ``"IRN-RUS"`` or ``"none"``),
        ``coding``, and ``with_<id>`` (e.g. ``with_chn``) for each toggle.

    Raises
    ------
    ValueError
        Naming the parameter: ``relations`` malformed; ``actors`` or ``toggles`` naming an actor
        with no tie in ``relations``; more than 14 actors in all; fewer than 3 actors that are
        always shown.
    """

    name = "alliances"
    title = "Alliances and alignments, July 2022: a signed network and its balance"
    notebook = "02_alliances_and_alignments.ipynb"
    figsize = (10.4, 5.6)
    image_width = 940

    def __init__(self, relations: pd.DataFrame, actors: Sequence[str] | None = None,
                 toggles: Sequence[str] = DEFAULT_TOGGLES, **params: Any) -> None:
        rel = _check_relations(relations)
        present = set(rel["actor_a"]) | set(rel["actor_b"])
        if actors is None:
            actors = sorted(a for a in present if a in style.actor_styles())
        if isinstance(actors, str) or isinstance(toggles, str):
            raise ValueError("actors and toggles must be sequences of actor ids, not a str")
        unknown = sorted(set(actors) - present)
        if unknown:
            raise ValueError(f"actors names actor(s) with no tie in relations: {unknown}")
        toggles = [a for a in networks.order_actors(toggles) if a in present]
        universe = networks.order_actors([*actors, *toggles])
        if len(universe) > MAX_NODES:
            raise ValueError(f"actors and toggles hold {len(universe)} actors; at most "
                             f"{MAX_NODES} fit the exact balance computation")
        self.core = [a for a in universe if a not in toggles]
        if len(self.core) < 3:
            raise ValueError(f"actors: at least 3 actors must be always shown (not toggled), "
                             f"got {self.core}")
        self.relations = rel
        self.universe = universe
        self.toggles = toggles
        codings = list(dict.fromkeys(rel["coding"].astype(str)))
        codings.sort(key=lambda c: (c != "behaviour_2022", c))
        self.codings = codings
        self._signs = {c: coding_signs(rel, c, universe) for c in codings}
        keys: set[str] = set()
        for signs in self._signs.values():
            keys |= {networks.tie_key(a, b) for a, b in signs}
        rank = {a: i for i, a in enumerate(universe)}
        self.tie_keys = sorted(keys, key=lambda k: tuple(sorted(rank[x] for x in k.split("-"))))
        flip_opts = [("(none)", _NONE)] + [(self._tie_label(k), k) for k in self.tie_keys]
        controls = [
            Control("flip", "Flip one tie (illustrative)", "choice", _NONE,
                    options=tuple(flip_opts), source="ties of relations.csv; the flip is "
                    "illustrative"),
        ]
        if len(codings) > 1:
            controls.append(Control("coding", "Coding", "choice", codings[0],
                                    options=tuple((coding_label(c), c) for c in codings),
                                    source="coding column of relations.csv"))
        for a in toggles:
            controls.append(Control(self._toggle_name(a), f"Include {networks.actor_label(a)}",
                                    "bool", a in set(actors),
                                    source="actors of relations.csv"))
        self.controls = tuple(controls)
        self.report: BalanceReport | None = None
        self.frustrated: list[tuple[str, str]] = []
        super().__init__(**params)

    # -- naming --------------------------------------------------------------------------
    @staticmethod
    def _toggle_name(actor: str) -> str:
        return f"with_{actor.lower()}"

    @staticmethod
    def _tie_label(key: str) -> str:
        a, b = key.split("-")
        return f"{networks.actor_label(a)} – {networks.actor_label(b)}"

    # -- state ---------------------------------------------------------------------------
    def coding(self) -> str:
        """Return the coding currently shown."""
        return self.params.get("coding", self.codings[0])

    def shown_actors(self, params: Mapping[str, Any] | None = None) -> list[str]:
        """Return the actors in the current network, in drawing order."""
        p = self.params if params is None else params
        return [a for a in self.universe
                if a not in self.toggles or p[self._toggle_name(a)]]

    def signs(self, params: Mapping[str, Any] | None = None) -> dict[tuple[str, str], int]:
        """Return the signed ties of the current network (after the flip, if any)."""
        p = self.params if params is None else params
        shown = set(self.shown_actors(p))
        base = self._signs[p.get("coding", self.codings[0])]
        out = {k: s for k, s in base.items() if k[0] in shown and k[1] in shown}
        flip = p["flip"]
        if flip != _NONE:
            for k in out:
                if networks.tie_key(*k) == flip:
                    out[k] = -out[k]
        return out

    def flip_applies(self, params: Mapping[str, Any] | None = None) -> bool:
        """Whether the chosen flip names a tie present in the current network."""
        p = self.params if params is None else params
        if p["flip"] == _NONE:
            return False
        shown = set(self.shown_actors(p))
        base = self._signs[p.get("coding", self.codings[0])]
        return any(networks.tie_key(*k) == p["flip"] and k[0] in shown and k[1] in shown
                   for k in base)

    # -- drawing -------------------------------------------------------------------------
    def setup(self, fig: Figure) -> None:
        """Draw every possible actor and tie once; keep the artists to restyle.

        Axes sit at fixed figure positions (no layout engine). Labels, heading and panel are
        :class:`helpers.plots.rendering.TextStamp` artists: text pre-rendered once per distinct line
        and composited as pixels, because drawing text glyph by glyph is what makes a
        matplotlib redraw slow. The tie key is one pre-rendered image.
        """
        fig.set_layout_engine("none")
        ax = fig.add_axes((0.0, 0.08, 0.65, 0.84))
        union = {tuple(k.split("-")): 1 for k in self.tie_keys}
        self.pos = networks.circle_positions(self.universe)
        networks.plot_signed_network(ax, self.universe, union, positions=self.pos, legend=False)
        ax.set_xlim(-1.72, 1.72)
        ax.set_ylim(-1.22, 1.22)
        ax.apply_aspect()  # fix the data-to-pixel transform before placing the stamps
        by_gid = {art.get_gid(): art for art in [*ax.lines, *ax.texts] if art.get_gid()}
        self._ties = {k: by_gid[f"tie:{k}"] for k in self.tie_keys}
        self._halos = {k: by_gid[f"halo:{k}"] for k in self.tie_keys}
        self._nodes = {a: by_gid[f"node:{a}"] for a in self.universe}
        dpi = int(fig.dpi)
        self._labels = {}
        for a in self.universe:
            text = by_gid[f"label:{a}"]
            xy = tuple(ax.transData.transform(text.get_position()))
            self._labels[a] = fig.add_artist(rendering.TextStamp(
                xy, text.get_text(), ha=text.get_ha(), va=text.get_va(), dpi=dpi, fontsize=10))
            text.remove()
        self._flip_mark = ax.text(0, 0, "flipped", ha="center", va="center", fontsize=8.5,
                                  fontstyle="italic", zorder=5, visible=False,
                                  bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                        "ec": "#555555", "lw": 0.8})
        networks.stamp_tie_key(fig, (0.03, 0.035))
        width, height = fig.bbox.width, fig.bbox.height
        self._heading = fig.add_artist(rendering.TextStamp(
            (0.02 * width, 0.965 * height), " ", ha="left", va="top", dpi=dpi, fontsize=12,
            weight="bold"))
        self._numbers = fig.add_artist(rendering.TextStamp(
            (0.665 * width, 0.9 * height), " ", ha="left", va="top", dpi=dpi, fontsize=9.5,
            family="DejaVu Sans Mono"))
        self._ax = ax

    def _compute(self, params: Mapping[str, Any]) -> None:
        nodes = self.shown_actors(params)
        signs = self.signs(params)
        self.report = balance_report(nodes, signs)
        self.frustrated = frustrated_edges(nodes, signs, self.report.camps)

    def draw(self, params: Mapping[str, Any]) -> None:
        """Recompute the balance report and restyle ties, actors, labels and the panel."""
        self._compute(params)
        rep = self.report
        assert rep is not None
        shown = set(rep.nodes)
        signs = {networks.tie_key(a, b): s for (a, b), s in self.signs(params).items()}
        lit = {networks.tie_key(a, b) for a, b in self.frustrated}
        for k, line in self._ties.items():
            s = signs.get(k, 0)
            on = s != 0
            line.set_visible(on)
            self._halos[k].set_visible(on and k in lit)
            if on:
                st = networks.POSITIVE_STYLE if s > 0 else networks.NEGATIVE_STYLE
                line.set_color(st["color"])
                line.set_linestyle(st["linestyle"])
                line.set_linewidth(2.8 if k in lit else st["linewidth"])
        camp_a, camp_b, _ = camp_lists(rep, self.signs(params))
        camp = {a: " (A)" for a in camp_a} | {a: " (B)" for a in camp_b}
        for a in self.universe:
            on = a in shown
            self._nodes[a].set_alpha(1.0 if on else 0.18)
            lab = self._labels[a]
            if on:
                lab.set_text(networks.actor_label(a) + camp.get(a, " (no tie)"))
                lab.set_color("black")
            else:
                lab.set_text(f"{networks.actor_label(a)} (left out)")
                lab.set_color("#999999")
        applies = self.flip_applies(params)
        if applies:
            a, b = params["flip"].split("-")
            (xa, ya), (xb, yb) = self.pos[a], self.pos[b]
            self._flip_mark.set_position(((xa + xb) / 2, (ya + yb) / 2))
        self._flip_mark.set_visible(applies)
        self._heading.set_text(f"Coding: {coding_label(params.get('coding', self.codings[0]))}")
        self._numbers.set_text(self._panel_text(params))

    def _panel_text(self, params: Mapping[str, Any]) -> str:
        rep = self.report
        assert rep is not None
        n_bal = sum(t.balanced for t in rep.triangles)
        n_pos = sum(1 for s in self.signs(params).values() if s > 0)
        camp_a, camp_b, untied = camp_lists(rep, self.signs(params))
        lines = [
            f"{len(rep.nodes)} actors, {rep.n_edges} ties (+{n_pos}, -{rep.n_edges - n_pos})",
            f"Triangles {rep.n_triangles}: {n_bal} balanced, {rep.n_triangles - n_bal} not",
            f"Fraction balanced   {_fmt(rep.frac_balanced)}",
            f"Frustration index L {rep.frustration}",
            f"Normalised balance  {_fmt(rep.normalized_balance)}",
            "",
            "Camp A: " + _wrap(camp_a),
            "Camp B: " + _wrap(camp_b),
            *(["No tie: " + _wrap(untied)] if untied else []),
            "",
            "Unbalanced triangles:",
        ]
        bad = ["-".join((t.a, t.b, t.c)) for t in rep.unbalanced_triangles]
        shown = bad[:_MAX_LISTED]
        lines += [f"  {', '.join(shown[i:i + 2])}" for i in range(0, len(shown), 2)] or ["  none"]
        if len(bad) > _MAX_LISTED:
            lines.append(f"  ... and {len(bad) - _MAX_LISTED} more")
        flip = params["flip"]
        if flip != _NONE:
            lines += ["", f"Flipped (illustrative): {flip}"]
            if not self.flip_applies(params):
                lines.append("  (not in this network: no effect)")
        return "\n".join(lines)

    # -- outputs -------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Return the numbers behind the figure, one row per quantity (see :func:`summarize`)."""
        assert self.report is not None
        out = summarize(self.report, self.frustrated, self.signs())
        extra = pd.DataFrame(
            [("coding", self.coding()),
             ("flipped tie", self.params["flip"] if self.flip_applies() else "-")],
            columns=["quantity", "value"])
        return pd.concat([extra, out], ignore_index=True)

    def ties(self) -> pd.DataFrame:
        """Return the ties of the current network with their sign and whether frustrated."""
        lit = {networks.tie_key(a, b) for a, b in self.frustrated}
        rows = [(a, b, s, networks.tie_key(a, b) in lit)
                for (a, b), s in self.signs().items()]
        return pd.DataFrame(rows, columns=["actor_a", "actor_b", "sign", "frustrated"])

    def alt_text(self) -> str:
        """Describe the network and its balance numbers in three sentences."""
        rep = self.report
        assert rep is not None
        n_pos = sum(1 for s in self.signs().values() if s > 0)
        n_bal = sum(t.balanced for t in rep.triangles)
        camp_a, camp_b, untied = camp_lists(rep, self.signs())
        flip = ""
        if self.flip_applies():
            flip = f" with the {self.params['flip']} tie flipped (illustrative)"
        text = (f"Signed network of {len(rep.nodes)} actors under the "
                f"{coding_label(self.coding())} coding{flip}: {rep.n_edges} ties, {n_pos} "
                f"positive (solid) and {rep.n_edges - n_pos} negative (dashed). "
                f"Balanced triangles: {n_bal} of {rep.n_triangles}; frustration index "
                f"L = {rep.frustration} (normalised balance {_fmt(rep.normalized_balance)}), "
                f"{_count(len(self.frustrated), 'frustrated tie')} highlighted. "
                f"Best two-camp split: A = {', '.join(camp_a) or '-'}; "
                f"B = {', '.join(camp_b) or '-'}"
                + (f"; no tie: {', '.join(untied)}." if untied else "."))
        return text


def _wrap(items: Sequence[str], per_line: int = 6) -> str:
    if not items:
        return "-"
    chunks = [" ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "\n        ".join(chunks)


def default_view() -> AlliancesView:
    """Build the alliances view from ``seeds/data/relations.csv``.

    The codings are those of the file plus the derived "uncontested ties only" coding of
    :func:`add_uncontested_coding`.

    Returns
    -------
    AlliancesView
    """
    from helpers import data

    return AlliancesView(add_uncontested_coding(data.load("relations")))


register(AlliancesView, default_view)

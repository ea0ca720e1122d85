"""The what-if view of notebook 02: alliances as a signed network.

A signed network of the article's actors under a chosen
coding, with one tie flipped or actors dropped, and its structural balance (a thin layer over
:mod:`helpers.models.balance` and :mod:`helpers.plots.balance`). The network is drawn camp by
camp (:func:`helpers.plots.networks.camp_positions`): camp A on the left, camp B on the right,
so a tie that contradicts the split is a solid line across or a dashed line inside a camp.

The *Flip one tie* menu lists only the ties of the coding shown. When the coding changes, the
menu is re-listed; a flip whose tie the new coding lacks is cleared, and the panel says so.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers.checks import ParameterError, check_choice, check_ids
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
from helpers.plots.balance import CAMP_KEY, camp_labels
from helpers.text.wording import _plural as _count
from helpers.views.protocol import Control, WhatIfView, register

__all__ = [
    "DEFAULT_TOGGLES",
    "AlliancesView",
    "default_view",
]


#: Actors that get an add/drop checkbox by default (if present in the relations table).
DEFAULT_TOGGLES: tuple[str, ...] = ("CHN", "IND", "ISR", "SAU")


_MAX_LISTED = 6
#: Characters per line of the numbers panel.
_PANEL_WIDTH = 40


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
    figsize = (10.8, 6.2)
    image_width = 960

    def __init__(self, relations: pd.DataFrame, actors: Sequence[str] | None = None,
                 toggles: Sequence[str] = DEFAULT_TOGGLES, **params: Any) -> None:
        rel = _check_relations(relations)
        present = set(rel["actor_a"]) | set(rel["actor_b"])
        if actors is None:
            actors = sorted(a for a in present if a in style.actor_styles())
        if isinstance(actors, str) or isinstance(toggles, str):
            raise ParameterError("actors and toggles must be sequences of actor ids, not a str")
        actors, toggles = check_ids("actors", actors), check_ids("toggles", toggles)
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
        # The flip menu of each coding lists only that coding's ties (labels in course names).
        self._flip_options = {
            c: (("(none)", _NONE), *((self._tie_label(k), k) for k in self.tie_keys
                                     if k in {networks.tie_key(a, b) for a, b in signs}))
            for c, signs in self._signs.items()}
        flip = Control("flip", "Flip one tie (illustrative)", "choice", _NONE,
                       options=self._flip_options[codings[0]],
                       source="ties of the chosen coding in relations.csv; the flip is "
                              "illustrative",
                       depends_on=("coding",) if len(codings) > 1 else ())
        controls = [flip]
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

    def options_for(self, name: str, params: Mapping[str, Any]) -> tuple[Any, ...]:
        """Return the flip menu of a coding: "(none)" and only that coding's ties.

        A new coding re-lists the menu; a flip kept from before whose tie the new coding
        lacks is cleared (set to "none", listed in ``view.cleared``) and reported in the panel.
        """
        check_choice("name", name, ("flip",))
        return self._flip_options[params.get("coding", self.codings[0])]

    # -- naming --------------------------------------------------------------------------
    @staticmethod
    def _toggle_name(actor: str) -> str:
        return f"with_{actor.lower()}"

    @staticmethod
    def _tie_label(key: str) -> str:
        a, b = networks.order_actors(key.split("-"))
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
        """Draw every possible actor and tie once; keep the artists to move and restyle.

        Axes sit at fixed figure positions (no layout engine). A redraw moves each actor to its
        camp's side (:func:`helpers.plots.networks.camp_positions`) and restyles the ties.
        Labels, headings and panel are :class:`helpers.plots.rendering.TextStamp` artists: text
        pre-rendered once per distinct line and composited as pixels, because drawing text glyph
        by glyph is what makes a matplotlib redraw slow. The tie key is one pre-rendered image.
        """
        fig.set_layout_engine("none")
        ax = fig.add_axes((0.0, 0.13, 0.6, 0.8))
        union = {tuple(k.split("-")): 1 for k in self.tie_keys}
        start = networks.circle_positions(self.universe)
        networks.plot_signed_network(ax, self.universe, union, positions=start, legend=False)
        ax.set_xlim(-2.15, 2.15)
        ax.set_ylim(-1.8, 1.55)
        ax.apply_aspect()  # fix the data-to-pixel transform before placing the stamps
        self._to_px = ax.transData.transform
        by_gid = {art.get_gid(): art for art in [*ax.lines, *ax.texts] if art.get_gid()}
        self._ties = {k: by_gid[f"tie:{k}"] for k in self.tie_keys}
        self._halos = {k: by_gid[f"halo:{k}"] for k in self.tie_keys}
        self._nodes = {a: by_gid[f"node:{a}"] for a in self.universe}
        dpi = int(fig.dpi)
        self._labels = {}
        self._label_colors: dict[Any, str] = {}
        for a in self.universe:
            by_gid[f"label:{a}"].remove()
            # One stamp per alignment: an actor that changes camp changes side.
            self._labels[a] = {ha: fig.add_artist(rendering.TextStamp(
                (0, 0), " ", ha=ha, va="center", dpi=dpi, fontsize=10))
                for ha in ("left", "right", "center")}
        for x, text in ((-1.0, "Camp A"), (1.0, "Camp B")):
            fig.add_artist(rendering.TextStamp(
                tuple(self._to_px((x, 1.33))), text, ha="center", va="bottom", dpi=dpi,
                fontsize=10.5, weight="bold", color="#444444"))
        self._flip_mark = ax.text(0, 0, "flipped", ha="center", va="center", fontsize=8.5,
                                  fontstyle="italic", zorder=5, visible=False,
                                  bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                        "ec": "#555555", "lw": 0.8})
        networks.stamp_tie_key(fig, (0.03, 0.085))
        width, height = fig.bbox.width, fig.bbox.height
        fig.add_artist(rendering.TextStamp(
            (0.03 * width, 0.04 * height), textwrap.fill(CAMP_KEY, 118), ha="left",
            va="center", dpi=dpi, fontsize=8.5))
        self._heading = fig.add_artist(rendering.TextStamp(
            (0.02 * width, 0.97 * height), " ", ha="left", va="top", dpi=dpi, fontsize=12,
            weight="bold"))
        self._numbers = fig.add_artist(rendering.TextStamp(
            (0.6 * width, 0.93 * height), " ", ha="left", va="top", dpi=dpi, fontsize=9.5,
            family="DejaVu Sans Mono"))
        self._ax = ax

    def _compute(self, params: Mapping[str, Any]) -> None:
        nodes = self.shown_actors(params)
        signs = self.signs(params)
        self.report = balance_report(nodes, signs)
        self.frustrated = frustrated_edges(nodes, signs, self.report.camps)

    def _layout(self, params: Mapping[str, Any]) -> tuple[dict[str, tuple[float, float]],
                                                          dict[str, str]]:
        """Positions and labels of every actor of the universe for the current report."""
        rep = self.report
        assert rep is not None
        signs = self.signs(params)
        camp_a, camp_b, untied = camp_lists(rep, signs)
        left_out = [a for a in self.universe if a not in set(rep.nodes)]
        pos = networks.camp_positions(camp_a, camp_b, [*untied, *left_out], signs)
        labels = camp_labels(camp_a, camp_b, untied)
        labels |= {a: f"{networks.actor_label(a)} (out)" for a in left_out}
        return pos, labels

    def draw(self, params: Mapping[str, Any]) -> None:
        """Recompute the balance report; move and restyle ties, actors, labels and the panel."""
        self._compute(params)
        rep = self.report
        assert rep is not None
        shown = set(rep.nodes)
        pos, labels = self._layout(params)
        signs = {networks.tie_key(a, b): s for (a, b), s in self.signs(params).items()}
        lit = {networks.tie_key(a, b) for a, b in self.frustrated}
        for k, line in self._ties.items():
            s = signs.get(k, 0)
            on = s != 0
            line.set_visible(on)
            self._halos[k].set_visible(on and k in lit)
            if on:
                a, b = k.split("-")
                xs, ys = (pos[a][0], pos[b][0]), (pos[a][1], pos[b][1])
                line.set_data(xs, ys)
                self._halos[k].set_data(xs, ys)
                st = networks.POSITIVE_STYLE if s > 0 else networks.NEGATIVE_STYLE
                line.set_color(st["color"])
                line.set_linestyle(st["linestyle"])
                line.set_linewidth(2.8 if k in lit else st["linewidth"])
        for a in self.universe:
            x, y = pos[a]
            self._nodes[a].set_data([x], [y])
            self._nodes[a].set_alpha(1.0 if a in shown else 0.18)
            lx, ly, ha = networks.camp_label_anchor(x, y)
            for side, stamp in self._labels[a].items():
                stamp.set_visible(side == ha)
            stamp = self._labels[a][ha]
            color = "black" if a in shown else "#999999"
            if (stamp.get_text(), self._label_colors.get(stamp)) != (labels[a], color):
                # set_color re-renders the text: only on a change
                self._label_colors[stamp] = color
                stamp.set_color(color)
                stamp.set_text(labels[a])
            stamp.set_xy(tuple(self._to_px((lx, ly))))
        applies = self.flip_applies(params)
        if applies:
            a, b = params["flip"].split("-")
            (xa, ya), (xb, yb) = pos[a], pos[b]
            self._flip_mark.set_position(((xa + xb) / 2, (ya + yb) / 2))
        self._flip_mark.set_visible(applies)
        self._heading.set_text(f"Coding: {coding_label(params.get('coding', self.codings[0]))}")
        self._numbers.set_text(self._panel_text(params))

    def _panel_text(self, params: Mapping[str, Any]) -> str:
        rep = self.report
        assert rep is not None
        signs = self.signs(params)
        n_bal = sum(t.balanced for t in rep.triangles)
        n_pos = sum(1 for s in signs.values() if s > 0)
        camp_a, camp_b, untied = camp_lists(rep, signs)
        lines = [
            f"{len(rep.nodes)} actors, {rep.n_edges} ties (+{n_pos}, \u2212{rep.n_edges - n_pos})",
            f"Triangles {rep.n_triangles}: {n_bal} balanced, {rep.n_triangles - n_bal} not",
            f"Share of triangles balanced {_fmt(rep.frac_balanced)}",
            f"Frustration index L         {rep.frustration}",
            f"Normalised balance 1-2L/m   {_fmt(rep.normalized_balance)}",
        ]
        if _cycle_only(rep):
            lines += ["  No triangle is unbalanced, but a",
                      "  longer cycle has an odd number of",
                      "  negative ties: L counts it too."]
        lines += ["", *_names_block("Camp A: ", camp_a), *_names_block("Camp B: ", camp_b)]
        if untied:
            lines += _names_block("No tie: ", untied)
        left_out = [a for a in self.universe if a not in set(rep.nodes)]
        if left_out:
            lines += _names_block("Left out: ", left_out)
        lines += ["", "Unbalanced triangles:"]
        bad = [_triangle_label(t) for t in rep.unbalanced_triangles]
        lines += [f"  {t}" for t in bad[:_MAX_LISTED]] or ["  none"]
        if len(bad) > _MAX_LISTED:
            lines.append(f"  ... and {len(bad) - _MAX_LISTED} more")
        flip = params["flip"]
        if flip != _NONE:
            lines += ["", "Flipped (illustrative):", f"  {self._tie_label(flip)}"]
            if not self.flip_applies(params):
                lines.append("  (an actor is left out: no effect)")
        if "flip" in self.cleared:
            lines += ["", f"Flip of {self._tie_label(self.cleared['flip'])} cleared:",
                      "  not a tie of this coding"]
        return "\n".join(lines)

    # -- outputs -------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Return the numbers behind the figure, one row per quantity (see :func:`summarize`).

        Actors and ties are named as in the figure (course short names), not by their codes.
        """
        assert self.report is not None
        out = summarize(self.report, self.frustrated, self.signs())
        named = {"camp A": _actor_names, "camp B": _actor_names, "no tie": _actor_names,
                 "frustrated ties": _tie_names}
        out["value"] = [named[q](v) if q in named and v != "-" else v
                        for q, v in zip(out["quantity"], out["value"], strict=True)]
        flip = self._tie_label(self.params["flip"]) if self.flip_applies() else "-"
        extra = pd.DataFrame([("coding", self.coding()), ("flipped tie", flip)],
                             columns=["quantity", "value"])
        return pd.concat([extra, out], ignore_index=True)

    def ties(self) -> pd.DataFrame:
        """Return the ties of the current network, to trace them in the figure.

        Columns: ``tie`` (course names), ``sign`` (+1 or -1), ``where`` (``inside A``,
        ``across`` or ``inside B``: which side of the figure the line runs on) and
        ``frustrated`` (whether the tie contradicts the two-camp split). Sorted by where, then
        frustrated first, then tie.
        """
        assert self.report is not None
        signs = self.signs()
        camp_a, _, _ = camp_lists(self.report, signs)
        side = {a: ("A" if a in camp_a else "B") for a in self.report.nodes}
        lit = {networks.tie_key(a, b) for a, b in self.frustrated}
        rows = []
        for (a, b), s in signs.items():
            where = f"inside {side[a]}" if side[a] == side[b] else "across"
            rows.append((self._tie_label(networks.tie_key(a, b)), s, where,
                         networks.tie_key(a, b) in lit))
        out = pd.DataFrame(rows, columns=["tie", "sign", "where", "frustrated"])
        rank = {"inside A": 0, "across": 1, "inside B": 2}
        out = out.assign(_w=out["where"].map(rank), _f=~out["frustrated"])
        out = out.sort_values(["_w", "_f", "tie"], kind="stable").drop(columns=["_w", "_f"])
        return out.reset_index(drop=True)

    def alt_text(self) -> str:
        """Describe the network and its balance numbers in three or four sentences."""
        rep = self.report
        assert rep is not None
        signs = self.signs()
        n_pos = sum(1 for s in signs.values() if s > 0)
        n_bal = sum(t.balanced for t in rep.triangles)
        camp_a, camp_b, untied = camp_lists(rep, signs)
        flip = ""
        if self.flip_applies():
            flip = f" with the {self._tie_label(self.params['flip'])} tie flipped (illustrative)"
        names = _names_list
        text = (f"Signed network of {len(rep.nodes)} actors under the "
                f"{coding_label(self.coding())} coding{flip}, camp A on the left and camp B on "
                f"the right: {rep.n_edges} ties, {n_pos} positive (solid) and "
                f"{rep.n_edges - n_pos} negative (dashed). "
                f"Balanced triangles: {n_bal} of {rep.n_triangles}; frustration index "
                f"L = {rep.frustration} (normalised balance {_fmt(rep.normalized_balance)}), "
                f"{_count(len(self.frustrated), 'frustrated tie')} highlighted. "
                f"Best two-camp split: A = {names(camp_a)}; B = {names(camp_b)}"
                + (f"; no tie: {names(untied)}." if untied else "."))
        if _cycle_only(rep):
            text += (f" No triangle is unbalanced, yet L = {rep.frustration}: balance counts "
                     "every cycle (a closed path of ties), and a longer cycle here has an odd "
                     "number of negative ties.")
        return text


def _cycle_only(rep: BalanceReport) -> bool:
    """Tell whether L > 0 although every triangle is balanced (a longer cycle is not)."""
    return rep.frustration > 0 and not rep.unbalanced_triangles


def _names_list(ids: Sequence[str]) -> str:
    return ", ".join(networks.actor_label(a) for a in ids) or "-"


def _actor_names(codes: str) -> str:
    return _names_list(codes.split(", "))


def _tie_names(keys: str) -> str:
    return ", ".join(AlliancesView._tie_label(k) for k in keys.split(", "))


def _triangle_label(t: Any) -> str:
    return "\u2013".join(networks.actor_label(a) for a in (t.a, t.b, t.c))


def _names_block(prefix: str, ids: Sequence[str]) -> list[str]:
    """``prefix`` and the actors' names, wrapped to the panel width without breaking a name."""
    text = ", ".join(networks.actor_label(a).replace(" ", "\u00a0") for a in ids) or "-"
    lines = textwrap.wrap(text, _PANEL_WIDTH, initial_indent=prefix,
                          subsequent_indent=" " * len(prefix))
    return [ln.replace("\u00a0", " ") for ln in lines]


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

"""Figures of structural balance.

One signed network annotated with its balance numbers, the same actors under several codings
side by side, and a sign matrix (actors by actors) that lets a reader look a tie up. Networks are
drawn camp by camp (:func:`helpers.plots.networks.camp_positions`): camp A on the left, camp B on
the right, so a tie that crosses the middle joins the camps. The numbers come from
:mod:`helpers.models.balance`; the drawing from :mod:`helpers.plots.networks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from helpers.checks import ParameterError, check_flag, check_ids, check_instance
from helpers.models.balance import (
    _fmt,
    balance_report,
    camp_lists,
    coding_label,
    coding_signs,
    frustrated_edges,
)
from helpers.plots import networks, style
from helpers.text.wording import _plural as _count

__all__ = [
    "CAMP_KEY",
    "camp_labels",
    "codings_alt_text",
    "codings_figure",
    "plot_balance",
    "plot_sign_matrix",
    "sign_matrix_figure",
]

#: One-line key to the camp letters of the network figures.
CAMP_KEY = ("(A), (B): the actor's camp in the best two-camp split (camp A is Russia's); "
            "(no tie): no coded tie, so in no camp. Under balance, ties inside a camp are "
            "positive and ties across are negative.")


def camp_labels(camp_a: Sequence[str], camp_b: Sequence[str],
                untied: Sequence[str] = ()) -> dict[str, str]:
    """Label every actor with its short name and camp: ``"Russia (A)"``, ``"India (no tie)"``."""
    camp_a, camp_b = check_ids("camp_a", camp_a), check_ids("camp_b", camp_b)
    untied = check_ids("untied", untied)
    out = {a: f"{networks.actor_label(a)} (A)" for a in camp_a}
    out |= {a: f"{networks.actor_label(a)} (B)" for a in camp_b}
    return out | {a: f"{networks.actor_label(a)} (no tie)" for a in untied}


def _camp_headings(ax: Axes, fontsize: float = 10.5) -> None:
    for x, text in ((-1.0, "Camp A"), (1.0, "Camp B")):
        ax.text(x, 1.3, text, ha="center", va="bottom", fontsize=fontsize, weight="bold",
                color="#444444")


def plot_balance(ax: Axes, relations: pd.DataFrame, coding: str,
                 actors: Sequence[str], *, legend: bool = True) -> Axes:
    """Draw one coding's signed network with its frustrated ties highlighted and key numbers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    relations : pandas.DataFrame
        Relations table (see :data:`REQUIRED_COLUMNS`).
    coding : str
        Coding to draw.
    actors : sequence of str
        Actors to include (at most 14); drawn on the fixed circle of :mod:`helpers.plots.networks`.
    legend : bool
        Draw the tie-style legend.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``relations`` is malformed, ``coding`` matches no row,
        ``actors`` is not a list of 1 to 14 ids of ``relations``, or ``legend`` not a bool.
    """
    style.check_ax(ax)
    check_flag("legend", legend)
    nodes = networks.order_actors(check_ids("actors", actors, min_len=1))
    signs = coding_signs(relations, coding, nodes)
    rep = balance_report(nodes, signs)
    fr = frustrated_edges(nodes, signs, rep.camps)
    camp_a, camp_b, untied = camp_lists(rep, signs)
    pos = networks.camp_positions(camp_a, camp_b, untied, signs)
    networks.plot_signed_network(ax, nodes, signs, positions=pos, emphasize=fr,
                                 labels=camp_labels(camp_a, camp_b, untied), legend=legend,
                                 beside=True)
    _camp_headings(ax)
    ax.set_xlim(-2.25, 2.25)
    ax.set_ylim(-1.85 if untied else -1.2, 1.55)
    label = coding_label(coding)
    ax.set_title(f"{label[:1].upper()}{label[1:]}\n{_count(rep.n_edges, 'tie')}, "
                 f"{_count(rep.n_triangles, 'triangle')}, L = {rep.frustration}; "
                 f"{_fmt(rep.frac_balanced)} of triangles balanced", fontsize=10.5)
    return ax


def codings_figure(relations: pd.DataFrame, codings: Sequence[str],
                   actors: Sequence[str]) -> Figure:
    """Two or more codings of the same actors side by side, one panel each (no pyplot).

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table.
    codings : sequence of str
        Codings to compare, one panel each.
    actors : sequence of str
        Actors to include in every panel.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        If ``codings`` does not name at least one coding (or names one twice), or a panel's
        arguments are invalid (see :func:`plot_balance`).
    """
    codings = check_ids("codings", codings, distinct=True)
    if not codings:
        raise ParameterError("codings must name at least one coding")
    check_ids("actors", actors, min_len=1)
    n = len(codings)
    width = 5.6 * n
    with style.course_style():
        fig = Figure(figsize=(width, 5.9), dpi=100)
        for i, coding in enumerate(codings):
            # Inset each panel so that outer labels ("Syria (gov.) (A)") stay inside the figure.
            pad = 0.1 / width
            ax = fig.add_axes((i / n + pad, 0.12, 1 / n - 2 * pad, 0.76))
            plot_balance(ax, relations, coding, actors, legend=False)
            ax.set_ylim(-1.85, 1.55)  # the same scale in every panel
        key_width = min(0.96, 6.6 / width)
        networks.draw_tie_key(fig, (0.5 - key_width / 2, 0.065), width=key_width)
        fig.text(0.5, 0.02, CAMP_KEY, ha="center", va="center", fontsize=8.5)
    return fig


def codings_alt_text(relations: pd.DataFrame, codings: Sequence[str],
                     actors: Sequence[str]) -> str:
    """Text alternative of :func:`codings_figure`, with each panel's numbers and camps by name.

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table.
    codings : sequence of str
        The codings drawn, in panel order.
    actors : sequence of str
        Actors in every panel.

    Returns
    -------
    str
    """
    codings = check_ids("codings", codings, min_len=1)
    nodes = networks.order_actors(check_ids("actors", actors, min_len=1))
    parts = []
    for coding in codings:
        signs = coding_signs(relations, coding, nodes)
        rep = balance_report(nodes, signs)
        _, camp_b, untied = camp_lists(rep, signs)
        n_bal = sum(t.balanced for t in rep.triangles)
        names = ", ".join(networks.actor_label(a) for a in camp_b) or "-"
        parts.append(f"{coding_label(coding)}: {_count(rep.n_edges, 'tie')}, {n_bal} of "
                     f"{_count(rep.n_triangles, 'triangle')} balanced, L = {rep.frustration}, "
                     f"camp B = {names}"
                     + (f", no tie: {', '.join(map(networks.actor_label, untied))}"
                        if untied else ""))
    return (f"The same {len(nodes)} actors under {len(codings)} codings, each drawn as two "
            "camps (camp A, Russia's, on the left). " + "; ".join(parts) + ".")


def sign_matrix_figure(camp_a: Sequence[str], camp_b: Sequence[str],
                       signs: Mapping[tuple[str, str], int], others: Sequence[str] = (),
                       emphasize: Iterable[tuple[str, str]] = ()) -> Figure:
    """Return a figure holding one :func:`plot_sign_matrix` (no pyplot), sized to its actors."""
    camp_a, camp_b = check_ids("camp_a", camp_a), check_ids("camp_b", camp_b)
    others = check_ids("others", others)
    n = len(camp_a) + len(camp_b) + len(others)
    side = 2.4 + 0.42 * n
    with style.course_style():
        fig = Figure(figsize=(side, side + 0.6), dpi=100, layout="constrained")
        plot_sign_matrix(fig.add_subplot(), camp_a, camp_b, signs, others=others,
                         emphasize=emphasize)
    return fig


def plot_sign_matrix(ax: Axes, camp_a: Sequence[str], camp_b: Sequence[str],
                     signs: Mapping[tuple[str, str], int], *, others: Sequence[str] = (),
                     emphasize: Iterable[tuple[str, str]] = (), legend: bool = True) -> Axes:
    """Draw the ties as a matrix: one row and one column per actor, camp A first, then camp B.

    Each cell shows the sign of the tie between its row and column actors: ``+``, ``−``, or
    blank for no coded tie (the matrix is symmetric, so every tie appears twice). Shaded blocks
    hold the pairs *inside* a camp; under balance they hold only ``+`` and the white blocks
    only ``−``. Frustrated ties (``emphasize``) are filled in the halo colour of the network
    drawings. To look a tie up, read along its row to its column.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    camp_a, camp_b : sequence of str
        The two camps, in display order.
    signs : mapping of (str, str) to int
        Ties in {-1, 0, +1} among the listed actors (0 is drawn as blank).
    others : sequence of str
        Actors in no camp, listed last.
    emphasize : iterable of (str, str)
        Ties to fill (e.g. the frustrated ties).
    legend : bool
        Add the key below the matrix.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If an actor is listed twice, a tie names an unlisted actor or a sign is not -1, 0, +1.
    """
    style.check_ax(ax)
    order = [*check_ids("camp_a", camp_a), *check_ids("camp_b", camp_b),
             *check_ids("others", others)]
    if len(set(order)) != len(order):
        raise ParameterError(f"camp_a, camp_b and others must be disjoint, got {order}")
    check_instance("signs", signs, Mapping, "a mapping {(actor_a, actor_b): sign}")
    check_flag("legend", legend)
    if isinstance(emphasize, str | bytes):
        raise ParameterError(f"emphasize must be an iterable of pairs, got {emphasize!r}")
    emphasize = list(check_instance("emphasize", emphasize, Iterable, "an iterable of pairs"))
    idx = {a: i for i, a in enumerate(order)}
    for i, pair in enumerate(emphasize):
        if not (isinstance(pair, tuple | list) and len(pair) == 2
                and all(isinstance(v, str) and v in idx for v in pair)):
            raise ParameterError(f"emphasize[{i}] must be a tie (actor_a, actor_b) of the listed "
                                 f"actors, got {pair!r}")
    lit = {networks.tie_key(a, b) for a, b in emphasize}
    n, na, nb = len(order), len(camp_a), len(camp_b)
    for lo, size in ((0, na), (na, nb)):
        ax.add_patch(Rectangle((lo - 0.5, lo - 0.5), size, size, color="#E4E4E4", zorder=0))
    for i in range(n):
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, color="#9A9A9A", zorder=1))
    for pair, s in signs.items():
        if not (isinstance(pair, tuple) and len(pair) == 2) or any(v not in idx for v in pair):
            raise ParameterError(f"signs names a tie {pair!r} outside the listed actors {order}")
        if isinstance(s, bool) or s not in (-1, 0, 1):
            raise ParameterError(f"signs[{pair!r}] must be -1, 0 or +1, got {s!r}")
        a, b = pair
        if s == 0:
            continue
        st = networks.POSITIVE_STYLE if s > 0 else networks.NEGATIVE_STYLE
        for r, c in ((idx[a], idx[b]), (idx[b], idx[a])):
            if networks.tie_key(a, b) in lit:
                ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, color=networks.HALO_COLOR,
                                       zorder=1))
            ax.text(c, r, "+" if s > 0 else "\u2212", ha="center", va="center_baseline",
                    fontsize=14, weight="bold", color=st["color"], zorder=3)
    for edge in (na, na + nb):
        if 0 < edge < n:
            ax.axhline(edge - 0.5, color="black", linewidth=1.4, zorder=2)
            ax.axvline(edge - 0.5, color="black", linewidth=1.4, zorder=2)
    for k in range(n + 1):
        ax.axhline(k - 0.5, color="white", linewidth=0.8, zorder=1.5)
        ax.axvline(k - 0.5, color="white", linewidth=0.8, zorder=1.5)
    labels = camp_labels(camp_a, camp_b, others)
    names = [style.escape_mathtext(labels[a]) for a in order]
    ax.set_xticks(range(n), names, rotation=55, ha="left", rotation_mode="anchor", fontsize=9)
    ax.set_yticks(range(n), names, fontsize=9)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_aspect("equal")
    for spine in ax.spines.values():
        spine.set_visible(False)
    if legend:
        handles = [
            Patch(color="#E4E4E4", label="pair inside a camp (balance wants +)"),
            Patch(facecolor="white", edgecolor="#BBBBBB", label="pair across the camps "
                  "(balance wants \u2212)"),
            Patch(color=networks.HALO_COLOR, label="frustrated tie"),
            Patch(color="#9A9A9A", label="the actor itself"),
        ]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncols=2,
                  fontsize=8.5, frameon=False,
                  title="+ positive tie, \u2212 negative tie, blank: no coded tie",
                  title_fontsize=8.5)
    return ax

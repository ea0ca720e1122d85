"""Drawing signed networks of actors with a fixed, deterministic layout.

Actors sit on a circle in a fixed order (the ``ring`` column of the actor registry), so the same
actor is always in the same place, whatever subset is drawn and however often the figure is redrawn:
there is no random layout. Ties are drawn as straight lines, with the sign encoded twice: positive
ties solid and dark, negative ties dashed and brown. Ties to emphasise (for instance the
*frustrated* ties of a structural-balance analysis) get a wide light-orange halo and a heavier line.
Actors use the course colours and markers of :mod:`helpers.plots.style`.

Every artist carries a ``gid`` (``"tie:A-B"``, ``"halo:A-B"``, ``"node:A"``, ``"label:A"``), so a
what-if view can find and restyle them instead of drawing anew. Functions take an ``ax`` and
return it; nothing here touches pyplot's global state.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.checks import (
    ParameterError,
    check_flag,
    check_ids,
    check_instance,
    check_number,
    check_point,
    check_str,
)
from helpers.data import actors as registry
from helpers.plots import style

__all__ = [
    "HALO_COLOR",
    "NEGATIVE_STYLE",
    "POSITIVE_STYLE",
    "actor_label",
    "camp_label_anchor",
    "camp_positions",
    "circle_positions",
    "draw_tie_key",
    "edge_width",
    "order_actors",
    "plot_signed_network",
    "spread_order",
    "stamp_tie_key",
    "tie_key",
    "tie_legend_handles",
]

#: Style of a positive tie (ally, partner): solid and dark.
POSITIVE_STYLE: dict[str, Any] = {"color": "#222222", "linestyle": "-", "linewidth": 1.6}
#: Style of a negative tie (rival, conflict): dashed and brown.
NEGATIVE_STYLE: dict[str, Any] = {"color": "#8C2D04", "linestyle": (0, (5, 3)), "linewidth": 1.6}
#: Colour of the halo behind emphasised (e.g. frustrated) ties.
HALO_COLOR = "#FDB863"
_HALO_WIDTH = 8.0
_EMPHASIS_WIDTH = 2.8
_NODE_SIZE = 15
_LABEL_OFFSET = 0.1


def tie_key(a: str, b: str) -> str:
    """Return the canonical key ``"A-B"`` of an undirected tie (ids in alphabetical order).

    Parameters
    ----------
    a, b : str
        Actor ids.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        If ``a`` or ``b`` is not a non-empty str.
    """
    x, y = sorted((check_str("a", a), check_str("b", b)))
    return f"{x}-{y}"


def order_actors(actors: Iterable[str]) -> list[str]:
    """Sort actor ids by their ``ring`` place in the registry; others follow alphabetically.

    Parameters
    ----------
    actors : iterable of str

    Returns
    -------
    list of str
    """
    return registry.ring_order(actors)


def circle_positions(actors: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Place actors on the unit circle in the given order, first at the top, clockwise.

    Parameters
    ----------
    actors : sequence of str
        Distinct actor ids, in drawing order (see :func:`order_actors`).

    Returns
    -------
    dict of str to (float, float)

    Raises
    ------
    ParameterError
        If ``actors`` is not a non-empty list of distinct ids.
    """
    actors = check_ids("actors", actors, min_len=1, distinct=True)
    n = len(actors)
    return {a: (round(math.sin(2 * math.pi * i / n), 12), round(math.cos(2 * math.pi * i / n), 12))
            for i, a in enumerate(actors)}


#: Half-width (degrees) of the arc of the circle each camp occupies in :func:`camp_positions`.
CAMP_ARC = 80.0
#: Height of the row of actors that belong to no camp (no tie, or left out), below the circle.
OFF_CAMP_Y = -1.42
_OFF_CAMP_STEP = 1.0


def camp_positions(camp_a: Sequence[str], camp_b: Sequence[str], others: Sequence[str] = (),
                   ties: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[float, float]]:
    """Place two camps on facing arcs of the unit circle: camp A left, camp B right.

    A drawing of a two-camp split that a reader can check by eye: ties *inside* a camp are
    chords on one side, ties *across* the camps cross the middle. Under structural balance
    every positive tie lies inside a camp and every negative one across; a tie that does not
    is frustrated. Actors that belong to no camp (no tie, or left out of the network) sit in a
    row below the circle. On a circle no straight tie passes through another actor.

    Within each arc the actors are ordered to shorten the ties across (each camp sorted by the
    mean place of its partners in the other camp, twice), starting from the given order: the
    result depends only on the arguments.

    Parameters
    ----------
    camp_a, camp_b : sequence of str
        The two camps, each in a starting order (e.g. :func:`order_actors`).
    others : sequence of str
        Actors in no camp, drawn left to right below the circle.
    ties : iterable of (str, str)
        The ties drawn (to order the arcs); pairs naming other actors are ignored.

    Returns
    -------
    dict of str to (float, float)

    Raises
    ------
    ParameterError
        If a camp is not a list of ids, an actor appears twice, or ``ties`` holds something
        other than pairs of ids.
    """
    a = check_ids("camp_a", camp_a, distinct=True)
    b = check_ids("camp_b", camp_b, distinct=True)
    rest = check_ids("others", others, distinct=True)
    every = a + b + rest
    if len(set(every)) != len(every):
        raise ParameterError(f"camp_a, camp_b and others must be disjoint, got {a}, {b}, {rest}")
    if isinstance(ties, str | bytes) or not isinstance(ties, Iterable):
        raise ParameterError(f"ties must be an iterable of (actor, actor) pairs, got {ties!r}")
    ties = list(ties)
    for i, pair in enumerate(ties):
        if not (isinstance(pair, tuple) and len(pair) == 2
                and all(isinstance(v, str) for v in pair)):
            raise ParameterError(f"ties[{i}] must be a pair (actor, actor) of ids, got {pair!r}")
    n = max(len(a), len(b), 2)
    step = min(2 * CAMP_ARC / (n - 1), 30.0)
    cross = [(x, y) for x, y in ties if (x in a and y in b) or (x in b and y in a)]

    def angles(ids: list[str], centre: float, sign: float) -> dict[str, float]:
        k = len(ids)
        return {v: centre + sign * step * ((k - 1) / 2 - i) for i, v in enumerate(ids)}

    def height(ids: list[str], centre: float, sign: float) -> dict[str, float]:
        return {v: math.sin(math.radians(t)) for v, t in angles(ids, centre, sign).items()}

    def reorder(ids: list[str], other: dict[str, float]) -> list[str]:
        start = {v: i for i, v in enumerate(ids)}

        def key(v: str) -> tuple[float, int]:
            ys = [other[y if x == v else x] for x, y in cross if v in (x, y)]
            return (-sum(ys) / len(ys) if ys else 0.0, start[v])

        return sorted(ids, key=key) if cross else ids

    for _ in range(2):
        b = reorder(b, height(a, 180.0, -1.0))
        a = reorder(a, height(b, 0.0, 1.0))
    pos: dict[str, tuple[float, float]] = {}
    for ids, centre, sign in ((a, 180.0, -1.0), (b, 0.0, 1.0)):
        for v, t in angles(ids, centre, sign).items():
            r = math.radians(t)
            pos[v] = (round(math.cos(r), 12), round(math.sin(r), 12))
    gap = min(_OFF_CAMP_STEP, 3.6 / max(len(rest) - 1, 1))
    for i, v in enumerate(rest):
        pos[v] = (round(gap * (i - (len(rest) - 1) / 2), 12), OFF_CAMP_Y)
    return pos


def camp_label_anchor(x: float, y: float, offset: float = 0.13) -> tuple[float, float, str]:
    """Where a label goes in a :func:`camp_positions` drawing: beside the actor, away from ties.

    Returns ``(x, y, ha)`` in data units, for a label vertically centred on the returned ``y``:
    outside the circle, in line with the centre, ending left of an actor of camp A
    (``ha="right"``) or starting right of one of camp B (``ha="left"``); centred below an actor
    of the row under the circle (``ha="center"``).
    """
    x, y = check_number("x", x), check_number("y", y)
    offset = check_number("offset", offset, 0.0, 10.0)
    if y < -1.05:
        return x, y - 1.6 * offset, "center"
    r = math.hypot(x, y) or 1.0
    lx, ly = x + offset * x / r, y + offset * y / r
    return (lx - 0.03, ly, "right") if x < 0 else (lx + 0.03, ly, "left")


def actor_label(actor_id: str) -> str:
    """Return a short display name of an actor (course name, shortened; or the id if unknown).

    Parameters
    ----------
    actor_id : str

    Returns
    -------
    str
    """
    return registry.short_name(actor_id)


def tie_legend_handles() -> list[Line2D]:
    """Legend handles for positive, negative and emphasised (frustrated) ties.

    Returns
    -------
    list of matplotlib.lines.Line2D
    """
    return [
        Line2D([], [], label="positive tie (ally, partner)", **POSITIVE_STYLE),
        Line2D([], [], label="negative tie (rival, conflict)", **NEGATIVE_STYLE),
        Line2D([], [], color="#222222", linewidth=_EMPHASIS_WIDTH, label="frustrated tie"),
    ]


def plot_signed_network(
    ax: Axes,
    nodes: Sequence[str],
    signs: Mapping[tuple[str, str], int],
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    emphasize: Iterable[tuple[str, str]] = (),
    labels: Mapping[str, str] | None = None,
    legend: bool = True,
    beside: bool = False,
) -> Axes:
    """Draw a signed network: actors in course colours and markers, ties solid (+) or dashed (-).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on (its frame is hidden and its aspect set equal).
    nodes : sequence of str
        Actor ids to draw.
    signs : mapping of (str, str) to int
        Ties ``{(a, b): sign}``, sign in {-1, 0, +1}; zero ties are not drawn. Both endpoints
        must be in ``nodes``.
    positions : mapping of str to (float, float), optional
        Fixed positions; default :func:`circle_positions` of ``order_actors(nodes)``.
    emphasize : iterable of (str, str)
        Ties to highlight with a halo and a heavier line (e.g. frustrated ties).
    labels : mapping of str to str, optional
        Label per actor; default the course display names.
    legend : bool
        Add the tie-style legend below the network.
    beside : bool
        Place labels beside the actors as :func:`camp_label_anchor` does (for
        :func:`camp_positions`); default outside the circle.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes; ``nodes`` not a non-empty list of distinct ids; a tie of
        ``signs`` or ``emphasize`` names an actor outside ``nodes``, or a sign is not -1, 0 or
        +1; a position is missing or not a pair of finite numbers; a label is not a str.
    """
    style.check_ax(ax)
    nodes = check_ids("nodes", nodes, min_len=1, distinct=True)
    node_set = set(nodes)
    if positions is not None:
        check_instance("positions", positions, Mapping, "a mapping actor -> (x, y)")
        pos = {a: check_point(f"positions[{a!r}]", xy, -math.inf, math.inf)
               for a, xy in positions.items()}
    else:
        pos = circle_positions(order_actors(nodes))
    missing = [a for a in nodes if a not in pos]
    if missing:
        raise ParameterError(f"positions has no entry for {missing}")
    check_instance("signs", signs, Mapping, "a mapping {(actor_a, actor_b): sign}")
    for pair in signs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ParameterError(f"signs keys must be pairs (actor_a, actor_b), got {pair!r}")
    if isinstance(emphasize, str | bytes | Mapping) or not isinstance(emphasize, Iterable):
        raise ParameterError(f"emphasize must be a list of ties (actor_a, actor_b), got "
                             f"{emphasize!r}")
    emphasize = list(emphasize)
    for i, pair in enumerate(emphasize):
        if not (isinstance(pair, tuple | list) and len(pair) == 2
                and all(isinstance(v, str) and v in node_set for v in pair)):
            raise ParameterError(f"emphasize[{i}] must be a tie (actor_a, actor_b) of nodes, "
                                 f"got {pair!r}")
    if labels is not None:
        check_instance("labels", labels, Mapping, "a mapping actor -> label (str)")
        for a, text in labels.items():
            if not isinstance(a, str) or a not in node_set:
                raise ParameterError(f"labels keys must be actors of nodes {nodes}, got {a!r}")
            check_str(f"labels[{a!r}]", text, empty=True)
    check_flag("legend", legend)
    check_flag("beside", beside)
    lit = {tie_key(a, b) for a, b in emphasize}
    for (a, b), s in signs.items():
        if a not in node_set or b not in node_set:
            raise ParameterError(f"signs names a tie {(a, b)!r} outside nodes {nodes}")
        if s not in (-1, 0, 1) or isinstance(s, bool):
            raise ParameterError(f"signs[{(a, b)!r}] must be -1, 0 or +1, got {s!r}")
        if s == 0:
            continue
        key = tie_key(a, b)
        xs, ys = (pos[a][0], pos[b][0]), (pos[a][1], pos[b][1])
        ax.add_line(Line2D(xs, ys, color=HALO_COLOR, linewidth=_HALO_WIDTH, alpha=0.9,
                           solid_capstyle="round", zorder=1, visible=key in lit,
                           gid=f"halo:{key}"))
        tie_style = dict(POSITIVE_STYLE if s > 0 else NEGATIVE_STYLE)
        if key in lit:
            tie_style["linewidth"] = _EMPHASIS_WIDTH
        ax.add_line(Line2D(xs, ys, zorder=2, gid=f"tie:{key}", **tie_style))
    for a in nodes:
        x, y = pos[a]
        st = style.actor_styles().get(a)
        color, marker = (st.color, st.marker) if st else ("#999999", "o")
        ax.add_line(Line2D([x], [y], marker=marker, markersize=_NODE_SIZE, color=color,
                           markeredgecolor="black", markeredgewidth=1.0, linestyle="none",
                           zorder=3, gid=f"node:{a}"))
        text = labels[a] if labels and a in labels else actor_label(a)
        # Labels sit outside the circle, where no tie runs: above the top actors, below the
        # bottom ones, beside the others.
        if beside:
            lx, ly, ha = camp_label_anchor(x, y)
            va = "center"
        elif abs(y) > 0.75:
            ha = "center" if abs(x) < 0.15 else ("left" if x > 0 else "right")
            va = "bottom" if y > 0 else "top"
            lx, ly = x, y + math.copysign(_LABEL_OFFSET, y)
        else:
            ha, va = ("left" if x > 0 else "right"), "center"
            lx, ly = x + math.copysign(1.3 * _LABEL_OFFSET, x), y
        ax.text(lx, ly, style.escape_mathtext(text), ha=ha, va=va,
                fontsize=10, zorder=4, gid=f"label:{a}")
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if legend:
        handles = tie_legend_handles()
        handles[2].set_path_effects(_halo_effect())
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncols=3,
                  fontsize=8.5, handlelength=3.2, frameon=False)
    return ax


def draw_tie_key(fig: Figure, origin: tuple[float, float], width: float = 0.6) -> Figure:
    """Draw a one-row key of the tie styles in figure coordinates (cheaper than a legend).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Figure to draw on.
    origin : (float, float)
        Left end of the row, in figure fraction.
    width : float
        Width of the row, in figure fraction.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        If ``fig`` is not a Figure, ``origin`` not a point of [0, 1]^2 or ``width`` not in
        [0.01, 1].
    """
    check_instance("fig", fig, Figure, "a matplotlib Figure")
    x0, y = check_point("origin", origin)
    width = check_number("width", width, 0.01, 1.0)
    inch = 1.0 / fig.get_figwidth()
    sample = 0.42 * inch
    for i, handle in enumerate(tie_legend_handles()):
        x = x0 + (0.0, 0.35, 0.73)[i] * width
        kw = {"color": handle.get_color(), "linestyle": handle.get_linestyle(),
              "linewidth": handle.get_linewidth()}
        if i == 2:
            fig.add_artist(Line2D([x, x + sample], [y, y], transform=fig.transFigure,
                                  color=HALO_COLOR, linewidth=_HALO_WIDTH,
                                  solid_capstyle="round"))
        fig.add_artist(Line2D([x, x + sample], [y, y], transform=fig.transFigure, **kw))
        fig.text(x + sample + 0.12 * inch, y, handle.get_label(), va="center", ha="left",
                 fontsize=8.5)
    return fig


@lru_cache(maxsize=4)
def _tie_key_pixels(dpi: int) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with style.course_style():
        key = Figure(figsize=(7.0, 0.3), dpi=dpi)
        key.patch.set_alpha(0.0)
        canvas = FigureCanvasAgg(key)
        draw_tie_key(key, (0.01, 0.5), width=0.97)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba()).copy()
    pixels.setflags(write=False)
    return pixels


def stamp_tie_key(fig: Figure, origin: tuple[float, float]) -> Figure:
    """Place a pre-rendered key of the tie styles on ``fig`` (no text layout at redraw).

    The key is rendered once per resolution and composited as an image, so a what-if view that
    redraws many times pays for its text only once.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Figure to draw on.
    origin : (float, float)
        Lower-left corner of the key, in figure fraction.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        If ``fig`` is not a Figure or ``origin`` not a point of [0, 1]^2.
    """
    check_instance("fig", fig, Figure, "a matplotlib Figure")
    origin = check_point("origin", origin)
    pixels = _tie_key_pixels(int(fig.dpi))
    width, height = fig.bbox.width, fig.bbox.height
    fig.figimage(pixels, xo=int(origin[0] * width),
                 yo=int(origin[1] * height) - pixels.shape[0] // 2, origin="upper", zorder=5)
    return fig


def _halo_effect() -> list[Any]:
    from matplotlib import patheffects

    return [patheffects.Stroke(linewidth=_HALO_WIDTH, foreground=HALO_COLOR), patheffects.Normal()]


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

    Raises
    ------
    ParameterError
        If ``actors`` is not a list of distinct ids.
    """
    actors = check_ids("actors", actors, distinct=True)
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

    Raises
    ------
    ParameterError
        If ``weight`` is not a number in [0, 1000000].
    """
    return 0.4 + 0.6 * check_number("weight", weight, 0.0, 1e6) ** 0.8

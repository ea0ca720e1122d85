r"""Multilateral bargaining among veto players: the Astana-format widget (Russia, Iran, Turkey).

The model
---------
Each of k >= 2 veto players (the Astana guarantors in the notebook) has an ideal point
``theta_i`` in the policy square X = [0, 1]^2 and Euclidean quadratic utility

    u_i(x) = -||x - theta_i||^2.

Coordinates are normalised *policy units*; utilities and gains are in policy units squared. The
axes (for example x1 = degree of Syrian-government control, x2 = Turkish military footprint in
northern Syria), the ideal points and the weights are **illustrative inputs** that students set
in the notebook: no dataset of Astana positions or bargaining weights exists.

If talks fail, everyone gets the *reversion* point r. Agreement needs unanimity, so a deal must
lie in the **win-set** (Tsebelis 2002)

    W(r) = { x : ||x - theta_i|| < ||r - theta_i|| for every i },

an intersection of open discs. The **unanimity core**, the set of points no unanimous coalition
can beat, is the convex hull H of the ideal points (equal to the Pareto set for these utilities).
If r lies in H the win-set is empty: gridlock. If r lies outside H, its Euclidean projection p
onto H is strictly preferred by every actor (the angle at p between r and any point of H is
obtuse), so W(r) is not empty.

The deal is the **weighted (asymmetric) Nash bargaining solution** (Nash 1950; Kalai 1977)
with the reversion as disagreement point:

    x* = argmax_{x in W(r)}  sum_i w_i * ln( u_i(x) - u_i(r) ),      w_i > 0.

The weights stand for capability times salience (Achen 2006) or for relative patience
(Binmore, Rubinstein & Wolinsky 1986). Multiplying them all by one constant changes nothing.
Each gain ``g_i(x) = u_i(x) - u_i(r)`` is a strictly concave quadratic, so the objective is
strictly concave on W(r): the maximiser is unique and, being Pareto optimal, lies in H. The
weighted mean of the ideal points with the same weights, ``sum_i w_i theta_i / sum_i w_i``, is
reported as the *compromise* point, the empirical benchmark of Achen (2006).

Reversion, credibility and gridlock
-----------------------------------
* Without a unilateral option the reversion is the status quo q.
* One actor T may have a unilateral option z, a policy it can impose alone (Turkey's threatened
  operation in northern Syria). Following Voeten (2001) it is **credible** iff T strictly prefers
  it to the status quo, ``||z - theta_T||^2 < ||q - theta_T||^2`` (a tie is not credible). A
  credible z becomes the reversion *for everyone*; a non-credible one is ignored entirely.
* **Gridlock** iff ``dist(r, H) <= HULL_TOL`` (1e-6 policy units): then ``agreed`` is False and
  the outcome is r itself (if r = z, the actor simply acts alone). The tolerance absorbs rounding
  in the projection; a reversion that close to the hull leaves a numerically empty win-set.

Domain: k >= 2 actors with ``str`` names; all points (ideals, q, z) in [0, 1]^2; weights in
[0.1, 10] (default 1.0 for an actor missing from ``weights``). Anything else raises
:class:`~helpers.checks.ParameterError` naming the parameter and its valid range.

Why a hand-written solver
-------------------------
The problem is two-dimensional and strictly concave with an analytic gradient and Hessian, so a
damped Newton method with a backtracking line search that keeps every gain positive reaches a
gradient at rounding level in about 10 steps (well under a millisecond). It starts at p, which
lies inside the win-set with every gain at least ``dist(r, H)^2``. This is exact, unlike a grid
search (a 201 x 201 grid misses thin win-sets next to the hull), and it needs no optimisation
library: numpy is the only dependency. The projection onto H uses the small monotone-chain hull
of :func:`convex_hull`. Gains are evaluated in the factored form
``(r - x) . (r + x - 2 theta_i)`` and the iteration works in the offset ``x - r``, which keeps
relative accuracy when the win-set is a thin lens.

All functions are pure; importing the module has no side effects.

References
----------
.. [1] Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2): 155-162.
.. [2] Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person bargaining.
   *International Journal of Game Theory* 6(3): 129-133.
.. [3] Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in
   economic modelling. *RAND Journal of Economics* 17(2): 176-188.
.. [4] Tsebelis, G. (2002). *Veto Players: How Political Institutions Work.* Princeton, NJ:
   Princeton University Press / Russell Sage Foundation.
.. [5] Voeten, E. (2001). Outside options and the logic of Security Council action. *American
   Political Science Review* 95(4): 845-858.
.. [6] Achen, C. H. (2006). Institutional realism and bargaining models. Ch. 4 in Thomson, R.,
   Stokman, F. N., Achen, C. H. & König, T. (eds.), *The European Union Decides.* Cambridge:
   Cambridge University Press.
.. [7] Andrew, A. M. (1979). Another efficient algorithm for convex hulls in two dimensions.
   *Information Processing Letters* 9(5): 216-219.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from helpers.checks import ParameterError, check_choice, check_number, check_point

__all__ = [
    "HULL_TOL",
    "WEIGHT_MAX",
    "WEIGHT_MIN",
    "BargainResult",
    "astana_bargain",
    "convex_hull",
    "hull_distance",
    "in_win_set",
]

#: Gridlock tolerance (policy units): a reversion this close to the hull of the ideals is stuck.
HULL_TOL: float = 1e-6

#: Smallest bargaining weight accepted.
WEIGHT_MIN: float = 0.1

#: Largest bargaining weight accepted.
WEIGHT_MAX: float = 10.0

_MAX_NEWTON = 100  # iteration cap; a strictly concave 2-D problem needs about 10
_LAMBDA2_STOP = 1e-24  # squared Newton decrement (scale-free) at which the iteration stops
_REL_GRAD_STOP = 1e-12  # |gradient| relative to the sum of the magnitudes of its terms
_LAMBDA2_FULL_STEP = 1e-2  # below this the full Newton step is taken (quadratic phase)
_LAMBDA2_FLOOR = 1e-14  # accepted as converged when rounding stops further progress


@dataclass(frozen=True)
class BargainResult:
    """Outcome of :func:`astana_bargain` (coordinates in policy units, gains in units squared).

    Attributes
    ----------
    point : tuple of float
        The deal ``(x, y)``, or the reversion point when there is none.
    agreed : bool
        True iff the reversion lies more than :data:`HULL_TOL` outside the hull of the ideals.
    reversion : tuple of float
        The disagreement point: the status quo, or the unilateral outcome when it is credible.
    gains : dict of str to float
        Actor -> ``u_i(point) - u_i(reversion) = ||reversion - theta_i||^2 -
        ||point - theta_i||^2``; all > 0 if agreed, all 0.0 otherwise. A fresh dict per call.
    compromise : tuple of float
        Weighted mean of the ideal points with the bargaining weights (Achen 2006).
    credible : bool
        Whether the unilateral option was credible (False when none was given).
    hull_distance : float
        Distance from the reversion to the convex hull of the ideals (policy units).
    """

    point: tuple[float, float]
    agreed: bool
    reversion: tuple[float, float]
    gains: dict[str, float] = field(hash=False)
    compromise: tuple[float, float]
    credible: bool
    hull_distance: float


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------


def _validate_ideals(ideals: Any, min_actors: int = 2, label: str = "ideals"
                     ) -> tuple[tuple[str, ...], np.ndarray]:
    """Return the actor names and a ``(k, 2)`` float array of their ideal points."""
    if not isinstance(ideals, Mapping):
        raise ParameterError(
            f"{label} must be a mapping actor (str) -> ideal point (x, y) in [0, 1]^2 with at "
            f"least {min_actors} actors, got {type(ideals).__name__}"
        )
    if len(ideals) < min_actors:
        raise ParameterError(
            f"{label} must hold at least {min_actors} actor{'s' if min_actors > 1 else ''}, "
            f"got {len(ideals)}"
        )
    names: list[str] = []
    rows: list[tuple[float, float]] = []
    for name, value in ideals.items():
        if not isinstance(name, str):
            raise ParameterError(
                f"{label} keys must be actor names of type str, got {name!r} "
                f"({type(name).__name__})"
            )
        names.append(name)
        rows.append(check_point(f"{label}[{name!r}]", value))
    return tuple(names), np.array(rows, dtype=float)


def _validate_weights(weights: Any, names: tuple[str, ...]) -> np.ndarray:
    """Return the weights in the order of ``names`` (1.0 for an actor not listed)."""
    if weights is None:
        return np.ones(len(names))
    if not isinstance(weights, Mapping):
        raise ParameterError(
            f"weights must be None or a mapping actor -> weight in [{WEIGHT_MIN:g}, "
            f"{WEIGHT_MAX:g}], got {type(weights).__name__}"
        )
    for key in weights:
        check_choice("weights key", key, names)
    return np.array(
        [check_number(f"weights[{n!r}]", weights[n], WEIGHT_MIN, WEIGHT_MAX)
         if n in weights else 1.0 for n in names],
        dtype=float,
    )


def _validate_unilateral(unilateral: Any, names: tuple[str, ...], label: str = "unilateral",
                         optional: bool = True) -> tuple[str, tuple[float, float]] | None:
    """Return ``(actor, z)`` checked, or None (refused unless ``optional``).

    ``label`` names the parameter in the messages (the plots and the view call it ``option``).
    """
    if unilateral is None and optional:
        return None
    if isinstance(unilateral, str | bytes | Mapping) or not isinstance(unilateral, Sequence) \
            or len(unilateral) != 2:
        raise ParameterError(
            f"{label} must be {'None or ' if optional else ''}a pair (actor, (x, y)): an actor "
            f"of ideals and its unilateral outcome in [0, 1]^2, got {unilateral!r}"
        )
    actor, z = unilateral
    check_choice(f"{label}[0] (the actor)", actor, names)
    return actor, check_point(f"{label}[1]", z)


def _validate_points(name: str, points: Any, min_count: int, allow_mapping: bool = False
                     ) -> np.ndarray:
    """Return ``points`` (an ``(n, 2)`` array-like, or a mapping) as a float ``(n, 2)`` array."""
    if allow_mapping and isinstance(points, Mapping):
        return _validate_ideals(points, min_actors=min_count, label=name)[1]
    shape_msg = (f"{name} must be an array of shape (n, 2) with n >= {min_count} and every "
                 f"coordinate a finite number in [0, 1]")
    if isinstance(points, np.ndarray):
        if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] < min_count:
            raise ParameterError(f"{shape_msg}, got shape {points.shape}")
        if points.dtype.kind not in "iuf":
            raise ParameterError(f"{shape_msg}, got dtype {points.dtype}")
        arr = points.astype(float)
        bad = ~(np.isfinite(arr) & (arr >= 0.0) & (arr <= 1.0))
        if bad.any():
            i, j = (int(v) for v in np.argwhere(bad)[0])
            check_number(f"{name}[{i}][{j}]", float(arr[i, j]), 0.0, 1.0)  # raises
        return arr
    if isinstance(points, str | bytes | Mapping) or not isinstance(points, Sequence):
        raise ParameterError(f"{shape_msg}, got {type(points).__name__}")
    if len(points) < min_count:
        raise ParameterError(f"{shape_msg}, got {len(points)} points")
    rows = [check_point(f"{name}[{i}]", p) for i, p in enumerate(points)]
    return np.array(rows, dtype=float).reshape(len(rows), 2)


# --------------------------------------------------------------------------------------------
# geometry: convex hull and projection onto it
# --------------------------------------------------------------------------------------------


def _cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """z-component of (a - o) x (b - o): > 0 iff o -> a -> b turns counter-clockwise."""
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def _hull(pts: np.ndarray) -> np.ndarray:
    """Monotone-chain hull (Andrew 1979) of a ``(n, 2)`` array: CCW vertices, no collinear ones."""
    uniq = np.unique(pts, axis=0)  # sorted by x, then y; duplicates removed
    if len(uniq) <= 2:
        return uniq

    def chain(seq: np.ndarray) -> list[np.ndarray]:
        out: list[np.ndarray] = []
        for p in seq:
            while len(out) >= 2 and _cross(out[-2], out[-1], p) <= 0.0:
                out.pop()
            out.append(p)
        return out

    lower, upper = chain(uniq), chain(uniq[::-1])
    return np.array(lower[:-1] + upper[:-1], dtype=float)


def _project(point: np.ndarray, verts: np.ndarray) -> tuple[np.ndarray, float]:
    """Nearest point of the hull with vertices ``verts`` (CCW) to ``point``, and the distance."""
    if len(verts) == 1:
        return verts[0].copy(), float(np.hypot(*(point - verts[0])))
    a = verts
    b = np.roll(verts, -1, axis=0)
    if len(verts) >= 3:
        edge = b - a
        rel = point - a
        if np.all(edge[:, 0] * rel[:, 1] - edge[:, 1] * rel[:, 0] >= 0.0):
            return point.copy(), 0.0
    else:  # a segment: one edge
        a, b = a[:1], b[:1]
    edge = b - a
    num = np.einsum("ij,ij->i", point - a, edge)
    den = np.einsum("ij,ij->i", edge, edge)  # 0 only if an edge underflows (subnormal input)
    t = np.clip(np.divide(num, den, out=np.zeros_like(num), where=den > 0.0), 0.0, 1.0)
    near = a + t[:, None] * edge
    dist = np.hypot(*(point - near).T)
    j = int(np.argmin(dist))
    return near[j], float(dist[j])


# --------------------------------------------------------------------------------------------
# the Nash bargaining solver
# --------------------------------------------------------------------------------------------


def _gains(y: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Gains ``||r - theta_i||^2 - ||r + y - theta_i||^2 = -y . (y + 2 a_i)``, ``a = r - theta``."""
    return -(y[0] * (y[0] + 2.0 * a[:, 0]) + y[1] * (y[1] + 2.0 * a[:, 1]))


def _newton_step(y: np.ndarray, a: np.ndarray, w: np.ndarray, g: np.ndarray
                 ) -> tuple[np.ndarray, float, float]:
    """Newton direction, squared decrement and relative gradient of sum w ln g at offset y."""
    d = y + a  # x - theta_i, one row per actor
    c = w / g
    grad = -2.0 * (c @ d)
    scale = float(2.0 * (c @ np.hypot(d[:, 0], d[:, 1])))
    c2 = 4.0 * w / (g * g)
    h11 = -2.0 * c.sum() - c2 @ (d[:, 0] * d[:, 0])
    h22 = -2.0 * c.sum() - c2 @ (d[:, 1] * d[:, 1])
    h12 = -(c2 @ (d[:, 0] * d[:, 1]))
    det = h11 * h22 - h12 * h12  # > 0: the Hessian is negative definite
    step = np.array([-(h22 * grad[0] - h12 * grad[1]) / det,
                     -(h11 * grad[1] - h12 * grad[0]) / det])
    lam2 = float(grad @ step)
    rel = float(np.hypot(*grad)) / scale if scale > 0.0 else 0.0
    return step, lam2, rel


def _line_search(y: np.ndarray, step: np.ndarray, a: np.ndarray, w: np.ndarray, f: float,
                 lam2: float) -> tuple[np.ndarray, np.ndarray, float] | None:
    """Backtrack from the full step until every gain is > 0 and, in the damped phase, Armijo holds.

    In the quadratic phase (small decrement) the full step is taken as soon as it is feasible:
    the increase of the objective is then below its rounding error, so comparing values would
    only add noise. Returns ``(y, gains, objective)`` or None if no step was accepted.
    """
    damped = lam2 > _LAMBDA2_FULL_STEP
    alpha = 1.0
    for _ in range(60):
        y_new = y + alpha * step
        g_new = _gains(y_new, a)
        if np.all(g_new > 0.0):
            f_new = float(w @ np.log(g_new))
            if not damped or f_new >= f + 1e-4 * alpha * lam2:
                return y_new, g_new, f_new
        alpha *= 0.5
    return None


def _nash_solve(r: np.ndarray, thetas: np.ndarray, w: np.ndarray, start: np.ndarray
                ) -> tuple[np.ndarray, int]:
    """Maximise sum w_i ln g_i over the win-set of r by damped Newton; return (x*, iterations).

    ``start`` must lie in the win-set. The weights are rescaled so that the smallest is 1,
    which makes the objective self-concordant and the stopping rule independent of their scale.
    The iteration stops when the squared Newton decrement (affine invariant) or the gradient
    relative to the magnitude of its terms reaches rounding level; if rounding stalls the
    quadratic phase first, the iterate with the smallest decrement is returned.
    """
    a = r - thetas
    w = w / w.min()
    y = start - r
    g = _gains(y, a)
    f = float(w @ np.log(g))
    best_y, best_lam2, stalls = y, math.inf, 0
    for it in range(_MAX_NEWTON):
        step, lam2, rel = _newton_step(y, a, w, g)
        if lam2 <= _LAMBDA2_STOP or rel <= _REL_GRAD_STOP:
            return r + y, it
        if lam2 <= _LAMBDA2_FULL_STEP and lam2 > best_lam2 / 4.0:
            stalls += 1  # quadratic convergence has stopped: rounding level
            if stalls >= 3 and best_lam2 <= _LAMBDA2_FLOOR:
                return r + best_y, it
        if lam2 < best_lam2:
            best_y, best_lam2 = y, lam2
        moved = _line_search(y, step, a, w, f, lam2)
        if moved is None:
            break
        y, g, f = moved
    if best_lam2 <= _LAMBDA2_FLOOR:
        return r + best_y, _MAX_NEWTON
    raise RuntimeError(f"astana_bargain: Newton did not converge (decrement^2 = {best_lam2:.3g})")


def _point(v: np.ndarray) -> tuple[float, float]:
    """Plain-float pair, clipped to [0, 1] against rounding of order 1e-16."""
    return (min(max(float(v[0]), 0.0), 1.0), min(max(float(v[1]), 0.0), 1.0))


# --------------------------------------------------------------------------------------------
# public functions
# --------------------------------------------------------------------------------------------


def convex_hull(points: Mapping[str, Sequence[float]] | Sequence[Sequence[float]] | np.ndarray
                ) -> np.ndarray:
    """Vertices of the convex hull of points in [0, 1]^2, in counter-clockwise order.

    Andrew's monotone chain: duplicate points and points in the interior of an edge are dropped.
    The first vertex is the lowest-leftmost point (smallest x, then smallest y).

    Parameters
    ----------
    points : mapping of str to (x, y), or array-like of shape (n, 2)
        At least one point, every coordinate a finite number in [0, 1]. A mapping (such as the
        ``ideals`` of :func:`astana_bargain`) contributes its values.

    Returns
    -------
    numpy.ndarray
        Float array of shape (h, 2): h = 1 if all points coincide, h = 2 if they are collinear,
        otherwise the h >= 3 corners of the polygon, counter-clockwise.

    Raises
    ------
    ParameterError
        If ``points`` has the wrong shape or type, or a coordinate outside [0, 1].

    Examples
    --------
    >>> convex_hull([(0.5, 0.5), (1, 0), (0, 0), (0, 1), (0.5, 0), (1, 1)]).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
    >>> convex_hull([(0.2, 0.2), (0.6, 0.6), (0.4, 0.4)]).tolist()
    [[0.2, 0.2], [0.6, 0.6]]
    """
    return _hull(_validate_points("points", points, min_count=1, allow_mapping=True))


def hull_distance(point: Sequence[float], ideals: Mapping[str, Sequence[float]]) -> float:
    """Euclidean distance from ``point`` to the convex hull of the ideal points (policy units).

    Zero inside the hull (the unanimity core); otherwise the distance to the nearest hull edge.
    Collinear and duplicate ideal points are handled (the hull is then a segment or a point).

    Parameters
    ----------
    point : (x, y)
        A point of [0, 1]^2.
    ideals : mapping of str to (x, y)
        At least 2 actors with ideal points in [0, 1]^2, as for :func:`astana_bargain`.

    Returns
    -------
    float
        The distance, >= 0.

    Raises
    ------
    ParameterError
        If ``point`` or ``ideals`` is outside the domain.

    Examples
    --------
    >>> ideals = {"A": (0.2, 0.2), "B": (0.8, 0.2), "C": (0.5, 0.8)}
    >>> hull_distance((0.5, 0.4), ideals)
    0.0
    >>> round(hull_distance((0.5, 0.1), ideals), 12)
    0.1
    """
    p = np.array(check_point("point", point))
    _, thetas = _validate_ideals(ideals)
    return _project(p, _hull(thetas))[1]


def in_win_set(xy: Sequence[Sequence[float]] | np.ndarray, ideals: Mapping[str, Sequence[float]],
               reversion: Sequence[float]) -> np.ndarray:
    """Which points every actor strictly prefers to ``reversion`` (membership of the win-set).

    Vectorised over the rows of ``xy``: row j is True iff
    ``||xy[j] - theta_i|| < ||reversion - theta_i||`` for every actor i. The reversion itself
    and points on a boundary circle are outside (strict preference).

    Parameters
    ----------
    xy : array-like of shape (n, 2)
        Points of [0, 1]^2 (n >= 0), e.g. a flattened plotting grid.
    ideals : mapping of str to (x, y)
        At least 2 actors with ideal points in [0, 1]^2.
    reversion : (x, y)
        The disagreement point in [0, 1]^2.

    Returns
    -------
    numpy.ndarray
        Boolean array of shape (n,).

    Raises
    ------
    ParameterError
        If an argument is outside the domain.

    Examples
    --------
    >>> ideals = {"A": (0.2, 0.5), "B": (0.8, 0.5)}
    >>> in_win_set([(0.5, 0.5), (0.5, 0.9), (0.5, 0.8)], ideals, (0.5, 0.8)).tolist()
    [True, False, False]
    """
    pts = _validate_points("xy", xy, min_count=0)
    _, thetas = _validate_ideals(ideals)
    r = np.array(check_point("reversion", reversion))
    # g_i(x) = (r - x) . (r + x - 2 theta_i): exact sign in the common dyadic tie cases
    diff = r - pts
    plus = (r + pts)[:, None, :] - 2.0 * thetas[None, :, :]
    gains = np.einsum("nj,nij->ni", diff, plus)
    return np.all(gains > 0.0, axis=1)


def astana_bargain(ideals: Mapping[str, Sequence[float]],
                   status_quo: Sequence[float],
                   weights: Mapping[str, float] | None = None,
                   unilateral: tuple[str, Sequence[float]] | None = None) -> BargainResult:
    """Weighted Nash bargaining solution among veto players, with an optional unilateral option.

    Solves ``max sum_i w_i ln(u_i(x) - u_i(r))`` over the win-set of the reversion r with
    ``u_i(x) = -||x - theta_i||^2``, exactly (damped Newton, no grid); see the module docstring
    for the model, the credibility and gridlock rules and the references.

    Parameters
    ----------
    ideals : mapping of str to (x, y)
        Actor -> ideal point in [0, 1]^2, at least 2 actors (3 in the notebook).
    status_quo : (x, y)
        The status quo q in [0, 1]^2: the reversion unless a credible unilateral option exists.
    weights : mapping of str to float, optional
        Actor -> bargaining weight in [0.1, 10]; actors not listed get 1.0. Every key must be an
        actor of ``ideals``.
    unilateral : (str, (x, y)), optional
        ``(actor, z)``: an actor of ``ideals`` and the outcome z in [0, 1]^2 it can impose alone.
        Credible iff ``||z - theta_actor||^2 < ||q - theta_actor||^2``; then z replaces q as the
        reversion for everyone, otherwise it is ignored.

    Returns
    -------
    BargainResult
        The deal (or the reversion under gridlock), the reversion, each actor's gain, the
        weighted compromise point, the credibility flag and the reversion's distance to the hull.

    Raises
    ------
    ParameterError
        If an argument is outside the domain: the message names it and its valid range.

    Examples
    --------
    Illustrative positions (not data): the status quo lies on the Turkey-Russia edge of the
    triangle of ideal points, so nothing beats it unanimously.

    >>> ideals = {"RUS": (0.85, 0.35), "IRN": (0.95, 0.10), "TUR": (0.30, 0.90)}
    >>> stuck = astana_bargain(ideals, (0.6, 0.6))
    >>> stuck.agreed, stuck.point
    (False, (0.6, 0.6))

    A credible Turkish operation leading to z = (0.55, 0.95) moves the reversion outside the
    triangle, and all three prefer a deal to letting Turkey act alone:

    >>> deal = astana_bargain(ideals, (0.6, 0.6), unilateral=("TUR", (0.55, 0.95)))
    >>> deal.credible, deal.agreed, deal.reversion
    (True, True, (0.55, 0.95))
    >>> tuple(round(c, 3) for c in deal.point)
    (0.438, 0.749)
    >>> {actor: round(gain, 4) for actor, gain in deal.gains.items()}
    {'RUS': 0.1212, 'IRN': 0.1994, 'TUR': 0.0231}
    """
    names, thetas = _validate_ideals(ideals)
    q = check_point("status_quo", status_quo)
    w = _validate_weights(weights, names)
    option = _validate_unilateral(unilateral, names)

    r, credible = q, False
    if option is not None:
        actor, z = option
        t = thetas[names.index(actor)]
        if (z[0] - t[0]) ** 2 + (z[1] - t[1]) ** 2 < (q[0] - t[0]) ** 2 + (q[1] - t[1]) ** 2:
            r, credible = z, True

    r_arr = np.array(r)
    near, dist = _project(r_arr, _hull(thetas))
    compromise = _point((w @ thetas) / w.sum())
    if dist <= HULL_TOL:
        return BargainResult(point=r, agreed=False, reversion=r,
                             gains=dict.fromkeys(names, 0.0), compromise=compromise,
                             credible=credible, hull_distance=dist)
    x, _ = _nash_solve(r_arr, thetas, w, near)
    point = _point(x)
    gains = _gains(np.array(point) - r_arr, r_arr - thetas)
    return BargainResult(point=point, agreed=True, reversion=r,
                         gains={n: float(v) for n, v in zip(names, gains, strict=True)},
                         compromise=compromise, credible=credible,
                         hull_distance=dist)

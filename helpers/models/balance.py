"""Structural balance on small signed networks of international actors.

This module is the model behind the alliance widget of the course: a *balance report* on an
undirected signed graph of at most 14 actors, where every tie is
``+1`` (friend / ally), ``-1`` (enemy / rival) or ``0`` (no tie).

It reports

* the **triangle index** (Heider 1946; Cartwright & Harary 1956): the share of triangles whose
  sign product is positive (0 or 2 negative ties);
* the **weak-balance triangle index** (Davis 1967): only a triangle with exactly one negative tie
  counts as unbalanced, so an all-negative triangle (a three-way rivalry) is weakly balanced;
* the exact **frustration index** ``L`` (Harary's *line index of balance*, Harary 1959; Aref &
  Wilson 2018, 2019): the minimum number of ties whose sign must be flipped (equivalently, which
  must be deleted) to make the graph balanced, and the normalised balance ``F = 1 - 2L/m``;
* a two-camp partition attaining ``L`` (Harary's structure theorem, Harary 1953), chosen by a
  documented deterministic rule, and the ties it frustrates.

networkx (3.6.1) has no signed-graph or balance functions: ``nx.triadic_census`` is the directed
MAN census and ignores signs. This module therefore builds on networkx *primitives* where they are
natural:

* triangles are listed from the adjacency of an ``nx.Graph`` of the nonzero ties (neighbour-set
  intersections; ``nx.enumerate_all_cliques`` gives the same list but is about twice as slow on
  a complete graph of 14 actors, and the tests cross-check it);
* :func:`harary_is_balanced` is Harary's contraction test written with
  ``nx.connected_components`` (components of the positive ties) and ``nx.is_bipartite`` (the
  graph of those components joined by negative ties). It is an independent cross-check of the
  ``is_balanced`` flag, which comes from the exact frustration index.

The frustration index is NP-hard in general; here it is computed exactly by enumerating all
``2**(n-1)`` two-camp partitions with numpy: one matrix product gives the frustrated-tie count of
every partition (about 1-3 ms at 14 actors on a 2-core machine). Negative ties in a triangle are
counted with Python ints, never as numpy ``bool + bool`` (which is a logical OR).

All functions are pure: they never modify their arguments, and importing the module has no side
effects.

References
----------
.. [1] Heider, F. (1946). Attitudes and cognitive organization. *Journal of Psychology* 21:
   107-112.
.. [2] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
   *Psychological Review* 63(5): 277-293. doi:10.1037/h0046049.
.. [3] Harary, F. (1953). On the notion of balance of a signed graph. *Michigan Mathematical
   Journal* 2(2): 143-146.
.. [4] Harary, F. (1959). On the measurement of structural balance. *Behavioral Science* 4(4):
   316-323.
.. [5] Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations* 20(2):
   181-187.
.. [6] Aref, S. & Wilson, M. C. (2018). Measuring partial balance in signed networks. *Journal of
   Complex Networks* 6(4): 566-595. doi:10.1093/comnet/cnx044.
.. [7] Aref, S. & Wilson, M. C. (2019). Balance and frustration in signed networks. *Journal of
   Complex Networks* 7(2): 163-189.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from helpers.checks import (
    ParameterError,
    check_cells,
    check_frame,
    check_ids,
    check_instance,
    check_str,
)

__all__ = [
    "CODING_LABELS",
    "MAX_NODES",
    "REQUIRED_COLUMNS",
    "TRIANGLE_COLUMNS",
    "UNCONTESTED",
    "BalanceReport",
    "Triangle",
    "add_uncontested_coding",
    "balance_report",
    "camp_lists",
    "coding_label",
    "coding_signs",
    "evidence_table",
    "frustrated_edges",
    "harary_is_balanced",
    "optimal_partitions",
    "signs_from_frame",
    "summarize",
    "triangle_census",
]


#: Largest number of actors accepted (exact frustration enumerates ``2**(n-1)`` partitions).
MAX_NODES: int = 14


#: Columns of the frame returned by :func:`triangle_census`.
TRIANGLE_COLUMNS: tuple[str, ...] = (
    "a",
    "b",
    "c",
    "sign_ab",
    "sign_bc",
    "sign_ac",
    "n_negative",
    "balanced",
    "weakly_balanced",
)


_VALID_SIGNS = (-1, 0, 1)


@dataclass(frozen=True)
class Triangle:
    """One triangle of the tie graph with its signs.

    The corners are ordered as in the ``nodes`` argument (``a`` before ``b`` before ``c``).

    Attributes
    ----------
    a, b, c : str
        The three actors.
    sign_ab, sign_bc, sign_ac : int
        The signs (+1 or -1) of the three ties.
    n_negative : int
        Number of negative ties (0 to 3).
    balanced : bool
        Heider / Cartwright-Harary balance: the sign product is +1 (0 or 2 negative ties).
    weakly_balanced : bool
        Davis weak balance: not exactly one negative tie.
    """

    a: str
    b: str
    c: str
    sign_ab: int
    sign_bc: int
    sign_ac: int
    n_negative: int
    balanced: bool
    weakly_balanced: bool


@dataclass(frozen=True)
class BalanceReport:
    """Result of :func:`balance_report` (all quantities are dimensionless).

    Attributes
    ----------
    nodes : tuple of str
        The actors, in the order given.
    n_triangles : int
        Number of triangles (three actors with three nonzero ties).
    frac_balanced : float
        Share of triangles with sign product +1, in [0, 1]; NaN if there are no triangles.
    frac_weakly_balanced : float
        Share of triangles that do not have exactly one negative tie (Davis), in [0, 1];
        NaN if there are no triangles.
    frustration : int
        Exact frustration index L: the fewest ties whose flip makes the graph balanced.
    n_edges : int
        Number of nonzero ties m.
    normalized_balance : float
        ``1 - 2L/m``, in (0, 1] for m >= 1 (1 = balanced); 1.0 when m = 0.
    is_balanced : bool
        True iff ``frustration == 0``.
    camps : dict of str to int
        Two-camp partition (actor -> +1 or -1) attaining L, chosen deterministically:
        ``camps[nodes[0]] == +1`` and, among optimal partitions, the one with the smallest
        integer k, where bit j of k set means ``nodes[j + 1]`` is in camp -1. A fresh dict on
        every call, so mutating it affects nothing else.
    triangles : tuple of Triangle
        Every triangle with its signs, in lexicographic order of the corners' positions in
        ``nodes``.
    """

    nodes: tuple[str, ...]
    n_triangles: int
    frac_balanced: float
    frac_weakly_balanced: float
    frustration: int
    n_edges: int
    normalized_balance: float
    is_balanced: bool
    camps: dict[str, int] = field(hash=False)
    triangles: tuple[Triangle, ...] = ()

    @property
    def unbalanced_triangles(self) -> tuple[Triangle, ...]:
        """Triangles that are not balanced (sign product -1)."""
        return tuple(t for t in self.triangles if not t.balanced)


def _validate_nodes(nodes: Sequence[str]) -> tuple[str, ...]:
    if isinstance(nodes, str) or not isinstance(nodes, Iterable):
        raise ParameterError(
            f"nodes must be a sequence of {1}..{MAX_NODES} distinct actor names (str), "
            f"got {nodes!r}"
        )
    out = tuple(nodes)
    if not 1 <= len(out) <= MAX_NODES:
        raise ParameterError(
            f"nodes must hold between 1 and {MAX_NODES} actors (exact frustration enumerates "
            f"2**(n-1) partitions), got {len(out)}"
        )
    for v in out:
        if not isinstance(v, str):
            raise ParameterError(
                f"nodes must be actor names of type str, got {v!r} ({type(v).__name__})"
            )
    counts: dict[str, int] = {}
    for v in out:
        counts[v] = counts.get(v, 0) + 1
    dupes = sorted(v for v, c in counts.items() if c > 1)
    if dupes:
        raise ParameterError(f"nodes must be distinct, duplicated: {dupes}")
    return out


def _check_sign_value(label: str, value: object) -> int:
    """Return ``value`` as a plain int in {-1, 0, 1} or raise ParameterError starting with label."""
    if isinstance(value, bool | np.bool_):
        raise ParameterError(
            f"{label} must be an int in {{-1, 0, 1}}, got the bool {value!r}; "
            "booleans are rejected (True would silently mean +1 and False 'no tie')"
        )
    if not isinstance(value, numbers.Integral) or int(value) not in _VALID_SIGNS:
        raise ParameterError(
            f"{label} must be an int in {{-1, 0, 1}} (-1 rival, 0 no tie, +1 ally), got {value!r}"
        )
    return int(value)


def _validate_signs(
    nodes: tuple[str, ...], signs: Mapping[tuple[str, str], int]
) -> dict[tuple[int, int], int]:
    """Return the nonzero ties as ``{(i, j): sign}`` with ``i < j`` positions in ``nodes``."""
    if not isinstance(signs, Mapping):
        raise ParameterError(
            f"signs must be a mapping {{(actor_a, actor_b): sign}}, got {type(signs).__name__}"
        )
    index = {v: i for i, v in enumerate(nodes)}
    seen: dict[tuple[int, int], tuple[tuple[str, str], int]] = {}
    for pair, value in signs.items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ParameterError(
                f"signs keys must be pairs (actor_a, actor_b) of listed nodes, got {pair!r}"
            )
        a, b = pair
        if a == b:
            raise ParameterError(f"signs must not contain self-ties, got {pair!r}")
        for v in (a, b):
            if not isinstance(v, str) or v not in index:
                raise ParameterError(
                    f"signs pair {pair!r} names {v!r}, which is not in nodes {list(nodes)}"
                )
        s = _check_sign_value(f"signs[{pair!r}]", value)
        i, j = index[a], index[b]
        key = (i, j) if i < j else (j, i)
        if key in seen and seen[key][1] != s:
            other, other_s = seen[key]
            raise ParameterError(
                f"signs gives conflicting values for one tie: {other!r} -> {other_s} but "
                f"{pair!r} -> {s}"
            )
        seen[key] = (pair, s)
    return {key: s for key, (_, s) in sorted(seen.items()) if s != 0}


def _validate_camps(nodes: tuple[str, ...], camps: Mapping[str, int]) -> np.ndarray:
    if not isinstance(camps, Mapping):
        raise ParameterError(f"camps must be a mapping actor -> +1/-1, got {type(camps).__name__}")
    missing = [v for v in nodes if v not in camps]
    extra = [v for v in camps if v not in set(nodes)]
    if missing or extra:
        raise ParameterError(
            f"camps must assign every node exactly: missing {missing}, unknown {extra}"
        )
    out = np.empty(len(nodes), dtype=np.int64)
    for i, v in enumerate(nodes):
        c = camps[v]
        if (
            isinstance(c, bool | np.bool_)
            or not isinstance(c, numbers.Integral)
            or c not in (-1, 1)
        ):
            raise ParameterError(f"camps[{v!r}] must be +1 or -1, got {c!r}")
        out[i] = int(c)
    return out


def _tie_graph(nodes: tuple[str, ...], ties: Mapping[tuple[int, int], int]) -> nx.Graph:
    """Undirected graph on positions 0..n-1 with the nonzero ties as edges (attribute ``sign``)."""
    g = nx.Graph()
    g.add_nodes_from(range(len(nodes)))
    g.add_edges_from((i, j, {"sign": s}) for (i, j), s in ties.items())
    return g


def _triangles(nodes: tuple[str, ...], ties: Mapping[tuple[int, int], int]) -> list[Triangle]:
    """All triangles, corners ordered by position, in lexicographic order of positions."""
    adj = _tie_graph(nodes, ties).adj
    out = []
    for i in range(len(nodes)):
        later = {v for v in adj[i] if v > i}
        for j in sorted(later):
            for k in sorted(v for v in later.intersection(adj[j]) if v > j):
                s_ab, s_bc, s_ac = ties[(i, j)], ties[(j, k)], ties[(i, k)]
                # count with Python ints (in numpy, bool + bool would be a logical OR)
                n_neg = int(s_ab < 0) + int(s_bc < 0) + int(s_ac < 0)
                out.append(
                    Triangle(
                        a=nodes[i],
                        b=nodes[j],
                        c=nodes[k],
                        sign_ab=s_ab,
                        sign_bc=s_bc,
                        sign_ac=s_ac,
                        n_negative=n_neg,
                        balanced=n_neg % 2 == 0,
                        weakly_balanced=n_neg != 1,
                    )
                )
    return out


@lru_cache(maxsize=MAX_NODES)
def _partitions(n: int) -> np.ndarray:
    """Read-only (2**(n-1), n) float array: row k is the camp vector s of partition k.

    ``s[0] = +1`` and ``s[j + 1] = -1`` iff bit j of k is set. Cached per n (at most 14 arrays,
    under 2 MB in all); the cache is invisible to callers.
    """
    k = np.arange(1 << (n - 1), dtype=np.int64)
    bits = (k[:, None] >> np.arange(n - 1, dtype=np.int64)) & 1
    s = np.ones((k.size, n), dtype=np.float64)
    s[:, 1:] = 1 - 2 * bits
    s.setflags(write=False)
    return s


def _frustration_counts(n: int, ties: Mapping[tuple[int, int], int]) -> np.ndarray:
    """Frustrated-tie count of every partition k = 0 .. 2**(n-1) - 1 (vectorised).

    With the signed adjacency matrix A (zero diagonal) and a camp vector s, the sum over ties of
    ``s_i s_j sigma_ij`` is ``s' A s / 2`` = (satisfied - frustrated) ties, so the number of
    frustrated ties is ``(2m - s' A s) / 4``. All intermediate values are small integers, exact
    in float64 (the matrix product then runs in BLAS).
    """
    s = _partitions(n)
    if not ties:
        return np.zeros(s.shape[0], dtype=np.int64)
    a = np.zeros((n, n), dtype=np.float64)
    for (i, j), sign in ties.items():
        a[i, j] = a[j, i] = sign
    quad = np.einsum("ki,ki->k", s @ a, s)
    return np.rint((2 * len(ties) - quad) / 4).astype(np.int64)


def _camps_from_index(nodes: tuple[str, ...], k: int) -> dict[str, int]:
    camps = {nodes[0]: 1}
    for j, v in enumerate(nodes[1:]):
        camps[v] = -1 if (k >> j) & 1 else 1
    return camps


def balance_report(nodes: Sequence[str], signs: Mapping[tuple[str, str], int]) -> BalanceReport:
    r"""Structural-balance report of a small undirected signed graph.

    Parameters
    ----------
    nodes : sequence of str
        Between 1 and 14 distinct actor names. Their order fixes the deterministic choice of
        ``camps`` and the orientation of triangles.
    signs : mapping of (str, str) to int
        Ties ``{(actor_a, actor_b): sign}`` with sign in {-1, 0, +1} (0 = no tie; unlisted pairs
        have no tie). Either orientation may be given; giving both ``(a, b)`` and ``(b, a)`` is
        allowed only with equal values. Python ``int`` and numpy integers are accepted; ``bool``
        (and ``numpy.bool_``) values are rejected because ``True == 1`` would silently be read
        as an alliance; floats are rejected too.

    Returns
    -------
    BalanceReport
        Triangle counts and indices, the exact frustration index, the normalised balance, the
        balance flag, a two-camp partition attaining the frustration index, and the triangles.

    Raises
    ------
    ParameterError
        (a ValueError)
        If ``nodes`` is empty, longer than 14, not all str, or has duplicates; if a key of
        ``signs`` is not a pair of listed nodes, is a self-tie (whatever its value), or a value is
        not an int in {-1, 0, 1}; if (a, b) and (b, a) carry different values.

    See Also
    --------
    triangle_census : the triangles as a pandas DataFrame.
    frustrated_edges : the ties a given partition frustrates.
    harary_is_balanced : Harary's contraction test (independent check of ``is_balanced``).

    Notes
    -----
    A triangle is *balanced* (Heider 1946; Cartwright & Harary 1956) iff the product of its signs
    is +1, and *weakly balanced* (Davis 1967) iff it does not have exactly one negative tie. The
    frustration index (Harary 1959; Aref & Wilson 2018) is

    .. math:: L = \min_{s \in \{\pm 1\}^V} \#\{ij \in E : s_i s_j \sigma_{ij} < 0\},

    computed exactly by enumerating the ``2**(n-1)`` partitions with ``s[nodes[0]] = +1``;
    ``0 <= L <= m/2`` and ``normalized_balance = 1 - 2L/m`` (Aref & Wilson 2019), set to 1.0
    when there are no ties. The graph is balanced iff L = 0 (Harary 1953).

    ``camps`` is the *first* optimal partition in the order k = 0, 1, ..., where bit j of k
    puts ``nodes[j + 1]`` in camp -1. Consequences: isolated actors are always in camp +1, and
    in a balanced graph the *last-listed* actor of each connected component not containing
    ``nodes[0]`` is in camp +1.

    References
    ----------
    .. [1] Heider, F. (1946). Attitudes and cognitive organization. *Journal of Psychology* 21:
       107-112.
    .. [2] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's
       theory. *Psychological Review* 63(5): 277-293.
    .. [3] Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations*
       20(2): 181-187.
    .. [4] Aref, S. & Wilson, M. C. (2018). Measuring partial balance in signed networks.
       *Journal of Complex Networks* 6(4): 566-595.

    Examples
    --------
    Illustrative coding (not data): Turkey is hostile to Assad's Syria while Russia and Iran
    back it, and all three Astana partners are on positive terms.

    >>> from helpers.models.balance import balance_report
    >>> r = balance_report(
    ...     ["RUS", "IRN", "TUR", "SYR"],
    ...     {("RUS", "IRN"): 1, ("RUS", "TUR"): 1, ("IRN", "TUR"): 1,
    ...      ("TUR", "SYR"): -1, ("RUS", "SYR"): 1, ("IRN", "SYR"): 1},
    ... )
    >>> r.n_triangles, r.frac_balanced, r.frustration, r.is_balanced
    (4, 0.5, 1, False)
    >>> [(t.a, t.b, t.c) for t in r.unbalanced_triangles]
    [('RUS', 'TUR', 'SYR'), ('IRN', 'TUR', 'SYR')]
    >>> round(r.normalized_balance, 4)
    0.6667
    """
    node_t = _validate_nodes(nodes)
    ties = _validate_signs(node_t, signs)
    n, m = len(node_t), len(ties)

    tris = _triangles(node_t, ties)
    n_tri = len(tris)
    if n_tri:
        frac_bal = sum(t.balanced for t in tris) / n_tri
        frac_weak = sum(t.weakly_balanced for t in tris) / n_tri
    else:
        frac_bal = frac_weak = math.nan

    counts = _frustration_counts(n, ties)
    k_best = int(np.argmin(counts))  # argmin returns the first minimum: the smallest k
    frustration = int(counts[k_best])
    norm = 1.0 if m == 0 else 1.0 - 2.0 * frustration / m

    return BalanceReport(
        nodes=node_t,
        n_triangles=n_tri,
        frac_balanced=float(frac_bal),
        frac_weakly_balanced=float(frac_weak),
        frustration=frustration,
        n_edges=m,
        normalized_balance=float(norm),
        is_balanced=frustration == 0,
        camps=_camps_from_index(node_t, k_best),
        triangles=tuple(tris),
    )


def triangle_census(nodes: Sequence[str], signs: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """List every triangle with its signs and (weak) balance, one row per triangle.

    Parameters
    ----------
    nodes : sequence of str
        Between 1 and 14 distinct actor names (as in :func:`balance_report`).
    signs : mapping of (str, str) to int
        Ties in {-1, 0, +1}, validated as in :func:`balance_report`.

    Returns
    -------
    pandas.DataFrame
        Columns ``a, b, c, sign_ab, sign_bc, sign_ac, n_negative, balanced, weakly_balanced``
        (see :data:`TRIANGLE_COLUMNS`); corners ordered as in ``nodes``; an empty frame with
        these columns if there are no triangles.

    Raises
    ------
    ParameterError
        (a ValueError)
        On invalid ``nodes`` or ``signs`` (see :func:`balance_report`).

    Examples
    --------
    >>> from helpers.models.balance import triangle_census
    >>> df = triangle_census(["A", "B", "C"], {("A", "B"): 1, ("B", "C"): 1, ("A", "C"): -1})
    >>> df[["a", "b", "c", "n_negative", "balanced", "weakly_balanced"]].to_dict("records")
    [{'a': 'A', 'b': 'B', 'c': 'C', 'n_negative': 1, 'balanced': False, 'weakly_balanced': False}]
    """
    node_t = _validate_nodes(nodes)
    ties = _validate_signs(node_t, signs)
    rows = [{col: getattr(t, col) for col in TRIANGLE_COLUMNS} for t in _triangles(node_t, ties)]
    df = pd.DataFrame(rows, columns=list(TRIANGLE_COLUMNS))
    dtypes = {
        "sign_ab": "int64",
        "sign_bc": "int64",
        "sign_ac": "int64",
        "n_negative": "int64",
        "balanced": "bool",
        "weakly_balanced": "bool",
    }
    return df.astype(dtypes)


def frustrated_edges(
    nodes: Sequence[str], signs: Mapping[tuple[str, str], int], camps: Mapping[str, int]
) -> list[tuple[str, str]]:
    """Ties that a two-camp partition frustrates.

    A positive tie between camps, or a negative tie inside a camp, is frustrated. For
    ``camps = balance_report(nodes, signs).camps`` the list has exactly ``frustration`` entries:
    flipping those ties makes the graph balanced.

    Parameters
    ----------
    nodes : sequence of str
        Between 1 and 14 distinct actor names (as in :func:`balance_report`).
    signs : mapping of (str, str) to int
        Ties in {-1, 0, +1}, validated as in :func:`balance_report`.
    camps : mapping of str to int
        Camp (+1 or -1) of every node, and of no other name.

    Returns
    -------
    list of (str, str)
        Frustrated ties, each oriented as in ``nodes`` (earlier actor first) and sorted by the
        actors' positions.

    Raises
    ------
    ParameterError
        (a ValueError)
        On invalid ``nodes`` or ``signs``, or if ``camps`` misses a node, names an unknown one,
        or has a value other than +1 / -1.

    Examples
    --------
    >>> from helpers.models.balance import frustrated_edges
    >>> signs = {("A", "B"): -1, ("B", "C"): -1, ("A", "C"): -1}
    >>> frustrated_edges(["A", "B", "C"], signs, {"A": 1, "B": -1, "C": 1})
    [('A', 'C')]
    """
    node_t = _validate_nodes(nodes)
    ties = _validate_signs(node_t, signs)
    side = _validate_camps(node_t, camps)
    return [(node_t[i], node_t[j]) for (i, j), s in ties.items() if side[i] * side[j] * s < 0]


def harary_is_balanced(nodes: Sequence[str], signs: Mapping[tuple[str, str], int]) -> bool:
    """Harary's contraction test of structural balance, built from networkx primitives.

    Contract the positive ties into connected components (``nx.connected_components``). The
    graph is balanced iff no negative tie lies inside a component and the graph whose vertices
    are the components, joined by the negative ties, is bipartite (``nx.is_bipartite``).

    Parameters
    ----------
    nodes : sequence of str
        Between 1 and 14 distinct actor names (as in :func:`balance_report`).
    signs : mapping of (str, str) to int
        Ties in {-1, 0, +1}, validated as in :func:`balance_report`.

    Returns
    -------
    bool
        True iff the signed graph is balanced (every cycle has sign product +1).

    Raises
    ------
    ParameterError
        (a ValueError)
        On invalid ``nodes`` or ``signs``.

    References
    ----------
    .. [1] Harary, F. (1953). On the notion of balance of a signed graph. *Michigan Mathematical
       Journal* 2(2): 143-146.
    .. [2] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's
       theory. *Psychological Review* 63(5): 277-293.

    Examples
    --------
    >>> from helpers.models.balance import harary_is_balanced
    >>> harary_is_balanced(["A", "B", "C"], {("A", "B"): 1, ("B", "C"): -1, ("A", "C"): -1})
    True
    >>> harary_is_balanced(["A", "B", "C"], {("A", "B"): -1, ("B", "C"): -1, ("A", "C"): -1})
    False
    """
    node_t = _validate_nodes(nodes)
    ties = _validate_signs(node_t, signs)
    positive = nx.Graph()
    positive.add_nodes_from(range(len(node_t)))
    positive.add_edges_from(e for e, s in ties.items() if s > 0)
    component = {v: c for c, comp in enumerate(nx.connected_components(positive)) for v in comp}
    contracted = nx.Graph()
    contracted.add_nodes_from(set(component.values()))
    for (i, j), s in ties.items():
        if s < 0:
            if component[i] == component[j]:
                return False
            contracted.add_edge(component[i], component[j])
    return bool(nx.is_bipartite(contracted))


def signs_from_frame(
    df: pd.DataFrame, coding: str | None = None, *, nodes: Sequence[str] | None = None
) -> dict[tuple[str, str], int]:
    """Turn a relations table into the ``signs`` mapping of :func:`balance_report`.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per tie, with columns ``actor_a``, ``actor_b`` (str) and ``sign`` (-1, 0 or
        +1; integral floats such as ``1.0`` are accepted, booleans and missing values are not).
        An optional ``coding`` column (e.g. ``'behaviour_2022'`` or ``'formal'``) tells
        alternative codings of the same ties apart; other columns are ignored.
    coding : str, optional
        Keep only the rows whose ``coding`` equals this value. Required when ``df`` has a
        ``coding`` column holding more than one distinct value (otherwise the codings would be
        mixed); must match at least one row.
    nodes : sequence of str, optional
        If given, every actor must be one of these nodes.

    Returns
    -------
    dict of (str, str) to int
        ``{(actor_a, actor_b): sign}`` in row order. A pair repeated (in either orientation) with
        the same sign is kept once.

    Raises
    ------
    ParameterError
        (a ValueError)
        If a required column is missing; if ``coding`` is given without a ``coding`` column,
        matches no row, or is omitted while several codings are present; if an actor is not a
        non-empty str (or not in ``nodes``); on a self-tie; if a sign is not -1, 0 or +1; if a
        pair appears twice with different signs.

    Examples
    --------
    >>> import pandas as pd
    >>> from helpers.models.balance import signs_from_frame
    >>> df = pd.DataFrame({
    ...     "actor_a": ["RUS", "TUR", "RUS"],
    ...     "actor_b": ["IRN", "SYR", "IRN"],
    ...     "sign": [1, -1, 1],
    ...     "coding": ["behaviour_2022", "behaviour_2022", "formal"],
    ... })
    >>> signs_from_frame(df, coding="behaviour_2022")
    {('RUS', 'IRN'): 1, ('TUR', 'SYR'): -1}
    """
    return _signs_from_frame(df, coding, nodes, "df")


def _signs_from_frame(df: Any, coding: str | None, nodes: Sequence[str] | None,
                      label: str) -> dict[tuple[str, str], int]:
    """:func:`signs_from_frame`, with errors naming the table parameter ``label``."""
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"{label} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in ("actor_a", "actor_b", "sign") if c not in df.columns]
    if missing:
        raise ParameterError(
            f"{label} must have columns actor_a, actor_b, sign; missing {missing} "
            f"(columns present: {list(df.columns)})"
        )
    if "coding" in df.columns:
        check_cells(label, df, "coding", "str")
    if coding is not None:
        check_str("coding", coding)
        if "coding" not in df.columns:
            raise ParameterError(f"coding={coding!r} was given but {label} has no 'coding' "
                                 "column")
        available = sorted({str(c) for c in df["coding"].dropna().unique()})
        mask = (df["coding"] == coding).to_numpy(dtype=bool, na_value=False)
        if not mask.any():
            empty = f" ({label} has no rows)" if df.empty else ""
            raise ParameterError(f"coding={coding!r} matches no row; available codings: "
                                 f"{available}{empty}")
        df = df.loc[mask]
    elif "coding" in df.columns:
        available = sorted({str(c) for c in df["coding"].dropna().unique()})
        if len(available) > 1:
            raise ParameterError(f"{label} mixes several codings {available}; pass coding= one "
                                 "of them")

    node_set = None if nodes is None else set(_validate_nodes(nodes))
    out: dict[tuple[str, str], int] = {}
    canonical: dict[frozenset[str], tuple[tuple[str, str], int]] = {}
    rows = zip(df.index, df["actor_a"], df["actor_b"], df["sign"], strict=True)
    for row, a, b, raw in rows:
        for col, v in (("actor_a", a), ("actor_b", b)):
            if not isinstance(v, str) or not v:
                raise ParameterError(f"{label} row {row!r}: {col} must be a non-empty str, "
                                     f"got {v!r}")
            if node_set is not None and v not in node_set:
                raise ParameterError(f"{label} row {row!r}: {col} {v!r} is not in nodes "
                                     f"{list(nodes)}")
        if a == b:
            raise ParameterError(f"{label} row {row!r}: self-tie ({a!r}, {b!r}) is not allowed")
        value = raw
        if (
            isinstance(raw, float | np.floating)
            and not isinstance(raw, bool | np.bool_)
            and math.isfinite(raw)
            and float(raw).is_integer()
        ):
            value = int(raw)
        s = _check_sign_value(f"{label} row {row!r}: sign of {(a, b)!r}", value)
        key = frozenset((a, b))
        if key in canonical:
            prev_pair, prev_s = canonical[key]
            if prev_s != s:
                raise ParameterError(
                    f"{label} gives conflicting signs for one tie: {prev_pair!r} -> {prev_s} "
                    f"but row {row!r} {(a, b)!r} -> {s}"
                )
            continue
        canonical[key] = ((a, b), s)
        out[(a, b)] = s
    return out


#: Columns a relations table must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("actor_a", "actor_b", "sign", "coding")


#: Display names of the codings in relations.csv (others are shown as they are spelled).
CODING_LABELS: dict[str, str] = {
    "behaviour_2022": "July 2022 behaviour",
    "formal": "formal agreements",
    "behaviour_2022_uncontested": "July 2022 behaviour, uncontested ties only",
}


#: Name of the derived coding of :func:`add_uncontested_coding`.
UNCONTESTED = "behaviour_2022_uncontested"


_NONE = "none"


def _check_relations(relations: Any) -> pd.DataFrame:
    """Check a relations table: the :data:`REQUIRED_COLUMNS`, at least one row, valid cells.

    Actor ids and codings must be non-empty strs, signs -1, 0 or +1, and ``contested`` (when
    present) True or False.
    """
    check_frame("relations", relations, REQUIRED_COLUMNS)
    if relations.empty:
        raise ParameterError("relations must have at least one row")
    if relations["coding"].isna().any():
        raise ParameterError("relations has rows without a coding")
    for col in ("actor_a", "actor_b", "coding"):
        check_cells("relations", relations, col, "str")
    check_cells("relations", relations, "sign", "sign")
    if "contested" in relations.columns:
        check_cells("relations", relations, "contested", "bool")
    return relations.reset_index(drop=True)


def coding_label(coding: str) -> str:
    """Display name of a coding (see :data:`CODING_LABELS`); other codings as spelled.

    Raises
    ------
    ParameterError
        If ``coding`` is not a non-empty str.
    """
    return CODING_LABELS.get(check_str("coding", coding), coding)


def coding_signs(relations: pd.DataFrame, coding: str,
                 actors: Sequence[str] | None = None) -> dict[tuple[str, str], int]:
    """Return the nonzero ties of one coding as ``{(actor_a, actor_b): sign}``.

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table (see :data:`REQUIRED_COLUMNS`).
    coding : str
        One value of the ``coding`` column.
    actors : sequence of str, optional
        Keep only ties with both ends among these actors.

    Returns
    -------
    dict of (str, str) to int
        Ties in table order; ``sign == 0`` rows ("no tie") are left out.

    Raises
    ------
    ParameterError
        If ``relations`` is malformed, ``coding`` matches no row, or ``actors`` is not a list
        of ids of ``relations``.
    """
    rel = _check_relations(relations)
    check_str("coding", coding)
    keep = None
    if actors is not None:
        keep = set(check_ids("actors", actors))
        unknown = sorted(keep - set(rel["actor_a"]) - set(rel["actor_b"]))
        if unknown:
            raise ParameterError(f"actors names actor(s) with no row in relations: {unknown}")
    signs = _signs_from_frame(rel[["actor_a", "actor_b", "sign", "coding"]], coding, None,
                              "relations")
    return {k: s for k, s in signs.items()
            if s != 0 and (keep is None or (k[0] in keep and k[1] in keep))}


def add_uncontested_coding(relations: pd.DataFrame, base: str = "behaviour_2022",
                           name: str = UNCONTESTED) -> pd.DataFrame:
    """Append a derived coding: the ``base`` coding with every contested tie set to no tie.

    A sensitivity check built only from the table itself (its ``contested`` flag): it asks
    which conclusions rest on ties whose evidence the coders judged mixed or thin.

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table with a boolean ``contested`` column.
    base : str
        Coding to derive from.
    name : str
        Name of the new coding.

    Returns
    -------
    pandas.DataFrame
        A new frame: the original rows, then the derived rows (contested ones with sign 0 and
        kind ``"none"``).

    Raises
    ------
    ParameterError
        If ``relations`` lacks ``contested`` (or holds a value there other than True or
        False), ``base`` matches no row, or ``name`` is not a new non-empty str.
    """
    rel = _check_relations(relations)
    check_str("base", base)
    check_str("name", name)
    if "contested" not in rel.columns:
        raise ParameterError("relations needs a 'contested' column to derive the uncontested "
                             "coding")
    if name in set(rel["coding"]):
        raise ParameterError(f"name {name!r} is already a coding in relations")
    rows = rel[rel["coding"] == base].copy()
    if rows.empty:
        raise ParameterError(f"base={base!r} matches no row; codings: {sorted(set(rel['coding']))}")
    contested = rows["contested"].astype(bool).to_numpy()
    rows.loc[contested, "sign"] = 0
    if "kind" in rows.columns:
        rows["kind"] = rows["kind"].astype(str)
        rows.loc[contested, "kind"] = "none"
    rows["coding"] = name
    rel = rel.astype({c: str for c in ("coding", "kind") if c in rel.columns})
    return pd.concat([rel, rows], ignore_index=True)


def optimal_partitions(nodes: Sequence[str],
                       signs: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """Every two-camp split that attains the frustration index, not only the first one.

    :func:`helpers.models.balance.balance_report` returns one optimal split by a fixed rule; when
    several splits tie, an actor that changes camp between them is *ambiguous*: balance
    theory cannot place it.

    Parameters
    ----------
    nodes : sequence of str
        Actors (first one is always in camp A, which removes the mirror-image duplicates).
    signs : mapping of (str, str) to int
        Ties in {-1, 0, +1}, validated by :func:`~helpers.models.balance.balance_report`.

    Returns
    -------
    pandas.DataFrame
        One row per optimal split: ``camp_a``, ``camp_b`` (space-separated ids in ``nodes``
        order) and ``frustrated`` (the ties it frustrates).
    """
    nodes = list(_validate_nodes(nodes))
    rep = balance_report(nodes, signs)
    rows = []
    for k in range(1 << (len(nodes) - 1)):
        camps = {nodes[0]: 1}
        camps.update({v: (-1 if (k >> j) & 1 else 1) for j, v in enumerate(nodes[1:])})
        fr = frustrated_edges(nodes, signs, camps)
        if len(fr) == rep.frustration:
            rows.append((" ".join(v for v in nodes if camps[v] == 1),
                         " ".join(v for v in nodes if camps[v] == -1),
                         ", ".join(f"{a}-{b}" for a, b in fr)))
    return pd.DataFrame(rows, columns=["camp_a", "camp_b", "frustrated"])


def evidence_table(relations: pd.DataFrame, coding: str) -> pd.DataFrame:
    """List the coded ties of one coding with their evidence, ready to show to students.

    Parameters
    ----------
    relations : pandas.DataFrame
        Relations table (``kind``, ``contested``, ``event_date``, ``basis``, ``caveat`` and
        ``sources`` are shown if present).
    coding : str
        Coding to list.

    Returns
    -------
    pandas.DataFrame
        Columns ``tie``, ``sign``, ``kind``, ``contested``, ``paragraph``, ``event date``
        (the dated event the tie rests on), ``basis``, ``caveat`` (what to read beside the tie)
        and ``sources``, sorted by sign (negative first) then tie.
    """
    rel = _check_relations(relations)
    check_str("coding", coding)
    if "article_paragraph" in rel.columns:
        check_cells("relations", rel, "article_paragraph", "int", lo=1, missing=True)
    if "event_date" in rel.columns:
        check_cells("relations", rel, "event_date", "date", missing=True)
    rows = rel[rel["coding"] == coding]
    if rows.empty:
        raise ParameterError(f"coding={coding!r} matches no row; codings: "
                             f"{sorted(set(rel['coding']))}")
    out = pd.DataFrame({
        "tie": [f"{a}-{b}" for a, b in zip(rows["actor_a"], rows["actor_b"], strict=True)],
        "sign": rows["sign"].astype(int).map(lambda s: f"{s:+d}" if s else "0").to_numpy(),
    })
    for col, src in (("kind", "kind"), ("contested", "contested"),
                     ("paragraph", "article_paragraph"), ("event date", "event_date"),
                     ("basis", "basis"), ("caveat", "caveat"), ("sources", "sources")):
        if src in rows.columns:
            vals = rows[src].to_numpy()
            if col == "paragraph":
                vals = ["" if pd.isna(v) else str(int(v)) for v in vals]
            if col == "event date":
                vals = ["" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d") for v in vals]
            if col == "caveat":
                vals = ["" if pd.isna(v) else str(v) for v in vals]
            if col == "contested":
                vals = ["contested" if bool(v) else "" for v in vals]
            out[col] = vals
    order = rows["sign"].astype(int).to_numpy()
    out = out.assign(_o=order).sort_values(["_o", "tie"], kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)


def camp_lists(report: BalanceReport,
               signs: Mapping[tuple[str, str], int]) -> tuple[list[str], list[str], list[str]]:
    """Split the actors into camp A, camp B and those with no tie at all.

    An actor without any nonzero tie sits in camp A only by the report's tie-breaking rule, so
    it is listed apart rather than counted as a camp member.

    Parameters
    ----------
    report : BalanceReport
        From :func:`helpers.models.balance.balance_report`.
    signs : mapping of (str, str) to int
        The ties the report was computed from.

    Returns
    -------
    (list of str, list of str, list of str)
        Camp A (the camp of ``report.nodes[0]``), camp B, and untied actors, in node order.
    """
    check_instance("report", report, BalanceReport, "a BalanceReport (from balance_report)")
    ties = _validate_signs(report.nodes, signs)
    tied = {report.nodes[i] for pair in ties for i in pair}
    camp_a = [a for a in report.nodes if a in tied and report.camps[a] == 1]
    camp_b = [a for a in report.nodes if a in tied and report.camps[a] == -1]
    untied = [a for a in report.nodes if a not in tied]
    return camp_a, camp_b, untied


def summarize(report: BalanceReport, frustrated: Sequence[tuple[str, str]],
              signs: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """Tabulate a balance report: one row per quantity, values as display strings.

    Parameters
    ----------
    report : BalanceReport
        From :func:`helpers.models.balance.balance_report`.
    frustrated : sequence of (str, str)
        The ties the report's camps frustrate.
    signs : mapping of (str, str) to int
        The ties the report was computed from (to list actors without ties apart).

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity`` and ``value``.
    """
    camp_a, camp_b, untied = camp_lists(report, signs)
    if isinstance(frustrated, str | bytes | Mapping) or not isinstance(frustrated, Iterable):
        raise ParameterError(f"frustrated must be a list of ties (actor_a, actor_b), got "
                             f"{frustrated!r}")
    frustrated = list(frustrated)
    for i, tie in enumerate(frustrated):
        if not (isinstance(tie, tuple | list) and len(tie) == 2
                and all(isinstance(v, str) and v in report.nodes for v in tie)):
            raise ParameterError(f"frustrated[{i}] must be a tie (actor_a, actor_b) of "
                                 f"report.nodes {list(report.nodes)}, got {tie!r}")
    n_bal = sum(t.balanced for t in report.triangles)
    rows = [
        ("actors", str(len(report.nodes))),
        ("ties (nonzero)", str(report.n_edges)),
        ("triangles", str(report.n_triangles)),
        ("balanced triangles", str(n_bal)),
        ("unbalanced triangles", str(report.n_triangles - n_bal)),
        ("fraction balanced", _fmt(report.frac_balanced)),
        ("fraction weakly balanced", _fmt(report.frac_weakly_balanced)),
        ("frustration index L", str(report.frustration)),
        ("normalised balance 1-2L/m", _fmt(report.normalized_balance)),
        ("balanced", "yes" if report.is_balanced else "no"),
        ("camp A", ", ".join(camp_a) or "-"),
        ("camp B", ", ".join(camp_b) or "-"),
        ("no tie", ", ".join(untied) or "-"),
        ("frustrated ties", ", ".join(f"{a}-{b}" for a, b in frustrated) or "-"),
    ]
    return pd.DataFrame(rows, columns=["quantity", "value"])


def _fmt(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"

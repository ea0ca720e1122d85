"""Actor mentions in the article: found with the gazetteer, counted, and linked into a network.

A mention is a stretch of text that refers to an actor: a name ("Iran"), a demonym ("Iranian"),
a capital or institution used for its state ("Tehran", "the Kremlin") or a person's role. The
gazetteer (:mod:`helpers.text.gazetteer`) lists the patterns; this module finds them, tabulates
them per actor and per paragraph, and builds the co-mention network.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd

from helpers.checks import (
    ParameterError,
    check_cells,
    check_choice,
    check_frame,
    check_ids,
    check_instance,
    check_int,
    check_path,
    check_str,
)
from helpers.data.actors import actor_name
from helpers.data.actors import registry as actor_registry
from helpers.text.gazetteer import CompiledAlias, _compile
from helpers.text.paragraphs import (
    Paragraph,
    PathLike,
    _frame,
    _para_sentences,
    _sentence_of,
    paragraphs,
)

__all__ = [
    "REQUIRED_COLUMNS",
    "Mention",
    "co_mention_graph",
    "find_mentions",
    "links_table",
    "mention_totals",
    "mentions",
    "mentions_frame",
    "mentions_per_paragraph",
]


@dataclass(frozen=True)
class Mention:
    """One gazetteer match; ``start``/``end`` are offsets in the paragraph text."""

    paragraph: int
    sentence: int
    start: int
    end: int
    surface: str
    actor_id: str
    person: str | None
    mention_type: str
    alias: str


#: Most paragraphs a mentions table may span (a guard against a typo allocating a huge table).
MAX_PARAGRAPHS = 10_000


#: Largest ``min_weight`` of :func:`co_mention_graph` (no article has more units than this).
MAX_WEIGHT = 1_000_000


def _compiled(gazetteer: pd.DataFrame | Sequence[CompiledAlias] | None) -> list[CompiledAlias]:
    """Accept a gazetteer table, an already compiled list, or None (the built-in one)."""
    if gazetteer is None or isinstance(gazetteer, pd.DataFrame):
        out = _compile(gazetteer, "gazetteer")
    elif isinstance(gazetteer, str | bytes | Mapping) or not isinstance(gazetteer, Sequence):
        raise ParameterError(f"gazetteer must be None, a gazetteer table (DataFrame) or a list "
                             f"of CompiledAlias (from compile_gazetteer), got {gazetteer!r}")
    else:
        out = list(gazetteer)
    if not out:
        raise ParameterError("gazetteer must hold at least one alias, got an empty one")
    for i, alias in enumerate(out):
        check_instance(f"gazetteer[{i}]", alias, CompiledAlias,
                       "a CompiledAlias (from compile_gazetteer)")
    return out


def _mentions_table(mentions: Any, extra: Sequence[str] = (), min_rows: int = 0) -> pd.DataFrame:
    """Check a mentions table; return a copy with its checked columns as plain ints and strs.

    Needs ``paragraph`` (whole numbers >= 1), ``actor_id`` (non-empty strs) and the ``extra``
    columns; ``sentence`` (>= 1) and ``start`` (>= 0) are checked when present or required.
    """
    frame = check_frame("mentions", mentions, ["paragraph", "actor_id", *extra],
                        min_rows=min_rows)
    out = frame.copy()
    out["paragraph"] = check_cells("mentions", frame, "paragraph", "int", lo=1).to_numpy()
    out["actor_id"] = check_cells("mentions", frame, "actor_id", "str").to_numpy()
    for col, lo in (("sentence", 1), ("start", 0)):
        if col in frame.columns and (col in extra or col == "sentence"):
            out[col] = check_cells("mentions", frame, col, "int", lo=lo).to_numpy()
    return out


def find_mentions(
    text: str, gazetteer: pd.DataFrame | Sequence[CompiledAlias] | None = None
) -> list[tuple[int, int, CompiledAlias]]:
    """Find gazetteer aliases in a text, longest match first, without overlaps.

    Every alias is searched (word-bounded); candidate matches are then taken longest first
    (ties: earlier start, then earlier gazetteer row), skipping any that overlap a match
    already taken.  Finally, adjacent matches naming the same person and separated only by
    whitespace ("Supreme Leader" + "Ayatollah Ali Khamenei") are merged into one.

    Parameters
    ----------
    text : str
        One paragraph (or any text).
    gazetteer : pandas.DataFrame or list of CompiledAlias, optional
        Defaults to the built-in gazetteer.

    Returns
    -------
    list of (start, end, CompiledAlias)
        Sorted by start.

    Raises
    ------
    ParameterError
        If ``text`` is not a str or ``gazetteer`` is not a valid gazetteer.
    """
    check_str("text", text, empty=True)
    candidates = [
        (m.start(), m.end(), alias)
        for alias in _compiled(gazetteer)
        for m in alias.pattern.finditer(text)
    ]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2].row))
    taken: list[tuple[int, int, CompiledAlias]] = []
    used = [False] * len(text)
    for a, b, alias in candidates:
        if not any(used[a:b]):
            taken.append((a, b, alias))
            used[a:b] = [True] * (b - a)
    return _merge_same_person(text, sorted(taken, key=lambda t: t[0]))


def _merge_same_person(
    text: str, matches: list[tuple[int, int, CompiledAlias]]
) -> list[tuple[int, int, CompiledAlias]]:
    """Merge neighbouring matches of the same person separated only by whitespace."""
    out: list[tuple[int, int, CompiledAlias]] = []
    for a, b, alias in matches:
        if out:
            pa, pb, prev = out[-1]
            same = prev.person is not None and prev.person == alias.person
            if same and text[pb:a].isspace():
                keep = alias if alias.mention_type == "name" else prev
                out[-1] = (pa, b, keep)
                continue
        out.append((a, b, alias))
    return out


def _para_mentions(para: Paragraph, compiled: Sequence[CompiledAlias]) -> list[Mention]:
    """Mentions in one paragraph, with sentence indices."""
    sents = _para_sentences(para)
    return [
        Mention(
            para.number, _sentence_of(sents, a), a, b, para.text[a:b],
            alias.actor_id, alias.person, alias.mention_type, alias.alias,
        )
        for a, b, alias in find_mentions(para.text, compiled)
    ]


def mentions(
    path: PathLike | None = None, gazetteer: pd.DataFrame | None = None
) -> list[Mention]:
    """Return every actor mention the gazetteer finds in the article.

    Parameters
    ----------
    path : str or Path, optional
        The article; defaults to the seed.
    gazetteer : pandas.DataFrame, optional
        A (possibly extended) gazetteer; defaults to :func:`helpers.text.gazetteer.gazetteer`.

    Returns
    -------
    list of Mention
    """
    compiled = _compiled(gazetteer)
    return [m for p in paragraphs(path) for m in _para_mentions(p, compiled)]


def mentions_frame(
    path: PathLike | None = None, gazetteer: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return :func:`mentions` as a DataFrame (one row per mention)."""
    return _frame(mentions(path, gazetteer), Mention)


def mentions_per_paragraph(
    mentions: pd.DataFrame | None = None, n_paragraphs: int | None = None
) -> pd.DataFrame:
    """Count mentions per paragraph and actor.

    Parameters
    ----------
    mentions : pandas.DataFrame, optional
        Needs ``paragraph`` and ``actor_id`` (e.g. :func:`mentions_frame` or the gold table);
        defaults to :func:`mentions_frame` of the seed.
    n_paragraphs : int, optional
        Show paragraphs 1..n (rows with no mention are zeros).  Defaults to all paragraphs of
        the seed when ``mentions`` is None, else to the largest paragraph number seen.

    Returns
    -------
    pandas.DataFrame
        Index ``paragraph``; one integer column per actor id (in the registry's order).

    Raises
    ------
    ParameterError
        If ``mentions`` lacks a column or holds a paragraph that is not a whole number >= 1 or
        an actor id that is not a non-empty str; if ``n_paragraphs`` is not a whole number from
        the largest paragraph with a mention to 10000.
    """
    if mentions is None:
        mentions = mentions_frame()
        if n_paragraphs is None:
            n_paragraphs = len(paragraphs())
    else:
        mentions = _mentions_table(mentions)
    largest = int(mentions["paragraph"].max()) if len(mentions) else 0
    if largest > MAX_PARAGRAPHS:
        raise ParameterError(f"mentions['paragraph'] must hold paragraph numbers up to "
                             f"{MAX_PARAGRAPHS}, got {largest}")
    low = max(largest, 1)
    if n_paragraphs is not None and (
            isinstance(n_paragraphs, bool) or not isinstance(n_paragraphs, numbers.Integral)
            or not low <= n_paragraphs <= MAX_PARAGRAPHS):
        raise ParameterError(f"n_paragraphs must be a whole number >= {low} (the largest "
                             f"paragraph with a mention) and <= {MAX_PARAGRAPHS}, got "
                             f"{n_paragraphs!r}")
    n_paragraphs = None if n_paragraphs is None else int(n_paragraphs)
    counts = pd.crosstab(mentions["paragraph"], mentions["actor_id"])
    n = n_paragraphs or largest
    known = actor_registry()
    order = [a for a in known if a in counts.columns] + sorted(
        c for c in counts.columns if c not in known
    )
    table = counts.reindex(index=range(1, n + 1), columns=order, fill_value=0).astype(int)
    table.index.name, table.columns.name = "paragraph", "actor_id"
    return table


def _with_sentences(frame: pd.DataFrame, path: PathLike | None) -> pd.DataFrame:
    """Add a ``sentence`` column (from ``paragraph`` + ``start``) when it is missing."""
    if "sentence" in frame.columns:
        return frame
    sents = {p.number: _para_sentences(p) for p in paragraphs(path)}
    beyond = sorted(set(frame["paragraph"]) - set(sents))
    if beyond:
        raise ParameterError(f"mentions['paragraph'] refers to paragraph(s) {beyond}, but the "
                             f"article has {len(sents)}: sentences cannot be assigned")
    out = frame.copy()
    out["sentence"] = [
        _sentence_of(sents[int(p)], int(s))
        for p, s in zip(out["paragraph"], out["start"], strict=True)
    ]
    return out


def co_mention_graph(
    mentions: pd.DataFrame | None = None,
    unit: str = "sentence",
    min_weight: int = 1,
    path: PathLike | None = None,
) -> nx.Graph:
    """Build the co-mention network of actors.

    Two actors are linked when they are mentioned in the same unit; the edge weight is the
    number of units (sentences or paragraphs) in which both appear.  People count as their
    state (``actor_id``).

    Parameters
    ----------
    mentions : pandas.DataFrame, optional
        Needs ``paragraph``, ``actor_id`` and, for sentences, ``sentence`` or ``start`` (then
        sentences are found in the article at ``path``).  Defaults to the seed's mentions.
        The gold table works too.
    unit : {"sentence", "paragraph"}
        The co-occurrence window.
    min_weight : int
        Drop edges with weight below this (nodes stay).
    path : str or Path, optional
        The article, when mentions are computed or sentences assigned.

    Returns
    -------
    networkx.Graph
        Nodes are actor ids with attributes ``name`` and ``mentions`` (count); edges have
        ``weight``.

    Raises
    ------
    ParameterError
        If ``unit`` is not "sentence" or "paragraph", ``min_weight`` is not a whole number in
        [1, 1000000], ``path`` is not an existing file, or ``mentions`` is malformed.
    """
    check_choice("unit", unit, ("sentence", "paragraph"))
    check_int("min_weight", min_weight, 1, MAX_WEIGHT)
    if path is not None:
        check_path("path", path)
    if mentions is None:
        frame = mentions_frame(path)
    else:
        check_frame("mentions", mentions)
        need = () if unit == "paragraph" or "sentence" in mentions else ("start",)
        frame = _mentions_table(mentions, extra=need)
    keys = ["paragraph"]
    if unit == "sentence":
        frame = _with_sentences(frame, path)
        keys.append("sentence")
    graph = nx.Graph()
    for actor, count in frame["actor_id"].value_counts().items():
        graph.add_node(actor, name=actor_name(actor), mentions=int(count))
    for _, group in frame.groupby(keys):
        for a, b in combinations(sorted(set(group["actor_id"])), 2):
            weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
            graph.add_edge(a, b, weight=weight + 1)
    weak = [(a, b) for a, b, w in graph.edges(data="weight") if w < min_weight]
    graph.remove_edges_from(weak)
    return graph


#: Columns a mentions table must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("paragraph", "sentence", "actor_id")


def _check_mentions(mentions: Any) -> pd.DataFrame:
    """Check a mentions table with :data:`REQUIRED_COLUMNS` and at least one row."""
    if isinstance(mentions, pd.DataFrame):
        missing = [c for c in REQUIRED_COLUMNS if c not in mentions.columns]
        if missing:
            raise ParameterError(f"mentions is missing column(s) {missing}; needs "
                                 f"{list(REQUIRED_COLUMNS)}")
    out = _mentions_table(mentions, extra=("sentence",), min_rows=1)
    if int(out["paragraph"].max()) > MAX_PARAGRAPHS:
        raise ParameterError(f"mentions['paragraph'] must hold paragraph numbers up to "
                             f"{MAX_PARAGRAPHS}, got {int(out['paragraph'].max())}")
    return out.reset_index(drop=True)


def _check_paragraphs(paragraphs: Any, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return ``number``/``kind`` rows 1..n (all "body" when no table is given)."""
    if paragraphs is None:
        n = int(mentions["paragraph"].max())
        return pd.DataFrame({"number": range(1, n + 1), "kind": ["body"] * n})
    if not isinstance(paragraphs, pd.DataFrame) or not {"number", "kind"} <= set(paragraphs):
        raise ParameterError("paragraphs must be a DataFrame with columns 'number' and 'kind' "
                             "(see helpers.text.paragraphs_frame)")
    numbers_ = check_cells("paragraphs", paragraphs, "number", "int", lo=1)
    for row, kind in paragraphs["kind"].items():
        if not isinstance(kind, str) or kind not in ("body", "heading", "caption"):
            raise ParameterError(f"paragraphs['kind'] must hold 'body', 'heading' or 'caption', "
                                 f"got {kind!r} in row {row!r}")
    out = pd.DataFrame({"number": numbers_.to_numpy(), "kind": paragraphs["kind"].to_numpy()})
    out = out.sort_values("number").reset_index(drop=True)
    if list(out["number"]) != list(range(1, len(out) + 1)):
        raise ParameterError("paragraphs['number'] must run 1..n without gaps")
    if int(mentions["paragraph"].max()) > len(out):
        raise ParameterError(f"mentions refer to paragraph {int(mentions['paragraph'].max())}, "
                             f"but paragraphs has only {len(out)}")
    return out


def mention_totals(mentions: pd.DataFrame) -> pd.DataFrame:
    """Count mentions per actor, most mentioned first (ties in gazetteer order).

    Parameters
    ----------
    mentions : pandas.DataFrame
        Needs ``actor_id`` and ``paragraph`` (e.g. :func:`helpers.text.mentions_frame`).

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

    Raises
    ------
    ParameterError
        If ``mentions`` lacks a column, or holds a paragraph that is not a whole number >= 1 or
        an actor id that is not a non-empty str.
    """
    mentions = _mentions_table(mentions)
    rank = {a: i for i, a in enumerate(actor_registry())}
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


def links_table(graph: nx.Graph, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Return a co-mention graph's links as a table, strongest first.

    Parameters
    ----------
    graph : networkx.Graph
        From :func:`helpers.text.co_mention_graph` (edges carry ``weight``).
    order : sequence of str, optional
        Actor order used to orient each pair and break ties; defaults to the gazetteer order.

    Returns
    -------
    pandas.DataFrame
        Columns ``actor_a``, ``actor_b`` (``actor_a`` first in ``order``) and ``weight``.

    Raises
    ------
    ParameterError
        If ``graph`` is not a networkx Graph whose edges carry whole-number weights >= 1, or
        ``order`` is not a list of ids.
    """
    check_instance("graph", graph, nx.Graph, "a networkx Graph (from co_mention_graph)")
    order = None if order is None else check_ids("order", order)
    for a, b, w in graph.edges(data="weight"):
        if isinstance(w, bool) or not isinstance(w, numbers.Real) or not w >= 1 \
                or float(w) != int(w):
            raise ParameterError(f"graph edge ({a!r}, {b!r}) must have a whole-number weight "
                                 f">= 1, got {w!r}")
    rank = {a: i for i, a in enumerate(order if order is not None else actor_registry())}

    def key(a: str) -> tuple[int, str]:
        return rank.get(a, len(rank)), a

    rows = []
    for a, b, w in graph.edges(data="weight"):
        x, y = sorted((a, b), key=key)
        rows.append((x, y, int(w)))
    rows.sort(key=lambda r: (-r[2], key(r[0]), key(r[1])))
    return pd.DataFrame(rows, columns=["actor_a", "actor_b", "weight"]).astype(
        {"weight": "int64"})

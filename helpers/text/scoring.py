"""Scoring the rule-based finders against the hand-checked gold annotations.

The gold mentions and quotations are datasets of ``seeds/data`` (loaded and validated by the data
layer). A found mention matches a gold one when paragraph, span and actor agree; precision,
recall and F1 follow from the counts of true positives, false positives and false negatives.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from helpers import data
from helpers.checks import ParameterError, check_cells, check_flag, check_frame, check_path
from helpers.text.paragraphs import PathLike

__all__ = [
    "evaluate",
    "false_alarms",
    "load_gold_mentions",
    "load_gold_quotations",
    "match_mentions",
    "misses",
]


def _gold(name: str, path: PathLike | None) -> pd.DataFrame:
    """Load a gold dataset through the data layer, as plain objects (missing cells are None)."""
    if path is None:
        frame = data.load(name)
    else:
        folder = check_path("path", path, kind="any")
        frame = data.load(name, folder if folder.is_dir() else folder.parent)
    frame = frame.astype(object)
    return frame.where(frame.notna(), None)


def load_gold_mentions(path: PathLike | None = None) -> pd.DataFrame:
    """Load the hand-checked actor mentions (dataset ``article_gold_mentions``).

    Parameters
    ----------
    path : str or Path, optional
        A folder holding the dataset and its manifest; defaults to ``seeds/data``.

    Returns
    -------
    pandas.DataFrame
        Columns ``paragraph``, ``start``, ``end`` (``start`` + length of ``surface``),
        ``surface``, ``actor_id``, ``person``, ``mention_type``, ``note``.
    """
    frame = _gold("article_gold_mentions", path)
    frame["paragraph"] = frame["paragraph"].astype(int)
    frame["start"] = frame["start"].astype(int)
    frame.insert(2, "end", frame["start"] + frame["surface"].str.len())
    return frame


def load_gold_quotations(path: PathLike | None = None) -> pd.DataFrame:
    """Load the hand-checked quotations (dataset ``article_gold_quotations``).

    Parameters
    ----------
    path : str or Path, optional
        A folder holding the dataset and its manifest; defaults to ``seeds/data``.

    Returns
    -------
    pandas.DataFrame
    """
    frame = _gold("article_gold_quotations", path)
    frame["paragraph"] = frame["paragraph"].astype(int)
    frame["closed"] = frame["closed"].astype(bool)
    return frame


def _spans(frame: pd.DataFrame, name: str) -> list[tuple[int, int, int, str, object]]:
    """(paragraph, start, end, actor_id, person) per row; ``end`` from surface if missing.

    Checks the table first; errors name the parameter ``name`` (``mentions`` or ``gold``).
    """
    check_frame(name, frame, ["paragraph", "start", "actor_id"])
    if "end" not in frame and "surface" not in frame:
        raise ParameterError(f"{name} needs an 'end' or a 'surface' column (to know where each "
                             f"mention ends)")
    paras = check_cells(name, frame, "paragraph", "int", lo=1)
    starts = check_cells(name, frame, "start", "int", lo=0)
    actor_ids = check_cells(name, frame, "actor_id", "str")
    if "end" in frame:
        ends = check_cells(name, frame, "end", "int", lo=0)
    else:
        ends = starts + check_cells(name, frame, "surface", "str").str.len()
    bad = ends < starts
    if bad.any():
        row = bad.index[bad.to_numpy()][0]
        raise ParameterError(f"{name}: the mention in row {row!r} ends ({ends[row]}) before it "
                             f"starts ({starts[row]})")
    person = frame["person"] if "person" in frame else [None] * len(frame)
    persons = []
    for row, q in zip(frame.index, person, strict=True):
        if q is not None and not isinstance(q, str) and not pd.isna(q):
            raise ParameterError(f"{name}['person'] must hold person ids (str) or missing "
                                 f"values, got {q!r} in row {row!r}")
        persons.append(None if q is None or pd.isna(q) else q)
    return [
        (int(p), int(s), int(e), a, q)
        for p, s, e, a, q in zip(paras, starts, ends, actor_ids, persons, strict=True)
    ]


def match_mentions(
    mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False
) -> pd.DataFrame:
    """Pair predicted and gold mentions one-to-one.

    A prediction matches a gold row if they are in the same paragraph, their spans overlap and
    their ``actor_id`` agree (and, with ``match_person``, their ``person`` too).  Each row is
    used at most once: the pairing is a maximum matching (as many pairs as possible; among
    those, the largest total overlap), so the tp count does not depend on row order.

    Parameters
    ----------
    mentions, gold : pandas.DataFrame
        Both need ``paragraph``, ``start``, ``actor_id`` and ``end`` or ``surface``.
    match_person : bool
        Also require the same person id (None = None).

    Returns
    -------
    pandas.DataFrame
        Columns ``status`` ("tp", "fp", "fn"), ``pred`` and ``gold`` (row positions in the
        inputs, or None).

    Raises
    ------
    ParameterError
        If a table lacks a column, or holds a paragraph that is not a whole number >= 1, a
        start or end that is not a whole number >= 0 (or an end before its start), an empty
        actor id or a person that is not a str; if ``match_person`` is not True or False.
    """
    pred, ref = _spans(mentions, "mentions"), _spans(gold, "gold")
    check_flag("match_person", match_person)
    graph = nx.Graph()
    for i, (pp, ps, pe, pa, pq) in enumerate(pred):
        for j, (gp, gs, ge, ga, gq) in enumerate(ref):
            overlap = min(pe, ge) - max(ps, gs)
            if pp == gp and overlap > 0 and pa == ga and (not match_person or pq == gq):
                graph.add_edge(("p", i), ("g", j), weight=overlap)
    pairs = sorted(
        (u[1], v[1]) if u[0] == "p" else (v[1], u[1])
        for u, v in nx.max_weight_matching(graph, maxcardinality=True)
    )
    used_p = {i for i, _ in pairs}
    used_g = {j for _, j in pairs}
    rows: list[tuple[str, int | None, int | None]] = [("tp", i, j) for i, j in pairs]
    rows += [("fp", i, None) for i in range(len(pred)) if i not in used_p]
    rows += [("fn", None, j) for j in range(len(ref)) if j not in used_g]
    return pd.DataFrame(rows, columns=["status", "pred", "gold"], dtype=object)


def evaluate(
    mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False
) -> dict[str, float]:
    """Score predicted mentions against gold (see :func:`match_mentions`).

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1`` (floats; 0.0 when undefined) and ``tp``, ``fp``,
        ``fn`` (counts).
    """
    status = match_mentions(mentions, gold, match_person)["status"].value_counts()
    tp, fp, fn = (int(status.get(k, 0)) for k in ("tp", "fp", "fn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def misses(mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False) -> pd.DataFrame:
    """Return the gold mentions the prediction missed (false negatives), as gold rows."""
    table = match_mentions(mentions, gold, match_person)
    rows = [int(j) for j in table.loc[table["status"] == "fn", "gold"]]
    return gold.iloc[sorted(rows)]


def false_alarms(
    mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False
) -> pd.DataFrame:
    """Return the predicted mentions with no gold counterpart (false positives)."""
    table = match_mentions(mentions, gold, match_person)
    rows = [int(i) for i in table.loc[table["status"] == "fp", "pred"]]
    return mentions.iloc[sorted(rows)]

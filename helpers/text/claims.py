"""The course's claim-by-claim check of the article, as a filter a reader can steer.

``seeds/data/article_claims.csv`` holds one row per checked claim: the paragraph it sits in
(none for a claim about the whole article), the fragment quoted from the article, the problem,
the correction and a verdict (accurate, unsourced, misleading, wrong). :func:`filter_claims`
picks the rows a reader asks for; :func:`verdict_counts` counts them by verdict. Both are pure
pandas, for the claims view of notebook 00 and for the exercises.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from helpers.checks import (
    ParameterError,
    check_cells,
    check_frame,
    check_ids,
    check_int,
    check_str,
)

__all__ = [
    "CLAIM_COLUMNS",
    "VERDICTS",
    "filter_claims",
    "verdict_counts",
]

#: The verdicts of the claim check, from the least to the most serious.
VERDICTS: tuple[str, ...] = ("accurate", "unsourced", "misleading", "wrong")

#: The columns :func:`filter_claims` needs.
CLAIM_COLUMNS: tuple[str, ...] = ("claim_no", "paragraph", "fragment", "problem", "correction",
                                  "verdict")

#: Longest search text accepted (a phrase, not a document).
QUERY_MAX = 80


def _check_claims(claims: object, name: str = "claims") -> pd.DataFrame:
    """Check a claims table cell by cell; return it with numbers and verdicts as plain values."""
    frame = check_frame(name, claims, CLAIM_COLUMNS, min_rows=1)
    numbers = check_cells(name, frame, "claim_no", "int", lo=1)
    if not numbers.is_unique:
        raise ParameterError(f"{name}['claim_no'] must number each claim once, got "
                             f"{sorted(numbers[numbers.duplicated()].unique().tolist())} twice")
    paragraph = check_cells(name, frame, "paragraph", "int", lo=1, missing=True)
    check_cells(name, frame, "fragment", "str")
    for column in ("problem", "correction"):
        check_cells(name, frame, column, "str", missing=True)
    verdict = frame["verdict"]
    bad = ~verdict.isin(VERDICTS) | verdict.isna()
    if bad.any():
        row = bad.idxmax()
        raise ParameterError(f"{name}['verdict'] must hold one of {list(VERDICTS)}, got "
                             f"{verdict[row]!r} in row {row!r}")
    return frame.assign(claim_no=numbers, paragraph=paragraph, verdict=verdict.astype(str))


def filter_claims(claims: pd.DataFrame, verdicts: Sequence[str] = VERDICTS, query: str = "",
                  first: int = 1, last: int = 99) -> pd.DataFrame:
    """Return the claims with one of ``verdicts``, in paragraphs ``first``–``last``, with ``query``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of ``article_claims`` (at least the columns of :data:`CLAIM_COLUMNS`).
    verdicts : sequence of str
        Verdicts to keep, any of :data:`VERDICTS` (empty: no claim).
    query : str
        Text to look for, case-insensitively, in the fragment, the problem and the correction
        (plain text, not a pattern; empty: every claim). At most 80 characters.
    first, last : int
        Paragraph range, inclusive, 1 <= first <= last <= 99. A claim about the whole article
        (no paragraph) is kept whatever the range.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in claim order, with their original columns.

    Raises
    ------
    ParameterError
        Naming the parameter: a frame without the columns, an unknown verdict, a query that is
        not one line of text, a range out of order.

    Examples
    --------
    >>> claims = pd.DataFrame({"claim_no": [1, 2], "paragraph": [1, None],
    ...                        "fragment": ["in Tehran", "whole text"], "problem": ["a", "b"],
    ...                        "correction": [None, None], "verdict": ["wrong", "unsourced"]})
    >>> filter_claims(claims, ["wrong"])["claim_no"].tolist()
    [1]
    >>> filter_claims(claims, query="TEHRAN", first=2, last=5)["claim_no"].tolist()
    []
    """
    frame = _check_claims(claims)
    chosen = set(check_ids("verdicts", verdicts, VERDICTS, distinct=True))
    text = check_str("query", query, empty=True)
    if len(text) > QUERY_MAX or any(not ch.isprintable() for ch in text):
        raise ParameterError(f"query must be one line of printable text of at most {QUERY_MAX} "
                             f"characters, got {len(text)} characters")
    lo = check_int("first", first, 1, 99)
    hi = check_int("last", last, 1, 99)
    if lo > hi:
        raise ParameterError(f"first must not exceed last (a paragraph range), got first={lo} > "
                             f"last={hi}")
    return _pick(frame, chosen, text, lo, hi)


def _pick(frame: pd.DataFrame, chosen: Collection[str], text: str, lo: int, hi: int
          ) -> pd.DataFrame:
    """:func:`filter_claims` on arguments already checked (a view's redraw checks nothing)."""
    keep = frame["verdict"].isin(chosen)
    para = pd.to_numeric(frame["paragraph"], errors="coerce")
    keep &= para.isna() | para.between(lo, hi)
    if text:
        needle = text.casefold()
        hay = frame[["fragment", "problem", "correction"]].astype("string").fillna("")
        found = pd.Series(False, index=frame.index)
        for column in hay:
            found |= hay[column].str.casefold().str.contains(needle, regex=False)
        keep &= found
    return frame[keep].sort_values("claim_no", kind="stable")


def verdict_counts(shown: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Count claims by verdict: how many are shown of how many there are.

    Parameters
    ----------
    shown : pandas.DataFrame
        Rows picked by :func:`filter_claims` from ``claims`` (possibly none).
    claims : pandas.DataFrame
        Every claim.

    Returns
    -------
    pandas.DataFrame
        Columns ``verdict``, ``shown``, ``total``; one row per verdict of :data:`VERDICTS`.

    Raises
    ------
    ParameterError
        If a frame lacks the ``verdict`` column or ``shown`` holds a claim not in ``claims``.
    """
    everything = _check_claims(claims)
    picked = check_frame("shown", shown, CLAIM_COLUMNS)
    if len(picked):
        picked = _check_claims(picked, "shown")
    extra = sorted(set(picked["claim_no"]) - set(everything["claim_no"]))
    if extra:
        raise ParameterError(f"shown must hold rows of claims, got claim_no {extra} not in claims")
    return _count(picked, everything)


def _count(picked: pd.DataFrame, everything: pd.DataFrame) -> pd.DataFrame:
    """:func:`verdict_counts` on frames already checked."""
    return pd.DataFrame({
        "verdict": list(VERDICTS),
        "shown": [int((picked["verdict"].astype(str) == v).sum()) for v in VERDICTS],
        "total": [int((everything["verdict"] == v).sum()) for v in VERDICTS],
    })

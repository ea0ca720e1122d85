"""The claims view of notebook 00: the course's check of the article, filtered by the reader.

A table view (:class:`~helpers.views.protocol.TableView`) over
:func:`helpers.text.claims.filter_claims` (its unchecked core: the controls check the values):
pick any verdicts, type a word to look for, narrow the paragraphs. The paragraph range is a
rule between two controls (the first paragraph may not come after the last), refused as one by
:meth:`ClaimsView.validate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from helpers.checks import ParameterError, check_cells, check_frame, check_int
from helpers.text.claims import VERDICTS, _check_claims, _count, _pick
from helpers.text.wording import _plural
from helpers.views.protocol import Control, TableView, register

__all__ = ["ClaimsView", "default_view"]

#: The columns the table shows, with their headings.
SHOWN = {"claim_no": "claim", "paragraph": "¶", "verdict": "verdict", "fragment": "fragment",
         "problem": "problem", "correction": "what the record shows", "sources": "sources",
         "after_article": "after the article?"}

#: What the last column says of a claim whose check cites later facts.
LATER = "yes: cites facts after 19 Jul 2022"


class ClaimsView(TableView):
    """The article's checked claims, filtered by verdict, text and paragraph range.

    Parameters
    ----------
    claims : pandas.DataFrame
        Rows of ``article_claims`` (with its ``sources`` and ``after_article`` columns).
    paragraphs : int
        Number of paragraphs of the article (the range of the paragraph sliders), 1–99.
    **params
        Initial values of the controls ``verdicts``, ``query``, ``first``, ``last``.
    """

    name = "claims"
    title = "The article's claims, checked against the record"
    notebook = "00_start_here.ipynb"

    def __init__(self, claims: pd.DataFrame, paragraphs: int, **params: Any) -> None:
        self.claims = _check_claims(claims)
        for column, kind in (("sources", "str"), ("after_article", "bool")):
            check_frame("claims", self.claims, (column,))
            self.claims[column] = check_cells("claims", self.claims, column, kind)
        n = check_int("paragraphs", paragraphs, 2, 99)
        source = "seeds/data/article_claims.csv"
        self.controls = (
            Control("verdicts", "Verdicts", "multi", VERDICTS, options=VERDICTS, source=source),
            Control("query", "Contains", "text", "", source="free text: any word of the claims",
                    examples=("Soviet", "Reuters", "drone")),
            Control("first", "From paragraph", "int", 1, 1, n, 1, source="paragraphs of the "
                    "seed article"),
            Control("last", "To paragraph", "int", n, 1, n, 1, source="paragraphs of the seed "
                    "article"),
        )
        self.rows = self.claims.iloc[:0]
        super().__init__(**params)

    def validate(self, params: Mapping[str, Any]) -> None:
        """Refuse a paragraph range whose first paragraph comes after its last."""
        if params["first"] > params["last"]:
            raise ParameterError(f"'From paragraph' ({params['first']}) may not come after "
                                 f"'To paragraph' ({params['last']})")

    def draw(self, params: Mapping[str, Any]) -> None:
        """Pick the claims for ``params`` (checked by the controls and :meth:`validate`)."""
        self.rows = _pick(self.claims, params["verdicts"], params["query"], params["first"],
                          params["last"])

    def table(self) -> pd.DataFrame:
        """Return the claims shown: number, paragraph, verdict, texts, sources, later facts."""
        out = self.rows[list(SHOWN)].copy()
        out["paragraph"] = [("whole article" if pd.isna(v) else str(int(v)))
                            for v in out["paragraph"]]
        out["sources"] = out["sources"].str.replace(";", "; ", regex=False)
        out["after_article"] = out["after_article"].map({True: LATER, False: ""})
        return out.rename(columns=SHOWN)

    def summary(self) -> pd.DataFrame:
        """Return the claims shown and checked, by verdict."""
        return _count(self.rows, self.claims)

    def alt_text(self) -> str:
        """Describe the filter and what it leaves, with the counts by verdict."""
        p = self.params
        counts = self.summary()
        by = ", ".join(f"{r.shown} {r.verdict}" for r in counts.itertuples() if r.shown)
        chosen = ", ".join(p["verdicts"]) or "none"
        query = f", containing {p['query']!r}" if p["query"] else ""
        later = int(self.rows["after_article"].sum())
        note = (f" {later} of them also cite facts after 19 Jul 2022 (marked in the last column)."
                if later else "")
        return (f"{len(self.rows)} of {_plural(len(self.claims), 'checked claim')} shown "
                f"(verdicts: {chosen}; paragraphs {p['first']}–{p['last']}{query})"
                + (f": {by}." if by else ".") + note)


def default_view() -> ClaimsView:
    """Build the claims view from ``seeds/data/article_claims.csv`` and the seed article.

    Returns
    -------
    ClaimsView
    """
    from helpers import data, text

    return ClaimsView(data.load("article_claims"), int(text.paragraphs_frame()["number"].max()))


register(ClaimsView, default_view)

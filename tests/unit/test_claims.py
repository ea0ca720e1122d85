"""The claims filter (helpers.text.claims) and the claims table view of notebook 00."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import data, views
from helpers.checks import ParameterError
from helpers.text.claims import VERDICTS, filter_claims, verdict_counts


@pytest.fixture(scope="module")
def claims():
    return data.load("article_claims")


def test_verdicts_pick_exactly_the_rows_with_those_verdicts(claims):
    for verdict in VERDICTS:
        got = filter_claims(claims, [verdict])
        assert set(got["verdict"]) == {verdict}
        assert len(got) == int((claims["verdict"] == verdict).sum())
    assert filter_claims(claims, []).empty
    assert len(filter_claims(claims)) == len(claims)


def test_the_query_is_plain_text_matched_without_case_in_three_columns(claims):
    got = filter_claims(claims, query="soviet")
    expected = claims[claims[["fragment", "problem", "correction"]].apply(
        lambda col: col.fillna("").str.lower().str.contains("soviet", regex=False)).any(axis=1)]
    assert got["claim_no"].tolist() == expected["claim_no"].tolist() != []
    assert filter_claims(claims, query="[a-z]+").empty, "the query is not a pattern"


def test_the_paragraph_range_keeps_claims_about_the_whole_article(claims):
    got = filter_claims(claims, first=3, last=4)
    para = got["paragraph"]
    assert para.isna().sum() == claims["paragraph"].isna().sum() >= 1
    assert para.dropna().between(3, 4).all() and len(para.dropna()) > 0


def test_bad_arguments_are_refused_naming_them(claims):
    with pytest.raises(ParameterError, match="first must not exceed last"):
        filter_claims(claims, first=5, last=4)
    with pytest.raises(ParameterError, match="verdicts"):
        filter_claims(claims, ["true"])
    with pytest.raises(ParameterError, match="query"):
        filter_claims(claims, query="a\nb")
    with pytest.raises(ParameterError, match=r"claims\['verdict'\]"):
        filter_claims(claims.assign(verdict="maybe"))
    with pytest.raises(ParameterError, match=r"claim_no.*once"):
        filter_claims(pd.concat([claims, claims.head(1)]))


def test_counts_add_up(claims):
    counts = verdict_counts(filter_claims(claims, ["wrong", "accurate"]), claims)
    assert counts["total"].sum() == len(claims)
    total = claims["verdict"].value_counts()
    assert counts.set_index("verdict")["shown"].to_dict() == {
        "accurate": total["accurate"], "unsourced": 0, "misleading": 0, "wrong": total["wrong"]}


def test_the_claims_view_refuses_a_reversed_range_and_describes_its_rows(claims):
    v = views.build("claims")
    assert v.output_kind == "table"
    assert v.alt_text().startswith(f"{len(claims)} of {len(claims)} checked claims shown")
    with pytest.raises(ParameterError,
                       match=r"'From paragraph' \(9\) may not come after 'To paragraph' \(4\)"):
        v.update(first=9, last=4)
    v.update(verdicts=("wrong",), query="Soviet")
    assert v.table()["verdict"].tolist() == ["wrong"] * len(v.table())
    assert "containing 'Soviet'" in v.alt_text()
    assert v.table()["claim"].tolist() == [2], "claim 2 alone names the former Soviet Union"
    assert "<td>wrong</td>" in v.html() and "former USSR" in v.html()
    v.reset()

"""The ``formal`` coding of seeds/data/relations.csv: enough ties to compare, each one sourced.

Read with the csv module, independently of helpers.data. The signs are the course's coding of
formal status in July 2022 (see the manifest's description): alliances, memberships and treaties
are +1, standing sanctions regimes are -1.
"""

from __future__ import annotations

import csv

import pytest
import yaml

from helpers import DATA_DIR

CORE = {"RUS", "IRN", "TUR", "USA", "CHN", "ISR", "SAU", "SYR", "UKR", "EU", "IND"}


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def formal() -> list[dict[str, str]]:
    return [r for r in rows("relations") if r["coding"] == "formal"]


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    return {r["source_id"]: r for r in rows("sources")}


def sign(formal: list[dict[str, str]], a: str, b: str) -> int:
    (row,) = [r for r in formal if {r["actor_a"], r["actor_b"]} == {a, b}]
    return int(row["sign"])


def test_formal_coding_has_at_least_seventeen_pairs_among_the_core_actors(formal):
    pairs = {(r["actor_a"], r["actor_b"]) for r in formal}
    assert len(pairs) == len(formal) >= 17
    assert all(a in CORE and b in CORE and a < b for a, b in pairs)


def test_formal_signs_are_plus_or_minus_one_and_match_the_kind(formal):
    for r in formal:
        assert int(r["sign"]) in (-1, 1), r
        kinds = {"alliance", "partnership"} if int(r["sign"]) > 0 else {"rivalry", "conflict"}
        assert r["kind"] in kinds, r


def test_formal_coding_has_both_signs(formal):
    assert {int(r["sign"]) for r in formal} == {-1, 1}


def test_every_formal_row_cites_existing_sources_with_a_basis(formal, sources):
    for r in formal:
        ids = r["sources"].split(";")
        assert ids and all(i in sources for i in ids), r
        assert r["basis"].strip(), r


def test_nato_makes_turkey_and_the_us_formal_allies(formal, sources):
    assert sign(formal, "TUR", "USA") == 1
    row = next(r for r in formal if (r["actor_a"], r["actor_b"]) == ("TUR", "USA"))
    assert row["kind"] == "alliance" and "NATO" in row["basis"]
    assert not row["notes"], "both sides of the NATO tie are sourced"
    cited = [sources[i] for i in row["sources"].split(";")]
    assert any(s["original_wire"] == "Reuters" for s in cited)  # Turkey: Erdogan 'a NATO leader'
    assert any("United States" in s["notes"] and "1949" in s["notes"] for s in cited)  # US side


@pytest.mark.parametrize(
    ("pair", "expected"),
    [(("ISR", "USA"), 1), (("RUS", "SYR"), 1), (("CHN", "RUS"), 1), (("EU", "UKR"), 1),
     (("SYR", "USA"), -1), (("EU", "SYR"), -1)],
)
def test_treaties_and_sanctions_found_by_the_course_are_coded(formal, pair, expected):
    assert sign(formal, *pair) == expected


@pytest.mark.parametrize("pair", [("CHN", "IRN"), ("IND", "RUS"), ("SAU", "USA"), ("CHN", "SAU")])
def test_declarations_and_unpublished_agreements_are_contested(formal, pair):
    (row,) = [r for r in formal if (r["actor_a"], r["actor_b"]) == pair]
    assert int(row["sign"]) == 1 and row["contested"] == "true" and row["notes"], row


def test_course_added_sources_are_marked_as_such(formal, sources):
    added = {i for r in formal for i in r["sources"].split(";") if i.startswith("S-X")}
    assert added
    assert all(sources[i]["notes"].startswith("Added by the course") for i in added)


@pytest.mark.parametrize("pair", [("IRN", "USA"), ("RUS", "USA"), ("EU", "RUS")])
def test_standing_sanctions_are_negative_formal_ties(formal, pair):
    assert sign(formal, *pair) == -1


@pytest.mark.parametrize("pair", [("IRN", "RUS"), ("RUS", "TUR"), ("IRN", "TUR")])
def test_the_astana_guarantors_stay_formal_partners(formal, pair):
    assert sign(formal, *pair) == 1


def test_sanction_rows_cite_the_sanctions_sources_of_the_fact_base(formal, sources):
    words = ("sanction", "EO 14066", "OFAC", "Federal Register", "Trump", "oil waiver",
             "briefing", "6th package", "sixth package")
    for r in formal:
        if int(r["sign"]) < 0:
            cited = [sources[i] for i in r["sources"].split(";")]
            text = " ".join(f"{s['title']} {s['notes']} {s['url']}" for s in cited).lower()
            assert any(w.lower() in text for w in words) or "sanction" in r["basis"].lower(), r


def test_manifest_documents_the_formal_definition():
    m = yaml.safe_load((DATA_DIR / "relations.yml").read_text(encoding="utf-8"))
    assert "NATO" in m["description"] and "sanction" in m["description"]
    assert any("Formal coding" in g for g in m["known_gaps"])

"""Provenance rules for seeds/data: every row cites sources listed, and fully described, in
sources.csv (ids with the prefix ``S-X`` are sources the course added to its fact base).

These tests read the CSV files with the csv module and the manifests with yaml, independently
of helpers.data, and depend on no file outside the repository.
"""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from helpers import DATA_DIR

NOTEBOOK = re.compile(r"^0[0-9]_[a-z0-9_]+\.ipynb$")
NUMERIC = {"int", "float"}
COURSE_PREFIX = "S-X"  # source ids added by the course beyond the fact base


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def manifest(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / f"{name}.yml").read_text(encoding="utf-8"))


DATASETS = sorted(p.stem for p in DATA_DIR.glob("*.yml"))
CITING = [n for n in DATASETS if n != "sources"
          and any(c["name"] == "sources" for c in manifest(n)["schema"])]
#: Rows that may cite no source: the article's own collective terms (the article is the source)
#: and conceptual glossary definitions (they state no fact).
UNCITED_OK = {"actors": lambda row: row["kind"] == "article_term", "glossary": lambda row: True}


def cited(name: str) -> list[str]:
    return [s for r in rows(name) if r["sources"] for s in r["sources"].split(";")]


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    return {r["source_id"] for r in rows("sources")}


@pytest.mark.parametrize("name", CITING)
def test_every_row_cites_known_source_ids(name, source_ids):
    for line, row in enumerate(rows(name), start=2):
        if not row["sources"] and UNCITED_OK.get(name, lambda r: False)(row):
            continue
        ids = row["sources"].split(";")
        assert row["sources"] and all(ids), f"{name}.csv line {line}: empty sources"
        unknown = set(ids) - source_ids
        assert not unknown, f"{name}.csv line {line}: unknown source ids {unknown}"


def test_every_listed_source_is_cited_somewhere(source_ids):
    used = {s for name in CITING for s in cited(name)}
    assert source_ids == used


def test_source_ids_are_unique():
    ids = [r["source_id"] for r in rows("sources")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", CITING)
def test_manifest_sources_are_the_ids_the_rows_cite(name):
    assert set(manifest(name)["sources"]) == set(cited(name))


def test_every_source_is_fully_described():
    for row in rows("sources"):
        sid = row["source_id"]
        for field in ("publisher", "title", "url"):
            assert row[field].strip(), f"{sid}: no {field}"
        # an undated page stays undated: never a guessed date
        assert not row["date"] or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["date"]), sid
        assert row["url"].startswith(("http://", "https://")), sid
        if sid.startswith(COURSE_PREFIX):
            assert row["notes"].startswith("Added by the course"), sid


def test_wire_copies_record_the_original_wire():
    """A re-post whose title credits a wire (e.g. "APA (Reuters)") names that wire."""
    for row in rows("sources"):
        for wire in ("Reuters", "AFP", "AP", "TASS", "Sputnik", "Bloomberg"):
            if re.search(rf"\((?:[^)]*\W)?{wire}\W", row["title"]):
                assert wire in (row["original_wire"] or ""), (row["source_id"], wire)


def test_datasets_share_one_retrieval_date():
    for name in DATASETS:
        assert str(manifest(name)["retrieved"]) == "2026-11-28", name


@pytest.mark.parametrize("name", DATASETS)
def test_manifest_has_the_required_fields(name):
    man = manifest(name)
    for key in ("title", "description", "class", "sources", "licence", "redistribution",
                "retrieved", "sha256", "schema", "known_gaps", "used_by"):  # fmt: skip
        assert key in man, f"{name}.yml lacks {key}"
    assert man["class"] in {"verbatim", "compiled", "derived"}
    assert re.fullmatch(r"[0-9a-f]{64}", man["sha256"])
    assert man["used_by"] and all(NOTEBOOK.match(nb) for nb in man["used_by"])
    assert isinstance(man["known_gaps"], list)
    assert "CC BY 4.0" in man["redistribution"] or "public domain" in man["redistribution"]
    for col in man["schema"]:
        assert {"name", "dtype", "nullable", "unit"} <= set(col), (name, col)


@pytest.mark.parametrize("name", DATASETS)
def test_every_numeric_value_has_a_unit(name):
    schema = manifest(name)["schema"]
    columns = {c["name"]: c for c in schema}
    for col in schema:
        if col["dtype"] not in NUMERIC:
            continue
        unit_column = col.get("unit_column")
        if unit_column is None:
            assert col["unit"], f"{name}.{col['name']} has no unit"
        else:
            assert unit_column in columns and not columns[unit_column]["nullable"], (name, col)
            assert columns[unit_column]["dtype"] == "category", (name, col)


@pytest.mark.parametrize("name", [n for n in DATASETS if "derived" in rows(n)[0]])
def test_derived_rows_name_a_method_and_only_they_do(name):
    for line, row in enumerate(rows(name), start=2):
        if row["derived"] == "true":
            assert len(row["method"]) > 20, f"{name}.csv line {line}: derived without method"
        else:
            assert row["method"] == "", f"{name}.csv line {line}: method on a non-derived row"


def test_the_derived_datasets_mark_what_facts_md_marks_as_derived():
    derived = {
        (r["period_start"], r["period_end"])
        for r in rows("urals_monthly")
        if r["derived"] == "true"
    }
    assert ("2022-01-01", "2022-03-31") in derived  # Jan-Mar average
    assert ("2022-10-01", "2022-10-31") in derived  # October
    aug = [r for r in rows("china_crude_imports_russia") if r["period_start"] == "2022-08-01"]
    assert len(aug) == 1 and aug[0]["derived"] == "true"


@pytest.mark.parametrize("name", ["iran_crude_exports_estimates", "iran_floating_storage"])
def test_estimates_name_their_estimator(name):
    for line, row in enumerate(rows(name), start=2):
        assert row["tracker"].strip(), f"{name}.csv line {line}: no tracker"
        assert row["reporting_outlet"].strip(), f"{name}.csv line {line}: no outlet"


def test_conflicting_estimates_are_separate_rows():
    est = rows("iran_crude_exports_estimates")
    dec21 = {
        r["tracker"]
        for r in est
        if r["period_start"] == "2021-12-01" and r["measure"] == "export_rate"
    }
    assert {"Petro-Logistics", "SVB"} <= dec21
    apr22_china = [
        r for r in est if r["period_start"] == "2022-04-01" and r["measure"] == "import_rate_china"
    ]
    assert len(apr22_china) >= 2
    storage = [
        r
        for r in rows("iran_floating_storage")
        if r["month"] == "2022-05-01" and r["tracker"] == "Kpler"
    ]
    assert {r["value"] for r in storage} == {"37", "35"}


def test_gaps_are_kept_as_empty_values_with_a_note():
    for row in rows("china_crude_imports_russia"):
        if not row["volume_mt"]:
            assert row["notes"], row["row_id"]
    for row in rows("astana_rounds"):
        if not row["observers"]:
            assert "not recorded" in row["notes"], row["round"]

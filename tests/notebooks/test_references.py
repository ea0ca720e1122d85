"""Every citation in a notebook resolves to the course's bibliography.

* Each work in a notebook's reading lists ("Surname, I. ... (YYYY)") has a row in
  ``seeds/data/literature.csv`` with that first author and year.
* Each source id a notebook names (``S-A5``, ``S-X12`` …) is a row of ``seeds/data/sources.csv``.
* A quotation of a work in the prose ("…" beside an author–year citation) carries a page,
  section or chapter; a quotation that cannot be located is paraphrased instead.
"""

from __future__ import annotations

import re

import pytest

from helpers import data
from tests.notebooks.nbutil import numbered_notebooks, read

READING = re.compile(r"^- ([A-Z][\w'’-]+(?: [a-z]+ [A-Z][\w'’-]+)?), [A-Z]\.[^(]*?\((\d{4})\)",
                     re.M)
SOURCE_ID = re.compile(r"\bS-[A-Z]+\d+[a-z]?\b")
CITED_QUOTE = re.compile(r"[A-Z][\w'’-]+(?: (?:and|&) [A-Z][\w'’-]+| et al\.)? \(\d{4}\)"
                         r"[^.]*?[\"“][^\"”]{15,}[\"”]")
LOCATOR = re.compile(r"\b(?:p|pp)\. ?\d|\bsection \d|§ ?\d|\bchapter \d|\bch\. ?\d", re.I)


@pytest.fixture(scope="module")
def literature() -> set[tuple[str, int]]:
    works = data.load("literature")
    dated = works[works["year"].notna()]
    return {(a.split(",")[0].strip(), int(y)) for a, y in zip(dated["authors"], dated["year"],
                                                              strict=True)}


def _references(nb) -> str:
    texts = ["".join(c.source) for c in nb.cells if c.cell_type == "markdown"]
    return next((t for t in texts if t.lstrip().startswith("## References")), "")


def unlocated_quotes(markdown: str) -> list[str]:
    """Quotations of a cited work without a page, section or chapter in the same sentence."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", markdown):
        for m in CITED_QUOTE.finditer(sentence):
            if not LOCATOR.search(sentence):
                out.append(m.group(0)[:80])
    return out


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.stem)
def test_reading_lists_resolve_to_the_bibliography(path, literature):
    refs = _references(read(path))
    cited = {(name, int(year)) for name, year in READING.findall(refs)}
    missing = sorted(cited - literature)
    assert not missing, f"{path.name}: works missing from literature.csv: {missing}"


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.stem)
def test_named_sources_exist(path):
    nb = read(path)
    known = set(data.load("sources")["source_id"])
    named = {s for c in nb.cells if c.cell_type == "markdown" for s in SOURCE_ID.findall(c.source)}
    assert not sorted(named - known), f"{path.name}: unknown source ids {sorted(named - known)}"


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.stem)
def test_quotations_of_works_carry_a_locator(path):
    nb = read(path)
    bad = [q for c in nb.cells if c.cell_type == "markdown" for q in unlocated_quotes(c.source)]
    assert not bad, f"{path.name}: quotations without page or section: {bad}"


def test_the_checks_can_fail():
    text = 'Doreian and Mrvar (2015) found "decisive evidence contradicting" the claim.'
    assert unlocated_quotes(text)
    assert not unlocated_quotes(text.replace("found", "found (p. 12)"))
    assert READING.findall("- Heider, F. (1946). Attitudes.") == [("Heider", "1946")]

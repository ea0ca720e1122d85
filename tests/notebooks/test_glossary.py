"""The glossary: one sourced page, and every link to it from a notebook resolves.

A notebook links a term at its first use: every listed term (of four characters or more) that a
notebook's prose uses before its References is linked there, and no earlier markdown cell of
that notebook uses the term unlinked.
"""

from __future__ import annotations

import re

import pytest

from helpers import data
from tests.notebooks.nbutil import numbered_notebooks, read

LINK = re.compile(r"\[([^\]]+)\]\(glossary\.md#([a-z0-9-]+)\)")


@pytest.fixture(scope="module")
def glossary():
    return data.load("glossary").set_index("slug")


def first_use_problems(cells: list[str], slugs_terms: dict[str, str]) -> list[str]:
    """Terms used (unlinked) before the cell where the notebook first links them."""
    problems = []
    for slug, term in slugs_terms.items():
        word = re.compile(rf"(?<![\w\[]){re.escape(term)}(?!\w)", re.I)
        for i, text in enumerate(cells):
            linked_here = any(s == slug for _, s in LINK.findall(text))
            bare = word.search(LINK.sub("", text))
            if linked_here:
                if bare and bare.start() < text.find("glossary.md#" + slug):
                    problems.append(f"{term!r} used before its link in cell {i}")
                break
            if bare:
                problems.append(f"{term!r} used in cell {i} before its first link")
                break
    return problems


def test_the_page_is_fresh():
    from scripts.make_glossary import PAGE, render

    assert PAGE.read_text(encoding="utf-8") == render(), "run `make glossary`"


PROTECT = re.compile(r"```.*?```|`[^`]*`|<[^>]+>", re.S)


def unlinked_terms(cells: list[str], terms: dict[str, str]) -> list[str]:
    """Listed terms the prose uses (before References) but never links."""
    prose = []
    for text in cells:
        if text.lstrip().startswith("## References"):
            break
        prose.append(text)
    text = "\n".join(prose)
    linked = {slug for _, slug in LINK.findall(text)}
    bare = PROTECT.sub(" ", LINK.sub(" ", text))
    out = []
    for slug, term in terms.items():
        if slug in linked or len(term) < 4:
            continue
        flags = re.I if term.islower() else 0
        if re.search(rf"(?<![\w\[-]){re.escape(term)}(?![\w-])", bare, flags):
            out.append(term)
    return sorted(out)


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.stem)
def test_every_listed_term_used_is_linked(path, glossary):
    cells = ["".join(c.source) for c in read(path).cells if c.cell_type == "markdown"]
    terms = dict(zip(glossary.index, glossary["term"], strict=True))
    assert unlinked_terms(cells, terms) == [], f"{path.name}: link these terms at first use"


def test_the_unlinked_check_can_fail():
    cells = ["The gazetteer finds names.", "## References\n- gazetteer"]
    assert unlinked_terms(cells, {"gazetteer": "gazetteer"}) == ["gazetteer"]
    cells[0] = "The [gazetteer](glossary.md#gazetteer) finds names."
    assert unlinked_terms(cells, {"gazetteer": "gazetteer"}) == []


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.stem)
def test_links_resolve_and_come_at_first_use(path, glossary):
    cells = ["".join(c.source) for c in read(path).cells if c.cell_type == "markdown"]
    linked = {slug for text in cells for _, slug in LINK.findall(text)}
    unknown = sorted(linked - set(glossary.index))
    assert not unknown, f"{path.name} links terms the glossary lacks: {unknown}"
    assert first_use_problems(cells, {s: glossary.loc[s, "term"] for s in linked}) == []


def test_the_first_use_check_can_fail():
    cells = ["The JCPOA was agreed in 2015.", "The [JCPOA](glossary.md#jcpoa) text."]
    assert first_use_problems(cells, {"jcpoa": "JCPOA"}) != []
    assert first_use_problems(cells[1:], {"jcpoa": "JCPOA"}) == []

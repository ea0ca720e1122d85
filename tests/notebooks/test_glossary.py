"""The glossary: one sourced page, and every link to it from a notebook resolves.

A notebook links a term at its first use: for each term a notebook links, no earlier markdown
cell of that notebook may use the term unlinked.
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

"""Numbers typed into a notebook's prose must be numbers its own code shows.

nbval compares code outputs only, so a number typed into markdown could go stale silently when
the data change. This test collects every number in the markdown of a notebook (dates, years,
paragraph/section/exercise references, source ids, times to learn and the References section are
set aside) and requires each to appear among the numbers of the notebook's stored text outputs.
It catches a stated number that the notebook never computes; it cannot tell whether a number
that does appear is the one the sentence means, so prose should quote computed numbers plainly.
"""

from __future__ import annotations

import re

import pytest

from tests.notebooks.nbutil import numbered_notebooks, read

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
NOT_STATED = [  # patterns whose digits are references or dates, not stated results
    r"```.*?```", r"`[^`]*`", r"\]\([^)]*\)", r"<[^>]+>", r"^#+.*$",
    rf"\b\d{{1,2}}(?:\s*(?:–|-)\s*\d{{1,2}})?\s+(?:{MONTHS})\b\.?(?:\s*\d{{4}})?",
    rf"(?:{MONTHS})\s+\d{{4}}", r"\b(?:1[6-9]\d\d|20[0-3]\d)s?\b",
    r"(?:paragraphs?|sections?|¶|§|Exercises?|notebooks?|claims?|rounds?|chapters?|ch\.|pp?\.|vol\.)"
    r"\s*\d+(?:\s*(?:–|-|,|and|to|or)\s*\d+)*",
    r"\b\d+\s*(?:–|-|to)?\s*\d*\s*minutes", r"\bS-[A-Z]+\d+\b", r"\b[A-Z]{2}\d+\b",
    r"SHA-256", r"CC BY \d\.\d", r"\b0\d\b",
]
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?!\w)")


def stated_numbers(markdown: str) -> list[str]:
    """Numbers a markdown text states, once references and dates are set aside."""
    text = markdown
    for pattern in NOT_STATED:
        text = re.sub(pattern, " ", text, flags=re.S | re.M | re.I)
    return NUMBER.findall(text)


def shown_numbers(nb) -> set[str]:
    """Every number in the notebook's stored text outputs (plain text, HTML tables)."""
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append("".join(out.get("text", "")))
            texts += ["".join(v) for k, v in out.get("data", {}).items() if k.startswith("text/")]
    found = set(NUMBER.findall("\n".join(texts)))
    return found | {n.rstrip("0").rstrip(".") for n in found if "." in n}


def prose_before_references(nb) -> list[tuple[int, str]]:
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        if cell.source.lstrip().startswith("## References"):
            break
        cells.append((i, cell.source))
    return cells


@pytest.mark.parametrize("path", numbered_notebooks(), ids=lambda p: p.stem)
def test_every_number_in_prose_is_shown_by_the_code(path):
    nb = read(path)
    shown = shown_numbers(nb)
    missing = [(i, n) for i, text in prose_before_references(nb) for n in stated_numbers(text)
               if n not in shown]
    assert not missing, f"{path.name}: prose numbers no output shows (cell, number): {missing}"


def test_the_check_sees_stated_numbers_and_skips_references():
    assert stated_numbers("Six of the 26 triangles; L = 3.") == ["26", "3"]
    assert stated_numbers("On 19 July 2022 (paragraph 9, section 4; S-A10): 40 minutes.") == []

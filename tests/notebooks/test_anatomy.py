"""Every notebook follows the course anatomy (the template in notebooks/template).

Title, overview, at most 7 learning objectives, prerequisites, time to learn, an "as of" box,
imports, numbered sections, exercises with collapsed solutions, discussion prompts, summary,
what's next, references — in that order. Plus the conventions that keep nbval meaningful.
"""

from __future__ import annotations

import re

import pytest

from tests.notebooks.nbutil import TEMPLATE, headings, numbered_notebooks, read, section_text

REQUIRED_BEFORE = ["Overview", "Learning objectives", "Prerequisites", "Time to learn", "As of",
                   "Imports"]
REQUIRED_AFTER = ["Exercises", "Discussion prompts", "Summary", "What's next", "References"]
MAX_CODE_LINES = 12
#: Minimum exercises: orientation notebook 00 and the template need fewer.
MIN_EXERCISES = {"00": 2, "template": 1}

NOTEBOOKS = [*numbered_notebooks(), TEMPLATE]
IDS = [p.stem for p in NOTEBOOKS]


def test_there_are_course_notebooks():
    assert numbered_notebooks(), "no NN_snake_case.ipynb notebooks found in notebooks/"
    names = [p.name for p in numbered_notebooks()]
    assert names[0] == "00_start_here.ipynb"
    for name in names:
        assert re.fullmatch(r"\d\d_[a-z0-9]+(_[a-z0-9]+)*\.ipynb", name), name


@pytest.fixture(params=NOTEBOOKS, ids=IDS)
def nb(request):
    return request.param, read(request.param)


def test_title_first(nb):
    _, book = nb
    first = book.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), \
        "the first cell must be the single level-1 title"
    assert len(headings(book, 1)) == 1, "exactly one level-1 heading (the title)"


def test_sections_in_order(nb):
    _, book = nb
    h2 = headings(book, 2)
    numbered = [h for h in h2 if re.match(r"^\d+\. ", h)]
    assert numbered, "at least one numbered content section ('## 1. …')"
    expected = [*REQUIRED_BEFORE, *numbered, *REQUIRED_AFTER]
    # Only the anatomy headings and numbered sections may appear at level 2, in this order.
    assert h2 == expected, f"level-2 headings {h2} != anatomy {expected}"
    numbers = [int(h.split(".")[0]) for h in numbered]
    assert numbers == list(range(1, len(numbers) + 1)), f"sections numbered 1..n, got {numbers}"


def test_learning_objectives_at_most_seven(nb):
    _, book = nb
    items = [ln for ln in section_text(book, "Learning objectives").splitlines()
             if re.match(r"^\s*(-|\*|\d+\.) ", ln)]
    assert 1 <= len(items) <= 7, f"{len(items)} learning objectives (1–7 allowed)"


def test_time_to_learn_and_as_of(nb):
    _, book = nb
    assert re.search(r"\d+\s*(–|-|to)?\s*\d*\s*minutes", section_text(book, "Time to learn"))
    as_of = section_text(book, "As of")
    assert "19 July 2022" in as_of, "the as-of box names the article date"
    assert re.search(r"data|vintage|compiled", as_of, re.I), "the as-of box names the data vintage"


def test_imports_come_first(nb):
    _, book = nb
    cells = book.cells
    idx = next(i for i, c in enumerate(cells)
               if c.cell_type == "markdown" and c.source.startswith("## Imports"))
    first_code = next(c for c in cells[idx:] if c.cell_type == "code")
    assert re.search(r"^(from|import) ", first_code.source, re.M)
    later = [c for c in cells[idx:] if c.cell_type == "code" and c is not first_code]
    for c in later:
        assert not re.search(r"^(from \S+ )?import ", c.source, re.M), \
            f"imports belong in the Imports cell, found one in:\n{c.source}"
    assert not any(c.cell_type == "code" for c in cells[:idx]), "no code before Imports"


def test_exercises_have_collapsed_solutions(nb):
    path, book = nb
    text = section_text(book, "Exercises")
    exercises = re.findall(r"^### Exercise \d+", text, re.M)
    key = "template" if path == TEMPLATE else path.stem[:2]
    assert len(exercises) >= MIN_EXERCISES.get(key, 3), f"{len(exercises)} exercises"
    blocks = re.split(r"^### Exercise \d+.*$", text, flags=re.M)[1:]
    for i, block in enumerate(blocks, 1):
        assert re.search(r"<details>\s*<summary>\s*Solution", block), \
            f"exercise {i} needs a collapsed <details><summary>Solution…"
        assert block.count("<details>") == block.count("</details>")


def test_discussion_prompts(nb):
    _, book = nb
    items = [ln for ln in section_text(book, "Discussion prompts").splitlines()
             if re.match(r"^\s*(-|\*|\d+\.) ", ln)]
    assert len(items) >= 2


def test_code_cells_are_short(nb):
    _, book = nb
    for c in book.cells:
        if c.cell_type == "code":
            n = len([ln for ln in c.source.splitlines() if ln.strip()])
            assert n <= MAX_CODE_LINES, f"{n}-line code cell (max {MAX_CODE_LINES}):\n{c.source}"


def test_markdown_images_have_alt_text(nb):
    _, book = nb
    for c in book.cells:
        if c.cell_type == "markdown":
            for alt in re.findall(r"!\[([^\]]*)\]\(", c.source):
                assert alt.strip(), f"image without alt text in:\n{c.source[:200]}"
            for tag in re.findall(r"<img\b[^>]*>", c.source):
                assert re.search(r'alt="[^"]+"', tag), f"<img> without alt: {tag}"


def test_no_global_plot_state_or_backend(nb):
    _, book = nb
    for c in book.cells:
        if c.cell_type == "code":
            assert "MPLBACKEND" not in c.source
            assert not re.search(r"rcParams\[|mpl\.use\(|matplotlib\.use\(|plt\.style\.use",
                                 c.source), "style is applied through helpers.style, not globally"


def test_nbval_markers_carry_a_reason(nb):
    _, book = nb
    for c in book.cells:
        for m in re.finditer(r"#\s*NBVAL_(IGNORE_OUTPUT|SKIP)(.*)", c.source):
            assert len(m.group(2).strip(" :-")) >= 8, f"NBVAL_{m.group(1)} needs a reason"


def test_outputs_stored_by_one_clean_run(nb):
    path, book = nb
    code = [c for c in book.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts, f"{path.name}: unexecuted cells; run `make outputs`"
    assert counts == list(range(1, len(code) + 1)), \
        f"{path.name}: execution counts {counts} are not one clean top-to-bottom run"
    for c in code:
        for out in c.outputs:
            assert out.output_type != "error" or "raises-exception" in c.metadata.get("tags", [])
            assert not c.metadata.get("execution"), "timing metadata must be stripped"


def test_kernelspec_is_plain_python3(nb):
    _, book = nb
    assert book.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in book.metadata, "saved widget state churns; make outputs strips it"

"""Every exercise has a runnable collapsed solution.

The solutions themselves are executed by the root ``conftest.py``: after nbval has run a
notebook's cells, one more item runs every solution block in that same kernel, so each notebook
executes once per suite. This module checks that the blocks are found.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.notebooks.nbutil import TEMPLATE, numbered_notebooks, read
from tests.notebooks.solutions import solution_blocks

NOTEBOOKS = [*numbered_notebooks(), TEMPLATE]


def test_fence_pattern_finds_blocks():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(
        "## Exercises\n### Exercise 1\n<details><summary>Solution</summary>\n\n"
        "```python\nprint(1)\n```\n</details>\n## Summary\n```python\nnot_a_solution\n```"))
    assert solution_blocks(nb) == ["print(1)\n"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_has_solution_blocks(path):
    assert solution_blocks(read(path)), f"{path.name}: no runnable ```python solution blocks"

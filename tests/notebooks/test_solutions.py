"""Every exercise solution runs: it is executed after the notebook's own cells.

Solutions sit in collapsed ``<details>`` blocks as fenced ``python`` code, so students copy
them; this test keeps them correct when helpers or data change.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.notebooks.nbutil import TEMPLATE, numbered_notebooks, read, section_text

NOTEBOOKS = [*numbered_notebooks(), TEMPLATE]
FENCE = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.S)


def solution_blocks(nb: nbformat.NotebookNode) -> list[str]:
    """The python code of every collapsed solution in the Exercises section."""
    return [m.group(1) for m in FENCE.finditer(section_text(nb, "Exercises"))]


def test_fence_pattern_finds_blocks():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(
        "## Exercises\n### Exercise 1\n<details><summary>Solution</summary>\n\n"
        "```python\nprint(1)\n```\n</details>\n## Summary\n```python\nnot_a_solution\n```"))
    assert solution_blocks(nb) == ["print(1)\n"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_solutions_run_after_the_notebook(path):
    nb = read(path)
    blocks = solution_blocks(nb)
    assert blocks, f"{path.name}: no runnable ```python solution blocks"
    run = nbformat.v4.new_notebook(metadata=nb.metadata)
    run.cells = [nbformat.v4.new_code_cell(c.source) for c in nb.cells if c.cell_type == "code"]
    run.cells += [nbformat.v4.new_code_cell(b) for b in blocks]
    client = NotebookClient(run, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name}: a cell or solution failed:\n{str(exc)[-3000:]}")

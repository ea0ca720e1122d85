"""Find the collapsed exercise solutions of a notebook (fenced python inside ``<details>``)."""

from __future__ import annotations

import re

import nbformat

from tests.notebooks.nbutil import section_text

FENCE = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.S)


def solution_blocks(nb: nbformat.NotebookNode) -> list[str]:
    """The python code of every collapsed solution in the Exercises section."""
    return [m.group(1) for m in FENCE.finditer(section_text(nb, "Exercises"))]

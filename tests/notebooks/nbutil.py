"""Shared helpers for the notebook structure tests."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATE = NOTEBOOKS / "template" / "notebook_template.ipynb"


def numbered_notebooks() -> list[Path]:
    """Every ``NN_snake_case.ipynb`` course notebook, in course order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(path, as_version=4)


def headings(nb: nbformat.NotebookNode, level: int) -> list[str]:
    """All markdown headings of exactly ``level`` (outside fenced code), in order."""
    out = []
    pattern = re.compile(rf"^{'#' * level} (?!#)(.+?)\s*$")
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            elif not in_fence and (m := pattern.match(line)):
                out.append(m.group(1))
    return out


def section_text(nb: nbformat.NotebookNode, title: str) -> str:
    """Markdown text from the ``## title`` heading up to the next ``##`` heading."""
    lines: list[str] = []
    inside = False
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            if inside:
                lines.append("<code cell>")
            continue
        for line in cell.source.splitlines():
            if re.match(r"^## (?!#)", line):
                inside = line[3:].strip() == title
                continue
            if inside:
                lines.append(line)
    return "\n".join(lines)

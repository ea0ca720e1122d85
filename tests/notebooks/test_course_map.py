"""The course map (README and notebook 00) agrees with each notebook's own time to learn."""

from __future__ import annotations

import re

import pytest

from tests.notebooks.nbutil import ROOT, numbered_notebooks, read, section_text

NOTEBOOKS = numbered_notebooks()


def minutes(path) -> int:
    text = section_text(read(path), "Time to learn")
    m = re.search(r"About \**(\d+)\** minutes", text)
    assert m, f"{path.name}: 'Time to learn' should start 'About N minutes'"
    return int(m.group(1))


def map_rows(text: str) -> dict[str, str]:
    """Course-map table rows keyed by notebook number ('00', '01', …)."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^\| (?:\[)?(\d\d)\b", line)
        if m:
            rows[m.group(1)] = line
    return rows


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_readme_map_lists_the_notebook_with_its_time(path):
    rows = map_rows((ROOT / "README.md").read_text())
    row = rows.get(path.name[:2])
    assert row, f"README course map has no row for {path.name}"
    assert f"notebooks/{path.name}" in row
    assert f"| {minutes(path)} min |" in row


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_00_map_gives_the_same_time(path):
    table = section_text(read(NOTEBOOKS[0]), "4. The course map")
    row = next((ln for ln in table.splitlines() if ln.startswith(f"| {path.name[:2]} ·")), None)
    assert row, f"notebook 00's course map has no row for {path.name}"
    assert f"| {minutes(path)} min |" in row

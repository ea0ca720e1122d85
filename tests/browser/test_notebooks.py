"""Every numbered course notebook runs in JupyterLab, and then its what-if views redraw.

Parametrised over ``notebooks/NN_*.ipynb`` at collection time, so a new notebook is covered
without new code (the template, ``notebooks/template/``, is not numbered and is skipped). Each
notebook is opened and run once (Run All): the run must end with every cell run and no error
output; then, on the same page, every registered view whose ``cls.notebook`` is this notebook
(``helpers.views.registry()``) is operated control by control (``_views.check_view``) and one
slider of each figure view is dragged (``_views.drag_first_slider``). A failure says which
part failed: the notebook run (views not operated), or the view and control.

Latencies go to ``.artifacts/browser/latency.csv``, drags to ``.artifacts/browser/drag.csv``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from . import _lab, _views

NOTEBOOKS = _lab.course_notebooks()


@pytest.mark.browser
def test_every_view_has_its_notebook_run():
    """A view whose declared notebook is not among the notebooks run would go untested."""
    missing = {name: entry.cls.notebook for name, entry in _views.VIEWS.items()
               if entry.cls.notebook not in NOTEBOOKS}
    if missing:
        message = (f"views declaring a notebook not found in {_lab.NOTEBOOKS_DIR}: "
                   + ", ".join(f"{n!r} -> {nb!r}" for n, nb in sorted(missing.items())))
        if _lab.NOTEBOOKS_OVERRIDDEN:  # a developer's subset of notebooks: not an error
            pytest.skip(message + " (COURSE_NOTEBOOKS_DIR is set)")
        pytest.fail(message, pytrace=False)


@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_its_views_redraw(page, lab_server, latency_csv: Path,
                                            drag_csv: Path, notebook):
    names = _views.views_of(notebook)
    stem = _lab.artifact_name(f"notebook-{notebook.removesuffix('.ipynb')}")
    result = _lab.run_notebook(page, lab_server, notebook, workspace=stem)
    shots = _lab.screenshot_notebook(page, stem)
    _lab.TIMINGS.append((notebook, "open+kernel ready", result.open_s))
    _lab.TIMINGS.append((notebook, "run all", result.run_s))
    print(f"\n[browser] {notebook}: kernel ready {result.open_s:.1f} s, run all "
          f"{result.run_s:.1f} s, screenshots {[s.name for s in shots]}")

    if (result.state.get("kernelName") != lab_server.kernel_display_name
            or result.unexpected_errors or result.outcome != "done"):
        untouched = f"; its views {names} were not operated" if names else ""
        pytest.fail(f"NOTEBOOK RUN FAILED: {notebook}{untouched}\nexpected kernel "
                    f"{lab_server.kernel_display_name!r}, every cell run, no error output\n"
                    f"{_lab.describe(result)}", pytrace=False)

    # Every view is operated even when an earlier one failed; the report lists each failure.
    failures: list[str] = []
    t0 = time.perf_counter()
    for name in names:
        view_stem = _lab.artifact_name(f"view-{name}")
        try:
            report = _views.check_view(page, name, view_stem, latency_csv)
        except _views.ViewFailure as exc:
            failures.append(str(exc))
            _shot(page, name, f"{view_stem}-FAIL.png")
            continue
        try:
            _views.drag_first_slider(page, name, drag_csv, local=report.local)
        except _views.ViewFailure as exc:
            failures.append(str(exc))
            _shot(page, name, f"{view_stem}-drag-FAIL.png")
    if names:
        _lab.TIMINGS.append((notebook, f"{len(names)} view(s)", time.perf_counter() - t0))
        _lab.screenshot_notebook(page, f"{stem}-after-views", whole=False)  # views: own shots
    if failures:
        pytest.fail(f"VIEW FAILED in {notebook} (the notebook itself ran cleanly):\n- "
                    + "\n- ".join(failures), pytrace=False)


def _shot(page, name: str, file: str) -> None:
    """Screenshot the failing view (never masking the failure itself)."""
    try:
        page.locator(f".whatif-view-{name}").first.screenshot(path=_lab.ARTIFACTS / file,
                                                              timeout=5_000)
    except Exception as exc:
        print(f"[browser] screenshot of view {name!r} failed: {exc!r}")

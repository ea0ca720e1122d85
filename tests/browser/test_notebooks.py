"""Every numbered course notebook runs top to bottom in JupyterLab without an error output.

Parametrised over ``notebooks/NN_*.ipynb`` at collection time, so a new notebook is covered
without new code. The template (``notebooks/template/``) is not numbered and is skipped.
"""

from __future__ import annotations

import pytest

from . import _lab

NOTEBOOKS = _lab.course_notebooks()


@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_without_errors(page, lab_server, notebook):
    stem = _lab.artifact_name(f"notebook-{notebook.removesuffix('.ipynb')}")
    result = _lab.run_notebook(page, lab_server, notebook, workspace=stem)
    shots = _lab.screenshot_notebook(page, stem)
    _lab.TIMINGS.append((notebook, "open+kernel ready", result.open_s))
    _lab.TIMINGS.append((notebook, "run all", result.run_s))
    print(f"\n[browser] {notebook}: kernel ready {result.open_s:.1f} s, run all "
          f"{result.run_s:.1f} s, screenshots {[s.name for s in shots]}")

    if (result.state.get("kernelName") != lab_server.kernel_display_name
            or result.unexpected_errors or result.outcome != "done"):
        pytest.fail(f"expected kernel {lab_server.kernel_display_name!r}, every cell run, no "
                    f"error output\n{_lab.describe(result)}", pytrace=False)

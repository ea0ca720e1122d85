"""Fixtures of the browser tests: one private JupyterLab and one Chromium per session.

Without Debian's Chromium every browser test is skipped with a loud reason (developer machine);
with ``CI=true`` a missing browser fails the run instead.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import _lab

_MISSING_BROWSER = (
    "BROWSER TESTS NOT RUN: {what}. Install Debian's Chromium with "
    "`sudo apt-get install -y chromium` (never `playwright install`), then `make browser`."
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)  # read by the page fixture to dump state on failure
    return rep


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; skip (developer) or fail (CI=true) when it or Playwright is missing."""
    what = None
    if not (_lab.CHROMIUM.is_file() and _lab.CHROMIUM.stat().st_mode & 0o111):
        what = f"{_lab.CHROMIUM} not found"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            what = ("the Python package playwright is not installed "
                    "(pip install -r requirements.txt)")
    if what is not None:
        message = _MISSING_BROWSER.format(what=what)
        if _lab.IN_CI:
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    return _lab.CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    """One headless Chromium for the session (Playwright gives it a fresh profile dir)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium_path), headless=True,
                               args=_lab.CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def lab_server(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[_lab.LabServer]:
    """A private JupyterLab on a temporary, output-stripped copy of the notebooks."""
    # Depends on `browser` so that a missing Chromium skips before a server is started.
    _lab.clear_artifacts()
    server = _lab.start_server(tmp_path_factory.mktemp("lab"))
    print(f"\n[browser] JupyterLab up in {server.timings['server_start_s']:.1f} s "
          f"at {server.base_url} (root {server.root})")
    try:
        yield server
    finally:
        t0 = time.perf_counter()
        server.stop()
        _lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            (_lab.ARTIFACTS / "jupyter-server.log").write_text(
                server.log_path.read_text(errors="replace"))
        except OSError:
            pass
        print(f"\n[browser] JupyterLab stopped in {time.perf_counter() - t0:.1f} s")


@pytest.fixture(scope="session")
def latency_csv(lab_server: _lab.LabServer) -> Path:
    """``.artifacts/browser/latency.csv`` (view, control, ms), started afresh each session."""
    _lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = _lab.ARTIFACTS / "latency.csv"
    path.write_text("view,control,ms\n")
    return path


@pytest.fixture(scope="session")
def drag_csv(lab_server: _lab.LabServer) -> Path:
    """``.artifacts/browser/drag.csv``, one row per slider drag, started afresh each session."""
    _lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = _lab.ARTIFACTS / "drag.csv"
    path.write_text("view,control,frames,seconds,fps,final_value,frames_after_release\n")
    return path


@pytest.fixture
def page(browser: Any, lab_server: _lab.LabServer, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context and page per test; state dump + screenshot when the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(_lab.TIMEOUT_MS)
    pg = context.new_page()
    pg.set_default_timeout(_lab.TIMEOUT_MS)
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    pg.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}")
          if m.type == "error" else None)
    try:
        yield pg
    finally:
        rep = getattr(request.node, "rep_call", None)
        if (rep is None or rep.failed) and pg.url != "about:blank":
            stem = _lab.artifact_name(request.node.name) + "-FAIL"
            state = _lab.notebook_state(pg)
            dump = {"test": request.node.nodeid, "url": pg.url, "state": state,
                    "browser_problems": problems[-30:], "server_log_tail": lab_server.log_tail()}
            _lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
            (_lab.ARTIFACTS / f"{stem}.json").write_text(json.dumps(dump, indent=1))
            try:
                shots = _lab.screenshot_notebook(pg, stem)
            except Exception as exc:  # never mask the test's own failure
                shots = [f"screenshot failed: {exc!r}"]
            print(f"\n[browser] FAILED {request.node.nodeid}\n  state: {json.dumps(state)}\n"
                  f"  browser problems: {problems[-10:]}\n  artifacts: {shots}\n"
                  f"  server log tail:\n{lab_server.log_tail(20)}")
        context.close()
        lab_server.shutdown_sessions()  # the next test gets a fresh kernel

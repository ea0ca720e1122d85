"""Fuzz-suite setup: a scratch working directory, no real display, and the probe table.

Probes pass relative paths (``""``, ``"no_such_file.txt"``); they resolve inside an empty
temporary folder, never in the checkout. ``IPython.display.display`` is silenced (the probes of
``show_figure`` would print figures). At the end of the session one line per module reports the
probes and their outcomes, e.g. ``fuzz: helpers.text.mentions 84 probes, 0 silent, 0 deep, ...``.
Under pytest-xdist each worker hands its counts to the controller, which adds them up.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.fuzz import harness


@pytest.fixture(autouse=True)
def _fuzz_sandbox(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    yield


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: send the counts to the controller
        workeroutput["fuzz_counts"] = {m: dict(c) for m, c in harness.COUNTS.items()}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    for module, counts in getattr(node, "workeroutput", {}).get("fuzz_counts", {}).items():
        harness.COUNTS.setdefault(module, Counter()).update(counts)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = list(harness.summary_lines())
    if lines:
        terminalreporter.section("fuzz probes per module")
        for line in lines:
            terminalreporter.write_line(line)

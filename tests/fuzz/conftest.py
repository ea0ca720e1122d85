"""Fuzz-suite setup: a scratch working directory, no real display, and the probe table.

Probes pass relative paths (``""``, ``"no_such_file.txt"``); they resolve inside an empty
temporary folder, never in the checkout. ``IPython.display.display`` is silenced (the probes of
``show_figure`` would print figures). At the end of the session one line per module reports the
probes and their outcomes, e.g. ``fuzz: helpers.text.mentions 84 probes, 0 silent, 0 deep, ...``.
"""

from __future__ import annotations

import pytest

from tests.fuzz import harness


@pytest.fixture(autouse=True)
def _fuzz_sandbox(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    yield


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = list(harness.summary_lines())
    if lines:
        terminalreporter.section("fuzz probes per module")
        for line in lines:
            terminalreporter.write_line(line)

"""Test-wide settings.

Hypothesis: no per-example deadline (a 2-core machine under load would make timing flaky) and
no example database written into the checkout. Under ``CI=true`` the examples are derandomized,
so a CI failure is reproducible by running the same command again; locally they stay random, to
keep exploring.

End-of-session tables: the fuzz suite's probes per module and the browser tests' wall times,
latencies and drags. Under pytest-xdist each worker hands its rows to the controller (the
controller loads this file, not the sub-folders' conftests), which writes the tables once.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest
from hypothesis import settings

from tests.browser import _lab
from tests.fuzz import harness

settings.register_profile("local", deadline=None, database=None)
settings.register_profile("ci", deadline=None, database=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: send its rows to the controller
        workeroutput["fuzz_counts"] = {m: dict(c) for m, c in harness.COUNTS.items()}
        workeroutput["browser"] = {"timings": _lab.TIMINGS, "latencies": _lab.LATENCIES,
                                   "drags": _lab.DRAGS}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    out = getattr(node, "workeroutput", {})
    for module, counts in out.get("fuzz_counts", {}).items():
        harness.COUNTS.setdefault(module, Counter()).update(counts)
    rows = out.get("browser", {})
    _lab.TIMINGS.extend(tuple(r) for r in rows.get("timings", []))
    _lab.LATENCIES.extend(tuple(r) for r in rows.get("latencies", []))
    _lab.DRAGS.extend(rows.get("drags", []))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = list(harness.summary_lines())
    if lines:
        terminalreporter.section("fuzz probes per module")
        for line in lines:
            terminalreporter.write_line(line)
    _lab.write_summary(terminalreporter)

"""Fuzz-suite setup: a scratch working directory, no real display, and the probe table.

Probes pass relative paths (``""``, ``"no_such_file.txt"``); they resolve inside an empty
temporary folder, never in the checkout. ``IPython.display.display`` is silenced (the probes of
``show_figure`` would print figures). The probe table at the end of the session
(``fuzz: helpers.text.mentions 84 probes, 0 silent, 0 deep, ...``) is written by
``tests/conftest.py``, which also gathers it from pytest-xdist workers.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fuzz_sandbox(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    yield

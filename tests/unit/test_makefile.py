"""The two commands keep their promises (checked on `make -n`, without running them)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dry_run(target: str) -> str:
    res = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return res.stdout


def test_lab_serves_notebook_00_on_loopback_with_auth():
    joined = dry_run("lab").replace("\\\n", " ")
    cmd = [ln for ln in joined.splitlines() if "jupyter lab" in ln]
    assert len(cmd) == 1
    line = cmd[0]
    assert "--ServerApp.ip=127.0.0.1" in line
    assert "/lab/tree/notebooks/00_start_here.ipynb" in line
    for bad in ("token=''", 'token=""', "disable_check_xsrf", "password=''"):
        assert bad not in line
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_test_target_runs_lint_catalog_and_strict_nbval():
    out = dry_run("test").replace("\\\n", " ")
    assert "ruff check" in out and "make_catalog.py --check" in out
    pytest_line = next(ln for ln in out.splitlines() if "-m pytest" in ln)
    assert "--nbval " in pytest_line and "--nbval-lax" not in pytest_line
    assert "--nbval-current-env" in pytest_line and "nbval_sanitize.cfg" in pytest_line
    assert "tests" in pytest_line.split() and "notebooks" in pytest_line.split()
    assert "--ignore" not in pytest_line, "make test runs every test, the browser tests too"
    assert "MPLBACKEND" not in out


def test_inherited_matplotlib_backend_never_reaches_kernels():
    """`unexport` keeps an MPLBACKEND from the shell (e.g. Agg in CI) out of every recipe."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    recipe = "show-backend:\n\t@echo [$$MPLBACKEND]\n"
    res = subprocess.run(["make", "--no-print-directory", "-f", "Makefile", "-f", "-",
                          "show-backend"], cwd=ROOT, input=recipe,
                         capture_output=True, text=True, env=env, check=True)
    assert res.stdout.strip() == "[]"

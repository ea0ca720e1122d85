"""Benchmark report for the course (``make bench``): a report, not a timed test.

Measures, on this machine:

* the *floor*: wall time of ``pytest --nbval`` on a one-cell notebook (kernel start + pytest);
* each notebook's strict-nbval wall time and its ratio to the floor (goal: < 3x);
* each registered what-if view's kernel-side update latency (model + artist update + PNG),
  median and 95th percentile over a sweep of every control (goal: median < 60 ms);
* each view model's median call time (goal: < 5 ms, a small share of a redraw);
* ``import helpers`` time (and the view modules);
* the frame rate of a slider dragged by the mouse in JupyterLab (goal: >= 15 fps), read from
  ``.artifacts/browser/drag.csv`` as the last ``make browser`` left it (not measured here);
* optionally ``make check`` (goal: < 1 minute) and the whole ``make test`` with a warm venv
  (goal: < 3 minutes), and ``make test`` projected to eight notebooks.

Prints a table and writes it to ``--output``.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Written by the browser tests (``make browser``): one row per slider drag.
DRAG_CSV = ROOT / ".artifacts" / "browser" / "drag.csv"
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         str(ROOT / "tests" / "nbval_sanitize.cfg"), "-q", "-p", "no:cacheprovider"]


def wall(cmd: list[str], cwd: Path = ROOT) -> float:
    """Run a command, fail loudly if it fails, and return its wall time in seconds."""
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    return took


def floor(repeats: int) -> float:
    """Median wall time of strict nbval on an empty one-cell notebook."""
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_code_cell("pass", execution_count=1))
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        path = Path(tmp) / "empty.ipynb"
        nbformat.write(nb, path)
        return statistics.median(wall([sys.executable, "-m", "pytest", str(path), *NBVAL])
                                 for _ in range(repeats))


def notebook_times() -> dict[str, float]:
    """Strict-nbval wall time of each course notebook."""
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return {p.name: wall([sys.executable, "-m", "pytest", str(p), *NBVAL]) for p in paths}


def view_latencies(per_control: int) -> dict[str, list[float]]:
    """Kernel-side update latency (ms) of every registered view over a sweep of its controls."""
    from helpers import views as views
    from helpers.checks import ParameterError

    out: dict[str, list[float]] = {}
    for name, entry in views.registry().items():
        view = entry.factory()
        view.snapshot()  # warm caches (a PNG for a figure view, HTML for a table view)
        samples: list[float] = []
        for control in view.controls:
            values = control.sweep(per_control)
            for value in values + values[::-1]:
                start = time.perf_counter()
                try:
                    view.update(**{control.name: value})
                except ParameterError:  # a combination the view's rule refuses: no redraw
                    continue
                view.snapshot()
                samples.append((time.perf_counter() - start) * 1000)
            view.reset()
        out[name] = samples
    return out


def model_times(repeats: int = 200) -> dict[str, float]:
    """Median call time (ms) of each model of a what-if view, at its documented example."""
    from helpers.models import astana, oil, sanctions

    calls = {
        "models.astana.astana_bargain (credible option)": lambda: astana.astana_bargain(
            {"RUS": (0.85, 0.35), "IRN": (0.95, 0.10), "TUR": (0.30, 0.90)}, (0.6, 0.6),
            unilateral=("TUR", (0.55, 0.95))),
        "models.oil.teapot_choice (180 days)": lambda: oil.teapot_choice(
            90.0, {"iran": 10.0, "russia": 30.0, "other": 0.0}, days=180),
        "models.sanctions.deal_split (outside)": lambda: sanctions.deal_split(
            1.0, 0.3, 0.2, mode="outside"),
    }
    out = {}
    for name, call in calls.items():
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(samples)
    return out


def import_time(module: str, repeats: int = 3) -> float:
    """Median seconds to import a module in a fresh interpreter."""
    code = (f"import time; t = time.perf_counter(); import {module}; "
            "print(time.perf_counter() - t)")
    vals = []
    for _ in range(repeats):
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        vals.append(float(res.stdout.strip()))
    return statistics.median(vals)


def drag_rates(path: Path = DRAG_CSV) -> tuple[list[dict[str, str]], str]:
    """Slider drags measured by the last browser run, and a line saying where they came from.

    Returns
    -------
    (list of dict, str)
        The rows of ``drag.csv`` (view, control, frames, seconds, fps, ...) and their origin;
        no rows and "not measured: run make browser" when the file is missing or empty.
    """
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        with path.open(newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError:
        return [], "not measured: run make browser"
    if not rows:
        return [], f"not measured ({shown} has no drag): run make browser"
    when = datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return rows, f"from {shown}, written {when} by the browser tests (make test or make browser)"


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    s = sorted(values)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def report(args: argparse.Namespace) -> tuple[str, bool]:
    """Measure everything and return (report text, all goals met)."""
    lines, ok = [], True
    base = floor(args.repeats)
    py = sys.version.split()[0]
    lines += ["Course benchmark", f"machine: {os.cpu_count()} cores, Python {py}", "",
              f"{'item':<52} {'value':>10} {'goal':>12} {'ok':>4}", "-" * 82]

    def row(item: str, value: str, goal: str, good: bool) -> None:
        nonlocal ok
        ok &= good
        lines.append(f"{item:<52} {value:>10} {goal:>12} {'yes' if good else 'NO':>4}")

    row("empty-notebook floor (kernel + pytest)", f"{base:.2f} s", "-", True)
    nb_times = notebook_times()
    for name, secs in nb_times.items():
        ratio = secs / base
        row(f"nbval {name}", f"{secs:.2f} s", f"< {3 * base:.1f} s", ratio < 3)
        lines.append(f"{'':<52} {ratio:>9.2f}x {'< 3x floor':>12}")
    for name, samples in view_latencies(args.per_control).items():
        med = statistics.median(samples)
        row(f"view {name}: median update ({len(samples)} moves)", f"{med:.1f} ms", "< 60 ms",
            med < 60)
        row(f"view {name}: p95 update", f"{p95(samples):.1f} ms", "-", True)
    for name, ms in model_times().items():
        row(f"{name}: median call", f"{ms:.3f} ms", "< 5 ms", ms < 5)
    drags, origin = drag_rates()
    lines.append(f"browser slider drags: {origin}")
    for d in drags:
        fps = float(d["fps"])
        row(f"drag {d['view']}.{d['control']}: {d['frames']} frames / {float(d['seconds']):.2f} s",
            f"{fps:.1f} fps", ">= 15 fps", fps >= 15)
    row("import helpers", f"{import_time('helpers') * 1000:.0f} ms", "-", True)
    row("import helpers.views + every view module",
        f"{import_time('helpers.views; helpers.views.registry()') * 1000:.0f} ms", "-", True)
    if not args.skip_make_test:
        secs = wall(["make", "check"])
        row("make check (warm venv)", f"{secs:.0f} s", "< 60 s", secs < 60)
        secs = wall(["make", "test"])
        row("make test (warm venv)", f"{secs:.0f} s", "< 180 s", secs < 180)
        # A notebook costs about its nbval run (cells + solutions) plus one browser Run All of
        # similar length: the projection adds that per missing notebook up to eight.
        per_nb = 2 * statistics.mean(nb_times.values())
        projected = secs + max(0, 8 - len(nb_times)) * per_nb
        row(f"make test projected at 8 notebooks (+{per_nb:.0f} s each)", f"{projected:.0f} s",
            "< 180 s", projected < 180)
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Course benchmark report")
    parser.add_argument("--output", type=Path, help="also write the report here")
    parser.add_argument("--repeats", type=int, default=3, help="floor measurements")
    parser.add_argument("--per-control", type=int, default=7, help="slider positions per control")
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test`")
    args = parser.parse_args(argv)
    text, ok = report(args)
    print(text)
    print("all goals met" if ok else "SOME GOALS MISSED (see rows marked NO)")
    if args.output:
        args.output.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

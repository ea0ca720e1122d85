"""Re-execute every course notebook in place and store deterministic outputs.

Usage: ``python scripts/regenerate_outputs.py [NOTEBOOK ...]`` (``make outputs`` runs it on all).

Uses nbclient (the engine behind ``jupyter nbconvert --execute``) with per-cell timing metadata
off, then removes what would change on every run without carrying information:

* live-widget model references (``application/vnd.jupyter.widget-view+json``) and the saved
  widget state: their ids are random uuid4s and the state would store every PNG a second time.
  Each view also displays a static PNG and a plain-text fallback, which stay;
* the kernel's execution metadata.

Running it twice leaves ``git diff`` empty. Read the diff of the first run before committing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def course_notebooks() -> list[Path]:
    """Every notebook nbval checks: numbered notebooks and the template, sorted."""
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def strip_volatile(nb: nbformat.NotebookNode) -> None:
    """Drop widget model references, saved widget state and execution metadata in place."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if "text/plain" not in data:
                    data["text/plain"] = "[interactive widget: run the cell in Jupyter]"


def run(path: Path, timeout: int) -> float:
    """Execute one notebook in its own folder and write it back; return seconds taken."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    # coalesce_streams: consecutive prints become one stream output whatever the timing (nbval
    # coalesces them too when it compares), so a busy machine cannot split them differently.
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            coalesce_streams=True,
                            store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    strip_volatile(nb)
    nb.metadata.get("kernelspec", {}).update({"name": "python3", "display_name": "Python 3"})
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every course notebook")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or course_notebooks()
    for path in paths:
        seconds = run(path, args.timeout)
        print(f"{seconds:6.1f} s  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

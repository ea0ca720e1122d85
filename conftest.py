"""Run each notebook's exercise solutions in the kernel nbval already used for the notebook.

nbval executes a notebook's code cells one test item per cell. This hook appends one more item
per notebook, "exercise solutions", which runs every collapsed solution block (fenced
``python`` code inside ``<details>`` in the Exercises section) in that same kernel, after the
last cell. So a suite executes each notebook once, and a solution that no longer runs fails —
as does one whose self-check, run at its end, does not accept it ("✗ Not yet" or "no answer").
"""

from __future__ import annotations

import queue

import pytest

from tests.notebooks.solutions import solution_blocks

SOLUTION_TIMEOUT = 120  # seconds per solution block
#: Printed by a self-check (helpers.exercises.Verdict) that does not accept the answer.
REJECTED = ("✗ Not yet:", "no answer yet")


class SolutionsItem(pytest.Item):
    """Executes a notebook's solution blocks in the notebook's nbval kernel."""

    def __init__(self, *, blocks: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.blocks = blocks

    def runtest(self) -> None:  # noqa: D102 - pytest hook
        kernel = self.parent.kernel
        for n, code in enumerate(self.blocks, start=1):
            msg_id = kernel.execute_cell_input(code, allow_stdin=False)
            kernel.await_reply(msg_id, timeout=SOLUTION_TIMEOUT)
            while True:
                try:
                    msg = kernel.get_message(stream="iopub", timeout=SOLUTION_TIMEOUT)
                except queue.Empty:
                    raise AssertionError(f"solution {n}: no reply from the kernel") from None
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    c = msg["content"]
                    raise AssertionError(f"solution {n} fails: {c['ename']}: {c['evalue']}\n"
                                         f"{code}")
                shown = _text(msg)
                if any(mark in shown for mark in REJECTED):
                    raise AssertionError(f"solution {n} is rejected by its own self-check: "
                                         f"{shown.strip()}\n{code}")
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break

    def repr_failure(self, excinfo, style=None):  # noqa: D102 - pytest hook
        return str(excinfo.value)

    def reportinfo(self):  # noqa: D102 - pytest hook
        return self.path, None, f"{self.parent.name}::exercise solutions"


def _text(msg: dict) -> str:
    """Return the text a kernel message shows (stream text, or the plain text of a result)."""
    content = msg.get("content", {})
    if msg["msg_type"] == "stream":
        return content.get("text", "")
    if msg["msg_type"] in ("execute_result", "display_data"):
        return content.get("data", {}).get("text/plain", "")
    return ""


def pytest_collection_modifyitems(session, config, items):
    """After each notebook's last nbval cell item, add its solutions item."""
    out, last_parent = [], None
    for item in items:
        parent = getattr(item, "parent", None)
        if last_parent is not None and parent is not last_parent:
            out += _solutions_for(last_parent)
        out.append(item)
        last_parent = parent if type(parent).__name__ == "IPyNbFile" else None
    if last_parent is not None:
        out += _solutions_for(last_parent)
    items[:] = out


def _solutions_for(nb_file) -> list[pytest.Item]:
    import nbformat

    blocks = solution_blocks(nbformat.read(str(nb_file.path), as_version=4))
    if not blocks:
        return []
    return [SolutionsItem.from_parent(nb_file, name="exercise solutions", blocks=blocks)]

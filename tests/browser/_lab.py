"""A private JupyterLab server and the page helpers the browser tests share.

Everything here follows what was measured on these machines: a server of our own on
127.0.0.1 with a random token and isolated Jupyter/IPython/matplotlib dirs, Debian's Chromium
(never a downloaded browser), and waits on DOM *state* (kernel name + idle indicator, prompts,
``img.src``), never on sleeps.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
#: Folder whose ``NN_*.ipynb`` notebooks are tested. Override with COURSE_NOTEBOOKS_DIR, e.g. to
#: point the suite at a throwaway notebook while developing.
NOTEBOOKS_OVERRIDDEN = bool(os.environ.get("COURSE_NOTEBOOKS_DIR"))
NOTEBOOKS_DIR = Path(os.environ.get("COURSE_NOTEBOOKS_DIR") or REPO / "notebooks").resolve()
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
ARTIFACTS = REPO / ".artifacts" / "browser"
#: Debian's Chromium. COURSE_CHROMIUM overrides the path (e.g. to check the missing-browser path).
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # the server is on loopback; never route it through an HTTP proxy
]
#: Repo folders the kernel may reach through relative paths such as ``../seeds/data``; they are
#: symlinked next to the notebook copies (read-only use is assumed).
SIBLINGS = ("helpers", "seeds")
TIMEOUT_MS = 60_000
IN_CI = os.environ.get("CI", "").strip().lower() == "true"

#: Filled by the tests, printed in the terminal summary: (notebook, phase, seconds),
#: (view, control, milliseconds) and one row per slider drag (see ``_views.drag_first_slider``).
TIMINGS: list[tuple[str, str, float]] = []
LATENCIES: list[tuple[str, str, float]] = []
DRAGS: list[dict[str, Any]] = []


def course_notebooks() -> list[str]:
    """File names of the numbered course notebooks, in course order (collection time)."""
    return sorted(p.name for p in NOTEBOOKS_DIR.glob(NOTEBOOK_GLOB))


def clear_artifacts() -> None:
    """Remove the files an earlier session left in ``.artifacts/browser/`` (start of a session)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in ARTIFACTS.iterdir():
        if path.is_file() and path.suffix in (".png", ".json", ".csv", ".log"):
            path.unlink()


def artifact_name(text: str) -> str:
    """A file-name-safe version of a test id."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")


# --------------------------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------------------------
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _strip_outputs(root: Path) -> None:
    """Clear outputs, prompts and saved widget state of every notebook copy under ``root``.

    The copies are untrusted anyway (fresh JUPYTER_DATA_DIR, so no signature database), but a
    stored ``[3]:`` prompt or image could still satisfy a wait; stripping makes every state the
    tests wait for come from this run.
    """
    for path in root.rglob("*.ipynb"):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        nb.get("metadata", {}).pop("widgets", None)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass
class LabServer:
    """A running private JupyterLab; talk to it with :meth:`api`, stop it with :meth:`stop`."""

    base_url: str
    token: str
    root: Path
    proc: subprocess.Popen[bytes]
    log_path: Path
    kernel_display_name: str = "Python 3 (ipykernel)"
    timings: dict[str, float] = field(default_factory=dict)

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.base_url}{path}", data=data, method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with _NO_PROXY.open(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def lab_url(self, notebook: str, workspace: str) -> str:
        """URL opening ``notebook`` in a fresh, named workspace (so no earlier tab is restored)."""
        quoted = urllib.parse.quote(notebook)
        return (f"{self.base_url}/lab/workspaces/{urllib.parse.quote(workspace)}/tree/{quoted}"
                f"?token={self.token}")

    def shutdown_sessions(self) -> None:
        """Delete every session (and its kernel), so the next test starts a fresh kernel."""
        try:
            for s in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{s['id']}")
            for k in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{k['id']}")
        except (OSError, urllib.error.URLError):
            pass

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def stop(self) -> None:
        """Shut the kernels down over REST, then SIGTERM the server and wait for it."""
        if self.proc.poll() is None:
            self.shutdown_sessions()
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _server_env(base: Path, token: str) -> dict[str, str]:
    env = dict(os.environ)
    # MPLBACKEND would reach the kernel and make inline figures vanish (notes §2 (i)); the other
    # variables would let a developer's own Jupyter setup leak into the private server.
    for var in ("MPLBACKEND", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH",
                "JUPYTER_PLATFORM_DIRS", "JUPYTER_TOKEN", "JUPYTERLAB_DIR"):
        env.pop(var, None)
    dirs = {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
    }
    for var, sub in dirs.items():
        (base / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(base / sub)
    # The news toast ("get notified about official Jupyter news?") overlaps the notebook;
    # only this settings file removes it (notes §4).
    notif = base / "lab-settings" / "@jupyterlab" / "apputils-extension"
    notif.mkdir(parents=True, exist_ok=True)
    (notif / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env["JUPYTER_TOKEN"] = token  # via the environment, so the token is not in `ps` output
    return env


def start_server(base: Path) -> LabServer:
    """Copy the notebooks into ``base`` and start a private JupyterLab on them.

    Parameters
    ----------
    base : pathlib.Path
        An empty temporary directory; everything the server writes stays in it.

    Returns
    -------
    LabServer

    Raises
    ------
    RuntimeError
        With the server log when it does not come up, or when ``python3`` would not run the
        venv's interpreter.
    """
    t0 = time.perf_counter()
    course = base / "course"
    root = course / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, root,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    _strip_outputs(root)
    for name in SIBLINGS:
        if (REPO / name).exists():
            (course / name).symlink_to(REPO / name, target_is_directory=True)
    token = secrets.token_hex(24)
    env = _server_env(base / "jupyter", token)
    log_path = base / "jupyter-server.log"
    last_error = ""
    for _attempt in range(3):  # the free port can be taken between probing and binding
        port = _free_port()
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={root}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")  # as root Jupyter refuses to start without it
        with open(log_path, "ab") as log:
            proc = subprocess.Popen(cmd, env=env, cwd=root, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=subprocess.STDOUT)
        server = LabServer(f"http://127.0.0.1:{port}", token, root, proc, log_path)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with _NO_PROXY.open(f"{server.base_url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        else:
            last_error = server.log_tail()
            server.stop()
            continue
        server.timings["server_start_s"] = time.perf_counter() - t0
        _check_kernelspec(server)
        return server
    raise RuntimeError(f"JupyterLab did not start (3 attempts); log tail:\n{last_error}")


def _check_kernelspec(server: LabServer) -> None:
    """Fail unless the ``python3`` kernel resolves to this venv's interpreter."""
    specs = server.api("GET", "/api/kernelspecs")
    spec = specs.get("kernelspecs", {}).get("python3")
    if spec is None:
        server.stop()
        raise RuntimeError(f"no python3 kernelspec; found {sorted(specs.get('kernelspecs', {}))}")
    argv0 = spec["spec"]["argv"][0]
    major, minor = sys.version_info[:2]
    # jupyter_client swaps a bare python/python3 for the server's sys.executable (the venv).
    if argv0 not in ("python", "python3", f"python{major}.{minor}") and (
            Path(argv0).resolve() != Path(sys.executable).resolve()):
        server.stop()
        raise RuntimeError(f"kernelspec python3 runs {argv0!r}, not this venv's {sys.executable}")
    server.kernel_display_name = spec["spec"]["display_name"]


# --------------------------------------------------------------------------------------------
# Page helpers (Playwright sync API)
# --------------------------------------------------------------------------------------------
#: Snapshot of the notebook's state: kernel, prompts, error outputs. Used by waits and dumps.
STATE_JS = r"""() => {
  const INDICATOR = '.jp-Notebook-ExecutionIndicator';
  const panel = document.querySelector('.jp-NotebookPanel');
  const dialog = document.querySelector('.jp-Dialog')?.innerText ?? null;
  if (!panel) return {panel: false, dialog};
  const text = el => (el?.textContent ?? '').trim();
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')];
  // JupyterLab 4.6 renders an *error* output (ename/evalue/traceback) with the same
  // stderr renderer as a warning, so the DOM cannot tell them apart by class or mime type.
  // What differs is the text: an IPython traceback ends with an "Name(Error|...): msg" line
  // and starts with a rule of dashes or "Traceback"/"Cell In[n]" frames. Warnings print as
  // "path:line: SomeWarning: msg". Raw stderr text is therefore only an error if it matches.
  const errRe = new RegExp(['(^|\\n)-{20,}\\n', 'Traceback \\(most recent call last\\)',
                            '(^|\\n)\\s*Cell In\\[\\d+\\], line \\d+'].join('|'));
  const errors = [];
  cells.forEach((c, i) => {
    c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
      .forEach(o => {
        const t = o.textContent;
        if (errRe.test(t)) errors.push({cell: i, text: t.slice(-1500)});
      });
    // A widget view that failed to render (e.g. a missing model) leaves this message instead.
    c.querySelectorAll('.jp-OutputArea-output').forEach(o => {
      const t = o.textContent.trim();
      if (t.startsWith('Error displaying widget')) errors.push({cell: i, text: t.slice(0, 600)});
    });
  });
  return {
    panel: true,
    kernelName: text(panel.querySelector('.jp-Toolbar-kernelName')),
    status: panel.querySelector(INDICATOR)?.getAttribute('data-status') ?? null,
    prompts: cells.map(c => text(c.querySelector('.jp-InputArea-prompt'))),
    errors,
    statusBar: (document.querySelector('#jp-main-statusbar')?.innerText ?? '')
      .replace(/\s+/g, ' ').trim(),
    dialog,
  };
}"""

_READY_JS = r"""() => {
  const INDICATOR = '.jp-Notebook-ExecutionIndicator';
  const panel = document.querySelector('.jp-NotebookPanel');
  if (document.querySelector('.jp-Dialog')) return 'dialog';
  if (!panel) return false;
  const name = (panel.querySelector('.jp-Toolbar-kernelName')?.textContent ?? '').trim();
  const status = panel.querySelector(INDICATOR)?.getAttribute('data-status');
  // The idle indicator alone lies during start-up (notes §4): require a real kernel name too.
  const named = name !== '' && name !== 'No Kernel' && name !== 'Kernel';
  return named && status === 'idle' ? 'ready' : false;
}"""

_RAN_JS = r"""() => {
  const INDICATOR = '.jp-Notebook-ExecutionIndicator';
  const panel = document.querySelector('.jp-NotebookPanel');
  const status = panel.querySelector(INDICATOR)?.getAttribute('data-status');
  if (status !== 'idle') return false;
  const prompts = [...panel.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')]
    .map(c => (c.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim());
  if (prompts.every(p => /^\[\d+\]:$/.test(p))) return 'done';
  // Run All stops at the first error (stop_on_error): the rest keep an empty prompt, so
  // return early rather than time out.
  if (!prompts.some(p => p === '[*]:') && prompts.some(p => /^\[\d+\]:$/.test(p))) return 'stopped';
  return false;
}"""


def notebook_state(page: Any) -> dict[str, Any]:
    """Return the kernel/prompt/error snapshot of the open notebook (for waits and dumps)."""
    try:
        return page.evaluate(STATE_JS)
    except Exception as exc:  # a dump must never mask the real failure
        return {"error": repr(exc)}


def open_notebook(page: Any, server: LabServer, notebook: str, workspace: str) -> float:
    """Open ``notebook`` and wait until its kernel is really ready; return seconds taken."""
    t0 = time.perf_counter()
    page.goto(server.lab_url(notebook, workspace))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    while True:
        state = page.wait_for_function(_READY_JS, polling=100).json_value()
        if state == "ready":
            break
        # A kernel-selection dialog (notebook without kernelspec): take the default, python3.
        page.click(".jp-Dialog .jp-mod-accept")
        page.wait_for_selector(".jp-Dialog", state="detached")
    return time.perf_counter() - t0


def run_all(page: Any) -> tuple[str, float]:
    """Run → Run All Cells through the menu; wait for every prompt or an early stop.

    Returns
    -------
    (str, float)
        ``"done"`` or ``"stopped"`` (an error stopped the run) and the seconds taken.
    """
    t0 = time.perf_counter()
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
    # Right after the click the old prompts may still be idle and empty; wait until the run is
    # visibly under way (a busy kernel or a "[*]" prompt) or already finished.
    outcome = page.wait_for_function(_RAN_JS, polling=100).json_value()
    return outcome, time.perf_counter() - t0


#: Page height that puts the bottom of the notebook's last cell on screen (scrolled to the top;
#: Lab's scroll-past-end padding is left out).
_NEEDED_HEIGHT_JS = """() => {
  const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
  const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell');
  if (!outer || !cells.length) return 0;
  outer.scrollTop = 0;
  return cells[cells.length - 1].getBoundingClientRect().bottom + 60;
}"""
_TWO_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def screenshot_notebook(page: Any, stem: str, whole: bool = True) -> list[Path]:
    """Save the page and (``whole``) the whole notebook panel (Lab scrolls inside the panel,
    so the viewport is stretched to the notebook's height for the element shot, ~1.7 s)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = [ARTIFACTS / f"{stem}-page.png", ARTIFACTS / f"{stem}-notebook.png"]
    page.screenshot(path=out[0])
    if not whole or page.locator(".jp-NotebookPanel").count() == 0:
        return out[:1]
    size = page.viewport_size or {"width": 1400, "height": 1000}
    try:
        # Grow the viewport until the last cell ends inside it. Lab renders off-screen cells
        # lazily (content-visibility) with estimated heights, so re-measure after each growth.
        height = 0
        for _ in range(6):
            needed = min(int(page.evaluate(_NEEDED_HEIGHT_JS)), 16_000)
            if abs(needed - height) < 4:
                break
            height = needed
            page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
            page.evaluate(_TWO_FRAMES_JS)
        page.locator(".jp-NotebookPanel").first.screenshot(path=out[1])
    finally:
        page.set_viewport_size(size)
    return out


def code_cell_tags(server: LabServer, notebook: str) -> list[list[str]]:
    """Tags of each code cell of the server's copy of ``notebook``, in DOM order."""
    nb = json.loads((server.root / notebook).read_text(encoding="utf-8"))
    return [list(c.get("metadata", {}).get("tags", [])) for c in nb.get("cells", [])
            if c.get("cell_type") == "code"]


@dataclass
class RunResult:
    """What :func:`run_notebook` saw."""

    notebook: str
    outcome: str
    open_s: float
    run_s: float
    state: dict[str, Any]
    unexpected_errors: list[dict[str, Any]]


def run_notebook(page: Any, server: LabServer, notebook: str, workspace: str) -> RunResult:
    """Open ``notebook``, wait for its kernel, Run All, and collect the outcome.

    Error outputs in cells tagged ``raises-exception`` (which JupyterLab, nbclient and nbval
    all treat as expected) are not counted as unexpected.
    """
    open_s = open_notebook(page, server, notebook, workspace)
    outcome, run_s = run_all(page)
    state = notebook_state(page)
    tags = code_cell_tags(server, notebook)
    unexpected = [e for e in state.get("errors", [])
                  if e["cell"] >= len(tags) or "raises-exception" not in tags[e["cell"]]]
    return RunResult(notebook, outcome, open_s, run_s, state, unexpected)


def describe(result: RunResult) -> str:
    """A readable failure message: outcome, kernel, prompts and the unexpected errors."""
    st = result.state
    lines = [f"{result.notebook}: run {result.outcome!r}; kernel {st.get('kernelName')!r} "
             f"status {st.get('status')!r}; status bar: {st.get('statusBar')!r}",
             f"prompts: {st.get('prompts')}"]
    for e in result.unexpected_errors:
        lines.append(f"--- error output in code cell #{e['cell']} (0-based, code cells only):")
        lines.append(e["text"])
    return "\n".join(lines)


def write_summary(tr: Any) -> None:
    """Write the browser tables (wall times, latencies, drags) to the terminal report."""
    if TIMINGS:
        tr.write_sep("-", "browser: notebook wall times")
        for notebook, phase, seconds in TIMINGS:
            tr.write_line(f"{notebook:40s} {phase:20s} {seconds:6.1f} s")
    if LATENCIES:
        tr.write_sep("-", "browser: control -> new image or table latency (ms), also in "
                     ".artifacts/browser/latency.csv")
        groups: dict[tuple[str, str], list[float]] = {}
        for view, control, ms in LATENCIES:
            groups.setdefault((view, control), []).append(ms)
        for (view, control), values in groups.items():
            tr.write_line(f"{view:20s} {control:20s} median {statistics.median(values):6.0f}  "
                          f"samples {', '.join(f'{v:.0f}' for v in values)}")
    if DRAGS:
        tr.write_sep("-", "browser: slider drags (frames seen during the drag), also in "
                     ".artifacts/browser/drag.csv")
        for d in DRAGS:
            tr.write_line(f"{d['view']:20s} {d['control']:20s} {d['frames']:3d} frames in "
                          f"{d['seconds']:.2f} s = {d['fps']:5.1f} fps, "
                          f"{d['frames_after_release']} after release, "
                          f"{d['start']} -> final {d['final_value']}")
    skipped = tr.stats.get("skipped", [])
    if any("BROWSER TESTS NOT RUN" in str(getattr(r, "longrepr", "")) for r in skipped):
        tr.write_sep("!", "browser tests were SKIPPED: Chromium missing "
                     "(sudo apt-get install -y chromium)", red=True, bold=True)

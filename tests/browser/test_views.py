"""Every registered what-if view redraws when a person operates each of its controls.

Parametrised over ``helpers.views.registry()`` at collection time. For each control found in
the live widget (``.whatif-control-<name>``), the test presses a key / picks an option / clicks
like a person, waits until the ``.whatif-image`` ``src`` changes, measures key-to-new-image
latency in the page (``performance.now()`` at the input event and in a MutationObserver),
checks that the PNG bytes really differ and that the caption (text alternative) matches the
new state. Latencies go to ``.artifacts/browser/latency.csv``.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path
from typing import Any

import pytest

from helpers.views import registry

from . import _lab

VIEWS = registry()
#: Operations per control (each gives one latency sample).
REPEATS = int(os.environ.get("COURSE_BROWSER_REPEATS", "3"))
#: Loose bound on the median latency per control: machines vary, the benchmark reports medians.
MEDIAN_LIMIT_MS = 2000

_IMG = """const imgOf = root => { const el = root.querySelector('.whatif-image');
  return !el ? null : (el.tagName === 'IMG' ? el : el.querySelector('img')); };"""

CONTROL_JS = """el => {
  const cls = [...el.classList].find(c => c.startsWith('whatif-control-'));
  const info = {name: cls ? cls.slice('whatif-control-'.length) : null, kind: 'unknown'};
  const handle = el.querySelector('.noUi-handle');
  const select = el.querySelector('select');
  const box = el.querySelector('input[type="checkbox"]');
  if (handle) Object.assign(info, {kind: 'slider',
      now: parseFloat(handle.getAttribute('aria-valuenow')),
      min: parseFloat(handle.getAttribute('aria-valuemin')),
      max: parseFloat(handle.getAttribute('aria-valuemax'))});
  else if (select) Object.assign(info, {kind: 'dropdown',
      value: select.options[select.selectedIndex]?.text ?? null,
      options: [...select.options].map(o => o.text)});
  else if (box) Object.assign(info, {kind: 'checkbox', value: box.checked});
  return info;
}"""

# Arm before the action: the first input event stamps t0, the src change stamps t1.
ARM_JS = "sel => {" + _IMG + """
  const root = document.querySelector(sel);
  const st = {t0: null, t1: null, trigger: null, old: imgOf(root).src, src: null};
  window.__whatif = st;
  const types = ['keydown', 'pointerdown', 'mousedown', 'input', 'change'];
  const arm = ev => { if (st.t0 === null) { st.t0 = performance.now(); st.trigger = ev.type; } };
  types.forEach(t => window.addEventListener(t, arm, true));
  const mo = new MutationObserver(() => {
    const img = imgOf(root);
    if (img && img.src && img.src !== st.old) {
      st.t1 = performance.now(); st.src = img.src;
      mo.disconnect(); types.forEach(t => window.removeEventListener(t, arm, true));
    }
  });
  mo.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""

IMAGE_JS = "async sel => {" + _IMG + """
  const img = imgOf(document.querySelector(sel));
  const buf = await (await fetch(img.src)).arrayBuffer();
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return {src: img.src, bytes: buf.byteLength,
          sha: [...d].map(b => b.toString(16).padStart(2, '0')).join('')};
}"""

CAPTION_JS = """(sel => (document.querySelector(sel)?.querySelector('.whatif-caption')?.textContent
  ?? '').replace(/\\s+/g, ' ').trim())"""
CAPTION_IS_JS = "([sel, want]) => " + CAPTION_JS + "(sel) === want"

PARAMS_JS = """sel => JSON.parse(document.querySelector(sel)?.querySelector('[data-whatif-params]')
  ?.getAttribute('data-whatif-params') ?? 'null')"""
ERROR_JS = """sel => document.querySelector(sel)?.querySelector('.whatif-error')?.textContent
  ?? null"""
DONE_OR_ERROR_JS = """sel => (window.__whatif && window.__whatif.t1 !== null)
  || !!document.querySelector(sel)?.querySelector('.whatif-error')"""

IDLE_JS = """() => document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')
  ?.getAttribute('data-status') === 'idle'"""


def _norm(text: str) -> str:
    return " ".join(text.split())


def _dom_value(control: Any, info: dict[str, Any]) -> Any:
    """The Python value a control shows in the DOM (for the local mirror of the view)."""
    if info["kind"] == "slider":
        return round(info["now"]) if control.kind == "int" else float(info["now"])
    if info["kind"] == "checkbox":
        return bool(info["value"])
    shown = info["value"].replace("\xa0", " ")  # ipywidgets renders spaces in labels as NBSP
    for opt in control.options:
        label, value = opt if isinstance(opt, tuple) else (str(opt), opt)
        if label == shown:
            return value
    raise AssertionError(f"{control.name}: DOM option {info['value']!r} is not among "
                         f"{control.options!r}")


def _local_mirror(name: str, infos: list[dict[str, Any]], caption: str) -> tuple[Any, str]:
    """Build the view in this process to predict captions; ``(None, why)`` when impossible.

    Possible only when the registry factory can load the course data and the notebook shows
    the same view (same controls, same initial caption once the DOM's values are applied).
    """
    try:
        local = VIEWS[name].factory()
    except Exception as exc:  # data may not exist yet: fall back, say why
        return None, f"registry factory failed ({type(exc).__name__}: {exc})"
    controls = {c.name: c for c in local.controls}
    dom_names = [i["name"] for i in infos]
    if sorted(dom_names) != sorted(controls):
        return None, f"factory controls {sorted(controls)} != DOM controls {sorted(dom_names)}"
    try:
        local.update(**{i["name"]: _dom_value(controls[i["name"]], i) for i in infos})
    except (AssertionError, ValueError) as exc:
        return None, f"DOM values do not fit the factory's controls ({exc})"
    expected = _norm(f"Text alternative: {local.alt_text()}")
    if expected != caption:
        return None, ("the notebook's view is not the factory's (initial caption differs):\n"
                      f"  DOM:     {caption}\n  factory: {expected}")
    return local, ""


def _operate(page: Any, ctrl: Any, info: dict[str, Any], view_sel: str) -> str:
    """Arm the latency probe, then change the control as a person would; return the action."""
    if info["kind"] == "slider":
        handle = ctrl.locator(".noUi-handle")
        key = "Home" if info["now"] >= info["max"] else "ArrowRight"
        handle.focus()
        page.evaluate(ARM_JS, view_sel)
        page.keyboard.press(key)
        return key
    if info["kind"] == "dropdown":
        options = info["options"]
        target = options[(options.index(info["value"]) + 1) % len(options)]
        page.evaluate(ARM_JS, view_sel)
        ctrl.locator("select").select_option(label=target)
        shown = target.replace("\xa0", " ")
        return f"select {shown!r}"
    if info["kind"] == "checkbox":
        page.evaluate(ARM_JS, view_sel)
        ctrl.locator('input[type="checkbox"]').click()
        return "click"
    raise AssertionError(f"control {info['name']!r}: no slider handle, <select> or checkbox "
                         "found inside the .whatif-control element")


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_controls_redraw(page, lab_server, latency_csv: Path, name):
    notebook = VIEWS[name].cls.notebook
    if not (lab_server.root / notebook).is_file():
        message = f"view {name!r} declares notebook {notebook!r}, not found in {_lab.NOTEBOOKS_DIR}"
        if _lab.NOTEBOOKS_OVERRIDDEN:  # a developer's subset of notebooks: not an error
            pytest.skip(message + " (COURSE_NOTEBOOKS_DIR is set)")
        pytest.fail(message, pytrace=False)
    stem = _lab.artifact_name(f"view-{name}")
    result = _lab.run_notebook(page, lab_server, notebook, workspace=stem)
    if result.outcome != "done" or result.unexpected_errors:
        pytest.fail(f"{notebook} did not run cleanly\n{_lab.describe(result)}", pytrace=False)

    view_sel = f".whatif-view-{name}"
    view = page.locator(view_sel).first
    view.scroll_into_view_if_needed()
    page.wait_for_function("sel => {" + _IMG + """
        const r = document.querySelector(sel); const img = r && imgOf(r);
        return !!img && img.complete && img.naturalWidth > 0; }""", arg=view_sel)
    view.screenshot(path=_lab.ARTIFACTS / f"{stem}-before.png")

    controls = view.locator(".whatif-control")
    n = controls.count()
    assert n > 0, f"{view_sel} has no .whatif-control element"
    infos = [controls.nth(i).evaluate(CONTROL_JS) for i in range(n)]
    assert all(i["name"] for i in infos), f"a control lacks a whatif-control-<name> class: {infos}"
    caption = page.evaluate(CAPTION_JS, view_sel)
    assert caption.startswith("Text alternative:"), f"caption missing or odd: {caption!r}"
    local, why = _local_mirror(name, infos, caption)
    if local is None:
        print(f"\n[browser] {name}: captions checked loosely only: {why}")

    samples: dict[str, list[float]] = {}
    for i in range(n):
        ctrl = controls.nth(i)
        for _ in range(REPEATS):
            info = ctrl.evaluate(CONTROL_JS)
            before = page.evaluate(IMAGE_JS, view_sel)
            params_before = page.evaluate(PARAMS_JS, view_sel)
            action = _operate(page, ctrl, info, view_sel)
            where = f"{name}.{info['name']} ({action})"
            page.wait_for_function(DONE_OR_ERROR_JS, arg=view_sel, timeout=20_000)
            error = page.evaluate(ERROR_JS, view_sel)
            if error:  # the view shows redraw errors in place: fail at once, with the message
                pytest.fail(f"{where}: the view reported an error: {error}", pytrace=False)
            probe = page.evaluate("() => window.__whatif")
            assert probe["t0"] is not None, f"{info['name']}: no input event seen for {action}"
            ms = probe["t1"] - probe["t0"]
            after = page.evaluate(IMAGE_JS, view_sel)
            new_info = ctrl.evaluate(CONTROL_JS)
            params_after = page.evaluate(PARAMS_JS, view_sel)
            changed = sorted(k for k in params_after if params_after[k] != params_before.get(k))
            # The parameter (read from the caption's exact JSON) must change, and only it; the
            # slider's aria-valuenow is rounded for display, so a fine step can look unchanged.
            assert changed == [info["name"]], f"{where}: parameters changed: {changed}"
            assert after["sha"] != before["sha"], f"{where}: new img src but identical PNG bytes"

            if local is not None:
                control = next(c for c in local.controls if c.name == info["name"])
                shown, exact = _dom_value(control, new_info), params_after[control.name]
                if info["kind"] == "slider":  # displayed to one decimal by the widget
                    assert abs(shown - exact) <= 0.05 + 1e-9, f"{where}: shows {shown}, is {exact}"
                else:
                    assert shown == exact, f"{where}: control shows {shown!r}, state is {exact!r}"
                local.update(**{control.name: exact})
                expected = _norm(f"Text alternative: {local.alt_text()}")
                try:
                    page.wait_for_function(CAPTION_IS_JS, arg=[view_sel, expected],
                                           timeout=10_000)
                except Exception:  # report the mismatch, not the timeout
                    got = page.evaluate(CAPTION_JS, view_sel)
                    pytest.fail(f"{where}: caption does not match the new state\n"
                                f"  DOM:      {got}\n  expected: {expected}", pytrace=False)
            else:
                page.wait_for_function(IDLE_JS)  # the caption update follows the image's
                new_caption = page.evaluate(CAPTION_JS, view_sel)
                assert new_caption.startswith("Text alternative:") and len(new_caption) > 20, (
                    f"{where}: caption emptied: {new_caption!r}")
            samples.setdefault(info["name"], []).append(ms)
            _lab.LATENCIES.append((name, info["name"], ms))
            with latency_csv.open("a") as f:
                f.write(f"{name},{info['name']},{ms:.1f}\n")
            print(f"[browser] {where}: new image after {ms:.0f} ms (trigger {probe['trigger']})")

    view.screenshot(path=_lab.ARTIFACTS / f"{stem}-after.png")
    _lab.screenshot_notebook(page, stem)
    for control, values in samples.items():
        med = statistics.median(values)
        assert med < MEDIAN_LIMIT_MS, f"{name}.{control}: median latency {med:.0f} ms"

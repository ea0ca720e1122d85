"""Operate the what-if views of an open notebook like a person, and check what they show.

Used by ``test_notebooks.py`` on the page that has just run the notebook (one Run All per
notebook). Everything is found through the protocol's CSS hooks (``helpers/views/protocol.py``):
``.whatif-view-<name>``, ``.whatif-control-<control>``, ``.whatif-image`` (a figure) or
``.whatif-table`` (a table), ``.whatif-caption`` and ``data-whatif-params`` / ``data-whatif-rev``.

For each control found in the live widget the check presses a key / picks options / clicks /
types like a person, waits until the output changes (``img.src`` for a figure, the table's HTML
for a table), measures input-to-new-output latency in the page (``performance.now()`` at the
input event and in a MutationObserver), checks that the output really differs (PNG bytes, or
the table's text), that only the operated parameter changed and that the caption (text
alternative) matches the new state. Then one slider of each figure view is dragged with the
mouse (:func:`drag_first_slider`).

Failures raise :class:`ViewFailure` with a message naming the view and the control.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.views import registry

from . import _lab

VIEWS = registry()
#: Operations per control (each gives one latency sample).
REPEATS = int(os.environ.get("COURSE_BROWSER_REPEATS", "3"))
#: Loose bound on the median latency per control: machines vary, the benchmark reports medians.
MEDIAN_LIMIT_MS = 2000
#: The drag: mouse moves, over about this long, then how long the view must then stay put.
DRAG_STEPS = 20
DRAG_SECONDS = 1.0
DRAG_QUIET_MS = 1000
#: A drag has settled when no new frame came for this long (and the kernel is idle).
SETTLE_QUIET_MS = 400
#: Frames per second a drag should reach; asserted only with COURSE_DRAG_FPS_STRICT=1.
DRAG_FPS_GOAL = 15.0
DRAG_FPS_STRICT = os.environ.get("COURSE_DRAG_FPS_STRICT", "").strip() == "1"
#: noUiSlider writes aria-valuenow with toFixed(1): a float slider is shown to 0.1.
SLIDER_DISPLAY_TOLERANCE = 0.05 + 1e-9


class ViewFailure(AssertionError):
    """A view, one of its controls or its drag did not behave; the message says which."""


def views_of(notebook: str) -> list[str]:
    """Names of the registered views that declare ``notebook``, sorted."""
    return sorted(name for name, entry in VIEWS.items() if entry.cls.notebook == notebook)


# --------------------------------------------------------------------------------------------
# Page-side snippets
# --------------------------------------------------------------------------------------------
#: The view's output: the <img> of a figure view, or the ``.whatif-table`` element of a table
#: view, with a signature that changes with every new output (src, or the table's HTML).
_OUT = """const outOf = root => {
  const image = root && root.querySelector('.whatif-image');
  if (image)
    return {kind: 'image', el: image.tagName === 'IMG' ? image : image.querySelector('img')};
  const table = root && root.querySelector('.whatif-table');
  if (table) return {kind: 'table', el: table};
  return {kind: null, el: null};
};
const sigOf = o => !o.el ? null : (o.kind === 'image' ? o.el.src : o.el.innerHTML);"""

OUTPUT_KIND_JS = "sel => {" + _OUT + " return outOf(document.querySelector(sel)).kind; }"

OUTPUT_READY_JS = "sel => {" + _OUT + """
  const o = outOf(document.querySelector(sel));
  if (o.kind === 'image') return !!o.el && o.el.complete && o.el.naturalWidth > 0;
  if (o.kind === 'table') return !!o.el.querySelector('table');
  return false; }"""

CONTROL_JS = """el => {
  const cls = [...el.classList].find(c => c.startsWith('whatif-control-'));
  const info = {name: cls ? cls.slice('whatif-control-'.length) : null, kind: 'unknown'};
  const handle = el.querySelector('.noUi-handle');
  const multi = el.querySelector('select[multiple]');
  const select = el.querySelector('select:not([multiple])');
  const box = el.querySelector('input[type="checkbox"]');
  const text = el.querySelector('input[type="text"]');
  if (handle) Object.assign(info, {kind: 'slider',
      now: parseFloat(handle.getAttribute('aria-valuenow')),
      min: parseFloat(handle.getAttribute('aria-valuemin')),
      max: parseFloat(handle.getAttribute('aria-valuemax'))});
  else if (multi) Object.assign(info, {kind: 'multi',
      value: [...multi.options].filter(o => o.selected).map(o => o.text),
      options: [...multi.options].map(o => o.text)});
  else if (select) Object.assign(info, {kind: 'dropdown',
      value: select.options[select.selectedIndex]?.text ?? null,
      options: [...select.options].map(o => o.text)});
  else if (box) Object.assign(info, {kind: 'checkbox', value: box.checked});
  else if (text) Object.assign(info, {kind: 'text', value: text.value,
      placeholder: text.placeholder});
  return info;
}"""

# Arm before the action: the first input event stamps t0, the new output stamps t1. A figure
# is done when the <img> src changes. A table is done when the HTML under .whatif-table changes
# (t1), or, since a new state may leave the rows as they were, once the caption's revision has
# changed (tRev) and the kernel is idle; the check then asks the mirror which to expect.
ARM_JS = "sel => {" + _OUT + """
  const root = document.querySelector(sel);
  const out0 = outOf(root);
  const revOf = () => root.querySelector('[data-whatif-rev]')?.getAttribute('data-whatif-rev')
    ?? null;
  const st = {t0: null, t1: null, trigger: null, kind: out0.kind, old: sigOf(out0), src: null,
              rev0: revOf(), tRev: null};
  window.__whatif = st;
  const types = ['keydown', 'pointerdown', 'mousedown', 'input', 'change'];
  const arm = ev => { if (st.t0 === null) { st.t0 = performance.now(); st.trigger = ev.type; } };
  types.forEach(t => window.addEventListener(t, arm, true));
  const observers = [];
  const done = () => {
    observers.forEach(o => o.disconnect());
    types.forEach(t => window.removeEventListener(t, arm, true)); };
  if (out0.kind === 'table') {
    const table = new MutationObserver(() => {
      if (st.t1 === null && sigOf(outOf(root)) !== st.old) { st.t1 = performance.now(); done(); }
    });
    table.observe(out0.el, {subtree: true, childList: true, characterData: true,
                            attributes: true});
    const caption = new MutationObserver(() => {
      if (st.tRev === null && revOf() !== st.rev0) st.tRev = performance.now();
    });
    caption.observe(root.querySelector('.whatif-caption') ?? root,
                    {subtree: true, childList: true, characterData: true, attributes: true});
    observers.push(table, caption);
    return;
  }
  const mo = new MutationObserver(() => {
    const img = outOf(root).el;
    if (img && img.src && img.src !== st.old) {
      st.t1 = performance.now(); st.src = img.src; done();
    }
  });
  mo.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
  observers.push(mo);
}"""

# What the output shows now: the PNG's hash (figure) or the table's text (table).
OUTPUT_JS = "async sel => {" + _OUT + """
  const o = outOf(document.querySelector(sel));
  if (o.kind === 'table') {
    const text = (o.el.textContent ?? '').replace(/\\s+/g, ' ').trim();
    const cells = [...o.el.querySelectorAll('td')].map(td => td.textContent.trim());
    return {kind: 'table', text, cells};
  }
  const buf = await (await fetch(o.el.src)).arrayBuffer();
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return {kind: 'image', src: o.el.src, bytes: buf.byteLength,
          sha: [...d].map(b => b.toString(16).padStart(2, '0')).join('')};
}"""

CAPTION_JS = """(sel => (document.querySelector(sel)?.querySelector('.whatif-caption')?.textContent
  ?? '').replace(/\\s+/g, ' ').trim())"""
CAPTION_IS_JS = "([sel, want]) => " + CAPTION_JS + "(sel) === want"

PARAMS_JS = """sel => JSON.parse(document.querySelector(sel)?.querySelector('[data-whatif-params]')
  ?.getAttribute('data-whatif-params') ?? 'null')"""
STATE_JS = """sel => {
  const el = document.querySelector(sel)?.querySelector('[data-whatif-params]');
  return {rev: el?.getAttribute('data-whatif-rev') ?? null,
          params: JSON.parse(el?.getAttribute('data-whatif-params') ?? 'null')}; }"""
ERROR_JS = """sel => document.querySelector(sel)?.querySelector('.whatif-error')?.textContent
  ?? null"""
DONE_OR_ERROR_JS = """sel => { const st = window.__whatif;
  if (!st) return false;
  if (st.t1 !== null || document.querySelector(sel)?.querySelector('.whatif-error')) return true;
  return st.kind === 'table' && st.tRev !== null && document.querySelector(
    '.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') === 'idle';
}"""
TABLE_TEXT_IS_NOT_JS = """([sel, old]) => { const el = document.querySelector(sel)
  ?.querySelector('.whatif-table');
  return !!el && (el.textContent ?? '').replace(/\\s+/g, ' ').trim() !== old; }"""

IDLE_JS = """() => document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')
  ?.getAttribute('data-status') === 'idle'"""

# The drag: every distinct <img> src seen, with its time, and the pointer's down/up times.
DRAG_ARM_JS = "sel => {" + _OUT + """
  const root = document.querySelector(sel);
  const st = {down: null, up: null, frames: [], seen: new Set([sigOf(outOf(root))])};
  window.__whatifDrag = st;
  const down = () => { if (st.down === null) st.down = performance.now(); };
  const up = () => { if (st.up === null) st.up = performance.now(); };
  window.addEventListener('pointerdown', down, true);
  window.addEventListener('pointerup', up, true);
  const mo = new MutationObserver(() => {
    const sig = sigOf(outOf(root));
    if (sig && !st.seen.has(sig)) { st.seen.add(sig); st.frames.push(performance.now()); }
  });
  mo.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
  st.stop = () => { mo.disconnect(); window.removeEventListener('pointerdown', down, true);
                    window.removeEventListener('pointerup', up, true); };
}"""
DRAG_RESULT_JS = """() => { const st = window.__whatifDrag; st.stop();
  return {down: st.down, up: st.up, frames: st.frames}; }"""
TRACK_JS = """el => { const r = (el.querySelector('.noUi-base') ?? el.querySelector('.noUi-target'))
    .getBoundingClientRect();
  const h = el.querySelector('.noUi-handle').getBoundingClientRect();
  return {left: r.left, width: r.width, hx: h.left + h.width / 2, hy: h.top + h.height / 2}; }"""
ARIA_NOW_JS = "el => parseFloat(el.querySelector('.noUi-handle').getAttribute('aria-valuenow'))"


# --------------------------------------------------------------------------------------------
# Python side
# --------------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.split())


def _jsonish(value: Any) -> Any:
    """A value as it reads back from ``data-whatif-params`` (tuples become lists, etc.)."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def _labelled(control: Any) -> list[tuple[str, Any]]:
    return [opt if isinstance(opt, tuple) else (str(opt), opt) for opt in control.options]


def _value_of_label(control: Any, shown: str) -> Any:
    shown = shown.replace("\xa0", " ")  # ipywidgets renders spaces in labels as NBSP
    for label, value in _labelled(control):
        if label == shown:
            return value
    raise AssertionError(f"{control.name}: DOM option {shown!r} is not among "
                         f"{control.options!r}")


def _dom_value(control: Any, info: dict[str, Any]) -> Any:
    """The Python value a control shows in the DOM (for the local mirror of the view)."""
    if info["kind"] == "slider":
        return round(info["now"]) if control.kind == "int" else float(info["now"])
    if info["kind"] == "checkbox":
        return bool(info["value"])
    if info["kind"] == "text":
        return info["value"]
    if info["kind"] == "multi":
        return tuple(_value_of_label(control, label) for label in info["value"])
    return _value_of_label(control, info["value"])


def _mirror_control(local: Any, name: str) -> Any:
    """The local view's control ``name`` as it stands now (a dependent control's options
    follow the others when the protocol supports it)."""
    current = getattr(local, "control", None)
    if callable(current):
        return current(name)
    return next(c for c in local.controls if c.name == name)


def _dependents(local: Any, name: str) -> set[str]:
    """Controls of the local view whose options depend on control ``name``."""
    if local is None:
        return set()
    return {c.name for c in local.controls if name in getattr(c, "depends_on", ())}


def _local_mirror(name: str, infos: list[dict[str, Any]], caption: str) -> tuple[Any, str]:
    """Build the view in this process to predict captions; ``(None, why)`` when impossible.

    Possible only when the registry factory can load the course data and the notebook shows
    the same view (same controls, same initial caption once the DOM's values are applied).
    """
    try:
        local = VIEWS[name].factory()
    except Exception as exc:  # data may not exist yet: fall back, say why
        return None, f"registry factory failed ({type(exc).__name__}: {exc})"
    controls = {c.name for c in local.controls}
    dom_names = [i["name"] for i in infos]
    if sorted(dom_names) != sorted(controls):
        return None, f"factory controls {sorted(controls)} != DOM controls {sorted(dom_names)}"
    try:
        local.update(**{i["name"]: _dom_value(_mirror_control(local, i["name"]), i)
                        for i in infos})
    except (AssertionError, ValueError) as exc:
        return None, f"DOM values do not fit the factory's controls ({exc})"
    expected = _norm(f"Text alternative: {local.alt_text()}")
    if expected != caption:
        return None, ("the notebook's view is not the factory's (initial caption differs):\n"
                      f"  DOM:     {caption}\n  factory: {expected}")
    return local, ""


_WORD = re.compile(r"[^\W\d_][\w'-]{3,}")


def _snapshot(local: Any) -> Any:
    """The mirror's rendered output (PNG or table HTML bytes)."""
    snap = getattr(local, "snapshot", None)
    return snap() if callable(snap) else local.png()


def _would_change(local: Any, name: str, value: Any) -> bool | None:
    """Whether setting control ``name`` to ``value`` changes the mirror's output (False when
    the view refuses it, None without a mirror). The mirror's state is left as it was."""
    if local is None:
        return None
    saved = dict(local.params)
    before = _snapshot(local)
    try:
        local.update(**{name: value})
    except Exception:
        return False
    try:
        return _snapshot(local) != before
    finally:
        local.update(**saved)


def _has_rules(local: Any) -> bool:
    """Whether the view refuses some combinations of values (overrides ``validate``)."""
    from helpers.views import protocol

    base = getattr(protocol, "BaseView", None)
    return (local is not None and base is not None
            and getattr(type(local), "validate", None) is not base.validate)


def _text_terms(page: Any, view_sel: str, control: Any, current: str) -> list[str]:
    """Terms worth typing into a text control, each present in the view: the control's own
    examples (from the local mirror), then words the output shows (table cells or the
    caption). The current value is left out."""
    terms: list[str] = list(getattr(control, "examples", ()) or ()) if control else []
    out = page.evaluate(OUTPUT_JS, view_sel)
    shown = " ".join(out.get("cells", [])) if out["kind"] == "table" else \
        page.evaluate(CAPTION_JS, view_sel).removeprefix("Text alternative:")
    terms += _WORD.findall(shown)
    seen = {current.strip().casefold()}
    unique = []
    for t in terms:
        if t.strip().casefold() not in seen:
            seen.add(t.strip().casefold())
            unique.append(t)
    return unique


def _pick(candidates: list[Any], turn: int, changes: Callable[[Any], bool | None]) -> Any:
    """The first candidate, starting at ``turn``, that the mirror says changes the output
    (any candidate without a mirror; the one at ``turn`` if none would)."""
    ordered = [candidates[(turn + j) % len(candidates)] for j in range(len(candidates))]
    for c in ordered:
        verdict = changes(c)
        if verdict is None:
            return c
        if verdict:
            return c
    return ordered[0]


def _operate(page: Any, ctrl: Any, info: dict[str, Any], view_sel: str, turn: int = 0,
             local: Any = None) -> str:
    """Arm the latency probe, then change the control as a person would; return the action.

    ``turn`` counts the operations of this control (multi and text controls pick a different
    option / term each turn, preferring one the mirror ``local`` says changes the output).
    """
    if info["kind"] == "slider":
        handle = ctrl.locator(".noUi-handle")
        # At the top: back to the start, or one step down where a rule ties the controls
        # together (jumping to the minimum could break it, e.g. first <= last).
        at_max = info["now"] >= info["max"]
        key = ("ArrowLeft" if _has_rules(local) else "Home") if at_max else "ArrowRight"
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
    if info["kind"] == "multi":
        # Toggle one option (a different one each turn), never leaving the selection empty.
        options, chosen = info["options"], list(info["value"])
        control = _mirror_control(local, info["name"]) if local is not None else None

        def toggled(option: str) -> list[str]:
            return [o for o in options if (o in chosen) != (o == option)]

        def changes(option: str) -> bool | None:
            if not toggled(option):
                return False
            if control is None:
                return None
            value = tuple(_value_of_label(control, o) for o in toggled(option))
            return _would_change(local, info["name"], value)

        toggle = _pick([o for o in options if toggled(o)], turn, changes)
        target = toggled(toggle)
        page.evaluate(ARM_JS, view_sel)
        ctrl.locator("select").select_option(label=target)
        verb = "deselect" if toggle in chosen else "select"
        plain = [t.replace("\xa0", " ") for t in target]
        return f"{verb} {toggle.replace(chr(160), ' ')!r} -> {plain!r}"
    if info["kind"] == "text":
        control = _mirror_control(local, info["name"]) if local is not None else None
        terms = _text_terms(page, view_sel, control, info["value"])
        if not terms:
            raise AssertionError("no term to type: the view shows no word other than the "
                                 f"current text {info['value']!r}")
        term = _pick(terms, turn, lambda t: _would_change(local, info["name"], t))
        box = ctrl.locator('input[type="text"]')
        box.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(term, delay=15)
        page.evaluate(ARM_JS, view_sel)  # the value is sent on Enter: latency counts from there
        page.keyboard.press("Enter")
        return f"type {term!r} + Enter"
    raise AssertionError(f"control {info['name']!r}: no slider handle, <select>, checkbox or "
                         "text input found inside the .whatif-control element")


@dataclass
class ViewReport:
    """What operating one view measured."""

    name: str
    output: str
    latencies: dict[str, list[float]] = field(default_factory=dict)
    #: The local mirror of the view (None when the notebook's view cannot be mirrored).
    local: Any = None
    notes: list[str] = field(default_factory=list)


def _wait(page: Any, js: str, arg: Any, timeout: int, what: str) -> None:
    """``page.wait_for_function`` that fails with ``what`` instead of a bare timeout."""
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout, polling=50)
    except Exception as exc:
        if "Timeout" not in type(exc).__name__:
            raise
        raise AssertionError(f"{what} (waited {timeout / 1000:.0f} s)") from None


def check_view(page: Any, name: str, stem: str, latency_csv: Path,
               log: Callable[[str], None] = print) -> ViewReport:
    """Operate every control of view ``name`` on the open page and check each redraw.

    Raises
    ------
    ViewFailure
        Naming the view, the control and the action that misbehaved.
    """
    view_sel = f".whatif-view-{name}"
    where = f"view {name!r}"
    try:
        try:
            page.wait_for_selector(view_sel, state="attached", timeout=10_000)
        except Exception:
            raise AssertionError(f"the notebook does not display it (no {view_sel} element "
                                 "after Run All)") from None
        view = page.locator(view_sel).first
        view.scroll_into_view_if_needed()
        kind = page.evaluate(OUTPUT_KIND_JS, view_sel)
        if kind is None:
            raise AssertionError(f"{view_sel} holds neither a .whatif-image nor a .whatif-table")
        _wait(page, OUTPUT_READY_JS, view_sel, 20_000,
              "the output never rendered" + (" (no loaded <img>)" if kind == "image"
                                             else " (no <table> in .whatif-table)"))
        report = ViewReport(name, "figure" if kind == "image" else "table")
        view.screenshot(path=_lab.ARTIFACTS / f"{stem}-before.png")

        controls = view.locator(".whatif-control")
        n = controls.count()
        assert n > 0, f"{view_sel} has no .whatif-control element"
        infos = [controls.nth(i).evaluate(CONTROL_JS) for i in range(n)]
        assert all(i["name"] for i in infos), (
            f"a control lacks a whatif-control-<name> class: {infos}")
        caption = page.evaluate(CAPTION_JS, view_sel)
        assert caption.startswith("Text alternative:"), f"caption missing or odd: {caption!r}"
        local, why = _local_mirror(name, infos, caption)
        report.local = local
        if local is None:
            report.notes.append(f"captions checked loosely only: {why}")
            log(f"\n[browser] {name}: captions checked loosely only: {why}")
    except Exception as exc:
        raise ViewFailure(f"{where}: {_what(exc)}") from exc

    for i in range(n):
        ctrl = controls.nth(i)
        for turn in range(REPEATS):
            where = f"view {name!r}, control {infos[i]['name']!r}"
            try:
                _operate_once(page, ctrl, view_sel, name, turn, local, report, latency_csv,
                              log)
            except Exception as exc:
                raise ViewFailure(f"{getattr(exc, 'where', where)}: {_what(exc)}") from exc

    view.screenshot(path=_lab.ARTIFACTS / f"{stem}-after.png")
    for control, values in report.latencies.items():
        med = statistics.median(values)
        if med >= MEDIAN_LIMIT_MS:
            raise ViewFailure(f"view {name!r}, control {control!r}: median latency {med:.0f} ms "
                              f">= {MEDIAN_LIMIT_MS} ms (samples {values})")
    return report


def _what(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if isinstance(exc, AssertionError) else f"{type(exc).__name__}: {text}"


class _Where(AssertionError):
    """An assertion that knows the action it concerns (``where``)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def _operate_once(page: Any, ctrl: Any, view_sel: str, name: str, turn: int, local: Any,
                  report: ViewReport, latency_csv: Path, log: Callable[[str], None]) -> None:
    """One operation of one control, with every check; raises with the action named."""
    info = ctrl.evaluate(CONTROL_JS)
    before = page.evaluate(OUTPUT_JS, view_sel)
    params_before = page.evaluate(PARAMS_JS, view_sel)
    action = _operate(page, ctrl, info, view_sel, turn, local)
    where = f"view {name!r}, control {info['name']!r} ({action})"
    try:
        _check_redraw(page, ctrl, view_sel, name, info, action, before, params_before, local,
                      report, latency_csv, log)
    except AssertionError as exc:
        raise _Where(where, str(exc)) from None
    except Exception as exc:
        raise _Where(where, _what(exc)) from exc


def _check_redraw(page: Any, ctrl: Any, view_sel: str, name: str, info: dict[str, Any],
                  action: str, before: dict[str, Any], params_before: dict[str, Any],
                  local: Any, report: ViewReport, latency_csv: Path,
                  log: Callable[[str], None]) -> None:
    figure = before["kind"] == "image"
    what = "new image" if figure else "new table"
    _wait(page, DONE_OR_ERROR_JS, view_sel, 20_000,
          f"no {what}, no new state and no error shown" if not figure
          else f"no {what} and no error shown")
    error = page.evaluate(ERROR_JS, view_sel)
    if error:  # the view shows redraw errors in place: fail at once, with the message
        raise AssertionError(f"the view reported an error: {error}")
    probe = page.evaluate("() => window.__whatif")
    assert probe["t0"] is not None, f"no input event seen for {action}"
    new_info = ctrl.evaluate(CONTROL_JS)
    params_after = page.evaluate(PARAMS_JS, view_sel)
    changed = sorted(k for k in params_after if params_after[k] != params_before.get(k))
    # The parameter (read from the caption's exact JSON) must change, and only it (and controls
    # whose options depend on it, whose values the mirror predicts below); the slider's
    # aria-valuenow is rounded for display, so a fine step can look unchanged.
    allowed = {info["name"]} | _dependents(local, info["name"])
    assert info["name"] in changed and set(changed) <= allowed, (
        f"parameters changed: {changed}" + (f" (allowed: {sorted(allowed)})"
                                            if len(allowed) > 1 else ""))
    if figure:
        ms = probe["t1"] - probe["t0"]
        after = page.evaluate(OUTPUT_JS, view_sel)
        assert after["sha"] != before["sha"], "new img src but identical PNG bytes"
    else:
        mirror_before = _snapshot(local) if local is not None else None

    if local is not None:
        control = _mirror_control(local, info["name"])
        shown, exact = _dom_value(control, new_info), params_after[control.name]
        if info["kind"] == "slider":  # displayed to one decimal by the widget
            assert abs(shown - exact) <= SLIDER_DISPLAY_TOLERANCE, f"shows {shown}, is {exact}"
            value = exact
        else:
            assert _jsonish(shown) == exact, f"control shows {shown!r}, state is {exact!r}"
            value = shown
        local.update(**{control.name: value})
        for other in sorted(set(changed) - {control.name}):  # dependents the change cleared
            assert _jsonish(local.params[other]) == params_after[other], (
                f"dependent control {other!r} is {params_after[other]!r}, the mirror "
                f"expects {_jsonish(local.params[other])!r}")
    if not figure:
        # The table must change, unless the mirror says the new state shows the same rows.
        expect_change = local is None or _snapshot(local) != mirror_before
        if expect_change:
            if probe["t1"] is None:
                _wait(page, TABLE_TEXT_IS_NOT_JS, [view_sel, before["text"]], 10_000,
                      "the state changed but the table did not")
                probe = page.evaluate("() => window.__whatif")
            after = page.evaluate(OUTPUT_JS, view_sel)
            assert after["text"] != before["text"], "new table HTML but the same table text"
            ms = (probe["t1"] if probe["t1"] is not None else probe["tRev"]) - probe["t0"]
        else:
            after = page.evaluate(OUTPUT_JS, view_sel)
            assert after["text"] == before["text"], (
                "the table changed, but the mirror shows the same rows for the new state")
            what = "new state (same rows, as the mirror predicts)"
            ms = probe["tRev"] - probe["t0"]
    if local is not None:
        expected = _norm(f"Text alternative: {local.alt_text()}")
        try:
            page.wait_for_function(CAPTION_IS_JS, arg=[view_sel, expected], timeout=10_000)
        except Exception:  # report the mismatch, not the timeout
            got = page.evaluate(CAPTION_JS, view_sel)
            raise AssertionError(f"caption does not match the new state\n"
                                 f"  DOM:      {got}\n  expected: {expected}") from None
    else:
        page.wait_for_function(IDLE_JS)  # the caption update follows the output's
        new_caption = page.evaluate(CAPTION_JS, view_sel)
        assert new_caption.startswith("Text alternative:") and len(new_caption) > 20, (
            f"caption emptied: {new_caption!r}")
    report.latencies.setdefault(info["name"], []).append(ms)
    _lab.LATENCIES.append((name, info["name"], ms))
    with latency_csv.open("a") as f:
        f.write(f"{name},{info['name']},{ms:.1f}\n")
    log(f"[browser] {name}.{info['name']} ({action}): {what} after {ms:.0f} ms "
        f"(trigger {probe['trigger']})")


# --------------------------------------------------------------------------------------------
# Drag
# --------------------------------------------------------------------------------------------
def drag_first_slider(page: Any, name: str, drag_csv: Path, local: Any = None,
                      log: Callable[[str], None] = print) -> dict[str, Any] | None:
    """Drag a slider of figure view ``name`` with the mouse (the first float slider, else the
    first int slider) and check where it ends.

    Presses on the ``.noUi-handle``, moves in :data:`DRAG_STEPS` steps over about
    :data:`DRAG_SECONDS` across a good part of the track and releases. Frames are the distinct
    ``<img>`` srcs a MutationObserver saw between pointer down and up. After the release the
    kernel must settle on the handle's final value (``data-whatif-params`` equal to
    ``aria-valuenow`` within the display rounding) and then stay put for
    :data:`DRAG_QUIET_MS` (no stale frame, same ``data-whatif-rev``). Returns the row written
    to ``drag.csv``, or None for a view without a slider or with a table.

    Raises
    ------
    ViewFailure
        Naming the view and the slider.
    """
    view_sel = f".whatif-view-{name}"
    if page.evaluate(OUTPUT_KIND_JS, view_sel) != "image":
        return None
    controls = page.locator(view_sel).first.locator(".whatif-control")
    # The first float slider (fine steps: the fps is not capped by a few positions), else the
    # first int slider.
    sliders = []
    for i in range(controls.count()):
        candidate = controls.nth(i).evaluate(CONTROL_JS)
        if candidate["kind"] == "slider":
            is_float = controls.nth(i).evaluate(
                "el => el.classList.contains('whatif-kind-float')")
            sliders.append((not is_float, i, candidate))
    if not sliders:
        return None
    _, index, info = min(sliders, key=lambda s: s[:2])
    ctrl = controls.nth(index)
    where = f"view {name!r}, drag of slider {info['name']!r}"
    try:
        return _drag(page, ctrl, info, view_sel, name, drag_csv, local, log, where)
    except ViewFailure:
        raise
    except Exception as exc:
        raise ViewFailure(f"{where}: {_what(exc)}") from exc


def _drag(page: Any, ctrl: Any, info: dict[str, Any], view_sel: str, name: str,
          drag_csv: Path, local: Any, log: Callable[[str], None], where: str) -> dict[str, Any]:
    page.wait_for_function(IDLE_JS)
    ctrl.scroll_into_view_if_needed()
    geo = ctrl.evaluate(TRACK_JS)
    frac = (geo["hx"] - geo["left"]) / geo["width"]
    # From where the handle is to the far side: at least ~40% of the track, usually more.
    x_end = geo["left"] + geo["width"] * (0.9 if frac < 0.5 else 0.1)
    x0, y = geo["hx"], geo["hy"]
    rev_before = page.evaluate(STATE_JS, view_sel)["rev"]
    page.evaluate(DRAG_ARM_JS, view_sel)
    page.mouse.move(x0, y)
    page.mouse.down()
    t0 = time.perf_counter()
    for k in range(1, DRAG_STEPS + 1):
        # Paced on the clock (a move itself takes a few ms, more on a busy machine).
        due = t0 + DRAG_SECONDS * k / DRAG_STEPS
        wait_ms = (due - time.perf_counter()) * 1000
        if wait_ms > 1:
            page.wait_for_timeout(wait_ms)
        page.mouse.move(x0 + (x_end - x0) * k / DRAG_STEPS, y)
    page.mouse.up()
    wall_s = time.perf_counter() - t0
    aria_at_release = ctrl.evaluate(ARIA_NOW_JS)

    # Settle: the kernel idle and the state on the handle's value (the last value must win).
    control = _mirror_control(local, info["name"]) if local is not None else None
    is_int = control is not None and control.kind == "int"
    tol = 1e-9 if is_int else SLIDER_DISPLAY_TOLERANCE
    settle = """([sel, name, tol, quiet]) => {
      const idle = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')
        ?.getAttribute('data-status') === 'idle';
      const el = document.querySelector(sel)?.querySelector('[data-whatif-params]');
      const p = JSON.parse(el?.getAttribute('data-whatif-params') ?? 'null');
      const h = document.querySelector(sel)
        ?.querySelector('.whatif-control-' + name + ' .noUi-handle');
      const now = parseFloat(h?.getAttribute('aria-valuenow'));
      // Quiet: no new frame for SETTLE_QUIET_MS. The kernel reports idle before a slider's
      // coalesced redraw runs, and aria-valuenow is rounded for display, so idle and a value
      // near the handle alone can be met by the last-but-one frame.
      const rev = el?.getAttribute('data-whatif-rev');
      const t = performance.now();
      const q = window.__settle ?? (window.__settle = {rev: null, since: t});
      if (rev !== q.rev) { q.rev = rev; q.since = t; }
      return idle && p && Math.abs(p[name] - now) <= tol && t - q.since >= quiet; }"""
    try:
        page.evaluate("() => { window.__settle = null; }")
        page.wait_for_function(settle, arg=[view_sel, info["name"], tol, SETTLE_QUIET_MS],
                               timeout=10_000, polling=50)
        settled = True
    except Exception as exc:
        if "Timeout" not in type(exc).__name__:
            raise
        settled = False
    error = page.evaluate(ERROR_JS, view_sel)
    if error:
        raise ViewFailure(f"{where}: the view reported an error: {error}")
    state1 = page.evaluate(STATE_JS, view_sel)
    aria1 = ctrl.evaluate(ARIA_NOW_JS)
    page.wait_for_timeout(DRAG_QUIET_MS)
    page.wait_for_function(IDLE_JS)
    state2 = page.evaluate(STATE_JS, view_sel)
    aria2 = ctrl.evaluate(ARIA_NOW_JS)
    probe = page.evaluate(DRAG_RESULT_JS)

    down, up = probe["down"], probe["up"]
    seconds = (up - down) / 1000 if down is not None and up is not None else wall_s
    during = [t for t in probe["frames"] if down is not None and up is not None and down <= t <= up]
    late = [t for t in probe["frames"] if up is not None and t > up]
    fps = len(during) / seconds if seconds > 0 else 0.0
    final = state2["params"][info["name"]] if state2["params"] else None
    row = {"view": name, "control": info["name"], "frames": len(during),
           "seconds": round(seconds, 3), "fps": round(fps, 2), "final_value": final,
           "frames_after_release": len(late), "start": info["now"], "handle": aria2}
    with drag_csv.open("a") as f:
        f.write(f"{name},{info['name']},{len(during)},{seconds:.3f},{fps:.2f},{final},"
                f"{len(late)}\n")
    _lab.DRAGS.append(row)
    log(f"[browser] {where}: {info['now']} -> {aria2} in {seconds:.2f} s, {len(during)} frames "
        f"during the drag ({fps:.1f} fps), {len(late)} after release, final value {final}")

    # The final-frame rule, strictly.
    if down is None or up is None:
        raise ViewFailure(f"{where}: the page saw no pointerdown/pointerup (down {down}, up {up})")
    if abs(aria2 - info["now"]) < 1e-9:
        raise ViewFailure(f"{where}: the handle did not move (aria-valuenow {aria2})")
    if not settled:
        raise ViewFailure(f"{where}: after release the state never reached the handle's value: "
                          f"handle {aria1}, params {state1['params']}")
    if abs(aria_at_release - aria2) > tol:
        raise ViewFailure(f"{where}: the handle moved after release: {aria_at_release} -> "
                          f"{aria2} (a stale value came back)")
    if state2 != state1 or aria2 != aria1:
        raise ViewFailure(f"{where}: the view changed after it had settled (stale frame): "
                          f"rev {state1['rev']} -> {state2['rev']}, params {state1['params']} "
                          f"-> {state2['params']}, handle {aria1} -> {aria2}")
    if abs(final - aria2) > tol:
        raise ViewFailure(f"{where}: final state {final} != handle {aria2}")
    if state2["rev"] == rev_before:
        raise ViewFailure(f"{where}: no redraw at all (rev stayed {rev_before})")
    if local is not None:  # the caption describes the final state, not an earlier frame
        local.update(**{info["name"]: final})
        expected = _norm(f"Text alternative: {local.alt_text()}")
        got = page.evaluate(CAPTION_JS, view_sel)
        if got != expected:
            raise ViewFailure(f"{where}: caption is not the final state's\n  DOM:      {got}\n"
                              f"  expected: {expected}")
    if DRAG_FPS_STRICT and fps < DRAG_FPS_GOAL:
        raise ViewFailure(f"{where}: {fps:.1f} fps during the drag < {DRAG_FPS_GOAL:.0f} "
                          "(COURSE_DRAG_FPS_STRICT=1)")
    return row

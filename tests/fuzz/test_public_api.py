"""Every public callable of ``helpers`` refuses bad input clearly, or accepts what is valid.

The callables are found, not listed (:func:`tests.fuzz.harness.discover`): a new model, plot or
view function falls under this test the moment it is exported. For each one the test calls it
once with valid example arguments (its defaults, or ``tests/fuzz/examples.py``), then once per
bad value of each parameter (derived from the annotation, see :mod:`tests.fuzz.harness`), then
with a few random bad values from hypothesis. It fails on a *silent* outcome (an invalid value
accepted), a *deep* one (an error from inside a library, or not a ValueError/TypeError/KeyError)
and a *vague* one (the project's error does not name the parameter).
"""

from __future__ import annotations

import inspect
import math
import numbers
import os
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import views
from tests.fuzz import harness
from tests.fuzz.examples import EXAMPLES, NOT_YET_VALIDATED, RECORDS, Example, example_for
from tests.fuzz.harness import NOTHING, Probe, Result, Target

#: A callable that fails this many probes is not probed further (a broken module would
#: otherwise cost minutes); ``FUZZ_FULL=1`` runs every probe, for complete counts.
FAIL_FAST = 10**9 if os.environ.get("FUZZ_FULL") == "1" else 25

TARGETS, IMPORT_FAILURES = harness.discover()
BY_NAME = {t.qualname: t for t in TARGETS}
PROBED = [t for t in TARGETS if t.qualname not in RECORDS]


def test_every_module_of_helpers_imports():
    assert not IMPORT_FAILURES, f"modules that fail to import: {IMPORT_FAILURES}"


def test_the_registry_names_only_real_callables():
    stale = sorted(set(EXAMPLES) - set(BY_NAME))
    assert not stale, f"examples for callables that do not exist (any more): {stale}"
    for name in RECORDS:
        target = BY_NAME.get(name)
        if target is None:  # a module being written may not exist yet
            continue
        cls = target.obj
        assert inspect.isclass(cls) and hasattr(cls, "__dataclass_fields__"), name
        assert cls.__dataclass_params__.frozen, f"{name} is listed as a record but not frozen"
        assert not hasattr(cls, "__post_init__"), f"{name} validates input: probe it instead"


def _format(target: Target, bad: list[Result]) -> str:
    lines = [f"{target.qualname}: {len(bad)} probe(s) not refused clearly"]
    for r in bad[:40]:
        kind = "invalid" if r.probe.invalid else "doubtful"
        lines.append(f"  {r.outcome:7s} {r.probe.param}={r.probe.label} ({kind}): {r.detail}")
    if len(bad) > 40:
        lines.append(f"  ... and {len(bad) - 40} more")
    return "\n".join(lines)


def _failures(results: list[Result]) -> int:
    return sum(r.outcome in ("silent", "deep", "vague") for r in results)


def _call(target: Target, example: Example | None, probe: Probe | None) -> Any:
    kwargs = example.make() if example is not None else {}
    if probe is not None:
        kwargs[probe.param] = probe.value
    return lambda: target.obj(**kwargs)


def _marked(target: Target):
    if target.qualname in NOT_YET_VALIDATED:
        return pytest.param(target, marks=pytest.mark.xfail(
            strict=True, reason="listed in examples.NOT_YET_VALIDATED: input checks to add"))
    return target


def test_the_known_gaps_are_real_callables():
    assert NOT_YET_VALIDATED <= set(BY_NAME), sorted(NOT_YET_VALIDATED - set(BY_NAME))


@pytest.mark.parametrize("target", [_marked(t) for t in PROBED], ids=lambda t: t.qualname)
def test_public_callable_refuses_bad_input_clearly(target: Target):
    sig, hints = harness.signature_of(target)
    params = harness.fuzzable(sig)
    example = example_for(target.qualname)
    missing = harness.required(sig)
    if missing and example is None:
        pytest.fail(f"{target.qualname} has required parameters {missing} but no valid example: "
                    "add one to tests/fuzz/examples.py")
    if not params:
        harness.record(target.module, [])
        return
    base = example.make() if example is not None else {}
    unknown = set(base) - {p.name for p in params}
    assert not unknown, f"example of {target.qualname} names unknown parameters {unknown}"
    try:
        target.obj(**base)
    except Exception as exc:  # the example itself must be valid
        pytest.fail(f"the valid example of {target.qualname} raised {type(exc).__name__}: {exc}")

    results: list[Result] = []
    spec = example.spec if example is not None else (lambda name: harness.DEFAULT)
    randoms = []
    stopped = False
    for p in params:
        hint = hints.get(p.name, Any)
        default = p.default if p.default is not p.empty else NOTHING
        for probe in harness.probes_for(p.name, hint, default, base.get(p.name, NOTHING),
                                        spec(p.name)):
            if _failures(results) >= FAIL_FAST:
                stopped = True
                break
            results.append(harness.run_probe(_call(target, example, probe), probe))
        strategy = harness.random_probes(p.name, hint, spec(p.name))
        if strategy is not None:
            randoms.append(strategy)

    n_random = example.random if example is not None else 6
    if randoms and n_random and not stopped:
        @settings(max_examples=n_random, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(probe=st.one_of(randoms))
        def random_round(probe: Probe) -> None:
            results.append(harness.run_probe(_call(target, example, probe), probe))

        random_round()

    harness.record(target.module, results, stopped=stopped)
    bad = [r for r in results if r.outcome in ("silent", "deep", "vague")]
    assert not bad, _format(target, bad) + (
        f"\n  (stopped after {FAIL_FAST} failing probes; FUZZ_FULL=1 runs them all)"
        if stopped else "")


# ----------------------------------------------------------------- view controls


def _control_probes(control: views.Control) -> list[Probe]:
    out = [Probe(control.name, v, True, label) for v, label in harness._pool()]
    if control.kind in ("int", "float"):
        span = control.maximum - control.minimum
        out += [Probe(control.name, control.maximum + span, True, "above maximum"),
                Probe(control.name, control.minimum - span, True, "below minimum"),
                Probe(control.name, float("inf"), True, "inf"),
                Probe(control.name, "3", True, "'3'")]
        if control.kind == "int":
            out.append(Probe(control.name, control.minimum + 0.5, True, "non-integral"))
    elif control.kind == "bool":
        out += [Probe(control.name, "False", True, "'False'"), Probe(control.name, 0, True, "0")]
    elif control.kind == "multi":
        first = control.values[0]
        out += [Probe(control.name, first, True, "one option, not in a tuple"),
                Probe(control.name, (first, first), True, "an option twice"),
                Probe(control.name, ("__no_such_option__",), True, "unknown option")]
    elif control.kind == "text":
        out += [Probe(control.name, "x" * 10_001, True, "10,001 characters"),
                Probe(control.name, "two\nlines", True, "a line break")]
    else:
        out += [Probe(control.name, "__no_such_option__", True, "unknown option")]
    return [p for p in out if not _is_valid(control, p.value)]


def _is_valid(control: views.Control, value: Any) -> bool:
    """Whether ``value`` is valid for ``control``, judged independently of ``validate``."""
    if control.kind == "bool":
        return isinstance(value, bool)
    if control.kind == "choice":
        return any(value is v or (type(value) is type(v) and value == v) for v in control.values)
    if control.kind == "multi":
        return (isinstance(value, (tuple, list)) and len(set(map(repr, value))) == len(value)
                and all(_is_valid(replace(control, kind="choice", default=control.values[0]), v)
                        for v in value))
    if control.kind == "text":
        return isinstance(value, str) and len(value) <= (control.max_length or 80) \
            and value.isprintable()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    if control.kind == "int" and not isinstance(value, numbers.Integral):
        return False
    return math.isfinite(value) and control.minimum <= value <= control.maximum


@pytest.fixture(scope="module", params=sorted(views.registry()))
def built_view(request):
    return views.build(request.param)


def test_view_controls_refuse_bad_values_and_keep_their_state(built_view):
    view = built_view
    view.reset()
    before = dict(view.params)
    results = []
    for control in view.controls:
        for probe in _control_probes(control):
            results.append(harness.run_probe(lambda p=probe: view.update(**{p.param: p.value}),
                                             probe))
            assert view.params == before, f"{view.name}: a refused {probe.param} changed state"
    harness.record(type(view).__module__, results)
    bad = [r for r in results if r.outcome != "clear"]
    assert not bad, "\n".join(f"{r.probe.param}={r.probe.label}: {r.outcome} {r.detail}"
                              for r in bad)

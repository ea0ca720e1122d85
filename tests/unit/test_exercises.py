"""Every self-check accepts its exercise's solution and rejects a typical wrong answer.

Each module ``helpers.exercises.nbNN`` declares ``CASES``: for each check function, the solution's
answer (computed the way the collapsed solution computes it) and at least one typical wrong
answer. This test runs them all, so a check that accepts everything, or nothing, fails here.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import helpers.exercises as ex

MODULES = sorted(m.name for m in pkgutil.iter_modules(ex.__path__))
CASES = [(mod, name, case) for mod in MODULES
         for name, case in importlib.import_module(f"helpers.exercises.{mod}").CASES.items()]


def test_verdicts_read_well():
    assert str(ex.ok("Exercise 1")) == "Exercise 1: ✓ your answer holds."
    assert str(ex.fail("Exercise 1", "look again")).startswith("Exercise 1: ✗ Not yet:")
    assert ex.no_answer("Exercise 1").passed is None


@pytest.mark.parametrize(("mod", "name", "case"), CASES, ids=[f"{m}.{n}" for m, n, _ in CASES])
def test_check_accepts_the_solution_and_rejects_wrong_answers(mod, name, case):
    check = getattr(importlib.import_module(f"helpers.exercises.{mod}"), name)
    solution, wrong = case()
    assert check(solution).passed is True, f"{mod}.{name} rejects the solution"
    assert wrong, f"{mod}.{name} declares no wrong answer"
    for answer in wrong:
        assert check(answer).passed is False, f"{mod}.{name} accepts the wrong answer {answer!r}"
    assert check(None).passed is None

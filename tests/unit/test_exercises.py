"""Every self-check accepts its exercise's solution and rejects a typical wrong answer.

Each module ``helpers.exercises.nbNN`` declares ``CASES``: for each check function, the solution's
answer (computed the way the collapsed solution computes it) and at least one typical wrong
answer. This test runs them all, so a check that accepts everything, or nothing, fails here.
"""

from __future__ import annotations

import importlib
import math
import pkgutil

import numpy as np
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


#: Answers a student can end up with that no exercise asks for: a missing value (NaN, which a
#: date minus a missing date gives), the infinities, and a list holding a NaN.
UNUSABLE = [math.nan, np.float64("nan"), math.inf, -math.inf, [math.nan], np.array([1.0, np.nan])]


@pytest.mark.parametrize(("mod", "name"), [(m, n) for m, n, _ in CASES],
                         ids=[f"{m}.{n}" for m, n, _ in CASES])
def test_a_check_answers_an_unusable_answer_with_a_verdict_never_an_error(mod, name):
    check = getattr(importlib.import_module(f"helpers.exercises.{mod}"), name)
    for answer in UNUSABLE:
        verdict = check(answer)  # a check never raises on a student's answer
        assert isinstance(verdict, ex.Verdict) and verdict.passed is False, (answer, verdict)


def test_nb00_says_what_kind_of_answer_is_expected_for_nan():
    from helpers.exercises import nb00

    assert "list of paragraph numbers" in nb00.check_1(math.nan).message
    assert "NaN" in nb00.check_2(math.nan).message
    assert "whole number of days" in nb00.check_2(math.nan).message
    assert nb00.check_1(np.array(math.nan)).passed is False  # a 0-d array is one value
    assert nb00.check_2(float(10**300)).passed is False  # a whole float, just a wrong one


def test_the_shared_number_parser_refuses_an_int_too_large_for_a_float():
    verdict = ex._as_number("Exercise 9", 10**400, "$bn per year")
    assert isinstance(verdict, ex.Verdict) and verdict.passed is False
    assert "finite number in $bn per year" in verdict.message
    assert ex._as_number("Exercise 9", 10**20, "$bn per year") == 1e20

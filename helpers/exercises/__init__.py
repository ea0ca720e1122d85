"""Self-checks for the exercises: a student runs one on their own answer and reads a verdict.

Each notebook has a module here (``helpers.exercises.nb03`` for notebook 03, …) with one function
per exercise, ``check_1(answer)``, ``check_2(answer)``, …. A check recomputes what it needs from
the data or the model (never a stored answer), returns a :class:`Verdict` and never reveals the
solution: when an answer does not hold, the verdict carries a *hint* toward why.

In a notebook::

    my_answer = None          # replace None with your answer
    ex.check_1(my_answer)     # prints "✓ ..." or "✗ Not yet: <hint>"

An unanswered exercise (``None``) gets a friendly reminder, so a notebook run from top to bottom
(and nbval) stores a deterministic output. ``tests/unit/test_exercises.py`` proves that every check
accepts its exercise's solution and rejects at least one typical wrong answer.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

from helpers.checks import check_str

__all__ = ["NO_ANSWER", "Verdict", "fail", "no_answer", "ok"]

#: What an unanswered exercise holds.
NO_ANSWER = None


@dataclass(frozen=True)
class Verdict:
    """The outcome of a self-check.

    Attributes
    ----------
    exercise : str
        Which exercise, e.g. ``"Exercise 2"``.
    passed : bool or None
        True when the answer holds, False when it does not, None when there is no answer yet.
    message : str
        What the student reads: a confirmation, or a hint that does not give the answer away.
    """

    exercise: str
    passed: bool | None
    message: str

    def __str__(self) -> str:
        mark = {True: "✓", False: "✗ Not yet:", None: "…"}[self.passed]
        return f"{self.exercise}: {mark} {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def ok(exercise: str, message: str = "your answer holds.") -> Verdict:
    """Return a passing verdict.

    Raises
    ------
    ParameterError
        If ``exercise`` or ``message`` is not a non-empty str.
    """
    return Verdict(check_str("exercise", exercise), True, check_str("message", message))


def fail(exercise: str, hint: str) -> Verdict:
    """Return a failing verdict with a hint toward the answer (not the answer itself).

    Raises
    ------
    ParameterError
        If ``exercise`` or ``hint`` is not a non-empty str.
    """
    return Verdict(check_str("exercise", exercise), False, check_str("hint", hint))


def no_answer(exercise: str) -> Verdict:
    """Return the reminder shown while the answer is still ``None``.

    Raises
    ------
    ParameterError
        If ``exercise`` is not a non-empty str.
    """
    return Verdict(check_str("exercise", exercise), None,
                   "no answer yet: replace None above with your answer, then run this cell "
                   "again.")


# Answer parsing shared by the notebook modules (not public: a bad answer is a verdict, not
# an error, so these stand outside the fuzz suite's contract for public callables).


def _as_int(exercise: str, answer: Any, what: str) -> int | Verdict:
    """Return the answer as an int, or a failing verdict naming the expected type."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        return fail(exercise, f"give {what} as a whole number (an int such as 3), not "
                              f"{type(answer).__name__}.")
    return int(answer)


def _as_number(exercise: str, answer: Any, unit: str) -> float | Verdict:
    """Return the answer as a float, or a failing verdict naming the expected type and unit."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return fail(exercise, f"the answer should be one number in {unit} (a float such as "
                              f"12.3), not {type(answer).__name__}.")
    try:
        x = float(answer)
    except OverflowError:  # an int too large for a float, e.g. 10**400
        x = math.inf
    if not math.isfinite(x):
        return fail(exercise, f"the answer should be a finite number in {unit} (a float such as "
                              "12.3), not NaN (a missing value), an infinity or a number too "
                              "large for a float.")
    return x

"""Argument checks shared by every layer of :mod:`helpers` (the bottom layer: imports no helpers).

Every public function of the course answers bad input with a :class:`ParameterError` whose
message names the parameter, its valid range or options, and the value received, e.g.::

    weights['TUR'] must be a finite number in [0.1, 10], got nan

The checks return the value converted to a plain Python type, so callers never carry numpy
scalars or booleans that pass for numbers into a model.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Mapping
from typing import Any

__all__ = ["ParameterError", "check_choice", "check_flag", "check_int", "check_number",
           "check_point"]


class ParameterError(ValueError, TypeError):
    """Bad input to a public function: names the parameter, its valid range and the value.

    It is both a :class:`ValueError` and a :class:`TypeError`, so code that catches either of
    the usual exceptions for bad arguments also catches it.
    """


def _interval(lo: float, hi: float, lo_open: bool, hi_open: bool) -> str:
    left = "(" if lo_open else "["
    right = ")" if hi_open else "]"
    return f"{left}{lo:g}, {hi:g}{right}"


def check_number(name: str, value: Any, lo: float = -math.inf, hi: float = math.inf, *,
                 lo_open: bool = False, hi_open: bool = False, unit: str = "") -> float:
    """Return ``value`` as a float if it is a finite real number in the given interval.

    Parameters
    ----------
    name : str
        Parameter name used in the message.
    value : Any
        The value to check; booleans are refused (``True`` would pass for 1).
    lo, hi : float
        Bounds of the valid interval.
    lo_open, hi_open : bool
        Whether the bound itself is excluded.
    unit : str
        Unit appended to the range in the message (e.g. ``"$/bbl"``).

    Returns
    -------
    float

    Raises
    ------
    ParameterError
        If ``value`` is not a finite real number inside the interval.

    Examples
    --------
    >>> check_number("alpha", 0.2, 0, 1)
    0.2
    >>> check_number("alpha", 2, 0, 1)
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: alpha must be a finite number in [0, 1], got 2
    """
    span = _interval(lo, hi, lo_open, hi_open) + (f" {unit}" if unit else "")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"{name} must be a finite number in {span}, got {value!r} "
                             f"({type(value).__name__})")
    x = float(value)
    below = x <= lo if lo_open else x < lo
    above = x >= hi if hi_open else x > hi
    if not math.isfinite(x) or below or above:
        raise ParameterError(f"{name} must be a finite number in {span}, got {value!r}")
    return x


def check_int(name: str, value: Any, lo: int, hi: int) -> int:
    """Return ``value`` as an int if it is an integer (not a bool) in ``[lo, hi]``.

    Examples
    --------
    >>> check_int("days", 45, 0, 180)
    45
    >>> check_int("days", 4.5, 0, 180)
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: days must be an integer in [0, 180], got 4.5 (float)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterError(f"{name} must be an integer in [{lo}, {hi}], got {value!r} "
                             f"({type(value).__name__})")
    if not lo <= int(value) <= hi:
        raise ParameterError(f"{name} must be an integer in [{lo}, {hi}], got {value!r}")
    return int(value)


def check_flag(name: str, value: Any) -> bool:
    """Return ``value`` if it is a real boolean (``"False"``, 0 and NaN are refused).

    Examples
    --------
    >>> check_flag("contested", "False")
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: contested must be True or False, got 'False' (str)
    """
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":  # numpy.bool_ without importing numpy here
        return bool(value)
    raise ParameterError(f"{name} must be True or False, got {value!r} "
                         f"({type(value).__name__})")


def check_choice(name: str, value: Any, options: Collection[Any]) -> Any:
    """Return ``value`` if it is one of ``options``; the message lists the options sorted.

    Examples
    --------
    >>> check_choice("mode", "outside", ("impasse", "outside"))
    'outside'
    >>> check_choice("mode", "exit", ("outside", "impasse"))
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: mode must be one of ['impasse', 'outside'], got 'exit'
    """
    try:
        ok = value in options
    except TypeError:  # unhashable value tested against a set
        ok = False
    if not ok:
        shown = sorted(options, key=str)
        raise ParameterError(f"{name} must be one of {shown}, got {value!r}")
    return value


def check_point(name: str, value: Any, lo: float = 0.0, hi: float = 1.0) -> tuple[float, float]:
    """Return ``value`` as an ``(x, y)`` pair of floats, each in ``[lo, hi]``.

    Examples
    --------
    >>> check_point("status_quo", (0.5, 1))
    (0.5, 1.0)
    >>> check_point("status_quo", (0.5, 1.2))
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: status_quo[1] must be a finite number in [0, 1], got 1.2
    """
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__len__") \
            or len(value) != 2:
        raise ParameterError(f"{name} must be a point (x, y) with both coordinates in "
                             f"[{lo:g}, {hi:g}], got {value!r}")
    x, y = value
    return (check_number(f"{name}[0]", x, lo, hi), check_number(f"{name}[1]", y, lo, hi))

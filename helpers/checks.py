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
import os
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["ParameterError", "check_cells", "check_choice", "check_flag", "check_frame",
           "check_ids", "check_instance", "check_int", "check_number", "check_path",
           "check_point", "check_str"]


class ParameterError(ValueError, TypeError):
    """Bad input to a public function: names the parameter, its valid range and the value.

    It is both a :class:`ValueError` and a :class:`TypeError`, so code that catches either of
    the usual exceptions for bad arguments also catches it.
    """


def _check_name(name: Any) -> str:
    """Check the ``name`` argument of every check: the parameter's name, a non-empty str."""
    if not isinstance(name, str) or not name:
        raise ParameterError(f"name (the checked parameter's name) must be a non-empty str, "
                             f"got {name!r} ({type(name).__name__})")
    return name


def _is_numpy_bool(value: Any) -> bool:
    """Whether ``value`` is a numpy boolean (``numpy.bool``; ``numpy.bool_`` before NumPy 2)."""
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")


def _is_real(value: Any) -> bool:
    """Whether ``value`` is a real number and not a bool (``True`` passes for 1)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) \
        and not _is_numpy_bool(value)


def _check_bounds(lo: Any, hi: Any, integral: bool = False) -> None:
    """Refuse bounds that are not numbers (ints for ``integral``), NaN, or in the wrong order."""
    what = "integers" if integral else "numbers (not NaN)"
    for part, bound in (("lo", lo), ("hi", hi)):
        if not _is_real(bound) or (integral and not isinstance(bound, numbers.Integral)) \
                or math.isnan(bound):
            raise ParameterError(f"{part} (a bound of the valid range) must be one of the "
                                 f"{what}, got {bound!r} ({type(bound).__name__})")
    if lo > hi:
        raise ParameterError(f"lo and hi must satisfy lo <= hi, got lo={lo!r} > hi={hi!r}")


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
    _check_name(name)
    _check_bounds(lo, hi)
    check_flag("lo_open", lo_open)
    check_flag("hi_open", hi_open)
    check_str("unit", unit, empty=True)
    span = _interval(lo, hi, lo_open, hi_open) + (f" {unit}" if unit else "")
    if not _is_real(value):
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
    _check_name(name)
    _check_bounds(lo, hi, integral=True)
    if not _is_real(value) or not isinstance(value, numbers.Integral):
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
    _check_name(name)
    if isinstance(value, bool):
        return value
    if _is_numpy_bool(value):  # without importing numpy here
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
    _check_name(name)
    if isinstance(options, str | bytes) or not isinstance(options, Collection):
        raise ParameterError(f"options must be a collection of the allowed values (a tuple, "
                             f"list, set or dict; not a str), got {options!r}")
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
    _check_name(name)
    _check_bounds(lo, hi)
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__len__") \
            or len(value) != 2:
        raise ParameterError(f"{name} must be a point (x, y) with both coordinates in "
                             f"[{lo:g}, {hi:g}], got {value!r}")
    x, y = value
    return (check_number(f"{name}[0]", x, lo, hi), check_number(f"{name}[1]", y, lo, hi))


def check_str(name: str, value: Any, *, empty: bool = False) -> str:
    """Return ``value`` if it is a str (a non-empty one unless ``empty``).

    Examples
    --------
    >>> check_str("title", "Timeline")
    'Timeline'
    >>> check_str("title", None)
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: title must be a non-empty str, got None (NoneType)
    """
    _check_name(name)
    if not isinstance(empty, bool):
        check_flag("empty", empty)
    if not isinstance(value, str) or (not empty and not value):
        what = "a str" if empty else "a non-empty str"
        raise ParameterError(f"{name} must be {what}, got {value!r} ({type(value).__name__})")
    return value


def check_instance(name: str, value: Any, types: type | tuple[type, ...], what: str) -> Any:
    """Return ``value`` if it is an instance of ``types``; ``what`` names them in the message.

    Examples
    --------
    >>> check_instance("weights", {}, dict, "a dict")
    {}
    >>> check_instance("weights", [], dict, "a dict")
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: weights must be a dict, got [] (list)
    """
    _check_name(name)
    if not (isinstance(types, type) or (isinstance(types, tuple) and types
                                        and all(isinstance(t, type) for t in types))):
        raise ParameterError(f"types must be a class or a tuple of classes, got {types!r}")
    check_str("what", what)
    if not isinstance(value, types):
        shown = repr(value)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        raise ParameterError(f"{name} must be {what}, got {shown} ({type(value).__name__})")
    return value


def check_ids(name: str, value: Any, options: Collection[Any] | None = None, *,
              min_len: int = 0, distinct: bool = False) -> list[str]:
    """Return a sequence of ids (non-empty strs) as a list; a single str or a mapping is refused.

    Parameters
    ----------
    name : str
        Parameter name used in the message.
    value : Any
        The ids: a list, tuple, set or other iterable of str.
    options : collection, optional
        If given, every id must be one of these (the message lists them).
    min_len : int
        Fewest ids accepted.
    distinct : bool
        Refuse an id given twice.

    Examples
    --------
    >>> check_ids("actors", ("RUS", "IRN"))
    ['RUS', 'IRN']
    >>> check_ids("actors", "RUS")
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: actors must be a list of ids (str), not a single str: 'RUS'
    >>> check_ids("actors", ["RUS", "XYZ"], options=("IRN", "RUS"))
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: actors[1] must be one of ['IRN', 'RUS'], got 'XYZ'
    """
    _check_name(name)
    if options is not None and (isinstance(options, str | bytes)
                                or not isinstance(options, Collection)):
        raise ParameterError(f"options must be None or a collection of the allowed ids (not a "
                             f"str), got {options!r}")
    check_int("min_len", min_len, 0, 10**6)
    check_flag("distinct", distinct)
    if isinstance(value, str | bytes):
        raise ParameterError(f"{name} must be a list of ids (str), not a single str: {value!r}")
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise ParameterError(f"{name} must be a list of ids (str), got {value!r} "
                             f"({type(value).__name__})")
    ids = list(value)
    for i, v in enumerate(ids):
        check_str(f"{name}[{i}]", v)
        if options is not None:
            check_choice(f"{name}[{i}]", v, options)
    if len(ids) < min_len:
        raise ParameterError(f"{name} must hold at least {min_len} id(s), got {ids!r}")
    if distinct and len(set(ids)) != len(ids):
        dupes = sorted({v for v in ids if ids.count(v) > 1})
        raise ParameterError(f"{name} must hold distinct ids, repeated: {dupes}")
    return ids


def check_path(name: str, value: Any, *, kind: str = "file") -> Path:
    """Return ``value`` as a Path to an existing file (``kind="file"``) or folder (``"dir"``).

    Examples
    --------
    >>> check_path("path", "no/such/file.txt")
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: path must be the path of an existing file, got 'no/such/file.txt'
    """
    _check_name(name)
    check_choice("kind", kind, ("file", "dir", "any"))
    if not isinstance(value, str | os.PathLike) or (isinstance(value, str) and not value):
        raise ParameterError(f"{name} must be a path (a non-empty str or a pathlib.Path), got "
                             f"{value!r} ({type(value).__name__})")
    path = Path(value)
    ok = {"file": path.is_file, "dir": path.is_dir, "any": path.exists}[kind]()
    if not ok:
        what = {"file": "an existing file", "dir": "an existing folder",
                "any": "an existing file or folder"}[kind]
        raise ParameterError(f"{name} must be the path of {what}, got {str(value)!r}")
    return path


def check_frame(name: str, value: Any, columns: Iterable[str] = (), *, min_rows: int = 0) -> Any:
    """Return ``value`` if it is a pandas DataFrame with ``columns`` and at least ``min_rows``.

    Examples
    --------
    >>> import pandas as pd
    >>> check_frame("events", pd.DataFrame({"date": []}), ["date", "label"])
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: events is missing column(s) ['label']; needs ['date', 'label']
    """
    import pandas as pd

    _check_name(name)
    need = check_ids("columns", columns)
    check_int("min_rows", min_rows, 0, 10**9)
    if not isinstance(value, pd.DataFrame):
        shown = f" with columns {need}" if need else ""
        raise ParameterError(f"{name} must be a pandas DataFrame{shown}, got "
                             f"{type(value).__name__}")
    missing = [c for c in need if c not in value.columns]
    if missing:
        raise ParameterError(f"{name} is missing column(s) {missing}; needs {need}")
    if len(value) < min_rows:
        raise ParameterError(f"{name} must have at least {min_rows} row(s), got {len(value)}")
    return value


_CELL_KINDS = ("str", "int", "bool", "sign", "date", "number")


def check_cells(name: str, frame: Any, column: str, kind: str, *, lo: float | None = None,
                missing: bool = False) -> Any:
    """Check every cell of one column and return it converted (a pandas Series, same index).

    Parameters
    ----------
    name : str
        Name of the table parameter (the message says ``name['column']``).
    frame : pandas.DataFrame
        The table (already checked with :func:`check_frame`).
    column : str
        Column to check.
    kind : {"str", "int", "bool", "sign", "date", "number"}
        ``str``: non-empty strings; ``int``: whole numbers (integral floats too) ``>= lo``,
        returned as int64; ``bool``: True/False only (not "False", 0 or NaN); ``sign``: -1, 0 or
        +1; ``date``: dates or date strings, returned as datetime64; ``number``: finite numbers
        ``>= lo``.
    lo : float, optional
        Smallest value of an ``int`` or ``number`` column.
    missing : bool
        Allow missing cells (None, NaN, NaT); they stay missing in the result.

    Raises
    ------
    ParameterError
        Naming the table, the column, the first bad cell and its row label.

    Examples
    --------
    >>> import pandas as pd
    >>> check_cells("mentions", pd.DataFrame({"sentence": [1, 0]}), "sentence", "int", lo=1)
    Traceback (most recent call last):
    ...
    helpers.checks.ParameterError: mentions['sentence'] must hold whole numbers >= 1, got 0 in row 1
    """
    import pandas as pd

    _check_name(name)
    check_frame("frame", frame)
    check_choice("column", column, list(frame.columns))
    check_choice("kind", kind, _CELL_KINDS)
    if lo is not None:
        check_number("lo", lo)
    check_flag("missing", missing)
    series = frame[column]
    what = {"str": "non-empty strings", "bool": "True or False only",
            "sign": "signs -1, 0 or +1", "date": "dates",
            "int": "whole numbers" + (f" >= {lo:g}" if lo is not None else ""),
            "number": "finite numbers" + (f" >= {lo:g}" if lo is not None else "")}[kind]
    if missing:
        what += " (or missing)"

    def fail(row: Any, value: Any) -> None:
        raise ParameterError(f"{name}[{column!r}] must hold {what}, got {value!r} in row {row!r}")

    out = []
    for row, value in series.items():
        if _is_missing(value):
            if not missing:
                fail(row, value)
            out.append(None)
            continue
        if kind == "str":
            if not isinstance(value, str) or not value.strip():
                fail(row, value)
            out.append(value)
        elif kind == "bool":
            if not (isinstance(value, bool) or _is_numpy_bool(value)):
                fail(row, value)
            out.append(bool(value))
        elif kind in ("int", "sign"):
            if not _is_real(value) or not math.isfinite(value) or float(value) != int(value):
                fail(row, value)
            v = int(value)
            if (kind == "sign" and v not in (-1, 0, 1)) or (lo is not None and v < lo):
                fail(row, value)
            out.append(v)
        elif kind == "number":
            if not _is_real(value) or not math.isfinite(value) or (lo is not None and value < lo):
                fail(row, value)
            out.append(float(value))
        else:
            if isinstance(value, bool) or (not isinstance(value, str | pd.Timestamp)
                                           and not hasattr(value, "year")):
                fail(row, value)
            try:
                out.append(pd.Timestamp(value))
            except (TypeError, ValueError):
                fail(row, value)
    if kind == "date":
        return pd.to_datetime(pd.Series(out, index=series.index, dtype=object))
    if kind in ("int", "sign") and not missing:
        return pd.Series(out, index=series.index, dtype="int64")
    return pd.Series(out, index=series.index, dtype=object if kind == "str" else None)


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT or pandas.NA."""
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, str | bytes) else False
    except (TypeError, ValueError):  # array-likes are not missing cells
        return False

"""The fuzz harness: find every public callable of ``helpers``, derive bad values, judge outcomes.

Discovery
    :func:`discover` walks the package with :mod:`pkgutil`. A *target* is every name in a
    module's ``__all__`` that is a function or a class *defined in that module* (re-exports are
    probed where they are defined). Classes are probed through their constructor. Exception
    classes are not targets (their arguments are messages). Result records (frozen dataclasses
    the library builds and returns, never takes) are listed by name in ``examples.RECORDS``.

Probes
    :func:`probes_for` reads a parameter's annotation (``typing.get_type_hints``) and derives
    bad values from it: values of the wrong type (None, a bool, a number, a str, a list, a dict,
    an object), then values of the right type that are out of range or malformed: NaN, ±inf,
    huge and negative numbers; an empty or unknown str; an empty frame, a frame missing a
    column or holding a bad cell; a mapping or a sequence with one bad element; a wrong-length
    pair. Each probe says whether the value is certainly *invalid* (the call must refuse it) or
    only *doubtful* (it may be valid: the call may succeed, or refuse it clearly). Hypothesis
    strategies (:func:`random_probes`) add random values of the same families.

Judging (:func:`run_probe`)
    ``clear``    the call raised ParameterError, or a ValueError/TypeError/KeyError raised in a
                 frame of ``helpers`` whose message names the parameter;
    ``vague``    the project raised one of those, but the message does not name the parameter;
    ``deep``     any other exception, or one raised inside pandas, numpy, matplotlib, networkx
                 or Python itself (the last frame of the traceback is not in ``helpers``);
    ``silent``   an invalid value was accepted, or a doubtful one returned a complex or
                 non-finite number, or warned (a library quietly fell back);
    ``accepted`` a doubtful value was accepted.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import importlib
import inspect
import math
import numbers
import os
import pkgutil
import re
import resource
import signal
import types
import typing
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import helpers
from helpers.checks import ParameterError

HELPERS_DIR = str(Path(helpers.__file__).resolve().parent) + os.sep

#: Outcome counts per module, filled by the tests and printed at the end of the session.
COUNTS: dict[str, Counter[str]] = {}

OUTCOMES = ("silent", "deep", "vague", "clear", "accepted")


# ------------------------------------------------------------------------------- discovery


@dataclass(frozen=True)
class Target:
    """One public callable: ``module.name``, the object, and what kind of callable it is."""

    module: str
    name: str
    obj: Any
    kind: str  # "function", "class", "record"

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"


def discover() -> tuple[list[Target], dict[str, str]]:
    """Return every public callable of ``helpers`` and the modules that failed to import."""
    targets: list[Target] = []
    failed: dict[str, str] = {}
    names = sorted(m.name for m in pkgutil.walk_packages(helpers.__path__, "helpers."))
    for modname in ["helpers", *names]:
        try:
            mod = importlib.import_module(modname)
        except Exception as exc:  # a broken module is reported by a test, not hidden
            failed[modname] = f"{type(exc).__name__}: {exc}"
            continue
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name, None)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if getattr(obj, "__module__", None) != modname:
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            kind = "class" if inspect.isclass(obj) else "function"
            targets.append(Target(modname, name, obj, kind))
    return targets, failed


def signature_of(target: Target) -> tuple[inspect.Signature, dict[str, Any]]:
    """The call signature and the evaluated type hints of a target (a class: its constructor)."""
    obj = target.obj
    sig = inspect.signature(obj)
    if inspect.isclass(obj):
        hints_of = obj if dataclasses.is_dataclass(obj) else obj.__init__
    else:
        hints_of = obj
    hints = typing.get_type_hints(hints_of)
    return sig, hints


def fuzzable(sig: inspect.Signature) -> list[inspect.Parameter]:
    """Parameters a probe can set by name (not ``*args`` / ``**kwargs``)."""
    return [p for p in sig.parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def required(sig: inspect.Signature) -> list[str]:
    return [p.name for p in fuzzable(sig) if p.default is p.empty]


# --------------------------------------------------------------------------------- specs

NOTHING = object()


@dataclass(frozen=True)
class P:
    """What the registry knows about one parameter beyond its annotation.

    Attributes
    ----------
    lo, hi : float, optional
        The valid numeric range (inclusive). Without it an int must be >= 0 and < 10**9, and a
        float finite.
    free : bool
        Any str is valid (free text, labels). Otherwise an empty or unknown str is invalid.
    table : mapping of column to column kind, optional
        The required columns of a table argument and what each must hold (see ``BAD_CELLS``).
    example : Any
        A valid value for an optional parameter whose default is None, to derive nested probes.
    """

    lo: float | None = None
    hi: float | None = None
    free: bool = False
    table: dict[str, str] | None = None
    example: Any = NOTHING


DEFAULT = P()

#: Bad cells per column kind (every one invalid for a column of that kind).
BAD_CELLS: dict[str, tuple[Any, ...]] = {
    "str": (None, math.nan, 7, ""),
    "pos_int": (0, -4, 2.5, math.nan, "1", True),
    "nonneg_int": (-1, 2.5, math.nan, "1", True),
    "bool": ("False", math.nan, None, 2),
    "sign": (2, 0.5, math.nan, True, "1"),
    "date": ("not a date", 7, None),
    "opt_date": ("not a date", 7),
    "number": ("x", None, math.inf),
    "kind": (None, "chapter", 7),
    "person": (7, "__no_such_person__"),
    "actors": (7, True),
    "pos_int_or_missing": (0, -4, 2.5, "1", True),
    "str_or_missing": (7, ""),
    "verdict": (None, "true-ish", 7),
}


# ------------------------------------------------------------------------------- type model


@dataclass(frozen=True)
class Node:
    """A normalised annotation."""

    #: any, none, num, bool, str, path, frame, series, stamp, inst, map, seq, tuple, vtuple,
    #: call, type, choice or union
    tag: str
    args: tuple[Any, ...] = ()
    int_only: bool = False
    strict: bool = False  # seq: a Sequence (not only an Iterable)


ANY = Node("any")


def norm(tp: Any) -> Node:
    """Turn a type hint into a :class:`Node`."""
    if tp is Any or tp is object or tp is inspect.Parameter.empty:
        return ANY
    if tp is None or tp is type(None):
        return Node("none")
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        members = tuple(norm(a) for a in args)
        if any(m.tag == "str" for m in members) and any(
                m.tag == "inst" and issubclass(m.args[0], PurePath) for m in members):
            rest = tuple(m for m in members if m.tag not in ("str", "inst") or
                         (m.tag == "inst" and not issubclass(m.args[0], PurePath)))
            members = (Node("path"), *rest)
        return members[0] if len(members) == 1 else Node("union", members)
    if origin is typing.Literal:
        return Node("choice", args)
    if origin is type:
        return Node("type", args)
    if origin in (cabc.Callable,) or tp is cabc.Callable:
        return Node("call")
    if origin in (cabc.Mapping, dict, cabc.MutableMapping):
        k, v = (*args, Any, Any)[:2]
        return Node("map", (norm(k), norm(v)))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return Node("vtuple", (norm(args[0]),))
        return Node("tuple", tuple(norm(a) for a in args))
    if origin in (cabc.Sequence, list, cabc.Collection):
        return Node("seq", (norm(args[0]) if args else ANY,), strict=True)
    if origin in (cabc.Iterable, cabc.Iterator, set, frozenset):
        return Node("seq", (norm(args[0]) if args else ANY,), strict=False)
    if origin is re.Pattern or tp is re.Pattern:
        return Node("inst", (re.Pattern,))
    if tp is bool:
        return Node("bool")
    if tp is int:
        return Node("num", int_only=True)
    if tp is float:
        return Node("num")
    if tp is str:
        return Node("str")
    if tp is pd.DataFrame:
        return Node("frame")
    if tp is pd.Series:
        return Node("series")
    if tp is pd.Timestamp:
        return Node("stamp")
    if isinstance(tp, type):
        return Node("inst", (tp,))
    return ANY


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool | np.bool_)


def accepts(node: Node, v: Any) -> bool:
    """Whether ``v`` has a type ``node`` admits (its range is not considered)."""
    tag = node.tag
    if tag == "any":
        return True
    if tag == "none":
        return v is None
    if tag == "union":
        return any(accepts(m, v) for m in node.args)
    if tag == "num":
        if _is_bool(v) or not isinstance(v, numbers.Real):
            return False
        return isinstance(v, numbers.Integral) if node.int_only else True
    if tag == "bool":
        return _is_bool(v)
    if tag == "str":
        return isinstance(v, str)
    if tag == "path":
        return isinstance(v, str | os.PathLike)
    if tag == "frame":
        return isinstance(v, pd.DataFrame)
    if tag == "series":
        return isinstance(v, pd.Series)
    if tag == "stamp":
        return isinstance(v, pd.Timestamp) and v is not pd.NaT
    if tag == "inst":
        return isinstance(v, node.args[0])
    if tag == "map":
        return isinstance(v, cabc.Mapping)
    if tag in ("seq", "tuple", "vtuple"):
        if tag == "seq" and not node.strict and isinstance(v, cabc.Mapping):
            return True  # iterating a mapping gives its keys: doubtful, not wrong
        if isinstance(v, str | bytes | cabc.Mapping | pd.DataFrame | pd.Series):
            return False
        if tag == "seq" and not node.strict:
            return isinstance(v, cabc.Iterable)
        return isinstance(v, cabc.Sequence | np.ndarray)
    if tag == "call":
        return callable(v)
    if tag == "type":
        return isinstance(v, type)
    if tag == "choice":
        try:
            return v in node.args
        except TypeError:
            return False
    return True


# -------------------------------------------------------------------------------- probes


@dataclass
class Probe:
    """One bad (or doubtful) value for one parameter."""

    param: str
    value: Any
    invalid: bool
    label: str


def _short(v: Any) -> str:
    if isinstance(v, pd.DataFrame):
        return f"DataFrame{v.shape}"
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


#: Values of the wrong type for most parameters: each one a type does not admit is invalid.
def _pool() -> list[tuple[Any, str]]:
    return [(None, "None"), (True, "True"), (7, "7"), (2.5, "2.5"), (math.nan, "nan"),
            ("zz", "'zz'"), ([], "[]"), ({}, "{}"), (object(), "object()")]


def _num_probes(node: Node, spec: P) -> list[tuple[Any, bool, str]]:
    out: list[tuple[Any, bool, str]] = [(math.nan, True, "nan")]
    lo = spec.lo if spec.lo is not None else (0 if node.int_only else -math.inf)
    hi = spec.hi if spec.hi is not None else (10**9 - 1 if node.int_only else math.inf)
    explicit = spec.lo is not None or spec.hi is not None
    if node.int_only:
        out += [(2.5, True, "2.5"), (math.inf, True, "inf")]
        for v in (-1, 0, 10**9, np.int64(1)):
            out.append((v, not lo <= v <= hi, _short(v)))
        if explicit:
            if math.isfinite(lo):
                out += [(int(lo) - 1, True, f"lo-1={int(lo) - 1}"), (int(lo), False, "lo")]
            if math.isfinite(hi):
                out += [(int(hi) + 1, True, f"hi+1={int(hi) + 1}"), (int(hi), False, "hi")]
        return out
    out += [(math.inf, not hi == math.inf, "inf"), (-math.inf, not lo == -math.inf, "-inf")]
    for v in (-1.0, 0.0, 1e300, -1e300, np.float64(0.5)):
        bad = explicit and not lo <= v <= hi
        out.append((v, bad, _short(v)))
    if explicit:
        span = (hi - lo) if math.isfinite(hi - lo) and hi > lo else 1.0
        if math.isfinite(lo):
            out += [(lo - span, True, f"lo-span={lo - span:g}"), (lo, False, "lo")]
        if math.isfinite(hi):
            out += [(hi + span, True, f"hi+span={hi + span:g}"), (hi, False, "hi")]
    return out


#: Columns outside a table's spec that are dropped one at a time (the rest are not probed, to
#: keep the suite quick: a wide table's optional columns are alike).
_OTHER_COLUMNS = 4


def _frame_probes(base: pd.DataFrame, spec: P) -> list[tuple[Any, bool, str]]:
    table = spec.table or {}
    out: list[tuple[Any, bool, str]] = []
    out.append((pd.DataFrame(), bool(table) or len(base.columns) > 0, "empty DataFrame()"))
    out.append((base.iloc[:0].copy(), False, "no rows"))
    out.append((base.to_dict("list"), True, "dict of columns"))
    required = {c for c, kind in table.items() if not kind.endswith("?")}
    others = [c for c in base.columns if c not in table][:_OTHER_COLUMNS]
    for col in [c for c in base.columns if c in table or c in others]:
        out.append((base.drop(columns=col), col in required, f"without column {col!r}"))
    if len(base):
        for col, kind in table.items():
            if col not in base.columns:
                continue
            for bad in BAD_CELLS[kind.rstrip("?")]:
                frame = base.copy()
                frame[col] = frame[col].astype(object)
                frame.iloc[0, frame.columns.get_loc(col)] = bad
                out.append((frame, True, f"{col}[0]={bad!r}"))
    return out


def _records_probes(base: list[dict[str, Any]], spec: P) -> list[tuple[Any, bool, str]]:
    table = spec.table or {}
    out: list[tuple[Any, bool, str]] = [([], False, "[]"),
                                        (base[0], True, "one mapping, not a list")]
    for col, kind in table.items():
        if col not in base[0]:
            continue
        rec = {k: v for k, v in base[0].items() if k != col}
        out.append(([rec, *base[1:]], not kind.endswith("?"), f"record without {col!r}"))
        for bad in BAD_CELLS[kind.rstrip("?")]:
            out.append(([{**base[0], col: bad}, *base[1:]], True, f"record {col}={bad!r}"))
    return out


def _cap(items: list[tuple[Any, bool, str]], n: int) -> list[tuple[Any, bool, str]]:
    """The invalid probes first, then doubtful ones, at most ``n``."""
    return ([x for x in items if x[1]] + [x for x in items if not x[1]])[:n]


def value_probes(node: Node, example: Any, spec: P) -> list[tuple[Any, bool, str]]:
    """Right-typed but bad or doubtful values of ``node`` (``example``: valid value or NOTHING)."""
    tag = node.tag
    has = example is not NOTHING and example is not None
    inner = P(lo=spec.lo, hi=spec.hi, free=spec.free)  # what nested values inherit
    if tag == "num":
        return _num_probes(node, spec)
    if tag == "bool":
        return [("False", True, "'False'"), (0, True, "0"), (1, True, "1"),
                (np.bool_(True), False, "np.True_")]
    if tag == "str":
        if spec.free:
            return [("", False, "''"), ("cost $5 and $6", False, "'$..$'")]
        return [("", True, "''"), ("__no_such_id__", True, "unknown id")]
    if tag == "path":
        return [("", True, "''"), ("no_such_file.txt", True, "missing file")]
    if tag == "choice":
        return [("zz", True, "'zz'")]
    if tag == "frame":
        if has and isinstance(example, pd.DataFrame):
            return _frame_probes(example, spec)
        return [(pd.DataFrame(), True, "empty DataFrame()")]
    if tag == "series":
        return [(pd.Series(dtype=object), False, "empty Series")]
    if tag == "stamp":
        return [(pd.NaT, True, "NaT"), ("2022-07-19", False, "a date str")]
    if tag == "inst":
        cls = node.args[0]
        if cls is Axes:
            return [(Figure(), True, "a Figure")]
        if cls is Figure:
            return [(Figure().add_subplot(), True, "an Axes")]
        if issubclass(cls, nx.Graph):
            g = nx.Graph()
            g.add_edge("RUS", "IRN", weight=None)
            h = nx.Graph()
            h.add_edge("RUS", "IRN", weight=-3)
            return [(nx.Graph(), False, "empty graph"), (g, True, "edge weight None"),
                    (h, True, "edge weight -3")]
        if cls is np.ndarray:
            return [(np.zeros((0,)), False, "empty array"), (np.zeros((2, 2)), False, "2-d"),
                    (np.full((2, 2, 4), np.nan), False, "NaN array")]
        return []
    if tag == "map":
        key, val = node.args
        out: list[tuple[Any, bool, str]] = [({}, False, "{}")]
        if has and isinstance(example, cabc.Mapping) and example:
            k0 = next(iter(example))
            rest = {k: v for k, v in example.items() if k != k0}
            for v, bad, label in _cap(probes_of(val, example[k0], inner), 6):
                out.append(({k0: v, **rest}, bad, f"[{k0!r}]={label}"))
            for k, bad, label in _cap(probes_of(key, k0, inner), 5):
                try:
                    hash(k)
                except TypeError:
                    continue
                out.append(({k: example[k0], **rest}, bad, f"key {label}"))
        return out
    if tag in ("seq", "vtuple"):
        (elem,) = node.args
        out = [([], False, "[]")]
        if has and isinstance(example, cabc.Iterable):
            items = list(example)
            if items:
                if all(isinstance(x, cabc.Mapping) for x in items) and spec.table:
                    return out + _records_probes(items, spec)
                for v, bad, label in _cap(probes_of(elem, items[0], inner), 8):
                    out.append(([v, *items[1:]], bad, f"[0]={label}"))
                out.append(([*items, items[0]], False, "a duplicate"))
        return out
    if tag == "tuple":
        out = []
        if has and isinstance(example, cabc.Sequence):
            items = list(example)
            out += [(tuple(items[:-1]), True, "one item short"),
                    ((*items, items[0]), True, "one item too many")]
            for i, (sub, item) in enumerate(zip(node.args, items, strict=False)):
                for v, bad, label in _cap(probes_of(sub, item, inner), 5):
                    out.append(((*items[:i], v, *items[i + 1:]), bad, f"[{i}]={label}"))
        return out
    if tag == "type":
        return [(int, True, "int")]
    return []


def probes_of(node: Node, example: Any, spec: P) -> list[tuple[Any, bool, str]]:
    """Every probe of a node: wrong types from the pool, then right-typed bad values.

    A parameter typed ``Any`` takes anything by contract (an exercise's answer, the value a
    check inspects): the pool's values are only doubtful there, so such a call may refuse them
    clearly or accept them, but never fail deep inside a library.
    """
    if node.tag == "any":
        return [(v, False, label) for v, label in _pool()]
    out = [(v, True, label) for v, label in _pool() if not accepts(node, v)]
    members = node.args if node.tag == "union" else (node,)
    real = [m for m in members if m.tag != "none"]
    if example is not NOTHING and example is not None:
        fits = [m for m in real if accepts(m, example)]
        chosen = [(m, example) for m in fits[:1]]
        chosen += [(m, NOTHING) for m in real if m not in fits[:1]]
    else:
        chosen = [(m, NOTHING) for m in real]
    for member, ex in chosen:
        for v, bad, label in value_probes(member, ex, spec):
            if bad and node.tag == "union" and any(
                    accepts(m, v) for m in members if m is not member):
                bad = False  # another member of the union admits it: only doubtful
            out.append((v, bad, label))
    return out


def probes_for(param: str, hint: Any, default: Any, base: Any, spec: P) -> list[Probe]:
    """The probes of one parameter (``base``: its value in the valid example, or NOTHING)."""
    node = norm(hint)
    example = base if base is not NOTHING else default
    if (example is None or example is NOTHING or example is inspect.Parameter.empty) \
            and spec.example is not NOTHING:
        example = spec.example
    if example is inspect.Parameter.empty:
        example = NOTHING
    out = [Probe(param, v, bad, label) for v, bad, label in probes_of(node, example, spec)]
    if default is None and norm(hint).tag != "union":  # None is the default: it is valid
        out = [p for p in out if p.value is not None]
    return out


def random_probes(param: str, hint: Any, spec: P) -> st.SearchStrategy[Probe] | None:
    """Random invalid values of a parameter's type family (None when there is none)."""
    node = norm(hint)
    members = node.args if node.tag == "union" else (node,)
    strategies = [s for m in members if (s := _random_member(m, spec)) is not None]
    if not strategies:
        return None

    def make(v: Any) -> Probe:
        bad = not any(accepts(m, v) for m in members) or _invalid_in_range(node, v, spec)
        return Probe(param, v, bad, f"random {_short(v)}")

    return st.one_of(strategies).map(make)


def _invalid_in_range(node: Node, v: Any, spec: P) -> bool:
    members = node.args if node.tag == "union" else (node,)
    for m in members:
        if m.tag == "num" and accepts(m, v):
            x = float(v)
            lo = spec.lo if spec.lo is not None else (0 if m.int_only else -math.inf)
            hi = spec.hi if spec.hi is not None else (10**9 - 1 if m.int_only else math.inf)
            return not (math.isfinite(x) or (x == hi == math.inf) or (x == lo == -math.inf)) \
                or not lo <= x <= hi
        if m.tag == "str" and accepts(m, v):
            return not spec.free
    return False


def _random_member(m: Node, spec: P) -> st.SearchStrategy[Any] | None:
    text = st.text(max_size=6)
    if m.tag == "num":
        parts = [text, st.floats(allow_nan=True, allow_infinity=True).filter(
            lambda x: not math.isfinite(x))]
        if m.int_only:
            parts.append(st.floats(-1e6, 1e6).filter(lambda x: not float(x).is_integer()))
            parts.append(st.integers(max_value=-1) if (spec.lo or 0) >= 0 else st.nothing())
        if spec.hi is not None and math.isfinite(spec.hi):
            hi = spec.hi
            parts.append(st.integers(min_value=int(hi) + 1) if m.int_only
                         else st.floats(min_value=hi, exclude_min=True, allow_infinity=False))
        if spec.lo is not None and math.isfinite(spec.lo):
            lo = spec.lo
            parts.append(st.integers(max_value=int(lo) - 1) if m.int_only
                         else st.floats(max_value=lo, exclude_max=True, allow_infinity=False))
        return st.one_of(parts)
    if m.tag == "str":
        return st.integers() if spec.free else st.one_of(
            st.integers(), text.map(lambda s: "zz~" + s))
    if m.tag == "bool":
        return st.one_of(st.integers(), text)
    if m.tag in ("seq", "vtuple") and m.args[0].tag == "str":
        return st.one_of(st.lists(st.integers(), min_size=1, max_size=3), text.filter(bool))
    return None


# ------------------------------------------------------------------------------- judging


@dataclass
class Result:
    probe: Probe
    outcome: str
    detail: str = ""


class ProbeTimeout(Exception):
    """A probe ran longer than the harness allows."""


def _last_frame_file(exc: BaseException) -> str:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last.tb_frame.f_code.co_filename if last is not None else ""


def names_param(message: str, param: str) -> bool:
    """Whether an error message names the parameter (as a whole word)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(param)}(?![A-Za-z0-9_])", message) is not None


def classify_error(exc: BaseException, param: str) -> tuple[str, str]:
    """Outcome of a probe that raised."""
    where = _last_frame_file(exc)
    detail = f"{type(exc).__name__}: {str(exc)[:200]} [at {where.rsplit(os.sep, 3)[-1]}]"
    if isinstance(exc, ParameterError):
        return "clear", detail
    in_project = os.path.realpath(where).startswith(HELPERS_DIR)
    if isinstance(exc, ValueError | TypeError | KeyError) and in_project:
        return ("clear" if names_param(str(exc), param) else "vague"), detail
    return "deep", detail


def _suspicious_result(result: Any) -> str:
    if isinstance(result, complex | np.complexfloating):
        return f"returned a complex number {result!r}"
    if isinstance(result, np.ndarray) and result.dtype.kind == "c":
        return "returned a complex array"
    if isinstance(result, tuple) and any(isinstance(x, complex) for x in result):
        return f"returned complex numbers {result!r}"
    if isinstance(result, float) and math.isinf(result):
        return f"returned {result!r}"
    return ""


_MEMORY_HEADROOM = 3 * 2**30  # bytes a probe may allocate beyond the process's current size


@dataclass
class Guard:
    """Per-probe limits: a wall-clock timeout and an address-space ceiling."""

    seconds: float = 20.0
    _old_limit: tuple[int, int] = field(default=(0, 0))

    def __enter__(self) -> Guard:
        def on_alarm(signum: int, frame: Any) -> None:
            raise ProbeTimeout(f"probe still running after {self.seconds:g} s")

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        self._old_limit = resource.getrlimit(resource.RLIMIT_AS)
        try:
            pages = int(Path("/proc/self/statm").read_text().split()[0])
            ceiling = pages * os.sysconf("SC_PAGE_SIZE") + _MEMORY_HEADROOM
            hard = self._old_limit[1]
            if hard == resource.RLIM_INFINITY or ceiling < hard:
                resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
        except (OSError, ValueError):
            pass
        return self

    def __exit__(self, *exc: Any) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            resource.setrlimit(resource.RLIMIT_AS, self._old_limit)
        except (OSError, ValueError):
            pass


def run_probe(call: Callable[[], Any], probe: Probe) -> Result:
    """Call once and judge the outcome (see the module docstring)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with Guard():
                result = call()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # judged, never swallowed silently: see classify_error
            outcome, detail = classify_error(exc, probe.param)
            return Result(probe, outcome, detail)
    if probe.invalid:
        return Result(probe, "silent", f"accepted, returned {_short(result)}")
    odd = _suspicious_result(result)
    if odd:
        return Result(probe, "silent", odd)
    noisy = [w for w in caught if not issubclass(w.category, DeprecationWarning | ResourceWarning)]
    if noisy:
        w = noisy[0]
        return Result(probe, "silent", f"warned {w.category.__name__}: {str(w.message)[:120]}")
    return Result(probe, "accepted")


def record(module: str, results: list[Result], stopped: bool = False) -> None:
    counts = COUNTS.setdefault(module, Counter())
    counts["probes"] += len(results)
    counts["stopped"] += int(stopped)
    for r in results:
        counts[r.outcome] += 1


def summary_lines() -> Iterator[str]:
    total: Counter[str] = Counter()
    for module in sorted(COUNTS):
        c = COUNTS[module]
        total.update(c)
        partial = (f" (probing stopped early for {c['stopped']} callable(s))"
                   if c["stopped"] else "")
        yield (f"fuzz: {module} {c['probes']} probes, {c['silent']} silent, {c['deep']} deep, "
               f"{c['vague']} vague, {c['clear']} clear, {c['accepted']} accepted{partial}")
    if COUNTS:
        yield (f"fuzz: TOTAL {total['probes']} probes, {total['silent']} silent, "
               f"{total['deep']} deep, {total['vague']} vague, {total['clear']} clear, "
               f"{total['accepted']} accepted")

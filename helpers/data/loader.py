"""Load the course's sourced datasets, validated against their manifests.

Every dataset in ``seeds/data`` is a tidy CSV file with a YAML manifest beside it
(``<name>.csv`` + ``<name>.yml``). The manifest is the single source of truth for the
dataset's schema: column names, dtypes, units, allowed values or ranges, nullability,
multi-valued columns (``separator``), references to other datasets (``references``) and
cross-field rules (``rules``), plus two checksums: ``sha256`` (of the CSV file) and
``schema_sha256`` (of the manifest's ``schema``, ``primary_key`` and ``rules``).

:func:`load` reads a dataset and refuses it, with a :class:`DataValidationError`, when

* the manifest is not valid YAML, repeats a key (YAML would silently keep the last one), or
  breaks the manifest format below (an unknown key such as ``maximum:`` or ``primary_keys:``
  would silently switch a check off, so unknown keys are refused too),
* the manifest's ``schema``, ``primary_key`` or ``rules`` changed since ``schema_sha256`` was
  recorded (a loosened ``max`` or a deleted rule must be a reviewed decision),
* the CSV file's checksum differs from the manifest (when git tracks the file, the message
  lists the lines that differ from the last commit),
* a column is missing or not in the schema,
* a value cannot be parsed as its dtype, is out of range, not allowed or null where the
  schema forbids it,
* a row's ``sources`` is empty or cites a source id that is not in ``sources.csv`` (and
  likewise for any other reference, e.g. actor ids),
* a cross-field rule is broken (an end before its start, two rows for one month, a series out
  of order),
* the manifest or the CSV file of a dataset (or of a dataset it references) is missing.

Every such error is a :class:`DataValidationError` (a ``ValueError``) naming the file, the
1-based line (for a CSV file the header is line 1) and the column: a column name for a CSV
file, the 1-based character column for a manifest. Bad arguments (an unknown dataset name,
a ``data_dir`` that is not a folder of datasets, an ``only`` that is not a list of names) raise
:class:`helpers.checks.ParameterError` (:class:`UnknownDatasetError` for names), naming the
parameter and its valid values.

Manifest format
---------------
Top-level keys (required: ``name``, ``sha256``, ``schema_sha256``, ``schema``):
``name`` (the file's stem), ``file`` (``<name>.csv``), ``title``, ``description``, ``class``
(``verbatim``, ``compiled`` or ``derived``), ``sources``, ``licence``, ``redistribution``,
``retrieved``, ``sha256``, ``schema_sha256``, ``primary_key`` (list of columns), ``schema``
(list of columns), ``rules`` (list of cross-field rules), ``known_gaps``, ``used_by``.

Column keys (required: ``name``, ``dtype``): ``dtype`` (``string``, ``int``, ``float``,
``date``, ``bool``, ``category``), ``description``, ``unit``, ``unit_column``, ``nullable``,
``unique``, ``min`` / ``max`` (int, float and date columns; dates as ``'yyyy-mm-dd'``),
``pattern`` (text columns), ``allowed`` (text and category columns; required for category),
``separator`` and ``references: {dataset, column}`` (string and category columns).

Rules (each may also carry a ``description`` and a ``where: {column: value or [values]}``
that restricts it to the rows whose text, category or bool cells match):

* ``{rule: ordered, columns: [start_date, end_date]}``: on every row where both cells are
  present, each column is <= the next (``strict: true``: <). Works for dates, numbers and text.
* ``{rule: unique_per, columns: [measure, period_start], period: month}``: at most one row per
  combination of the columns; with ``period`` (``month`` or ``year``) dates are compared by
  that period. Rows with an empty key cell are not compared. Reported on the last column.
* ``{rule: sorted, column: date}``: the rows are in non-decreasing order of the column
  (``strict: true``: increasing); empty cells are skipped.

Checksums. ``scripts/update_checksums.py NAME`` refreshes ``sha256`` after an intentional CSV
edit; it never touches ``schema_sha256``. After an intentional, reviewed edit of a schema,
primary key or rule, ``scripts/update_checksums.py --schema NAME`` refreshes both. The schema
checksum covers everything that decides what loads (the ``description`` of a column or rule
excepted), not the documentation keys: editing a title or a known gap needs no new checksum.

Known limits
------------
Validation checks form, ranges, references and the cross-field rules; it cannot check truth.

* A value changed *within* its range (a Brent price edited to another price between 0 and 200
  $/bbl, a date moved inside its bounds and its rules) is caught only by the CSV checksum.
  Whoever re-stamps the checksum with ``scripts/update_checksums.py`` after such an edit gets a
  file that loads without error; the diff under review (git) and the cross-check tests against
  published totals are the guard.
* A reference swapped for another *valid* id (``S-A5`` cited instead of ``S-A6``, one actor id
  for another) passes, since only the existence of the id can be checked.
* A schema edit re-stamped with ``--schema`` is accepted: the schema checksum makes a manifest
  edit visible and deliberate, it cannot judge whether the new bound is right. The documentation
  keys (``title``, ``description``, ``class``, ``sources``, ``licence``, ``known_gaps``, ...)
  are checked for form only, so an edit of them is not detected.
* Only the rules a manifest states are checked: a relation between columns with no rule (for
  example ``after_article`` against the date) is left to the cross-check tests.

Nothing is read at import time. Parsed manifests are cached per file content, loaded frames
per content of the dataset's files and of every dataset it references (checksums, computed on
every call, so an edited file is always validated again), and every call returns a fresh copy.

Examples
--------
>>> from helpers import data
>>> "events" in data.names()
True
>>> rounds = data.load("astana_rounds")
>>> int(rounds["round"].max())
19
"""

from __future__ import annotations

import collections
import copy
import dataclasses
import datetime as dt
import difflib
import hashlib
import io
import json
import math
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import yaml
from pandera.errors import SchemaErrors

from helpers import DATA_DIR
from helpers.checks import ParameterError, check_path

__all__ = [
    "DataValidationError",
    "UnknownDatasetError",
    "catalog",
    "check_all",
    "load",
    "manifest",
    "names",
    "seed_meta",
    "sha256_of",
    "update_checksums",
    "update_schema_checksums",
]

DTYPES: frozenset[str] = frozenset({"string", "int", "float", "date", "bool", "category"})
CLASSES: frozenset[str] = frozenset({"verbatim", "compiled", "derived"})
RULES: frozenset[str] = frozenset({"ordered", "unique_per", "sorted"})
PERIODS: dict[str, str] = {"month": "M", "year": "Y"}
_INT_RE = r"^[+-]?\d+$"
_FLOAT_RE = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_BOOLS: dict[str, bool] = {"true": True, "false": False}
_SHA_LINE = re.compile(r"^sha256:[ \t]*[0-9a-fA-F]*[ \t]*(?=\r?\n|\Z)", re.MULTILINE)
_SCHEMA_SHA_LINE = re.compile(r"^schema_sha256:[ \t]*[0-9a-fA-F]*[ \t]*(?=\r?\n|\Z)", re.MULTILINE)
_MAX_LISTED = 5
_MAX_LINES_LISTED = 12
_GIT_TIMEOUT = 3.0
_MULTILINE = (
    "a cell spans several lines; keep one record per line so that the line numbers "
    "in error messages are exact"
)
_DATA_DIR_RANGE = (
    "data_dir must be an existing folder holding datasets (<name>.yml manifests beside "
    "<name>.csv files), given as a str or pathlib.Path, or None for seeds/data"
)

#: One problem found in a file: (1-based line or None, column or None, message). For a CSV
#: file the column is a column name; for a manifest (YAML) it is the 1-based character column.
Problem = tuple[int | None, str | int | None, str]


class DataValidationError(ValueError):
    """A dataset or its manifest is invalid, missing, or does not match the other.

    Parameters
    ----------
    file : str
        Name of the offending file (e.g. ``"events.csv"`` or ``"events.yml"``).
    problems : sequence of tuple
        ``(line, column, message)`` triples; ``line`` is the 1-based line of the file
        (for a CSV file 1 = header) or ``None`` for file-level problems; ``column`` is a
        column name for a CSV file, the 1-based character column for a YAML file, or
        ``None``.

    Attributes
    ----------
    file : str
        As given.
    problems : list of tuple
        As given.
    line : int or None
        Line of the first problem.
    column : str, int or None
        Column of the first problem.
    """

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        self.line, self.column = self.problems[0][:2] if self.problems else (None, None)
        super().__init__(self._render())

    def _render(self) -> str:
        lines = [_describe(self.file, *p) for p in self.problems[:_MAX_LISTED]]
        more = len(self.problems) - _MAX_LISTED
        if more > 0:
            lines.append(f"... and {more} more problem(s) in {self.file}")
        return "\n".join(lines)


class UnknownDatasetError(ParameterError, KeyError):
    """The requested dataset name is not one of :func:`names` (the message lists them).

    A :class:`helpers.checks.ParameterError` (so a ``ValueError`` and a ``TypeError``) and,
    for older callers, a ``KeyError``.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _describe(file: str, line: int | None, column: str | int | None, message: str) -> str:
    where = file
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column {column!r}"
    return f"{where}: {message}"


# --------------------------------------------------------------------------- folders, names


@dataclasses.dataclass(frozen=True)
class _Folder:
    """A checked data folder and the dataset files found in it (one directory scan)."""

    path: Path
    manifests: frozenset[str]  # stems of *.yml
    tables: frozenset[str]  # stems of *.csv

    @property
    def pairs(self) -> list[str]:
        return sorted(self.manifests & self.tables)

    @property
    def orphans(self) -> list[str]:
        return sorted(self.manifests ^ self.tables)


def _open(data_dir: Any) -> _Folder:
    """Check ``data_dir`` and scan it; a bad argument raises a ParameterError naming it."""
    if data_dir is None:
        folder = DATA_DIR
    else:
        if isinstance(data_dir, _Folder):
            return data_dir
        if not isinstance(data_dir, str | os.PathLike) or isinstance(data_dir, bytes):
            raise ParameterError(
                f"{_DATA_DIR_RANGE}; got {data_dir!r} ({type(data_dir).__name__})"
            )
        text = os.fspath(data_dir)
        if not isinstance(text, str) or not text.strip():
            raise ParameterError(
                f"{_DATA_DIR_RANGE}; got {data_dir!r} (an empty path would silently mean "
                "the current folder)"
            )
        folder = Path(text)
    if not folder.exists():
        raise ParameterError(f"{_DATA_DIR_RANGE}; got {str(folder)!r}: no such folder")
    if not folder.is_dir():
        raise ParameterError(f"{_DATA_DIR_RANGE}; got {str(folder)!r}: a file, not a folder")
    folder = folder.resolve()
    manifests: set[str] = set()
    tables: set[str] = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                stem, dot, ext = entry.name.rpartition(".")
                if dot and stem and ext in ("yml", "csv") and entry.is_file():
                    (manifests if ext == "yml" else tables).add(stem)
    except OSError as exc:
        raise ParameterError(
            f"{_DATA_DIR_RANGE}; got {str(folder)!r}: cannot list it ({exc.strerror})"
        ) from None
    found = _Folder(folder, frozenset(manifests), frozenset(tables))
    if not manifests & tables:
        seen = ", ".join(f"{n}.yml" if n in manifests else f"{n}.csv" for n in found.orphans)
        raise ParameterError(
            f"{_DATA_DIR_RANGE}; got {str(folder)!r}: it holds no dataset"
            + (f" (only {seen}, without its partner file)" if seen else "")
        )
    return found


def names(data_dir: str | Path | None = None) -> list[str]:
    """List the datasets available in a data folder.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the CSV files and manifests; defaults to ``seeds/data``.

    Returns
    -------
    list of str
        Sorted dataset names: every ``<name>.yml`` that has a ``<name>.csv`` beside it
        (:func:`check_all` reports a file without its partner).

    Raises
    ------
    ParameterError
        If ``data_dir`` is not an existing folder holding at least one dataset.
    """
    return _open(data_dir).pairs


def _check_name(name: Any, folder: _Folder, param: str = "name") -> str:
    """Return ``name`` if it is a dataset of ``folder``; report a missing partner file."""
    valid = folder.pairs
    listed = ", ".join(valid)
    if not isinstance(name, str):
        raise UnknownDatasetError(
            f"{param} must be a dataset name (str), one of: {listed}; "
            f"got {name!r} ({type(name).__name__})"
        )
    if name in folder.manifests and name in folder.tables:
        return name
    if name in folder.manifests:
        raise _missing(folder, f"{name}.csv", f"its manifest {name}.yml is there")
    if name in folder.tables:
        raise _missing(folder, f"{name}.yml", f"{name}.csv has no manifest beside it")
    raise UnknownDatasetError(f"unknown dataset {name!r}; {param} must be one of: {listed}")


def _missing(folder: _Folder, file: str, why: str) -> DataValidationError:
    return DataValidationError(file, [(None, None, f"file not found in {folder.path} ({why})")])


def _check_orphans(folder: _Folder) -> None:
    for stem in folder.orphans:
        if stem in folder.manifests:
            raise _missing(folder, f"{stem}.csv", f"its manifest {stem}.yml is there")
        raise _missing(folder, f"{stem}.yml", f"{stem}.csv has no manifest beside it")


def _check_only(only: Any, folder: _Folder) -> list[str]:
    if only is None:
        return folder.pairs
    if isinstance(only, str | bytes | Mapping) or not isinstance(only, Iterable):
        raise ParameterError(
            "only must be a list of dataset names (e.g. ['events']) or None for every "
            f"dataset; got {only!r} ({type(only).__name__})"
        )
    selected = list(only)
    for i, name in enumerate(selected):
        _check_name(name, folder, f"only[{i}]")
    return list(dict.fromkeys(selected))


def sha256_of(path: str | Path) -> str:
    """Return the hex SHA-256 digest of a file's bytes.

    Parameters
    ----------
    path : str or Path
        File to hash.

    Returns
    -------
    str
        64 lowercase hex digits.

    Raises
    ------
    ParameterError
        If ``path`` is not an existing file.
    """
    return hashlib.sha256(check_path("path", path).read_bytes()).hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problem = (None, None, f"file not found in {path.parent}")
        raise DataValidationError(path.name, [problem]) from None
    except OSError as exc:
        problem = (None, None, f"cannot read ({exc.strerror})")
        raise DataValidationError(path.name, [problem]) from None


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            file, [(line, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")]
        ) from None


# --------------------------------------------------------------------------- strict YAML

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """``yaml.SafeLoader`` that refuses duplicate keys and merge keys (``<<``).

    Plain YAML keeps the last of two equal keys, so a second ``max:`` under a column would
    silently replace the first; here it is an error naming both places.
    """

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, "merge keys (<<) are not allowed in a manifest",
                        key_node.start_mark,
                    )
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"a mapping key must be text, got {key!r}",
                        key_node.start_mark,
                    ) from None
                if first is not None:
                    raise yaml.constructor.ConstructorError(
                        None, None,
                        f"duplicate key {key!r} (first at line {first.line + 1}, column "
                        f"{first.column + 1}); YAML would silently keep only the last value",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


#: A position in a YAML document: (1-based line, 1-based column).
Mark = tuple[int, int]


def _parse_yaml(text: str, file: str) -> tuple[Any, dict[tuple[Any, ...], Mark]]:
    """Parse one YAML document strictly; return it and the position of every node by path."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataValidationError(file, [(1, 1, "empty file: expected a YAML mapping")])
        parsed = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.context_mark is not None:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise DataValidationError(file, [(line, column, f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise DataValidationError(file, [(None, None, f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    marks: dict[tuple[Any, ...], Mark] = {}
    _index(node, (), marks, set())
    return parsed, marks


def _index(node: yaml.Node, path: tuple[Any, ...], marks: dict, active: set[int]) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in active:  # an alias pointing into itself
        return
    active.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _index(value_node, (*path, key_node.value), marks, active)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), marks, active)
    active.discard(id(node))


def seed_meta() -> dict[str, Any]:
    """Return the seed article's metadata (``seeds/article.meta.yml``) as a dict.

    Returns
    -------
    dict
        Provenance of the article: working title, byline and date (both absent in the text),
        the wire story it rewrites, its checksum (``sha256``) and its rights.

    Raises
    ------
    DataValidationError
        If the file is missing, not valid YAML (duplicate keys included) or not a mapping
        (the message names the file, and the line and column where there is one).
    """
    path = DATA_DIR.parent / "article.meta.yml"
    parsed, _ = _parse_yaml(_decode(_read_bytes(path), path.name), path.name)
    if not isinstance(parsed, dict):
        raise DataValidationError(path.name, [(1, 1, "not a YAML mapping")])
    return parsed


# --------------------------------------------------------------------------- manifests


@dataclasses.dataclass(frozen=True)
class _Manifest:
    """A parsed, checked manifest. ``data`` is shared by the cache: never mutate it."""

    name: str
    file: str
    digest: str
    data: dict[str, Any]
    marks: dict[tuple[Any, ...], Mark]

    def at(self, *path: Any) -> Mark | tuple[None, None]:
        """Position of the node at ``path`` (or of its nearest ancestor present)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (None, None)

    def problem(self, path: tuple[Any, ...], message: str) -> Problem:
        line, column = self.at(*path)
        return (line, column, message)

    @property
    def schema(self) -> list[dict[str, Any]]:
        return self.data["schema"]

    @property
    def columns(self) -> dict[str, dict[str, Any]]:
        return {c["name"]: c for c in self.data["schema"]}


_MANIFESTS: collections.OrderedDict[tuple[str, str], _Manifest] = collections.OrderedDict()
_MANIFEST_CACHE_SIZE = 256


def _read_manifest(folder: Path, name: str) -> _Manifest:
    """Parse and check ``<name>.yml``; cached per (name, file content)."""
    path = folder / f"{name}.yml"
    raw = _read_bytes(path)
    digest = hashlib.sha256(raw).hexdigest()
    key = (name, digest)
    hit = _MANIFESTS.get(key)
    if hit is not None:
        _MANIFESTS.move_to_end(key)
        return hit
    parsed, marks = _parse_yaml(_decode(raw, path.name), path.name)
    man = _Manifest(name, path.name, digest, parsed, marks)
    problems = _manifest_problems(man)
    if problems:
        raise DataValidationError(path.name, problems)
    recorded, computed = str(parsed["schema_sha256"]).lower(), _schema_digest(parsed)
    if recorded != computed:
        note, _ = _git_note(path)
        message = (
            f"schema checksum mismatch: schema_sha256 {recorded} != {computed} computed from "
            "the manifest's schema, primary_key and rules: they changed since the checksum was "
            f"recorded. {note}A loosened bound or a removed rule lets wrong data load "
            "silently: review the edit; if it is intended, run "
            f"python scripts/update_checksums.py --schema {name}"
        )
        raise DataValidationError(path.name, [man.problem(("schema_sha256",), message)])
    _MANIFESTS[key] = man
    if len(_MANIFESTS) > _MANIFEST_CACHE_SIZE:
        _MANIFESTS.popitem(last=False)
    return man


def manifest(name: str, data_dir: str | Path | None = None) -> dict[str, Any]:
    """Return a dataset's manifest.

    Parameters
    ----------
    name : str
        Dataset name, one of :func:`names`.
    data_dir : str or Path, optional
        Folder holding the dataset; defaults to ``seeds/data``.

    Returns
    -------
    dict
        The parsed YAML manifest (a copy: changing it changes nothing on disk).

    Raises
    ------
    UnknownDatasetError
        If ``name`` is not a dataset; the message lists the valid names.
    ParameterError
        If ``data_dir`` is not a folder holding datasets.
    DataValidationError
        If the manifest (or its CSV file) is missing, the manifest is malformed, or its schema
        changed since ``schema_sha256`` was recorded; the message names the file, line and
        column.
    """
    folder = _open(data_dir)
    _check_name(name, folder)
    return copy.deepcopy(_read_manifest(folder.path, name).data)


def _schema_digest(man: Mapping[str, Any]) -> str:
    """SHA-256 of what decides what loads: schema (without descriptions), primary_key, rules."""

    def strip(entries: Any) -> Any:
        if not isinstance(entries, list):
            return entries
        return [
            {k: v for k, v in e.items() if k != "description"} if isinstance(e, dict) else e
            for e in entries
        ]

    payload = {
        "schema": strip(man.get("schema")),
        "primary_key": man.get("primary_key") or None,
        "rules": strip(man.get("rules") or []),
    }
    text = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_TOP_KEYS: dict[str, str] = {
    "name": "text", "file": "text", "title": "text", "description": "text", "class": "text",
    "sources": "list of text", "licence": "text", "redistribution": "text",
    "retrieved": "date", "sha256": "checksum", "schema_sha256": "checksum",
    "primary_key": "list of column names", "schema": "list of columns",
    "rules": "list of rules", "known_gaps": "list of text", "used_by": "list of text",
}  # fmt: skip
_REQUIRED_TOP = ("name", "sha256", "schema_sha256", "schema")
_COLUMN_KEYS = frozenset({
    "name", "dtype", "description", "unit", "unit_column", "nullable", "unique", "min", "max",
    "pattern", "allowed", "separator", "references",
})  # fmt: skip
_RULE_KEYS: dict[str, frozenset[str]] = {
    "ordered": frozenset({"rule", "columns", "strict", "where", "description"}),
    "unique_per": frozenset({"rule", "columns", "period", "where", "description"}),
    "sorted": frozenset({"rule", "column", "strict", "where", "description"}),
}
_ORDERABLE = {"int": "number", "float": "number", "date": "date", "string": "text"}


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _as_date(value: Any) -> pd.Timestamp | None:
    """Return a manifest date bound as a Timestamp, or None if it is not a yyyy-mm-dd date."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, str) and re.fullmatch(_DATE_RE, value):
        try:
            return pd.Timestamp(dt.date.fromisoformat(value))
        except ValueError:
            return None
    return None


def _manifest_problems(man: _Manifest, *, stamping: bool = False) -> list[Problem]:
    """Check a manifest against the manifest format (the module docstring).

    ``stamping`` skips the checksum fields, which the update functions are about to write.
    """
    data, problems = man.data, []
    if not isinstance(data, dict):
        return [man.problem((), "a manifest must be a YAML mapping (key: value lines)")]
    add = problems.append
    for key in data:
        if key not in _TOP_KEYS:
            known = ", ".join(_TOP_KEYS)
            add(man.problem((key,), f"unknown key {key!r}; a manifest has only: {known}"))
    for key in _REQUIRED_TOP:
        if key not in data and not (stamping and key in ("sha256", "schema_sha256")):
            hint = ""
            if key in ("sha256", "schema_sha256"):
                hint = f" (for a new manifest run: python scripts/update_checksums.py {man.name})"
            add(man.problem((), f"manifest has no {key!r}{hint}"))
    for key in ("name", "file", "title", "description", "class", "licence", "redistribution"):
        if key in data and not _is_text(data[key]):
            add(man.problem((key,), f"{key!r} must be non-empty text, got {data[key]!r}"))
    if _is_text(data.get("name")) and data["name"] != man.name:
        add(man.problem(("name",), f"name {data['name']!r} differs from the file name "
                                   f"{man.file!r} (expected name: {man.name})"))
    if _is_text(data.get("file")) and data["file"] != f"{man.name}.csv":
        add(man.problem(("file",), f"file {data['file']!r} must be {man.name}.csv, the CSV "
                                   "file beside the manifest"))
    if _is_text(data.get("class")) and data["class"] not in CLASSES:
        add(man.problem(("class",), f"class must be one of {sorted(CLASSES)}, "
                                    f"got {data['class']!r}"))
    if "retrieved" in data and _as_date(data["retrieved"]) is None:
        add(man.problem(("retrieved",), f"retrieved must be a date 'yyyy-mm-dd', "
                                        f"got {data['retrieved']!r}"))
    for key in ("sources", "known_gaps", "used_by"):
        if key in data and not (
            isinstance(data[key], list) and all(_is_text(v) for v in data[key])
        ):
            add(man.problem((key,), f"{key!r} must be a list of non-empty text items"))
    for key in ("sha256", "schema_sha256"):
        if key in data and not stamping:
            if not (isinstance(data[key], str) and _HEX64.match(data[key])):
                add(man.problem((key,), f"{key} must be 64 hex digits, got {data[key]!r}"))
    schema = data.get("schema")
    if "schema" in data and not (isinstance(schema, list) and schema):
        add(man.problem(("schema",), "schema must be a non-empty list of columns"))
        return problems
    if schema is None:
        return problems
    problems += _schema_problems(man, schema)
    if problems:
        return problems
    columns = {c["name"]: c for c in schema}
    if "primary_key" in data:
        pk = data["primary_key"]
        if not (isinstance(pk, list) and pk and all(isinstance(c, str) for c in pk)):
            add(man.problem(("primary_key",), "primary_key must be a non-empty list of column "
                                              f"names, got {pk!r}"))
        else:
            for i, col in enumerate(pk):
                if col not in columns:
                    add(man.problem(("primary_key", i), f"primary_key column {col!r} is not "
                                                        "in the schema"))
            if len(set(pk)) != len(pk):
                add(man.problem(("primary_key",), "primary_key repeats a column"))
    if "rules" in data:
        rules = data["rules"]
        if not isinstance(rules, list):
            add(man.problem(("rules",), "rules must be a list of rules"))
        else:
            for i, rule in enumerate(rules):
                problems += _rule_problems(man, i, rule, columns)
    return problems


def _schema_problems(man: _Manifest, schema: list[Any]) -> list[Problem]:
    problems: list[Problem] = []
    add = problems.append
    seen: dict[str, int] = {}
    for i, col in enumerate(schema):
        where = ("schema", i)
        if not isinstance(col, dict):
            add(man.problem(where, f"schema entry {i + 1} must be a mapping (name:, dtype:, ...)"))
            continue
        name = col.get("name")
        label = f"column {name!r}" if _is_text(name) else f"schema entry {i + 1}"
        for key in col:
            if key not in _COLUMN_KEYS:
                known = ", ".join(sorted(_COLUMN_KEYS))
                add(man.problem((*where, key), f"{label}: unknown key {key!r}; a column has "
                                               f"only: {known}"))
        if not _is_text(name):
            add(man.problem(where, f"{label} has no 'name' (non-empty text)"))
        elif name in seen:
            add(man.problem((*where, "name"), f"column {name!r} appears twice in the schema "
                                              f"(first as entry {seen[name] + 1})"))
        else:
            seen[name] = i
        dtype = col.get("dtype")
        if dtype not in DTYPES:
            add(man.problem((*where, "dtype"), f"{label}: dtype must be one of "
                                               f"{sorted(DTYPES)}, got {dtype!r}"))
            continue
        for key in ("nullable", "unique"):
            if key in col and not isinstance(col[key], bool):
                add(man.problem((*where, key), f"{label}: {key} must be true or false, "
                                               f"got {col[key]!r}"))
        if "unit" in col and col["unit"] is not None and not _is_text(col["unit"]):
            add(man.problem((*where, "unit"), f"{label}: unit must be text or null"))
        if "description" in col and not isinstance(col["description"], str):
            add(man.problem((*where, "description"), f"{label}: description must be text"))
        bounds = {}
        for key in ("min", "max"):
            if key not in col:
                continue
            value = col[key]
            if dtype in ("int", "float"):
                ok = _is_number(value)
                bounds[key] = value if ok else None
                expect = "a finite number"
            elif dtype == "date":
                bounds[key] = _as_date(value)
                ok = bounds[key] is not None
                expect = "a date 'yyyy-mm-dd'"
            else:
                add(man.problem((*where, key), f"{label}: {key} applies only to int, float "
                                               f"and date columns, not {dtype}"))
                continue
            if not ok:
                add(man.problem((*where, key), f"{label}: {key} must be {expect}, "
                                               f"got {value!r}"))
        if bounds.get("min") is not None and bounds.get("max") is not None:
            if bounds["min"] > bounds["max"]:
                add(man.problem((*where, "max"), f"{label}: min {col['min']!r} is above "
                                                 f"max {col['max']!r}"))
        if "pattern" in col:
            if dtype not in ("string", "category") or not _is_text(col["pattern"]):
                add(man.problem((*where, "pattern"), f"{label}: pattern must be a regular "
                                                     "expression on a string column"))
            else:
                try:
                    re.compile(col["pattern"])
                except re.error as exc:
                    add(man.problem((*where, "pattern"), f"{label}: pattern is not a valid "
                                                         f"regular expression ({exc})"))
        if "allowed" in col or dtype == "category":
            allowed = col.get("allowed")
            if dtype not in ("string", "category"):
                add(man.problem((*where, "allowed"), f"{label}: allowed applies only to "
                                                     f"string and category columns, not {dtype}"))
            elif not (isinstance(allowed, list) and allowed):
                add(man.problem((*where, "allowed") if "allowed" in col else where,
                                f"{label}: {'category column needs' if dtype == 'category' else 'allowed must be'} a non-empty list of allowed values"))  # noqa: E501
            elif not all(isinstance(v, str) for v in allowed):
                bad = [v for v in allowed if not isinstance(v, str)]
                add(man.problem((*where, "allowed"), f"{label}: allowed values must be text "
                                                     f"(quote them), got {bad!r}"))
            elif len(set(allowed)) != len(allowed):
                add(man.problem((*where, "allowed"), f"{label}: allowed repeats a value"))
        if "separator" in col and (dtype not in ("string", "category")
                                   or not isinstance(col["separator"], str)
                                   or not col["separator"]):
            add(man.problem((*where, "separator"), f"{label}: separator must be a non-empty "
                                                   "text on a string or category column"))
        if "references" in col:
            ref = col["references"]
            if dtype not in ("string", "category"):
                add(man.problem((*where, "references"), f"{label}: references apply only to "
                                                        f"string and category columns, not "
                                                        f"{dtype}"))
            elif not (isinstance(ref, dict) and set(ref) == {"dataset", "column"}
                      and _is_text(ref["dataset"]) and _is_text(ref["column"])):
                add(man.problem((*where, "references"), f"{label}: references must be "
                                                        "{dataset: NAME, column: COLUMN}, "
                                                        f"got {ref!r}"))
    for i, col in enumerate(schema):
        if isinstance(col, dict) and "unit_column" in col:
            target = col["unit_column"]
            if not (isinstance(target, str) and target in seen):
                add(man.problem(("schema", i, "unit_column"),
                                f"column {col.get('name')!r}: unit_column {target!r} is not "
                                "a column of the schema"))
    return problems


def _rule_problems(
    man: _Manifest, i: int, rule: Any, columns: Mapping[str, Mapping[str, Any]]
) -> list[Problem]:
    where = ("rules", i)
    label = f"rule {i + 1}"
    if not isinstance(rule, dict):
        return [man.problem(where, f"{label} must be a mapping with a 'rule:' key")]
    kind = rule.get("rule")
    if kind not in RULES:
        return [man.problem((*where, "rule"), f"{label}: rule must be one of {sorted(RULES)}, "
                                              f"got {kind!r}")]
    label = f"rule {i + 1} ({kind})"
    problems: list[Problem] = []
    add = problems.append
    for key in rule:
        if key not in _RULE_KEYS[kind]:
            known = ", ".join(sorted(_RULE_KEYS[kind]))
            add(man.problem((*where, key), f"{label}: unknown key {key!r}; this rule has "
                                           f"only: {known}"))
    if kind == "sorted":
        col = rule.get("column")
        if not isinstance(col, str) or col not in columns:
            add(man.problem((*where, "column") if "column" in rule else where,
                            f"{label}: column must name a column of the schema, got {col!r}"))
        elif columns[col]["dtype"] not in _ORDERABLE:
            add(man.problem((*where, "column"), f"{label}: column {col!r} is "
                                                f"{columns[col]['dtype']}, not orderable"))
    else:
        cols = rule.get("columns")
        least = 2 if kind == "ordered" else 1
        if not (isinstance(cols, list) and len(cols) >= least
                and all(isinstance(c, str) for c in cols)):
            add(man.problem((*where, "columns") if "columns" in rule else where,
                            f"{label}: columns must be a list of at least {least} column "
                            f"names, got {cols!r}"))
        else:
            unknown = [c for c in cols if c not in columns]
            if unknown:
                add(man.problem((*where, "columns"), f"{label}: columns {unknown!r} are not "
                                                     "in the schema"))
            elif len(set(cols)) != len(cols):
                add(man.problem((*where, "columns"), f"{label}: columns repeat a column"))
            elif kind == "ordered":
                kinds = {_ORDERABLE.get(columns[c]["dtype"]) for c in cols}
                if None in kinds or len(kinds) != 1:
                    dtypes = [columns[c]["dtype"] for c in cols]
                    add(man.problem((*where, "columns"), f"{label}: columns must all be dates, "
                                                         f"all numbers or all text, got {dtypes}"))
            elif "period" in rule and not any(columns[c]["dtype"] == "date" for c in cols):
                add(man.problem((*where, "period"), f"{label}: period needs a date column "
                                                    "among the columns"))
    if "strict" in rule and not isinstance(rule["strict"], bool):
        add(man.problem((*where, "strict"), f"{label}: strict must be true or false"))
    if "period" in rule and rule["period"] not in PERIODS:
        add(man.problem((*where, "period"), f"{label}: period must be one of "
                                            f"{sorted(PERIODS)}, got {rule['period']!r}"))
    if "description" in rule and not isinstance(rule["description"], str):
        add(man.problem((*where, "description"), f"{label}: description must be text"))
    if "where" in rule:
        problems += _where_problems(man, (*where, "where"), label, rule["where"], columns)
    return problems


def _where_problems(
    man: _Manifest, path: tuple[Any, ...], label: str, where: Any,
    columns: Mapping[str, Mapping[str, Any]],
) -> list[Problem]:
    if not (isinstance(where, dict) and where):
        return [man.problem(path, f"{label}: where must be a mapping column: value(s)")]
    problems: list[Problem] = []
    for col, value in where.items():
        spec = columns.get(col) if isinstance(col, str) else None
        if spec is None or spec["dtype"] not in ("category", "string", "bool"):
            problems.append(man.problem((*path, col), f"{label}: where column {col!r} must be "
                                                      "a string, category or bool column"))
            continue
        values = value if isinstance(value, list) else [value]
        want = bool if spec["dtype"] == "bool" else str
        if not values or not all(isinstance(v, want) for v in values):
            problems.append(man.problem((*path, col), f"{label}: where {col!r} must be "
                                                      f"{want.__name__} value(s), got {value!r}"))
        elif spec["dtype"] == "category":
            unknown = [v for v in values if v not in spec["allowed"]]
            if unknown:
                problems.append(man.problem((*path, col), f"{label}: where {col!r}: {unknown!r} "
                                                          "not among its allowed values"))
    return problems


# --------------------------------------------------------------------------- git


def _git_head(path: Path) -> list[str] | None:
    """Lines of ``path`` as of git HEAD, or None when git cannot tell (never raises)."""
    git = shutil.which("git")
    if git is None:
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        proc = subprocess.run(
            [git, "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
            capture_output=True, timeout=_GIT_TIMEOUT, env=env, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            return None
        return proc.stdout.decode("utf-8").splitlines()
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError, ValueError):
        return None


def _spans(numbers: Sequence[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9' (at most _MAX_LINES_LISTED spans)."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:_MAX_LINES_LISTED]]
    if len(spans) > _MAX_LINES_LISTED:
        shown.append(f"... ({len(spans) - _MAX_LINES_LISTED} more)")
    return ", ".join(shown)


def _git_note(path: Path, current: str | None = None) -> tuple[str, int | None]:
    """Return a sentence saying which lines differ from git HEAD, and the first such line."""
    old = _git_head(path)
    if old is None:
        return ("Git cannot tell which lines changed (the file is not tracked, or git is not "
                "available). ", None)
    if current is None:
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ("", None)
    new = current.splitlines()
    changed: list[int] = []
    removed: list[int] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if j2 > j1:
            changed.extend(range(j1 + 1, j2 + 1))
        else:
            removed.extend(range(i1 + 1, i2 + 1))
    if not changed and not removed:
        return ("The file is identical to its last committed version (git HEAD). ", None)
    parts = []
    if changed:
        parts.append(f"line(s) {_spans(changed)} differ")
    if removed:
        parts.append(f"line(s) {_spans(removed)} of the committed file were removed")
    first = changed[0] if changed else min(len(new), removed[0])
    return ("Compared with the last committed version (git HEAD), " + "; ".join(parts) + ". ",
            first or None)


# --------------------------------------------------------------------------- loading


@dataclasses.dataclass(frozen=True)
class _Closure:
    """A dataset and every dataset it references: their manifests and CSV bytes' digests."""

    manifests: dict[str, _Manifest]
    digests: dict[str, str]
    raw: bytes  # the requested dataset's CSV bytes (hashed and parsed from the same read)

    @property
    def key(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(sorted((n, m.digest, self.digests[n]) for n, m in self.manifests.items()))


def _references(schema: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, int]]:
    return [
        (c["references"]["dataset"], c["references"]["column"], i)
        for i, c in enumerate(schema)
        if c.get("references")
    ]


def _closure(folder: _Folder, name: str) -> _Closure:
    """Read the manifests of ``name`` and of every dataset it references; hash their CSVs.

    Raises on a missing file, a malformed manifest, a reference to a dataset or column that
    does not exist, and circular references.
    """
    manifests: dict[str, _Manifest] = {}
    digests: dict[str, str] = {}
    raw: dict[str, bytes] = {}

    def visit(current: str, stack: tuple[str, ...]) -> None:
        man = _read_manifest(folder.path, current)
        manifests[current] = man
        data = _read_bytes(folder.path / f"{current}.csv")
        digests[current] = hashlib.sha256(data).hexdigest()
        if current == name:
            raw[current] = data
        for target, column, i in _references(man.schema):
            path = ("schema", i, "references", "dataset")
            if target in stack:
                chain = " -> ".join((*stack, target))
                raise DataValidationError(
                    man.file, [man.problem(path, f"circular references: {chain}")]
                )
            if target not in folder.manifests and target not in folder.tables:
                raise DataValidationError(man.file, [man.problem(path, (
                    f"column {man.schema[i]['name']!r} references dataset {target!r}, which "
                    f"is not in {folder.path} (neither {target}.csv nor {target}.yml); "
                    f"datasets there: {', '.join(folder.pairs)}"))])  # fmt: skip
            if target not in folder.manifests or target not in folder.tables:
                _check_name(target, folder)  # raises: names the missing file
            if target not in manifests:
                visit(target, (*stack, target))
            if column not in manifests[target].columns:
                raise DataValidationError(man.file, [man.problem(
                    ("schema", i, "references", "column"),
                    f"column {man.schema[i]['name']!r} references {target}.{column}, but "
                    f"{target}.yml has no column {column!r}")])  # fmt: skip

    visit(name, (name,))
    return _Closure(manifests, digests, raw[name])


def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Load a dataset as a typed, validated DataFrame.

    Parameters
    ----------
    name : str
        Dataset name, one of :func:`names` (e.g. ``"events"``).
    data_dir : str or Path, optional
        Folder holding the CSV files and manifests; defaults to ``seeds/data``.
        Tests pass a temporary copy here.

    Returns
    -------
    pandas.DataFrame
        Columns in schema order. Dates are ``datetime64``, categories are
        ``pandas.Categorical`` with the allowed values as categories, bools are ``bool``
        (``boolean`` if nullable), ints are ``int64`` (``Int64`` if nullable), floats are
        ``float64``, text is ``str``. Multi-valued cells stay ``';'``-joined text.

    Raises
    ------
    UnknownDatasetError
        If ``name`` is not a dataset (not a str, empty, or not in the folder); the message
        lists the valid names.
    ParameterError
        If ``data_dir`` is not an existing folder holding datasets.
    DataValidationError
        If a file is missing, a manifest is malformed or was edited, or the CSV file or its
        content does not match the manifest; the message names the file, the line and the
        column.
    """
    folder = _open(data_dir)
    _check_name(name, folder)
    return _load(folder, name)[0].copy(deep=True)


_CACHE: collections.OrderedDict[tuple[tuple[str, str, str], ...], pd.DataFrame] = (
    collections.OrderedDict()
)
_CACHE_SIZE = 64


def _load(folder: _Folder, name: str) -> tuple[pd.DataFrame, _Closure]:
    """Validate a dataset, or reuse an earlier validation of byte-identical files.

    The cache key holds the checksums of the dataset's CSV file and manifest and of every
    dataset it references, computed on every call, so an edited file is validated again,
    wherever it lives. Returns the cached frame itself: callers copy it.
    """
    closure = _closure(folder, name)
    man = closure.manifests[name]
    digest, recorded = closure.digests[name], str(man.data["sha256"]).lower()
    if digest != recorded:
        raise _checksum_error(folder.path / f"{name}.csv", closure.raw, digest, recorded, man)
    key = closure.key
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit, closure
    frame, consistent = _validate(folder, name, closure)
    if consistent:  # no referenced file changed while this one was validated
        _CACHE[key] = frame
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return frame, closure


def _checksum_error(
    path: Path, raw: bytes, digest: str, recorded: str, man: _Manifest
) -> DataValidationError:
    try:
        current: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        current = None
    note, first = _git_note(path, current) if current is not None else ("", None)
    message = (
        f"checksum mismatch: file sha256 {digest} != manifest sha256 {recorded}; the file "
        f"changed since its manifest was written. {note}If you did not mean to change it, "
        f"restore it (git checkout -- seeds/data/{path.name}); only after an intentional, "
        f"reviewed edit run: python scripts/update_checksums.py {man.name}"
    )
    return DataValidationError(path.name, [(first, None, message)])


def catalog(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Summarise every dataset from its manifest, loading (and so validating) each one.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the CSV files and manifests; defaults to ``seeds/data``.

    Returns
    -------
    pandas.DataFrame
        One row per dataset, in name order: ``dataset``, ``title``, ``class``, ``rows``,
        ``columns``, ``sources`` (number of source ids the manifest lists), ``licence``,
        ``used_by`` (notebook names), ``sha256``.

    Raises
    ------
    ParameterError
        If ``data_dir`` is not an existing folder holding datasets.
    DataValidationError
        If any dataset is invalid, a CSV file or manifest has no partner, or a manifest lacks
        ``title``, ``class`` or ``licence``.
    """
    folder = _open(data_dir)
    _check_orphans(folder)
    rows = []
    for name in folder.pairs:
        frame, closure = _load(folder, name)
        man = closure.manifests[name]
        missing = [k for k in ("title", "class", "licence") if k not in man.data]
        if missing:
            raise DataValidationError(man.file, [man.problem((), (
                f"the catalog needs {', '.join(repr(k) for k in missing)} in every manifest"))])
        rows.append({
            "dataset": name,
            "title": man.data["title"],
            "class": man.data["class"],
            "rows": len(frame),
            "columns": len(man.schema),
            "sources": len(man.data.get("sources") or []),
            "licence": man.data["licence"],
            "used_by": ", ".join(
                nb.removesuffix(".ipynb") for nb in man.data.get("used_by") or []
            ),
            "sha256": man.data["sha256"],
        })
    return pd.DataFrame(rows)


def check_all(data_dir: str | Path | None = None) -> dict[str, int]:
    """Load every dataset once, raising on the first invalid one.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the datasets; defaults to ``seeds/data``.

    Returns
    -------
    dict of str to int
        Row count per dataset name.

    Raises
    ------
    ParameterError
        If ``data_dir`` is not an existing folder holding datasets.
    DataValidationError
        If a dataset is invalid, or a CSV file or a manifest has no partner file.
    """
    folder = _open(data_dir)
    _check_orphans(folder)
    return {name: len(_load(folder, name)[0]) for name in folder.pairs}


def _validate(folder: _Folder, name: str, closure: _Closure) -> tuple[pd.DataFrame, bool]:
    man = closure.manifests[name]
    path = folder.path / f"{name}.csv"
    raw = _read_raw(path.name, closure.raw)
    schema = man.schema
    _check_columns(raw, schema, path.name)
    raw = raw[[c["name"] for c in schema]]
    typed = _parse_columns(raw, schema, path.name)
    refs, consistent = _reference_values(man, folder, closure)
    _run_pandera(typed, _build_schema(schema, man.data.get("primary_key"), refs), path.name)
    _check_rules(typed, man, path.name)
    return _finalise(typed, schema), consistent


def _read_raw(file: str, data: bytes) -> pd.DataFrame:
    text = _decode(data, file)
    try:
        raw = pd.read_csv(
            io.BytesIO(data),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        detail = " ".join(str(exc).split())
        raise DataValidationError(file, [(None, None, f"cannot parse CSV: {detail}")]) from None
    physical = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if physical != len(raw) + 1:
        problem = (_first_multiline(raw), None, _MULTILINE)
        raise DataValidationError(file, [problem])
    return raw


def _first_multiline(raw: pd.DataFrame) -> int | None:
    for pos, row in enumerate(raw.itertuples(index=False), start=2):
        if any(isinstance(v, str) and ("\n" in v or "\r" in v) for v in row):
            return pos
    return None


def _check_columns(raw: pd.DataFrame, schema: Sequence[Mapping[str, Any]], file: str) -> None:
    expected = [c["name"] for c in schema]
    problems: list[Problem] = []
    problems += [
        (1, col, "column missing from the file") for col in expected if col not in raw.columns
    ]
    problems += [
        (1, str(col), "column not in the manifest schema")
        for col in raw.columns
        if col not in expected
    ]
    if problems:
        raise DataValidationError(file, problems)


# --------------------------------------------------------------------------- parsing


def _line(index: int) -> int:
    """CSV line of a 0-based data row (the header is line 1)."""
    return int(index) + 2


def _parse_columns(
    raw: pd.DataFrame, schema: Sequence[Mapping[str, Any]], file: str
) -> pd.DataFrame:
    out: dict[str, pd.Series] = {}
    problems: list[Problem] = []
    for col in schema:
        series, bad = _parse(raw[col["name"]], col["dtype"])
        out[col["name"]] = series
        for idx in bad:
            problems.append(
                (
                    _line(idx),
                    col["name"],
                    f"cannot read {raw.at[idx, col['name']]!r} as {col['dtype']}",
                )
            )
    if problems:
        raise DataValidationError(file, sorted(problems, key=lambda p: (p[0] or 0, str(p[1]))))
    return pd.DataFrame(out, index=raw.index)


def _parse(text: pd.Series, dtype: str) -> tuple[pd.Series, list[int]]:
    present = text.notna()
    if dtype in ("string", "category"):
        return text, []
    if dtype == "bool":
        values = text.str.strip().map(_BOOLS, na_action="ignore")
        bad = present & values.isna()
        return values.astype("boolean"), list(text.index[bad])
    pattern = {"int": _INT_RE, "float": _FLOAT_RE, "date": _DATE_RE}[dtype]
    stripped = text.str.strip()
    ok = stripped.str.match(pattern).fillna(False).astype(bool)
    if dtype == "date":
        values = pd.to_datetime(stripped.where(ok), format="%Y-%m-%d", errors="coerce")
    else:
        values = pd.to_numeric(stripped.where(ok), errors="coerce")
    bad = present & values.isna()
    if dtype == "int":
        values = values.astype("Int64")
    elif dtype == "float":
        values = values.astype("float64")
    return values, list(text.index[bad])


def _finalise(frame: pd.DataFrame, schema: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    out = frame.copy()
    for col in schema:
        name, dtype, nullable = col["name"], col["dtype"], col.get("nullable", False)
        if dtype == "category":
            out[name] = pd.Categorical(out[name], categories=list(col["allowed"]))
        elif dtype == "int" and not nullable:
            out[name] = out[name].astype("int64")
        elif dtype == "bool" and not nullable:
            out[name] = out[name].astype(bool)
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- references


def _reference_values(
    man: _Manifest, folder: _Folder, closure: _Closure
) -> tuple[dict[tuple[str, str], frozenset[str]], bool]:
    """Return the valid ids per referenced (dataset, column), loading each target.

    The second value is False when a referenced file changed since ``closure`` was read (the
    result must then not be cached under the closure's key).
    """
    values: dict[tuple[str, str], frozenset[str]] = {}
    consistent = True
    for dataset, column, _ in _references(man.schema):
        if (dataset, column) in values:
            continue
        target, sub = _load(folder, dataset)
        consistent = consistent and all(
            closure.manifests[n].digest == m.digest and closure.digests[n] == sub.digests[n]
            for n, m in sub.manifests.items()
        )
        values[(dataset, column)] = frozenset(target[column].dropna().astype(str))
    return values, consistent


# --------------------------------------------------------------------------- pandera


def _tokens(value: str, sep: str) -> list[str]:
    return [t.strip() for t in value.split(sep)]


def _tokens_ok(allowed: frozenset[str], sep: str | None) -> Any:
    def check(series: pd.Series) -> pd.Series:
        if sep is None:
            return series.map(lambda v: v in allowed)
        return series.map(lambda v: all(t in allowed for t in _tokens(v, sep)))

    return check


TokenSets = dict[tuple[str, str], tuple[frozenset[str], str | None]]


def _column_checks(
    col: Mapping[str, Any], refs: Mapping[tuple[str, str], frozenset[str]], token_sets: TokenSets
) -> list[pa.Check]:
    checks: list[pa.Check] = []
    dtype, sep = col["dtype"], col.get("separator")
    lo, hi = col.get("min"), col.get("max")
    if dtype == "date":
        lo, hi = (_as_date(v) if v is not None else None for v in (lo, hi))
    if lo is not None:
        checks.append(pa.Check.ge(lo))
    if hi is not None:
        checks.append(pa.Check.le(hi))
    if col.get("pattern"):
        checks.append(pa.Check.str_matches(col["pattern"]))
    if sep is not None:
        checks.append(
            pa.Check(
                lambda s, sep=sep: s.map(lambda v: all(_tokens(v, sep))),
                name=f"no_empty_items(separator={sep!r})",
            )
        )
    sets: list[tuple[str, frozenset[str]]] = []
    if col.get("allowed"):
        sets.append(("allowed_values", frozenset(str(v) for v in col["allowed"])))
    if col.get("references"):
        key = (col["references"]["dataset"], col["references"]["column"])
        sets.append((f"known_id({key[0]}.{key[1]})", refs[key]))
    for check_name, allowed in sets:
        checks.append(pa.Check(_tokens_ok(allowed, sep), name=check_name))
        token_sets[(col["name"], check_name)] = (allowed, sep)
    return checks


def _build_schema(
    schema: Sequence[Mapping[str, Any]],
    primary_key: Sequence[str] | None,
    refs: Mapping[tuple[str, str], frozenset[str]],
) -> tuple[pa.DataFrameSchema, TokenSets]:
    token_sets: TokenSets = {}
    columns = {
        c["name"]: pa.Column(
            None,
            checks=_column_checks(c, refs, token_sets),
            nullable=bool(c.get("nullable", False)),
            unique=bool(c.get("unique", False)),
            required=True,
        )
        for c in schema
    }
    unique = list(primary_key) if primary_key else None
    return pa.DataFrameSchema(columns, strict=True, unique=unique), token_sets


def _run_pandera(
    frame: pd.DataFrame, built: tuple[pa.DataFrameSchema, TokenSets], file: str
) -> None:
    schema, token_sets = built
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        raise DataValidationError(file, _problems_from(exc.failure_cases, token_sets)) from None


def _problems_from(cases: pd.DataFrame, token_sets: TokenSets) -> list[Problem]:
    problems: list[Problem] = []
    for case in cases.itertuples(index=False):
        index = getattr(case, "index", None)
        line = _line(index) if index is not None and not pd.isna(index) else None
        column = case.column if isinstance(case.column, str) else None
        message = _failure_message(str(case.check), case.failure_case)
        allowed, sep = token_sets.get((column or "", str(case.check)), (None, None))
        if allowed is not None and isinstance(case.failure_case, str):
            items = _tokens(case.failure_case, sep) if sep else [case.failure_case]
            message += f" (offending: {', '.join(repr(t) for t in items if t not in allowed)})"
        problems.append((line, column, message))
    return sorted(problems, key=lambda p: (p[0] or 0, str(p[1] or "")))


def _failure_message(check: str, value: Any) -> str:
    if check == "not_nullable":
        return "empty value in a non-nullable column"
    if check == "field_uniqueness":
        return f"duplicate value {value!r} in a unique column"
    if check == "multiple_fields_uniqueness":
        return f"duplicate primary key ({value!r})"
    shown = value.date().isoformat() if isinstance(value, pd.Timestamp) else value
    return f"value {shown!r} fails check {check}"


# --------------------------------------------------------------------------- cross-field rules


def _shown(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _rule_rows(frame: pd.DataFrame, rule: Mapping[str, Any]) -> pd.Series:
    """Rows a rule applies to (its ``where`` filter)."""
    selected = pd.Series(True, index=frame.index)
    for col, value in (rule.get("where") or {}).items():
        values = value if isinstance(value, list) else [value]
        selected &= frame[col].isin(values).fillna(False).astype(bool)
    return selected


def _check_rules(frame: pd.DataFrame, man: _Manifest, file: str) -> None:
    problems: list[Problem] = []
    for i, rule in enumerate(man.data.get("rules") or []):
        line = man.at("rules", i)[0]
        label = f"rule {i + 1} ({rule['rule']}) of {man.file}, line {line}"
        selected = _rule_rows(frame, rule)
        if rule.get("where"):
            shown = ", ".join(f"{k} {v!r}" for k, v in rule["where"].items())
            label += f", for rows with {shown}"
        check = {"ordered": _rule_ordered, "unique_per": _rule_unique_per,
                 "sorted": _rule_sorted}[rule["rule"]]  # fmt: skip
        problems += check(frame[selected], rule, label)
    if problems:
        raise DataValidationError(file, sorted(problems, key=lambda p: (p[0] or 0, str(p[1]))))


def _rule_ordered(frame: pd.DataFrame, rule: Mapping[str, Any], label: str) -> list[Problem]:
    cols, strict = rule["columns"], bool(rule.get("strict", False))
    sign = "<" if strict else "<="
    problems: list[Problem] = []
    for a_pos, a in enumerate(cols):
        for b in cols[a_pos + 1 :]:
            both = frame[a].notna() & frame[b].notna()
            left, right = frame.loc[both, a], frame.loc[both, b]
            ok = (left < right) if strict else (left <= right)
            for idx in ok.index[~ok.astype(bool)]:
                problems.append((_line(idx), b, (
                    f"{a} {_shown(left[idx])} is not {sign} {b} {_shown(right[idx])}: {label} "
                    f"requires {a} {sign} {b} where both are present")))  # fmt: skip
    return problems


def _rule_unique_per(frame: pd.DataFrame, rule: Mapping[str, Any], label: str) -> list[Problem]:
    cols, period = rule["columns"], rule.get("period")
    keys = frame[cols].dropna()
    if period:
        for col in cols:
            if pd.api.types.is_datetime64_any_dtype(keys[col]):
                keys[col] = keys[col].dt.to_period(PERIODS[period])
    first: dict[tuple[Any, ...], int] = {}
    problems: list[Problem] = []
    per = ", ".join(cols) + (f" (dates by {period})" if period else "")
    for idx, values in zip(keys.index, keys.itertuples(index=False, name=None), strict=True):
        if values in first:
            shown = ", ".join(f"{c} {_shown(v)}" for c, v in zip(cols, values, strict=True))
            problems.append((_line(idx), cols[-1], (
                f"a second row for {shown} (the first is line {first[values]}): {label} "
                f"allows one row per {per}")))  # fmt: skip
        else:
            first[values] = _line(idx)
    return problems


def _rule_sorted(frame: pd.DataFrame, rule: Mapping[str, Any], label: str) -> list[Problem]:
    col, strict = rule["column"], bool(rule.get("strict", False))
    series = frame[col].dropna()
    values, index = series.tolist(), list(series.index)
    order = "increasing" if strict else "non-decreasing"
    problems: list[Problem] = []
    for k in range(1, len(values)):
        prev, cur = values[k - 1], values[k]
        if cur < prev or (strict and cur == prev):
            problems.append((_line(index[k]), col, (
                f"{col} {_shown(cur)} comes after {_shown(prev)} on line {_line(index[k - 1])}: "
                f"{label} requires the rows in {order} order of {col}")))  # fmt: skip
    return problems


# --------------------------------------------------------------------------- checksums


def _read_for_update(folder: _Folder, name: str) -> tuple[Path, str, _Manifest]:
    path = folder.path / f"{name}.yml"
    raw = _read_bytes(path)
    text = _decode(raw, path.name)
    parsed, marks = _parse_yaml(text, path.name)
    man = _Manifest(name, path.name, hashlib.sha256(raw).hexdigest(), parsed, marks)
    if not isinstance(parsed, dict):
        raise DataValidationError(path.name, [man.problem((), "manifest is not a YAML mapping")])
    return path, text, man


def update_checksums(
    data_dir: str | Path | None = None, only: Iterable[str] | None = None
) -> dict[str, str]:
    """Rewrite the ``sha256`` line of manifests whose CSV file changed.

    Use after an intentional edit of a CSV file. Only the ``sha256:`` line of each
    manifest is rewritten; formatting and comments are kept. An existing ``schema_sha256``
    is never changed (see :func:`update_schema_checksums`), so a loosened schema is not
    re-stamped along with the data; a new manifest without one gets one.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the datasets; defaults to ``seeds/data``.
    only : list of str, optional
        Dataset names to update (a list, even for one name); defaults to all.

    Returns
    -------
    dict of str to str
        The CSV file's checksum per dataset whose manifest was changed.

    Raises
    ------
    ParameterError
        If ``data_dir`` is not a folder holding datasets, or ``only`` is not a list of
        dataset names (:class:`UnknownDatasetError` for a name that is not a dataset).
    DataValidationError
        If a manifest is not valid YAML (duplicate keys included) or has no top-level
        ``sha256:`` line (or, when it is new, breaks the manifest format); nothing is written
        then, for any dataset.
    """
    folder = _open(data_dir)
    selected = _check_only(only, folder)
    changed: dict[str, str] = {}
    writes: list[tuple[Path, str]] = []  # written only once every manifest is known good
    for name in selected:
        path, text, man = _read_for_update(folder, name)
        digest = hashlib.sha256(_read_bytes(folder.path / f"{name}.csv")).hexdigest()
        new_text = text
        if "schema_sha256" not in man.data:  # a new manifest: nothing to compare against
            new_text = _stamp_schema(path, text, man)
        if str(man.data.get("sha256", "")).lower() != digest:
            new_text, count = _SHA_LINE.subn(f"sha256: {digest}", new_text, count=1)
            if count != 1:
                raise DataValidationError(path.name, [man.problem(("sha256",), (
                    "no top-level 'sha256: <hex>' line to update"))])  # fmt: skip
        if new_text != text:
            writes.append((path, new_text))
            changed[name] = digest
    _write_all(writes)
    return changed


def update_schema_checksums(
    data_dir: str | Path | None = None, only: Iterable[str] | None = None
) -> dict[str, str]:
    """Rewrite (or add) the ``schema_sha256`` line of manifests whose schema changed.

    Use only after an intentional, reviewed edit of a manifest's ``schema``,
    ``primary_key`` or ``rules``: the checksum exists so that such an edit (a loosened
    ``max``, a removed rule) cannot pass unnoticed. A new ``schema_sha256:`` line is written
    after the ``sha256:`` line. A manifest that breaks the manifest format is refused.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the datasets; defaults to ``seeds/data``.
    only : list of str, optional
        Dataset names to update (a list, even for one name); defaults to all.

    Returns
    -------
    dict of str to str
        New schema checksum per dataset whose manifest was changed.

    Raises
    ------
    ParameterError
        As :func:`update_checksums`.
    DataValidationError
        If a manifest is invalid (the message names the file, line and column); nothing is
        written then, for any dataset.
    """
    folder = _open(data_dir)
    selected = _check_only(only, folder)
    changed: dict[str, str] = {}
    writes: list[tuple[Path, str]] = []  # written only once every manifest is known good
    for name in selected:
        path, text, man = _read_for_update(folder, name)
        new_text = _stamp_schema(path, text, man)
        if new_text != text:
            writes.append((path, new_text))
            changed[name] = _schema_digest(man.data)
    _write_all(writes)
    return changed


def _stamp_schema(path: Path, text: str, man: _Manifest) -> str:
    """Return ``text`` with its schema_sha256 line set (or added after the sha256 line)."""
    problems = _manifest_problems(man, stamping=True)
    if problems:
        raise DataValidationError(path.name, problems)
    digest = _schema_digest(man.data)
    if str(man.data.get("schema_sha256", "")).lower() == digest:
        return text
    new_text, count = _SCHEMA_SHA_LINE.subn(f"schema_sha256: {digest}", text, count=1)
    if count == 1:
        return new_text
    if "schema_sha256" in man.data:
        raise DataValidationError(path.name, [man.problem(("schema_sha256",), (
            "schema_sha256 is not a plain top-level 'schema_sha256: <hex>' line"))])
    line = f"\nschema_sha256: {digest}"
    new_text, count = _SHA_LINE.subn(lambda m: m.group(0) + line, text, count=1)
    if count != 1:
        raise DataValidationError(path.name, [man.problem((), (
            "no top-level 'sha256:' line to put schema_sha256 after"))])  # fmt: skip
    return new_text


def _write_all(writes: Iterable[tuple[Path, str]]) -> None:
    for path, text in writes:
        path.write_bytes(text.encode("utf-8"))

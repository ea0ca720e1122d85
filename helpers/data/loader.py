"""Load the course's sourced datasets, validated against their manifests.

Every dataset in ``seeds/data`` is a tidy CSV file with a YAML manifest beside it
(``<name>.csv`` + ``<name>.yml``). The manifest is the single source of truth for the
dataset's schema: column names, dtypes, units, allowed values or ranges, nullability,
multi-valued columns (``separator``) and references to other datasets (``references``),
plus the SHA-256 checksum of the CSV file.

:func:`load` reads a dataset and refuses it, with a :class:`DataValidationError`, when

* the file's checksum differs from the manifest (run ``scripts/update_checksums.py`` after
  an intentional edit),
* a column is missing or not in the schema,
* a value cannot be parsed as its dtype, is out of range, not allowed or null where the
  schema forbids it,
* a row's ``sources`` is empty or cites a source id that is not in ``sources.csv`` (and
  likewise for any other reference, e.g. actor ids).

Error messages name the file, the 1-based line of the CSV file (the header is line 1)
and the column.

The value checks are run by `pandera <https://pandera.readthedocs.io>`_: the schema of
each manifest is translated into a ``pandera.DataFrameSchema`` at load time, so the
manifests stay the only place where the schema is written down. Parsing (text to int,
float, date, bool) is done here first, because the CSV line and column of a value that
cannot be parsed must be reported before pandera sees typed columns.

Nothing is read at import time. Loaded frames are cached per file content (checksum) and
every call returns a fresh copy.

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
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import yaml
from pandera.errors import SchemaErrors

from helpers import DATA_DIR

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
]

DTYPES: frozenset[str] = frozenset({"string", "int", "float", "date", "bool", "category"})
_INT_RE = r"^[+-]?\d+$"
_FLOAT_RE = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
_BOOLS: dict[str, bool] = {"true": True, "false": False}
_SHA_LINE = re.compile(r"^sha256: *[0-9a-fA-F]*$", re.MULTILINE)
_MAX_LISTED = 5
_MULTILINE = (
    "a cell spans several lines; keep one record per line so that the line numbers "
    "in error messages are exact"
)

#: One problem found in a file: (1-based CSV line or None, column or None, message).
Problem = tuple[int | None, str | None, str]


class DataValidationError(ValueError):
    """A dataset does not match its manifest.

    Parameters
    ----------
    file : str
        Name of the offending file (e.g. ``"events.csv"``).
    problems : sequence of tuple
        ``(line, column, message)`` triples; ``line`` is the 1-based line of the CSV file
        (1 = header) or ``None`` for file-level problems, ``column`` is a column name or
        ``None``.

    Attributes
    ----------
    file : str
        As given.
    problems : list of tuple
        As given.
    line : int or None
        Line of the first problem.
    column : str or None
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


class UnknownDatasetError(KeyError):
    """The requested dataset name is not one of :func:`names`."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _describe(file: str, line: int | None, column: str | None, message: str) -> str:
    where = file
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column {column!r}"
    return f"{where}: {message}"


# --------------------------------------------------------------------------- files


def _resolve_dir(data_dir: str | Path | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else DATA_DIR.resolve()


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
    """
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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
        If the file is missing or is not a YAML mapping (the message names the file).
    """
    path = DATA_DIR.parent / "article.meta.yml"
    if not path.is_file():
        raise DataValidationError(path.name, [(None, None, "file not found")])
    parsed = _parse_manifest(path.read_text(encoding="utf-8"))
    if not isinstance(parsed, dict):
        raise DataValidationError(path.name, [(None, None, "not a YAML mapping")])
    return parsed


def names(data_dir: str | Path | None = None) -> list[str]:
    """List the datasets available in a data folder.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the CSV files and manifests; defaults to ``seeds/data``.

    Returns
    -------
    list of str
        Sorted dataset names: every ``<name>.yml`` that has a ``<name>.csv`` beside it.
    """
    folder = _resolve_dir(data_dir)
    return sorted(p.stem for p in folder.glob("*.yml") if p.with_suffix(".csv").is_file())


def _check_name(name: str, folder: Path) -> None:
    valid = names(folder)
    if name not in valid:
        raise UnknownDatasetError(f"unknown dataset {name!r}; valid names are: {', '.join(valid)}")


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=128)
def _parse_manifest(text: str) -> dict[str, Any]:
    return yaml.load(text, Loader=_YAML_LOADER)


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
    DataValidationError
        If the manifest is malformed.
    """
    folder = _resolve_dir(data_dir)
    _check_name(name, folder)
    path = folder / f"{name}.yml"
    parsed = _parse_manifest(path.read_text(encoding="utf-8"))
    _check_manifest(parsed, path.name)
    return copy.deepcopy(parsed)


def _check_manifest(man: Any, file: str) -> None:
    problems: list[Problem] = []
    if not isinstance(man, dict):
        raise DataValidationError(file, [(None, None, "manifest is not a mapping")])
    for key in ("sha256", "schema"):
        if key not in man:
            problems.append((None, None, f"manifest has no {key!r}"))
    for col in man.get("schema") or []:
        if col.get("dtype") not in DTYPES:
            problems.append((None, col.get("name"), f"unknown dtype {col.get('dtype')!r}"))
        if col.get("dtype") == "category" and not col.get("allowed"):
            problems.append((None, col.get("name"), "category column without 'allowed' values"))
    if problems:
        raise DataValidationError(file, problems)


# --------------------------------------------------------------------------- loading


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
        If ``name`` is not a dataset.
    DataValidationError
        If the file or its content does not match the manifest; the message names the
        file, the CSV line and the column.
    """
    folder = _resolve_dir(data_dir)
    man = manifest(name, folder)
    path = folder / f"{name}.csv"
    digest = sha256_of(path)
    if digest != man["sha256"]:
        message = (
            f"checksum mismatch: file sha256 {digest} != manifest sha256 {man['sha256']}; "
            "the file changed since its manifest was written "
            "(after an intentional edit run scripts/update_checksums.py)"
        )
        raise DataValidationError(path.name, [(None, None, message)])
    _check_reference_cycles(name, folder)
    return _load_verified(folder, name).copy(deep=True)


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
    """
    folder = _resolve_dir(data_dir)
    rows = []
    for name in names(folder):
        man = manifest(name, folder)
        rows.append({
            "dataset": name,
            "title": man["title"],
            "class": man["class"],
            "rows": len(load(name, folder)),
            "columns": len(man["schema"]),
            "sources": len(man.get("sources") or []),
            "licence": man["licence"],
            "used_by": ", ".join(nb.removesuffix(".ipynb") for nb in man.get("used_by") or []),
            "sha256": man["sha256"],
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
    """
    return {name: len(load(name, data_dir)) for name in names(data_dir)}


def _fingerprint(name: str, folder: Path) -> tuple[tuple[str, str, str], ...]:
    """Checksums of a dataset's files and of every dataset it references (the cache key)."""
    seen: dict[str, tuple[str, str, str]] = {}

    def visit(current: str) -> None:
        if current in seen:
            return
        seen[current] = (
            current,
            sha256_of(folder / f"{current}.csv"),
            sha256_of(folder / f"{current}.yml"),
        )
        for target, _ in _references(manifest(current, folder)["schema"]):
            visit(target)

    visit(name)
    return tuple(sorted(seen.values()))


_CACHE: collections.OrderedDict[tuple[tuple[str, str, str], ...], pd.DataFrame] = (
    collections.OrderedDict()
)
_CACHE_SIZE = 64


def _load_verified(folder: Path, name: str) -> pd.DataFrame:
    """Validate a dataset, or reuse an earlier validation of byte-identical files.

    The cache key is the :func:`_fingerprint` (checksums of the dataset's files and of every
    dataset it references), so an edited file is validated again, wherever it lives.
    """
    key = _fingerprint(name, folder)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    frame = _validate(folder, name)
    _CACHE[key] = frame
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return frame


def _validate(folder: Path, name: str) -> pd.DataFrame:
    man = manifest(name, folder)
    path = folder / f"{name}.csv"
    raw = _read_raw(path)
    schema = man["schema"]
    _check_columns(raw, schema, path.name)
    raw = raw[[c["name"] for c in schema]]
    typed = _parse_columns(raw, schema, path.name)
    refs = _reference_values(schema, folder)
    _run_pandera(typed, _build_schema(schema, man.get("primary_key"), refs), path.name)
    return _finalise(typed, schema)


def _read_raw(path: Path) -> pd.DataFrame:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(
            path.name, [(None, None, f"not valid UTF-8 ({exc.reason})")]
        ) from exc
    try:
        raw = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError(path.name, [(None, None, f"cannot parse CSV: {exc}")]) from exc
    physical = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if physical != len(raw) + 1:
        problem = (_first_multiline(raw), None, _MULTILINE)
        raise DataValidationError(path.name, [problem])
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
        raise DataValidationError(file, sorted(problems, key=lambda p: (p[0] or 0, p[1] or "")))
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


def _references(schema: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [
        (c["references"]["dataset"], c["references"]["column"])
        for c in schema
        if c.get("references")
    ]


def _check_reference_cycles(name: str, folder: Path) -> None:
    def visit(current: str, stack: tuple[str, ...]) -> None:
        for target, _ in _references(manifest(current, folder)["schema"]):
            if target in stack:
                chain = " -> ".join((*stack, target))
                raise DataValidationError(
                    f"{name}.yml", [(None, None, f"circular references: {chain}")]
                )
            visit(target, (*stack, target))

    visit(name, (name,))


def _reference_values(
    schema: Iterable[Mapping[str, Any]], folder: Path
) -> dict[tuple[str, str], frozenset[str]]:
    values: dict[tuple[str, str], frozenset[str]] = {}
    for dataset, column in _references(schema):
        target = load(dataset, folder)
        if column not in target.columns:
            raise DataValidationError(
                f"{dataset}.csv", [(1, column, "referenced column does not exist")]
            )
        values[(dataset, column)] = frozenset(target[column].dropna().astype(str))
    return values


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
        lo, hi = (pd.Timestamp(v) if v is not None else None for v in (lo, hi))
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
    return sorted(problems, key=lambda p: (p[0] or 0, p[1] or ""))


def _failure_message(check: str, value: Any) -> str:
    if check == "not_nullable":
        return "empty value in a non-nullable column"
    if check == "field_uniqueness":
        return f"duplicate value {value!r} in a unique column"
    if check == "multiple_fields_uniqueness":
        return f"duplicate primary key ({value!r})"
    shown = value.date().isoformat() if isinstance(value, pd.Timestamp) else value
    return f"value {shown!r} fails check {check}"


# --------------------------------------------------------------------------- checksums


def update_checksums(
    data_dir: str | Path | None = None, only: Iterable[str] | None = None
) -> dict[str, str]:
    """Rewrite the ``sha256`` line of manifests whose CSV file changed.

    Use after an intentional edit of a CSV file. Only the ``sha256:`` line of each
    manifest is rewritten; formatting and comments are kept.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding the datasets; defaults to ``seeds/data``.
    only : iterable of str, optional
        Dataset names to update; defaults to all.

    Returns
    -------
    dict of str to str
        New checksum per dataset whose manifest was changed.
    """
    folder = _resolve_dir(data_dir)
    selected = list(only) if only is not None else names(folder)
    changed: dict[str, str] = {}
    for name in selected:
        _check_name(name, folder)
        path = folder / f"{name}.yml"
        text = path.read_text(encoding="utf-8")
        digest = sha256_of(folder / f"{name}.csv")
        if yaml.safe_load(text).get("sha256") == digest:
            continue
        new_text, count = _SHA_LINE.subn(f"sha256: {digest}", text, count=1)
        if count != 1:
            raise DataValidationError(
                path.name, [(None, "sha256", "no top-level 'sha256:' line to update")]
            )
        path.write_text(new_text, encoding="utf-8")
        changed[name] = digest
    return changed

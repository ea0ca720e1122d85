"""Property tests of helpers.data's validation: generated tables and generated tampering."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DATA_DIR
from helpers import data as data

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KNOWN_SOURCES = ["S-A1", "S-B2"]
LEVEL_MIN, LEVEL_MAX = 0, 10
COLOURS = ["red", "green"]


def write_dataset(
    folder: Path, name: str, schema: list[dict], rows: list[list[str]], **extra
) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c["name"] for c in schema])
    writer.writerows(rows)
    (folder / f"{name}.csv").write_text(buf.getvalue(), encoding="utf-8")
    man = {
        "name": name,
        "sha256": data.sha256_of(folder / f"{name}.csv"),
        "schema": schema,
        **extra,
    }
    (folder / f"{name}.yml").write_text(yaml.safe_dump(man, sort_keys=False), encoding="utf-8")
    data.update_schema_checksums(folder, [name])  # a manifest needs schema_sha256 too


SOURCES_SCHEMA = [{"name": "source_id", "dtype": "string", "nullable": False, "unique": True}]
WIDGET_SCHEMA = [
    {"name": "widget", "dtype": "int", "nullable": False, "unique": True, "unit": "ordinal"},
    {"name": "level", "dtype": "int", "nullable": False, "unit": "index",
     "min": LEVEL_MIN, "max": LEVEL_MAX},
    {"name": "colour", "dtype": "category", "nullable": False, "allowed": COLOURS},
    {"name": "sources", "dtype": "string", "nullable": False, "separator": ";",
     "references": {"dataset": "sources", "column": "source_id"}},
]  # fmt: skip

rows_strategy = st.lists(
    st.tuples(
        st.integers(LEVEL_MIN - 3, LEVEL_MAX + 3),
        st.sampled_from([*COLOURS, "blue"]),
        st.lists(st.sampled_from([*KNOWN_SOURCES, "S-Z9"]), max_size=3),
    ),
    min_size=1,
    max_size=8,
)


def expected_problems(rows: list[tuple[int, str, list[str]]]) -> set[tuple[int, str]]:
    """(line, column) of every row that breaks the widget schema, worked out independently."""
    bad = set()
    for i, (level, colour, sources) in enumerate(rows):
        line = i + 2
        if not LEVEL_MIN <= level <= LEVEL_MAX:
            bad.add((line, "level"))
        if colour not in COLOURS:
            bad.add((line, "colour"))
        if not sources or not set(sources) <= set(KNOWN_SOURCES):
            bad.add((line, "sources"))
    return bad


@FAST
@given(rows_strategy)
def test_load_accepts_exactly_the_valid_tables_and_locates_the_bad_cells(rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_dataset(folder, "sources", SOURCES_SCHEMA, [[s] for s in KNOWN_SOURCES])
        table = [[str(i + 1), str(lv), col, ";".join(src)] for i, (lv, col, src) in enumerate(rows)]
        write_dataset(folder, "widgets", WIDGET_SCHEMA, table, primary_key=["widget"])
        expected = expected_problems(rows)
        if not expected:
            frame = data.load("widgets", folder)
            assert list(frame["level"]) == [lv for lv, _, _ in rows]
            assert list(frame["colour"].astype(str)) == [c for _, c, _ in rows]
            assert str(frame["level"].dtype) == "int64"
            return
        with pytest.raises(data.DataValidationError) as info:
            data.load("widgets", folder)
        found = {(p[0], p[1]) for p in info.value.problems}
        assert found == expected
        assert str(info.value).startswith("widgets.csv, line ")


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("tamper") / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@FAST
@given(name=st.sampled_from(sorted(data.names())), where=st.floats(0, 1, exclude_max=True),
       mask=st.integers(1, 255))  # fmt: skip
def test_any_flipped_byte_is_detected(data_copy, name, where, mask):
    path = data_copy / f"{name}.csv"
    original = path.read_bytes()
    tampered = bytearray(original)
    tampered[int(where * len(original))] ^= mask
    path.write_bytes(bytes(tampered))
    try:
        with pytest.raises(data.DataValidationError, match="checksum mismatch") as info:
            data.load(name, data_copy)
        assert info.value.file == f"{name}.csv"
    finally:
        path.write_bytes(original)


@FAST
@given(row=st.integers(0, 23), price=st.one_of(st.floats(200.01, 1e6), st.floats(-1e6, -0.01)))
def test_out_of_range_price_is_reported_on_its_line(data_copy, row, price):
    path = data_copy / "brent_monthly.csv"
    manifest_path = data_copy / "brent_monthly.yml"
    original, original_manifest = path.read_bytes(), manifest_path.read_bytes()
    lines = original.decode("utf-8").split("\n")
    cells = lines[row + 1].split(",")
    cells[1] = repr(price)
    lines[row + 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    data.update_checksums(data_copy, ["brent_monthly"])
    try:
        with pytest.raises(data.DataValidationError) as info:
            data.load("brent_monthly", data_copy)
        assert (info.value.line, info.value.column) == (row + 2, "price")
        assert len(info.value.problems) == 1
    finally:
        path.write_bytes(original)
        manifest_path.write_bytes(original_manifest)


# --------------------------------------------------------------------------- cross-field rules

SPAN_SCHEMA = [
    {"name": "span", "dtype": "int", "nullable": False, "unique": True, "unit": "ordinal"},
    {"name": "group", "dtype": "category", "nullable": False, "allowed": ["a", "b"]},
    {"name": "start", "dtype": "date", "nullable": False,
     "min": "2000-01-01", "max": "2100-12-31"},
    {"name": "end", "dtype": "date", "nullable": True, "min": "2000-01-01", "max": "2100-12-31"},
]  # fmt: skip
SPAN_RULES = [
    {"rule": "ordered", "columns": ["start", "end"]},
    {"rule": "unique_per", "columns": ["group", "start"], "period": "month"},
    {"rule": "sorted", "column": "start", "where": {"group": "a"}},
]
DAY0 = dt.date(2022, 1, 1)

spans_strategy = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]),
        st.integers(0, 120),  # start, days after DAY0
        st.one_of(st.none(), st.integers(-10, 40)),  # end, days after start
    ),
    min_size=1,
    max_size=8,
)


def expected_rule_problems(rows: list[tuple[str, int, int | None]]) -> set[tuple[int, str]]:
    """(line, column) of every row that breaks one of SPAN_RULES, worked out independently."""
    bad = set()
    months: set[tuple[str, int, int]] = set()
    last_a = None
    for i, (group, start, end) in enumerate(rows):
        line, day = i + 2, DAY0 + dt.timedelta(days=start)
        if end is not None and end < 0:
            bad.add((line, "end"))
        month = (group, day.year, day.month)
        if month in months:
            bad.add((line, "start"))
        months.add(month)
        if group == "a":
            if last_a is not None and day < last_a:
                bad.add((line, "start"))
            last_a = day
    return bad


@FAST
@given(spans_strategy)
def test_rules_refuse_exactly_the_rows_that_break_them(rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = []
        for i, (group, start, end) in enumerate(rows):
            day = DAY0 + dt.timedelta(days=start)
            last = "" if end is None else (day + dt.timedelta(days=end)).isoformat()
            table.append([str(i + 1), group, day.isoformat(), last])
        write_dataset(folder, "spans", SPAN_SCHEMA, table, rules=SPAN_RULES)
        expected = expected_rule_problems(rows)
        if not expected:
            assert len(data.load("spans", folder)) == len(rows)
            return
        with pytest.raises(data.DataValidationError) as info:
            data.load("spans", folder)
        assert {(p[0], p[1]) for p in info.value.problems} == expected
        assert info.value.file == "spans.csv"
        assert "spans.yml, line " in str(info.value)

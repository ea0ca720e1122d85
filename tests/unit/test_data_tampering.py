"""helpers.data against tampered copies of seeds/data: one section per finding of the probe.

Every test copies seeds/data into ``tmp_path``, corrupts one thing, re-stamps the checksums
with the project's own ``update_checksums`` where the finding says "re-stamped", and asserts
the exact error class and that the message names the file, the line and (where there is one)
the column. The last section pins down what cannot be caught, and that the docs say so.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from helpers import DATA_DIR, REPO_ROOT
from helpers import data as data
from helpers.checks import ParameterError
from helpers.data import loader
from tests.unit.datafiles import read_rows, set_cell, write_rows

# --------------------------------------------------------------------------- helpers



def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not unique in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """1-based line of the nth line of ``path`` that starts with ``text``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.startswith(text)]  # fmt: skip
    return hits[nth - 1]


def refused(call, *args, file: str, line: int | None, column=None) -> data.DataValidationError:
    """Run ``call``; it must raise exactly DataValidationError at (file, line, column)."""
    with pytest.raises(data.DataValidationError) as info:
        call(*args)
    err = info.value
    assert type(err) is data.DataValidationError
    assert isinstance(err, ValueError)
    assert err.file == file
    message = str(err)
    assert message.startswith(file), message
    assert (line, column) in [(p[0], p[1]) for p in err.problems], err.problems
    if line is not None:
        assert f"line {line}" in message
    if column is not None:
        assert f"column {column!r}" in message
    return err


def day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


# ------------------------------------------------------------- finding 1: cross-field rules

#: (dataset, start column, end column): every dataset with an ``ordered`` rule on dates.
DATE_PAIRS = [
    ("events", "date", "end_date"),
    ("astana_rounds", "start_date", "end_date"),
    ("sanctions_events", "date", "end_date"),
    ("urals_monthly", "period_start", "period_end"),
    ("china_crude_imports_russia", "period_start", "period_end"),
    ("iran_crude_exports_estimates", "period_start", "period_end"),
    ("iran_crude_production", "period_start", "period_end"),
]


@pytest.mark.parametrize(("name", "start", "end"), DATE_PAIRS)
def test_end_before_start_is_refused_even_when_restamped(data_copy, name, start, end):
    rows = read_rows(data_copy / f"{name}.csv")
    header = rows[0]
    row = max(i for i, r in enumerate(rows[1:]) if r[header.index(end)])  # the last: in range
    line = set_cell(data_copy, name, row, end, day_before(rows[row + 1][header.index(start)]))
    assert data.update_checksums(data_copy, [name]) == {name: data.sha256_of(
        data_copy / f"{name}.csv")}  # fmt: skip
    err = refused(data.load, name, data_copy, file=f"{name}.csv", line=line, column=end)
    rule_line = line_of(data_copy / f"{name}.yml", "- rule: ordered")
    assert f"{name}.yml, line {rule_line}" in str(err)
    assert f"{start} <= {end}" in str(err)


def test_numbers_and_text_are_ordered_too(data_copy):
    line = set_cell(data_copy, "astana_participants", 6, "last_round", "0")  # USA: 1..8 -> 1..0
    data.update_checksums(data_copy, ["astana_participants"])
    refused(data.load, "astana_participants", data_copy, file="astana_participants.csv",
            line=line, column="last_round")  # fmt: skip
    path = data_copy / "relations.csv"
    rows = read_rows(path)
    a, b = rows[0].index("actor_a"), rows[0].index("actor_b")
    rows[1][a], rows[1][b] = rows[1][b], rows[1][a]  # B-A instead of A-B: same tie, new key
    write_rows(path, rows)
    data.update_checksums(data_copy, ["relations"])
    err = refused(data.load, "relations", data_copy, file="relations.csv", line=2,
                  column="actor_b")  # fmt: skip
    assert "actor_a < actor_b" in str(err)


def test_two_rows_for_one_month_are_refused(data_copy):
    # 2021-04-15 -> 2021-03-31: still a unique date (the primary key), in range and in order,
    # but a second price for March 2021.
    line = set_cell(data_copy, "brent_monthly", 3, "date", "2021-03-31")
    data.update_checksums(data_copy, ["brent_monthly"])
    err = refused(data.load, "brent_monthly", data_copy, file="brent_monthly.csv", line=line,
                  column="date")  # fmt: skip
    assert "one row per date (dates by month)" in str(err)


def test_a_repeated_monthly_estimate_is_refused(data_copy):
    path = data_copy / "urals_monthly.csv"
    rows = read_rows(path)
    twin = list(rows[10])  # UR10, June 2022
    twin[0] = "UR99"
    twin[rows[0].index("value")] = "88.0"
    write_rows(path, [*rows, twin])
    data.update_checksums(data_copy, ["urals_monthly"])
    err = refused(data.load, "urals_monthly", data_copy, file="urals_monthly.csv",
                  line=len(rows) + 1, column="period_end")  # fmt: skip
    assert "the first is line 11" in str(err)


def test_rows_out_of_order_are_refused(data_copy):
    path = data_copy / "brent_monthly.csv"
    rows = read_rows(path)
    rows[5], rows[6] = rows[6], rows[5]
    write_rows(path, rows)
    data.update_checksums(data_copy, ["brent_monthly"])
    err = refused(data.load, "brent_monthly", data_copy, file="brent_monthly.csv", line=7,
                  column="date")  # fmt: skip
    assert "date 2021-05-15 comes after 2021-06-15 on line 6" in str(err)
    assert "increasing order of date" in str(err)


def test_loosened_max_is_caught_by_the_schema_checksum(data_copy):
    manifest_path = data_copy / "brent_monthly.yml"
    replace_once(manifest_path, "  max: 200\n", "  max: 2000\n")
    set_cell(data_copy, "brent_monthly", 3, "price", "250.0")
    assert data.update_checksums(data_copy, ["brent_monthly"])  # the CSV checksum only
    err = refused(data.load, "brent_monthly", data_copy, file="brent_monthly.yml",
                  line=line_of(manifest_path, "schema_sha256:"), column=16)  # fmt: skip
    assert "schema checksum mismatch" in str(err)
    assert "--schema brent_monthly" in str(err)
    # The deliberate, reviewed act is what accepts it (a known limit, documented).
    assert list(data.update_schema_checksums(data_copy, ["brent_monthly"])) == ["brent_monthly"]
    assert data.load("brent_monthly", data_copy)["price"].max() == 250.0


def test_a_removed_rule_is_caught_by_the_schema_checksum(data_copy):
    path = data_copy / "events.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("rules:\n")
    path.write_text(text[:start] + text[text.index("known_gaps:"):], encoding="utf-8")
    refused(data.load, "events", data_copy, file="events.yml",
            line=line_of(path, "schema_sha256:"), column=16)  # fmt: skip


def test_duplicate_yaml_key_is_refused_with_both_places(data_copy):
    path = data_copy / "brent_monthly.yml"
    first = line_of(path, "  max: 200")
    replace_once(path, "  max: 200\n", "  max: 200\n  max: 2000\n")
    set_cell(data_copy, "brent_monthly", 3, "price", "250.0")
    # Re-stamping refuses the manifest, and so does loading it.
    for call, args in [(data.update_checksums, (data_copy, ["brent_monthly"])),
                       (data.load, ("brent_monthly", data_copy))]:  # fmt: skip
        err = refused(call, *args, file="brent_monthly.yml", line=first + 1, column=3)
        assert "duplicate key 'max'" in str(err)
        assert f"first at line {first}, column 3" in str(err)


# ------------------------------------------------------------- finding 2: broken manifests


def _drop_name_of_price(text: str) -> str:
    return text.replace("- name: price\n  dtype: float", "- dtype: float", 1)


BROKEN_MANIFESTS = {
    # id: (edit of brent_monthly.yml, line of the problem from the edited text, column, words)
    "unclosed bracket": (lambda t: t.replace("primary_key: [date]", "primary_key: [date"),
                         "schema:", 7, "invalid YAML"),
    "bad indentation": (lambda t: t.replace("  dtype: float", "   dtype: float"),
                        "   dtype: float", 9, "invalid YAML"),
    "tab indentation": (lambda t: t.replace("  dtype: float", "\tdtype: float"),
                        "\tdtype: float", 1, "invalid YAML"),
    "column without name": (_drop_name_of_price, "- dtype: float", 3, "has no 'name'"),
    "unknown column key": (lambda t: t.replace("  max: 200", "  maximum: 200"),
                           "  maximum: 200", 12, "unknown key 'maximum'"),
    "unknown top-level key": (lambda t: t.replace("primary_key:", "primary_keys:"),
                              "primary_keys:", 15, "unknown key 'primary_keys'"),
    "unknown dtype": (lambda t: t.replace("  dtype: float", "  dtype: double"),
                      "  dtype: double", 10, "dtype must be one of"),
    "min above max": (lambda t: t.replace("  min: 0\n", "  min: 300\n"),
                      "  max: 200", 8, "min 300 is above max 200"),
    "text where a number belongs": (lambda t: t.replace("  max: 200", "  max: lots"),
                                    "  max: lots", 8, "max must be a finite number"),
    "rule on an unknown column": (lambda t: t.replace("  column: date\n", "  column: month\n"),
                                  "  column: month", 11, "column must name a column"),
    "name of another file": (lambda t: t.replace("name: brent_monthly", "name: urals_monthly"),
                             "name: urals_monthly", 7, "differs from the file name"),
    "a list, not a mapping": (lambda t: "- just\n- a list\n", "- just", 1,
                              "must be a YAML mapping"),
    "empty file": (lambda t: "", None, 1, "empty file"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN_MANIFESTS))
def test_broken_manifest_names_file_line_and_column(data_copy, case):
    edit, marker, column, words = BROKEN_MANIFESTS[case]
    path = data_copy / "brent_monthly.yml"
    edited = edit(path.read_text(encoding="utf-8"))
    assert edited != path.read_text(encoding="utf-8")
    path.write_text(edited, encoding="utf-8")
    line = line_of(path, marker) if marker else 1
    for call, args in [(data.load, ("brent_monthly", data_copy)),
                       (data.manifest, ("brent_monthly", data_copy)),
                       (data.check_all, (data_copy,))]:  # fmt: skip
        err = refused(call, *args, file="brent_monthly.yml", line=line, column=column)
        assert words in str(err)


def test_bad_reference_target_in_a_manifest_is_located(data_copy):
    path = data_copy / "brent_monthly.yml"
    replace_once(path, "    dataset: sources\n", "    dataset: source\n")
    refused(data.load, "brent_monthly", data_copy, file="brent_monthly.yml",
            line=line_of(path, "schema_sha256:"), column=16)  # fmt: skip
    data.update_schema_checksums(data_copy, ["brent_monthly"])  # as if the edit were meant
    err = refused(data.load, "brent_monthly", data_copy, file="brent_monthly.yml",
                  line=line_of(path, "    dataset: source"), column=14)  # fmt: skip
    assert "references dataset 'source'" in str(err)
    replace_once(path, "    dataset: source\n", "    dataset: sources\n")
    replace_once(path, "    column: source_id\n", "    column: id\n")
    data.update_schema_checksums(data_copy, ["brent_monthly"])
    refused(data.load, "brent_monthly", data_copy, file="brent_monthly.yml",
            line=line_of(path, "    column: id"), column=13)  # fmt: skip


def test_broken_csv_is_a_data_validation_error(data_copy):
    path = data_copy / "brent_monthly.csv"
    path.write_bytes(path.read_bytes().replace(b"54.77", b"\xff54.77"))
    data.update_checksums(data_copy, ["brent_monthly"])
    err = refused(data.load, "brent_monthly", data_copy, file="brent_monthly.csv", line=2)
    assert "not valid UTF-8" in str(err)


# ------------------------------------------------------------- finding 3: missing files


def test_deleted_manifest_is_reported_by_file_name(data_copy):
    (data_copy / "events.yml").unlink()
    for call, args in [(data.load, ("events", data_copy)), (data.manifest, ("events", data_copy)),
                       (data.check_all, (data_copy,)), (data.catalog, (data_copy,))]:  # fmt: skip
        err = refused(call, *args, file="events.yml", line=None)
        assert "file not found" in str(err) and "events.csv has no manifest" in str(err)
        assert "unknown dataset" not in str(err)


def test_deleted_csv_is_reported_by_file_name(data_copy):
    (data_copy / "astana_rounds.csv").unlink()
    for call, args in [(data.load, ("astana_rounds", data_copy)),
                       (data.check_all, (data_copy,))]:  # fmt: skip
        err = refused(call, *args, file="astana_rounds.csv", line=None)
        assert "file not found" in str(err)


def test_deleted_manifest_of_a_referenced_dataset_is_named(data_copy):
    (data_copy / "actors.yml").unlink()
    err = refused(data.load, "relations", data_copy, file="actors.yml", line=None)
    assert "actors.csv has no manifest" in str(err)


def test_a_dataset_with_neither_file_is_an_unknown_name(data_copy):
    (data_copy / "glossary.yml").unlink()
    (data_copy / "glossary.csv").unlink()
    with pytest.raises(data.UnknownDatasetError, match="unknown dataset 'glossary'"):
        data.load("glossary", data_copy)
    assert "glossary" not in data.names(data_copy)


# ------------------------------------------------------------- finding 4: which rows changed


def _git(folder: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", "-c", "user.name=course", "-c", "user.email=course@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=folder, env=env, check=True,
                   capture_output=True, timeout=30)  # fmt: skip


@pytest.fixture
def tracked_copy(data_copy: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(data_copy, "init", "-q")
    _git(data_copy, "add", ".")
    _git(data_copy, "commit", "-q", "-m", "seed")
    return data_copy


def test_checksum_mismatch_lists_the_lines_that_differ_from_git_head(tracked_copy):
    first = set_cell(tracked_copy, "events", 7, "notes", "edited")
    second = set_cell(tracked_copy, "events", 30, "label", "edited too")
    err = refused(data.load, "events", tracked_copy, file="events.csv", line=first)
    assert "checksum mismatch" in str(err)
    assert "Compared with the last committed version (git HEAD)" in str(err)
    assert f"line(s) {first}, {second} differ" in str(err)
    assert "scripts/update_checksums.py events" in str(err)


def test_checksum_mismatch_names_removed_lines(tracked_copy):
    path = tracked_copy / "brent_monthly.csv"
    rows = read_rows(path)
    write_rows(path, rows[:4] + rows[5:])  # drop line 5
    err = refused(data.load, "brent_monthly", tracked_copy, file="brent_monthly.csv", line=5)
    assert "line(s) 5 of the committed file were removed" in str(err)


def test_schema_checksum_mismatch_points_at_the_edited_manifest_line(tracked_copy):
    path = tracked_copy / "brent_monthly.yml"
    replace_once(path, "  max: 200\n", "  max: 2000\n")
    err = refused(data.load, "brent_monthly", tracked_copy, file="brent_monthly.yml",
                  line=line_of(path, "schema_sha256:"), column=16)  # fmt: skip
    assert f"(git HEAD), line(s) {line_of(path, '  max: 2000')} differ" in str(err)


def test_checksum_mismatch_without_git_says_how_to_refresh(data_copy, monkeypatch):
    set_cell(data_copy, "events", 7, "notes", "edited")
    for path_env in (os.environ.get("PATH", ""), ""):  # untracked copy; then no git at all
        monkeypatch.setenv("PATH", path_env)
        err = refused(data.load, "events", data_copy, file="events.csv", line=None)
        assert "Git cannot tell which lines changed" in str(err)
        assert "python scripts/update_checksums.py events" in str(err)


# ------------------------------------------------------------- finding 5: bad arguments

BAD_DIRS = {
    "missing folder": lambda tmp: "/nonexistent",
    "a file": lambda tmp: tmp / "file.txt",
    "empty string": lambda tmp: "",
    "blank string": lambda tmp: "  ",
    "a number": lambda tmp: 3,
    "bytes": lambda tmp: b"seeds/data",
    "folder without datasets": lambda tmp: tmp / "empty",
    "folder with only a csv": lambda tmp: tmp / "orphan",
}
CALLS = {
    "names": lambda d: data.names(d),
    "check_all": lambda d: data.check_all(d),
    "catalog": lambda d: data.catalog(d),
    "update_checksums": lambda d: data.update_checksums(d),
    "update_schema_checksums": lambda d: data.update_schema_checksums(d),
    "load": lambda d: data.load("events", d),
    "manifest": lambda d: data.manifest("events", d),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("bad", sorted(BAD_DIRS))
def test_bad_data_dir_is_refused_naming_the_parameter(tmp_path, call, bad):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "orphan").mkdir()
    shutil.copy(DATA_DIR / "events.csv", tmp_path / "orphan" / "events.csv")
    with pytest.raises(ParameterError) as info:
        CALLS[call](BAD_DIRS[bad](tmp_path))
    message = str(info.value)
    assert message.startswith("data_dir must be an existing folder holding datasets")
    assert "<name>.yml manifests beside <name>.csv files" in message


@pytest.mark.parametrize("only", ["events", b"events", 3, {"events": True}, ("events", None)])
def test_only_must_be_a_list_of_dataset_names(data_copy, only):
    before = {p.name: p.read_bytes() for p in data_copy.glob("*.yml")}
    set_cell(data_copy, "events", 0, "notes", "edited")
    for update in (data.update_checksums, data.update_schema_checksums):
        with pytest.raises(ParameterError, match=r"^(only must be a list|only\[1\] must be)"):
            update(data_copy, only)
    assert {p.name: p.read_bytes() for p in data_copy.glob("*.yml")} == before


def test_unknown_name_in_only_writes_nothing(data_copy):
    before = (data_copy / "events.yml").read_bytes()
    set_cell(data_copy, "events", 0, "notes", "edited")
    with pytest.raises(data.UnknownDatasetError, match=r"unknown dataset 'e'; only\[1\] must"):
        data.update_checksums(data_copy, ["events", "e"])
    assert (data_copy / "events.yml").read_bytes() == before
    assert list(data.update_checksums(data_copy, ("events",))) == ["events"]


@pytest.mark.parametrize("name", [None, "", 3, ["events"], "Events", " events"])
def test_bad_dataset_name_lists_the_valid_names(name):
    with pytest.raises(data.UnknownDatasetError) as info:
        data.load(name)
    err = info.value
    assert isinstance(err, ParameterError) and isinstance(err, KeyError)
    assert repr(name) in str(err)
    assert "astana_rounds, brent_monthly" in str(err)
    with pytest.raises(data.UnknownDatasetError):
        data.manifest(name)


# ------------------------------------------------------------- the cache follows the files


def test_cache_follows_edits_and_reverts(data_copy):
    path = data_copy / "brent_monthly.csv"
    original = path.read_bytes()
    first = data.load("brent_monthly", data_copy)
    set_cell(data_copy, "brent_monthly", 0, "price", "54.78")  # same size, same second
    data.update_checksums(data_copy, ["brent_monthly"])
    assert data.load("brent_monthly", data_copy).loc[0, "price"] == 54.78
    path.write_bytes(original)
    with pytest.raises(data.DataValidationError, match="checksum mismatch"):
        data.load("brent_monthly", data_copy)
    data.update_checksums(data_copy, ["brent_monthly"])
    pd.testing.assert_frame_equal(data.load("brent_monthly", data_copy), first)


RULED = ["astana_participants", "astana_rounds", "brent_monthly", "china_crude_imports_russia",
         "events", "iran_crude_exports_estimates", "iran_crude_production",
         "iran_floating_storage", "relations", "sanctions_events", "sanctions_research",
         "trilateral_summits", "urals_monthly"]  # fmt: skip


@pytest.mark.parametrize("name", RULED)
def test_real_data_keeps_every_rule_its_manifest_states(name):
    man = data.manifest(name)
    assert man["rules"] and len(man["schema_sha256"]) == 64
    assert len(data.load(name)) > 0


def test_a_new_manifest_gets_its_schema_checksum_from_update_checksums(data_copy):
    path = data_copy / "jcpoa_parties.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(x for x in text.splitlines(True)
                            if not x.startswith("schema_sha256:")), encoding="utf-8")  # fmt: skip
    err = refused(data.load, "jcpoa_parties", data_copy, file="jcpoa_parties.yml", line=2,
                  column=1)  # fmt: skip
    assert "manifest has no 'schema_sha256'" in str(err)
    assert "python scripts/update_checksums.py jcpoa_parties" in str(err)
    assert list(data.update_checksums(data_copy, ["jcpoa_parties"])) == ["jcpoa_parties"]
    assert path.read_text(encoding="utf-8") == text
    assert len(data.load("jcpoa_parties", data_copy)) == 8


# ------------------------------------------------------------- what cannot be caught


def test_limit_a_swapped_valid_source_id_loads_and_is_documented(data_copy):
    set_cell(data_copy, "brent_monthly", 0, "sources", "S-C21;S-C20")
    set_cell(data_copy, "relations", 0, "sources", "S-A1")
    data.update_checksums(data_copy, ["brent_monthly", "relations"])
    assert data.load("relations", data_copy).loc[0, "sources"] == "S-A1"
    doc = " ".join(loader.__doc__.split())
    assert "A reference swapped for another *valid* id" in doc
    gaps = " ".join(data.manifest("sources", data_copy)["known_gaps"])
    assert "a swapped id) passes validation" in gaps


def test_limit_an_in_range_price_change_loads_once_restamped_and_is_documented(data_copy):
    set_cell(data_copy, "brent_monthly", 0, "price", "99.99")
    with pytest.raises(data.DataValidationError, match="checksum mismatch"):
        data.load("brent_monthly", data_copy)
    data.update_checksums(data_copy, ["brent_monthly"])
    assert data.load("brent_monthly", data_copy).loc[0, "price"] == 99.99
    doc = " ".join(loader.__doc__.split())
    assert "A value changed *within* its range" in doc
    gaps = " ".join(data.manifest("brent_monthly", data_copy)["known_gaps"])
    assert "within its range" in gaps


# ------------------------------------------------------------- scripts/update_checksums.py


def update_script():
    path = REPO_ROOT / "scripts" / "update_checksums.py"
    spec = importlib.util.spec_from_file_location("_script_update_checksums", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def test_script_refreshes_the_schema_checksum_only_when_asked(data_copy, capsys):
    path = data_copy / "brent_monthly.yml"
    replace_once(path, "  max: 200\n", "  max: 180\n")
    main = update_script()
    assert main(["brent_monthly", "--data-dir", str(data_copy)]) == 0
    assert "all checksums up to date" in capsys.readouterr().out
    refused(data.load, "brent_monthly", data_copy, file="brent_monthly.yml",
            line=line_of(path, "schema_sha256:"), column=16)  # fmt: skip
    assert main(["--schema", "brent_monthly", "--data-dir", str(data_copy)]) == 0
    assert "brent_monthly: schema_sha256 -> " in capsys.readouterr().out
    assert data.load("brent_monthly", data_copy)["price"].max() <= 180


def test_script_reports_bad_manifests_and_arguments_without_a_traceback(data_copy, capsys):
    path = data_copy / "brent_monthly.yml"
    first = line_of(path, "  max: 200")
    replace_once(path, "  max: 200\n", "  max: 200\n  max: 2000\n")
    before = path.read_bytes()
    main = update_script()
    assert main(["--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f"brent_monthly.yml, line {first + 1}, column 3: invalid YAML: duplicate key" in err
    assert path.read_bytes() == before
    assert main(["--data-dir", "/nonexistent"]) == 1
    assert "data_dir must be an existing folder" in capsys.readouterr().err
    assert main(["nope", "--data-dir", str(data_copy)]) == 1
    assert "unknown dataset 'nope'" in capsys.readouterr().err

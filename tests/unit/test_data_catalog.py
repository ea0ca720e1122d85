"""scripts/make_catalog.py and scripts/update_checksums.py."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from helpers import DATA_DIR, REPO_ROOT
from helpers import data as data


def script(name: str) -> ModuleType:
    path = REPO_ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_script_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_catalog() -> ModuleType:
    return script("make_catalog")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_committed_catalog_equals_a_fresh_generation(make_catalog):
    committed = (DATA_DIR / "CATALOG.md").read_text(encoding="utf-8")
    assert committed == make_catalog.render(DATA_DIR)
    assert make_catalog.main(["--check"]) == 0


def test_catalog_lists_every_dataset_with_its_row_count(make_catalog):
    text = make_catalog.render(DATA_DIR)
    for name in data.names():
        rows = len(data.load(name))
        sha = data.manifest(name)["sha256"][:12]
        line = next(x for x in text.splitlines() if x.startswith(f"| `{name}` |"))
        assert f"| {rows} |" in line and sha in line, name


def test_check_fails_on_a_stale_catalog(make_catalog, data_copy, capsys):
    path = data_copy / "events.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Course timeline", "title: Timeline"), encoding="utf-8")
    args = ["--data-dir", str(data_copy)]
    assert make_catalog.main(["--check", *args]) == 1
    assert "stale" in capsys.readouterr().err
    assert make_catalog.main(args) == 0
    assert make_catalog.main(["--check", *args]) == 0
    catalog = (data_copy / "CATALOG.md").read_text(encoding="utf-8")
    assert "| Timeline of dated events, 2011-2024 |" in catalog


def test_update_checksums_script_repairs_an_intentional_edit(data_copy):
    path = data_copy / "brent_monthly.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("54.77", "54.78"), encoding="utf-8")
    with pytest.raises(data.DataValidationError, match="checksum"):
        data.load("brent_monthly", data_copy)
    assert script("update_checksums").main(["--data-dir", str(data_copy)]) == 0
    assert data.load("brent_monthly", data_copy)["price"].iloc[0] == 54.78

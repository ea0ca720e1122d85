"""The architecture of ``helpers``, checked from the source: layers, pure models, one registry."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import DATA_DIR, REPO_ROOT, data
from helpers.data import actors
from helpers.text import gazetteer as gz

HELPERS = REPO_ROOT / "helpers"
#: Layer of each top-level part of ``helpers``: a module may import only its own layer or lower.
LAYERS = {"checks": 0, "data": 1, "text": 2, "models": 3, "plots": 4, "views": 5, "exercises": 6}
#: What a model may never import (pure numpy/pandas: no drawing, no widgets, no file reading).
MODEL_FORBIDDEN = ("matplotlib", "ipywidgets", "IPython", "helpers.data", "helpers.plots",
                   "helpers.views", "yaml", "pathlib", "io", "csv")


def _modules() -> list[Path]:
    return sorted(p for p in HELPERS.rglob("*.py"))


def _layer_of(path: Path) -> str | None:
    rel = path.relative_to(HELPERS).parts
    name = rel[0].removesuffix(".py")
    return name if name in LAYERS else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
            if node.module == "helpers":  # from helpers import data, text ...
                out += [f"helpers.{a.name}" for a in node.names]
    return out


def layer_violations(path: Path, imports: list[str]) -> list[str]:
    """Imports of ``path`` that reach a higher layer (or, for a model, anything impure)."""
    own = _layer_of(path)
    if own is None:
        return []
    bad = []
    for mod in imports:
        parts = mod.split(".")
        if parts[0] == "helpers" and len(parts) > 1 and parts[1] in LAYERS \
                and LAYERS[parts[1]] > LAYERS[own]:
            bad.append(mod)
        if own == "models" and any(mod == f or mod.startswith(f + ".") for f in MODEL_FORBIDDEN):
            bad.append(mod)
    return bad


def test_the_layers_are_folders():
    for layer in ("data", "text", "models", "plots", "views", "exercises"):
        assert (HELPERS / layer / "__init__.py").is_file(), layer
    flat = sorted(p.name for p in HELPERS.glob("*.py"))
    assert flat == ["__init__.py", "checks.py"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(HELPERS)))
def test_each_module_imports_only_its_layer_or_lower(path):
    assert layer_violations(path, _imports(path)) == []


def test_the_layer_check_can_fail():
    model = HELPERS / "models" / "balance.py"
    assert layer_violations(model, ["matplotlib.pyplot"]) == ["matplotlib.pyplot"]
    assert layer_violations(model, ["helpers.data"]) == ["helpers.data"]
    assert layer_violations(HELPERS / "data" / "loader.py", ["helpers.views"]) == ["helpers.views"]


# ------------------------------------------------------------------------- one actor registry


def _ids_in_datasets() -> dict[str, set[str]]:
    """Actor ids used by every dataset, found from the manifests' references to actors."""
    found: dict[str, set[str]] = {}
    for name in data.names():
        for col in data.manifest(name)["schema"]:
            ref = col.get("references") or {}
            if ref.get("dataset") == "actors":
                sep = col.get("separator")
                values = data.load(name)[col["name"]].dropna()
                ids = {v for cell in values for v in (cell.split(sep) if sep else [cell]) if v}
                found.setdefault(name, set()).update(ids)
    return found


def test_every_actor_id_in_the_data_and_the_gazetteer_has_a_row():
    known = set(actors.registry())
    used = _ids_in_datasets()
    assert {"relations", "events", "article_gold_mentions"} <= set(used)
    for name, ids in used.items():
        assert ids <= known, f"{name}: ids without a registry row: {sorted(ids - known)}"
    assert set(gz.gazetteer()["actor_id"]) <= known
    assert {p[1] for p in gz.PEOPLE.values()} <= known


def test_the_registry_is_the_csv():
    frame = data.load("actors")
    reg = actors.registry()
    assert list(reg) == list(frame.sort_values("order")["actor_id"])
    for row in frame.itertuples():
        a = reg[row.actor_id]
        assert (a.name, a.short_name, a.colour, a.marker) == (
            row.name, row.short_name, row.colour, row.marker)
        assert actors.actor_name(row.actor_id) == row.name


def test_no_other_file_lists_actors():
    """No module of helpers spells out actor names next to ids (the registry's job)."""
    names = [a.name for a in actors.registry().values() if len(a.name) > 4]
    pattern = re.compile(r'"([A-Z]{2,4})"\s*:\s*\(?\s*"(' + "|".join(map(re.escape, names)) + ')"')
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        assert not pattern.search(text), f"{path.name} lists actors itself"
    assert (DATA_DIR / "actors.csv").is_file()

"""environment.yml (conda/Binder) and requirements.txt (pip) must list the same pinned packages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(root: Path = ROOT) -> dict[str, str]:
    pins = {}
    for line in (root / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([A-Za-z0-9_.+-]+)", line)
        assert m, f"requirements.txt: every line must be an exact pin, got {line!r}"
        pins[_norm(m.group(1))] = m.group(2)
    return pins


def environment(root: Path = ROOT) -> dict[str, str]:
    env = yaml.safe_load((root / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pins = {}
    for dep in env["dependencies"]:
        specs = dep["pip"] if isinstance(dep, dict) else [dep]
        for spec in specs:
            m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(?:==?)\s*([A-Za-z0-9_.+*-]+)", spec)
            if spec in ("pip",):
                continue
            assert m, f"environment.yml: every package must be pinned, got {spec!r}"
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def test_same_packages_and_versions():
    env = environment()
    python = env.pop("python")
    assert python == "3.11"
    assert env == requirements()


def test_constraints_agree_with_requirements():
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    cons = {_norm(a): b for a, b in (ln.split("==") for ln in lines if "==" in ln)}
    for name, version in requirements().items():
        assert cons.get(name) == version, f"constraints.txt pins {name}=={cons.get(name)}"


def test_a_drift_is_detected(tmp_path):
    """The comparison itself can fail: bump one pin in a copy and check the sets differ."""
    text = (ROOT / "environment.yml").read_text().replace("pandas=", "pandas=0.0.", 1)
    (tmp_path / "environment.yml").write_text(text)
    env = environment(tmp_path)
    env.pop("python")
    assert env != requirements()
    assert env["pandas"].startswith("0.0.")

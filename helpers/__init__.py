"""Shared helpers for the *Putin in Tehran, July 2022* teaching notebooks.

Importing this package has no side effects: it sets no matplotlib state and reads no files.
Sub-modules are imported explicitly, e.g. ``from helpers import data, style, views``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "REPO_ROOT", "SEEDS_DIR", "__version__"]

__version__ = "0.1.0"

#: Root of the course repository (the folder holding ``seeds/`` and ``notebooks/``).
REPO_ROOT: Path = Path(__file__).resolve().parent.parent
#: Folder with the seed article and its metadata.
SEEDS_DIR: Path = REPO_ROOT / "seeds"
#: Folder with the sourced datasets and their manifests.
DATA_DIR: Path = SEEDS_DIR / "data"

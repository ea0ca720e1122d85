"""Refresh the sha256 of each dataset manifest after an intentional CSV edit.

Usage::

    python scripts/update_checksums.py             # every dataset in seeds/data
    python scripts/update_checksums.py events      # only some datasets
    python scripts/update_checksums.py --data-dir DIR

Only the ``sha256:`` line of a manifest is rewritten. Run ``python scripts/make_catalog.py``
afterwards: the catalog shows a checksum prefix and row counts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from helpers import data as data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="datasets to update (default: all)")
    parser.add_argument("--data-dir", default=None, help="folder with the CSV files and manifests")
    args = parser.parse_args(argv)
    changed = data.update_checksums(args.data_dir, args.names or None)
    for name, digest in changed.items():
        print(f"{name}: sha256 -> {digest}")
    if not changed:
        print("all checksums up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())

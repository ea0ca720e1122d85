"""Refresh the checksums of dataset manifests after an intentional, reviewed edit.

Usage::

    python scripts/update_checksums.py             # sha256 of every dataset in seeds/data
    python scripts/update_checksums.py events      # only some datasets
    python scripts/update_checksums.py --schema events   # also schema_sha256 (see below)
    python scripts/update_checksums.py --data-dir DIR

By default only the ``sha256:`` line of a manifest (the checksum of its CSV file) is rewritten.
``schema_sha256`` (the checksum of the manifest's ``schema``, ``primary_key`` and ``rules``) is
refreshed only with ``--schema``, after a reviewed edit of those: re-stamping the data must not
silently accept a loosened bound or a removed rule. Run ``python scripts/make_catalog.py``
afterwards: the catalog shows a checksum prefix and row counts.

Exit status: 0 on success, 1 when a manifest is invalid or an argument is wrong (the message
names the file, line and column); nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from helpers import data as data
from helpers.checks import ParameterError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="datasets to update (default: all)")
    parser.add_argument("--data-dir", default=None, help="folder with the CSV files and manifests")
    parser.add_argument(
        "--schema",
        action="store_true",
        help="also refresh schema_sha256 (only after reviewing an edit of a schema or rule)",
    )
    args = parser.parse_args(argv)
    only = args.names or None
    try:
        schema_changed = data.update_schema_checksums(args.data_dir, only) if args.schema else {}
        changed = data.update_checksums(args.data_dir, only)
    except (data.DataValidationError, ParameterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, digest in schema_changed.items():
        print(f"{name}: schema_sha256 -> {digest}")
    for name, digest in changed.items():
        print(f"{name}: sha256 -> {digest}")
    if not changed and not schema_changed:
        print("all checksums up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())

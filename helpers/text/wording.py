"""Small helpers that put numbers and lists into English for captions and text alternatives."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
]


def _and(items: Sequence[str]) -> str:
    """Join words as English does: "a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, noun: str) -> str:
    """``"1 link"``, ``"2 links"``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

"""The course's one actor registry, read from ``seeds/data/actors.csv``.

Every actor's id, display name, short name, kind, canonical order, place on the network circle,
colour and marker live in that one file; the gazetteer, the palette, the network drawings and the
views read them from here. Nothing is read at import: the first call loads (and validates) the
CSV through :func:`helpers.data.load`, and the result is cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.checks import ParameterError, check_ids, check_str
from helpers.data.loader import load

__all__ = ["Actor", "actor", "actor_name", "actors_table", "ordered", "registry", "ring_order",
           "short_name"]


@dataclass(frozen=True)
class Actor:
    """One actor as the whole course shows it.

    Attributes
    ----------
    actor_id : str
        Id shared by every dataset (``RUS``, ``IRN``, …).
    name, short_name : str
        Display name and the shorter label of crowded figures.
    kind : str
        ``state``, ``organisation``, ``non_state`` or ``article_term``.
    order : int
        Canonical rank (lists, legends, gazetteer order).
    ring : int or None
        Position on the network circle (clockwise from the top), or None.
    colour, marker : str
        Hex colour and matplotlib marker.
    in_article : bool
        Whether the seed article names the actor.
    """

    actor_id: str
    name: str
    short_name: str
    kind: str
    order: int
    ring: int | None
    colour: str
    marker: str
    in_article: bool


@lru_cache(maxsize=1)
def _registry() -> dict[str, Actor]:
    frame = load("actors").sort_values("order")
    return {
        r.actor_id: Actor(r.actor_id, r.name, r.short_name, r.kind, int(r.order),
                          None if pd.isna(r.ring) else int(r.ring), r.colour, r.marker,
                          bool(r.in_article))
        for r in frame.itertuples(index=False)
    }


def registry() -> dict[str, Actor]:
    """Return every actor, keyed by id, in canonical order (a fresh dict each call).

    Returns
    -------
    dict of str to Actor

    Examples
    --------
    >>> list(registry())[:4]
    ['RUS', 'IRN', 'TUR', 'USA']
    """
    return dict(_registry())


def actor(actor_id: str) -> Actor:
    """Return one actor; an unknown id raises, listing the known ids.

    Parameters
    ----------
    actor_id : str
        An id such as ``"TUR"``.

    Returns
    -------
    Actor

    Raises
    ------
    ParameterError
        If ``actor_id`` is not in ``seeds/data/actors.csv``.
    """
    reg = _registry()
    if not isinstance(actor_id, str) or actor_id not in reg:
        raise ParameterError(f"actor_id must be one of the ids of actors.csv "
                             f"({', '.join(sorted(reg))}), got {actor_id!r}")
    return reg[actor_id]


def actor_name(actor_id: str) -> str:
    """Return an actor's display name, or the id itself for an id not in the registry.

    Examples
    --------
    >>> actor_name("TUR"), actor_name("XYZ")
    ('Turkey', 'XYZ')

    Raises
    ------
    ParameterError
        If ``actor_id`` is not a non-empty str.
    """
    return _field(actor_id, "name")


def short_name(actor_id: str) -> str:
    """Return an actor's short label (its name where no shorter one is set), or the id.

    Examples
    --------
    >>> short_name("GBR"), short_name("IRN")
    ('UK', 'Iran')

    Raises
    ------
    ParameterError
        If ``actor_id`` is not a non-empty str.
    """
    return _field(actor_id, "short_name")


def _field(actor_id: str, field: str) -> str:
    """One text field of an actor, or the id itself for an id not in the registry."""
    found = _registry().get(check_str("actor_id", actor_id))
    return actor_id if found is None else getattr(found, field)


def ordered(actor_ids: Iterable[str]) -> list[str]:
    """Sort distinct ids in canonical order; ids not in the registry follow alphabetically.

    Examples
    --------
    >>> ordered(["USA", "ZZZ", "RUS"])
    ['RUS', 'USA', 'ZZZ']

    Raises
    ------
    ParameterError
        If ``actor_ids`` is a single str, a mapping, or holds anything but non-empty strs.
    """
    return _sorted_ids(actor_ids, lambda a: a.order)


def ring_order(actor_ids: Iterable[str]) -> list[str]:
    """Sort distinct ids by their place on the network circle; others follow alphabetically.

    Examples
    --------
    >>> ring_order(["USA", "IRN", "RUS"])
    ['RUS', 'IRN', 'USA']

    Raises
    ------
    ParameterError
        If ``actor_ids`` is a single str, a mapping, or holds anything but non-empty strs.
    """
    return _sorted_ids(actor_ids, lambda a: a.ring)


def _sorted_ids(actor_ids: Iterable[str], place: Callable[[Actor], int | None]) -> list[str]:
    """Distinct ids sorted by ``place`` of their registry row; others follow alphabetically."""
    ids = check_ids("actor_ids", actor_ids)
    reg = _registry()
    last = len(reg) + 1

    def rank(a: str) -> tuple[int, str]:
        found = place(reg[a]) if a in reg else None
        return (last if found is None else found, a)

    return sorted(set(ids), key=rank)


def actors_table() -> pd.DataFrame:
    """Return the registry as a table (id, name, short name, kind), a key to the actor codes.

    Returns
    -------
    pandas.DataFrame
    """
    return pd.DataFrame([(a.actor_id, a.name, a.short_name, a.kind) for a in _registry().values()],
                        columns=["actor_id", "name", "short_name", "kind"])

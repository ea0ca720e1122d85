"""A small, transparent gazetteer of the actors in the seed article.

The gazetteer is *data*: one row per alias, saying which actor (and, for people, which person)
the alias stands for and what kind of mention it is.  Students are meant to read it, find what
it misses and extend it (see :func:`extend_gazetteer`).  Matching rules live in
:mod:`helpers.text`; this module only holds the tables and compiles them to patterns.

Actor ids are shared with the data team's ``actors.csv`` and the plotting palette.

Mention types
-------------
``name``
    A proper name of a state, bloc, organisation or person ("Russia", "Ned Price").
``demonym``
    A demonym or adjective ("Russian", "Iranian", "western").
``capital_metonymy``
    A capital city standing for its state ("Moscow", "Tehran", "Washington").  The gazetteer
    cannot tell a literal place ("journalists in Moscow") from metonymy; both map to the state.
``institution_metonymy``
    An institution standing for its state ("the Kremlin", "Iran's Ministry of Foreign Affairs").
``role_description``
    A description that identifies an actor or a person ("the Kremlin chief" = Putin,
    "Arab regimes" = the Gulf Arab states, "Western nations" = the West).
``place``
    A region that stands for a group of states ("the Gulf").

Pronouns ("they", "she", "it") and group descriptions ("the two leaders") are *not* handled:
they need context, not a lookup table.

Examples
--------
>>> from helpers.text import gazetteer as gz
>>> g = gz.gazetteer()
>>> g.loc[g["alias"] == "Kremlin chief", ["actor_id", "person"]].iloc[0].tolist()
['RUS', 'putin']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers import data
from helpers.checks import ParameterError
from helpers.data import actors

__all__ = [
    "GAZETTEER_COLUMNS",
    "MENTION_TYPES",
    "PEOPLE",
    "CompiledAlias",
    "compile_gazetteer",
    "extend_gazetteer",
    "gazetteer",
    "people_frame",
    "validate_gazetteer",
]

class _People(Mapping[str, tuple[str, str, str]]):
    """Person id -> (name, actor id, role in July 2022), read from ``seeds/data/people.csv``.

    Read on first use (not at import) and cached; the roles cite their sources in that file.
    """

    @staticmethod
    @lru_cache(maxsize=1)
    def _rows() -> dict[str, tuple[str, str, str]]:
        frame = data.load("people")
        return {r.person: (r.name, r.actor_id, r.role) for r in frame.itertuples(index=False)}

    def __getitem__(self, person: str) -> tuple[str, str, str]:
        return self._rows()[person]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows())

    def __len__(self) -> int:
        return len(self._rows())


#: Person id -> (name, actor id, role in July 2022); see :class:`_People`.
PEOPLE: Mapping[str, tuple[str, str, str]] = _People()

#: Allowed values of the ``mention_type`` column.
MENTION_TYPES: tuple[str, ...] = (
    "name",
    "demonym",
    "capital_metonymy",
    "institution_metonymy",
    "role_description",
    "place",
)

#: Columns of a gazetteer table, in order.
GAZETTEER_COLUMNS: tuple[str, ...] = (
    "alias",
    "actor_id",
    "person",
    "mention_type",
    "case_sensitive",
    "note",
)

# alias, actor_id, person ("" = none), mention_type, case_sensitive, note
_ROWS: tuple[tuple[str, str, str, str, bool, str], ...] = (
    # --- Russia
    ("Russia", "RUS", "", "name", True, ""),
    ("Russian Federation", "RUS", "", "name", True, ""),
    ("Russian", "RUS", "", "demonym", True, ""),
    ("Russians", "RUS", "", "demonym", True, ""),
    ("Moscow", "RUS", "", "capital_metonymy", True, "also the literal city"),
    ("the Kremlin", "RUS", "", "institution_metonymy", True, "the presidency"),
    ("Kremlin", "RUS", "", "institution_metonymy", True, "also 'Kremlin.ru' photo credits"),
    ("Kremlin chief", "RUS", "putin", "role_description", False, "'Kremlin Chief' too"),
    ("Vladimir Putin", "RUS", "putin", "name", True, ""),
    ("Putin", "RUS", "putin", "name", True, ""),
    ("Dmitry Peskov", "RUS", "peskov", "name", True, ""),
    ("Peskov", "RUS", "peskov", "name", True, ""),
    ("Yuri Ushakov", "RUS", "ushakov", "name", True, ""),
    ("Ushakov", "RUS", "ushakov", "name", True, ""),
    # --- Iran
    ("Iran", "IRN", "", "name", True, ""),
    ("Islamic Republic", "IRN", "", "name", True, ""),
    ("Iranian", "IRN", "", "demonym", True, ""),
    ("Iranians", "IRN", "", "demonym", True, ""),
    ("Tehran", "IRN", "", "capital_metonymy", True, "also the literal city"),
    ("Iran's Ministry of Foreign Affairs", "IRN", "", "institution_metonymy", True, ""),
    ("Iranian Foreign Ministry", "IRN", "", "institution_metonymy", True, ""),
    ("Ayatollah Ali Khamenei", "IRN", "khamenei", "name", True, ""),
    ("Ali Khamenei", "IRN", "khamenei", "name", True, ""),
    ("Khamenei", "IRN", "khamenei", "name", True, "'Tehran's Khamenei' is the person"),
    ("Supreme Leader", "IRN", "khamenei", "role_description", True, ""),
    ("Ebrahim Raisi", "IRN", "raisi", "name", True, ""),
    ("Raisi", "IRN", "raisi", "name", True, ""),
    ("Hassan Rouhani", "IRN", "rouhani", "name", True, "president until Aug 2021"),
    ("Rouhani", "IRN", "rouhani", "name", True, ""),
    # --- Turkey
    ("Turkey", "TUR", "", "name", True, ""),
    ("Türkiye", "TUR", "", "name", True, ""),
    ("Turkish", "TUR", "", "demonym", True, ""),
    ("Ankara", "TUR", "", "capital_metonymy", True, ""),
    ("Recep Tayyip Erdogan", "TUR", "erdogan", "name", True, ""),
    ("Erdogan", "TUR", "erdogan", "name", True, ""),
    ("Erdoğan", "TUR", "erdogan", "name", True, ""),
    # --- United States
    ("United States", "USA", "", "name", True, ""),
    ("US", "USA", "", "name", True, ""),
    ("U.S.", "USA", "", "name", True, ""),
    ("USA", "USA", "", "name", True, ""),
    ("American", "USA", "", "demonym", True, ""),
    ("Washington", "USA", "", "capital_metonymy", True, ""),
    ("White House", "USA", "", "institution_metonymy", True, ""),
    ("State Department", "USA", "", "institution_metonymy", True, ""),
    ("US Department of State", "USA", "", "institution_metonymy", True, ""),
    ("Department of State", "USA", "", "institution_metonymy", True, ""),
    ("Joe Biden", "USA", "biden", "name", True, ""),
    ("Biden", "USA", "biden", "name", True, ""),
    ("Donald Trump", "USA", "trump", "name", True, ""),
    ("Trump", "USA", "trump", "name", True, ""),
    ("Ned Price", "USA", "price", "name", True, ""),
    ("Price", "USA", "price", "name", True, "capital P only: 'price' is a noun"),
    # --- China
    ("China", "CHN", "", "name", True, ""),
    ("Chinese", "CHN", "", "demonym", True, ""),
    ("Beijing", "CHN", "", "capital_metonymy", True, ""),
    # --- Israel, Saudi Arabia, the Gulf
    ("Israel", "ISR", "", "name", True, ""),
    ("Israeli", "ISR", "", "demonym", True, ""),
    ("Saudi Arabia", "SAU", "", "name", True, ""),
    ("Saudi", "SAU", "", "demonym", True, ""),
    ("Riyadh", "SAU", "", "capital_metonymy", True, ""),
    ("Arab regimes", "GULF", "", "role_description", True, ""),
    ("Gulf Arab states", "GULF", "", "name", True, ""),
    ("Gulf states", "GULF", "", "name", True, ""),
    ("Gulf", "GULF", "", "place", True, "'across the Gulf'"),
    # --- Syria
    ("Syria", "SYR", "", "name", True, "the state; 'northern Syria' too"),
    ("Syrian", "SYR", "", "demonym", True, ""),
    ("Damascus", "SYR", "", "capital_metonymy", True, ""),
    ("Bashar al-Assad", "SYR", "assad", "name", True, ""),
    ("Assad", "SYR", "assad", "name", True, ""),
    ("Syrian opposition", "SOP", "", "name", True, ""),
    # --- Ukraine, Europe, UN, others
    ("Ukraine", "UKR", "", "name", True, ""),
    ("Ukrainian", "UKR", "", "demonym", True, ""),
    ("Kyiv", "UKR", "", "capital_metonymy", True, ""),
    ("European Union", "EU", "", "name", True, ""),
    ("EU", "EU", "", "name", True, ""),
    ("Brussels", "EU", "", "capital_metonymy", True, ""),
    ("United Nations", "UN", "", "name", True, ""),
    ("UN", "UN", "", "name", True, ""),
    ("U.N.", "UN", "", "name", True, ""),
    ("India", "IND", "", "name", True, ""),
    ("Indian", "IND", "", "demonym", True, ""),
    ("New Delhi", "IND", "", "capital_metonymy", True, ""),
    ("Jordan", "JOR", "", "name", True, "Astana observer"),
    ("Amman", "JOR", "", "capital_metonymy", True, ""),
    ("Iraq", "IRQ", "", "name", True, "Astana observer"),
    ("Baghdad", "IRQ", "", "capital_metonymy", True, ""),
    ("Lebanon", "LBN", "", "name", True, "Astana observer"),
    ("Beirut", "LBN", "", "capital_metonymy", True, ""),
    ("United Kingdom", "GBR", "", "name", True, "JCPOA signatory"),
    ("UK", "GBR", "", "name", True, ""),
    ("Britain", "GBR", "", "name", True, ""),
    ("British", "GBR", "", "demonym", True, ""),
    ("London", "GBR", "", "capital_metonymy", True, ""),
    ("France", "FRA", "", "name", True, "JCPOA signatory"),
    ("French", "FRA", "", "demonym", True, ""),
    ("Paris", "FRA", "", "capital_metonymy", True, ""),
    ("Germany", "DEU", "", "name", True, "JCPOA signatory"),
    ("German", "DEU", "", "demonym", True, ""),
    ("Berlin", "DEU", "", "capital_metonymy", True, ""),
    # --- the West
    ("the West", "WEST", "", "name", True, ""),
    ("West", "WEST", "", "name", True, "'Anti-West Move'; beware 'West Bank'"),
    ("anti-west", "WEST", "", "name", False, "scare-quoted label"),
    ("Western nations", "WEST", "", "role_description", False, ""),
    ("western", "WEST", "", "demonym", False, "'western-imposed'"),
)


@dataclass(frozen=True)
class CompiledAlias:
    """One gazetteer row compiled to a regular expression.

    Attributes
    ----------
    pattern : re.Pattern
        Word-bounded pattern; any whitespace in the alias matches any whitespace run, and a
        straight or typographic apostrophe matches either.
    alias, actor_id, person, mention_type : str or None
        Copied from the gazetteer row (``person`` is None for non-persons).
    row : int
        Position of the row in the gazetteer; earlier rows win ties.
    """

    pattern: re.Pattern[str]
    alias: str
    actor_id: str
    person: str | None
    mention_type: str
    row: int


def gazetteer() -> pd.DataFrame:
    """Return the built-in gazetteer as a table (a fresh copy each call).

    Returns
    -------
    pandas.DataFrame
        Columns ``alias``, ``actor_id``, ``person`` (None if not a person), ``mention_type``,
        ``case_sensitive`` and ``note``; one row per alias.
    """
    frame = pd.DataFrame(list(_ROWS), columns=list(GAZETTEER_COLUMNS), dtype=object)
    frame["person"] = pd.Series([p or None for p in frame["person"]], dtype=object)
    frame["case_sensitive"] = frame["case_sensitive"].astype(bool)
    return frame


def people_frame() -> pd.DataFrame:
    """Return the people table (``person``, ``name``, ``actor_id``, ``role``, ``sources``).

    Returns
    -------
    pandas.DataFrame
        One row per person id; ``actor_id`` is the person's state; ``sources`` are the ids of
        ``seeds/data/sources.csv`` that state the role.
    """
    frame = data.load("people")
    return pd.DataFrame({c: frame[c].astype(object).to_numpy()
                         for c in ("person", "name", "actor_id", "role", "sources")})


def validate_gazetteer(table: pd.DataFrame) -> pd.DataFrame:
    """Check a gazetteer table and return a normalised copy.

    Parameters
    ----------
    table : pandas.DataFrame
        Needs ``alias``, ``actor_id`` and ``mention_type``; ``person`` (default None),
        ``case_sensitive`` (default True) and ``note`` (default "") are filled in if missing.

    Returns
    -------
    pandas.DataFrame
        The table with all :data:`GAZETTEER_COLUMNS`, in that order, index reset.

    Raises
    ------
    ParameterError
        (a ValueError) On a missing column, an empty alias, an unknown actor id, person or
        mention type, a person whose state differs from the row's actor id, or a
        ``case_sensitive`` cell that is not True or False. The message names ``table``.
    """
    return _validate(table, "table")


def _validate(table: object, label: str) -> pd.DataFrame:
    """:func:`validate_gazetteer`, with errors naming the parameter ``label``."""
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{label} must be a gazetteer table (a pandas DataFrame with "
                             f"columns alias, actor_id, mention_type), got "
                             f"{type(table).__name__}")
    missing = {"alias", "actor_id", "mention_type"} - set(table.columns)
    if missing:
        raise ParameterError(f"{label}: gazetteer lacks column(s) {sorted(missing)}")
    out = table.copy().reset_index(drop=True)
    if "person" not in out:
        out["person"] = None
    if "case_sensitive" not in out:
        out["case_sensitive"] = True
    if "note" not in out:
        out["note"] = ""
    persons = [None if p is None or (isinstance(p, float) and pd.isna(p)) or p is pd.NA
               or p == "" else p for p in out["person"]]
    out["person"] = pd.Series(persons, index=out.index, dtype=object)
    for i, flag in enumerate(out["case_sensitive"]):
        if not isinstance(flag, bool | np.bool_):
            raise ParameterError(f"{label} row {i}: case_sensitive must be True or False, got "
                                 f"{flag!r}")
    out["case_sensitive"] = out["case_sensitive"].astype(bool)
    known = actors.registry()
    for i, row in out.iterrows():
        _check_row(i, row, label, known)
    return out[list(GAZETTEER_COLUMNS)]


def _check_row(i: object, row: pd.Series, label: str, known: Mapping[str, object]) -> None:
    """Raise ParameterError (naming ``label``) if one gazetteer row is inconsistent."""
    where = f"{label} row {i}"
    if not isinstance(row["alias"], str) or not row["alias"].strip():
        raise ParameterError(f"{where}: empty alias (alias must be a non-empty str), got "
                             f"{row['alias']!r}")
    if not isinstance(row["actor_id"], str) or row["actor_id"] not in known:
        raise ParameterError(f"{where}: unknown actor_id {row['actor_id']!r} (not in actors.csv)")
    if not isinstance(row["mention_type"], str) or row["mention_type"] not in MENTION_TYPES:
        raise ParameterError(f"{where}: unknown mention_type {row['mention_type']!r}; "
                             f"mention_type must be one of {list(MENTION_TYPES)}")
    person = row["person"]
    if person is not None:
        if not isinstance(person, str) or person not in PEOPLE:
            raise ParameterError(f"{where}: unknown person {person!r}; person must be None or "
                                 f"one of {sorted(PEOPLE)}")
        if PEOPLE[person][1] != row["actor_id"]:
            raise ParameterError(f"{where}: {person} belongs to {PEOPLE[person][1]}")


def extend_gazetteer(
    rows: Iterable[Mapping[str, object]] | pd.DataFrame,
    base: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return a gazetteer with extra alias rows appended (the base is not modified).

    Parameters
    ----------
    rows : iterable of mappings or pandas.DataFrame
        New rows with at least ``alias``, ``actor_id`` and ``mention_type``.
    base : pandas.DataFrame, optional
        The gazetteer to extend; defaults to :func:`gazetteer`.

    Returns
    -------
    pandas.DataFrame
        The validated, concatenated table.

    Raises
    ------
    ParameterError
        If ``rows`` is not a list of mappings (or a DataFrame), or a row is invalid (see
        :func:`validate_gazetteer`); if ``base`` is not a valid gazetteer.

    Examples
    --------
    >>> g = extend_gazetteer([{"alias": "the opposition", "actor_id": "SOP",
    ...                        "mention_type": "role_description"}])
    >>> len(g) == len(gazetteer()) + 1
    True
    """
    base = gazetteer() if base is None else _validate(base, "base")
    if isinstance(rows, pd.DataFrame):
        extra = rows
    else:
        if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
            raise ParameterError(f"rows must be a list of mappings (alias, actor_id, "
                                 f"mention_type, ...) or a DataFrame, got {rows!r}")
        listed = list(rows)
        for i, row in enumerate(listed):
            if not isinstance(row, Mapping):
                raise ParameterError(f"rows[{i}] must be a mapping (alias, actor_id, "
                                     f"mention_type, ...), got {row!r}")
        extra = pd.DataFrame(listed)
    extra = _validate(extra, "rows")
    return _validate(pd.concat([base, extra], ignore_index=True), "rows")


def _alias_regex(alias: str, case_sensitive: bool) -> re.Pattern[str]:
    """Compile one alias to a word-bounded regular expression."""
    parts = []
    for token in re.split(r"(\s+|['’])", alias.strip()):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
        elif token in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(token))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", flags)


def compile_gazetteer(table: pd.DataFrame | None = None) -> list[CompiledAlias]:
    """Compile a gazetteer to patterns, longest alias first.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        A gazetteer table; defaults to :func:`gazetteer`.

    Returns
    -------
    list of CompiledAlias
        Sorted by decreasing alias length, then by row order.
    """
    return _compile(table, "table")


def _compile(table: pd.DataFrame | None, label: str) -> list[CompiledAlias]:
    """:func:`compile_gazetteer`, with errors naming the parameter ``label``."""
    table = _validate(gazetteer() if table is None else table, label)
    compiled = [
        CompiledAlias(
            pattern=_alias_regex(r.alias, bool(r.case_sensitive)),
            alias=r.alias,
            actor_id=r.actor_id,
            person=r.person,
            mention_type=r.mention_type,
            row=i,
        )
        for i, r in enumerate(table.itertuples(index=False))
    ]
    return sorted(compiled, key=lambda c: (-len(c.alias), c.row))

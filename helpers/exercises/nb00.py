"""Self-checks for notebook 00 (start here): a paragraph search, a gap in days, a source's date.

Each check recomputes its answer from the seed article (:mod:`helpers.text`) and the course data
(``events``, ``sources``), so a change in the data changes what is accepted; none stores the
answer.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from helpers import data, text
from helpers.exercises import Verdict, fail, no_answer, ok

__all__ = ["CASES", "WORD_EX1", "check_1", "check_2", "check_3"]

#: The word exercise 1 looks for in the article.
WORD_EX1 = "Astana"
#: The events of exercises 2 and 3 (labels in ``events.csv``).
BIDEN_TRIP = "Biden in Israel and Saudi Arabia"
SUMMIT = "Tehran summit"
FIRST_ROUND = "First Astana round"


def _whole_number(answer: Any) -> int | None:
    """Return the answer as an int when it is a whole number (not a bool), else None.

    An integral float such as ``12.0`` counts; NaN (a missing value) and the infinities do not.
    """
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return None
    if isinstance(answer, numbers.Integral):
        return int(answer)
    try:
        x = float(answer)
    except OverflowError:  # e.g. a Fraction too large for a float
        return None
    return int(x) if math.isfinite(x) and x.is_integer() else None


def _is_nan(answer: Any) -> bool:
    """Whether the answer is a single NaN (what a subtraction involving a missing date gives)."""
    return isinstance(answer, numbers.Real) and not isinstance(answer, numbers.Integral) \
        and math.isnan(answer)


def _events() -> pd.DataFrame:
    return data.load("events").set_index("label")


# ------------------------------------------------------------------------------ exercise 1


def _paragraphs_with(word: str) -> list[int]:
    """Numbers of the paragraphs whose text contains ``word`` (case-sensitive, as pandas)."""
    paragraphs = text.paragraphs_frame()
    return paragraphs.loc[paragraphs["text"].str.contains(word), "number"].tolist()


def _as_numbers(answer: Any) -> list[int] | None:
    """Return a list, tuple, set, Series or array of whole numbers as a list of ints."""
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
        answer = answer.tolist()  # a 0-d array gives its one value
    if not isinstance(answer, (list, tuple, set)):
        one = _whole_number(answer)
        return None if one is None else [one]
    out = [_whole_number(a) for a in answer]
    return None if any(a is None for a in out) else sorted(out)


def check_1(answer: Any) -> Verdict:
    """Exercise 1: the numbers of the paragraphs that mention "Astana"."""
    name = "Exercise 1"
    if answer is None:
        return no_answer(name)
    got = _as_numbers(answer)
    if got is None:
        return fail(name, "give a list of paragraph numbers such as [1, 2] (whole numbers, not "
                          "text): `.tolist()` turns the selected `number` column into one.")
    expected = _paragraphs_with(WORD_EX1)
    if got == expected:
        return ok(name, "your answer holds. Read the paragraph again: who speaks of the format, "
                        "the article itself or someone it quotes?")
    if not got:
        return fail(name, "an empty list: `.str.contains` is case-sensitive, so write the word "
                          "exactly as the article spells it, with a capital letter.")
    if got == [n - 1 for n in expected]:
        return fail(name, "those look like row positions of the table (its index starts at 0); "
                          "take the `number` column, which the article view shows as ¶.")
    if set(expected) < set(got):
        return fail(name, "your list has paragraphs that do not contain the word; keep only the "
                          "rows where `paragraphs[\"text\"].str.contains(...)` is True.")
    return fail(name, "select the rows of `paragraphs` whose `text` contains the word (a mask, "
                      "as in the tools cell), then take their `number` column as a list.")


# ------------------------------------------------------------------------------ exercise 2


def _ex2_inputs() -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    """Return the Biden trip's first and last day, and the date of the Tehran summit."""
    ev = _events()
    return (ev.loc[BIDEN_TRIP, "date"], ev.loc[BIDEN_TRIP, "end_date"], ev.loc[SUMMIT, "date"])


def check_2(answer: Any) -> Verdict:
    """Exercise 2: days from the last day of Biden's Middle East trip to the Tehran summit."""
    name = "Exercise 2"
    if answer is None:
        return no_answer(name)
    if isinstance(answer, pd.Timedelta):
        return fail(name, "that is a time difference (a Timedelta); add `.days` to turn it into "
                          "a whole number of days, as in section 5.")
    if _is_nan(answer):
        return fail(name, "the answer is NaN, a missing value (a date minus a missing date, "
                          "NaT, gives one): the answer should be one whole number of days (an "
                          "int such as 12), so check that both dates you subtract are there.")
    x = _whole_number(answer)
    if x is None:
        return fail(name, "the answer should be one whole number of days (an int such as 12), "
                          f"not {type(answer).__name__}.")
    start, end, summit = _ex2_inputs()
    gap = (summit - end).days
    if x == gap:
        return ok(name, "your answer holds: Biden left the region days before Putin landed in "
                        "Tehran.")
    if x == -gap:
        return fail(name, "right size, wrong sign: subtract the trip's end from the summit's "
                          "date (later minus earlier).")
    if x == (summit - start).days:
        return fail(name, "that counts from the first day of the trip (`date`); the exercise "
                          "asks from its last day, the `end_date` column.")
    if x == gap + 1:
        return fail(name, "one too many: subtract the two dates and read `.days`, do not count "
                          "both end points on a calendar.")
    return fail(name, "take the summit's `date` minus the trip's `end_date` from `by_label`, "
                      "then `.days`.")


# ------------------------------------------------------------------------------ exercise 3


def _ex3_inputs() -> tuple[pd.Timestamp, pd.DataFrame]:
    """Return the first Astana round's opening day, and its cited sources (id, publisher, date)."""
    ev = _events()
    ids = ev.loc[FIRST_ROUND, "sources"].split(";")
    src = data.load("sources").set_index("source_id").loc[ids, ["publisher", "date"]]
    return ev.loc[FIRST_ROUND, "date"], src


def _on_the_day(opened: pd.Timestamp, src: pd.DataFrame) -> list[str]:
    return [i for i, d in src["date"].items() if d == opened.strftime("%Y-%m-%d")]


def check_3(answer: Any) -> Verdict:
    """Exercise 3: which source of the first Astana round is dated on the day the round opened."""
    name = "Exercise 3"
    if answer is None:
        return no_answer(name)
    if not isinstance(answer, str):
        return fail(name, "give one source id as text in quotes, such as \"S-D1\" (a str), "
                          f"not {type(answer).__name__}.")
    opened, src = _ex3_inputs()
    wanted = _on_the_day(opened, src)
    given = answer.strip()
    by_publisher = {p.lower(): i for i, p in src["publisher"].items()}
    given_id = by_publisher.get(given.lower(), given.upper())
    if given_id in wanted:
        return ok(name, "your answer holds: that page was written as the talks opened; the "
                        "others announced them or looked back.")
    if given_id in src.index:
        day = src.loc[given_id, "date"]
        if isinstance(day, str) and day < opened.strftime("%Y-%m-%d"):
            return fail(name, "that page is dated before the round opened (it announced the "
                              "talks); compare each source's `date` with the event's `date`.")
        return fail(name, "that page is dated after the round opened; compare each source's "
                          "`date` with the event's `date`.")
    if ";" in given or "," in given:
        return fail(name, "give just one source id, the one whose `date` is the day the round "
                          "opened.")
    return fail(name, "that id is not among the event's sources: split the event's `sources` "
                      "cell with `.split(\";\")` and look the ids up in the sources table.")


# ------------------------------------------------------------------------------ test cases


def _case_1() -> tuple[Any, list[Any]]:
    paragraphs = text.paragraphs_frame()
    answer = paragraphs.loc[paragraphs["text"].str.contains("Astana"), "number"].tolist()
    rows = paragraphs.index[paragraphs["text"].str.contains("Astana")].tolist()
    lower = paragraphs.loc[paragraphs["text"].str.contains("astana"), "number"].tolist()
    return answer, [rows, lower, [*answer, 1], "5", [str(n) for n in answer], 5.5, True]


def _case_2() -> tuple[Any, list[Any]]:
    by_label = data.load("events").set_index("label")
    biden = by_label.loc["Biden in Israel and Saudi Arabia"]
    summit = by_label.loc["Tehran summit", "date"]
    answer = (summit - biden["end_date"]).days
    return answer, [-answer, (summit - biden["date"]).days, answer + 1,
                    summit - biden["end_date"], "3", 3.5]


def _case_3() -> tuple[Any, list[Any]]:
    by_label = data.load("events").set_index("label")
    ids = by_label.loc["First Astana round", "sources"].split(";")
    table = data.load("sources").set_index("source_id").loc[ids, ["publisher", "date"]]
    opened = by_label.loc["First Astana round", "date"].strftime("%Y-%m-%d")
    answer = table.index[table["date"] == opened][0]
    others = [i for i in ids if i != answer]
    return answer, [*others, ";".join(ids), ids, "S-D1", 10]


CASES: dict[str, Callable[[], tuple[Any, list[Any]]]] = {
    "check_1": _case_1,
    "check_2": _case_2,
    "check_3": _case_3,
}

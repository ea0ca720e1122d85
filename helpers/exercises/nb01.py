"""Self-checks for notebook 01 (the article as data).

Each check recomputes its answer from the seed article with :mod:`helpers.text` (the gazetteer,
the extractor, the gold annotation ``article_gold_mentions`` and the co-mention network), so a
change in the text, the gazetteer or the gold changes what is accepted; none stores the answer.
A wrong answer gets a hint, never the answer.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

from helpers import text
from helpers.exercises import Verdict, _as_int, fail, no_answer, ok
from helpers.text import gazetteer as gz

__all__ = ["CASES", "EX1_PARAGRAPH", "EX3_ROWS", "EX4_ACTOR", "check_1", "check_2", "check_3",
           "check_4"]

#: The paragraph annotated by hand in exercise 1 (Ushakov's quotation).
EX1_PARAGRAPH = 8
#: The two aliases exercise 3 adds to the gazetteer.
EX3_ROWS: tuple[dict[str, str], ...] = (
    {"alias": "the opposition", "actor_id": "SOP", "mention_type": "role_description"},
    {"alias": "the government", "actor_id": "SYR", "mention_type": "role_description"},
)
#: The actor whose links exercise 4 follows.
EX4_ACTOR = "USA"


# ------------------------------------------------------------------------------ exercise 1


def _ex1_counts() -> tuple[int, int, int, int]:
    """Gold mentions in ¶8, the extractor's, and the gold's pronoun and literal-place rows there."""
    gold = text.load_gold_mentions()
    gold = gold[gold["paragraph"] == EX1_PARAGRAPH]
    found = text.mentions_frame()
    found = found[found["paragraph"] == EX1_PARAGRAPH]
    return (len(gold), len(found), int((gold["mention_type"] == "pronoun").sum()),
            int((gold["note"] == "literal place").sum()))


def check_1(answer: Any) -> Verdict:
    """Exercise 1: how many mentions of an actor ¶8 holds, counted by hand (pronouns included)."""
    ex = "Exercise 1"
    if answer is None:
        return no_answer(ex)
    n = _as_int(ex, answer, "the number of mentions")
    if isinstance(n, Verdict):
        return n
    gold, found, pronouns, literal = _ex1_counts()
    if n == gold:
        return ok(ex, "your count agrees with the gold annotation. Now compare it with the "
                      "extractor's rows for ¶8: which words did it not find?")
    if n == found:
        return fail(ex, "that is what the extractor finds (names only). Read the second "
                        "quotation again: which word refers back to people just named?")
    hints = []
    if pronouns and n == gold - pronouns // 2:
        hints.append("a word that refers to two actors counts twice, once per actor")
    if literal and n == gold - literal:
        hints.append("a capital counts as its state even where it names the literal city "
                     "(\"journalists in Moscow\" counts, as in the gold annotation)")
    if hints:
        return fail(ex, "close: " + "; or ".join(hints) + ".")
    if n > gold:
        return fail(ex, "too many: count each stretch of text once per actor it refers to. "
                        "\"Putin's foreign policy adviser\" is Ushakov again, just named, and "
                        "\"journalists\" are not an actor.")
    return fail(ex, "too few: count the names of people and places too (a capital still names "
                    "its state here), and the pronouns.")


# ------------------------------------------------------------------------------ exercise 2


def _ex2_counts() -> dict[str, int]:
    verbs = text.attributions_frame()
    no_person = verbs["subject_persons"].map(len) == 0
    pronoun = verbs["rule"] == "pronoun"
    return {
        "right": int(no_person.sum()),
        "pronouns_as_unnamed": int((no_person | pronoun).sum()),
        "no_actor": int((verbs["subject_actors"].map(len) == 0).sum()),
        "all": len(verbs),
        "named": int((~no_person).sum()),
    }


def check_2(answer: Any) -> Verdict:
    """Exercise 2: how many attribution verbs have no named person as subject."""
    ex = "Exercise 2"
    if answer is None:
        return no_answer(ex)
    n = _as_int(ex, answer, "the number of verbs")
    if isinstance(n, Verdict):
        return n
    c = _ex2_counts()
    if n == c["right"]:
        return ok(ex, "those verbs credit a claim to a place, an institution, a group, an "
                      "anonymous source, an unresolved pronoun or nobody.")
    if n == c["pronouns_as_unnamed"]:
        return fail(ex, "a pronoun the extractor resolved to a person (\"she\" -> Ned Price) "
                        "counts as named: look at subject_persons, not at the rule.")
    if n == c["no_actor"]:
        return fail(ex, "you counted verbs with no actor at all; the exercise asks for verbs "
                        "with no person (subject_persons empty).")
    if n == c["all"]:
        return fail(ex, "that is every attribution verb: keep only the rows whose "
                        "subject_persons is empty.")
    if n == c["named"]:
        return fail(ex, "that is the verbs WITH a named person: the exercise asks for the "
                        "others.")
    return fail(ex, "keep the rows of verbs whose subject_persons has length 0 "
                    "(.map(len) == 0), then count them with len(...).")


# ------------------------------------------------------------------------------ exercise 3


def _recall(rows: tuple[dict[str, str], ...]) -> float:
    gold = text.load_gold_mentions()
    table = gz.extend_gazetteer(list(rows)) if rows else None
    return float(text.evaluate(text.mentions_frame(gazetteer=table), gold)["recall"])


def check_3(answer: Any) -> Verdict:
    """Exercise 3: the extractor's recall once both aliases are added (a share, 0 to 1)."""
    ex = "Exercise 3"
    if answer is None:
        return no_answer(ex)
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real) \
            or not math.isfinite(float(answer)):
        return fail(ex, "give the recall as one number between 0 and 1 (a float such as "
                        "0.5), e.g. the 'recall' of text.evaluate(...).")
    x = float(answer)
    right = _recall(EX3_ROWS)
    if math.isclose(x, right, abs_tol=6e-4):
        return ok(ex, "recall rises and precision stays the same: in this article both phrases "
                      "mean what the new rows say.")
    if math.isclose(x, 100 * right, abs_tol=0.06):
        return fail(ex, "right size, but as a percentage: give the share between 0 and 1.")
    if math.isclose(x, _recall(()), abs_tol=6e-4):
        return fail(ex, "that is the recall before the change: check the exact spelling and "
                        "case of each alias (the lookup is case-sensitive: the article writes "
                        "them in lower case), pass the extended table to "
                        "text.mentions_frame(gazetteer=...) and score the new mentions.")
    if any(math.isclose(x, _recall((row,)), abs_tol=6e-4) for row in EX3_ROWS):
        return fail(ex, "that is the gain of one alias: add both rows in one list, and check "
                        "the exact spelling and case of each alias.")
    if math.isclose(x, 1.0):
        return fail(ex, "that is the precision (still perfect): the exercise asks for recall.")
    return fail(ex, "add both rows (alias, actor_id, mention_type) with gz.extend_gazetteer, "
                    "rerun text.mentions_frame(gazetteer=...), then text.evaluate(..., gold).")


# ------------------------------------------------------------------------------ exercise 4


def _strongest_link(unit: str) -> int:
    table = text.links_table(text.co_mention_graph(text.mentions_frame(), unit=unit))
    mine = table[(table["actor_a"] == EX4_ACTOR) | (table["actor_b"] == EX4_ACTOR)]
    return int(mine["weight"].max())


def check_4(answer: Any) -> Verdict:
    """Exercise 4: the smallest threshold at which the US has no link (sentence window)."""
    ex = "Exercise 4"
    if answer is None:
        return no_answer(ex)
    n = _as_int(ex, answer, "the threshold")
    if isinstance(n, Verdict):
        return n
    strongest = _strongest_link("sentence")
    if n == strongest + 1:
        return ok(ex, "one above the United States' strongest link. Does the paragraph window "
                      "change it? Try it.")
    if n == strongest:
        return fail(ex, "at that threshold one US link is still drawn: a link is drawn when its "
                        "weight is at least the threshold.")
    if n > strongest + 1:
        return fail(ex, "no US link is left there, but is it the smallest such threshold? Go "
                        "down one step at a time.")
    return fail(ex, "some US links are still drawn at that threshold: raise it and look at "
                    "view.links() for rows with involves_actor True.")


# ------------------------------------------------------------------------------ cases


def _case_1() -> tuple[Any, list[Any]]:
    gold, found, _, _ = _ex1_counts()
    return gold, [found, gold - 1, gold + 1, "six", 6.0]


def _case_2() -> tuple[Any, list[Any]]:
    c = _ex2_counts()
    wrong = [c[k] for k in ("pronouns_as_unnamed", "no_actor", "all", "named")
             if c[k] != c["right"]]  # in this article "named" happens to equal the answer
    return c["right"], [*wrong, float(c["right"]), str(c["right"])]


def _case_3() -> tuple[Any, list[Any]]:
    right = _recall(EX3_ROWS)
    return round(right, 3), [_recall(()), _recall(EX3_ROWS[:1]), 100 * right, 1.0, "0.79"]


def _case_4() -> tuple[Any, list[Any]]:
    strongest = _strongest_link("sentence")
    return strongest + 1, [strongest, strongest + 2, 1, True]


CASES: dict[str, Callable[[], tuple[Any, list[Any]]]] = {
    "check_1": _case_1,
    "check_2": _case_2,
    "check_3": _case_3,
    "check_4": _case_4,
}

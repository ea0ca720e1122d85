"""Self-checks for notebook 02 (alliances and alignments).

Each check recomputes its answer from ``seeds/data/relations.csv`` (the July 2022 behaviour
coding) with the balance model of :mod:`helpers.models.balance`, and never shows it: a wrong
answer gets a hint. The actors are ordered as in the notebook (their place on the network circle,
Russia first), so camp A is always Russia's camp.
"""

from __future__ import annotations

import numbers
from typing import Any

from helpers import data
from helpers.data.actors import registry, ring_order
from helpers.exercises import Verdict, fail, no_answer, ok
from helpers.models.balance import balance_report, camp_lists, coding_signs

__all__ = ["CASES", "EX2_TIE", "EX3_DROPPED", "check_1", "check_2", "check_3"]

#: The tie Exercise 2 adds to the behaviour coding, with its sign (an illustrative choice).
EX2_TIE: tuple[tuple[str, str], int] = (("TUR", "USA"), 1)
#: The actor Exercise 3 leaves out.
EX3_DROPPED = "CHN"
_CODING = "behaviour_2022"


def _network(drop: str | None = None) -> tuple[list[str], dict[tuple[str, str], int]]:
    """Return the notebook's ``nodes`` and ``signs`` (behaviour coding), maybe without one actor."""
    relations = data.load("relations")
    nodes = ring_order(set(relations["actor_a"]) | set(relations["actor_b"]))
    if drop is not None:
        nodes = [a for a in nodes if a != drop]
    return nodes, coding_signs(relations, _CODING, nodes)


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _lowest_after_one_flip() -> int:
    nodes, signs = _network()
    return min(balance_report(nodes, {**signs, pair: -s}).frustration
               for pair, s in signs.items())


def check_1(answer: Any) -> Verdict:
    """Exercise 1: the lowest frustration index reachable by flipping one tie.

    Expects an int: the smallest L among the networks with one tie of the behaviour coding
    flipped.
    """
    ex = "Exercise 1"
    if answer is None:
        return no_answer(ex)
    if not _is_int(answer):
        return fail(ex, "give one whole number (an int such as 5), e.g. "
                        "min(after_flip.values()).")
    nodes, signs = _network()
    before = balance_report(nodes, signs).frustration
    right = _lowest_after_one_flip()
    if answer == right:
        return ok(ex, f"no single flip balances the network: L is the fewest flips needed, and "
                      f"one flip moves L by at most one, so from L = {before} one flip reaches "
                      f"{right} at best.")
    if answer == before:
        return fail(ex, "that is L before any flip: the loop must store the L of each flipped "
                        "copy, and the answer is the smallest of those values.")
    if answer == 0:
        return fail(ex, "L = 0 would mean one flip balances everything. Recall what the "
                        "frustration index counts, then run the loop and look at its values.")
    return fail(ex, "not the smallest value: run the loop over every tie of signs, flip one "
                    "tie in a copy each time, and take min(after_flip.values()).")


def _camp_b(extra: bool) -> set[str]:
    """Camp B of the behaviour coding's best split, with or without the tie of Exercise 2."""
    nodes, signs = _network()
    if extra:
        (a, b), s = EX2_TIE
        signs = {**signs, (a, b): s}
    return set(camp_lists(balance_report(nodes, signs), signs)[1])


def _as_ids(answer: Any) -> set[str] | None:
    """Return a collection of actor ids or names as a set of ids (None if it is not one)."""
    if isinstance(answer, str | bytes) or not isinstance(answer, list | tuple | set):
        return None
    if not all(isinstance(v, str) for v in answer):
        return None
    by_name = {}
    for a in registry().values():
        by_name |= {a.name.lower(): a.actor_id, a.short_name.lower(): a.actor_id}
    return {by_name.get(v.strip().lower(), v.strip().upper()) for v in answer}


def check_2(answer: Any) -> Verdict:
    """Exercise 2: camp B once the Turkey-United States tie is coded +1.

    Expects a list of the actor codes in camp B (any order), e.g. ``["USA", ...]``; names
    such as ``"United States"`` pass too.
    """
    ex = "Exercise 2"
    if answer is None:
        return no_answer(ex)
    got = _as_ids(answer)
    if got is None:
        return fail(ex, 'give a list of actor codes in quotes, e.g. ["USA", "EU"]; '
                        "camp_lists(...) returns camp B as its second list.")
    right = _camp_b(extra=True)
    if got == right:
        return ok(ex, "one added tie settles what balance theory could not settle before: "
                      "Turkey now has a single best camp.")
    if got == _camp_b(extra=False):
        return fail(ex, "that is camp B without the new tie. Add the tie to a copy of signs, "
                        "then make the report (and the camp lists) from that copy.")
    if got - right and not got & right:
        return fail(ex, "that looks like camp A (Russia's camp): camp B is the second list "
                        "that camp_lists returns.")
    return fail(ex, "not the camp B of the network with the new tie: compute "
                    "balance_report(nodes, extra) and pass it with extra to camp_lists.")


def _frustration_without(actor: str) -> int:
    nodes, signs = _network(drop=actor)
    return balance_report(nodes, signs).frustration


def check_3(answer: Any) -> Verdict:
    """Exercise 3: the frustration index of the behaviour coding without China.

    Expects an int.
    """
    ex = "Exercise 3"
    if answer is None:
        return no_answer(ex)
    if not _is_int(answer):
        return fail(ex, "give one whole number (an int), e.g. report.frustration of the "
                        "network without China.")
    right = _frustration_without(EX3_DROPPED)
    nodes, signs = _network()
    if answer == right:
        return ok(ex, "the unbalanced triangles through the China–Saudi Arabia tie disappear "
                      "with China, and so does one frustrated tie.")
    if answer == balance_report(nodes, signs).frustration:
        return fail(ex, "that is L with China. Make the list of actors without 'CHN', pass it "
                        "to coding_signs and to balance_report, and read .frustration.")
    return fail(ex, "not the L of the smaller network: use coding_signs(relations, "
                    "'behaviour_2022', without_china) and balance_report(without_china, ...).")


def _solution_1() -> int:
    """Exercise 1 as its collapsed solution computes it (a loop over the ties)."""
    nodes, signs = _network()
    after_flip = {}
    for pair, sign in signs.items():
        flipped = dict(signs)
        flipped[pair] = -sign
        after_flip[pair] = balance_report(nodes, flipped).frustration
    return min(after_flip.values())


def _solution_2() -> list[str]:
    """Exercise 2 as its collapsed solution computes it (a copy of signs with one more tie)."""
    nodes, signs = _network()
    extra = dict(signs)
    extra[("TUR", "USA")] = 1
    report = balance_report(nodes, extra)
    return camp_lists(report, extra)[1]  # camp B


CASES = {
    "check_1": lambda: (_solution_1(), [balance_report(*_network()).frustration, 0, 2.0, "2"]),
    "check_2": lambda: (_solution_2(), [sorted(_camp_b(extra=False)),
                                        [a for a in _network()[0] if a not in _solution_2()],
                                        "TUR SAU ISR UKR EU USA", ["TUR"], [1, 2]]),
    "check_3": lambda: (balance_report(*_network(drop="CHN")).frustration,
                        [balance_report(*_network()).frustration, 0, 1.5, "2"]),
}

"""Hand-checked cases for helpers.models.balance (structural balance on signed networks)."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError

import numpy as np
import pandas as pd
import pytest

from helpers.models.balance import (
    TRIANGLE_COLUMNS,
    BalanceReport,
    balance_report,
    frustrated_edges,
    harary_is_balanced,
    signs_from_frame,
    triangle_census,
)

ABC = ["A", "B", "C"]


def tri(ab: int, bc: int, ac: int) -> dict[tuple[str, str], int]:
    return {("A", "B"): ab, ("B", "C"): bc, ("A", "C"): ac}


def close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12)


# ------------------------------------------------------------------------------ triangles


def test_all_positive_triangle():
    r = balance_report(ABC, tri(1, 1, 1))
    assert isinstance(r, BalanceReport)
    assert (r.n_triangles, r.n_edges, r.frustration) == (1, 3, 0)
    assert r.frac_balanced == 1.0 and r.frac_weakly_balanced == 1.0
    assert r.normalized_balance == 1.0 and r.is_balanced
    assert r.camps == {"A": 1, "B": 1, "C": 1}
    (t,) = r.triangles
    assert (t.a, t.b, t.c, t.n_negative, t.balanced, t.weakly_balanced) == (
        "A", "B", "C", 0, True, True,
    )  # fmt: skip
    assert frustrated_edges(ABC, tri(1, 1, 1), r.camps) == []
    assert harary_is_balanced(ABC, tri(1, 1, 1))


def test_one_negative_triangle_is_unbalanced_strongly_and_weakly():
    # (+,+,-): A-B friends, B-C friends, A-C enemies.
    r = balance_report(ABC, tri(1, 1, -1))
    assert r.n_triangles == 1
    assert r.frac_balanced == 0.0 and r.frac_weakly_balanced == 0.0
    assert r.frustration == 1 and r.n_edges == 3
    assert close(r.normalized_balance, 1 / 3)
    assert not r.is_balanced
    # k = 0 (all +1) already frustrates only A-C, so it is the first optimum.
    assert r.camps == {"A": 1, "B": 1, "C": 1}
    assert frustrated_edges(ABC, tri(1, 1, -1), r.camps) == [("A", "C")]
    assert r.unbalanced_triangles == r.triangles
    assert not harary_is_balanced(ABC, tri(1, 1, -1))


def test_all_negative_triangle_weakly_balanced_only():
    r = balance_report(ABC, tri(-1, -1, -1))
    assert r.frac_balanced == 0.0 and r.frac_weakly_balanced == 1.0
    assert r.frustration == 1 and not r.is_balanced
    assert close(r.normalized_balance, 1 / 3)
    # k = 0: 3 frustrated; k = 1 (B in -1): only A-C frustrated -> first optimum.
    assert r.camps == {"A": 1, "B": -1, "C": 1}
    assert frustrated_edges(ABC, tri(-1, -1, -1), r.camps) == [("A", "C")]
    (t,) = r.triangles
    assert t.n_negative == 3 and not t.balanced and t.weakly_balanced


def test_two_negative_triangle_is_balanced():
    # (+,-,-): A-B friends, both enemies of C.
    r = balance_report(ABC, tri(1, -1, -1))
    assert r.frac_balanced == 1.0 and r.frac_weakly_balanced == 1.0
    assert r.frustration == 0 and r.is_balanced and r.normalized_balance == 1.0
    # k = 0: 2, k = 1 (B-): 2, k = 2 (C-): 0 -> C alone in camp -1.
    assert r.camps == {"A": 1, "B": 1, "C": -1}
    assert harary_is_balanced(ABC, tri(1, -1, -1))


def test_square_with_one_negative_edge():
    nodes = ["A", "B", "C", "D"]
    signs = {("A", "B"): 1, ("B", "C"): 1, ("C", "D"): 1, ("D", "A"): -1}
    r = balance_report(nodes, signs)
    assert r.n_triangles == 0 and r.triangles == ()
    assert math.isnan(r.frac_balanced) and math.isnan(r.frac_weakly_balanced)
    assert r.frustration == 1 and r.n_edges == 4 and not r.is_balanced
    assert close(r.normalized_balance, 0.5)
    assert r.camps == dict.fromkeys(nodes, 1)
    assert frustrated_edges(nodes, signs, r.camps) == [("A", "D")]  # oriented as in nodes
    assert not harary_is_balanced(nodes, signs)
    assert triangle_census(nodes, signs).empty


@pytest.mark.parametrize(
    "nodes, signs",
    [
        (["A"], {}),
        (ABC, {}),
        (ABC, {("A", "B"): 0, ("C", "B"): 0}),
    ],
)
def test_no_ties_boundary_outputs(nodes, signs):
    r = balance_report(nodes, signs)
    assert r.n_edges == 0 and r.frustration == 0 and r.n_triangles == 0
    assert r.normalized_balance == 1.0 and r.is_balanced
    assert math.isnan(r.frac_balanced) and math.isnan(r.frac_weakly_balanced)
    assert r.camps == dict.fromkeys(nodes, 1)
    assert harary_is_balanced(nodes, signs)


def test_two_camp_six_nodes_complete():
    nodes = ["A", "B", "C", "D", "E", "F"]
    camp = {"A": 1, "B": 1, "C": 1, "D": -1, "E": -1, "F": -1}
    signs = {(u, v): camp[u] * camp[v] for i, u in enumerate(nodes) for v in nodes[i + 1 :]}
    r = balance_report(nodes, signs)
    assert r.n_edges == 15 and r.n_triangles == 20
    assert r.frac_balanced == 1.0 and r.frac_weakly_balanced == 1.0
    assert r.frustration == 0 and r.is_balanced and r.normalized_balance == 1.0
    assert r.camps == camp  # unique optimum with camps[A] = +1 (k = 0b11100)
    assert harary_is_balanced(nodes, signs)
    # one defection (C befriends D) leaves one frustrated tie
    flipped = {**signs, ("C", "D"): 1}
    r2 = balance_report(nodes, flipped)
    assert r2.frustration == 1 and r2.camps == camp
    assert frustrated_edges(nodes, flipped, r2.camps) == [("C", "D")]


def test_russia_iran_turkey_syria_illustrative_case():
    # A known case: RUS-IRN +, RUS-TUR +, IRN-TUR + (Astana), TUR-SYR -, RUS-SYR +, IRN-SYR +.
    nodes = ["RUS", "IRN", "TUR", "SYR"]
    signs = {
        ("RUS", "IRN"): 1,
        ("RUS", "TUR"): 1,
        ("IRN", "TUR"): 1,
        ("TUR", "SYR"): -1,
        ("RUS", "SYR"): 1,
        ("IRN", "SYR"): 1,
    }
    r = balance_report(nodes, signs)
    # By hand: 4 triangles. RUS-IRN-TUR (+,+,+) and RUS-IRN-SYR (+,+,+) balanced;
    # RUS-TUR-SYR and IRN-TUR-SYR have exactly one negative tie: unbalanced, also weakly.
    assert r.n_triangles == 4
    assert r.frac_balanced == 0.5 and r.frac_weakly_balanced == 0.5
    assert [(t.a, t.b, t.c) for t in r.unbalanced_triangles] == [
        ("RUS", "TUR", "SYR"),
        ("IRN", "TUR", "SYR"),
    ]
    # L = 1: dropping TUR-SYR leaves an all-positive graph; L = 0 impossible (unbalanced).
    assert r.frustration == 1 and r.n_edges == 6
    assert close(r.normalized_balance, 1 - 2 / 6)
    assert r.camps == dict.fromkeys(nodes, 1)  # k = 0 is already optimal
    assert frustrated_edges(nodes, signs, r.camps) == [("TUR", "SYR")]

    df = triangle_census(nodes, signs)
    assert list(df.columns) == list(TRIANGLE_COLUMNS)
    assert len(df) == 4
    row = df[(df.a == "RUS") & (df.b == "TUR") & (df.c == "SYR")].iloc[0]
    assert (row.sign_ab, row.sign_bc, row.sign_ac) == (1, -1, 1)
    assert row.n_negative == 1 and not row.balanced and not row.weakly_balanced
    assert df["balanced"].dtype == bool and df["n_negative"].dtype == np.int64


def test_deterministic_camps_rule_first_k():
    # Two positive pairs joined by negatives: A,B vs C,D in any ordering of nodes.
    signs = {("A", "B"): 1, ("C", "D"): 1, ("A", "C"): -1, ("B", "D"): -1}
    assert balance_report(["A", "B", "C", "D"], signs).camps == {"A": 1, "B": 1, "C": -1, "D": -1}
    assert balance_report(["C", "A", "D", "B"], signs).camps == {"C": 1, "A": -1, "D": 1, "B": -1}
    # Disconnected: component {C, D} not containing nodes[0]; the smallest k puts its
    # last-listed node (D, bit 2) in camp +1, so C (bit 1) is in camp -1.
    two = {("A", "B"): -1, ("C", "D"): -1}
    assert balance_report(["A", "B", "C", "D"], two).camps == {"A": 1, "B": -1, "C": -1, "D": 1}
    # Isolated node E is always in camp +1.
    assert balance_report(["A", "E", "B"], {("A", "B"): -1}).camps == {"A": 1, "E": 1, "B": -1}
    # Unbalanced with several optima: (-,-,-) has optima k = 1, 2, 3 (as bits); first is k = 1.
    xyz = {("X", "Y"): -1, ("Y", "Z"): -1, ("X", "Z"): -1}
    assert balance_report(["X", "Y", "Z"], xyz).camps == {"X": 1, "Y": -1, "Z": 1}


def test_both_orientations_with_equal_values_accepted():
    r = balance_report(ABC, {("A", "B"): 1, ("B", "A"): 1, ("B", "C"): -1})
    assert r.n_edges == 2


def test_numpy_integers_accepted():
    r = balance_report(ABC, {("A", "B"): np.int64(1), ("B", "C"): np.int8(-1)})
    assert r.n_edges == 2 and r.is_balanced
    assert type(r.frustration) is int and type(r.n_triangles) is int


def test_report_is_frozen_and_camps_fresh():
    r = balance_report(ABC, tri(1, 1, 1))
    with pytest.raises(FrozenInstanceError):
        r.frustration = 3  # type: ignore[misc]
    r.camps["A"] = -1
    assert balance_report(ABC, tri(1, 1, 1)).camps["A"] == 1


def test_inputs_not_mutated():
    nodes = ["A", "B", "C"]
    signs = tri(1, -1, -1)
    before = (list(nodes), dict(signs))
    balance_report(nodes, signs)
    triangle_census(nodes, signs)
    assert (nodes, signs) == before


def test_fourteen_nodes_accepted():
    nodes = [f"N{i}" for i in range(14)]
    signs = {(nodes[i], nodes[i + 1]): -1 for i in range(13)}
    signs[(nodes[13], nodes[0])] = -1  # even negative cycle of length 14: balanced
    r = balance_report(nodes, signs)
    assert r.frustration == 0 and r.n_edges == 14


# ------------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    "nodes, signs, match",
    [
        ([], {}, r"nodes must hold between 1 and 14"),
        ([f"N{i}" for i in range(15)], {}, r"nodes must hold between 1 and 14 .* got 15"),
        (["A", "B", "A"], {}, r"nodes must be distinct, duplicated: \['A'\]"),
        (["A", 2], {}, r"nodes must be actor names of type str"),
        ("ABC", {}, r"nodes must be a sequence"),
        (ABC, {("A", "B"): 2}, r"signs\[\('A', 'B'\)\] must be an int in \{-1, 0, 1\}.*got 2"),
        (ABC, {("A", "B"): -2}, r"signs\[\('A', 'B'\)\] must be an int in \{-1, 0, 1\}"),
        (ABC, {("A", "B"): 1.0}, r"signs\[\('A', 'B'\)\] must be an int"),
        (ABC, {("A", "B"): "+"}, r"signs\[\('A', 'B'\)\] must be an int"),
        (ABC, {("A", "B"): True}, r"signs\[\('A', 'B'\)\] .* bool"),
        (ABC, {("A", "B"): np.bool_(False)}, r"signs\[\('A', 'B'\)\] .* bool"),
        (ABC, {("A", "Z"): 1}, r"signs pair \('A', 'Z'\) names 'Z', which is not in nodes"),
        (ABC, {("A", "A"): 1}, r"signs must not contain self-ties"),
        (ABC, {("A", "A"): 0}, r"signs must not contain self-ties"),
        (ABC, {("A", "B"): 1, ("B", "A"): -1}, r"signs gives conflicting values"),
        (ABC, {("A", "B"): 0, ("B", "A"): 1}, r"signs gives conflicting values"),
        (ABC, {("A", "B", "C"): 1}, r"signs keys must be pairs"),
        (ABC, [(("A", "B"), 1)], r"signs must be a mapping"),
    ],
)
def test_validation_errors(nodes, signs, match):
    for fn in (balance_report, triangle_census, harary_is_balanced):
        with pytest.raises(ValueError, match=match):
            fn(nodes, signs)


@pytest.mark.parametrize(
    "camps, match",
    [
        ({"A": 1, "B": 1}, r"camps must assign every node exactly: missing \['C'\]"),
        ({"A": 1, "B": 1, "C": 1, "Z": 1}, r"unknown \['Z'\]"),
        ({"A": 1, "B": 0, "C": 1}, r"camps\['B'\] must be \+1 or -1"),
        ({"A": True, "B": 1, "C": 1}, r"camps\['A'\] must be \+1 or -1"),
    ],
)
def test_frustrated_edges_camps_errors(camps, match):
    with pytest.raises(ValueError, match=match):
        frustrated_edges(ABC, tri(1, 1, 1), camps)


# ------------------------------------------------------------------------------ signs_from_frame


def frame(**extra):
    data = {
        "actor_a": ["RUS", "TUR", "RUS"],
        "actor_b": ["IRN", "SYR", "TUR"],
        "sign": [1, -1, 1],
    }
    data.update(extra)
    return pd.DataFrame(data)


def test_signs_from_frame_basic_and_report():
    df = frame(kind=["x", "y", "z"], contested=[False, True, False])
    signs = signs_from_frame(df)
    assert signs == {("RUS", "IRN"): 1, ("TUR", "SYR"): -1, ("RUS", "TUR"): 1}
    assert all(type(v) is int for v in signs.values())
    r = balance_report(["RUS", "IRN", "TUR", "SYR"], signs)
    assert r.n_edges == 3


def test_signs_from_frame_coding_filter():
    df = pd.DataFrame(
        {
            "actor_a": ["RUS", "RUS", "IRN"],
            "actor_b": ["IRN", "IRN", "TUR"],
            "sign": [1, 0, 1],
            "coding": ["behaviour_2022", "formal", "behaviour_2022"],
        }
    )
    assert signs_from_frame(df, coding="behaviour_2022") == {("RUS", "IRN"): 1, ("IRN", "TUR"): 1}
    assert signs_from_frame(df, coding="formal") == {("RUS", "IRN"): 0}
    with pytest.raises(ValueError, match=r"df mixes several codings .*pass coding="):
        signs_from_frame(df)
    with pytest.raises(ValueError, match=r"coding='nope' matches no row; available codings"):
        signs_from_frame(df, coding="nope")
    with pytest.raises(ValueError, match=r"coding='formal' was given but df has no 'coding'"):
        signs_from_frame(frame(), coding="formal")
    # a single coding value needs no filter
    assert len(signs_from_frame(frame(coding=["formal"] * 3))) == 3


def test_signs_from_frame_float_and_duplicates():
    df = pd.DataFrame(
        {"actor_a": ["A", "B", "A"], "actor_b": ["B", "A", "C"], "sign": [1.0, 1.0, -1.0]}
    )
    assert signs_from_frame(df) == {("A", "B"): 1, ("A", "C"): -1}


def rows(a, b, sign):
    return pd.DataFrame({"actor_a": a, "actor_b": b, "sign": sign})


@pytest.mark.parametrize(
    "df, kwargs, match",
    [
        (pd.DataFrame({"actor_a": ["A"], "sign": [1]}), {}, r"missing \['actor_b'\]"),
        (rows(["A"], ["B"], [2]), {}, r"row 0: sign of \('A', 'B'\) must .* got 2"),
        (rows(["A"], ["B"], [1.5]), {}, r"sign of .* must be an int"),
        (rows(["A"], ["B"], [np.nan]), {}, r"sign of .* must be an int"),
        (rows(["A"], ["B"], [True]), {}, r"sign of .* bool"),
        (rows(["A"], ["A"], [1]), {}, r"row 0: self-tie"),
        (rows(["A", "B"], ["B", "A"], [1, -1]), {}, r"conflicting signs"),
        (rows([None], ["A"], [1]), {}, r"actor_a must be a non-empty str"),
        (rows(["A"], ["Z"], [1]), {"nodes": ["A", "B"]}, r"actor_b 'Z' is not in nodes"),
        (rows(["A"], ["B"], [1]), {"nodes": ["A", "A"]}, r"nodes must be distinct"),
        ({"actor_a": ["A"]}, {}, r"df must be a pandas DataFrame"),
    ],
)
def test_signs_from_frame_errors(df, kwargs, match):
    with pytest.raises(ValueError, match=match):
        signs_from_frame(df, **kwargs)

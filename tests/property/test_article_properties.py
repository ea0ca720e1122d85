"""Property-based tests of helpers.article (sentence splitter, quotes, mentions, evaluation)."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import text as A
from helpers.text import gazetteer as gz

FAST = settings(max_examples=40, deadline=None)
COMPILED = gz.compile_gazetteer()
ALIASES = gz.gazetteer()

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@st.composite
def plain_sentence(draw) -> str:
    body = draw(st.lists(words, min_size=2, max_size=8))  # "A." alone reads as an initial
    end = draw(st.sampled_from([".", "!", "?"]))
    sentence = " ".join(body) + end
    return sentence[0].upper() + sentence[1:]


@st.composite
def quoted_sentence(draw) -> str:
    inner = " ".join(draw(st.lists(plain_sentence(), min_size=1, max_size=3)))
    return "“" + inner + "” " + draw(words) + " said."


@FAST
@given(st.lists(st.one_of(plain_sentence(), quoted_sentence()), min_size=1, max_size=6),
       st.sampled_from([" ", "  ", "\n", " \u00a0"]))
def test_split_recovers_joined_sentences(parts, sep):
    assert A.split_sentences(sep.join(parts)) == parts


@FAST
@given(st.lists(plain_sentence(), min_size=1, max_size=4), st.sampled_from(["U.S.", "Mr.", "e.g.",
                                                                          "3.5", "Kremlin.ru"]))
def test_abbreviation_inside_sentence_adds_no_boundary(parts, token):
    first = parts[0][:-1] + " " + token + " Tehran more."
    assert A.split_sentences(" ".join([first, *parts[1:]])) == [first, *parts[1:]]


messy = st.text(alphabet="ab .!?“”\"’(A\n", max_size=60)


@FAST
@given(messy)
def test_sentence_spans_partition_the_text(text):
    spans = A.sentence_spans(text)
    covered = set()
    last_end = 0
    for a, b in spans:
        assert last_end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        covered.update(range(a, b))
        last_end = b
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


@FAST
@given(messy)
def test_quote_spans_are_ordered_and_marked(text):
    last_end = 0
    for a, b, closed in A.quote_spans(text):
        assert last_end <= a <= b <= len(text)
        assert text[a - 1] in "“\""
        if closed:
            assert text[b] in "”\""
        last_end = b


@FAST
@given(st.lists(st.sampled_from(list(ALIASES.index)), min_size=1, max_size=8))
def test_aliases_separated_by_filler_are_found_in_order(rows):
    aliases = [ALIASES.loc[i, "alias"] for i in rows]
    text = " zq ".join(aliases)
    found = A.find_mentions(text, COMPILED)
    assert [text[a:b].lower() for a, b, _ in found] == [x.lower() for x in aliases]
    assert [c.actor_id for _, _, c in found] == [ALIASES.loc[i, "actor_id"] for i in rows]


@FAST
@given(st.text(alphabet="RusiaTehrnWsgtoUS ’'-.", max_size=50))
def test_mentions_never_overlap(text):
    found = A.find_mentions(text, COMPILED)
    for (_, b, _), (a2, _, _) in pairwise(found):
        assert b <= a2


@FAST
@given(st.integers(min_value=0, max_value=5))
def test_new_alias_adds_one_mention_per_occurrence(k):
    extra = gz.extend_gazetteer([{"alias": "Zqxland", "actor_id": "EU", "mention_type": "name"}])
    text = "Russia and Iran. " + " ".join(["Zqxland"] * k)
    base = A.find_mentions(text)
    more = A.find_mentions(text, extra)
    assert len(more) == len(base) + k


spans = st.lists(
    st.tuples(st.integers(1, 3), st.integers(0, 40), st.integers(1, 6),
              st.sampled_from(["RUS", "IRN", "USA"])),
    max_size=12,
)


def as_frame(rows: list[tuple[int, int, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(p, s, s + n, a) for p, s, n, a in rows],
        columns=["paragraph", "start", "end", "actor_id"],
    )


@FAST
@given(spans, spans)
def test_evaluate_counts_and_bounds(pred_rows, gold_rows):
    pred, gold = as_frame(pred_rows), as_frame(gold_rows)
    score = A.evaluate(pred, gold)
    assert score["tp"] + score["fp"] == len(pred)
    assert score["tp"] + score["fn"] == len(gold)
    assert all(0.0 <= score[k] <= 1.0 for k in ("precision", "recall", "f1"))
    swapped = A.evaluate(gold, pred)
    assert swapped["tp"] == score["tp"]
    assert (swapped["precision"], swapped["recall"]) == (score["recall"], score["precision"])


@FAST
@given(spans.filter(bool))
def test_evaluate_self_is_perfect(rows):
    frame = as_frame(rows)
    score = A.evaluate(frame, frame)
    assert (score["precision"], score["recall"], score["f1"]) == (1.0, 1.0, 1.0)

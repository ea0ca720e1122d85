"""Hand-checked tests of helpers.article: metadata, paragraphs, sentences, quotations.

Expected values come from reading seeds/article.txt by hand (counts, headings, the 13
quotations in tests/data/article_gold_quotations.csv), not from running the code.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pandas as pd
import pytest

from helpers import REPO_ROOT, SEEDS_DIR
from helpers import text as A

META = SEEDS_DIR / "article.meta.yml"
HEADINGS = {6: "Anti-West Move", 11: "Iran’s Support to Russia"}
CAPTIONS = {10, 13}
# sentences per paragraph, counted by hand (quotations are never split inside)
SENTENCES_PER_PARAGRAPH = [3, 1, 3, 6, 1, 1, 4, 2, 2, 1, 1, 3, 1, 2]


# ------------------------------------------------------------------------------ metadata


@pytest.fixture(scope="module")
def meta() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(META.read_text(encoding="utf-8"))


def test_meta_checksum_matches_the_seed(meta):
    assert meta["sha256"] == A.article_sha256()
    assert meta["size_bytes"] == (SEEDS_DIR / "article.txt").stat().st_size


def test_meta_says_title_is_the_courses_and_no_byline_or_date(meta):
    assert meta["title"]
    assert "course" in meta["title_note"].lower()
    assert meta["byline"] is None and meta["date_in_text"] is None
    assert meta["events_date"] == dt.date(2022, 7, 19)


def test_meta_credits_reuters_story_and_reposts(meta):
    src = meta["derived_from"]
    assert src["agency"] == "Reuters"
    assert src["authors"] == ["Guy Faulconbridge", "Parisa Hafezi"]
    assert [str(d) for d in src["dates"]] == ["2022-07-18", "2022-07-19"]
    ids = {r["id"]: r["url"] for r in src["reposts"]}
    assert set(ids) == {"S-A1", "S-A5", "S-A6"}
    assert ids["S-A5"] == "https://www.jpost.com/international/article-712541"
    assert all(u.startswith("https://") for u in ids.values())
    assert any("sofrep.com" in p["url"] for p in meta["also_published"])


def test_meta_rights_exclude_course_licence(meta):
    rights = meta["rights"].lower()
    assert "not covered by the course's licence" in rights
    assert "teaching" in rights


# ------------------------------------------------------------------------------ loading


def test_import_reads_no_file():
    code = (
        "import sys\n"
        "seen = []\n"
        "sys.addaudithook(lambda e, a: seen.append(str(a[0])) if e == 'open' else None)\n"
        "import helpers.text, helpers.text.gazetteer\n"
        "bad = [p for p in seen if p.endswith(('article.txt', '.csv', '.yml'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr


def test_load_text_defaults_to_seed_and_accepts_path(tmp_path):
    assert A.load_text().startswith("A meeting between Russian President")
    f = tmp_path / "x.txt"
    f.write_text("Short Title\n\nOne. Two.\n", encoding="utf-8")
    paras = A.paragraphs(f)
    assert [(p.kind, p.section) for p in paras] == [
        ("heading", "Short Title"), ("body", "Short Title")]
    assert [s.text for s in A.sentences(f)] == ["Short Title", "One.", "Two."]


# ------------------------------------------------------------------------------ paragraphs


@pytest.fixture(scope="module")
def paras() -> list[A.Paragraph]:
    return A.paragraphs()


def test_fourteen_paragraphs_with_kinds(paras):
    assert [p.number for p in paras] == list(range(1, 15))
    kinds = {p.number: p.kind for p in paras}
    assert {n for n, k in kinds.items() if k == "heading"} == set(HEADINGS)
    assert {n for n, k in kinds.items() if k == "caption"} == CAPTIONS
    assert sum(k == "body" for k in kinds.values()) == 10
    assert all(paras[n - 1].text == t for n, t in HEADINGS.items())
    assert all(paras[n - 1].text.startswith("Meeting of President Vladimir Putin")
               for n in CAPTIONS)


def test_sections(paras):
    section = {p.number: p.section for p in paras}
    assert all(section[n] == A.OPENING for n in range(1, 6))
    assert all(section[n] == "Anti-West Move" for n in range(6, 11))
    assert all(section[n] == "Iran’s Support to Russia" for n in range(11, 15))


def test_paragraph_offsets_point_into_the_file(paras):
    text = A.load_text()
    for p in paras:
        assert text[p.start:p.start + len(p.text)] == p.text
        assert p.text == p.text.strip()


def test_paragraph_is_frozen(paras):
    with pytest.raises(FrozenInstanceError):
        paras[0].kind = "heading"  # type: ignore[misc]


def test_paragraphs_frame(paras):
    frame = A.paragraphs_frame()
    assert list(frame["number"]) == list(range(1, 15))
    assert list(frame["n_sentences"]) == SENTENCES_PER_PARAGRAPH
    assert frame.loc[frame["number"] == 6, "n_words"].item() == 2


# ------------------------------------------------------------------------------ sentences


def test_sentence_counts_per_paragraph():
    sents = A.sentences()
    counts = pd.Series([s.paragraph for s in sents]).value_counts().sort_index()
    assert list(counts) == SENTENCES_PER_PARAGRAPH
    assert len(sents) == 31


def test_sentence_offsets_and_texts(paras):
    for s in A.sentences():
        assert paras[s.paragraph - 1].text[s.start:s.end] == s.text


def test_quoted_sentences_are_not_split():
    by_para = {}
    for s in A.sentences():
        by_para.setdefault(s.paragraph, []).append(s.text)
    assert "Astana format. Along with" in by_para[5][0]  # Putin's two-sentence quote
    assert by_para[8][1].startswith("“A trusting dialog") and by_para[8][1].endswith("agenda.”")
    assert by_para[8][0].endswith("journalists in Moscow.")
    last = by_para[14][1]  # the unclosed quotation runs to the end of the paragraph
    assert last.startswith("“We will continue") and last.endswith("she added.")
    assert "All of our sanctions remain in force." in last


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and the U.K. met in Tehran. They talked.",
         ["The U.S. and the U.K. met in Tehran.", "They talked."]),
        ("Mr. Price spoke. Dr. Smith left.", ["Mr. Price spoke.", "Dr. Smith left."]),
        ("Vladimir V. Putin arrived. Then he left.", ["Vladimir V. Putin arrived.",
                                                      "Then he left."]),
        ("Prices rose 3.5 percent. Oil fell.", ["Prices rose 3.5 percent.", "Oil fell."]),
        ("Source: Kremlin.ruCC BY 3.0. Next.", ["Source: Kremlin.ruCC BY 3.0.", "Next."]),
        ("He said: “Stop. Now.” Then left.", ["He said: “Stop. Now.”", "Then left."]),
        ('"Go now," he said. "Why?" she asked.', ['"Go now," he said.', '"Why?" she asked.']),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Talks resumed e.g. in Vienna. Nothing else.",
         ["Talks resumed e.g. in Vienna.", "Nothing else."]),
        ("It ended. 40 million barrels stayed.", ["It ended.", "40 million barrels stayed."]),
        ("an unclosed “quote. It goes on. To the end.",
         ["an unclosed “quote. It goes on. To the end."]),
        ("no final stop", ["no final stop"]),
        ("", []),
    ],
)
def test_split_sentences_cases(text, expected):
    assert A.split_sentences(text) == expected


def test_known_limitation_sentence_ending_in_acronym():
    # Documented: a sentence that really ends with "U.S." is not split.  Change this test
    # if you improve the rule.
    assert len(A.split_sentences("They flew to the U.S. Then they left.")) == 1


# ------------------------------------------------------------------------------ quotations


@pytest.fixture(scope="module")
def quotes() -> list[A.Quotation]:
    return A.quotations()


@pytest.fixture(scope="module")
def gold_quotes() -> pd.DataFrame:
    return A.load_gold_quotations()


def test_gold_quotations_file_is_consistent(gold_quotes, paras):
    assert len(gold_quotes) == 13
    text = A.load_text()
    assert text.count("“") == 13 and text.count("”") == 12  # one closing mark is missing
    for row in gold_quotes.itertuples():
        assert row.text in paras[row.paragraph - 1].text
        assert row.attribution in A.ATTRIBUTION_KINDS
        assert (row.speaker is None) == (row.attribution == "none")


def test_every_gold_quotation_found_once(quotes, gold_quotes):
    found = [(q.paragraph, q.text) for q in quotes]
    assert len(found) == len(set(found)) == 13
    assert sorted(found) == sorted(zip(gold_quotes["paragraph"], gold_quotes["text"],
                                       strict=True))


def test_quotations_match_gold_attribution(quotes, gold_quotes):
    by_key = {(q.paragraph, q.text): q for q in quotes}
    for g in gold_quotes.itertuples():
        q = by_key[(g.paragraph, g.text)]
        assert (q.kind, q.closed) == (g.kind, g.closed), g.text
        assert (q.speaker_person, q.speaker_actor, q.attribution) == (
            g.speaker_person, g.speaker_actor, g.attribution), g.text
        if g.speaker is None:
            assert q.speaker is None
        else:  # as written: the extractor may keep less of the phrase than the annotator
            assert q.speaker and q.speaker in g.speaker, (q.speaker, g.speaker)


def test_quotation_kind_counts(quotes):
    kinds = pd.Series([(q.kind, q.attribution) for q in quotes]).value_counts().to_dict()
    assert kinds == {
        ("scare", "none"): 5,
        ("full", "named"): 4,
        ("scare", "named"): 2,
        ("full", "anonymous"): 1,
        ("scare", "role_only"): 1,
    }


def test_unclosed_last_quotation_drops_its_tag(quotes):
    last = quotes[-1]
    assert last.paragraph == 14 and not last.closed
    assert last.text.endswith("continue to monitor,")
    assert "she added" not in last.text
    assert (last.speaker, last.speaker_person) == ("she", "price")


def test_anonymous_official_and_kremlin_chief(quotes):
    first = quotes[0]
    assert first.speaker.startswith("a senior Iranian official")
    assert first.attribution == "anonymous" and first.speaker_actor == "IRN"
    putin = next(q for q in quotes if q.paragraph == 5)
    assert putin.speaker == "the Kremlin chief" and putin.speaker_person == "putin"


def test_continuation_inherits_speaker(quotes):
    ushakov = [q for q in quotes if q.paragraph == 8]
    assert [q.speaker_person for q in ushakov] == ["ushakov", "ushakov"]
    assert ushakov[1].rule == "continuation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a “b” c", [(3, 4, True)]),
        ('say "x y" now', [(5, 8, True)]),
        ("“open and never closed  ", [(1, 22, False)]),
        ("“one “two” three", [(1, 4, False), (6, 9, True)]),
        ("no quotes ” here", []),
        ('odd "one', [(5, 8, False)]),
    ],
)
def test_quote_spans_cases(text, expected):
    assert A.quote_spans(text) == expected


def test_tag_before_quotation(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("Ned Price said: “We will watch this very closely indeed.”\n", encoding="utf-8")
    (q,) = A.quotations(f)
    assert (q.kind, q.speaker_person, q.attribution, q.rule) == (
        "full", "price", "named", "tag before")


def test_quotations_frame_columns(quotes):
    frame = A.quotations_frame()
    assert len(frame) == len(quotes)
    assert {"paragraph", "text", "kind", "speaker", "speaker_person", "attribution",
            "closed"} <= set(frame.columns)
    assert frame["closed"].dtype == bool
    assert frame.loc[~frame["closed"], "paragraph"].tolist() == [14]

"""The article renders with every paragraph numbered and headings/captions marked."""

from __future__ import annotations

import re

from helpers import text as article


def test_every_paragraph_numbered_once_in_order():
    md = article.to_markdown()
    numbers = [int(n) for n in re.findall(r"¶ (\d+)", md)]
    assert numbers == list(range(1, len(article.paragraphs()) + 1))


def test_headings_and_captions_are_marked_and_text_is_verbatim():
    md = article.to_markdown()
    frame = article.paragraphs_frame()
    for row in frame.itertuples():
        assert row.text in md
    assert md.count("section heading:") == (frame["kind"] == "heading").sum()
    assert md.count("*photo caption:*") == (frame["kind"] == "caption").sum() == 2


def test_mentions_per_paragraph_rejects_too_few_paragraphs():
    import pytest

    m = article.mentions_frame()
    with pytest.raises(ValueError, match="n_paragraphs must be a whole number >= 14"):
        article.mentions_per_paragraph(m, n_paragraphs=3)
    with pytest.raises(ValueError, match="n_paragraphs"):
        article.mentions_per_paragraph(m, n_paragraphs=-1)
    assert len(article.mentions_per_paragraph(m, n_paragraphs=20)) == 20

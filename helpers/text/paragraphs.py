"""The seed article as numbered paragraphs and sentences, and its Markdown rendering.

Paragraphs are the non-empty blocks of ``seeds/article.txt`` (headings and photo captions count
and are marked); sentences are split by rules that know the article's abbreviations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd

from helpers import SEEDS_DIR, data
from helpers.checks import ParameterError, check_cells, check_frame, check_path, check_str

__all__ = [
    "ABBREVIATIONS",
    "OPENING",
    "Paragraph",
    "PathLike",
    "Sentence",
    "article_sha256",
    "load_text",
    "paragraphs",
    "paragraphs_frame",
    "parse_paragraphs",
    "sentence_spans",
    "sentences",
    "sentences_frame",
    "split_sentences",
    "to_markdown",
]


#: Section name given to paragraphs before the first heading.
OPENING = "(opening)"


PathLike = str | Path


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (non-empty block) of the article.

    Attributes
    ----------
    number : int
        1-based position among the non-empty blocks.
    kind : str
        ``"body"``, ``"heading"`` or ``"caption"``.
    section : str
        Title of the heading the paragraph falls under (a heading's own title for a heading),
        or :data:`OPENING` before the first heading.
    text : str
        The block with surrounding whitespace stripped.
    start : int
        Offset of ``text`` in the file.
    """

    number: int
    kind: str
    section: str
    text: str
    start: int


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``start``/``end`` are offsets in the paragraph text."""

    paragraph: int
    index: int
    text: str
    start: int
    end: int


def _frame(items: Sequence[object], cls: type) -> pd.DataFrame:
    """Turn dataclass instances into a DataFrame: int/bool columns typed, the rest object.

    Text columns are kept as ``object`` so that a missing value stays ``None``.
    """
    dtypes = {"int": "int64", "bool": "bool"}
    rows = [asdict(x) for x in items]  # type: ignore[call-overload]
    return pd.DataFrame({
        f.name: pd.Series([r[f.name] for r in rows], dtype=dtypes.get(str(f.type), object))
        for f in fields(cls)
    })


def load_text(path: PathLike | None = None) -> str:
    """Read the article (UTF-8).

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``helpers.SEEDS_DIR / "article.txt"``.

    Returns
    -------
    str
        The file's text, unchanged.

    Raises
    ------
    ParameterError
        If ``path`` is not the path of an existing file.
    """
    if path is None:
        return (SEEDS_DIR / "article.txt").read_text(encoding="utf-8")
    return check_path("path", path).read_text(encoding="utf-8")


def article_sha256(path: PathLike | None = None) -> str:
    """Return the SHA-256 of the article file (compare with ``data.seed_meta()["sha256"]``).

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``helpers.SEEDS_DIR / "article.txt"``.

    Returns
    -------
    str
        Hex digest.

    Raises
    ------
    ParameterError
        If ``path`` is not the path of an existing file.
    """
    return data.sha256_of(SEEDS_DIR / "article.txt" if path is None else check_path("path", path))


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


_CAPTION = re.compile(r"\((?:Source|Photo|Image|Credit)s?\s*:")


_QUOTE_MARKS = "“”\""


def _kind(block: str) -> str:
    """Classify a block as caption, heading or body (rules in :func:`parse_paragraphs`)."""
    if _CAPTION.search(block):
        return "caption"
    short = len(block.split()) <= 8 and "\n" not in block
    if short and block[0].isupper() and block[-1] not in ".!?:;," + _QUOTE_MARKS:
        if not any(q in block for q in _QUOTE_MARKS):
            return "heading"
    return "body"


def parse_paragraphs(text: str) -> list[Paragraph]:
    """Split a text into numbered paragraphs with kinds and sections.

    Rules: blocks are separated by blank lines (whitespace-only lines count as blank).  A block
    with a ``(Source:`` style credit is a *caption*; a block of at most 8 words on one line,
    starting with a capital, with no quotation marks and no final punctuation is a
    *heading*; everything else is *body*.

    Parameters
    ----------
    text : str
        The whole article.

    Returns
    -------
    list of Paragraph

    Raises
    ------
    ParameterError
        If ``text`` is not a str.
    """
    check_str("text", text, empty=True)
    out: list[Paragraph] = []
    section = OPENING
    pos = 0
    bounds = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)] + [(len(text), len(text))]
    for sep_start, sep_end in bounds:
        block = text[pos:sep_start]
        stripped = block.strip()
        if stripped:
            kind = _kind(stripped)
            if kind == "heading":
                section = stripped
            offset = pos + len(block) - len(block.lstrip())
            out.append(Paragraph(len(out) + 1, kind, section, stripped, offset))
        pos = sep_end
    return out


def paragraphs(path: PathLike | None = None) -> list[Paragraph]:
    """Return the article's paragraphs (see :func:`parse_paragraphs`)."""
    return parse_paragraphs(load_text(path))


def paragraphs_frame(path: PathLike | None = None) -> pd.DataFrame:
    """Return paragraphs as a DataFrame, one row each, plus word and sentence counts.

    Returns
    -------
    pandas.DataFrame
        Columns ``number``, ``kind``, ``section``, ``text``, ``start``, ``n_words``,
        ``n_sentences``.
    """
    paras = paragraphs(path)
    frame = _frame(paras, Paragraph)
    frame["n_words"] = [len(p.text.split()) for p in paras]
    frame["n_sentences"] = [len(_para_sentence_spans(p)) for p in paras]
    return frame


def to_markdown(paragraphs: pd.DataFrame | None = None) -> str:
    """Render the article as Markdown with its paragraph numbers, headings and captions marked.

    Parameters
    ----------
    paragraphs : pandas.DataFrame, optional
        The output of :func:`paragraphs_frame` (read from the seed when omitted).

    Returns
    -------
    str
        One block per paragraph: ``**¶ n**`` then the text; headings in bold, photo captions
        in italics and labelled, so the rendering never passes a caption off as body text.

    Examples
    --------
    >>> to_markdown().splitlines()[0][:12]
    '**¶ 1** A me'

    Raises
    ------
    ParameterError
        If ``paragraphs`` is not a table with ``number`` (whole numbers >= 1), ``kind`` (body,
        heading or caption) and ``text`` (non-empty strs).
    """
    frame = paragraphs_frame() if paragraphs is None else _check_paragraph_table(paragraphs)
    blocks = []
    for number, kind, text in frame[["number", "kind", "text"]].itertuples(index=False):
        text = text.replace("*", "\\*").replace("$", "\\$")
        if kind == "heading":
            blocks.append(f"**¶ {number} — section heading: {text}**")
        elif kind == "caption":
            blocks.append(f"**¶ {number}** — *photo caption:* *{text}*")
        else:
            blocks.append(f"**¶ {number}** {text}")
    return "\n\n".join(blocks)


#: Kinds of paragraph (see :func:`parse_paragraphs`).
_KINDS: tuple[str, ...] = ("body", "heading", "caption")


def _check_paragraph_table(paragraphs: object, name: str = "paragraphs") -> pd.DataFrame:
    """Check a paragraphs table (``number``, ``kind``, ``text``); return it with plain cells."""
    frame = check_frame(name, paragraphs, ["number", "kind", "text"])
    out = frame.copy()
    out["number"] = check_cells(name, frame, "number", "int", lo=1).to_numpy()
    out["text"] = check_cells(name, frame, "text", "str").to_numpy()
    for row, kind in frame["kind"].items():
        if not isinstance(kind, str) or kind not in _KINDS:
            raise ParameterError(f"{name}['kind'] must hold one of {list(_KINDS)}, got {kind!r} "
                                 f"in row {row!r}")
    return out


#: Tokens (lower-cased, with their dot) after which a full stop never ends a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    "mr. mrs. ms. dr. prof. st. jr. sr. gen. col. lt. sgt. capt. gov. sen. rep. pres. amb. "
    "rev. no. vs. cf. approx. dept. inc. ltd. co. corp. mt. ft. jan. feb. mar. apr. jun. jul. "
    "aug. sep. sept. oct. nov. dec.".split()
)


_OPENERS = "“‘\"(["


_CLOSERS = "”’\")]"


_ACRONYM = re.compile(r"(?:[a-z]\.){2,}")  # u.s., e.g., u.n.


def _is_abbreviation(token: str) -> bool:
    """Whether ``token`` (the word ending with the full stop) is an abbreviation or initial."""
    token = token.lstrip(_OPENERS)
    if re.fullmatch(r"[A-Z]\.", token):  # an initial, as in "Vladimir V. Putin"
        return True
    low = token.lower()
    return low in ABBREVIATIONS or bool(_ACRONYM.fullmatch(low))


def _is_boundary(text: str, stop: int, after: int) -> bool:
    """Whether a sentence may end after ``text[stop]`` (terminal) and ``text[stop+1:after]``."""
    if after >= len(text):
        return True
    if not text[after].isspace():
        return False  # "Kremlin.ru", "3.5", the inner dots of "U.S."
    rest = text[after:].lstrip()
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENERS):
        return False
    if text[stop] == ".":
        token = text[:stop + 1].split()[-1]
        if _is_abbreviation(token):
            return False
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Find sentence spans in one paragraph with a rule-based splitter.

    A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) when

    * it is not inside a quotation (typographic “…” or straight "…"; an unclosed quotation
      runs to the end of the text, so nothing inside it is split),
    * whitespace follows, then a capital letter, a digit or an opening quote or bracket,
    * the word ending with a full stop is not an abbreviation (:data:`ABBREVIATIONS`), an
      acronym with inner dots (``U.S.``, ``e.g.``) or a single initial (``V.``).

    Known limitation: a sentence that really ends with ``U.S.`` is not split.

    Parameters
    ----------
    text : str
        One paragraph.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets, whitespace-trimmed, in order and non-overlapping.

    Raises
    ------
    ParameterError
        If ``text`` is not a str.
    """
    check_str("text", text, empty=True)
    spans: list[tuple[int, int]] = []
    start, i, n, in_quote = 0, 0, len(text), False
    while i < n:
        c = text[i]
        if c == "“":
            in_quote = True
        elif c == "”":
            in_quote = False
        elif c == '"':
            in_quote = not in_quote
        if c not in ".!?":
            i += 1
            continue
        j = i + 1
        while j < n and text[j] in ".!?":
            j += 1
        while j < n and text[j] in _CLOSERS:
            in_quote = False if text[j] in "”\"" else in_quote
            j += 1
        if not in_quote and _is_boundary(text, i, j):
            spans.append((start, j))
            start = j
        i = j
    spans.append((start, n))
    return _trim_spans(text, spans)


def _trim_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Strip whitespace from spans and drop empty ones."""
    out = []
    for a, b in spans:
        seg = text[a:b]
        a2 = a + len(seg) - len(seg.lstrip())
        b2 = b - (len(seg) - len(seg.rstrip()))
        if b2 > a2:
            out.append((a2, b2))
    return out


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences (see :func:`sentence_spans`).

    Examples
    --------
    >>> split_sentences("The U.S. said “Go. Now.” Then it left.")
    ['The U.S. said “Go. Now.”', 'Then it left.']
    """
    check_str("text", text, empty=True)
    return [text[a:b] for a, b in sentence_spans(text)]


def _para_sentence_spans(para: Paragraph) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph: headings and captions are one sentence each."""
    if para.kind != "body":
        return [(0, len(para.text))]
    return sentence_spans(para.text)


def _para_sentences(para: Paragraph) -> list[Sentence]:
    """Return the sentences of one paragraph."""
    return [
        Sentence(para.number, k, para.text[a:b], a, b)
        for k, (a, b) in enumerate(_para_sentence_spans(para), start=1)
    ]


def sentences(path: PathLike | None = None) -> list[Sentence]:
    """Return every sentence of the article (headings and captions count as one each)."""
    return [s for p in paragraphs(path) for s in _para_sentences(p)]


def sentences_frame(path: PathLike | None = None) -> pd.DataFrame:
    """Return sentences as a DataFrame (``paragraph``, ``index``, ``text``, ``start``, ``end``)."""
    return _frame(sentences(path), Sentence)


def _sentence_of(sents: Sequence[Sentence], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (the nearest one before, if in a gap)."""
    index = sents[0].index if sents else 1
    for s in sents:
        if s.start <= pos:
            index = s.index
    return index

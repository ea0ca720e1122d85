"""The seed article as data: paragraphs, sentences, quotations, actor mentions, attributions.

Everything here is rule-based and meant to be read: the rules are short, the gazetteer is a
table (:mod:`helpers.gazetteer`), and each function returns plain dataclasses or DataFrames.
Nothing is read at import time; every loader takes a ``path`` that defaults to
``helpers.SEEDS_DIR / "article.txt"``.

Conventions
-----------
* Paragraphs are numbered from 1 over the non-empty blocks separated by blank lines.
* Sentences are numbered from 1 within their paragraph.
* Character offsets (``start``, ``end``) are relative to the paragraph text (which is stripped
  of surrounding whitespace); ``Paragraph.start`` gives the paragraph's offset in the file.
* A missing value is ``None`` (in DataFrames too).

Examples
--------
>>> from helpers import article
>>> paras = article.paragraphs()
>>> paras[5].kind, paras[5].text
('heading', 'Anti-West Move')
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd

from helpers import REPO_ROOT, SEEDS_DIR
from helpers.gazetteer import ACTORS, CompiledAlias, compile_gazetteer

__all__ = [
    "ABBREVIATIONS",
    "ATTRIBUTION_KINDS",
    "OPENING",
    "Attribution",
    "Mention",
    "Paragraph",
    "Quotation",
    "Sentence",
    "attribution_lexicon",
    "attributions",
    "attributions_frame",
    "co_mention_graph",
    "evaluate",
    "false_alarms",
    "find_mentions",
    "load_gold_mentions",
    "load_gold_quotations",
    "load_text",
    "match_mentions",
    "mentions",
    "mentions_frame",
    "mentions_per_paragraph",
    "misses",
    "paragraphs",
    "paragraphs_frame",
    "parse_paragraphs",
    "quotations",
    "quotations_frame",
    "quote_spans",
    "sentence_spans",
    "sentences",
    "sentences_frame",
    "sha256_of",
    "split_sentences",
    "to_markdown",
]

#: Section name given to paragraphs before the first heading.
OPENING = "(opening)"
#: Attribution kinds of a quotation, from most to least checkable.
ATTRIBUTION_KINDS: tuple[str, ...] = ("named", "role_only", "anonymous", "none")

_GOLD_DIR = REPO_ROOT / "tests" / "data"
PathLike = str | Path
# (subject as written, person ids, actor ids, rule) -- see :func:`attributions`
_Subject = tuple[str | None, tuple[str, ...], tuple[str, ...], str]
# (speaker as written, person, actor, attribution kind, rule)
_Speaker = tuple[str | None, str | None, str | None, str, str]


# ----------------------------------------------------------------------------- dataclasses


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


@dataclass(frozen=True)
class Quotation:
    """One quotation, with its attribution.

    Attributes
    ----------
    paragraph, sentence : int
        Where the opening mark stands.
    start, end : int
        Span of the quoted text (without the marks) in the paragraph.
    text : str
        The quoted text as written (a trailing comma inside the marks is kept).
    closed : bool
        False if the closing mark is missing.
    kind : str
        ``"full"`` (a statement) or ``"scare"`` (a short quoted word or phrase).
    speaker : str or None
        The speaker as written ("she", "the Kremlin chief", "a senior Iranian official, ...").
    speaker_person, speaker_actor : str or None
        Normalised identity: person id and actor id.
    attribution : str
        One of :data:`ATTRIBUTION_KINDS`.
    rule : str
        Which rule found the speaker (for reading the extractor's reasoning).
    """

    paragraph: int
    sentence: int
    start: int
    end: int
    text: str
    closed: bool
    kind: str
    speaker: str | None
    speaker_person: str | None
    speaker_actor: str | None
    attribution: str
    rule: str


@dataclass(frozen=True)
class Mention:
    """One gazetteer match; ``start``/``end`` are offsets in the paragraph text."""

    paragraph: int
    sentence: int
    start: int
    end: int
    surface: str
    actor_id: str
    person: str | None
    mention_type: str
    alias: str


@dataclass(frozen=True)
class Attribution:
    """One attribution verb and its subject.

    Attributes
    ----------
    paragraph, sentence, start, end : int
        Location of the verb (offsets in the paragraph).
    verb, lemma, category : str
        Surface form, lemma and category from :func:`attribution_lexicon`.
    reports_content : bool
        Whether the verb introduces reported words or thoughts ("said", "believes").
    voice : str
        ``"active"`` or ``"passive"``.
    subject : str or None
        The subject as written (None for an agentless passive or if not found).
    subject_persons, subject_actors : tuple of str
        Normalised subject(s); coordinated subjects give several.
    rule : str
        Which rule found the subject.
    """

    paragraph: int
    sentence: int
    start: int
    end: int
    verb: str
    lemma: str
    category: str
    reports_content: bool
    voice: str
    subject: str | None
    subject_persons: tuple[str, ...]
    subject_actors: tuple[str, ...]
    rule: str


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


# ----------------------------------------------------------------------------- loading


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
    """
    return Path(SEEDS_DIR / "article.txt" if path is None else path).read_text(encoding="utf-8")


def sha256_of(path: PathLike | None = None) -> str:
    """Return the hex SHA-256 of the article file (default: the seed article)."""
    data = Path(SEEDS_DIR / "article.txt" if path is None else path).read_bytes()
    return hashlib.sha256(data).hexdigest()


# ----------------------------------------------------------------------------- paragraphs

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
    """
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
    """
    frame = paragraphs_frame() if paragraphs is None else paragraphs
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


# ----------------------------------------------------------------------------- sentences

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
    """
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


# ----------------------------------------------------------------------------- mentions


def _compiled(gazetteer: pd.DataFrame | Sequence[CompiledAlias] | None) -> list[CompiledAlias]:
    """Accept a gazetteer table, an already compiled list, or None (the built-in one)."""
    if gazetteer is None or isinstance(gazetteer, pd.DataFrame):
        return compile_gazetteer(gazetteer)
    return list(gazetteer)


def find_mentions(
    text: str, gazetteer: pd.DataFrame | Sequence[CompiledAlias] | None = None
) -> list[tuple[int, int, CompiledAlias]]:
    """Find gazetteer aliases in a text, longest match first, without overlaps.

    Every alias is searched (word-bounded); candidate matches are then taken longest first
    (ties: earlier start, then earlier gazetteer row), skipping any that overlap a match
    already taken.  Finally, adjacent matches naming the same person and separated only by
    whitespace ("Supreme Leader" + "Ayatollah Ali Khamenei") are merged into one.

    Parameters
    ----------
    text : str
        One paragraph (or any text).
    gazetteer : pandas.DataFrame or list of CompiledAlias, optional
        Defaults to the built-in gazetteer.

    Returns
    -------
    list of (start, end, CompiledAlias)
        Sorted by start.
    """
    candidates = [
        (m.start(), m.end(), alias)
        for alias in _compiled(gazetteer)
        for m in alias.pattern.finditer(text)
    ]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2].row))
    taken: list[tuple[int, int, CompiledAlias]] = []
    used = [False] * len(text)
    for a, b, alias in candidates:
        if not any(used[a:b]):
            taken.append((a, b, alias))
            used[a:b] = [True] * (b - a)
    return _merge_same_person(text, sorted(taken, key=lambda t: t[0]))


def _merge_same_person(
    text: str, matches: list[tuple[int, int, CompiledAlias]]
) -> list[tuple[int, int, CompiledAlias]]:
    """Merge neighbouring matches of the same person separated only by whitespace."""
    out: list[tuple[int, int, CompiledAlias]] = []
    for a, b, alias in matches:
        if out:
            pa, pb, prev = out[-1]
            same = prev.person is not None and prev.person == alias.person
            if same and text[pb:a].isspace():
                keep = alias if alias.mention_type == "name" else prev
                out[-1] = (pa, b, keep)
                continue
        out.append((a, b, alias))
    return out


def _para_mentions(para: Paragraph, compiled: Sequence[CompiledAlias]) -> list[Mention]:
    """Mentions in one paragraph, with sentence indices."""
    sents = _para_sentences(para)
    return [
        Mention(
            para.number, _sentence_of(sents, a), a, b, para.text[a:b],
            alias.actor_id, alias.person, alias.mention_type, alias.alias,
        )
        for a, b, alias in find_mentions(para.text, compiled)
    ]


def mentions(
    path: PathLike | None = None, gazetteer: pd.DataFrame | None = None
) -> list[Mention]:
    """Return every actor mention the gazetteer finds in the article.

    Parameters
    ----------
    path : str or Path, optional
        The article; defaults to the seed.
    gazetteer : pandas.DataFrame, optional
        A (possibly extended) gazetteer; defaults to :func:`helpers.gazetteer.gazetteer`.

    Returns
    -------
    list of Mention
    """
    compiled = _compiled(gazetteer)
    return [m for p in paragraphs(path) for m in _para_mentions(p, compiled)]


def mentions_frame(
    path: PathLike | None = None, gazetteer: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return :func:`mentions` as a DataFrame (one row per mention)."""
    return _frame(mentions(path, gazetteer), Mention)


def mentions_per_paragraph(
    mentions: pd.DataFrame | None = None, n_paragraphs: int | None = None
) -> pd.DataFrame:
    """Count mentions per paragraph and actor.

    Parameters
    ----------
    mentions : pandas.DataFrame, optional
        Needs ``paragraph`` and ``actor_id`` (e.g. :func:`mentions_frame` or the gold table);
        defaults to :func:`mentions_frame` of the seed.
    n_paragraphs : int, optional
        Show paragraphs 1..n (rows with no mention are zeros).  Defaults to all paragraphs of
        the seed when ``mentions`` is None, else to the largest paragraph number seen.

    Returns
    -------
    pandas.DataFrame
        Index ``paragraph``; one integer column per actor id (in :data:`ACTORS` order).
    """
    if mentions is None:
        mentions = mentions_frame()
        n_paragraphs = n_paragraphs or len(paragraphs())
    largest = int(mentions["paragraph"].max()) if len(mentions) else 0
    if n_paragraphs is not None and (isinstance(n_paragraphs, bool)
                                     or not isinstance(n_paragraphs, int)
                                     or n_paragraphs < max(largest, 1)):
        raise ValueError(f"n_paragraphs must be a whole number >= {max(largest, 1)} (the largest "
                         f"paragraph with a mention), got {n_paragraphs!r}")
    counts = pd.crosstab(mentions["paragraph"], mentions["actor_id"])
    n = n_paragraphs or largest
    order = [a for a in ACTORS if a in counts.columns] + sorted(
        c for c in counts.columns if c not in ACTORS
    )
    table = counts.reindex(index=range(1, n + 1), columns=order, fill_value=0).astype(int)
    table.index.name, table.columns.name = "paragraph", "actor_id"
    return table


# ----------------------------------------------------------------------------- co-mentions


def _with_sentences(frame: pd.DataFrame, path: PathLike | None) -> pd.DataFrame:
    """Add a ``sentence`` column (from ``paragraph`` + ``start``) when it is missing."""
    if "sentence" in frame.columns:
        return frame
    sents = {p.number: _para_sentences(p) for p in paragraphs(path)}
    out = frame.copy()
    out["sentence"] = [
        _sentence_of(sents[int(p)], int(s))
        for p, s in zip(out["paragraph"], out["start"], strict=True)
    ]
    return out


def co_mention_graph(
    mentions: pd.DataFrame | None = None,
    unit: str = "sentence",
    min_weight: int = 1,
    path: PathLike | None = None,
) -> nx.Graph:
    """Build the co-mention network of actors.

    Two actors are linked when they are mentioned in the same unit; the edge weight is the
    number of units (sentences or paragraphs) in which both appear.  People count as their
    state (``actor_id``).

    Parameters
    ----------
    mentions : pandas.DataFrame, optional
        Needs ``paragraph``, ``actor_id`` and, for sentences, ``sentence`` or ``start`` (then
        sentences are found in the article at ``path``).  Defaults to the seed's mentions.
        The gold table works too.
    unit : {"sentence", "paragraph"}
        The co-occurrence window.
    min_weight : int
        Drop edges with weight below this (nodes stay).
    path : str or Path, optional
        The article, when mentions are computed or sentences assigned.

    Returns
    -------
    networkx.Graph
        Nodes are actor ids with attributes ``name`` and ``mentions`` (count); edges have
        ``weight``.

    Raises
    ------
    ValueError
        If ``unit`` is not "sentence" or "paragraph", or ``min_weight`` < 1.
    """
    if unit not in ("sentence", "paragraph"):
        raise ValueError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")
    if min_weight < 1:
        raise ValueError("min_weight must be at least 1")
    frame = mentions_frame(path) if mentions is None else mentions
    keys = ["paragraph"]
    if unit == "sentence":
        frame = _with_sentences(frame, path)
        keys.append("sentence")
    graph = nx.Graph()
    for actor, count in frame["actor_id"].value_counts().items():
        graph.add_node(actor, name=ACTORS.get(actor, (actor, ""))[0], mentions=int(count))
    for _, group in frame.groupby(keys):
        for a, b in combinations(sorted(set(group["actor_id"])), 2):
            weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
            graph.add_edge(a, b, weight=weight + 1)
    weak = [(a, b) for a, b, w in graph.edges(data="weight") if w < min_weight]
    graph.remove_edges_from(weak)
    return graph


# ----------------------------------------------------------------------------- attribution verbs

# form, lemma, category, reports_content
_VERBS: tuple[tuple[str, str, str, bool], ...] = (
    ("said", "say", "neutral", True),
    ("says", "say", "neutral", True),
    ("stated", "state", "neutral", True),
    ("added", "add", "neutral", True),
    ("told", "tell", "neutral", True),
    ("claimed", "claim", "doubting", True),
    ("claiming", "claim", "doubting", True),
    ("claims", "claim", "doubting", True),
    ("attempted to discredit", "discredit", "doubting", False),
    ("believes", "believe", "cognitive", True),
    ("anticipate", "anticipate", "cognitive", True),
    ("anticipates", "anticipate", "cognitive", True),
    ("warning", "warn", "directive", True),
    ("warned", "warn", "directive", True),
    ("called for", "call for", "directive", False),
    ("discussed", "discuss", "neutral", False),
    ("tagged", "tag", "labelling", True),
    ("abhors", "abhor", "emotive", False),
    ("wagering", "wager", "interpretive", False),
)


def attribution_lexicon() -> pd.DataFrame:
    """Return the attribution-verb lexicon (a table students can extend).

    Returns
    -------
    pandas.DataFrame
        Columns ``form`` (matched case-insensitively, word-bounded), ``lemma``, ``category``
        (neutral, doubting, cognitive, directive, labelling, emotive, interpretive) and
        ``reports_content`` (True if the verb introduces reported words or thoughts, so a
        quotation inside its clause can be attributed to its subject).
    """
    return pd.DataFrame(list(_VERBS), columns=["form", "lemma", "category", "reports_content"])


_AUX_TAIL = re.compile(
    r"(?:\s+(?:also|have|has|had|will|would|could|should|may|might|must|can|is|are|was|were|"
    r"be|been|being|not|then|already|still|now|regularly|recently|reportedly|repeatedly|"
    r"previously|publicly|openly|later))+\s*$",
    re.IGNORECASE,
)
_PASSIVE_TAIL = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PRONOUN_TAIL = re.compile(r"(?<!\w)(she|he|they|we|it)\s*$", re.IGNORECASE)
_CLOSING_TAIL = re.compile(r"[,.!?]?[”\"]\s*$")
_COORD = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+)"
    r"(?:(?:President|Prime Minister|Supreme Leader|Ayatollah|King|Crown Prince)\s+)?"
)
_ANONYMOUS = re.compile(
    r"anonym|declined to be (?:named|identified)|not authori[sz]ed|\bsources?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Context:
    """What the attribution rules need about one paragraph."""

    para: Paragraph
    sents: list[Sentence]
    mentions: list[Mention]
    earlier: list[Mention]  # mentions in earlier paragraphs, for pronouns


def _resolve_pronoun(ctx: _Context, pronoun: str, pos: int) -> tuple[str | None, str | None]:
    """Resolve a subject pronoun to (person, actor) with two simple rules.

    *she/he*: the last person mentioned before ``pos`` (this paragraph, then earlier ones).
    *they/we/it*: the first actor mentioned in the same sentence before ``pos``, else the
    last actor mentioned before ``pos`` in the paragraph (actor only, no person).
    """
    before = [m for m in ctx.mentions if m.end <= pos]
    if pronoun.lower() in ("she", "he"):
        people = [m for m in ctx.earlier + before if m.person]
        return (people[-1].person, people[-1].actor_id) if people else (None, None)
    sent = _sentence_of(ctx.sents, pos)
    same = [m for m in before if m.sentence == sent]
    pick = same[0] if same else (before[-1] if before else None)
    return (None, pick.actor_id) if pick else (None, None)


def _resolve_phrase(ctx: _Context, a: int, b: int) -> tuple[str | None, str | None, str]:
    """Resolve a speaker phrase ``para.text[a:b]`` to (person, actor, attribution kind)."""
    phrase = ctx.para.text[a:b].strip()
    pron = re.fullmatch(r"(she|he|they|we|it)", phrase, re.IGNORECASE)
    if pron:
        person, actor = _resolve_pronoun(ctx, phrase, a)
    else:
        inside = [m for m in ctx.mentions if a <= m.start and m.end <= b]
        people = [m for m in inside if m.person]
        first = people[0] if people else (inside[0] if inside else None)
        person, actor = (first.person, first.actor_id) if first else (None, None)
    if _ANONYMOUS.search(phrase) or (person is None and re.match(r"(?:a|an)\s", phrase, re.I)):
        return None, actor, "anonymous"
    if person:
        return person, actor, "named"
    return None, actor, "role_only" if actor else "anonymous"


def _coordinated(ctx: _Context, last: Mention) -> list[Mention]:
    """``last`` plus the mentions coordinated before it ("Putin, Erdogan, and ... Raisi")."""
    group = [last]
    earlier = [m for m in ctx.mentions if m.end <= last.start and m.sentence == last.sentence]
    for m in reversed(earlier):
        if not _COORD.fullmatch(ctx.para.text[m.end:group[0].start]):
            break
        group.insert(0, m)
    return group


def _subject(ctx: _Context, sent: Sentence, a: int, b: int, passive: bool) -> _Subject:
    """Find the subject of the verb at ``[a, b)``: (text, persons, actors, rule)."""
    text = ctx.para.text
    left = text[sent.start:a]
    if passive:
        agent = re.match(r"\s+(?:\w+\s+){0,2}?by\s+", text[b:sent.end])
        found = [m for m in ctx.mentions if agent and m.start == b + agent.end()]
        if not found:
            return None, (), (), "agentless passive"
        return found[0].surface, _people(found), _actors(found), "passive agent"
    if _CLOSING_TAIL.search(left):
        end = sent.end - 1 if text[sent.end - 1] in ".!?" else sent.end
        person, actor, _ = _resolve_phrase(ctx, b, end)
        return text[b:end].strip(), _opt(person), _opt(actor), "inverted after quotation"
    core = _AUX_TAIL.sub("", left.rstrip()) if _AUX_TAIL.search(left) else left.rstrip()
    pron = _PRONOUN_TAIL.search(core)
    if pron:
        pos = sent.start + pron.start(1)
        person, actor = _resolve_pronoun(ctx, pron.group(1), pos)
        return pron.group(1), _opt(person), _opt(actor), "pronoun"
    end = sent.start + len(core)
    adjacent = [m for m in ctx.mentions if m.end == end and m.sentence == sent.index]
    if adjacent:
        group = _coordinated(ctx, adjacent[0])
        return text[group[0].start:end], _people(group), _actors(group), "adjacent"
    return _nearest(ctx, sent, a)


def _nearest(ctx: _Context, sent: Sentence, a: int) -> _Subject:
    """Fallback subject: nearest person before the verb in the sentence, else nearest actor."""
    before = [m for m in ctx.mentions if m.sentence == sent.index and m.end <= a]
    people = [m for m in before if m.person]
    if people:
        return people[-1].surface, _people(people[-1:]), _actors(people[-1:]), "nearest person"
    if before:
        return before[-1].surface, (), _actors(before[-1:]), "nearest actor"
    return None, (), (), "not found"


def _people(ms: Sequence[Mention]) -> tuple[str, ...]:
    """Distinct person ids of some mentions, in order."""
    return tuple(dict.fromkeys(m.person for m in ms if m.person))


def _actors(ms: Sequence[Mention]) -> tuple[str, ...]:
    """Distinct actor ids of some mentions, in order."""
    return tuple(dict.fromkeys(m.actor_id for m in ms))


def _opt(value: str | None) -> tuple[str, ...]:
    """Return a one-element tuple, or an empty one for None."""
    return (value,) if value else ()


def _verb_patterns(lexicon: pd.DataFrame) -> list[tuple[re.Pattern[str], pd.Series]]:
    """Compile lexicon forms, longest first."""
    rows = sorted((r for _, r in lexicon.iterrows()), key=lambda r: -len(r["form"]))
    return [
        (re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, r["form"].split())) + r"(?!\w)",
                    re.IGNORECASE), r)
        for r in rows
    ]


def _para_attributions(
    ctx: _Context, patterns: list[tuple[re.Pattern[str], pd.Series]]
) -> list[Attribution]:
    """Attribution verbs of one paragraph, skipping verbs inside quotations."""
    quoted = [(a, b) for a, b, _, _ in _quotes_with_tags(ctx.para.text)]
    used: list[tuple[int, int]] = []
    out = []
    for pattern, row in patterns:
        for m in pattern.finditer(ctx.para.text):
            a, b = m.span()
            if any(qa <= a < qb for qa, qb in quoted) or any(ua < b and a < ub for ua, ub in used):
                continue
            used.append((a, b))
            sent = ctx.sents[_sentence_of(ctx.sents, a) - 1]
            passive = bool(_PASSIVE_TAIL.search(ctx.para.text[sent.start:a])) and m.group(
            ).endswith("ed")
            subject, persons, actors, rule = _subject(ctx, sent, a, b, passive)
            out.append(Attribution(
                ctx.para.number, sent.index, a, b, m.group(), row["lemma"], row["category"],
                bool(row["reports_content"]), "passive" if passive else "active",
                subject, persons, actors, rule,
            ))
    return sorted(out, key=lambda x: x.start)


def _contexts(path: PathLike | None, gazetteer: pd.DataFrame | None) -> list[_Context]:
    """Build the per-paragraph contexts (paragraph, sentences, mentions)."""
    compiled = _compiled(gazetteer)
    out: list[_Context] = []
    earlier: list[Mention] = []
    for para in paragraphs(path):
        ms = _para_mentions(para, compiled)
        out.append(_Context(para, _para_sentences(para), ms, list(earlier)))
        earlier.extend(ms)
    return out


def attributions(
    path: PathLike | None = None,
    gazetteer: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
) -> list[Attribution]:
    """Find attribution verbs and their subjects (a window on the article's framing).

    Subject rules, tried in order: an agentless passive has no subject ("was tagged"); after a
    closing quotation mark the subject follows the verb (``” said X``); a pronoun just
    before the verb (auxiliaries and -ly adverbs skipped) is resolved by
    :func:`_resolve_pronoun`; a gazetteer mention just before the verb is the subject, with
    coordinated mentions ("Putin, Erdogan, and President Ebrahim Raisi discussed"); otherwise
    the nearest person, else the nearest actor, before the verb in the sentence.

    Parameters
    ----------
    path : str or Path, optional
        The article; defaults to the seed.
    gazetteer : pandas.DataFrame, optional
        Gazetteer used to find subjects.
    lexicon : pandas.DataFrame, optional
        Verb lexicon; defaults to :func:`attribution_lexicon`.

    Returns
    -------
    list of Attribution
        In reading order.
    """
    patterns = _verb_patterns(attribution_lexicon() if lexicon is None else lexicon)
    return [a for ctx in _contexts(path, gazetteer) for a in _para_attributions(ctx, patterns)]


def attributions_frame(
    path: PathLike | None = None,
    gazetteer: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return :func:`attributions` as a DataFrame (one row per verb)."""
    return _frame(attributions(path, gazetteer, lexicon), Attribution)


# ----------------------------------------------------------------------------- quotations

_TAG_VERBS = r"said|says|added|adds|stated|told\s+\w+"
_TRAILING_TAG = re.compile(
    rf",\s+(?P<spk>she|he|they|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}})\s+(?:{_TAG_VERBS})\.?\s*$"
)
_TAG_AFTER_INVERTED = re.compile(rf"\s*(?:{_TAG_VERBS})\s+(?P<spk>[^.!?“\"]+)")
_TAG_AFTER = re.compile(
    rf"\s*(?P<spk>she|he|they|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}})\s+(?:{_TAG_VERBS})\b"
)
_TAG_BEFORE = re.compile(rf"(?:{_TAG_VERBS})\s*[:,]?\s*$")


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Find quoted stretches in one paragraph.

    A typographic “ opens and the next ” closes; straight quotes pair up in order.  An opening
    mark with no closing mark (before the next opening mark) runs to the end of the text.

    Parameters
    ----------
    text : str
        One paragraph.

    Returns
    -------
    list of (start, end, closed)
        Offsets of the quoted text *without* the marks; ``closed`` is False if the closing
        mark is missing.

    Examples
    --------
    >>> quote_spans('a “b” c “d e')
    [(3, 4, True), (9, 12, False)]
    """
    spans: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n:
        mark = text[i]
        if mark not in "“\"":
            i += 1
            continue
        close = text.find("”" if mark == "“" else '"', i + 1)
        nxt = text.find(mark, i + 1) if mark == "“" else -1
        if close != -1 and (nxt == -1 or close < nxt):
            spans.append((i + 1, close, True))
            i = close + 1
            continue
        end = nxt if nxt != -1 else n
        spans.append((i + 1, len(text[:end].rstrip()), False))
        i = end
    return spans


def _quotes_with_tags(text: str) -> list[tuple[int, int, bool, re.Match[str] | None]]:
    """Quote spans, with a speaker tag cut off the end of an unclosed quotation.

    The article's last quotation lacks its closing mark, so its ", she added." falls inside
    the marks; a trailing ``, <pronoun or Name> <said|added|...>.`` is read as the tag.
    """
    out = []
    for a, b, closed in quote_spans(text):
        tag = None if closed else _TRAILING_TAG.search(text, a, b)
        if tag:
            b = tag.start() + 1  # keep the comma, as in “…monitor,” she added.
        out.append((a, b, closed, tag))
    return out


def _is_full(quoted: str, has_tag: bool) -> bool:
    """Full quotation: has a speech tag, or at least five words, or ends like a sentence."""
    return has_tag or len(quoted.split()) >= 5 or quoted.rstrip().endswith((".", "!", "?"))


def _speaker_of_full(
    ctx: _Context, a: int, b: int, tag: re.Match[str] | None
) -> tuple[int, int, str] | None:
    """Locate the speaker phrase of a full quotation: (start, end, rule), or None."""
    text = ctx.para.text
    if tag:
        return tag.start("spk"), tag.end("spk"), "tag inside unclosed quotation"
    after = b + 1
    m = _TAG_AFTER_INVERTED.match(text, after)
    if m:
        return m.start("spk"), len(text[:m.end("spk")].rstrip(" ,")), "tag after (inverted)"
    m = _TAG_AFTER.match(text, after)
    if m:
        return m.start("spk"), m.end("spk"), "tag after"
    sent = ctx.sents[_sentence_of(ctx.sents, a - 1) - 1]
    m = _TAG_BEFORE.search(text, sent.start, a - 1)
    if m:
        found = _subject(ctx, sent, m.start(), m.end(), passive=False)
        if found[0]:
            start = text.rfind(found[0], sent.start, m.start())
            return start, start + len(found[0]), "tag before"
    return None


def _scare_speaker(ctx: _Context, a: int, verbs: list[Attribution]) -> _Speaker:
    """Speaker of a scare quote: the subject of the last content verb before it, if active."""
    sent = _sentence_of(ctx.sents, a)
    before = [v for v in verbs if v.sentence == sent and v.end <= a and v.reports_content]
    if not before:
        return None, None, None, "none", "no reporting verb"
    v = before[-1]
    if v.voice == "passive" or not v.subject:
        return None, None, None, "none", f"agentless passive '{v.verb}'"
    person = v.subject_persons[0] if v.subject_persons else None
    actor = v.subject_actors[0] if v.subject_actors else None
    kind = "named" if person else ("role_only" if actor else "anonymous")
    return v.subject, person, actor, kind, f"subject of '{v.verb}'"


def _para_quotations(ctx: _Context, verbs: list[Attribution]) -> list[Quotation]:
    """Quotations of one paragraph with speakers."""
    out: list[Quotation] = []
    for a, b, closed, tag in _quotes_with_tags(ctx.para.text):
        quoted = ctx.para.text[a:b]
        sent = _sentence_of(ctx.sents, a - 1)
        if not _is_full(quoted, tag is not None):
            spk, person, actor, kind, rule = _scare_speaker(ctx, a, verbs)
            out.append(Quotation(ctx.para.number, sent, a, b, quoted, closed, "scare",
                                 spk, person, actor, kind, rule))
            continue
        where = _speaker_of_full(ctx, a, b, tag)
        if where:
            sa, sb, rule = where
            person, actor, kind = _resolve_phrase(ctx, sa, sb)
            spk: str | None = ctx.para.text[sa:sb]
        else:
            prev = [q for q in out if q.kind == "full" and q.speaker]
            spk, person, actor, kind, rule = (
                (prev[-1].speaker, prev[-1].speaker_person, prev[-1].speaker_actor,
                 prev[-1].attribution, "continuation")
                if prev else (None, None, None, "none", "no tag")
            )
        out.append(Quotation(ctx.para.number, sent, a, b, quoted, closed, "full",
                             spk, person, actor, kind, rule))
    return out


def quotations(
    path: PathLike | None = None, gazetteer: pd.DataFrame | None = None
) -> list[Quotation]:
    """Find every quotation in the article, full or scare, with its attribution.

    Rules.  *Kind*: a quotation is *full* if it has a speech tag, has at least five words or
    ends with ``.``/``!``/``?``; otherwise it is a *scare* quote.  *Speaker of a full
    quotation*: a tag after the closing mark (``” said X`` up to the end of the sentence, or
    ``” X said``), a tag cut from the end of an unclosed quotation (``…, she added.``), a tag
    before the opening mark (``X said: “``), else the speaker of the previous full quotation
    in the paragraph (continuation).  *Speaker of a scare quote*: the subject of the last
    content-reporting verb before it in its sentence (``Peskov stated that … “price”``);
    an agentless passive (``was tagged as “anti-west”``) or no such verb gives none.
    *Attribution kind*: anonymous if the phrase says so ("asked for anonymity") or is an
    indefinite description with no named person ("a senior Iranian official"); named if a
    person is identified (by name, unique role such as "the Kremlin chief", or a resolved
    pronoun); role_only if only a state or institution is; none if no speaker.

    Parameters
    ----------
    path : str or Path, optional
        The article; defaults to the seed.
    gazetteer : pandas.DataFrame, optional
        Gazetteer used to resolve speakers.

    Returns
    -------
    list of Quotation
        In reading order.
    """
    patterns = _verb_patterns(attribution_lexicon())
    out = []
    for ctx in _contexts(path, gazetteer):
        out.extend(_para_quotations(ctx, _para_attributions(ctx, patterns)))
    return out


def quotations_frame(
    path: PathLike | None = None, gazetteer: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return :func:`quotations` as a DataFrame (one row per quotation)."""
    return _frame(quotations(path, gazetteer), Quotation)


# ----------------------------------------------------------------------------- gold & evaluation


def _read_csv(path: PathLike) -> pd.DataFrame:
    """Read a small CSV with the csv module (empty cells become None, not NaN)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(f)]
    return pd.DataFrame(rows, dtype=object)


def load_gold_mentions(path: PathLike | None = None) -> pd.DataFrame:
    """Load the hand-checked actor mentions (``tests/data/article_gold_mentions.csv``).

    Returns
    -------
    pandas.DataFrame
        Columns ``paragraph``, ``start``, ``end`` (= start + length of surface), ``surface``,
        ``actor_id``, ``person``, ``mention_type``, ``note``.  A group reference ("the two
        leaders") has one row per actor.
    """
    frame = _read_csv(_GOLD_DIR / "article_gold_mentions.csv" if path is None else path)
    frame["paragraph"] = frame["paragraph"].astype(int)
    frame["start"] = frame["start"].astype(int)
    frame.insert(2, "end", frame["start"] + frame["surface"].str.len())
    return frame


def load_gold_quotations(path: PathLike | None = None) -> pd.DataFrame:
    """Load the hand-checked quotations (``tests/data/article_gold_quotations.csv``)."""
    frame = _read_csv(_GOLD_DIR / "article_gold_quotations.csv" if path is None else path)
    frame["paragraph"] = frame["paragraph"].astype(int)
    frame["closed"] = frame["closed"] == "True"
    return frame


def _spans(frame: pd.DataFrame) -> list[tuple[int, int, int, str, object]]:
    """(paragraph, start, end, actor_id, person) per row; ``end`` from surface if missing."""
    ends = frame["end"] if "end" in frame else frame["start"] + frame["surface"].str.len()
    person = frame["person"] if "person" in frame else [None] * len(frame)
    return [
        (int(p), int(s), int(e), a, None if pd.isna(q) else q)
        for p, s, e, a, q in zip(frame["paragraph"], frame["start"], ends, frame["actor_id"],
                                 person, strict=True)
    ]


def match_mentions(
    mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False
) -> pd.DataFrame:
    """Pair predicted and gold mentions one-to-one.

    A prediction matches a gold row if they are in the same paragraph, their spans overlap and
    their ``actor_id`` agree (and, with ``match_person``, their ``person`` too).  Each row is
    used at most once: the pairing is a maximum matching (as many pairs as possible; among
    those, the largest total overlap), so the tp count does not depend on row order.

    Parameters
    ----------
    mentions, gold : pandas.DataFrame
        Both need ``paragraph``, ``start``, ``actor_id`` and ``end`` or ``surface``.
    match_person : bool
        Also require the same person id (None = None).

    Returns
    -------
    pandas.DataFrame
        Columns ``status`` ("tp", "fp", "fn"), ``pred`` and ``gold`` (row positions in the
        inputs, or None).
    """
    pred, ref = _spans(mentions), _spans(gold)
    graph = nx.Graph()
    for i, (pp, ps, pe, pa, pq) in enumerate(pred):
        for j, (gp, gs, ge, ga, gq) in enumerate(ref):
            overlap = min(pe, ge) - max(ps, gs)
            if pp == gp and overlap > 0 and pa == ga and (not match_person or pq == gq):
                graph.add_edge(("p", i), ("g", j), weight=overlap)
    pairs = sorted(
        (u[1], v[1]) if u[0] == "p" else (v[1], u[1])
        for u, v in nx.max_weight_matching(graph, maxcardinality=True)
    )
    used_p = {i for i, _ in pairs}
    used_g = {j for _, j in pairs}
    rows: list[tuple[str, int | None, int | None]] = [("tp", i, j) for i, j in pairs]
    rows += [("fp", i, None) for i in range(len(pred)) if i not in used_p]
    rows += [("fn", None, j) for j in range(len(ref)) if j not in used_g]
    return pd.DataFrame(rows, columns=["status", "pred", "gold"], dtype=object)


def evaluate(
    mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False
) -> dict[str, float]:
    """Score predicted mentions against gold (see :func:`match_mentions`).

    Returns
    -------
    dict
        ``precision``, ``recall``, ``f1`` (floats; 0.0 when undefined) and ``tp``, ``fp``,
        ``fn`` (counts).
    """
    status = match_mentions(mentions, gold, match_person)["status"].value_counts()
    tp, fp, fn = (int(status.get(k, 0)) for k in ("tp", "fp", "fn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def misses(mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False) -> pd.DataFrame:
    """Return the gold mentions the prediction missed (false negatives), as gold rows."""
    table = match_mentions(mentions, gold, match_person)
    rows = [int(j) for j in table.loc[table["status"] == "fn", "gold"]]
    return gold.iloc[sorted(rows)]


def false_alarms(
    mentions: pd.DataFrame, gold: pd.DataFrame, match_person: bool = False
) -> pd.DataFrame:
    """Return the predicted mentions with no gold counterpart (false positives)."""
    table = match_mentions(mentions, gold, match_person)
    rows = [int(i) for i in table.loc[table["status"] == "fp", "pred"]]
    return mentions.iloc[sorted(rows)]

"""Quotations in the article, who speaks them, and the verbs that attribute them.

Rules, not machine learning: a small lexicon of attribution verbs (neutral, loaded, hedged), a
resolver for pronouns and role phrases, and a split between full quotations (a statement, with a
speech tag) and scare quotes (a word or two, without one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.checks import check_cells, check_frame, check_str
from helpers.text.mentions import Mention, _compiled, _para_mentions
from helpers.text.paragraphs import (
    Paragraph,
    PathLike,
    Sentence,
    _frame,
    _para_sentences,
    _sentence_of,
    paragraphs,
)

__all__ = [
    "ATTRIBUTION_KINDS",
    "Attribution",
    "Quotation",
    "attribution_lexicon",
    "attributions",
    "attributions_frame",
    "quotations",
    "quotations_frame",
    "quote_spans",
]


#: Attribution kinds of a quotation, from most to least checkable.
ATTRIBUTION_KINDS: tuple[str, ...] = ("named", "role_only", "anonymous", "none")


# (subject as written, person ids, actor ids, rule) -- see :func:`attributions`
_Subject = tuple[str | None, tuple[str, ...], tuple[str, ...], str]


# (speaker as written, person, actor, attribution kind, rule)
_Speaker = tuple[str | None, str | None, str | None, str, str]


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


#: Columns of an attribution lexicon (see :func:`attribution_lexicon`).
_LEXICON_COLUMNS = ("form", "lemma", "category", "reports_content")


def _check_lexicon(lexicon: object) -> pd.DataFrame:
    """Check a verb lexicon: non-empty ``form``/``lemma``/``category`` strs, boolean flags."""
    frame = check_frame("lexicon", lexicon, _LEXICON_COLUMNS, min_rows=1)
    for col in ("form", "lemma", "category"):
        check_cells("lexicon", frame, col, "str")
    check_cells("lexicon", frame, "reports_content", "bool")
    return frame


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

    Raises
    ------
    ParameterError
        If ``path`` is not an existing file, ``gazetteer`` is not a valid gazetteer, or
        ``lexicon`` lacks a column or holds an empty form, lemma or category or a
        ``reports_content`` that is not True or False.
    """
    patterns = _verb_patterns(attribution_lexicon() if lexicon is None
                              else _check_lexicon(lexicon))
    return [a for ctx in _contexts(path, gazetteer) for a in _para_attributions(ctx, patterns)]


def attributions_frame(
    path: PathLike | None = None,
    gazetteer: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return :func:`attributions` as a DataFrame (one row per verb)."""
    return _frame(attributions(path, gazetteer, lexicon), Attribution)


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
    check_str("text", text, empty=True)
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

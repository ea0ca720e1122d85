"""The as-of rule of the course data: July 2022 ties rest on what had happened or was known by
19 July 2022, the date of Putin's visit to Tehran.

* every tie of the July 2022 codings (``behaviour_2022``, ``formal``) has an ``event_date`` on or
  before 2022-07-19 and cites at least one source published by then;
* every source id a tie cites exists in ``sources.csv``;
* a source published after 19 July 2022 is cited only by a row flagged ``evidence_after_article``
  (it documents an earlier event), and that row's ``caveat`` names it;
* a row flagged ``after_article`` (the tie rests on a later event) never sits in a July 2022 coding;
* every event of ``events.csv`` dated after 19 July 2022 is flagged ``after_article``.

The checks are plain functions returning a list of problems, so that they can also be run on
deliberately broken copies of the frames: the tests at the end show that they catch the rows the
fact check found (e.g. the Turkey-Ukraine tie as it was, resting on the grain deal of 22 July 2022).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import data

CUTOFF = pd.Timestamp("2022-07-19")
JULY_CODINGS = ("behaviour_2022", "formal")
AFTER_CODING = "after_article_2022"
EVENT_REF = re.compile(r"events\.csv (EV\d{3})")


# --------------------------------------------------------------------------- helpers


def published_after(date: object, flag: object = pd.NA) -> object:
    """Was a page published after 19 Jul 2022? True, False, or pd.NA when it is not known.

    ``date`` is the sources.csv date (yyyy-mm-dd, yyyy-mm or yyyy; empty allowed). A full date
    decides; a month or a year decides unless it contains 19 Jul 2022 (July 2022, 2022). Otherwise
    the ``published_after_article`` flag of sources.csv is used.
    """
    if isinstance(date, str) and date:
        if len(date) == 10:
            return pd.Timestamp(date) > CUTOFF
        if len(date) == 7 and date != "2022-07":
            return date > "2022-07"
        if len(date) == 4 and date != "2022":
            return date > "2022"
    return bool(flag) if not pd.isna(flag) else pd.NA


def source_status(sources: pd.DataFrame) -> dict[str, object]:
    """Source id -> published after the article (True / False / pd.NA)."""
    return {
        sid: published_after(date, flag)
        for sid, date, flag in zip(
            sources["source_id"], sources["date"], sources["published_after_article"], strict=True
        )
    }


def _ids(cell: str) -> list[str]:
    return [s.strip() for s in cell.split(";")]


def _tie(row: pd.Series) -> str:
    return f"{row['actor_a']}-{row['actor_b']} ({row['coding']})"


def asof_problems(relations: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Every breach of the as-of rule in a relations frame (empty list: none)."""
    status = source_status(sources)
    problems: list[str] = []
    for _, row in relations.iterrows():
        tie = _tie(row)
        july = str(row["coding"]) in JULY_CODINGS
        ids = _ids(row["sources"])
        caveat = row["caveat"] if isinstance(row["caveat"], str) else ""
        # (b) cited sources exist
        unknown = [i for i in ids if i not in status]
        if unknown:
            problems.append(f"{tie}: cites unknown source ids {unknown}")
        known = [i for i in ids if i in status]
        after = [i for i in known if status[i] is True]
        before = [i for i in known if status[i] is False]
        # (a) event date
        if july and row["event_date"] > CUTOFF:
            problems.append(f"{tie}: event_date {row['event_date']:%Y-%m-%d} is after the article")
        # (d) after-article ties stay out of the July codings
        if row["after_article"]:
            if july:
                problems.append(f"{tie}: flagged after_article but in a July 2022 coding")
            if row["event_date"] <= CUTOFF:
                problems.append(f"{tie}: flagged after_article but event_date is not later")
        if (str(row["coding"]) == AFTER_CODING) != bool(row["after_article"]):
            problems.append(f"{tie}: after_article and coding {AFTER_CODING!r} disagree")
        # (c) sources published after the article
        if after and not row["evidence_after_article"]:
            problems.append(f"{tie}: cites {after}, published after the article, "
                            "without evidence_after_article")
        if row["evidence_after_article"]:
            if not after:
                problems.append(f"{tie}: evidence_after_article but no later source is cited")
            missing = [i for i in after if i not in caveat]
            if missing:
                problems.append(f"{tie}: caveat does not name the later source(s) {missing}")
        if after and not before and not caveat.strip():
            problems.append(f"{tie}: every source is after the article and there is no caveat")
        if july and not before and not row["evidence_after_article"]:
            problems.append(f"{tie}: no cited source is known to be published by 19 Jul 2022")
    return problems


def event_problems(events: pd.DataFrame) -> list[str]:
    """Events whose after_article flag disagrees with their date (empty list: none)."""
    late = events["date"] > CUTOFF
    return [
        f"{eid} ({date:%Y-%m-%d}): after_article should be {bool(is_late)}"
        for eid, date, is_late, flag in zip(
            events["event_id"], events["date"], late, events["after_article"], strict=True
        )
        if bool(is_late) != bool(flag)
    ]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def relations() -> pd.DataFrame:
    return data.load("relations")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return data.load("sources")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return data.load("events")


def with_row(frame: pd.DataFrame, **values: object) -> pd.DataFrame:
    """A copy of ``frame`` with the row of the same (actor_a, actor_b, coding) replaced."""
    out = frame.copy()
    key = (out["actor_a"] == values["actor_a"]) & (out["actor_b"] == values["actor_b"]) & (
        out["coding"] == values["coding"]
    )
    assert key.sum() == 1
    for col, value in values.items():
        out.loc[key, col] = pd.Timestamp(value) if col == "event_date" else value
    return out


# --------------------------------------------------------------------------- the data


def test_the_course_data_keeps_the_as_of_rule(relations, sources):
    assert asof_problems(relations, sources) == []


def test_no_july_2022_tie_rests_on_a_later_event(relations):
    july = relations[relations["coding"].isin(JULY_CODINGS)]
    assert len(july) == len(relations[relations["coding"] != AFTER_CODING])
    assert (july["event_date"] <= CUTOFF).all(), july.loc[july["event_date"] > CUTOFF, "basis"]


def test_every_cited_source_exists(relations, sources):
    known = set(sources["source_id"])
    cited = {i for cell in relations["sources"] for i in _ids(cell)}
    assert cited <= known, cited - known


def test_after_article_rows_are_never_in_a_july_coding(relations):
    flagged = relations[relations["after_article"]]
    assert not flagged["coding"].isin(JULY_CODINGS).any()
    assert (flagged["coding"] == AFTER_CODING).all()


def test_later_sources_come_with_evidence_after_article_and_a_caveat(relations, sources):
    status = source_status(sources)
    for _, row in relations.iterrows():
        later = [i for i in _ids(row["sources"]) if status.get(i) is True]
        assert bool(later) == bool(row["evidence_after_article"]), _tie(row)
        if later:
            assert isinstance(row["caveat"], str) and all(i in row["caveat"] for i in later)


def test_events_after_19_july_2022_are_flagged(events):
    assert event_problems(events) == []
    grain = events.set_index("label").loc["Black Sea grain deal"]
    assert grain["date"] == pd.Timestamp("2022-07-22") and grain["after_article"]


def test_published_after_article_agrees_with_the_date(sources):
    for sid, date, flag in zip(sources["source_id"], sources["date"],
                               sources["published_after_article"], strict=True):
        by_date = published_after(date)
        if by_date is not pd.NA and not pd.isna(flag):
            assert bool(flag) == by_date, sid


def test_caveats_point_to_later_events_that_exist_and_are_after_the_article(relations, events):
    late = set(events.loc[events["after_article"], "event_id"])
    for _, row in relations.iterrows():
        caveat = row["caveat"] if isinstance(row["caveat"], str) else ""
        for eid in EVENT_REF.findall(caveat):
            assert eid in late, (_tie(row), eid)


def test_the_invasion_cites_a_source_that_states_its_date(relations, events, sources):
    stating = {"S-X19", "S-X22"}
    invasion = events.set_index("event_id").loc["EV027"]
    assert invasion["date"] == pd.Timestamp("2022-02-24")
    assert stating & set(_ids(invasion["sources"]))
    war = relations.query("actor_a == 'RUS' and actor_b == 'UKR' and coding == 'behaviour_2022'")
    assert war["event_date"].iloc[0] == pd.Timestamp("2022-02-24")
    assert stating & set(_ids(war["sources"].iloc[0]))
    src = sources.set_index("source_id")
    assert all(src.loc[i, "date"] <= "2022-07-19" for i in stating)


def test_manifest_documents_the_new_columns():
    man = data.manifest("relations")
    schema = {c["name"]: c for c in man["schema"]}
    assert schema["event_date"]["dtype"] == "date" and not schema["event_date"]["nullable"]
    assert schema["evidence_after_article"]["dtype"] == "bool"
    assert schema["after_article"]["dtype"] == "bool"
    assert schema["caveat"]["dtype"] == "string" and schema["caveat"]["nullable"]
    assert AFTER_CODING in schema["coding"]["allowed"]
    assert "19 July 2022" in man["description"]


# --------------------------------------------------------------------------- the checks can fail


def test_the_pre_fix_turkey_ukraine_row_is_caught(relations, sources):
    broken = with_row(
        relations, actor_a="TUR", actor_b="UKR", coding="behaviour_2022",
        basis="Türkiye and Ukraine signed the grain-corridor documents "
        "(mirror documents, 22 Jul 2022)",
        event_date="2022-07-22", sources="S-D31;S-D32", evidence_after_article=False, caveat=pd.NA,
    )
    problems = asof_problems(broken, sources)
    assert any("TUR-UKR" in p and "event_date 2022-07-22" in p for p in problems)
    assert any("TUR-UKR" in p and "without evidence_after_article" in p for p in problems)
    assert any("TUR-UKR" in p and "no cited source is known" in p for p in problems)


def test_the_pre_fix_china_saudi_row_is_caught(relations, sources):
    broken = with_row(
        relations, actor_a="CHN", actor_b="SAU", coding="behaviour_2022",
        basis="Saudi Arabia was China's top crude supplier in 2022", sources="S-C28;S-C29",
    )
    problems = asof_problems(broken, sources)
    assert any("CHN-SAU" in p and "['S-C28', 'S-C29']" in p for p in problems)


def test_a_later_source_without_the_flag_is_caught(relations, sources):
    broken = with_row(relations, actor_a="IRN", actor_b="RUS", coding="behaviour_2022",
                      sources="S-A5;S-A1;S-A95;S-D17")
    assert any("IRN-RUS" in p and "S-D17" in p for p in asof_problems(broken, sources))
    # the flag alone is not enough: the caveat must name the later source
    flagged = with_row(broken, actor_a="IRN", actor_b="RUS", coding="behaviour_2022",
                       evidence_after_article=True, caveat="Mixed evidence.")
    assert any("caveat does not name" in p for p in asof_problems(flagged, sources))


def test_an_unknown_source_id_is_caught(relations, sources):
    broken = with_row(relations, actor_a="RUS", actor_b="UKR", coding="behaviour_2022",
                      sources="S-X19;S-Z99")
    assert any("unknown source ids ['S-Z99']" in p for p in asof_problems(broken, sources))


def test_an_after_article_row_in_a_july_coding_is_caught(relations, sources):
    broken = with_row(relations, actor_a="TUR", actor_b="UKR", coding="behaviour_2022",
                      after_article=True)
    problems = asof_problems(broken, sources)
    assert any("flagged after_article but in a July 2022 coding" in p for p in problems)
    # the same tie correctly parked in the after-article coding passes the after-article checks
    parked = broken.copy()
    parked["coding"] = parked["coding"].astype(str)
    key = (parked["actor_a"] == "TUR") & (parked["actor_b"] == "UKR")
    parked.loc[key, ["coding", "event_date"]] = [AFTER_CODING, pd.Timestamp("2022-07-22")]
    assert not [p for p in asof_problems(parked, sources) if "TUR-UKR" in p]


def test_an_unflagged_later_event_is_caught(events):
    broken = events.copy()
    broken.loc[broken["event_id"] == "EV046", "after_article"] = False
    assert event_problems(broken) == ["EV046 (2022-07-22): after_article should be True"]


def test_an_undated_source_decides_through_its_flag():
    assert published_after("2022-07-19") is False and published_after("2022-07-20") is True
    assert published_after("2022-08") is True and published_after("2022-06") is False
    assert published_after("2022-07") is pd.NA and published_after("2022") is pd.NA
    assert published_after(pd.NA, True) is True and published_after("2022-07", False) is False


# ------------------------------------------------------------------ the claim check's later facts

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DATE = re.compile(r"(?:(\d{1,2}) )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* "
                   r"(\d{4})|(?<![\w-])(20[2-9]\d)(?![\w-])|full-year (\d{4})")


def later_dates(text: str) -> list[str]:
    """Dates a text names that fall after 19 Jul 2022 (a month or a year: when it ends later)."""
    found = []
    for m in _DATE.finditer(text):
        day, month, year, bare_year, full_year = m.groups()
        if month:
            when = pd.Timestamp(int(year), _MONTHS[month[:3].lower()], int(day or 1))
            if day is None:  # a month: after the article if it starts after July 2022
                late = when > pd.Timestamp("2022-07-31")
            else:
                late = when > CUTOFF
        else:
            late = int(bare_year or full_year) > 2022 or full_year is not None
        if late:
            found.append(m.group(0))
    return found


def unflagged_later_claims(claims: pd.DataFrame) -> list[str]:
    """Claims whose check names a later date without ``after_article``, and flags without one."""
    problems = []
    for r in claims.itertuples():
        text = " ".join(str(v) for v in (r.problem, r.correction, r.notes) if pd.notna(v))
        dates = later_dates(text)
        if dates and not r.after_article:
            problems.append(f"claim {r.claim_no}: names {dates} but after_article is false")
        if r.after_article and not dates:
            problems.append(f"claim {r.claim_no}: after_article is true but names no later date")
    return problems


def test_later_facts_in_the_claim_check_are_flagged():
    assert unflagged_later_claims(data.load("article_claims")) == []


def test_the_claim_check_rule_catches_an_unflagged_later_fact():
    claims = data.load("article_claims")
    broken = claims.assign(after_article=False)
    problems = unflagged_later_claims(broken)
    assert len(problems) == int(claims["after_article"].sum()) == 6
    assert any("claim 11" in p and "22 Jul 2022" in p for p in problems)
    assert later_dates("signed 19 Jul 2022; talks since March 2022; Aug 2021") == []

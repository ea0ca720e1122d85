"""Cross-checks of the datasets against the record (numbers from the fact base) and each other."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import SEEDS_DIR
from helpers import data as data

T = pd.Timestamp
EPS = 1e-9


@pytest.fixture(scope="module")
def article_paragraphs() -> list[str]:
    text = (SEEDS_DIR / "article.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- oil


@pytest.fixture(scope="module")
def china() -> pd.DataFrame:
    frame = data.load("china_crude_imports_russia")
    return frame[frame["supplier"] == "RUS"]


def months_2022(china: pd.DataFrame, last_month: int = 12) -> pd.DataFrame:
    m = china[china["period_type"].isin(["month", "months"]) & china["volume_mt"].notna()]
    return m[(m["period_start"].dt.year == 2022) & (m["period_end"].dt.month <= last_month)]


def reported(china: pd.DataFrame, period_type: str, end: str) -> float:
    row = china[(china["period_type"] == period_type) & (china["period_end"] == T(end))]
    assert len(row) == 1
    return float(row["volume_mt"].iloc[0])


def test_china_2022_months_sum_to_the_reported_year(china):
    assert reported(china, "year", "2022-12-31") == 86.25  # RBC / Reuters, the fact base C2
    assert abs(months_2022(china)["volume_mt"].sum() - 86.25) <= 0.01 + EPS


def test_china_jan_oct_months_sum_to_the_reported_cumulative(china):
    assert abs(months_2022(china, 10)["volume_mt"].sum() - 71.97) <= 0.01 + EPS
    assert abs(months_2022(china, 9)["volume_mt"].sum() - 64.26) <= 0.01 + EPS


def test_china_2022_months_cover_the_year_once(china):
    spans = months_2022(china).sort_values("period_start")
    assert spans["period_start"].iloc[0] == T("2022-01-01")
    assert spans["period_end"].iloc[-1] == T("2022-12-31")
    gaps = spans["period_start"].iloc[1:].to_numpy() - spans["period_end"].iloc[:-1].to_numpy()
    assert (gaps == pd.Timedelta(days=1)).all()


def test_china_cumulative_rows_agree_with_the_months(china):
    for end in ["2022-06-30", "2022-07-31", "2022-09-30", "2022-10-31"]:
        months = months_2022(china, T(end).month)["volume_mt"].sum()
        assert abs(months - reported(china, "cumulative", end)) <= 0.05, end


def test_urals_below_brent_every_month_of_2022():
    urals = data.load("urals_monthly")
    urals = urals[(urals["measure"] == "urals_price") & (urals["period_type"] == "month")]
    brent = data.load("brent_monthly")
    brent_by_month = dict(zip(brent["date"].dt.to_period("M"), brent["price"], strict=True))
    pairs = [(brent_by_month.get(p), v) for p, v in
             zip(urals["period_start"].dt.to_period("M"), urals["value"], strict=True)
             if p.year == 2022]  # fmt: skip
    assert len(pairs) >= 9
    for b, u in pairs:
        assert b is not None and u < b


def test_urals_derived_values_follow_from_the_cumulative_figures():
    u = data.load("urals_monthly").set_index(["period_start", "period_end", "measure"])["value"]
    p = lambda s, e: float(u[(T(s), T(e), "urals_price")])  # noqa: E731
    jan_mar = (
        5 * p("2022-01-01", "2022-05-31")
        - p("2022-04-01", "2022-04-30")
        - p("2022-05-01", "2022-05-31")
    ) / 3
    assert p("2022-01-01", "2022-03-31") == pytest.approx(jan_mar, abs=0.006)
    october = (
        11 * p("2022-01-01", "2022-11-30")
        - 9 * p("2022-01-01", "2022-09-30")
        - p("2022-11-01", "2022-11-30")
    )
    assert p("2022-10-01", "2022-10-31") == pytest.approx(october, abs=0.006)
    assert p("2022-01-01", "2022-12-31") == pytest.approx(76.0, abs=0.05)  # fact base: ~76.0


def test_brent_matches_the_eia_annual_means_in_facts_md():
    brent = data.load("brent_monthly")
    assert len(brent) == 24
    means = brent.groupby(brent["date"].dt.year)["price"].mean()
    assert means[2021] == pytest.approx(70.68, abs=0.005)
    assert means[2022] == pytest.approx(100.78, abs=0.005)
    assert (brent["date"].dt.day == 15).all()


def test_iran_export_derivations():
    est = data.load("iran_crude_exports_estimates")
    svb = est[est["tracker"] == "SVB"].set_index("period_start")["value"]
    assert svb[T("2022-12-01")] - svb[T("2022-11-01")] == 42000
    uani = est[(est["tracker"] == "UANI") & (est["unit"] == "bpd")]["value"].iloc[0]
    total = est[(est["tracker"] == "UANI") & (est["unit"] == "million barrels")]["value"].iloc[0]
    assert uani == pytest.approx(total * 1e6 / 365, rel=1e-3)
    ranges = est[est["value"].isna() & est["value_low"].notna()]
    assert (ranges["value_low"] < ranges["value_high"]).all()
    assert (est["value"].notna() | est["value_low"].notna() | est["notes"].notna()).all()


def test_floating_storage_rose_from_april_to_may():
    fs = data.load("iran_floating_storage")
    kpler = fs[(fs["tracker"] == "Kpler") & (fs["reporting_outlet"] == "Reuters")].sort_values(
        "month"
    )
    assert list(kpler["value"]) == [22, 37]


def test_production_definitions_differ_by_about_0_7_mbpd():
    prod = data.load("iran_crude_production")
    y2022 = prod[(prod["period_type"] == "year") & (prod["period_start"] == T("2022-01-01"))
                 & (prod["measure"] == "production")].set_index("definition")["value"]  # fmt: skip
    assert 0.5 < y2022["crude_condensate_ngl"] - y2022["crude_only"] < 1.0


# --------------------------------------------------------------------------- Astana


@pytest.fixture(scope="module")
def rounds() -> pd.DataFrame:
    return data.load("astana_rounds").sort_values("round")


def test_exactly_19_rounds_numbered_1_to_19(rounds):
    assert list(rounds["round"]) == list(range(1, 20))


def test_rounds_are_ordered_and_do_not_overlap(rounds):
    assert (rounds["start_date"] <= rounds["end_date"]).all()
    assert (
        rounds["start_date"].iloc[1:].to_numpy() > rounds["end_date"].iloc[:-1].to_numpy()
    ).all()


def test_city_names_follow_the_renames(rounds):
    for r in rounds.itertuples():
        if r.city == "Sochi":
            assert r.country == "Russia"
            continue
        assert r.country == "Kazakhstan"
        if r.start_date < T("2019-03-23"):
            assert r.city == "Astana", r.round
        elif r.start_date < T("2022-09-17"):
            assert r.city == "Nur-Sultan", r.round
        else:
            assert r.city == "Astana", r.round
    assert set(rounds.loc[rounds["city"] == "Sochi", "round"]) == {10, 15}


def test_counts_quoted_in_2022_agree(rounds):
    # Ushakov, 18 Jul 2022: 18 meetings so far; SANA, May 2022: 17 held, two of them in Sochi.
    assert (rounds["end_date"] < T("2022-07-19")).sum() == 18
    before_may = rounds[rounds["end_date"] < T("2022-05-24")]
    assert len(before_may) == 17 and (before_may["city"] == "Sochi").sum() == 2


def test_iraq_and_lebanon_observe_from_round_13_only(rounds):
    for r in rounds.itertuples():
        obs = set(r.observers.split(";")) if isinstance(r.observers, str) else set()
        if r.round < 13:
            assert not obs & {"IRQ", "LBN"}, r.round
        if r.round == 13:
            assert {"IRQ", "LBN"} <= obs


def test_participants_agree_with_the_rounds(rounds):
    parts = data.load("astana_participants").set_index("actor_id")
    for actor in ["USA", "JOR", "IRQ", "LBN"]:
        seen = [r.round for r in rounds.itertuples()
                if isinstance(r.observers, str) and actor in r.observers.split(";")]  # fmt: skip
        assert min(seen) == parts.loc[actor, "first_round"], actor
        last = parts.loc[actor, "last_round"]
        if not pd.isna(last):
            assert max(seen) <= last, actor
    assert set(parts.index[parts["role"] == "guarantor"]) == {"RUS", "IRN", "TUR"}


def test_un_envoy_changes_once_after_round_11(rounds):
    envoys = list(rounds["un_envoy"])
    assert envoys == ["Staffan de Mistura"] * 11 + ["Geir Pedersen"] * 8


def test_exactly_seven_summits_the_last_in_tehran_with_raisi():
    summits = data.load("trilateral_summits").sort_values("summit")
    assert list(summits["summit"]) == list(range(1, 8))
    assert summits["date"].is_monotonic_increasing
    last = summits.iloc[-1]
    assert (last["date"], last["city"]) == (T("2022-07-19"), "Tehran")
    raisi_sworn_in = T("2021-08-05")
    for s in summits.itertuples():
        iran = "Raisi" if s.date > raisi_sworn_in else "Rouhani"
        assert s.leaders.split(";") == ["Putin", "Erdoğan", iran]


# --------------------------------------------------------------------------- timeline


START_TIMELINE = {  # restated from issue 3
    "2011-03-15", "2015-07-14", "2016-01-16", "2017-01-23", "2018-05-08", "2018-11-05",
    "2022-02-24", "2022-06-28", "2022-07-11", "2022-07-13", "2022-07-19", "2022-07-22",
}  # fmt: skip


def test_start_timeline_has_exactly_the_twelve_events():
    ev = data.load("events")
    start = ev[ev["in_start_timeline"]]
    assert len(start) == 12
    assert set(start["date"].dt.strftime("%Y-%m-%d")) == START_TIMELINE
    ends = dict(zip(start["date"].dt.strftime("%Y-%m-%d"), start["end_date"], strict=True))
    assert ends["2022-07-13"] == T("2022-07-16") and ends["2022-06-28"] == T("2022-06-29")


def test_after_article_flag_and_hindsight_events():
    ev = data.load("events")
    assert (ev["after_article"] == (ev["date"] > T("2022-07-19"))).all()
    fall = ev[ev["date"] == T("2024-12-08")]
    assert len(fall) == 1 and fall["after_article"].iloc[0]
    assert ev["event_id"].is_unique and ev["date"].is_monotonic_increasing


def test_events_agree_with_other_datasets():
    ev = data.load("events")
    rounds = data.load("astana_rounds")
    first = ev[ev["event"].str.contains("First round of the Astana talks")]
    assert first["date"].iloc[0] == rounds.loc[rounds["round"] == 1, "start_date"].iloc[0]
    parties = data.load("jcpoa_parties").set_index("actor_id")
    withdrawal = ev[ev["event"].str.contains("withdrawal from the JCPOA")]["date"].iloc[0]
    assert parties.loc["USA", "withdrawal_date"] == withdrawal == T("2018-05-08")
    assert parties["withdrawal_date"].notna().sum() == 1


# --------------------------------------------------------------------------- sanctions


def test_jcpoa_parties_and_groups():
    parties = data.load("jcpoa_parties")
    assert set(parties["actor_id"]) == {"IRN", "CHN", "FRA", "DEU", "RUS", "GBR", "USA", "EU"}
    groups = {r.actor_id: set(r.group.split(";")) for r in parties.itertuples()}
    assert {a for a, g in groups.items() if "P5" in g} == {"CHN", "FRA", "RUS", "GBR", "USA"}
    assert {a for a, g in groups.items() if "E3" in g} == {"FRA", "DEU", "GBR"}


def test_pape_categories_account_for_the_40_hse_successes():
    sr = data.load("sanctions_research")
    pape = sr[sr["dataset"] == "HSE (Pape critique)"]
    hse2 = sr[(sr["edition"] == "2nd ed. (1990)") & (sr["measure"] == "successes")]
    assert pape["value"].sum() == hse2["value"].iloc[0] == 40
    cases = sr[(sr["edition"] == "2nd ed. (1990)") & (sr["measure"] == "sanction cases")][
        "value"
    ].iloc[0]
    rate = sr[(sr["edition"] == "2nd ed. (1990)") & (sr["measure"] == "success rate")][
        "value"
    ].iloc[0]
    assert int(100 * 40 / cases) == rate


def test_sanctions_events_are_dated_in_order_of_ids():
    se = data.load("sanctions_events")
    assert se["date"].is_monotonic_increasing
    assert (se["end_date"].isna() | (se["end_date"] >= se["date"])).all()


# --------------------------------------------------------------------------- article and actors


def test_33_claims_with_verbatim_fragments(article_paragraphs):
    claims = data.load("article_claims")
    assert list(claims["claim_no"]) == list(range(1, 34))
    assert len(article_paragraphs) == 14
    text = "\n".join(article_paragraphs)
    for c in claims.itertuples():
        assert c.fragment in text, c.claim_no
        if not pd.isna(c.paragraph):
            assert c.fragment in article_paragraphs[c.paragraph - 1], c.claim_no


def test_verdicts_map_the_severity_codes():
    mapping = {"E": "wrong", "M": "misleading", "U": "unsourced", "OK": "accurate"}
    for c in data.load("article_claims").itertuples():
        codes = [
            t
            for t in c.severity.replace("(", " ").replace(")", " ").replace("/", " ").split()
            if t in {*mapping, "S"}
        ]
        if not codes:
            assert c.verdict == "accurate", c.claim_no  # the hindsight note
        elif codes == ["S"]:
            assert c.verdict in {"misleading", "wrong"}, c.claim_no
        else:
            order = ["accurate", "unsourced", "misleading", "wrong"]
            worst = max((mapping.get(k, "misleading") for k in codes), key=order.index)
            assert c.verdict == worst, c.claim_no


def test_actor_ids_shared_with_other_developers_exist():
    actors = data.load("actors").set_index("actor_id")
    expected = {"RUS", "IRN", "TUR", "USA", "CHN", "ISR", "SAU", "SYR", "SOP", "UKR", "EU", "UN",
                "IND", "JOR", "IRQ", "LBN", "KAZ", "GBR", "FRA", "DEU"}  # fmt: skip
    assert expected <= set(actors.index)
    assert not actors.loc["EU", "in_article"] and actors.loc["IND", "in_article"]


def test_actors_marked_in_article_are_named_there(article_paragraphs):
    text = " ".join(article_paragraphs)
    words = {"RUS": "Russia", "IRN": "Iran", "TUR": "Turkish", "USA": "US", "CHN": "China",
             "ISR": "Israel", "SAU": "Saudi", "SYR": "Syria", "UKR": "Ukraine", "IND": "India",
             "JOR": "Jordan", "IRQ": "Iraq", "LBN": "Lebanon", "GBR": "UK", "FRA": "France",
             "DEU": "Germany", "UN": "UN", "KAZ": "Kazakhstan", "EU": "European Union"}  # fmt: skip
    actors = data.load("actors").set_index("actor_id")
    for actor, word in words.items():
        assert bool(actors.loc[actor, "in_article"]) == (word in text), actor


def test_relations_are_ordered_signed_and_consistent(article_paragraphs):
    rel = data.load("relations")
    assert (rel["actor_a"] < rel["actor_b"]).all()
    kinds = {1: {"alliance", "partnership"}, -1: {"rivalry", "conflict"}, 0: {"none"}}
    for r in rel.itertuples():
        assert r.kind in kinds[r.sign], (r.actor_a, r.actor_b)
        if not pd.isna(r.article_paragraph):
            assert r.article_paragraph <= len(article_paragraphs)
    core = {"RUS", "IRN", "TUR", "USA", "CHN", "ISR", "SAU", "SYR", "UKR", "EU", "IND"}
    behaviour = rel[rel["coding"] == "behaviour_2022"]
    covered = set(behaviour["actor_a"]) | set(behaviour["actor_b"])
    assert core <= covered
    assert {("IRN", "RUS"), ("RUS", "UKR"), ("IRN", "USA")} <= set(
        zip(behaviour["actor_a"], behaviour["actor_b"], strict=True)
    )


def test_left_out_ties_are_listed_as_gaps():
    rel = data.load("relations")
    pairs = {f"{a}-{b}" for a, b in zip(rel["actor_a"], rel["actor_b"], strict=True)}
    gaps = " ".join(data.manifest("relations")["known_gaps"])
    for pair in ["IND-USA", "ISR-RUS", "CHN-UKR"]:
        assert pair not in pairs and pair in gaps

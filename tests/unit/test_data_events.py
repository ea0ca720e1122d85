"""Course-specific checks on the timeline dataset."""

from __future__ import annotations

from helpers import data as data

START_HERE = {  # the dates notebook 00 promises (issue 2), checked against the data
    "Syrian uprising begins": "2011-03-15", "JCPOA concluded": "2015-07-14",
    "JCPOA Implementation Day": "2016-01-16", "First Astana round": "2017-01-23",
    "US leaves the JCPOA": "2018-05-08", "US oil sanctions on Iran in force": "2018-11-05",
    "Russia invades Ukraine": "2022-02-24", "Putin in Tajikistan, Turkmenistan": "2022-06-28",
    "Sullivan drone briefing": "2022-07-11", "Biden in Israel and Saudi Arabia": "2022-07-13",
    "Tehran summit": "2022-07-19", "Black Sea grain deal": "2022-07-22",
}


def test_labels_are_short_and_unique():
    ev = data.load("events")
    assert ev["label"].str.len().max() <= 40
    assert ev["label"].is_unique


def test_start_here_timeline_has_the_twelve_events():
    ev = data.load("events")
    start = ev[ev["in_start_timeline"]]
    got = dict(zip(start["label"], start["date"].dt.strftime("%Y-%m-%d"), strict=True))
    assert got == START_HERE


def test_after_article_flag_means_after_19_july_2022():
    ev = data.load("events")
    assert (ev["after_article"] == (ev["date"] > "2022-07-19")).all()


def test_catalog_frame_agrees_with_the_datasets():
    cat = data.catalog()
    assert cat["dataset"].tolist() == data.names()
    events = cat.set_index("dataset").loc["events"]
    assert events["rows"] == len(data.load("events"))
    assert events["sha256"] == data.manifest("events")["sha256"]

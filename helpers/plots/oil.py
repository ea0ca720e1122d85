"""Figures of the oil notebook (04): prices, China's imports, Iran's exports, floating storage.

Every ``plot_*`` function takes an ``Axes`` and returns it; its artists carry a ``gid`` so tests
and views can find them. The ``*_figure`` functions put two panels together (no pyplot). A few
small table builders sit here too, because each one shapes a course dataset for exactly one
figure: :func:`urals_gap` (a *derived* Brent-Urals gap), :func:`tracker_band` (the spread of the
trackers' estimates per period) and :func:`storage_points` (the floating-storage figures with
the calendar window their wording allows).

A period "before the article" is one that *ended* before 19 July 2022 (``cutoff``): what had
happened by the day of the visit. Later periods stay in the figures, greyed and labelled
"after the article".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from helpers.plots import style
from helpers.plots.rendering import StaticLayer

__all__ = [
    "AFTER_COLOR",
    "TRACKER_STYLE",
    "ZoomBackgrounds",
    "imports_figure",
    "plot_gap",
    "plot_grade_volumes",
    "plot_imports",
    "plot_prices",
    "plot_storage_path",
    "plot_storage_record",
    "plot_tracker_estimates",
    "prices_figure",
    "storage_points",
    "storage_record_figure",
    "tracker_band",
    "tracker_label",
    "trackers_figure",
    "urals_gap",
    "wording_window",
]

#: Colour of everything after the article (greyed, never hidden).
AFTER_COLOR = "#999999"
_BRENT = style.OKABE_ITO["blue"]
_MONTHS = MonthLocator(bymonth=(1, 4, 7, 10))
_FMT = DateFormatter("%b %Y")

#: Colour (Okabe-Ito) and marker of each estimator in iran_crude_exports_estimates.csv.
TRACKER_STYLE: Mapping[str, tuple[str, str]] = {
    "Kpler": (style.OKABE_ITO["blue"], "o"),
    "Vortexa": (style.OKABE_ITO["orange"], "s"),
    "Petro-Logistics": (style.OKABE_ITO["bluish_green"], "^"),
    "SVB": (style.OKABE_ITO["vermillion"], "D"),
    "TankerTrackers/UANI": (style.OKABE_ITO["reddish_purple"], "P"),
    "UANI": (style.OKABE_ITO["reddish_purple"], "X"),
    "GACC customs": (style.OKABE_ITO["sky_blue"], "*"),
    "unnamed": (style.OKABE_ITO["black"], "v"),
}

#: Estimators that are advocacy groups, not data firms: named as such beside their numbers.
_ADVOCACY = {"UANI": "UANI (advocacy group)",
             "TankerTrackers/UANI": "TankerTrackers/UANI (UANI: advocacy group)"}


def tracker_label(tracker: str) -> str:
    """Return a tracker's label, naming advocacy groups as such.

    Examples
    --------
    >>> tracker_label("UANI"), tracker_label("Kpler")
    ('UANI (advocacy group)', 'Kpler')
    """
    return _ADVOCACY.get(str(tracker), str(tracker))


def _month_end(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("M").dt.to_timestamp(how="end").dt.normalize()


def _published_later(frame: pd.DataFrame) -> pd.Series:
    """Return the optional boolean column ``published_later`` (all False if it is missing)."""
    if "published_later" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["published_later"].fillna(False).astype(bool)


def _mark_dates(ax: Axes, marks: Mapping[str, pd.Timestamp], y: float = 0.98,
                labels: bool = True, ha: str = "left") -> None:
    """Vertical dotted lines with a label at height ``y`` (axes fraction), e.g. the article.

    ``ha="left"`` puts each label right of its line, ``"right"`` left of it.
    """
    for i, (label, when) in enumerate(marks.items()):
        ax.axvline(when, color="#333333", linestyle=":", linewidth=1.1, gid=f"mark:{i}")
        if labels:
            ax.text(when, y - 0.07 * i, f" {style.escape_mathtext(label)} ",
                    transform=ax.get_xaxis_transform(), ha=ha, va="top", fontsize=8.5,
                    color="#333333", gid=f"mark-label:{i}")


# --------------------------------------------------------------------------------- prices


def urals_gap(urals: pd.DataFrame, brent: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Urals (MinFin) against the mean EIA Brent of the same months, and the gap (derived).

    Parameters
    ----------
    urals : pandas.DataFrame
        ``urals_monthly``; its ``urals_price`` rows of type ``month`` and ``multi_month_avg``
        are used.
    brent : pandas.DataFrame
        ``brent_monthly`` (``date``, ``price``).
    cutoff : pandas.Timestamp
        The article's date; a period that ended before it is "before the article".

    Returns
    -------
    pandas.DataFrame
        One row per Urals period (single months and the Jan-Mar 2022 average): ``period``,
        ``start``, ``end``, ``urals``, ``brent`` (mean of the EIA months in the period),
        ``gap_usd`` (Brent - Urals) and ``gap_pct`` (of Brent), both derived;
        ``urals_derived`` (the MinFin value itself derived from cumulative averages),
        ``before_article`` and ``sources``.
    """
    u = urals[(urals["measure"] == "urals_price")
              & urals["period_type"].isin(["month", "multi_month_avg"])]
    b = brent.assign(month=brent["date"].dt.to_period("M"))
    rows = []
    for r in u.itertuples(index=False):
        months = pd.period_range(r.period_start, r.period_end, freq="M")
        price = float(b.loc[b["month"].isin(months), "price"].mean())
        label = (months[0].strftime("%b %Y") if len(months) == 1
                 else f"{months[0].strftime('%b')}-{months[-1].strftime('%b %Y')} (mean)")
        rows.append((label, r.period_start, r.period_end, r.value, round(price, 2),
                     round(price - r.value, 2), round(100 * (price - r.value) / price, 1),
                     bool(r.derived), bool(r.period_end < cutoff), r.sources))
    cols = ["period", "start", "end", "urals", "brent", "gap_usd", "gap_pct", "urals_derived",
            "before_article", "sources"]
    return pd.DataFrame(rows, columns=cols).sort_values("start", ignore_index=True)


def plot_prices(ax: Axes, brent: pd.DataFrame, gaps: pd.DataFrame, *, cutoff: pd.Timestamp,
                marks: Mapping[str, pd.Timestamp]) -> Axes:
    """Brent (EIA monthly) 2021-2022 and Urals (MinFin) 2022; after the article greyed.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    brent : pandas.DataFrame
        ``brent_monthly``.
    gaps : pandas.DataFrame
        The output of :func:`urals_gap` (Urals periods).
    cutoff : pandas.Timestamp
        The article's date.
    marks : mapping of str to Timestamp
        Dates to mark with a labelled vertical line (e.g. the invasion, the article).

    Returns
    -------
    matplotlib.axes.Axes
    """
    before = _month_end(brent["date"]) < cutoff
    # The greyed part starts at the last month before the article, so the line is unbroken.
    last = int(np.flatnonzero(before.to_numpy())[-1])
    ax.plot(brent["date"][before], brent["price"][before], color=_BRENT, marker="o", ms=3.5,
            label="Brent, monthly average (EIA)", gid="brent")
    ax.plot(brent["date"].iloc[last:], brent["price"].iloc[last:], color=AFTER_COLOR,
            linestyle="--", marker="o", ms=3.5, gid="brent-after")
    rus = style.actor_style("RUS").color
    months = gaps[gaps["start"] == gaps["end"].dt.to_period("M").dt.to_timestamp()]
    mid = months["start"] + pd.Timedelta(days=14)
    later = _published_later(months)
    for sel, colour, face, gid, label in (
            (months["before_article"] & ~later, rus, rus, "urals",
             "Urals, monthly average (MinFin)"),
            (months["before_article"] & later, rus, "white", "urals-later",
             "the same, but the course's source was published after the article"),
            (~months["before_article"], AFTER_COLOR, AFTER_COLOR, "urals-after", None)):
        ax.plot(mid[sel], months["urals"][sel], color=colour, marker="s", ms=4.5, mfc=face,
                linestyle="none", label=label if sel.any() else None, gid=gid)
    for r in gaps[gaps["start"] != gaps["end"].dt.to_period("M").dt.to_timestamp()].itertuples():
        ax.plot([r.start, r.end], [r.urals, r.urals], color=rus, linewidth=2.5, linestyle="-",
                gid="urals-average", label="Urals, Jan-Mar 2022 average (derived)")
    ax.plot([], [], color=AFTER_COLOR, linestyle="--", marker="o", ms=3.5,
            label="after the article (19 Jul 2022)")
    _mark_dates(ax, marks)
    ax.set_ylabel(style.escape_mathtext("US$ per barrel"))
    ax.set_title("Brent and Urals crude prices, 2021-2022")
    ax.set_ylim(40, 140)
    ax.xaxis.set_major_locator(_MONTHS)
    ax.xaxis.set_major_formatter(_FMT)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.9), fontsize=8.5)
    return ax


def plot_gap(ax: Axes, gaps: pd.DataFrame, *, reuters_avg: tuple[pd.Timestamp, pd.Timestamp,
             float] | None = None, reuters_note: str = "") -> Axes:
    """Bars of the derived Brent-Urals gap per Urals period; after the article greyed.

    A bar of several months (the Jan-Mar 2022 mean) is labelled as a mean. Periods before the
    article whose figure the course has only from pages published later (an optional boolean
    column ``published_later``) are drawn hollow.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    gaps : pandas.DataFrame
        The output of :func:`urals_gap`, optionally with a column ``published_later``.
    reuters_avg : (start, end, value), optional
        An independently reported average differential, drawn as a black segment.
    reuters_note : str
        Added in brackets to the label of ``reuters_avg`` (e.g. when it was published).

    Returns
    -------
    matplotlib.axes.Axes
    """
    rus = style.actor_style("RUS").color
    hollow = {"facecolor": "white", "edgecolor": rus, "hatch": "xx", "alpha": 0.8}
    for r, later in zip(gaps.itertuples(), _published_later(gaps), strict=True):
        width = (r.end - r.start).days + 1
        colour = rus if r.before_article else AFTER_COLOR
        look = (hollow if r.before_article and later else
                {"color": colour, "alpha": 0.45, "edgecolor": colour, "hatch": "//"})
        ax.bar(r.start, r.gap_usd, width=width * 0.9, align="edge", gid=f"gap:{r.period}",
               **look)
        if r.start.to_period("M") != r.end.to_period("M"):  # a mean of several months
            ax.text(r.start + pd.Timedelta(days=width * 0.45), r.gap_usd + 0.8,
                    f"{r.start:%b}-{r.end:%b} mean\n(derived)", ha="center", va="bottom",
                    fontsize=7.5, gid=f"gap-mean:{r.period}")
    if reuters_avg is not None:
        start, end, value = reuters_avg
        note = f" ({reuters_note})" if reuters_note else ""
        ax.plot([start, end], [value, value], color="black", linewidth=2.2, gid="reuters-avg",
                label=style.escape_mathtext(f"Reuters: Urals-Brent differential, "
                                            f"Apr-Jun 2022 average ${value:.2f}{note}"))
    handles, labels = ax.get_legend_handles_labels()
    handles += [Patch(facecolor=c, alpha=0.45, hatch="//", edgecolor=c)
                for c in (rus, AFTER_COLOR)]
    labels += ["Brent minus Urals, derived (indicative: Urals CIF Europe, Brent FOB)",
               "the same, after the article"]
    if (gaps["before_article"] & _published_later(gaps)).any():
        handles.append(Patch(**hollow))
        labels.append("before the article, but the course's source was published after it")
    ax.set_ylabel(style.escape_mathtext("gap, US$ per barrel"))
    ax.set_title("How far below Brent did Urals sell? (derived)", fontsize=11)
    ax.set_ylim(0, 45)
    ax.legend(handles, labels, loc="upper left", fontsize=8.5)
    return ax


def prices_figure(brent: pd.DataFrame, gaps: pd.DataFrame, *, cutoff: pd.Timestamp,
                  marks: Mapping[str, pd.Timestamp],
                  reuters_avg: tuple[pd.Timestamp, pd.Timestamp, float] | None = None,
                  reuters_note: str = "") -> Figure:
    """Two panels sharing the time axis: prices (:func:`plot_prices`), gap (:func:`plot_gap`)."""
    with style.course_style():
        fig = Figure(figsize=(9.5, 7.2), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        plot_prices(top, brent, gaps, cutoff=cutoff, marks=marks)
        plot_gap(bottom, gaps, reuters_avg=reuters_avg, reuters_note=reuters_note)
        _mark_dates(bottom, marks, labels=False)
        bottom.xaxis.set_major_locator(_MONTHS)
        bottom.xaxis.set_major_formatter(_FMT)
    return fig


# ---------------------------------------------------------------------- China's imports


def plot_imports(ax: Axes, imports: pd.DataFrame, *, cutoff: pd.Timestamp,
                 reference: tuple[str, float] | None = None) -> Axes:
    """Bars of China's monthly crude imports from Russia (mb/d as reported).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    imports : pandas.DataFrame
        Rows of ``china_crude_imports_russia`` to draw (``month`` or ``months`` periods), with
        a boolean column ``top_supplier`` (Russia reported as China's top supplier) and
        optionally ``published_later`` (the figure was first published after the cutoff).
    cutoff : pandas.Timestamp
        The article's date: bars of periods that ended later, or whose figure was published
        later, are greyed and hatched (not yet public on that date).
    reference : (label, value), optional
        A horizontal reference line (e.g. the 2021 average rate).

    Returns
    -------
    matplotlib.axes.Axes
        Ticks name each bar's months; the x label gives the year(s).
    """
    rus = style.actor_style("RUS").color
    centres, names = [], []
    for r, later in zip(imports.itertuples(), _published_later(imports), strict=True):
        width = (r.period_end - r.period_start).days + 1
        public = r.period_end < cutoff and not later
        colour = rus if public else AFTER_COLOR
        ax.bar(r.period_start, r.mbpd, width=width * 0.9, align="edge", color=colour,
               alpha=0.85 if public else 0.5, hatch=None if public else "..",
               edgecolor="white" if public else "#666666", gid=f"imports:{r.row_id}")
        centre = r.period_start + pd.Timedelta(days=width * 0.45)
        centres.append(centre)
        names.append(f"{r.period_start:%b}" if r.period_start.month == r.period_end.month
                     else f"{r.period_start:%b}-{r.period_end:%b}")
        note = f"{r.mbpd:.2f}" + ("\nRussia top\nsupplier" if r.top_supplier else "")
        ax.text(centre, r.mbpd + 0.03, note, ha="center", va="bottom", fontsize=7.5, zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
                gid=f"value:{r.row_id}")
    if reference is not None:
        label, value = reference
        ax.axhline(value, color="black", linestyle="--", linewidth=1.2, gid="reference",
                   label=label, zorder=3)
    handles, labels = ax.get_legend_handles_labels()
    handles += [Patch(facecolor=rus, alpha=0.85),
                Patch(facecolor=AFTER_COLOR, alpha=0.5, hatch="..", edgecolor="#666666")]
    labels += ["public by 19 Jul 2022 (customs, as reported)",
               "not yet public on 19 Jul 2022 (published later)"]
    ax.set_ylabel("million barrels per day (mb/d)")
    ax.set_ylim(0, 2.5)
    ax.set_title("China's crude imports from Russia, 2022 (Chinese customs)")
    ax.set_xticks(centres, names)
    years = sorted({d.year for d in (*imports["period_start"], *imports["period_end"])})
    ax.set_xlabel("month of " + " and ".join(map(str, years)))
    ax.set_xlim(imports["period_start"].min() - pd.Timedelta(days=8),
                imports["period_end"].max() + pd.Timedelta(days=8))
    ax.grid(axis="x", visible=False)
    ax.legend(handles, labels, loc="upper left", fontsize=8.5, ncols=2)
    return ax


def imports_figure(imports: pd.DataFrame, *, cutoff: pd.Timestamp,
                   reference: tuple[str, float] | None = None) -> Figure:
    """One panel of :func:`plot_imports` (no pyplot)."""
    with style.course_style():
        fig = Figure(figsize=(9.5, 4.6), layout="constrained")
        plot_imports(fig.add_subplot(), imports, cutoff=cutoff, reference=reference)
    return fig


# ------------------------------------------------------------------- Iran's exports


def _rate_rows(estimates: pd.DataFrame) -> pd.DataFrame:
    rows = estimates[estimates["measure"].isin(["export_rate", "import_rate_china"])
                     & (estimates["unit"] == "bpd")].copy()
    rows["low"] = rows["value"].fillna(rows["value_low"])
    rows["high"] = rows["value"].fillna(rows["value_high"])
    return rows


def tracker_band(estimates: pd.DataFrame) -> pd.DataFrame:
    """Return the spread of the estimates for each measure and period with two or more.

    Parameters
    ----------
    estimates : pandas.DataFrame
        Rows of ``iran_crude_exports_estimates``; the ``export_rate`` and
        ``import_rate_china`` rows (in bpd) are used, ranges by their ends.

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``period_start``, ``period_end``, ``estimates`` (count), ``trackers``,
        ``lowest`` and ``highest`` (bpd), ``spread`` (highest - lowest, bpd). Nothing is
        averaged.
    """
    rows = _rate_rows(estimates)
    out = []
    for (measure, start, end), g in rows.groupby(["measure", "period_start", "period_end"],
                                                 observed=True, sort=True):
        if len(g) < 2:
            continue
        lo, hi = float(g["low"].min()), float(g["high"].max())
        out.append((str(measure), start, end, len(g), ", ".join(map(tracker_label, g["tracker"])),
                    lo, hi, hi - lo))
    cols = ["measure", "period_start", "period_end", "estimates", "trackers", "lowest",
            "highest", "spread"]
    return pd.DataFrame(out, columns=cols)


def plot_tracker_estimates(ax: Axes, estimates: pd.DataFrame, measure: str,
                           band: pd.DataFrame | None = None) -> Axes:
    """Each tracker's estimates of one measure as its own series, with the min-max band.

    A point marks a one-month estimate, a horizontal segment a longer period, a vertical bar a
    reported range; qualified values ("more than", "tentative") are labelled. Values in
    million barrels per day (mb/d).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    estimates : pandas.DataFrame
        Rows of ``iran_crude_exports_estimates``.
    measure : {"export_rate", "import_rate_china"}
    band : pandas.DataFrame, optional
        The output of :func:`tracker_band`; its rows for ``measure`` are shaded.

    Returns
    -------
    matplotlib.axes.Axes
    """
    rows = _rate_rows(estimates)
    rows = rows[rows["measure"] == measure]
    if band is not None:
        for i, b in enumerate(band[band["measure"] == measure].itertuples()):
            ax.add_patch(Rectangle((b.period_start, b.lowest / 1e6),
                                   b.period_end - b.period_start + pd.Timedelta(days=1),
                                   (b.highest - b.lowest) / 1e6, color="#BBBBBB", alpha=0.55,
                                   zorder=0, linewidth=0, gid=f"band:{measure}:{i}"))
    for tracker, g in rows.groupby("tracker", observed=True, sort=False):
        colour, marker = TRACKER_STYLE.get(str(tracker), (AFTER_COLOR, "."))
        label = tracker_label(tracker)
        for r in g.itertuples():
            mid = r.period_start + (r.period_end - r.period_start) / 2
            long = (r.period_end - r.period_start).days > 31
            if long:
                ax.plot([r.period_start, r.period_end], [r.low / 1e6] * 2, color=colour,
                        linewidth=2.2, linestyle="-", gid=f"est:{r.row_id}")
            if r.low != r.high:
                ax.plot([mid, mid], [r.low / 1e6, r.high / 1e6], color=colour, linewidth=2.2,
                        linestyle="-", gid=f"range:{r.row_id}")
                ax.annotate("range", (mid, r.high / 1e6), xytext=(6, -3),
                            textcoords="offset points", fontsize=7.5, gid=f"r:{r.row_id}")
            ax.plot([mid], [r.high / 1e6 if r.low != r.high else r.low / 1e6], color=colour,
                    marker=marker, ms=7, linestyle="none", label=label,
                    markeredgecolor="black", markeredgewidth=0.5, gid=f"pt:{r.row_id}")
            label = None
            if r.qualifier in ("more_than", "tentative"):
                word = "more than" if r.qualifier == "more_than" else "tentative"
                ax.annotate(word, (mid, r.low / 1e6), xytext=(6, -3), textcoords="offset points",
                            fontsize=7.5, gid=f"q:{r.row_id}")
    handles, labels = ax.get_legend_handles_labels()
    if band is not None and (band["measure"] == measure).any():
        handles.append(Patch(color="#BBBBBB", alpha=0.55))
        labels.append("spread between trackers, same period (min-max)")
    ax.set_ylabel("million barrels per day (mb/d)")
    ax.set_ylim(0, 1.3)
    ax.xaxis.set_major_locator(_MONTHS)
    ax.xaxis.set_major_formatter(_FMT)
    ax.legend(handles, labels, loc="upper left", fontsize=8, ncols=2)
    return ax


def trackers_figure(estimates: pd.DataFrame, band: pd.DataFrame, *,
                    marks: Mapping[str, pd.Timestamp] | None = None) -> Figure:
    """Two panels: Iran's exports (all destinations) and China's imports of Iranian oil.

    The time axis runs from the first estimate's month to the last mark (or estimate).
    """
    with style.course_style():
        fig = Figure(figsize=(9.5, 7.4), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True)
        plot_tracker_estimates(top, estimates, "export_rate", band)
        top.set_title("Iran's oil exports, all destinations: each tracker's estimate")
        plot_tracker_estimates(bottom, estimates, "import_rate_china", band)
        bottom.set_title("China's imports of Iranian oil: each tracker's estimate", fontsize=11)
        ends = [estimates["period_end"].max(), *(marks or {}).values()]
        bottom.set_xlim(estimates["period_start"].min() - pd.Timedelta(days=20),
                        max(ends) + pd.Timedelta(days=20))
        if marks:
            _mark_dates(top, marks, y=0.72, ha="right")
            _mark_dates(bottom, marks, labels=False)
    return fig


# ------------------------------------------------------------------ floating storage

_WORDING = re.compile(r"^(early|mid-|end of)\s*([A-Za-z]+) (\d{4})$")
#: The course's reading of vague dates: "early" = days 1-10, "mid-" = 11-20, "end of" = 21-last.
WORDING_DAYS: Mapping[str, tuple[int, int]] = {"early": (1, 10), "mid-": (11, 20),
                                               "end of": (21, 31)}


def wording_window(as_of: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the calendar window a vague date allows ("early April 2022" -> 1-10 Apr 2022).

    Parameters
    ----------
    as_of : str
        A phrase of the form "early <Month> <year>", "mid-<Month> <year>" or
        "end of <Month> <year>" (the ``as_of`` column of ``iran_floating_storage``).

    Returns
    -------
    (pandas.Timestamp, pandas.Timestamp)
        First and last day of the window (the course's reading, see :data:`WORDING_DAYS`).

    Raises
    ------
    ValueError
        If the phrase has another form.

    Examples
    --------
    >>> [d.strftime("%d %b") for d in wording_window("mid-May 2022")]
    ['11 May', '20 May']
    """
    m = _WORDING.match(str(as_of).strip())
    if not m:
        raise ValueError(f"as_of must read 'early|mid-|end of <Month> <year>', got {as_of!r}")
    word, month, year = m.groups()
    first = pd.Timestamp(f"1 {month} {year}")
    lo, hi = WORDING_DAYS[word]
    last = min(hi, first.days_in_month)
    return first + pd.Timedelta(days=lo - 1), first + pd.Timedelta(days=last - 1)


def storage_points(storage: pd.DataFrame, origin: str,
                   not_after: pd.Timestamp | None = None) -> pd.DataFrame:
    """Return the volume rows of ``iran_floating_storage`` with windows, in days from ``origin``.

    Parameters
    ----------
    storage : pandas.DataFrame
        ``iran_floating_storage``.
    origin : str
        ``row_id`` of the observation taken as day 0 (the model's starting stock).
    not_after : pandas.Timestamp, optional
        The date of the story that reported the figures: no window ends after it (a figure
        cannot describe a day after the report that gave it; "mid-May" reported on 19 May
        becomes 11-19 May).

    Returns
    -------
    pandas.DataFrame
        ``row_id``, ``value`` (million barrels), ``qualifier``, ``tracker``,
        ``reporting_outlet``, ``location``, ``as_of``, ``start``, ``end`` (the window),
        ``day_lo``, ``day_hi`` (earliest and latest possible days since the origin's
        observation; 0 for the origin itself), ``day_mid`` and ``sources``.
    """
    v = storage[storage["measure"] == "volume"].copy()
    windows = v["as_of"].map(wording_window)
    v["start"] = windows.map(lambda w: w[0])
    v["end"] = windows.map(lambda w: w[1])
    if not_after is not None:
        cap = pd.Timestamp(not_after)  # a window that starts later is left as it is
        v.loc[(v["end"] > cap) & (v["start"] <= cap), "end"] = cap
    o = v.set_index("row_id").loc[origin]
    v["day_lo"] = (v["start"] - o["end"]).dt.days
    v["day_hi"] = (v["end"] - o["start"]).dt.days
    v.loc[v["row_id"] == origin, ["day_lo", "day_hi"]] = 0
    v["day_mid"] = (v["day_lo"] + v["day_hi"]) / 2
    cols = ["row_id", "value", "qualifier", "tracker", "reporting_outlet", "location", "as_of",
            "start", "end", "day_lo", "day_hi", "day_mid", "sources"]
    return v[cols].reset_index(drop=True)


def _point_style(r: object) -> tuple[str, str, str]:
    """Colour, marker and label of one storage observation."""
    tracker, outlet = str(r.tracker), str(r.reporting_outlet)
    if tracker == "Kpler":
        marker = "o" if outlet == "Reuters" else "s"
        return style.OKABE_ITO["blue"], marker, f"Kpler via {outlet}, near Singapore"
    return (style.OKABE_ITO["black"], "^",
            f"no tracker named ({outlet}), {r.location}")


def plot_storage_record(ax: Axes, points: pd.DataFrame, *,
                        marks: Mapping[str, pd.Timestamp]) -> Axes:
    """Draw the floating-storage figures on a calendar, each with its wording's window.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    points : pandas.DataFrame
        The output of :func:`storage_points`.
    marks : mapping of str to Timestamp
        Dates to mark (e.g. the Reuters story, the article).

    Returns
    -------
    matplotlib.axes.Axes
    """
    seen: set[str] = set()
    for r in points.itertuples():
        colour, marker, label = _point_style(r)
        mid = r.start + (r.end - r.start) / 2
        ax.errorbar([mid], [r.value], xerr=[[mid - r.start], [r.end - mid]], color=colour,
                    marker=marker, ms=7, capsize=3, linestyle="none",
                    mfc=colour if marker != "s" else "white",
                    label=None if label in seen else label, gid=f"storage:{r.row_id}")
        seen.add(label)
        word = "" if r.qualifier == "as_reported" else f"{r.qualifier} "
        ax.annotate(f"{word}{r.value:g}", (mid, r.value), xytext=(7, 4),
                    textcoords="offset points", fontsize=8.5, gid=f"storage-value:{r.row_id}")
    _mark_dates(ax, marks, y=0.3, ha="right")
    dates = list(marks.values())
    if len(dates) >= 2:  # how old the figure was when it was repeated
        a, b = dates[-2], dates[-1]
        ax.annotate("", (a, 8), (b, 8), arrowprops={"arrowstyle": "<->", "color": "#333333"},
                    gid="age-arrow")
        ax.text(a + (b - a) / 2, 9, f"{(b - a).days} days", ha="center", va="bottom",
                fontsize=9, gid="age-label")
    ax.set_xlim(points["start"].min() - pd.Timedelta(days=7),
                max([points["end"].max(), *dates]) + pd.Timedelta(days=7))
    ax.set_ylim(0, 50)
    ax.set_ylabel("mb (million barrels)")
    ax.set_title("Iranian oil in floating storage in Asia, 2022: the record")
    ax.xaxis.set_major_locator(MonthLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    ax.legend(loc="upper left", fontsize=8.5)
    return ax


def storage_record_figure(points: pd.DataFrame, *,
                          marks: Mapping[str, pd.Timestamp]) -> Figure:
    """One panel of :func:`plot_storage_record` (no pyplot)."""
    with style.course_style():
        fig = Figure(figsize=(9.5, 4.6), layout="constrained")
        plot_storage_record(fig.add_subplot(), points, marks=marks)
    return fig


def plot_storage_path(ax: Axes, storage_mb: Sequence[float], points: pd.DataFrame) -> Axes:
    """Draw the model's storage path (one value per day) and the Kpler figures for reference.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    storage_mb : sequence of float
        Storage at the start of each day ``0 .. days`` (million barrels).
    points : pandas.DataFrame
        Output of :func:`storage_points`; the Kpler rows with ``day_hi >= 0`` are drawn at
        their mid day with the window as a horizontal bar.

    Returns
    -------
    matplotlib.axes.Axes
        Artists: ``gid="path"`` (the line) and ``gid="kpler:<row_id>"``.
    """
    ax.plot(np.arange(len(storage_mb)), storage_mb, color=style.actor_style("IRN").color,
            linewidth=2.4, label="model: Iranian crude afloat", gid="path")
    seen: set[str] = set()
    for r in points[(points["tracker"] == "Kpler") & (points["day_hi"] >= 0)].itertuples():
        colour, marker, label = _point_style(r)
        ax.errorbar([r.day_mid], [r.value], xerr=[[r.day_mid - r.day_lo], [r.day_hi - r.day_mid]],
                    color=colour, marker=marker, ms=7, capsize=3, linestyle="none",
                    mfc=colour if marker != "s" else "white",
                    label=None if label in seen else label, gid=f"kpler:{r.row_id}")
        seen.add(label)
    ax.set_xlabel("days since the early-April observation (bars: days the wording allows)")
    ax.set_ylabel("mb (million barrels)")
    return ax


def plot_grade_volumes(ax: Axes, grades: Sequence[str], volumes: Sequence[float],
                       labels: Sequence[str], colors: Sequence[str],
                       offered: tuple[str, float] | None = None) -> Axes:
    """One bar per crude grade: the teapots' demand in mb/d.

    Parameters
    ----------
    offered : (grade, mb/d), optional
        What the seller of ``grade`` offers: a dashed line across that grade's bar, so the gap
        between the bar and the line (barrels offered but not bought) shows.

    Returns
    -------
    matplotlib.axes.Axes
        Bars with ``gid="bar:<grade>"``; the line ``gid="offered"``.
    """
    for i, (g, v, c) in enumerate(zip(grades, volumes, colors, strict=True)):
        ax.bar(i, v, width=0.62, color=c, edgecolor="black", linewidth=0.6, gid=f"bar:{g}")
    if offered is not None:
        grade, level = offered
        i = list(grades).index(grade)
        ax.plot([i - 0.45, i + 0.45], [level, level], color="black", linestyle="--",
                linewidth=1.6, gid="offered", label=f"{labels[i]}: barrels offered")
    ax.set_axisbelow(True)  # grid lines behind the bars
    ax.set_xticks(range(len(grades)), labels)
    ax.set_ylabel("teapot demand, million barrels per day")
    ax.grid(axis="x", visible=False)
    return ax


class ZoomBackgrounds:
    """Pictures of everything in a figure that does not change, one per zoom level.

    Text (tick labels, titles, legends) is what makes a matplotlib redraw slow. A what-if view
    whose axis limits take a few values can render everything but its ``dynamic`` artists once
    per zoom level, paste that picture (:class:`~helpers.plots.rendering.StaticLayer`) and
    draw only the dynamic artists over it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a fixed layout (no layout engine).
    axes : sequence of Axes
        The axes whose children are static unless listed in ``dynamic``.
    dynamic : iterable of Artist
        Artists redrawn on every update (lines, bars, changing texts).
    set_zoom : callable
        Called with a zoom key to set the axis limits before its picture is rendered.
    """

    def __init__(self, fig: Figure, axes: Sequence[Axes], dynamic: Sequence[object],
                 set_zoom: object) -> None:
        self.fig, self.axes, self.dynamic, self.set_zoom = fig, tuple(axes), set(dynamic), set_zoom
        self.layers: dict[object, StaticLayer] = {}

    def show(self, key: object) -> None:
        """Show the background of zoom level ``key`` (rendering it the first time)."""
        self.set_zoom(key)  # type: ignore[operator]  # the dynamic artists need the limits too
        if key not in self.layers:
            self._toggle(static=True)
            self.fig.canvas.draw()
            layer = StaticLayer(np.asarray(self.fig.canvas.buffer_rgba()).copy())
            self.layers[key] = self.fig.add_artist(layer)
        self._toggle(static=False)
        for k, layer in self.layers.items():
            layer.set_visible(k == key)

    def _toggle(self, static: bool) -> None:
        parts = [a for ax in self.axes for a in ax.get_children() if a not in self.dynamic]
        parts += [a for a in (*self.fig.artists, *self.fig.texts)
                  if not isinstance(a, StaticLayer) and a not in self.dynamic]
        for a in parts:
            a.set_visible(static)
        for a in (*self.dynamic, *self.layers.values()):
            a.set_visible(not static)

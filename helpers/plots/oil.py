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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import is_color_like
from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from helpers.checks import (
    ParameterError,
    check_cells,
    check_choice,
    check_frame,
    check_ids,
    check_instance,
    check_number,
    check_str,
)
from helpers.plots import style
from helpers.plots.rendering import StaticLayer
from helpers.plots.timeline import _day

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


# ------------------------------------------------------------------------- input checks

#: Largest teapot demand (and offered volume) a grade bar shows, mb/d.
_VOLUME_MAX = 10.0
#: Measures of ``iran_crude_exports_estimates`` drawn as rates (bpd).
_RATE_MEASURES = ("export_rate", "import_rate_china")


def _date(name: str, value: Any) -> pd.Timestamp:
    """Return a date (Timestamp, datetime or 'YYYY-MM-DD' str) as a naive Timestamp."""
    day = _day(name, value)
    if day.tz is not None:
        raise ParameterError(f"{name} must be a date without a time zone, got {value!r}")
    return day


def _check_marks(marks: Any) -> dict[str, pd.Timestamp]:
    """Check a mapping of label (non-empty str) -> date; return it with Timestamps."""
    if not isinstance(marks, Mapping):
        raise ParameterError(f"marks must be a mapping of label (str) -> date, got {marks!r} "
                             f"({type(marks).__name__})")
    return {check_str("marks key (a label)", label): _date(f"marks[{label!r}]", when)
            for label, when in marks.items()}


#: Kinds of table cells: a kind of :func:`helpers.checks.check_cells` and its lower bound.
_KINDS: Mapping[str, tuple[str, float | None]] = {
    "str": ("str", None), "date": ("date", None), "bool": ("bool", None),
    "number": ("number", None), "amount": ("number", 0.0)}
#: dtype kinds a column of each kind may already have (its cells are then left as they are).
_DTYPES = {"date": "M", "bool": "b", "number": "iuf", "amount": "iuf"}


def _table(name: str, frame: Any, kinds: Mapping[str, str], *, optional: Iterable[str] = (),
           min_rows: int = 0) -> pd.DataFrame:
    """Check a table's columns and cells; return a copy whose checked columns are typed.

    ``kinds`` maps each column to ``"str"`` (non-empty strs), ``"date"``, ``"bool"`` (True or
    False), ``"number"`` (finite) or ``"amount"`` (finite and >= 0); a ``"?"`` after the kind
    allows missing cells. Columns in ``optional`` may be absent. A column whose dtype is not
    already the kind's (e.g. dates given as strs) gets the converted cells.
    """
    optional = set(optional)
    frame = check_frame(name, frame, [c for c in kinds if c not in optional],
                        min_rows=min_rows)
    out = frame.copy()
    for col, spec in kinds.items():
        if col not in frame.columns:
            continue
        kind = spec.rstrip("?")
        cell_kind, lo = _KINDS[kind]
        cells = check_cells(name, frame, col, cell_kind, lo=lo, missing=spec.endswith("?"))
        if kind in _DTYPES and frame[col].dtype.kind not in _DTYPES[kind]:
            out[col] = cells
    return out


def _check_order(name: str, frame: pd.DataFrame, first: str, last: str) -> None:
    """Refuse a row whose ``last`` comes before its ``first`` (e.g. a period ending early)."""
    bad = frame.index[(frame[last] < frame[first]).to_numpy()]
    if len(bad):
        row = bad[0]
        raise ParameterError(f"{name} rows must have {first} <= {last}, got "
                             f"{frame.at[row, first]!r} > {frame.at[row, last]!r} in row {row!r}")


def _check_periods(name: str, frame: Any, kinds: Mapping[str, str], *,
                   start: str = "period_start", end: str = "period_end",
                   optional: Iterable[str] = (), min_rows: int = 0) -> pd.DataFrame:
    """Check a table of periods: :func:`_table`, and ``start`` <= ``end`` in every row."""
    out = _table(name, frame, {start: "date", end: "date", **kinds}, optional=optional,
                 min_rows=min_rows)
    _check_order(name, out, start, end)
    return out


def _check_brent(brent: Any) -> pd.DataFrame:
    """Check ``brent_monthly``: ``date`` and ``price`` ($/bbl, >= 0)."""
    return _table("brent", brent, {"date": "date", "price": "amount"})


def _check_gaps(gaps: Any) -> pd.DataFrame:
    """Check the output of :func:`urals_gap`, optionally with a bool ``published_later``."""
    return _check_periods("gaps", gaps, {"period": "str", "urals": "amount", "gap_usd": "number",
                                         "before_article": "bool", "published_later": "bool"},
                          start="start", end="end", optional=("published_later",))


def _check_estimates(estimates: Any, kinds: Mapping[str, str] | None = None,
                     min_rows: int = 0) -> pd.DataFrame:
    """Check rows of ``iran_crude_exports_estimates``: a rate row needs a value or a range."""
    frame = _check_periods("estimates", estimates, {
        "measure": "str", "unit": "str", "tracker": "str", "value": "amount?",
        "value_low": "amount?", "value_high": "amount?", **(kinds or {})}, min_rows=min_rows)
    rates = frame[frame["measure"].isin(_RATE_MEASURES) & (frame["unit"] == "bpd")]
    for row, r in rates.iterrows():
        if pd.isna(r["value"]) and (pd.isna(r["value_low"]) or pd.isna(r["value_high"])
                                    or r["value_low"] > r["value_high"]):
            raise ParameterError(f"estimates: a rate row (measure in {list(_RATE_MEASURES)}, "
                                 f"unit 'bpd') needs a value, or value_low <= value_high; got "
                                 f"value={r['value']!r}, value_low={r['value_low']!r}, "
                                 f"value_high={r['value_high']!r} in row {row!r}")
    return frame


def _check_band(band: Any) -> pd.DataFrame:
    """Check the output of :func:`tracker_band` (lowest <= highest in every row)."""
    frame = _check_periods("band", band, {"measure": "str", "lowest": "amount",
                                          "highest": "amount"})
    _check_order("band", frame, "lowest", "highest")
    return frame


#: Columns of the output of :func:`storage_points` and what they hold.
_POINT_KINDS = {"row_id": "str", "value": "amount", "qualifier": "str", "tracker": "str",
                "reporting_outlet": "str", "location": "str", "as_of": "str", "start": "date",
                "end": "date", "day_lo": "number", "day_hi": "number", "day_mid": "number"}


def _check_points(points: Any, columns: Sequence[str], min_rows: int = 0) -> pd.DataFrame:
    """Check the ``columns`` of :func:`storage_points` a caller uses; windows in order."""
    frame = _table("points", points, {c: _POINT_KINDS[c] for c in columns}, min_rows=min_rows)
    if "start" in columns:
        _check_order("points", frame, "start", "end")
    if "day_mid" in columns:
        _check_order("points", frame, "day_lo", "day_mid")
        _check_order("points", frame, "day_mid", "day_hi")
    return frame


def _check_pair(name: str, value: Any, what: str) -> tuple[Any, Any]:
    """Check a pair such as ``(label, value)``; ``what`` describes it in the message."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence) \
            or len(value) != 2:
        raise ParameterError(f"{name} must be a pair {what}, got {value!r}")
    return value[0], value[1]


def _check_values(name: str, values: Any, lo: float = 0.0, hi: float = np.inf,
                  min_len: int = 0) -> list[float]:
    """Return a sequence (list, tuple, 1-d array) of finite numbers in ``[lo, hi]`` as floats."""
    if isinstance(values, str | bytes | Mapping) \
            or not isinstance(values, Sequence | np.ndarray) \
            or (isinstance(values, np.ndarray) and values.ndim != 1):
        raise ParameterError(f"{name} must be a sequence of numbers in [{lo:g}, {hi:g}], got "
                             f"{values!r} ({type(values).__name__})")
    if len(values) < min_len:
        raise ParameterError(f"{name} must hold at least {min_len} number(s), got {len(values)}")
    return [check_number(f"{name}[{i}]", v, lo, hi) for i, v in enumerate(values)]


def tracker_label(tracker: str) -> str:
    """Return a tracker's label, naming advocacy groups as such.

    Examples
    --------
    >>> tracker_label("UANI"), tracker_label("Kpler")
    ('UANI (advocacy group)', 'Kpler')

    Raises
    ------
    ParameterError
        If ``tracker`` is not a non-empty str.
    """
    check_str("tracker", tracker)
    return _ADVOCACY.get(tracker, tracker)


def _month_end(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("M").dt.to_timestamp(how="end").dt.normalize()


def _published_later(frame: pd.DataFrame) -> pd.Series:
    """Return the optional boolean column ``published_later`` (all False if it is absent)."""
    if "published_later" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["published_later"].astype(bool)


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

    Raises
    ------
    ParameterError
        If ``urals`` lacks a column above or holds a bad cell (dates with ``period_start <=
        period_end``, ``value`` a price >= 0, ``derived`` True or False, strs otherwise),
        ``brent`` is not a table of dates and prices >= 0 with a price in every month of each
        Urals period used, or ``cutoff`` is not a date.
    """
    urals = _check_periods("urals", urals, {"period_type": "str", "measure": "str",
                                            "value": "amount", "derived": "bool",
                                            "sources": "str"})
    brent = _check_brent(brent)
    cutoff = _date("cutoff", cutoff)
    u = urals[(urals["measure"] == "urals_price")
              & urals["period_type"].isin(["month", "multi_month_avg"])]
    b = brent.assign(month=brent["date"].dt.to_period("M"))
    rows = []
    for row, r in zip(u.index, u.itertuples(index=False), strict=True):
        months = pd.period_range(r.period_start, r.period_end, freq="M")
        priced = b.loc[b["month"].isin(months), "price"]
        if priced.empty:
            raise ParameterError(f"brent must have a price in the months of every Urals period "
                                 f"used, none for {months[0]} to {months[-1]} (urals row "
                                 f"{row!r})")
        price = float(priced.mean())
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

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``brent`` is not a table of dates and prices >= 0 with a
        month that ended before ``cutoff``, ``gaps`` is not shaped like the output of
        :func:`urals_gap`, ``cutoff`` is not a date or ``marks`` not a mapping of labels to
        dates.
    """
    style.check_ax(ax)
    brent, gaps = _check_brent(brent), _check_gaps(gaps)
    cutoff, marks = _date("cutoff", cutoff), _check_marks(marks)
    before = _month_end(brent["date"]) < cutoff
    if not before.any():
        raise ParameterError(f"brent must have at least one month that ended before cutoff "
                             f"({cutoff:%d %b %Y}), got {len(brent)} row(s)")
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


def _check_reuters(value: Any) -> tuple[pd.Timestamp, pd.Timestamp, float] | None:
    """Check ``reuters_avg``: None, or (start, end, value) with start <= end, value finite."""
    if value is None:
        return None
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence) \
            or len(value) != 3:
        raise ParameterError(f"reuters_avg must be None or a triple (start date, end date, "
                             f"value in $/bbl), got {value!r}")
    start, end = _date("reuters_avg[0]", value[0]), _date("reuters_avg[1]", value[1])
    if end < start:
        raise ParameterError(f"reuters_avg must start before it ends, got {value!r}")
    return start, end, check_number("reuters_avg[2]", value[2], unit="$/bbl")


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

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``gaps`` is not shaped like the output of :func:`urals_gap`,
        ``reuters_avg`` is not None or a triple of two dates (start <= end) and a finite
        number, or ``reuters_note`` is not a str.
    """
    style.check_ax(ax)
    gaps = _check_gaps(gaps)
    reuters_avg = _check_reuters(reuters_avg)
    check_str("reuters_note", reuters_note, empty=True)
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
    """Two panels sharing the time axis: prices (:func:`plot_prices`), gap (:func:`plot_gap`).

    Raises
    ------
    ParameterError
        If an argument is invalid (see :func:`plot_prices` and :func:`plot_gap`).
    """
    brent, gaps = _check_brent(brent), _check_gaps(gaps)
    cutoff, marks = _date("cutoff", cutoff), _check_marks(marks)
    reuters_avg = _check_reuters(reuters_avg)
    check_str("reuters_note", reuters_note, empty=True)
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


def _check_imports(imports: Any) -> pd.DataFrame:
    """Check the rows of ``china_crude_imports_russia`` to draw: at least one, with mb/d."""
    return _check_periods("imports", imports, {"row_id": "str", "mbpd": "amount",
                                               "top_supplier": "bool", "published_later": "bool"},
                          optional=("published_later",), min_rows=1)


def _check_reference(reference: Any) -> tuple[str, float] | None:
    """Check ``reference``: None, or (label, value) with a str label and a rate >= 0 (mb/d)."""
    if reference is None:
        return None
    label, value = _check_pair("reference", reference, "(label, value in mb/d)")
    return (check_str("reference[0] (its label)", label, empty=True),
            check_number("reference[1]", value, 0.0, unit="mb/d"))


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

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``imports`` has no row or lacks a column (``row_id``,
        ``period_start`` <= ``period_end``, ``mbpd`` >= 0, ``top_supplier`` True or False),
        ``cutoff`` is not a date, or ``reference`` is not None or a pair (label, value >= 0).
    """
    style.check_ax(ax)
    imports = _check_imports(imports)
    cutoff = _date("cutoff", cutoff)
    reference = _check_reference(reference)
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
    """One panel of :func:`plot_imports` (no pyplot).

    Raises
    ------
    ParameterError
        If an argument is invalid (see :func:`plot_imports`).
    """
    imports = _check_imports(imports)
    cutoff = _date("cutoff", cutoff)
    reference = _check_reference(reference)
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

    Raises
    ------
    ParameterError
        If ``estimates`` lacks a column (``period_start`` <= ``period_end``, ``measure``,
        ``unit``, ``tracker``, ``value``, ``value_low``, ``value_high``) or a rate row has
        neither a value nor a range ``value_low <= value_high`` (values >= 0).
    """
    rows = _rate_rows(_check_estimates(estimates))
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


#: Columns of the estimates drawn beside those :func:`tracker_band` reads.
_ESTIMATE_KINDS = {"row_id": "str", "qualifier": "str?"}


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

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``estimates`` is malformed (see :func:`tracker_band`; also
        ``row_id`` and ``qualifier``), ``measure`` is not one of the two rates, or ``band`` is
        not None or shaped like the output of :func:`tracker_band`.
    """
    style.check_ax(ax)
    estimates = _check_estimates(estimates, _ESTIMATE_KINDS)
    check_choice("measure", measure, _RATE_MEASURES)
    band = None if band is None else _check_band(band)
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

    Raises
    ------
    ParameterError
        If ``estimates`` has no row or is malformed, ``band`` is not shaped like the output
        of :func:`tracker_band`, or ``marks`` is not None or a mapping of labels to dates
        (see :func:`plot_tracker_estimates`).
    """
    estimates = _check_estimates(estimates, _ESTIMATE_KINDS, min_rows=1)
    band = _check_band(band)
    marks = None if marks is None else _check_marks(marks)
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
    ParameterError
        If ``as_of`` is not a str of that form with a month's name (e.g. "April", "Apr").

    Examples
    --------
    >>> [d.strftime("%d %b") for d in wording_window("mid-May 2022")]
    ['11 May', '20 May']
    """
    return _wording_window("as_of", as_of)


def _wording_window(name: str, as_of: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """:func:`wording_window`, naming the checked value ``name`` in the message."""
    m = _WORDING.match(as_of.strip()) if isinstance(as_of, str) else None
    first = None
    if m:
        word, month, year = m.groups()
        try:
            first = pd.Timestamp(f"1 {month} {year}")
        except ValueError:
            first = None
    if first is None or pd.isna(first):
        raise ParameterError(f"{name} must read 'early <Month> <year>', 'mid-<Month> <year>' "
                             f"or 'end of <Month> <year>', got {as_of!r}")
    lo, hi = WORDING_DAYS[word]
    last = min(hi, first.days_in_month)
    return first + pd.Timedelta(days=lo - 1), first + pd.Timedelta(days=last - 1)


def _check_storage(storage: Any) -> pd.DataFrame:
    """Check ``iran_floating_storage``; return its volume rows (a copy), row ids distinct."""
    frame = _table("storage", storage, {
        "row_id": "str", "measure": "str", "as_of": "str", "value": "amount", "qualifier": "str",
        "tracker": "str", "reporting_outlet": "str", "location": "str", "sources": "str"})
    v = frame[frame["measure"] == "volume"].copy()
    check_ids("storage['row_id'] of the volume rows", v["row_id"], distinct=True)
    return v


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

    Raises
    ------
    ParameterError
        If ``storage`` lacks one of those columns or ``measure``, holds a bad cell (strs,
        ``value`` >= 0) or a volume row whose ``as_of`` is not a wording that
        :func:`wording_window` reads, or repeats a volume ``row_id``; if ``origin`` is not the
        ``row_id`` of a volume row, or ``not_after`` not None or a date.
    """
    v = _check_storage(storage)
    origin = check_choice("origin (a row_id of a volume row of storage)", origin,
                          list(v["row_id"]))
    cap = None if not_after is None else _date("not_after", not_after)
    windows = pd.Series([_wording_window(f"storage['as_of'] in row {row!r}", w)
                         for row, w in v["as_of"].items()], index=v.index, dtype=object)
    v["start"] = windows.map(lambda w: w[0])
    v["end"] = windows.map(lambda w: w[1])
    if cap is not None:  # a window that starts later is left as it is
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


#: Columns of :func:`storage_points` that the figure of the record draws.
_RECORD_COLUMNS = ("row_id", "value", "qualifier", "tracker", "reporting_outlet", "location",
                   "start", "end")


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

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``points`` is not a non-empty table shaped like the output
        of :func:`storage_points` (windows with ``start <= end``), or ``marks`` is not a
        mapping of labels to dates.
    """
    style.check_ax(ax)
    points = _check_points(points, _RECORD_COLUMNS, min_rows=1)
    marks = _check_marks(marks)
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
    """One panel of :func:`plot_storage_record` (no pyplot).

    Raises
    ------
    ParameterError
        If an argument is invalid (see :func:`plot_storage_record`).
    """
    points = _check_points(points, _RECORD_COLUMNS, min_rows=1)
    marks = _check_marks(marks)
    with style.course_style():
        fig = Figure(figsize=(9.5, 4.6), layout="constrained")
        plot_storage_record(fig.add_subplot(), points, marks=marks)
    return fig


#: Columns of :func:`storage_points` that :func:`plot_storage_path` draws.
_PATH_COLUMNS = ("row_id", "value", "tracker", "reporting_outlet", "location", "day_lo",
                "day_hi", "day_mid")


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

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``storage_mb`` is not a sequence of at least one finite
        number >= 0, or ``points`` is not shaped like the output of :func:`storage_points`
        (``day_lo <= day_mid <= day_hi``).
    """
    style.check_ax(ax)
    storage_mb = _check_values("storage_mb", storage_mb, 0.0, min_len=1)
    points = _check_points(points, _PATH_COLUMNS)
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
    ax : matplotlib.axes.Axes
    grades : sequence of str
        The grades (distinct ids), one bar each, left to right.
    volumes : sequence of float
        Each grade's demand, mb/d, in [0, 10].
    labels : sequence of str
        Each grade's tick label.
    colors : sequence of str
        Each grade's bar colour (a matplotlib colour, e.g. ``"#0072B2"``).
    offered : (grade, mb/d), optional
        What the seller of ``grade`` (one of ``grades``) offers, in [0, 10] mb/d: a dashed line
        across that grade's bar, so the gap between the bar and the line (barrels offered but
        not bought) shows.

    Returns
    -------
    matplotlib.axes.Axes
        Bars with ``gid="bar:<grade>"``; the line ``gid="offered"``.

    Raises
    ------
    ParameterError
        If ``ax`` is not an Axes, ``grades`` is not a list of at least one distinct id, one of
        ``volumes``, ``labels`` and ``colors`` is not as above or not as long as ``grades``,
        or ``offered`` is not None or a pair (grade, volume) as above.
    """
    style.check_ax(ax)
    grades = check_ids("grades", grades, min_len=1, distinct=True)
    volumes = _check_values("volumes", volumes, 0.0, _VOLUME_MAX)
    if isinstance(labels, str | bytes | Mapping) or not isinstance(labels, Sequence):
        raise ParameterError(f"labels must be a sequence of str (one per grade), got {labels!r}")
    labels = [check_str(f"labels[{i}]", t, empty=True) for i, t in enumerate(labels)]
    if isinstance(colors, str | bytes | Mapping) or not isinstance(colors, Sequence):
        raise ParameterError(f"colors must be a sequence of colours (one per grade), got "
                             f"{colors!r}")
    for i, c in enumerate(colors):
        if not isinstance(c, str) or not is_color_like(c):
            raise ParameterError(f"colors[{i}] must be a matplotlib colour (a str such as "
                                 f"'#0072B2' or 'black'), got {c!r}")
    for name, seq in (("volumes", volumes), ("labels", labels), ("colors", colors)):
        if len(seq) != len(grades):
            raise ParameterError(f"{name} must have one entry per grade ({len(grades)}: "
                                 f"{grades}), got {len(seq)}")
    if offered is not None:
        grade, level = _check_pair("offered", offered, "(grade, volume in mb/d)")
        offered = (check_choice("offered[0] (a grade)", grade, grades),
                   check_number("offered[1]", level, 0.0, _VOLUME_MAX, unit="mb/d"))
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
        A figure drawn by an Agg canvas, with a fixed layout (no layout engine) by the time
        :meth:`show` is first called.
    axes : sequence of Axes
        The axes whose children are static unless listed in ``dynamic``.
    dynamic : iterable of Artist
        Artists redrawn on every update (lines, bars, changing texts).
    set_zoom : callable
        Called with a zoom key to set the axis limits before its picture is rendered.

    Raises
    ------
    ParameterError
        If ``fig`` is not a Figure with an Agg canvas, ``axes`` not a sequence of at least one
        Axes of ``fig``, ``dynamic`` not an iterable of matplotlib artists, or ``set_zoom`` not
        callable.
    """

    def __init__(self, fig: Figure, axes: Sequence[Axes], dynamic: Iterable[Artist],
                 set_zoom: Callable[[Any], Any]) -> None:
        check_instance("fig", fig, Figure, "a matplotlib Figure")
        if not hasattr(fig.canvas, "buffer_rgba"):
            raise ParameterError(f"fig must be drawn by an Agg canvas (FigureCanvasAgg(fig)), "
                                 f"got a {type(fig.canvas).__name__}")
        if isinstance(axes, str | bytes | Mapping) or not isinstance(axes, Sequence) \
                or not axes:
            raise ParameterError(f"axes must be a sequence of at least one Axes of fig, got "
                                 f"{axes!r}")
        for i, a in enumerate(axes):
            check_instance(f"axes[{i}]", a, Axes, "an Axes of fig")
            if a.get_figure(root=True) is not fig:
                raise ParameterError(f"axes[{i}] must be an Axes of fig, got one of another "
                                     f"figure")
        if isinstance(dynamic, str | bytes | Mapping) or not isinstance(dynamic, Iterable):
            raise ParameterError(f"dynamic must be an iterable of matplotlib artists, got "
                                 f"{dynamic!r}")
        dynamic = list(dynamic)
        for i, a in enumerate(dynamic):
            check_instance(f"dynamic[{i}]", a, Artist, "a matplotlib artist (e.g. a Line2D)")
        if not callable(set_zoom):
            raise ParameterError(f"set_zoom must be callable (it takes a zoom key), got "
                                 f"{set_zoom!r}")
        self.fig, self.axes, self.dynamic, self.set_zoom = fig, tuple(axes), set(dynamic), set_zoom
        self.layers: dict[object, StaticLayer] = {}

    def show(self, key: object) -> None:
        """Show the background of zoom level ``key`` (rendering it the first time).

        Raises
        ------
        ParameterError
            If ``key`` is not hashable (keys index the cached backgrounds).
        """
        try:
            hash(key)
        except TypeError:
            raise ParameterError(f"key must be hashable (e.g. a tuple of axis limits), got "
                                 f"{key!r}") from None
        self.set_zoom(key)  # the dynamic artists need the limits too
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

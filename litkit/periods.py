"""Periods: the one home of period logic (trends, authors and topics use it).

A paper's period comes from its ``date``; for ``freq="year"`` a paper with a ``year`` but no
``date`` is placed by its year.

Complete and incomplete periods
-------------------------------
A count from a period that the data only partly cover is misleading (a corpus searched in July
shows a "drop" for the current year). A period is *incomplete* when

* it ends after ``today`` (the current period, or a future one);
* it is the last period and the data end before it does, or the first and the data begin after
  it starts. The data's span is taken from the dates, at the precision they have: with
  day-precise dates a corpus ending on 1 July leaves July, Q3 and the year incomplete; when every
  date is a 1 January (year-only sources) the data cannot tell, and only the ``today`` rule
  applies. ``start=``/``end=`` (the dates a search covered) override what the data suggest.

Well-filled periods
-------------------
A share computed over 1-4 papers jumps to 0 % or 100 % by chance. A period is *well filled* when
it holds at least ``min_papers`` papers (:data:`MIN_PAPERS_PER_PERIOD`) and at least
``min_fraction`` (:data:`MIN_FRACTION_OF_TYPICAL`) of the median count of the non-empty periods.
Shares, heatmaps, growth and "recent" windows use only *usable* periods: complete and well filled.

Examples
--------
>>> import pandas as pd, litkit
>>> from litkit.schema import from_records
>>> papers = from_records([{"id": f"p{i}", "year": y} for i, y in
...                        enumerate([2019] * 2 + [2020] * 12 + [2021] * 15)])
>>> t = litkit.periods.period_table(papers, "year", today="2030-01-01")
>>> t[["period", "papers", "complete", "well_filled"]].to_string(index=False)
'period  papers  complete  well_filled\\n  2019       2      True        False\\n  2020      12      True         True\\n  2021      15      True         True'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["FREQS", "MIN_PAPERS_PER_PERIOD", "MIN_FRACTION_OF_TYPICAL", "check_freq",
           "effective_dates", "period_of", "coverage", "incomplete", "period_table",
           "suggest_freq", "Window", "recent_window"]

#: period name -> pandas period code
FREQS = {"year": "Y", "quarter": "Q", "month": "M"}
#: a well-filled period holds at least this many papers
MIN_PAPERS_PER_PERIOD = 10
#: ... and at least this fraction of the median count of the non-empty periods
MIN_FRACTION_OF_TYPICAL = 0.25
#: suggest_freq: the finest period whose periods hold this many papers on average
SUGGEST_MIN_PER_PERIOD = 20
#: suggest_freq: at most this many periods
SUGGEST_MAX_PERIODS = 60
#: suggest_freq: months/quarters only when this share of dates has a month
SUGGEST_MIN_PRECISE_SHARE = 0.5


def check_freq(freq: str) -> str:
    """The pandas period code of ``freq`` (``"year"`` -> ``"Y"``); ValueError for another name.

    Examples
    --------
    >>> check_freq("quarter")
    'Q'
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(map(repr, FREQS))}, not {freq!r}")
    return FREQS[freq]


def effective_dates(papers: pd.DataFrame, freq: str = "year") -> pd.Series:
    """The date used to place each paper: its ``date``; for yearly periods its ``year`` when undated.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (``date`` and ``year`` are used where present).
    freq : {"year", "quarter", "month"}

    Returns
    -------
    pandas.Series
        ``datetime64[ns]`` aligned with ``papers`` (NaT where the paper cannot be placed).

    Examples
    --------
    >>> from litkit.schema import from_records
    >>> p = from_records([{"id": "a", "year": 2020}, {"id": "b", "date": "2021-05-02"}])
    >>> effective_dates(p, "year").dt.year.tolist()
    [2020, 2021]
    >>> int(effective_dates(p, "month").isna().sum())
    1
    """
    check_freq(freq)
    if "date" in papers:
        dates = pd.to_datetime(papers["date"], errors="coerce")
    else:
        dates = pd.Series(pd.NaT, index=papers.index, dtype="datetime64[ns]")
    if freq == "year" and "year" in papers:
        years = pd.to_numeric(papers["year"], errors="coerce")
        fill = dates.isna() & years.notna()
        if fill.any():
            fy = pd.to_datetime(years[fill].astype("int64").astype(str) + "-01-01",
                                format="%Y-%m-%d", errors="coerce")
            dates = dates.copy()
            dates[fill] = fy
    return dates.astype("datetime64[ns]")


def period_of(papers: pd.DataFrame, freq: str = "year") -> pd.Series:
    """The period (a ``pandas.Period``, NaT when unknown) of each paper, aligned with ``papers``.

    Examples
    --------
    >>> from litkit.schema import from_records
    >>> period_of(from_records([{"id": "a", "date": "2021-05-02"}]), "quarter").astype(str).tolist()
    ['2021Q2']
    """
    return effective_dates(papers, freq).dt.to_period(check_freq(freq))


def _precision(dates: pd.Series) -> str:
    d = dates.dropna()
    if d.empty:
        return "year"
    if (d.dt.day != 1).any():
        return "day"
    if (d.dt.month != 1).any():
        return "month"
    return "year"


def coverage(dates: pd.Series, start=None, end=None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day the data cover, at the precision of the dates.

    Parameters
    ----------
    dates : pandas.Series
        Dates (NaT ignored), e.g. :func:`effective_dates`.
    start, end : date-like, optional
        The span a search covered: they replace what the data suggest.

    Returns
    -------
    (pandas.Timestamp or None, pandas.Timestamp or None)

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2020-03-01", "2021-06-01"]))
    >>> [str(x.date()) for x in coverage(d)]      # month precision: to the end of June
    ['2020-03-01', '2021-06-30']
    """
    d = dates.dropna()
    prec = _precision(dates)
    first = last = None
    if not d.empty:
        first = d.min().normalize()
        lo = d.max().normalize()
        if prec == "day":
            last = lo
        elif prec == "month":
            last = (lo + pd.offsets.MonthEnd(0)).normalize()
        else:
            last = pd.Timestamp(year=lo.year, month=12, day=31)
    if start is not None:
        first = pd.Timestamp(start).normalize()
    if end is not None:
        last = pd.Timestamp(end).normalize()
    return first, last


def incomplete(starts: pd.Series, ends: pd.Series, first=None, last=None, today=None) -> np.ndarray:
    """Which periods (given by their first and last day) the data or the calendar leave incomplete.

    Parameters
    ----------
    starts, ends : pandas.Series of Timestamps
        First and last day of each period.
    first, last : Timestamp, optional
        The span the data cover (:func:`coverage`).
    today : date-like, optional
        "Now" (default ``pandas.Timestamp.today()``): a period ending after it is incomplete.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> s = pd.Series(pd.to_datetime(["2020-01-01", "2021-01-01"]))
    >>> e = pd.Series(pd.to_datetime(["2020-12-31", "2021-12-31"]))
    >>> incomplete(s, e, last=pd.Timestamp("2021-06-30"), today="2030-01-01").tolist()
    [False, True]
    """
    now = pd.Timestamp(today if today is not None else pd.Timestamp.today()).normalize()
    flag = np.array(ends > now, dtype=bool)
    if last is not None:
        flag |= np.array(ends > last, dtype=bool)
    if first is not None:
        flag |= np.array(starts < first, dtype=bool)
    return flag


def _well_filled(counts: np.ndarray, min_papers: int, min_fraction: float) -> np.ndarray:
    nonzero = counts[counts > 0]
    typical = float(np.median(nonzero)) if len(nonzero) else 0.0
    return (counts >= min_papers) & (counts >= min_fraction * typical)


def period_table(papers: pd.DataFrame, freq: str = "year", *, start=None, end=None, today=None,
                 min_papers: int = MIN_PAPERS_PER_PERIOD,
                 min_fraction: float = MIN_FRACTION_OF_TYPICAL) -> pd.DataFrame:
    """Every period from the first dated paper to the last: its papers, complete, well filled.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table. Not modified.
    freq : {"year", "quarter", "month"}
    start, end : date-like, optional
        The span the search covered (default: the span of the data; see the module notes).
    today : date-like, optional
        "Now" for the current-period rule (default: today).
    min_papers : int
        Fewest papers in a well-filled period.
    min_fraction : float
        Fewest papers in a well-filled period, as a fraction of the median non-empty period.

    Returns
    -------
    pandas.DataFrame
        One row per period, in order: ``period`` (string), ``start``, ``end`` (first and last
        day), ``papers`` (Int64), ``complete``, ``well_filled`` and ``usable`` (bool: complete
        and well filled). Empty (with these columns) when no paper can be placed.

    Examples
    --------
    >>> import litkit, litkit.data
    >>> t = period_table(litkit.read(litkit.data.ARXIV_SAMPLE), "quarter")
    >>> t.loc[~t["complete"], "period"].tolist()      # March 2025 and July 2026 are partly covered
    ['2025Q1', '2026Q3']
    """
    code = check_freq(freq)
    dates = effective_dates(papers, freq).dropna()
    if dates.empty:
        return pd.DataFrame({"period": pd.Series([], dtype="string"),
                             "start": pd.Series([], dtype="datetime64[ns]"),
                             "end": pd.Series([], dtype="datetime64[ns]"),
                             "papers": pd.Series([], dtype="Int64"),
                             **{c: pd.Series([], dtype=bool)
                                for c in ("complete", "well_filled", "usable")}})
    periods = dates.dt.to_period(code)
    span = pd.period_range(periods.min(), periods.max(), freq=code)
    counts = periods.value_counts().reindex(span, fill_value=0).to_numpy(dtype="int64")
    starts = pd.Series([p.start_time.normalize() for p in span], dtype="datetime64[ns]")
    ends = pd.Series([p.end_time.normalize() for p in span], dtype="datetime64[ns]")
    first, last = coverage(dates, start, end)
    complete = ~incomplete(starts, ends, first, last, today)
    filled = _well_filled(counts, min_papers, min_fraction)
    return pd.DataFrame({"period": pd.array(span.astype(str), dtype="string"),
                         "start": starts, "end": ends,
                         "papers": pd.array(counts, dtype="Int64"),
                         "complete": complete, "well_filled": filled,
                         "usable": complete & filled})


def suggest_freq(papers: pd.DataFrame, *, min_per_period: float = SUGGEST_MIN_PER_PERIOD,
                 max_periods: int = SUGGEST_MAX_PERIODS,
                 min_precise_share: float = SUGGEST_MIN_PRECISE_SHARE) -> str:
    """The finest period ("month", "quarter" or "year") that suits a corpus.

    A period is finer than the dates allow when fewer than ``min_precise_share`` of the dated
    papers have a month (a date other than 1 January: year-only exports store 1 January). Of the
    periods the dates allow, the finest is chosen whose span has at most ``max_periods`` periods
    and on average at least ``min_per_period`` papers per period; otherwise "year".

    Examples
    --------
    The bundled arXiv sample (3,126 papers over 16 months) gives months; 19 papers over four
    years give years:

    >>> import litkit, litkit.data
    >>> litkit.suggest_freq(litkit.read(litkit.data.ARXIV_SAMPLE))
    'month'
    >>> litkit.suggest_freq(litkit.read(litkit.data.RESEARCHER_PROFILE))
    'year'
    """
    dates = effective_dates(papers, "year").dropna()
    if dates.empty:
        return "year"
    has_month = float(((dates.dt.month != 1) | (dates.dt.day != 1)).mean())
    for freq in ("month", "quarter"):
        if has_month < min_precise_share:
            break
        periods = dates.dt.to_period(FREQS[freq])
        n_periods = (periods.max() - periods.min()).n + 1
        if n_periods <= max_periods and len(dates) / n_periods >= min_per_period:
            return freq
    return "year"


@dataclass(frozen=True)
class Window:
    """A recent window and its reference, or the reason there is none.

    Attributes
    ----------
    ok : bool
        Whether a comparison can be made.
    reason : str
        Why not (empty when ``ok``): a sentence for the reader.
    start, end : Timestamp or None
        First and last day of the recent window.
    periods : list of str
        The periods of the recent window.
    reference : list of str
        The periods before it that it is compared with.
    left_out : list of str
        Periods after the window (incomplete or thin): in neither side.
    papers_recent, papers_reference : int
    """

    ok: bool
    reason: str = ""
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    periods: list = field(default_factory=list)
    reference: list = field(default_factory=list)
    left_out: list = field(default_factory=list)
    papers_recent: int = 0
    papers_reference: int = 0


def recent_window(papers: pd.DataFrame, freq: str = "year", *, n_periods: int = 1,
                  min_papers: int = MIN_PAPERS_PER_PERIOD, today=None, start=None, end=None,
                  min_fraction: float = MIN_FRACTION_OF_TYPICAL) -> Window:
    """The recent window for "rising" or "emerging": the last complete, well-filled periods.

    The recent window is the last ``n_periods`` usable periods (complete and well filled, see
    :func:`period_table`) at the end of the data; the reference is every earlier period. Periods
    after the window (the incomplete current year, a thin tail) are left out of both sides, so 8
    papers of a year just begun are never compared with all earlier years.

    Parameters
    ----------
    papers : pandas.DataFrame
    freq : {"year", "quarter", "month"}
    n_periods : int
        Usable periods in the recent window.
    min_papers : int
        Fewest papers in a usable period, and in the reference.
    today, start, end, min_fraction
        See :func:`period_table`.

    Returns
    -------
    Window
        ``ok`` False with a ``reason`` when the data do not allow a comparison (one period only,
        no usable period, nothing before it).

    Examples
    --------
    >>> from litkit.schema import from_records
    >>> p = from_records([{"id": f"p{i}", "date": d} for i, d in
    ...     enumerate(["2019-03-01"] * 12 + ["2020-03-01"] * 12 + ["2021-02-01"] * 3)])
    >>> w = recent_window(p, "year", today="2021-06-01")
    >>> w.periods, w.reference, w.left_out
    (['2020'], ['2019'], ['2021'])
    >>> recent_window(p.head(12), "year").reason
    'all dated papers fall in one year (2019): there is nothing earlier to compare with'
    """
    if n_periods < 1:
        raise ValueError("n_periods must be at least 1")
    t = period_table(papers, freq, start=start, end=end, today=today, min_papers=min_papers,
                     min_fraction=min_fraction)
    if t.empty:
        return Window(False, f"no paper has a {'year' if freq == 'year' else 'date'}")
    if len(t) == 1:
        return Window(False, f"all dated papers fall in one {freq} ({t['period'].iloc[0]}): "
                             "there is nothing earlier to compare with")
    usable = np.flatnonzero(t["usable"].to_numpy())
    if len(usable) == 0:
        return Window(False, f"no {freq} is both complete and holds at least {min_papers} papers")
    last = int(usable[-1])
    chosen = usable[-n_periods:]
    first = int(chosen[0])
    n_recent = int(t["papers"].iloc[chosen].sum())
    n_ref = int(t["papers"].iloc[:first].sum())
    periods = t["period"].astype(str).tolist()
    base = dict(start=t["start"].iloc[first], end=t["end"].iloc[last],
                periods=[periods[i] for i in chosen], reference=periods[:first],
                left_out=periods[last + 1:], papers_recent=n_recent, papers_reference=n_ref)
    if n_ref < min_papers:
        return Window(False, f"the periods before the recent window ({', '.join(base['periods'])}) "
                             f"hold {n_ref} paper(s), fewer than {min_papers}", **base)
    return Window(True, "", **base)

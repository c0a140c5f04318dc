"""Topics over time: papers per topic and period, and which topics are emerging."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..periods import check_freq, period_of, period_table
from ..trends import counts_by_period
from .model import TopicModel

_NO_TODAY = "2262-04-11"   # no period is 'current': completeness is not asked here

_Z95 = 1.96   # two-sided 95% normal quantile
#: recent usable periods (complete, well filled) the verdict of :func:`emerging_topics` rests on
RECENT_WINDOW = 3
#: papers of a topic needed in that window for a verdict
MIN_RECENT_PAPERS = 10


def _labels_of(papers, labels) -> pd.Series:
    if isinstance(labels, TopicModel):
        labels = labels.labels_
    labels = pd.Series(labels)
    if not labels.index.equals(papers.index):
        raise ValueError("labels must be aligned with papers.index (use model.labels_ or "
                         "model.transform(papers))")
    return labels.astype("Int64")


def topics_over_time(papers: pd.DataFrame, labels, freq: str = "year",
                     normalize: bool = True) -> pd.DataFrame:
    """Papers per topic and period, as a tidy table with every (period, topic) pair.

    Parameters
    ----------
    papers : DataFrame
        A papers table (uses ``date``; for ``freq="year"`` also ``year`` where there is no date).
    labels : Series or TopicModel
        Topics aligned with ``papers.index`` (NA = no topic; such papers are not counted).
    freq : {"year", "quarter", "month"}
    normalize : bool
        Add ``share``: the topic's fraction of the period's papers with a topic.

    Returns
    -------
    DataFrame with period (str), period_start (datetime), topic (Int64), count (Int64),
    total (Int64, papers with a topic in the period) and, with ``normalize``, share (Float64).
    Papers without a usable date are left out (their number is in ``.attrs["undated"]``).
    """
    lab = _labels_of(papers, labels)
    per = period_of(papers, freq)
    ok = (lab.notna() & per.notna()).to_numpy()
    counts = counts_by_period(papers[ok], freq, by=lab[ok].rename("topic"), today=_NO_TODAY)
    out = pd.DataFrame({"period": counts["period"].astype("string"),
                        "period_start": counts["start"].astype("datetime64[ns]"),
                        "topic": counts["topic"].astype("Int64"),
                        "count": counts["count"].astype("Int64")})
    out["total"] = out.groupby("period")["count"].transform("sum").astype("Int64")
    if normalize:
        share = out["count"].astype("Float64") / out["total"].astype("Float64")
        out["share"] = share.where(out["total"] > 0, pd.NA)
    out = out.reset_index(drop=True)
    out.attrs = {"undated": int((lab.notna() & per.isna()).sum())}
    return out


def _logistic_trend(x, k, n):
    """Binomial GLM (logit link) of k successes in n over x: slope and its standard error."""
    X = np.column_stack([np.ones_like(x), x])
    p0 = (k.sum() + 0.5) / (n.sum() + 1)
    beta = np.array([math.log(p0 / (1 - p0)), 0.0])
    for _ in range(50):
        eta = X @ beta
        p = 1 / (1 + np.exp(-eta))
        w = n * p * (1 - p) + 1e-9
        z = eta + (k - n * p) / w
        xtw = X.T * w
        new = np.linalg.solve(xtw @ X + 1e-9 * np.eye(2), xtw @ z)
        if np.max(np.abs(new - beta)) < 1e-10:
            beta = new
            break
        beta = new
    p = 1 / (1 + np.exp(-(X @ beta)))
    cov = np.linalg.inv((X.T * (n * p * (1 - p) + 1e-9)) @ X)
    return beta[1], math.sqrt(max(cov[1, 1], 0))


def emerging_topics(papers: pd.DataFrame, labels, freq: str = "quarter", *,
                    drop_incomplete: bool = True, topics: pd.DataFrame | None = None,
                    window: int = RECENT_WINDOW, min_papers: int = MIN_RECENT_PAPERS
                    ) -> pd.DataFrame:
    """Topics whose share of papers grows, with the uncertainty of the growth and a verdict.

    For each topic a binomial regression (logit link) of its papers among all papers with a topic,
    period by period, gives the growth of its log-odds per period with a standard error and a
    95% interval (``growth*``: over every well-filled period). The last period is flagged when
    the data stop before it ends (its papers are still coming in) and, with ``drop_incomplete``,
    left out of the fit. Periods that are not well filled (see :mod:`litkit.periods`: a handful
    of papers, or a small fraction of a typical period) are left out of every fit.

    The ``verdict`` rests on recent evidence only: the same regression over the last ``window``
    usable periods (complete and well filled; ``recent_*``). "growing": the recent 95% interval lies above zero and
    the topic has at least ``min_papers`` papers in the window; "declining": the interval lies
    below zero (same condition); "too few papers": fewer than ``min_papers`` papers or fewer than
    two periods in the window; "steady" otherwise.

    Parameters
    ----------
    papers : DataFrame
    labels : Series or TopicModel
    freq : {"year", "quarter", "month"}
    drop_incomplete : bool
    topics : DataFrame, optional
        A ``topics_`` table to take labels from (taken from ``labels`` when it is a model).
    window : int
        Recent usable periods the verdict rests on.
    min_papers : int
        Papers of the topic needed in the window for a verdict other than "too few papers".

    Returns
    -------
    DataFrame sorted by growth (largest first): topic, label, growth (log-odds per period),
    growth_se, growth_low, growth_high (95%), z, share_first, share_last, count_last,
    n_periods, last_period, last_period_complete, recent_growth, recent_low, recent_high,
    count_recent, recent_periods (e.g. "2025Q4-2026Q2"), verdict.

    Examples
    --------
    A topic with 10, 20, 40 of 100 papers in three quarters grows; one with 5, 2, 0 does not:

    >>> import pandas as pd
    >>> dates = pd.to_datetime(["2024-01-01", "2024-04-01", "2024-07-01"]).repeat(100)
    >>> papers = pd.DataFrame({"date": dates.append(pd.DatetimeIndex(["2024-09-30"]))})
    >>> topic = [int(i % 100 >= n) for n in (10, 20, 40) for i in range(100)] + [1]
    >>> em = emerging_topics(papers, pd.Series(topic, index=papers.index))
    >>> em[["topic", "verdict"]].to_dict("records")
    [{'topic': 0, 'verdict': 'growing'}, {'topic': 1, 'verdict': 'declining'}]
    """
    if topics is None and isinstance(labels, TopicModel):
        topics = labels.topics_
    tbl = topics_over_time(papers, labels, freq=freq, normalize=True)
    lab = _labels_of(papers, labels)
    pt = period_table(papers[lab.notna().to_numpy()], freq)
    last = pt["period"].iloc[-1] if len(pt) else pd.NA
    last_complete = bool(pt["complete"].iloc[-1]) if len(pt) else True
    use = pt.iloc[:-1] if drop_incomplete and not last_complete else pt
    use = use[use["well_filled"].to_numpy()]
    xs = {p: i for i, p in enumerate(pt["period"])}
    recent = list(use.loc[use["complete"].to_numpy(), "period"])[-window:]
    sub = tbl[tbl["period"].isin(set(use["period"]))]
    rows = []
    for t, g in sub.groupby("topic", sort=True):
        x = g["period"].map(xs).to_numpy(float)
        k = g["count"].to_numpy(float)
        n = g["total"].to_numpy(float)
        slope, se = _trend(x, k, n)
        r = g["period"].isin(recent).to_numpy()
        rslope, rse = _trend(x[r], k[r], n[r])
        sh = (k / n) if len(n) else np.array([np.nan])
        rows.append((t, slope, se, sh[0], sh[-1], int(k[-1]) if len(k) else 0, len(k),
                     rslope, rse, int(k[r].sum())))
    out = pd.DataFrame(rows, columns=["topic", "growth", "growth_se", "share_first", "share_last",
                                      "count_last", "n_periods", "recent_growth", "_rse",
                                      "count_recent"])
    out["growth_low"] = out["growth"] - _Z95 * out["growth_se"]
    out["growth_high"] = out["growth"] + _Z95 * out["growth_se"]
    out["z"] = out["growth"] / out["growth_se"]
    out["recent_low"] = out["recent_growth"] - _Z95 * out["_rse"]
    out["recent_high"] = out["recent_growth"] + _Z95 * out["_rse"]
    enough = (out["count_recent"] >= min_papers) & (len(recent) >= 2)
    out["verdict"] = np.select(
        [~enough, out["recent_low"].gt(0), out["recent_high"].lt(0)],
        ["too few papers", "growing", "declining"], default="steady")
    out["recent_periods"] = f"{recent[0]}-{recent[-1]}" if recent else pd.NA
    if topics is not None:
        out["label"] = out["topic"].map(dict(zip(topics["topic"].astype(int), topics["label"])))
    else:
        out["label"] = pd.NA
    out["last_period"] = last
    out["last_period_complete"] = last_complete
    floats = ["growth", "growth_se", "growth_low", "growth_high", "z", "share_first",
              "share_last", "recent_growth", "recent_low", "recent_high"]
    out = out[["topic", "label", "growth", "growth_se", "growth_low", "growth_high", "z",
               "share_first", "share_last", "count_last", "n_periods", "last_period",
               "last_period_complete", "recent_growth", "recent_low", "recent_high",
               "count_recent", "recent_periods", "verdict"]]
    out = out.astype({"topic": "Int64", "label": "string", "count_last": "Int64",
                      "n_periods": "Int64", "last_period": "string", "count_recent": "Int64",
                      "last_period_complete": "bool", "recent_periods": "string",
                      "verdict": "string", **{c: "Float64" for c in floats}})
    return out.sort_values(["growth", "topic"], ascending=[False, True], kind="stable",
                           na_position="last").reset_index(drop=True)


def _trend(x, k, n):
    """Slope and standard error of the logistic trend over the periods with papers (NaN when
    fewer than two)."""
    m = n > 0
    if m.sum() < 2:
        return np.nan, np.nan
    return _logistic_trend(x[m], k[m], n[m])

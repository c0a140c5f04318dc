"""Topics over time: papers per topic and period, and which topics are emerging."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .model import TopicModel

_Z95 = 1.96   # two-sided 95% normal quantile
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}


def _labels_of(papers, labels) -> pd.Series:
    if isinstance(labels, TopicModel):
        labels = labels.labels_
    labels = pd.Series(labels)
    if not labels.index.equals(papers.index):
        raise ValueError("labels must be aligned with papers.index (use model.labels_ or "
                         "model.transform(papers))")
    return labels.astype("Int64")


def _periods(papers: pd.DataFrame, freq: str) -> pd.Series:
    if freq not in _FREQ:
        raise ValueError(f"freq must be one of {sorted(_FREQ)}, got {freq!r}")
    date = pd.to_datetime(papers["date"]) if "date" in papers else \
        pd.Series(pd.NaT, index=papers.index, dtype="datetime64[ns]")
    per = date.dt.to_period(_FREQ[freq])
    if freq == "year" and "year" in papers:
        year = papers["year"].astype("Int64")
        fill = year.notna() & per.isna()
        if fill.any():
            per = per.astype(object)
            per[fill] = [pd.Period(int(y), "Y") for y in year[fill]]
            per = per.astype(pd.PeriodDtype("Y"))
    return per


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
    per = _periods(papers, freq)
    ok = lab.notna() & per.notna()
    df = pd.DataFrame({"period": per[ok], "topic": lab[ok]})
    counts = df.groupby(["period", "topic"], observed=True).size()
    topics = np.sort(lab.dropna().unique().astype(np.int64)) if lab.notna().any() else []
    periods = pd.period_range(per[ok].min(), per[ok].max(), freq=_FREQ[freq]) if ok.any() else []
    grid = pd.MultiIndex.from_product([periods, topics], names=["period", "topic"])
    counts = counts.reindex(grid, fill_value=0)
    out = counts.rename("count").reset_index()
    out["period_start"] = out["period"].dt.start_time if len(out) else pd.Series(
        [], dtype="datetime64[ns]")
    out["period"] = out["period"].astype(str).astype("string")
    out["topic"] = out["topic"].astype("Int64")
    out["count"] = out["count"].astype("Int64")
    out["total"] = out.groupby("period")["count"].transform("sum").astype("Int64")
    if normalize:
        share = out["count"].astype("Float64") / out["total"].astype("Float64")
        out["share"] = share.where(out["total"] > 0, pd.NA)
    out = out[["period", "period_start", "topic", "count", "total"]
              + (["share"] if normalize else [])]
    out.attrs["undated"] = int((lab.notna() & per.isna()).sum())
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
                    drop_incomplete: bool = True, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Topics whose share of papers grows, with the uncertainty of the growth.

    For each topic a binomial regression (logit link) of its papers among all papers with a topic,
    period by period, gives the growth of its log-odds per period with a standard error and a
    95% interval. The last period is flagged when the data stop before it ends (its papers are
    still coming in) and, with ``drop_incomplete``, left out of the fit.

    Parameters
    ----------
    papers : DataFrame
    labels : Series or TopicModel
    freq : {"year", "quarter", "month"}
    drop_incomplete : bool
    topics : DataFrame, optional
        A ``topics_`` table to take labels from (taken from ``labels`` when it is a model).

    Returns
    -------
    DataFrame sorted by growth (largest first): topic, label, growth (log-odds per period),
    growth_se, growth_low, growth_high (95%), z, share_first, share_last, count_last,
    n_periods, last_period, last_period_complete.
    """
    if topics is None and isinstance(labels, TopicModel):
        topics = labels.topics_
    tbl = topics_over_time(papers, labels, freq=freq, normalize=True)
    periods = tbl[["period", "period_start"]].drop_duplicates().reset_index(drop=True)
    date = pd.to_datetime(papers["date"]) if "date" in papers else pd.Series(dtype="datetime64[ns]")
    last_complete = True
    last = periods["period"].iloc[-1] if len(periods) else pd.NA
    if len(periods) and date.notna().any():
        end = pd.Period(str(last), _FREQ[freq]).end_time.normalize()
        last_complete = bool(date.max().normalize() >= end)
    use = periods["period"]
    if drop_incomplete and not last_complete:
        use = use.iloc[:-1]
    sub = tbl[tbl["period"].isin(set(use))]
    xs = {p: i for i, p in enumerate(use)}
    rows = []
    for t, g in sub.groupby("topic", sort=True):
        x = g["period"].map(xs).to_numpy(float)
        k = g["count"].to_numpy(float)
        n = g["total"].to_numpy(float)
        m = n > 0
        if m.sum() >= 2:
            slope, se = _logistic_trend(x[m], k[m], n[m])
        else:
            slope, se = np.nan, np.nan
        sh = (k[m] / n[m]) if m.any() else np.array([np.nan])
        rows.append((t, slope, se, sh[0], sh[-1], int(k[m][-1]) if m.any() else 0, int(m.sum())))
    out = pd.DataFrame(rows, columns=["topic", "growth", "growth_se", "share_first", "share_last",
                                      "count_last", "n_periods"])
    out["growth_low"] = out["growth"] - _Z95 * out["growth_se"]
    out["growth_high"] = out["growth"] + _Z95 * out["growth_se"]
    out["z"] = out["growth"] / out["growth_se"]
    if topics is not None:
        out["label"] = out["topic"].map(dict(zip(topics["topic"].astype(int), topics["label"])))
    else:
        out["label"] = pd.NA
    out["last_period"] = last
    out["last_period_complete"] = last_complete
    out = out[["topic", "label", "growth", "growth_se", "growth_low", "growth_high", "z",
               "share_first", "share_last", "count_last", "n_periods", "last_period",
               "last_period_complete"]]
    out = out.astype({"topic": "Int64", "label": "string", "growth": "Float64",
                      "growth_se": "Float64", "growth_low": "Float64", "growth_high": "Float64",
                      "z": "Float64", "share_first": "Float64", "share_last": "Float64",
                      "count_last": "Int64", "n_periods": "Int64", "last_period": "string",
                      "last_period_complete": "bool"})
    return out.sort_values(["growth", "topic"], ascending=[False, True], kind="stable",
                           na_position="last").reset_index(drop=True)


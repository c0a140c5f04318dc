"""litkit.trends: counts per period, shares, growth, incomplete periods, rising terms."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import litkit
from conftest import DATA
from litkit.schema import from_records

FAR_FUTURE = "2100-01-01"


def _papers(rows):
    recs = []
    for i, r in enumerate(rows):
        rec = {"id": f"t:{i}", "title": r.get("title", f"paper {i}"), "source": r.get("source", "test")}
        rec.update(r)
        recs.append(rec)
    return from_records(recs)


@pytest.fixture(scope="module")
def sample():
    return litkit.read(DATA / "arxiv-sample.jsonl.gz")


def test_yearly_counts_shares_growth_by_hand():
    p = _papers([{"date": "2020-01-05"}, {"date": "2020-06-01"},
                 {"date": "2021-03-01"}, {"date": "2021-04-01"}, {"date": "2021-05-01"},
                 {"date": "2023-12-31"}])
    before = p.copy(deep=True)
    t = litkit.counts_by_period(p, "year", today=FAR_FUTURE)
    pd.testing.assert_frame_equal(p, before)             # input untouched
    assert t["period"].tolist() == ["2020", "2021", "2022", "2023"]   # empty 2022 is present
    assert t["count"].tolist() == [2, 3, 0, 1]
    assert np.allclose(t["share"].astype(float), [2 / 6, 3 / 6, 0, 1 / 6])
    g = t["growth"]
    assert g.isna().tolist() == [True, False, False, True]  # first period; after a zero
    assert g[1] == pytest.approx(0.5) and g[2] == pytest.approx(-1.0)
    # data start on 5 January 2020 (day precision): 2020 is not fully covered; 2023 ends on 31 Dec
    assert t["incomplete"].tolist() == [True, False, False, False]
    assert str(t["count"].dtype) == "Int64" and str(t["share"].dtype) == "Float64"
    assert t["start"].iloc[1] == pd.Timestamp("2021-01-01") and t["end"].iloc[1] == pd.Timestamp("2021-12-31")


def test_current_period_and_data_end_flag_incomplete():
    p = _papers([{"date": "2023-01-01"}, {"date": "2023-02-10"}, {"date": "2023-03-31"},
                 {"date": "2023-04-01"}, {"date": "2023-05-15"}])
    t = litkit.counts_by_period(p, "quarter", today=FAR_FUTURE)
    assert t["period"].tolist() == ["2023Q1", "2023Q2"]
    assert t["count"].tolist() == [3, 2]
    assert t["incomplete"].tolist() == [False, True]      # data end 15 May, Q2 ends 30 June
    # the search covered the whole of Q2: say so
    t2 = litkit.counts_by_period(p, "quarter", end="2023-06-30", today=FAR_FUTURE)
    assert t2["incomplete"].tolist() == [False, False]
    # "today" inside Q2: the current quarter is incomplete whatever the data say
    t3 = litkit.counts_by_period(p, "quarter", end="2023-06-30", today="2023-06-01")
    assert t3["incomplete"].tolist() == [False, True]
    m = litkit.counts_by_period(p, "month", today=FAR_FUTURE)
    assert m["period"].tolist() == ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    assert m["count"].tolist() == [1, 1, 1, 1, 1]
    assert m["incomplete"].tolist() == [False, False, False, False, True]


def test_year_only_dates_cannot_mark_the_last_year_incomplete():
    p = _papers([{"year": 2019, "date": "2019"}, {"year": 2020, "date": "2020"},
                 {"year": 2020}])                                   # the last one has no date
    t = litkit.counts_by_period(p, "year", today=FAR_FUTURE)
    assert t["count"].tolist() == [1, 2]                            # placed by its year
    assert t["incomplete"].tolist() == [False, False]
    assert litkit.counts_by_period(p, "year", today="2020-05-01")["incomplete"].tolist() == [False, True]
    with pytest.warns(UserWarning, match="no date"):
        m = litkit.counts_by_period(p, "month", today=FAR_FUTURE)
    assert m.attrs["undated"] == 1 and int(m["count"].sum()) == 2


def test_grouped_shares_are_within_the_period():
    p = _papers([{"date": "2020-01-01", "source": "ris"}, {"date": "2020-02-01", "source": "ris"},
                 {"date": "2020-03-01", "source": "bibtex"}, {"date": "2021-01-01", "source": "bibtex"}])
    t = litkit.counts_by_period(p, "year", by="source", today=FAR_FUTURE)
    assert list(t.columns) == ["period", "start", "end", "source", "count", "share", "growth", "incomplete"]
    assert t[["period", "source"]].values.tolist() == [["2020", "bibtex"], ["2020", "ris"],
                                                      ["2021", "bibtex"], ["2021", "ris"]]
    assert t["count"].tolist() == [1, 2, 1, 0]
    assert np.allclose(t["share"].astype(float), [1 / 3, 2 / 3, 1.0, 0.0])
    assert t["growth"].isna().tolist() == [True, True, False, False]
    assert t["growth"][2] == 0.0 and t["growth"][3] == -1.0


def test_list_column_first_or_exploded_and_series_groups():
    p = _papers([{"date": "2020-05-01", "categories": ["cs.LG", "cs.AI"]},
                 {"date": "2020-06-01", "categories": ["cs.AI"]},
                 {"date": "2020-07-01", "categories": []}])
    first = litkit.counts_by_period(p, by="categories", today=FAR_FUTURE)
    assert dict(zip(first["categories"], first["count"])) == {"(none)": 1, "cs.AI": 1, "cs.LG": 1}
    ex = litkit.counts_by_period(p, by="categories", multi="explode", today=FAR_FUTURE)
    assert dict(zip(ex["categories"], ex["count"])) == {"(none)": 1, "cs.AI": 2, "cs.LG": 1}
    # shares are of the period's 3 papers, so they add up to more than 1 when exploded
    assert dict(zip(ex["categories"], ex["share"].round(4))) == {"(none)": 0.3333, "cs.AI": 0.6667,
                                                               "cs.LG": 0.3333}
    labels = pd.Series([2, 0, 2], index=p.index, name="topic")
    t = litkit.counts_by_period(p, by=labels, today=FAR_FUTURE)
    assert t["topic"].tolist() == [0, 2] and t["count"].tolist() == [1, 2]
    with pytest.raises(ValueError, match="not a column"):
        litkit.counts_by_period(p, by="nope")
    with pytest.raises(ValueError, match="freq"):
        litkit.counts_by_period(p, "week")


def test_real_sample_totals_agree_with_plain_pandas(sample):
    t = litkit.counts_by_period(sample, "year")
    plain = sample["year"].value_counts().sort_index()
    assert t["count"].tolist() == plain.tolist() == [1762, 1364]
    m = litkit.counts_by_period(sample, "month")
    plain_m = sample["date"].dt.to_period("M").value_counts().sort_index()
    assert m.set_index("period")["count"].astype(int).to_dict() == \
        {str(k): int(v) for k, v in plain_m.items()}
    # data: 2025-03-18 .. 2026-07-01, so March 2025 and July 2026 are partial
    assert m["incomplete"].tolist() == [True] + [False] * (len(m) - 2) + [True]
    assert m["period"].iloc[0] == "2025-03" and m["period"].iloc[-1] == "2026-07"
    g = litkit.counts_by_period(sample, "quarter", by="categories")
    primary = sample["categories"].str[0]
    plain_g = sample.groupby([sample["date"].dt.to_period("Q").astype(str), primary]).size()
    got = g[g["count"] > 0].set_index(["period", "categories"])["count"].astype(int)
    assert got.to_dict() == plain_g.to_dict()
    assert int(g["count"].sum()) == len(sample)


def test_shares_over_time_top_and_other(sample):
    p = _papers([{"date": "2020-01-01", "venue": "A"}, {"date": "2020-01-02", "venue": "A"},
                 {"date": "2020-01-03", "venue": "B"}, {"date": "2020-01-04", "venue": "C"},
                 {"date": "2021-01-04", "venue": "A"}, {"date": "2021-01-05", "venue": "B"},
                 {"date": "2021-01-06", "venue": "D"}, {"date": "2021-01-06", "venue": "B"}])
    s = litkit.shares_over_time(p, by="venue", top=2, today=FAR_FUTURE)
    assert s.attrs["groups"] == ["A", "B", "other"]            # A: 3, B: 3 (tie, by name), rest
    assert s[["period", "venue", "count"]].values.tolist() == [
        ["2020", "A", 2], ["2020", "B", 1], ["2020", "other", 1],
        ["2021", "A", 1], ["2021", "B", 2], ["2021", "other", 1]]
    assert np.allclose(s["share"].astype(float), [0.5, 0.25, 0.25, 0.25, 0.5, 0.25])
    r = litkit.shares_over_time(sample, "categories", "quarter", top=3)
    assert np.allclose(r.groupby("period")["share"].sum().astype(float), 1.0)
    assert r["categories"].nunique() == 4


def test_rising_terms_log_odds_by_hand():
    earlier = [{"date": f"2020-0{i + 1}-01", "title": "alpha beta"} for i in range(4)]
    recent = [{"date": "2021-02-01", "title": "alpha gamma"}, {"date": "2021-03-01", "title": "alpha gamma"},
              {"date": "2021-04-01", "title": "alpha gamma"}, {"date": "2021-05-01", "title": "beta gamma"}]
    p = _papers(earlier + recent)
    # 4 papers a window: too few for the default window (complete, well-filled periods), so say it
    r = litkit.rising_terms(p, ngram_range=(1, 1), stop_words=None, min_count=1, prior_scale=1.0,
                            recent="2021-01-01")
    assert r.attrs["recent"] == pd.Timestamp("2021-01-01")
    assert r.attrs["papers_recent"] == 4 and r.attrs["papers_earlier"] == 4
    assert r["term"].tolist() == ["gamma", "alpha", "beta"]
    row = r.set_index("term").loc["gamma"]
    # counts recent/earlier: gamma 4/0, alpha 3/4, beta 1/4; n = 8 words each window;
    # prior = corpus counts: gamma 4, alpha 7, beta 5 (sum 16)
    assert (row["count_recent"], row["count_earlier"]) == (4, 0)
    assert row["share_recent"] == 1.0 and row["share_earlier"] == 0.0
    delta = math.log((4 + 4) / (8 + 16 - 4 - 4)) - math.log((0 + 4) / (8 + 16 - 0 - 4))
    se = math.sqrt(1 / (4 + 4) + 1 / (0 + 4))
    assert row["log_odds"] == pytest.approx(delta) and row["log_odds"] == pytest.approx(math.log(2.5))
    assert row["se"] == pytest.approx(se) and row["z"] == pytest.approx(delta / se)
    beta = r.set_index("term").loc["beta"]
    assert beta["log_odds"] < 0
    by = litkit.rising_terms(p, ngram_range=(1, 1), stop_words=None, min_count=1, by_period=True)
    assert by["period"].unique().tolist() == ["2020", "2021"]


def test_rising_terms_counts_papers_on_the_real_sample(sample):
    # 2026 is incomplete (the data end on 1 July): the comparison from 2026 must be asked for
    r = litkit.rising_terms(sample, top=15, recent="2026-01-01")
    assert r.attrs["recent"] == pd.Timestamp("2026-01-01")
    assert r["z"].is_monotonic_decreasing
    assert set(r["ngram"]) <= {1, 2}
    recent = sample["date"] >= "2026-01-01"
    for term in ("agents", "survey", "language models"):
        # a hyphen joins words into one term ("TO-Agents" is not "agents")
        hits = sample["title"].str.contains(rf"(?i)(?<![\w-]){term}(?![\w-])", regex=True)
        row = litkit.rising_terms(sample, recent="2026-01-01").set_index("term").loc[term]
        assert row["count_recent"] == int((hits & recent).sum())
        assert row["count_earlier"] == int((hits & ~recent).sum())
    up = r.set_index("term")
    assert up.loc["agents", "z"] > 2 and up.loc["survey", "z"] < -2
    with pytest.raises(ValueError, match="nothing to compare"):
        litkit.rising_terms(sample, recent="2030-01-01")


def test_keywords_field_counts_each_keyword_whole():
    p = _papers([{"date": "2020-01-01", "keywords": ["Deep learning", "Graphs"]},
                 {"date": "2020-02-01", "keywords": ["graphs"]},
                 {"date": "2021-01-01", "keywords": ["Deep Learning"]}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = litkit.rising_terms(p, field="keywords", min_count=1, recent="2021-01-01")
    assert set(r["term"]) == {"deep learning", "graphs"}
    assert r.set_index("term").loc["graphs", "count_earlier"] == 2


def test_suggest_freq_follows_date_precision_and_density():
    import litkit
    from conftest import DATA, FIXTURES
    # 3,126 papers over 16 months, dated to the day: monthly periods hold ~190 papers each
    assert litkit.suggest_freq(litkit.read(DATA / "arxiv-sample.jsonl.gz")) == "month"
    # 500 WoS papers over 2010-2017: ~5 a month, ~16 a quarter -> years
    assert litkit.suggest_freq(litkit.read(FIXTURES / "wos" / "wos_plain_500.txt")) == "year"
    # 19 papers over four years
    assert litkit.suggest_freq(litkit.read(DATA / "researcher-profile.txt")) == "year"
    # year-only dates (stored as 1 January) never give months, however many papers
    year_only = from_records([{"id": f"x:{i}", "year": 2020 + i % 2,
                                      "date": pd.Timestamp(f"{2020 + i % 2}-01-01")} for i in range(500)])
    assert litkit.suggest_freq(year_only) == "year"
    assert litkit.suggest_freq(from_records([{"id": "x:1"}])) == "year"
    # 300 papers over 6 months, dated to the day: 50 a month
    dense = from_records([{"id": f"x:{i}", "date": pd.Timestamp("2024-01-05") + pd.Timedelta(days=i % 180)}
                                 for i in range(300)])
    assert litkit.suggest_freq(dense) == "month"
    assert litkit.suggest_freq(dense, min_per_period=100) == "quarter"


def test_rising_terms_default_window_is_the_last_complete_well_filled_period():
    # 30 papers in 2018 and 2019 each; 8 papers of a year just begun (2020) are left out,
    # not compared with all earlier years
    rows = ([{"date": "2018-05-01", "title": "graph kernels"}] * 30
            + [{"date": "2019-05-01", "title": "graph transformers"}] * 30
            + [{"date": "2020-02-01", "title": "quantum graph"}] * 8)
    r = litkit.rising_terms(_papers(rows), ngram_range=(1, 1), today="2020-03-01")
    assert r.attrs["skipped"] == ""
    assert r.attrs["recent"] == pd.Timestamp("2019-01-01")
    assert r.attrs["recent_end"] == pd.Timestamp("2019-12-31")
    assert r.attrs["left_out"] == ["2020"]
    assert (r.attrs["papers_recent"], r.attrs["papers_earlier"]) == (30, 30)
    assert "quantum" not in set(r["term"])
    assert r.set_index("term").loc["transformers", "trend"] == "rising"


def test_rising_terms_on_one_year_says_why_it_skipped_instead_of_raising():
    rows = [{"date": f"2019-{m:02d}-01", "title": "graph networks"} for m in range(1, 13)] * 3
    r = litkit.rising_terms(_papers(rows), freq="year", today=FAR_FUTURE)
    assert len(r) == 0 and list(r.columns)[:2] == ["term", "ngram"]
    assert r.attrs["skipped"] == ("all dated papers fall in one year (2019): "
                                  "there is nothing earlier to compare with")
    # by quarter there are four complete quarters of 9 papers: still too thin (fewer than 10)
    q = litkit.rising_terms(_papers(rows), freq="quarter", today=FAR_FUTURE)
    assert "no quarter is both complete and holds at least 10 papers" in q.attrs["skipped"]
    assert litkit.rising_terms(_papers(rows), freq="quarter", today=FAR_FUTURE,
                               min_papers=9).attrs["skipped"] == ""


def test_rising_terms_on_the_sample_by_month_compares_the_last_complete_month(sample):
    r = litkit.rising_terms(sample, freq="month")
    # the data end on 1 July 2026: July is incomplete, June 2026 is the recent window
    assert r.attrs["recent"] == pd.Timestamp("2026-06-01")
    assert r.attrs["left_out"] == ["2026-07"]
    june = (sample["date"] >= "2026-06-01") & (sample["date"] <= "2026-06-30")
    assert r.attrs["papers_recent"] == int(june.sum())
    assert r.attrs["papers_earlier"] == int((sample["date"] < "2026-06-01").sum())


def test_shares_mark_thin_periods():
    # 1-4 papers a year early on, 20 later: a 100 % share over 2 papers is marked thin
    rows = ([{"date": "2001-06-01", "venue": "A"}] * 2 + [{"date": "2002-06-01", "venue": "B"}]
            + [{"date": "2003-06-01", "venue": v} for v in "AB" * 10]
            + [{"date": "2004-06-01", "venue": v} for v in "AAB" * 7])
    s = litkit.shares_over_time(_papers(rows), by="venue", today=FAR_FUTURE)
    per = s.drop_duplicates("period").set_index("period")
    assert per["papers"].to_dict() == {"2001": 2, "2002": 1, "2003": 20, "2004": 21}
    assert per["thin"].to_dict() == {"2001": True, "2002": True, "2003": False, "2004": False}
    a2001 = s[(s["period"] == "2001") & (s["venue"] == "A")]["share"].iloc[0]
    assert a2001 == 1.0                            # the share is kept, the flag says it is noise

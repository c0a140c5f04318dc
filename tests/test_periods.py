"""litkit.periods: complete, well-filled and usable periods; the recent window."""

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.periods import period_table, recent_window
from litkit.schema import from_records

FAR_FUTURE = "2100-01-01"


def _dated(dates):
    return from_records([{"id": f"p{i}", "title": f"paper {i}", "date": d} for i, d in enumerate(dates)])


def test_thin_periods_are_not_well_filled_by_count_and_by_fraction_of_the_median():
    # 2, 40, 40, 40, 6 papers: 2 is under 10; 6 is under 10 too; with 40s, 9 would be under 25 %
    dates = (["2010-06-01"] * 2 + ["2011-06-01"] * 40 + ["2012-06-01"] * 40 + ["2013-06-01"] * 40
             + ["2014-06-01"] * 6)
    t = period_table(_dated(dates), "year", today=FAR_FUTURE)
    assert t["papers"].tolist() == [2, 40, 40, 40, 6]
    assert t["well_filled"].tolist() == [False, True, True, True, False]
    # dates to the day: the data begin on 1 June 2010 and end on 1 June 2014
    assert t["complete"].tolist() == [False, True, True, True, False]
    big = period_table(_dated(["2011-01-01"] * 100 + ["2012-01-01"] * 100 + ["2013-01-01"] * 20),
                       "year", min_papers=10, today=FAR_FUTURE)
    assert big["well_filled"].tolist() == [True, True, False]          # 20 < 25 % of 100


def test_empty_periods_between_are_present_and_unusable():
    t = period_table(_dated(["2020-01-01"] * 12 + ["2022-01-01"] * 12), "year", today=FAR_FUTURE)
    assert t["period"].tolist() == ["2020", "2021", "2022"]
    assert t["papers"].tolist() == [12, 0, 12]
    assert t["usable"].tolist() == [True, False, True]


def test_no_dates_give_an_empty_table_with_the_columns():
    t = period_table(from_records([{"id": "a", "title": "x"}]), "year")
    assert t.empty and list(t.columns) == ["period", "start", "end", "papers", "complete",
                                           "well_filled", "usable"]


def test_recent_window_skips_the_incomplete_current_year():
    # 8 papers of a year just begun are not compared with all earlier years
    p = _dated(["2018-05-01"] * 30 + ["2019-05-01"] * 30 + ["2020-02-01"] * 8)
    w = recent_window(p, "year", today="2020-03-01")
    assert w.ok
    assert w.periods == ["2019"] and w.reference == ["2018"] and w.left_out == ["2020"]
    assert (w.papers_recent, w.papers_reference) == (30, 30)
    assert w.start == pd.Timestamp("2019-01-01") and w.end == pd.Timestamp("2019-12-31")


def test_recent_window_reasons_instead_of_errors():
    one_year = _dated(["2019-03-01"] * 5 + ["2019-09-01"] * 5)
    w = recent_window(one_year, "year", today=FAR_FUTURE)
    assert not w.ok and "one year (2019)" in w.reason
    assert "no paper has a year" in recent_window(from_records([{"id": "a"}]), "year").reason
    thin = _dated(["2018-01-01", "2019-01-01", "2020-01-01"])
    assert "no year is both complete and holds at least 10 papers" in \
        recent_window(thin, "year", today=FAR_FUTURE).reason
    nothing_before = _dated(["2018-06-01"] * 3 + ["2019-06-01"] * 20 + ["2020-06-01"] * 20)
    w = recent_window(nothing_before, "year", today=FAR_FUTURE, n_periods=2)
    assert not w.ok and "hold 3 paper(s), fewer than 10" in w.reason


def test_real_wos_export_recent_window_from_complete_well_filled_years():
    papers = litkit.read(FIXTURES / "wos" / "wos_plain_500.txt")
    t = period_table(papers, "year")
    w = recent_window(papers, "year")
    assert w.ok
    last_usable = t.loc[t["usable"], "period"].iloc[-1]
    assert w.periods == [last_usable]
    assert w.papers_recent == int(t.loc[t["period"] == last_usable, "papers"].iloc[0])
    assert w.papers_recent >= 10
    assert w.papers_reference + w.papers_recent + int(
        t.loc[t["period"].isin(w.left_out), "papers"].sum()) == int(t["papers"].sum())


def test_bad_freq_is_a_clear_error():
    with pytest.raises(ValueError, match="freq must be one of"):
        period_table(_dated(["2020-01-01"]), "week")

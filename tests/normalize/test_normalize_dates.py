"""litkit.normalize.dates: expectations checked by hand against the calendar."""

import datetime as dt

import pandas as pd
import pytest

from litkit.normalize import (MONTH_NAMES, MONTHS, YEAR_PATTERN, best_date, date_parts, make_date,
                              parse_date, precision, safe_timestamp)


def ts(text):
    return pd.Timestamp(text)


@pytest.mark.parametrize("text, date, year", [
    ("2024", "2024-01-01", 2024),
    ("Sep 2024", "2024-09-01", 2024),
    ("Sep 19, 2024", "2024-09-19", 2024),
    ("2024 Sep 19", "2024-09-19", 2024),
    ("2024/09/19/", "2024-09-19", 2024),
    ("2024-09-19T10:00Z", "2024-09-19", 2024),
    ("19/09/2024", "2024-09-19", 2024),        # day first: 19 cannot be a month
    ("09/19/2024", "2024-09-19", 2024),        # month first
    ("05/06/2024", "2024-01-01", 2024),        # ambiguous: only the year is trusted
    ("2024 Spring", "2024-03-01", 2024),
    ("Winter 2019", "2019-12-01", 2019),
    ("2024 Sep 31", "2024-09-01", 2024),       # no 31 September: the month
    ("2024-13", "2024-01-01", 2024),           # no month 13: the year
])
def test_parse_date_spellings(text, date, year):
    assert parse_date(text) == (ts(date), year)


@pytest.mark.parametrize("text", [None, "", "   ", "n.d.", "forthcoming", "0900", "9999"])
def test_parse_date_without_a_plausible_year(text):
    assert parse_date(text) == (None, None)


@pytest.mark.parametrize("text, parts", [
    ("2019/05/01/", (2019, 5, 1)),
    ("2019///", (2019, None, None)),
    ("2019/05//other", (2019, 5, None)),
    ("2019/13/01", (2019, None, None)),
    ("2019-05-01", (2019, 5, 1)),
    ("2019 Mar 5", (2019, 3, 5)),
    ("2019 Spring", (2019, 3, None)),
    ("2018 Dec-2019 Jan", (2018, 12, None)),
    ("2016 Mar-Apr", (2016, 3, None)),
    ("JUN 8", (None, 6, 8)),
    ("SEP", (None, 9, None)),
    ("SPR 2019", (2019, 3, None)),
    ("Sept 2019", (2019, 9, None)),
    ("Janu 2019", (2019, 1, None)),
    ("1 Jan.-Feb. 2019", (2019, 1, None)),
    ("Start date: 20170812", (2017, 8, 12)),
    ("", (None, None, None)),
])
def test_date_parts(text, parts):
    assert date_parts(text) == parts


def test_best_date_prefers_the_most_precise_value_of_the_year():
    assert best_date("2019", "2019 May", "2019 May 3") == (ts("2019-05-03"), 2019, "day")
    assert best_date("2019", "2020 Mar 3", "2019 May") == (ts("2019-05-01"), 2019, "month")
    # a value without a year borrows the hint; a value of another year is passed over
    assert best_date("JUN 8", year_hint=2019) == (ts("2019-06-08"), 2019, "day")
    assert best_date("2018 May", year_hint=2019) == (ts("2019-01-01"), 2019, "year")
    assert best_date(None, "") == (None, None, None)


def test_make_date_falls_back_to_the_month_then_the_year():
    assert make_date(2024, 2, 29) == ts("2024-02-29")
    assert make_date(2023, 2, 29) == ts("2023-02-01")
    assert make_date(2024, 13, 1) == ts("2024-01-01")
    assert make_date("2024", "3", "4") == ts("2024-03-04")
    assert make_date(None) is None and make_date(999) is None and make_date(2200) is None


def test_safe_timestamp():
    assert safe_timestamp(dt.date(2020, 5, 1)) == ts("2020-05-01")
    aware = safe_timestamp(pd.Timestamp("2024-01-02 05:00", tz="Europe/Berlin"))
    assert aware == ts("2024-01-02 04:00") and aware.tz is None
    assert safe_timestamp("Sep 2024") == ts("2024-09-01")
    assert safe_timestamp("garbage") is None and safe_timestamp(None) is None
    assert safe_timestamp(pd.NaT) is None and safe_timestamp(object()) is None


def test_precision():
    assert [precision(2024, 5, 1), precision(2024, 5, None), precision(2024, None, 3),
            precision(None, 5, 1)] == ["day", "month", "year", None]


def test_one_month_table():
    assert len(MONTH_NAMES) == 12 and MONTH_NAMES[0] == "january"
    assert MONTHS["jan"] == MONTHS["january"] == 1 and MONTHS["may"] == 5
    assert MONTHS["sep"] == MONTHS["sept"] == MONTHS["september"] == 9
    assert len(MONTHS) == 12 + 1 + 11                  # abbreviations, "sept", the longer names


def test_year_pattern_stands_alone_among_digits():
    assert YEAR_PATTERN.search("c1999a").group(1) == "1999"
    assert YEAR_PATTERN.search("2199").group(1) == "2199"
    assert YEAR_PATTERN.search("12024") is None
    assert YEAR_PATTERN.search("1499 2200") is None

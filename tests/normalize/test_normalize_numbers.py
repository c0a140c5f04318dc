"""litkit.normalize.numbers."""

import numpy as np
import pytest

from litkit.normalize import FIRST_YEAR, INT64_MAX, LAST_YEAR, first_int, plausible_year, to_int


@pytest.mark.parametrize("value, expected", [
    (42, 42), ("42", 42), (" +12 ", 12), (7.0, 7), (np.int64(5), 5), (INT64_MAX, INT64_MAX),
    (True, None), (None, None), ("12a", None), ("1e3", None), (7.5, None), (float("nan"), None),
    (float("inf"), None), ("1" * 19, None), (INT64_MAX + 1, None), (-1, None), ("-3", None),
    ([1], None),
])
def test_to_int(value, expected):
    assert to_int(value) == expected


def test_to_int_range():
    assert to_int("-3", low=-10) == -3
    assert to_int(11, high=10) is None and to_int(10, high=10) == 10


def test_plausible_year_bounds():
    assert (FIRST_YEAR, LAST_YEAR) == (1000, 2199)
    assert [plausible_year(v) for v in (999, 1000, "2024", 2024.0, 2199, 2200, "2024.0")] == \
        [None, 1000, 2024, 2024, 2199, None, None]


@pytest.mark.parametrize("text, expected", [
    ("1,234", 1234), ("Times cited: 12 (WoS)", 12), ("3 of 4", 3), ("none", None), ("", None),
    (None, None),
])
def test_first_int(text, expected):
    assert first_int(text) == expected

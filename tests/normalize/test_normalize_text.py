"""litkit.normalize.text, .identifiers and .names."""

import numpy as np
import pandas as pd
import pytest

from litkit.normalize import (clean_text, display_name, fix_mojibake, is_missing,
                              normalize_arxiv_id, normalize_doi, split_keywords, strip_markup,
                              unique)


def test_missing_and_clean_text():
    assert [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", "x", 0)] == \
        [True, True, True, True, False, False, False]
    assert is_missing(np.array([1, 2])) is False
    assert clean_text(" a \t b\n") == "a b" and clean_text("\n") is None
    assert clean_text(pd.NA) is None and clean_text(3.5) == "3.5"


@pytest.mark.parametrize("raw, text", [
    ("H<sub>2</sub>O", "H2O"),
    ("YBa<inf>2</inf>Cu<jats:sub>3</jats:sub>", "YBa2Cu3"),
    ("<jats:p>One.</jats:p><jats:p>Two.</jats:p>", "One. Two."),
    ("a<br/>b", "a b"),
    ("a < b and x<y", "a < b and x<y"),
    ("&lt;i&gt; &amp; &eacute;", "<i> & é"),       # entities decoded after the tags went
])
def test_strip_markup(raw, text):
    assert strip_markup(raw) == text


def test_fix_mojibake():
    assert fix_mojibake("Aurora RamÃ­rez") == "Aurora Ramírez"
    assert fix_mojibake("300Â\xa0Â°C") == "300\xa0°C"
    assert fix_mojibake("naïve café") == "naïve café"
    assert fix_mojibake(5) == 5 and fix_mojibake(None) is None


def test_unique_and_split_keywords():
    assert unique(["b", "a", "b", None, "", "B"]) == ["b", "a", "B"]
    assert split_keywords("deep learning; ; GPUs;deep learning") == ["deep learning", "GPUs"]
    assert split_keywords("a, b; c", seps=",;") == ["a", "b", "c"]
    assert split_keywords(None) == []


@pytest.mark.parametrize("raw, doi", [
    ("https://doi.org/10.1000/ABC", "10.1000/abc"),
    ("https://dx.doi.org/10.1000/XYZ),", "10.1000/xyz"),
    ("doi: 10.1000/abc(12)", "10.1000/abc(12)"),
    ("doi:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O.",
     "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-o"),
    ("see 10.1000/xyz.", "10.1000/xyz"),
    ("10.12/short-prefix", None),
    (None, None),
])
def test_normalize_doi(raw, doi):
    assert normalize_doi(raw) == doi


@pytest.mark.parametrize("raw, arxiv", [
    ("arXiv:2401.01234v2", "2401.01234"),
    ("http://arxiv.org/abs/2401.01234", "2401.01234"),
    ("https://export.arxiv.org/pdf/hep-th/9901001v3", "hep-th/9901001"),
    ("math.AG/0601001", "math.AG/0601001"),
    ("1234", None),
    ("", None),
])
def test_normalize_arxiv_id(raw, arxiv):
    assert normalize_arxiv_id(raw) == arxiv


@pytest.mark.parametrize("raw, name", [
    ("Kumar, Aviral", "Aviral Kumar"),
    ("Smith, J.;", "J. Smith"),
    ("King, Jr., Martin", "Martin King Jr."),
    ("Ada Lovelace", "Ada Lovelace"),
    (None, None),
])
def test_display_name(raw, name):
    assert display_name(raw) == name

"""litkit.check: preconditions of an analysis, one line saying what is missing and what to do."""

import pytest

import litkit
from conftest import FIXTURES
from litkit.schema import from_records


def test_a_corpus_that_has_everything_passes():
    papers = litkit.read(FIXTURES / "wos" / "wos_plain_500.txt")
    c = litkit.check(papers, needs=("dates", "abstracts", "authors", "coauthors", "periods"),
                     min_papers=20, freq="year")
    assert c.ok and bool(c) and c.message == "" and c.missing == ()


def test_missing_abstracts_and_too_few_papers_in_one_line_with_advice():
    papers = from_records([{"id": f"a{i}", "title": f"t {i}", "year": 2020} for i in range(3)])
    c = litkit.check(papers, needs=("abstracts", "dates"), min_papers=5)
    assert not c.ok and not bool(c)
    assert c.missing == ("papers", "abstracts")
    assert "\n" not in c.message
    assert c.message.startswith("Skipped because the corpus has 3 papers (at least 5 needed) "
                                "and no paper has an abstract:")
    assert "abstracts" in c.message.split(":", 1)[1] and "add papers" in c.message


def test_partial_fields_are_counted():
    recs = [{"id": f"a{i}", "title": "t", "abstract": "words" if i < 4 else None,
             "authors": ["Doe, J"] if i % 2 else []} for i in range(10)]
    c = litkit.check(from_records(recs), needs=("abstracts", "authors"), min_papers=5)
    assert c.missing == ("abstracts",)
    assert "only 4 of 10 papers have an abstract (at least 5 needed)" in c.message
    c2 = litkit.check(from_records(recs), needs=("abstracts",), min_papers=1, min_with=4)
    assert c2.ok


def test_single_author_papers_lack_coauthors():
    recs = [{"id": f"a{i}", "authors": [f"Author{i}, A"]} for i in range(5)]
    c = litkit.check(from_records(recs), needs=("authors", "coauthors"))
    assert c.missing == ("coauthors",)
    assert "no paper has two or more authors" in c.message


def test_one_year_corpus_has_too_few_periods():
    papers = from_records([{"id": f"a{i}", "year": 2019} for i in range(40)])
    c = litkit.check(papers, needs=("periods",), freq="year")
    assert c.missing == ("periods",)
    assert "only 1 year is complete with at least 10 papers (at least 2 needed)" in c.message
    assert "freq='quarter'" in c.message


def test_no_dates_fail_dates_and_periods():
    papers = from_records([{"id": f"a{i}", "title": "t"} for i in range(40)])
    c = litkit.check(papers, needs=("dates", "periods"))
    assert c.missing == ("dates", "periods")
    assert "no paper has a year or date" in c.message


def test_unknown_need_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown need 'dats'"):
        litkit.check(from_records([{"id": "a"}]), needs=("dats",))


def test_markdown_form_escapes_the_message():
    c = litkit.check(from_records([]), min_papers=1)
    assert c._repr_markdown_().startswith("Skipped because the corpus has 0 papers")
    assert repr(litkit.check(from_records([{"id": "a"}]))) == "All preconditions hold."

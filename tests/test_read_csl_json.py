"""CSL-JSON reader (litkit.io.csl_json). Expected values were read off the fixture files by eye."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES

Z26 = FIXTURES / "csl-json" / "zotero_26.csl.json"
DATES = FIXTURES / "csl-json" / "zotero_dates.csl.json"


@pytest.fixture(scope="module")
def z26():
    return litkit.read(Z26)


@pytest.fixture(scope="module")
def dates():
    papers = litkit.read(DATES)
    return papers.set_index(papers["extra"].map(lambda e: e["csl_id"]))


def test_counts_and_detection(z26, dates):
    litkit.validate(z26)
    litkit.validate(dates)
    assert len(z26) == 26 and len(dates) == 15
    assert (z26["source"] == "csl-json").all()
    assert litkit.detect_format(litkit.io.load(Z26))[0] == "csl-json"
    assert z26["title"].notna().all() and z26["year"].notna().all()


def test_first_item(z26):
    row = z26.iloc[0]
    assert row["title"] == ("Perceptions of disability and their impact upon involvement in sport "
                            "for people with disabilities at all levels")
    assert row["authors"] == ["Ian Brittain"]
    assert row["year"] == 2004 and row["date"] == pd.Timestamp("2004-01-01")
    assert row["venue"] == "Journal of Sport and Social Issues"
    # "DOI": "10/fqd6hj" is a shortDOI; the full DOI comes from the doi.org URL
    assert row["doi"] == "10.1177/0193723504268729"
    assert row["id"] == "doi:10.1177/0193723504268729"
    assert row["extra"]["short_doi"] == "10/fqd6hj"
    assert row["extra"]["type"] == "article-journal"
    assert row["extra"]["ISSN"] == "0193-7235"
    assert row["extra"]["volume"] == "28" and row["extra"]["issue"] == "4"
    assert row["extra"]["page"] == "429–452"
    assert row["source_ref"] == f"{Z26}:2"


def test_full_date_two_authors_literal_and_editor(z26):
    cody = z26.iloc[2]
    assert cody["authors"] == ["Kieran Cody", "Steven J. Jackson"]
    assert cody["date"] == pd.Timestamp("2016-06-01")
    court = z26.iloc[3]
    assert court["authors"] == ["Court of Arbitration for Sport"]   # a "literal" name
    assert court["title"] == "Semenya, ASA and IAAF: Planning update"
    assert court["date"] == pd.Timestamp("2019-03-21")
    assert court["doi"] is pd.NA and court["url"].startswith("https://www.tas-cas.org/")
    duncan = z26.iloc[4]
    assert duncan["extra"]["type"] == "chapter" and duncan["venue"] == "MediaSport"
    assert duncan["extra"]["editors"] == ["Lawrence Wenner"]
    assert duncan["extra"]["publisher"] == "Routledge"
    assert duncan["extra"]["publisher_place"] == "London, United Kingdom"
    assert duncan["extra"]["ISBN"] == "978-0-203-01405-9"


def test_short_doi_without_url_is_kept_in_extra(z26):
    fink = z26[z26["extra"].map(lambda e: e["csl_id"] == "fink2015")].iloc[0]
    assert fink["doi"] is pd.NA and fink["extra"]["short_doi"] == "10/gfzrww"
    tannenbaum = z26[z26["extra"].map(lambda e: e["csl_id"] == "tannenbaum2019")].iloc[0]
    assert tannenbaum["extra"]["PMID"] == "30894351"
    assert tannenbaum["authors"] == ["Cara Tannenbaum", "Sheree Bekker"]


def test_odd_dates(dates):
    # a range: its start is the date, the end kept in extra; "circa" flagged
    assert dates.loc["doe10_edtf_2011", "date"] == pd.Timestamp("2011-05-25")
    assert dates.loc["doe10_edtf_2011", "extra"]["date_end"] == "2012-06-26"
    assert dates.loc["doe10_edtf_2011", "extra"]["date_circa"] is True
    # month precision
    assert dates.loc["doe12_edtf_2011", "date"] == pd.Timestamp("2011-05-01")
    # seasons: CSL "season": 1 spring, 3 autumn, 4 winter
    assert dates.loc["doe7_politics_1985", "date"] == pd.Timestamp("1985-03-01")
    assert dates.loc["doe7_politics_1985", "extra"]["season"] == "spring"
    assert dates.loc["doe8_title_2017", "extra"]["season"] == "autumn"
    assert dates.loc["doe13_season_2017", "date"] == pd.Timestamp("2017-12-01")
    # years written as numbers or strings
    assert dates.loc["doe14_date2010_2010", "year"] == 2011
    # an open-ended range [[2014, 12, 31], [0]]
    assert dates.loc["t3", "date"] == pd.Timestamp("2014-12-31")
    assert dates.loc["t3", "extra"]["date_open_ended"] is True
    # no "issued" at all (only event-date/submitted): no year is invented
    assert pd.isna(dates.loc["t2", "year"]) and pd.isna(dates.loc["t2", "date"])
    # years before the common era: kept as the source gives them, no datetime
    assert dates.loc["t5", "year"] == -334 and pd.isna(dates.loc["t5", "date"])
    assert dates.loc["t5", "extra"]["year_bce"] == 334
    assert dates.loc["t6", "year"] == -100 and dates.loc["t6", "extra"]["date_end"] == "-44-03-15"
    assert dates.loc["doe15_multiple_2017", "extra"]["ISBN"] == "0-943396-04-2 0-85131-041-9"
    assert dates.loc["doe14_date2010_2010", "authors"] == ["Doe14"]


def _write(tmp_path, obj, name="x.json"):
    f = tmp_path / name
    f.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
    return f


def test_names_with_particles_suffixes_and_markup(tmp_path):
    item = {"id": "a", "type": "article-journal", "title": "On <i>E. coli</i> growth",
            "author": [{"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
                       {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
                       {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
                       {"family": "Ng"}, "Smith, John"],
            "issued": {"raw": "2020-03-04"}, "keyword": "cells, growth; bacteria",
            "abstract": "<p>We grow cells.</p>", "DOI": "https://doi.org/10.1000/ABC",
            "URL": "https://arxiv.org/abs/2001.01234v2"}
    row = litkit.read(_write(tmp_path, [item])).iloc[0]
    assert row["title"] == "On E. coli growth"
    assert row["authors"] == ["Ludwig van Beethoven", "Vincent van Gogh", "Martin Luther King Jr.",
                              "Ng", "John Smith"]
    assert row["date"] == pd.Timestamp("2020-03-04")
    assert row["keywords"] == ["cells", "growth", "bacteria"]
    assert row["abstract"] == "We grow cells."
    assert row["doi"] == "10.1000/abc" and row["arxiv_id"] == "2001.01234"


def test_single_item_and_items_wrapper(tmp_path):
    item = {"id": "a", "type": "book", "title": "One book", "issued": {"date-parts": [[1999]]}}
    assert list(litkit.read(_write(tmp_path, item, "one.json"))["year"]) == [1999]
    papers = litkit.read(_write(tmp_path, {"items": [item, dict(item, title="Two")]}, "w.json"))
    assert list(papers["title"]) == ["One book", "Two"]
    assert papers["source_ref"][1].endswith("w.json#2")


def test_non_objects_and_empty_items_are_skipped(tmp_path):
    good = {"id": "a", "type": "book", "title": "A title"}
    f = _write(tmp_path, [good, "not an item", 42, {"type": "book", "note": "no title"}, good])
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 2 and len(skipped) == 3
    assert "JSON str" in skipped["reason"][0] and "JSON int" in skipped["reason"][1]
    assert "no title, author or DOI" in skipped["reason"][2]


def test_cut_file_keeps_the_items_before_the_damage(tmp_path):
    text = Z26.read_text(encoding="utf-8")
    cut = text[:text.index('"citation-key": "iaaf2019"')]     # cut inside the 8th item
    f = tmp_path / "cut.csl.json"
    f.write_text(cut, encoding="utf-8")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 7 and len(skipped) == 1
    assert "damaged or cut short" in skipped["reason"][0]
    assert skipped["source_ref"][0].startswith(f"{f}:")


def test_sniff_leaves_other_json_alone(tmp_path):
    from litkit.io import csl_json, load
    for f in ["openalex/works_page.json", "openalex/single_work.json",
              "semanticscholar/graph_search.json", "semanticscholar/author_papers.json",
              "arxiv/oai_snapshot_200.jsonl"]:
        assert csl_json.sniff(load(FIXTURES / f)) == 0, f
    f = _write(tmp_path, {"data": [{"paperId": "x", "title": "t", "type": "y"}]})
    with pytest.raises(litkit.ReadError):
        litkit.read(f, format="csl-json")


def test_not_json_is_a_read_error(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{"type": "book", "title": "x",\n', encoding="utf-8")
    with pytest.raises(litkit.ReadError, match="not valid JSON"):
        litkit.read(f, format="csl-json")


def test_older_date_forms_and_preprints(tmp_path):
    items = [
        {"id": "a", "type": "article", "title": "Old citeproc date",
         "issued": [{"year": "2019", "month": "05"}]},
        {"id": "b", "type": "article", "title": "A preprint", "publisher": "arXiv",
         "number": "arXiv:2101.00001", "issued": {"year": 2021}},
        {"id": "c", "type": "book", "title-short": "Short only", "issued": {"literal": "13th cent"}},
    ]
    papers = litkit.read(_write(tmp_path, items))
    assert papers["date"][0] == pd.Timestamp("2019-05-01")
    assert papers["venue"][1] == "arXiv" and papers["arxiv_id"][1] == "2101.00001"
    assert papers["year"][1] == 2021
    assert papers["title"][2] == "Short only" and pd.isna(papers["year"][2])
    assert papers["extra"][2]["date_literal"] == "13th cent"

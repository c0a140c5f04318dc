"""IEEE Xplore CSV reader. Expected values were read by eye from tests/fixtures/ieee-csv."""

import csv
import io

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.io import ieee_csv, load

SMALL = FIXTURES / "ieee-csv" / "ieee_small.csv"
BIG = FIXTURES / "ieee-csv" / "ieee_100.csv"


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _by_line(papers, path, line):
    hit = papers[papers["source_ref"] == f"{path}:{line}"]
    assert len(hit) == 1, f"no record at {path}:{line}"
    return hit.iloc[0]


def test_counts_and_schema():
    for path, n in ((SMALL, 10), (BIG, 100)):
        papers, skipped = litkit.read(path, return_skipped=True)
        assert len(papers) == n and len(skipped) == 0
        litkit.validate(papers, unique_ids=True)
        assert (papers["source"] == "ieee-csv").all()
        assert papers["title"].notna().all() and papers["abstract"].notna().all()
        assert papers["year"].notna().all() and (papers["authors"].map(len) > 0).all()


def test_citation_counts_are_read_where_the_file_has_them():
    # independent count of filled "Article Citation Count" cells with the stdlib reader
    rows = _rows(BIG)
    i = rows[0].index("Article Citation Count")
    filled = sum(1 for r in rows[1:] if r[i].strip())
    papers = litkit.read(BIG)
    assert papers["citations"].notna().sum() == filled == 69


def test_small_first_record():
    papers = litkit.read(SMALL)
    r = _by_line(papers, SMALL, 2)
    assert r["title"] == ("Exascale Computing Trends: Adjusting to the \"New Normal\"' for "
                          "Computer Architecture")
    assert r["authors"] == ["P. Kogge", "J. Shalf"]
    assert r["affiliations"] == ["University of Notre Dame", "Lawrence Berkeley National Laboratory"]
    assert r["venue"] == "Computing in Science & Engineering"
    assert r["year"] == 2013 and str(r["date"].date()) == "2013-10-16"   # Online Date, 16 Oct 2013
    assert r["doi"] == "10.1109/mcse.2013.95" and r["citations"] == 51
    assert r["abstract"].startswith("We now have 20 years of data under our belt about the "
                                    "performance of supercomputers")
    assert r["url"] == "https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=6634083"
    assert r["extra"]["arnumber"] == "6634083"
    assert r["extra"]["document_type"] == "IEEE Magazines"
    assert "application program interfaces" in r["keywords"]            # INSPEC controlled term
    assert r["extra"]["author_keywords"][-1] == "programming models"


def test_online_date_outside_the_publication_year_is_not_used():
    r = _by_line(litkit.read(SMALL), SMALL, 3)
    assert r["title"] == "European HPC Landscape"
    assert r["authors"][:3] == ["F. Berberich", "J. Liebmann", "J. -P. Nominé"]
    # published 2019, online 19 Mar 2020: the date stays in 2019
    assert r["year"] == 2019 and r["date"].year == 2019
    assert pd.isna(r["citations"])


def test_big_file_records():
    papers = litkit.read(BIG)
    r = _by_line(papers, BIG, 9)
    assert r["title"] == ("Research on Tool Path Planning Method of NURBS Surface Based on "
                          "CPU-GPU Parallel Computing")
    assert r["authors"] == ["W. Yu", "Y. Bi", "Z. Li"]
    # the same affiliation listed for each of the three authors: once in the table
    assert r["affiliations"] == ["Sch. of Autom., Hangzhou Univ. of Electron. Sci. & Technol., "
                                 "Hangzhou, China"]
    assert len(r["extra"]["author_affiliations"]) == 3
    assert r["venue"] == ("2017 International Conference on Computer Network, Electronic and "
                          "Automation (ICCNEA)")
    assert r["year"] == 2017
    assert r["abstract"].startswith("In order to deal with the inefficiency of trational serial "
                                    "tool path algorithms")
    last = _by_line(papers, BIG, 101)
    assert last["title"] == ("An Efficient GPU Implementation for Large Scale Individual-Based "
                             "Simulation of Collective Behavior")
    assert last["authors"] == ["U. Erra", "B. Frola", "V. Scarano", "I. Couzin"]
    assert last["affiliations"][-1] == ("Dept. of Ecology & Evolutionary Biol., Princeton Univ., "
                                        "Princeton, NJ, USA")
    assert last["year"] == 2009


def test_row_with_wrong_field_count_is_skipped_rest_read(tmp_path):
    rows = _rows(SMALL)
    rows[3] = rows[3] + ["surplus", "cells"]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "bad.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 9 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{path}:4"
    assert "32 fields where the header has 30" in skipped["reason"][0]


def test_multiline_quoted_abstract_is_one_record(tmp_path):
    rows = _rows(SMALL)
    i = rows[0].index("Abstract")
    rows[1][i] = "First line of the abstract,\nsecond line, with \"quotes\"\n\nand a third."
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path = tmp_path / "multi.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    papers = litkit.read(path)
    assert len(papers) == 10
    assert papers["abstract"][0] == 'First line of the abstract, second line, with "quotes" and a third.'
    assert papers["source_ref"][1] == f"{path}:6"     # the record after it starts on line 6


def test_sniffer_claims_only_ieee_csv():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            assert (ieee_csv.sniff(load(path)) > 0) == (path.parent.name == "ieee-csv"), path


def test_wrong_forced_format_says_what_the_file_is():
    with pytest.raises(litkit.ReadError, match="Scopus CSV"):
        litkit.read(FIXTURES / "scopus-csv" / "scopus_fullnames.csv", format="ieee-csv")


def test_2017_vintage_publication_year_and_na_affiliations(tmp_path):
    # IEEE Xplore wrote "Publication_Year" and "NA" affiliations around 2017 (header and row
    # shape as quoted from such an export; the row values are abbreviated)
    path = tmp_path / "ieee2017.csv"
    path.write_text(
        '"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,'
        '"Publication_Year","Volume","Issue","Start Page","End Page","Abstract","ISSN",ISBNs,"DOI",'
        'Funding Information,PDF Link,"Author Keywords","IEEE Terms","INSPEC Controlled Terms",'
        '"INSPEC Non-Controlled Terms","Mesh_Terms",Article Citation Count,"Reference Count",'
        '"License","Online Date",Issue Date,"Meeting Date","Publisher",Document Identifier\n'
        '"A Dashboard for Microservice Monitoring and Management","B. Mayer; R. Weinreich","NA; NA",'
        '"2017 IEEE International Conference on Software Architecture Workshops (ICSAW)","","2017",'
        '"","","66","69","We present an e...","","","","","","","","","","","","","","","","","",""\n')
    papers = litkit.read(path)
    r = papers.iloc[0]
    assert r["year"] == 2017 and r["authors"] == ["B. Mayer", "R. Weinreich"]
    assert r["affiliations"] == [] and "author_affiliations" not in r["extra"]

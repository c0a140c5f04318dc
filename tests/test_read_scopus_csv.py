"""Scopus CSV reader: the three column vintages, realigned rows, placeholders, bad rows.

Expected values were read by eye from the raw CSV files in tests/fixtures/scopus-csv.
"""

import csv
import io

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.io import load, scopus_csv

LITSTUDY = FIXTURES / "scopus-csv" / "scopus_litstudy.csv"
FULLNAMES = FIXTURES / "scopus-csv" / "scopus_fullnames.csv"


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _write(path, rows, bom=False):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buf.getvalue(), encoding="utf-8")
    return path


def _by_line(papers, path, line):
    hit = papers[papers["source_ref"] == f"{path}:{line}"]
    assert len(hit) == 1, f"no record at {path}:{line}"
    return hit.iloc[0]


def test_counts_and_schema():
    for path, n in ((LITSTUDY, 58), (FULLNAMES, 8)):
        papers, skipped = litkit.read(path, return_skipped=True)
        assert len(papers) == n and len(skipped) == 0
        litkit.validate(papers, unique_ids=True)
        assert (papers["source"] == "scopus-csv").all()
        assert papers["title"].notna().all() and papers["year"].notna().all()


def test_litstudy_first_record_45_columns_with_author_ids():
    papers = litkit.read(LITSTUDY)
    r = _by_line(papers, LITSTUDY, 2)
    assert r["title"] == "Scalable molecular dynamics with NAMD"
    # "Phillips J.C., Braun R., ..." -> display names
    assert r["authors"][:3] == ["J.C. Phillips", "R. Braun", "W. Wang"]
    assert r["authors"][8] == "L. Kalé" and len(r["authors"]) == 10
    assert r["year"] == 2005 and r["citations"] == 13169
    assert r["doi"] == "10.1002/jcc.20289" and r["id"] == "doi:10.1002/jcc.20289"
    assert r["venue"] == "Journal of Computational Chemistry"
    assert r["abstract"].startswith("NAMD is a parallel molecular dynamics code designed for "
                                    "high-performance simulation of large biomolecular systems.")
    assert r["affiliations"][0] == ("Beckman Institute, University of Illinois at Urbana-Champaign, "
                                    "Urbana, IL 61801, United States")
    assert r["keywords"][:3] == ["Biomolecular simulation", "Molecular dynamics", "Parallel computing"]
    assert "Algorithms" in r["keywords"]                      # index keywords too
    assert r["url"].startswith("https://www.scopus.com/inward/record.uri?eid=2-s2.0-27344436659")
    e = r["extra"]
    assert e["scopus_eid"] == "2-s2.0-27344436659" and e["document_type"] == "Review"
    assert e["scopus_author_ids"][:2] == ["57202138757", "7402220509"]
    assert e["open_access"] == "All Open Access, Green"


def test_rows_with_a_surplus_funding_column_are_realigned():
    # 56 of the 58 rows carry 46 fields under the 45 header names (an unnamed second funding
    # text column); the fields after it must be read from the right, not shifted by one.
    papers = litkit.read(LITSTUDY)
    r = _by_line(papers, LITSTUDY, 4)           # a 46-field row spanning lines 4-5
    assert r["title"].startswith("Petri nets and ODEs as complementary methods")
    assert r["authors"][0] == "K. Gutowska" and r["year"] == 2022 and r["citations"] == 3
    assert r["doi"] == "10.1038/s41598-022-04849-0"
    e = r["extra"]
    assert e["scopus_eid"] == "2-s2.0-85123480963"
    assert e["publisher"] == "Nature Research" and e["issn"] == "20452322"
    assert e["pubmed_id"] == "35064163" and e["language"] == "English"
    assert e["open_access"] == "All Open Access, Gold, Green" and e["article_number"] == "1135"
    eids = papers["extra"].map(lambda x: x.get("scopus_eid", ""))
    assert eids.str.match(r"^2-s2\.0-\d+$").all()
    assert papers["extra"].map(lambda x: x.get("database")).eq("Scopus").all()


def test_placeholders_are_missing_values():
    papers = litkit.read(LITSTUDY)
    r = _by_line(papers, LITSTUDY, 37)          # Abstract cell is [No abstract available]
    assert r["title"] == "Preface: Petri nets for systems and synthetic biology"
    assert pd.isna(r["abstract"]) and r["authors"] == ["M. Heiner"]
    assert papers["abstract"].isna().sum() == 1
    last = _by_line(papers, LITSTUDY, 62)       # [No author name available],[No author id available]
    assert last["authors"] == [] and "scopus_author_ids" not in last["extra"]
    assert last["title"] == ("Proceedings - 1999 International Conference on Information "
                             "Intelligence and Systems, ICIIS 1999")
    assert last["year"] == 1999 and pd.isna(last["doi"])
    assert last["id"] == "scopus:2-s2.0-85040521543"        # no DOI: keyed by EID


def test_proceedings_with_one_title_stay_four_records():
    papers = litkit.read(LITSTUDY)
    same = papers[papers["title"].str.startswith("Computational Science and Its Applications - ICCSA 2010")]
    assert len(same) == 4 and same["id"].is_unique


def test_full_names_vintage():
    papers = litkit.read(FULLNAMES)
    r = _by_line(papers, FULLNAMES, 3)
    assert r["title"] == ("Bibliometric mapping of the contribution of African optometry "
                          "researchers to ophthalmic literature")
    # "Owusu, Paul (59504654000); Amoako, Pious Tawiah (59524120300); ..."
    assert r["authors"][:3] == ["Paul Owusu", "Pious Tawiah Amoako", "Randy Asiamah"]
    assert len(r["authors"]) == 8
    assert r["extra"]["scopus_author_ids"][0] == "59504654000"
    assert r["year"] == 2026 and r["citations"] == 2
    assert r["doi"] == "10.1080/08164622.2025.2601299"
    assert r["venue"] == "Clinical and Experimental Optometry"
    assert r["affiliations"][0] == ("School of Optometry and Vision Science, University of "
                                    "Cape Coast, Cape Coast, Ghana")
    last = _by_line(papers, FULLNAMES, 9)
    assert last["doi"] == "10.1097/md.0000000000046229"     # lower-cased from 10.1097/MD.
    assert last["authors"][0] == "Kejia Li" and last["year"] == 2025
    # R's NA in the bibliometrix copy is a missing value, not text
    assert all("NA" not in v for v in last["extra"].values() if isinstance(v, str))


def _vintage_41(tmp_path):
    """The 41-column vintage (no Author(s) ID, no Author full names), derived for this test from
    the real 45-column sample scopus_fullnames.csv by dropping those two columns and also
    Art. No. and Molecular Sequence Numbers (45 - 4 = 41)."""
    rows = _rows(FULLNAMES)
    drop = {"Author full names", "Author(s) ID", "Art. No.", "Molecular Sequence Numbers"}
    keep = [i for i, name in enumerate(rows[0]) if name not in drop]
    out = [[row[i] for i in keep] for row in rows]
    assert len(out[0]) == 41
    return out


def test_41_column_vintage(tmp_path):
    rows = _vintage_41(tmp_path)
    path = _write(tmp_path / "scopus41.csv", rows)
    papers = litkit.read(path)
    assert len(papers) == 8 and (papers["source"] == "scopus-csv").all()
    r = _by_line(papers, path, 3)
    # only "Owusu P.; Amoako P.T.; ..." is left: initials first
    assert r["authors"][:3] == ["P. Owusu", "P.T. Amoako", "R. Asiamah"]
    assert r["doi"] == "10.1080/08164622.2025.2601299" and r["citations"] == 2
    assert "scopus_author_ids" not in r["extra"]


def test_comma_vintage_author_names(tmp_path):
    rows = _vintage_41(tmp_path)
    a = rows[0].index("Authors")
    rows[1][a] = "Kumar, A.; Zhuang, V."
    rows[2][a] = "Kumar, A."
    path = _write(tmp_path / "names.csv", rows)
    papers = litkit.read(path)
    assert papers["authors"][0] == ["A. Kumar", "V. Zhuang"]
    assert papers["authors"][1] == ["A. Kumar"]


def test_reordered_columns_bom_and_odd_header_case(tmp_path):
    rows = _rows(FULLNAMES)
    order = list(reversed(range(len(rows[0]))))
    rows = [[row[i] for i in order] for row in rows]
    rows[0] = [("  " + n.upper() + " ") if n in ("Title", "DOI") else n.lower() for n in rows[0]]
    path = _write(tmp_path / "reordered.csv", rows, bom=True)
    papers = litkit.read(path)
    orig = litkit.read(FULLNAMES)
    assert len(papers) == 8
    assert papers["title"].tolist() == orig["title"].tolist()
    assert papers["doi"].tolist() == orig["doi"].tolist()
    assert papers["authors"].tolist() == orig["authors"].tolist()


def test_row_with_wrong_field_count_is_skipped_rest_read(tmp_path):
    rows = _rows(FULLNAMES)
    rows[4] = rows[4][:30]                       # the record on line 5 loses 15 fields
    path = _write(tmp_path / "short.csv", rows)
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 7 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{path}:5"
    assert "30 fields where the header has 45" in skipped["reason"][0]
    with pytest.warns(UserWarning, match="1 record"):
        litkit.read(path)


def test_unclosed_quote_skips_one_line_not_the_rest(tmp_path):
    text = FULLNAMES.read_text(encoding="utf-8").split("\n")
    text.insert(3, '"Broken record with an unclosed quote,2025,x')
    path = tmp_path / "unclosed.csv"
    path.write_text("\n".join(text), encoding="utf-8")
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 8 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{path}:4" and "not closed" in skipped["reason"][0]
    assert papers["source_ref"].iloc[-1] == f"{path}:10"


def test_formula_like_cells_stay_text(tmp_path):
    rows = _rows(FULLNAMES)
    h = rows[0]
    rows[1][h.index("Title")] = '=HYPERLINK("http://example.org","click")'
    rows[1][h.index("Cited by")] = "=1+1"
    rows[2][h.index("Title")] = "+1 -2 @SUM(A1:A2)"
    path = _write(tmp_path / "formula.csv", rows)
    papers = litkit.read(path)
    assert papers["title"][0] == '=HYPERLINK("http://example.org","click")'
    assert pd.isna(papers["citations"][0])       # not a number, and not evaluated
    assert papers["title"][1] == "+1 -2 @SUM(A1:A2)"


def test_sniffer_claims_only_scopus_csv():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            score = scopus_csv.sniff(load(path))
            assert (score > 0) == (path.parent.name == "scopus-csv"), path


def test_wrong_forced_format_says_what_the_file_is():
    with pytest.raises(litkit.ReadError, match="IEEE Xplore CSV"):
        litkit.read(FIXTURES / "ieee-csv" / "ieee_small.csv", format="scopus-csv")


def test_long_runs_of_initials_do_not_hang(tmp_path):
    rows = _rows(FULLNAMES)
    rows[1][rows[0].index("Authors")] = "Smith " + "A. " * 5000 + "x"
    rows[2][rows[0].index("Authors")] = "Smith, " + "A., " * 20000
    path = _write(tmp_path / "initials.csv", rows)
    papers = litkit.read(path)                   # exponential backtracking would never return
    assert len(papers) == 8


def test_concatenated_exports_with_different_columns(tmp_path):
    # two exports joined with `cat`: the second header (another vintage, other columns) switches
    # the column mapping for the rows after it
    path = tmp_path / "both.csv"
    path.write_bytes(FULLNAMES.read_bytes() + LITSTUDY.read_bytes())
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 66 and len(skipped) == 0
    assert papers["authors"][0][0] == "Fengyuan Liu"
    assert papers["title"][8] == "Scalable molecular dynamics with NAMD"
    assert papers["authors"][8][0] == "J.C. Phillips" and papers["citations"][8] == 13169


def test_unnamed_trailing_column_is_kept_and_a_broken_row_is_not(tmp_path):
    rows = _rows(FULLNAMES)
    for row in rows[1:]:
        row.append("an unnamed trailing value")
    rows[3] = rows[3][:10] + ["2-s2.0-1", "junk"] + rows[3][10:]   # surplus in the middle: shifts EID
    path = _write(tmp_path / "trailing.csv", rows)
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 7 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{path}:4"
    assert papers["extra"].map(lambda e: e["scopus_eid"].startswith("2-s2.0-10")).all()

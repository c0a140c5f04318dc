"""Readers on real exports they were not written against (``tests/fixtures/heldout/``).

Other tools, other years, other exporters than the samples in ``tests/fixtures/<kind>/``: see
``tests/fixtures/heldout/SOURCES.md``. Record counts are taken independently of the readers
(a regular expression on each format's record-start marker, or the CSV/JSON structure), and
the values asserted were read off the raw files by eye.
"""

from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES

HELD = FIXTURES / "heldout"

#: file -> (reader, record-start marker or counter)
MARKERS = {
    "ris/rispy_endnote.ris": ("ris", r"^TY  - "),
    "ris/colrev_jstor.ris": ("ris", r"^TY  - "),
    "ris/colrev_trid.ris": ("ris", r"^TY  - "),
    "ris/colrev_ieee.ris": ("ris", r"^TY  - "),
    "ris/colrev_numbered.ris": ("ris", r"^TY  - "),
    "wos/bibliometrix_newformat.txt": ("wos", r"^PT "),
    "pubmed/metaknowledge_medline_4.txt": ("pubmed", r"^PMID- "),
    "bibtex/bibliometrix_wos.bib": ("bibtex", r"^@\w+\{"),
    "bibtex/colrev_ebsco.bib": ("bibtex", r"^@\w+\{"),
    "bibtex/colrev_wos.bib": ("bibtex", r"^@\w+\{"),
    "arxiv/share_entries_2001_2012.atom.xml": ("arxiv-atom", r"<entry>"),
}


def _independent_count(path, marker):
    return len(re.findall(marker, path.read_text(encoding="utf-8"), flags=re.M))


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_record_counts_match_an_independent_count(name):
    fmt, marker = MARKERS[name]
    path = HELD / name
    papers, skipped = litkit.read(path, return_skipped=True)
    expected = _independent_count(path, marker)
    assert expected > 0
    assert len(papers) == expected, skipped.to_dict("records")
    assert len(skipped) == 0, skipped.to_dict("records")
    assert (papers["source"] == fmt).all()
    assert papers["title"].notna().all()


def test_structured_counts_csv_and_json():
    path = HELD / "scopus-csv" / "metaknowledge_41col.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert len(rows[0]) == 41                       # the 41-column vintage (no Author(s) ID)
    papers, skipped = litkit.read(path, return_skipped=True)
    assert (len(papers), len(skipped)) == (len(rows) - 1, 0) == (4, 0)
    assert (papers["source"] == "scopus-csv").all()
    for name, n in [("openalex/work_2022_host_venue.json", 1),
                    ("csl-json/commonmeta_single_item.json", 1)]:
        data = json.loads((HELD / name).read_text(encoding="utf-8"))
        assert isinstance(data, dict)                # one work / one item, not a list
        papers, skipped = litkit.read(HELD / name, return_skipped=True)
        assert (len(papers), len(skipped)) == (n, 0)


# --- values read off the files by eye --------------------------------------------------------

def test_endnote_ris_continuation_lines():
    rec = litkit.read(HELD / "ris" / "rispy_endnote.ris").iloc[0]
    assert rec["title"] == "EndNote: The Only Reference I Can Remember"
    assert rec["authors"] == ["A. Nonymous Smith", "J. Doe", "N. Ote End", "E. Rence Ref"]
    assert rec["year"] == 2024 and rec["doi"] == "10.1234/endnote.joke.2024"
    assert rec["venue"] == "Journal of Reference Management"
    # KW has one keyword a line after the first, untagged
    assert rec["keywords"] == ["citation", "reference", "library", "wizardry", "coffee",
                               "procrastination", "EndNote", "RIS"]
    assert rec["abstract"].startswith("This is a test article about the mysterious world")


def test_jstor_header_before_every_record():
    papers = litkit.read(HELD / "ris" / "colrev_jstor.ris")
    assert papers["title"].tolist() == [
        "This is the title - charset UTF-8 used", "The title can also appear down here",
        "This title is of type CHAP", "This title is of type RPRT"]
    assert papers["authors"][1] == ["Tim First-Author", "James A. Second-Author"]
    assert papers["doi"][1] == "10.1111/something.2014.3.4.56"
    assert papers["year"].tolist() == [2016, 2014, 2019, 2018]


def test_trid_dates_in_text_and_a_last_record_without_er():
    papers = litkit.read(HELD / "ris" / "colrev_trid.ris")
    # "PY  - Start date: 20170812", "2019", "2018/04", "2019/08/23"
    assert [str(d.date()) for d in papers["date"]] == ["2017-08-12", "2019-01-01", "2018-04-01",
                                                       "2019-08-23"]
    assert papers["year"].tolist() == [2017, 2019, 2018, 2019]
    assert papers["doi"][1] == "10.1333/hello.2019.12.012"    # "DO  - https://doi.org/…"
    assert papers["authors"][0] == [] and papers["abstract"][0] == "This is the abstract"
    assert papers["keywords"][3] == ["Keyword one", "Keyword two", "Keyword three"]


def test_ieee_ris_conference_date_range():
    papers = litkit.read(HELD / "ris" / "colrev_ieee.ris")
    assert len(papers["authors"][0]) == 5 and papers["authors"][0][4] == "E. Author-Five"
    assert str(papers["date"][0].date()) == "2020-08-04"      # "Y1  - 4-8 Aug. 2020"
    assert str(papers["date"][1].date()) == "2017-03-01"      # "Y1  - Mar. 2017"
    assert papers["doi"][1] == "10.1111/mc.2017.66"


def test_numbered_ris_with_t1_a1_n2_and_a3_only_book():
    papers = litkit.read(HELD / "ris" / "colrev_numbered.ris")
    assert papers["title"].tolist() == [
        "Title of reference", "The title of the reference", "Handbook of Astrobiology",
        "The fundamentals of teaching the fundamentals of teaching"]
    assert papers["authors"][0] == ["Karl Marx", "Astrid Lindgren"]
    assert papers["year"].tolist() == [2014, 2006, 2019, 2020]   # "Y1  - 2014//"
    assert papers["abstract"][1].startswith("BACKGROUND: Lorem dammed ipsum")
    assert papers["authors"][2] == ["Vera M Kolb"]              # only an A3 (series editor)
    assert str(papers["date"][2].date()) == "2019-01-08"        # "DA  - 2019/1/8"


def test_wos_new_format_header():
    papers = litkit.read(HELD / "wos" / "bibliometrix_newformat.txt")
    assert papers["authors"].tolist() == [["Jennifer L. Aaker"], ["Russell Abratt"],
                                          ["John M. T. Balmer"]]
    assert papers["year"].tolist() == [1997, 1999, 2001]
    assert papers["citations"].tolist() == [120, 45, 30]
    assert papers["doi"][1] == "10.1080/0267257x.1999.9964088"
    assert papers["affiliations"][0] == ["Stanford Univ, Stanford, CA 94305 USA"]
    assert papers["venue"][2] == "JOURNAL OF GENERAL MANAGEMENT"


def test_medline_2016_with_leading_blank_line_and_ahead_of_print_records():
    papers = litkit.read(HELD / "pubmed" / "metaknowledge_medline_4.txt")
    assert papers["title"][1] == ("Assessment of the ABC/2 Method of Epidural Hematoma Volume "
                                  "Measurement as Compared to Computer-Assisted Planimetric "
                                  "Analysis")
    assert papers["authors"][2][3] == "Thys van der Molen"
    assert papers["authors"][2][5] == "Johannes C C M In 't Veen"
    assert len(papers["authors"][3]) == 11
    assert [str(d.date()) for d in papers["date"]] == ["2016-01-15", "2016-01-01", "2016-01-20",
                                                       "2016-01-08"]
    assert papers["doi"].tolist() == ["10.1016/j.gene.2015.10.064", "10.1177/1099800415577634",
                                      "10.3109/15412555.2015.1118025",
                                      "10.1182/blood-2015-07-655647"]
    assert papers["abstract"][0].endswith("could lead to novel substrate specificity.")
    assert "  " not in papers["abstract"][0]         # trailing blanks of wrapped lines
    assert papers["keywords"][1] == ["ABC/2 method", "ITK-SNAP", "epidural hematoma",
                                     "planimetric technique", "volume estimation"]


def test_scopus_41_columns():
    papers = litkit.read(HELD / "scopus-csv" / "metaknowledge_41col.csv")
    assert len(papers["authors"][0]) == 11 and papers["authors"][0][0] == "T. Yagai"
    assert papers["year"].tolist() == [2016, 2015, 1985, 2013]
    assert papers["doi"][0] == "10.1109/tasc.2016.2541670"
    assert pd.isna(papers["doi"][2])                  # the 1985 record has no DOI
    assert papers["venue"][3] == "Studies in Law Politics and Society"
    # "YBa<inf>2</inf>Cu<inf>3</inf>O<inf>7−z</inf>": subscripts stay inside the formula
    assert papers["title"][1] == ("A Novel Partial Melting Process for YBa2Cu3O7−z "
                                  "Superconducting Films by Fluorine-Free Polymer-Assisted "
                                  "Metal Organic Deposition Approach")
    assert "YBa2Cu3O7−z" in papers["keywords"][1]      # keywords lose the markup too
    assert '""' not in papers["abstract"][3]
    assert '"the sociological citizen,"' in papers["abstract"][3]
    assert papers["affiliations"][3] == [
        "Centre for Socio-Legal Studies, University of Oxford, Oxford, United Kingdom"]


def test_wos_bibtex_export():
    papers = litkit.read(HELD / "bibtex" / "bibliometrix_wos.bib")
    assert papers["authors"][0] == ["Eliyathamby A. Selvanathan", "Maneka Jayasinghe",
                                    "Saroja Selvanathan"]
    assert papers["title"][0] == ("Dynamic modelling of inter-relationship between tourism, "
                                  "energy consumption, CO2 emissions and economic growth in "
                                  "South Asia")
    assert papers["citations"].tolist() == [58, 12, 3]
    assert papers["year"].tolist() == [2021, 2022, 2025]
    assert "sustainable tourism" in papers["keywords"][0]
    # one address a line, the authors' names before the organisation are not an affiliation
    assert papers["affiliations"][0] == [
        "Griffith Univ, Griffith Business Sch, Brisbane, Qld, Australia.",
        "Charles Darwin Univ, Darwin, NT, Australia."]


def test_ebsco_and_wos_bibtex_from_colrev():
    rec = litkit.read(HELD / "bibtex" / "colrev_ebsco.bib").iloc[0]
    assert (rec["authors"], rec["venue"], rec["year"]) == (["Tom Smith", "Hugo Steward"],
                                                          "MIS Quarterly", 2000)
    assert rec["keywords"] == ["Keyword 1", "keyword 2"] and rec["abstract"] == "Abstract text"
    papers = litkit.read(HELD / "bibtex" / "colrev_wos.bib")
    assert papers["doi"].tolist() == ["10.1007/999-9-999-99999-9_3", "10.1111/artjul.2021.0011"]
    assert papers["venue"].tolist() == ["A BOOKTITLE", "Dummy Journal for nice writing"]
    assert str(papers["date"][1].date()) == "2022-03-01"           # Month = {MAR 1}
    assert papers["authors"][0] == ["Julia Writerone", "Paul Writertwo"]   # editors are not


def test_openalex_2022_work_with_host_venue():
    rec = litkit.read(HELD / "openalex" / "work_2022_host_venue.json").iloc[0]
    assert rec["venue"] == "PeerJ"                    # host_venue (before primary_location)
    assert len(rec["authors"]) == 9 and rec["authors"][2] == "Vincent Larivière"
    assert str(rec["date"].date()) == "2018-02-13" and rec["citations"] == 394
    assert rec["doi"] == "10.7717/peerj.4375"
    assert rec["abstract"].startswith("Despite growing interest in Open Access (OA) to scholarly")
    assert rec["abstract"].endswith("as a way to inform OA policy and practice.")


def test_csl_json_single_item_with_publisher_object():
    rec = litkit.read(HELD / "csl-json" / "commonmeta_single_item.json").iloc[0]
    assert (rec["title"], rec["authors"], rec["venue"]) == (
        "Eating your own Dog Food", ["Martin Fenner"], "DataCite Blog")
    assert str(rec["date"].date()) == "2016-12-20" and rec["doi"] == "10.5438/4k3m-nyvg"


def test_arxiv_atom_entries_with_per_element_namespaces():
    papers = litkit.read(HELD / "arxiv" / "share_entries_2001_2012.atom.xml")
    assert papers["arxiv_id"].tolist() == ["1210.7708", "cond-mat/0102536"]
    assert papers["categories"].tolist() == [["math.NA"], ["cond-mat.str-el"]]
    assert papers["authors"][1] == ["David Prendergast", "M. Nolan", "J. C. Greer"]
    assert papers["doi"][1] == "10.1063/1.1383585"
    assert "NMRC, University College, Cork, Ireland" in papers["affiliations"][1]


def test_ovid_embase_export_is_a_clear_error():
    # Ovid's "EndNote" export is its own tagged format ("<3001. >", no TY/ER): not read, but
    # the error says so instead of returning garbage
    with pytest.raises(litkit.ReadError, match="does not look like any format"):
        litkit.read(HELD / "unsupported" / "ovid_embase_endnote.cgi")


# --- shapes other tools write (values made up; the shape is what is tested) -------------------

def test_csl_json_from_crossref_and_particles_inside_family(tmp_path):
    path = tmp_path / "crossref.json"
    path.write_text(json.dumps([
        # Crossref's CSL: no "issued" here, "published-print" instead; title as a list
        {"id": "d", "type": "article", "title": ["Title as a list"],
         "author": [{"given": "Ann", "family": "Lee", "sequence": "first", "affiliation": []}],
         "published-print": {"date-parts": [[2021, 3]]}, "container-title": ["J. Lists"]},
        # a family name that already carries its particle
        {"id": "a", "type": "article-journal", "title": "Particles",
         "author": [{"family": "van der Berg", "given": "Jan", "non-dropping-particle": "van der"},
                    {"family": "Berg", "given": "Eva", "non-dropping-particle": "van der"}],
         "issued": {"date-parts": [[2019]]}},
    ]), encoding="utf-8")
    papers = litkit.read(path)
    assert papers["year"].tolist() == [2021, 2019]
    assert str(papers["date"][0].date()) == "2021-03-01"
    assert papers["authors"][1] == ["Jan van der Berg", "Eva van der Berg"]


def test_empty_api_responses_are_empty_tables(tmp_path):
    openalex = tmp_path / "openalex_none.json"
    openalex.write_text('{"meta":{"count":0,"db_response_time_ms":20,"page":1,"per_page":25,'
                        '"groups_count":null},"results":[],"group_by":[]}', encoding="utf-8")
    s2 = tmp_path / "s2_none.json"
    s2.write_text('{"total": 0, "offset": 0, "data": []}', encoding="utf-8")
    for path, fmt in [(openalex, "openalex"), (s2, "semanticscholar")]:
        papers, skipped = litkit.read(path, return_skipped=True)
        assert (len(papers), len(skipped)) == (0, 0)
        assert len(litkit.read(path, format=fmt)) == 0

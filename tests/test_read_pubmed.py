"""PubMed MEDLINE reader: the sample exports (values checked by eye), date forms, hostile input."""

import pytest

import litkit
from conftest import FIXTURES

PM = FIXTURES / "pubmed"


@pytest.mark.parametrize("name,count", [("medline_10.txt", 10), ("medline_3.txt", 3)])
def test_every_sample_reads_whole(name, count):
    papers, skipped = litkit.read(PM / name, return_skipped=True)
    litkit.validate(papers, unique_ids=True)
    assert len(papers) == count and len(skipped) == 0
    assert (papers["source"] == "pubmed").all()
    for col in ("title", "abstract", "year", "doi", "venue"):
        assert papers[col].notna().all(), col
    assert (papers["authors"].str.len() > 0).all()


def test_medline_3_first_record():
    rec = litkit.read(PM / "medline_3.txt").iloc[0]
    assert rec["title"] == ("Differences in nitrate and phosphorus export between wooded and "
                            "grassed riparian zones from farmland to receiving waterways under "
                            "varying rainfall conditions")                  # no MEDLINE final "."
    assert rec["authors"] == ["Amanda D Neilen", "Chengrong R Chen", "Brett M Parker",
                              "Stephen J Faggotter", "Michele A Burford"]
    assert rec["abstract"].startswith("Agricultural activities in catchments can cause excessive "
                                      "nutrient loads in waterways. Catchment nitrogen (N)")
    assert rec["affiliations"][0].startswith("Australian Rivers Institute, Griffith School of "
                                             "Environment, Griffith University, Kessels Rd")
    assert rec["year"] == 2017 and str(rec["date"].date()) == "2017-11-15"   # DP 2017 Nov 15
    assert rec["doi"] == "10.1016/j.scitotenv.2017.04.075"
    assert rec["venue"] == "The Science of the total environment"
    assert rec["keywords"] == ["Buffer strips", "Landsat", "Leaching", "Nitrate",
                               "Structural equation modelling", "Water quality", "Watershed"]
    assert rec["extra"]["pmid"] == "28441597" and rec["extra"]["journal_abbrev"] == "Sci Total Environ"
    assert rec["extra"]["publication_types"] == ["Journal Article"]
    assert rec["url"] == "https://pubmed.ncbi.nlm.nih.gov/28441597/"
    assert rec["source_ref"] == f"{PM / 'medline_3.txt'}:1"


def test_medline_10_values_crlf_mesh_dates_and_group_author():
    papers = litkit.read(PM / "medline_10.txt")              # CRLF line ends
    first = papers.iloc[0]
    assert first["title"] == "On the Monte Carlo weights in multiple criteria decision analysis"
    assert first["authors"] == ["Jiří Mazurek", "Dominik Strzałka"]
    # the second author has two AD lines: both kept, per author too
    assert first["extra"]["author_affiliations"][1][1] == (
        "Department of Complex Systems, Faculty of Electrical and Computer Engineering, "
        "Rzesźow University of Technology, Rzesźow, Poland.")
    # MeSH "*Decision Making" -> keyword "Decision Making"; the heading kept in extra
    assert first["keywords"] == ["Decision Making", "Decision Support Techniques", "Entropy",
                                 "Monte Carlo Method"]
    assert first["extra"]["mesh"][0] == "*Decision Making"
    # DP is only "2022": the electronic date DEP 20221007 (same year) makes it precise
    assert first["year"] == 2022 and str(first["date"].date()) == "2022-10-07"
    assert first["venue"] == "PloS one" and first["doi"] == "10.1371/journal.pone.0268950"
    assert first["extra"]["pmcid"] == "PMC9543698"
    # DP 2020 May beats DEP 20200426 (it is the publication date, and it has a month)
    assert str(papers.iloc[1]["date"].date()) == "2020-05-01"
    assert papers.iloc[1]["doi"] == "10.1177/0272989x20915241"
    assert str(papers.iloc[5]["date"].date()) == "2021-09-20"   # DP 2021 Sep 20
    ispor = papers.iloc[8]                                       # DP 2016 Mar-Apr, CN
    assert str(ispor["date"].date()) == "2016-03-01"
    assert ispor["extra"]["date_precision"] == "month"
    assert ispor["authors"][0] == "Kevin Marsh" and ispor["authors"][-1] == "ISPOR Task Force"
    assert ispor["extra"]["group_authors"] == ["ISPOR Task Force"]
    assert ispor["extra"]["publication_types"] == ["Guideline", "Journal Article", "Review"]


@pytest.mark.parametrize("dp,expected,precision", [
    ("2019 Mar 5", "2019-03-05", "day"),
    ("2019 Spring", "2019-03-01", "month"),
    ("2018 Dec-2019 Jan", "2018-12-01", "month"),
    ("2019", "2019-01-01", "year"),
])
def test_dp_forms(dp, expected, precision):
    text = f"PMID- 1\nDP  - {dp}\nTI  - A title.\nAU  - Smith JA\n"
    rec = litkit.read_text(text).iloc[0]
    assert str(rec["date"].date()) == expected and rec["extra"]["date_precision"] == precision
    assert rec["year"] == int(expected[:4])


def test_au_only_names_and_pmid_id():
    rec = litkit.read_text("PMID- 123\nTI  - A title.\nAU  - van der Berg JH\nAU  - Smith J\n"
                           ).iloc[0]
    assert rec["authors"] == ["JH van der Berg", "J Smith"]
    assert rec["id"] == "pmid:123" and rec["title"] == "A title"


# --- hostile input ----------------------------------------------------------------------

def test_broken_records_do_not_swallow_their_neighbours(tmp_path):
    text = ("some header text\n\n"
            "PMID- 1\nTI  - First.\nFAU - Doe, Jane\n\n"
            "TI  - Second, whose PMID line was lost.\nAU  - Roe R\n\n"       # no PMID
            "PMID- 3\nDP  - 2020\nPG  - 1-2\n\n"                              # no TI, no author
            "PMID- 4\nTI  - Fourth.\nAU  - Poe E\n\nstray words after a blank line\n")
    f = tmp_path / "pubmed.nbib"
    f.write_text(text)
    papers, skipped = litkit.read(f, return_skipped=True)
    assert papers["title"].tolist() == ["First", "Second, whose PMID line was lost", "Fourth"]
    assert papers["authors"].tolist() == [["Jane Doe"], ["R Roe"], ["E Poe"]]
    assert "no PMID" in papers["extra"][1]["warning"]
    assert skipped["source_ref"].tolist() == [f"{f}:1", f"{f}:10", f"{f}:18"]
    assert papers["authors"][2] == ["E Poe"]         # the stray line is not glued to its AU
    assert "outside any MEDLINE record" in skipped["reason"][0]
    assert "no title (TI) and no author" in skipped["reason"][1]


def test_ten_thousand_records(tmp_path):
    rec = ("PMID- {i}\nDP  - 2020 Mar\nTI  - Paper number {i}.\nAB  - An abstract about\n"
           "      paper {i}.\nFAU - Smith, Jane\nAU  - Smith J\nAD  - Somewhere.\n"
           "JT  - Journal\nAID - 10.1000/pm.{i} [doi]\n\n")
    f = tmp_path / "many.txt"
    f.write_text("".join(rec.format(i=i) for i in range(1, 10_001)))
    papers = litkit.read(f)       # its reading time: bench/bench_hostile.py --part cases
    assert len(papers) == 10_000
    assert papers["abstract"].iloc[-1] == "An abstract about paper 10000."


def test_sniffer_precision():
    from litkit.io import load, pubmed
    assert pubmed.sniff(load(PM / "medline_3.txt")) > 0.9
    for path in [FIXTURES / "ris" / "scopus_export.ris", FIXTURES / "wos" / "wos_plain_small.txt",
                 FIXTURES / "bibtex" / "scopus_example.bib", FIXTURES / "ieee-csv" / "ieee_small.csv",
                 FIXTURES / "arxiv" / "oai_snapshot_200.jsonl"]:
        assert pubmed.sniff(load(path)) == 0, path
    with pytest.raises(litkit.ReadError, match="looks like RIS"):
        litkit.read(FIXTURES / "ris" / "scopus_export.ris", format="pubmed")


def test_translated_title_loses_its_brackets():
    text = ("PMID- 9\nTI  - [Stress and the heart: a review].\nTT  - Stress und Herz: eine "
            "Übersicht.\nLA  - ger\nFAU - Müller, Anna\n")
    rec = litkit.read_text(text).iloc[0]
    assert rec["title"] == "Stress and the heart: a review"
    assert rec["extra"]["title_translated"] is True
    assert rec["extra"]["original_title"].startswith("Stress und Herz")
    assert rec["authors"] == ["Anna Müller"]

"""Web of Science plain-text reader: the sample exports (values checked by eye), detection by
content, and hostile input."""

import pytest

import litkit
from conftest import FIXTURES

WOS = FIXTURES / "wos"

COUNTS = {"wos_plain_500.txt": 500, "wos_plain_named_ris.ris": 2, "wos_plain_small.txt": 8}


@pytest.mark.parametrize("name,count", COUNTS.items())
def test_every_sample_reads_whole(name, count):
    papers, skipped = litkit.read(WOS / name, return_skipped=True)
    litkit.validate(papers, unique_ids=True)
    assert len(papers) == count and len(skipped) == 0
    assert (papers["source"] == "wos").all()
    assert papers["title"].notna().all() and papers["year"].notna().all()
    assert (papers["authors"].str.len() > 0).all()
    assert papers["extra"].map(lambda e: e["wos_id"].startswith("WOS:")).all()


def test_same_paper_listed_twice_keeps_two_ids():
    papers = litkit.read(WOS / "wos_plain_500.txt")
    twice = papers[papers["title"] == "Novel Approach to reduce BER in Cognitive Radio"]
    assert twice["id"].tolist() == ["wos:000365531800016", "wos:000365528700007"]


def test_misnamed_ris_is_detected_as_wos():
    papers = litkit.read(WOS / "wos_plain_named_ris.ris")
    assert (papers["source"] == "wos").all()
    with pytest.raises(litkit.ReadError, match="looks like Web of Science"):
        litkit.read(WOS / "wos_plain_named_ris.ris", format="ris")


def test_first_record_of_the_500():
    rec = litkit.read(WOS / "wos_plain_500.txt").iloc[0]
    assert rec["title"] == ("In situ grazing incidence small-angle X-ray scattering study of "
                            "solvent vapor annealing in lamellae-forming block copolymer thin "
                            "films: Trade-off of defects in deswelling")
    assert rec["authors"] == ["Zhiwei Sun", "Thomas P. Russell"]          # AF, not AU
    assert rec["abstract"].startswith("Solvent vapor annealing (SVA) is one route to prepare")
    assert rec["year"] == 2017 and str(rec["date"].date()) == "2017-07-01"  # PD JUL 1
    assert rec["doi"] == "10.1002/polb.24346" and rec["citations"] == 0
    assert rec["venue"] == "JOURNAL OF POLYMER SCIENCE PART B-POLYMER PHYSICS"
    assert rec["categories"] == ["Polymer Science"]
    # DE then ID; the ID list continues on an indented line
    assert rec["keywords"][:5] == ["annealing", "block copolymers", "self-assembly", "thin films",
                                   "X-ray"]
    assert "ORIENTATION" in rec["keywords"] and "NANOWIRES" in rec["keywords"]
    assert rec["affiliations"] == [
        "Univ Massachusetts Amherst, Dept Polymer Sci & Engn, Amherst, MA 01003 USA",
        "Lawrence Berkeley Natl Lab, Div Mat Sci, Berkeley, CA 94720 USA",
        "Beijing Univ Chem Technol, Beijing Adv Innovat Ctr Soft Matter Sci & Engn, Beijing, "
        "Peoples R China"]
    per_author = rec["extra"]["author_affiliations"]
    assert per_author[0] == rec["affiliations"][:1] and per_author[1] == rec["affiliations"]
    assert rec["extra"]["wos_id"] == "WOS:000401190100002"
    assert rec["extra"]["n_references"] == 37 and len(rec["extra"]["references"]) == 37
    assert rec["extra"]["references"][0] == ("Bai W, 2015, MACROMOLECULES, V48, P8574, "
                                              "DOI 10.1021/acs.macromol.5b02174")
    assert rec["source_ref"] == f"{WOS / 'wos_plain_500.txt'}:3"


def test_long_author_list_and_citations():
    papers = litkit.read(WOS / "wos_plain_500.txt")
    rec = papers.loc[papers["source_ref"].str.endswith(":10930")].iloc[0]
    assert rec["title"] == ("Bit-Patterned Magnetic Recording: Theory, Media Fabrication, and "
                            "Recording Performance")
    assert len(rec["authors"]) == 31
    assert rec["authors"][0] == "Thomas R. Albrecht" and rec["authors"][-1] == "En Yang"
    assert rec["citations"] == 29 and str(rec["date"].date()) == "2015-05-01"  # PD MAY, PY 2015
    assert rec["extra"]["date_precision"] == "month"
    assert len(rec["extra"]["author_affiliations"]) == 31


def test_named_ris_sample_values():
    papers = litkit.read(WOS / "wos_plain_named_ris.ris")
    rec = papers.iloc[0]
    assert rec["title"] == ("Interactions stabilizing the structure of the core light-harvesting "
                            "complex (LHl) of photosynthetic bacteria and its subunit (B820)")
    assert rec["authors"] == ["PS Parkes-Loach", "AP Majeed", "CJ Law", "PA Loach"]
    assert rec["affiliations"] == ["Northwestern Univ, Dept Biochem Mol Biol & Cell Biol, "
                                   "Evanston, IL 60208 USA"]
    assert rec["citations"] == 23 and rec["extra"]["citations_all_databases"] == 25
    assert str(rec["date"].date()) == "2004-06-08" and rec["doi"] == "10.1021/bi049798f"
    assert rec["extra"]["pmid"] == "15170338"
    assert papers.iloc[1]["authors"][-1] == "PM Champion"


def test_small_sample_values():
    papers = litkit.read(WOS / "wos_plain_small.txt")
    first = papers.iloc[0]
    assert first["authors"] == ["Ming Liang Toh"]
    assert first["title"].startswith("Mapping the application of Geographic Information System "
                                     "(GIS) in real estate")
    assert str(first["date"].date()) == "2026-02-25"    # PD 2026 FEB 25
    assert first["affiliations"] == ["Univ Technol Sarawak, Sch Built Environm, Jalan Univ, "
                                     "Sibu 96000, Sarawak, Malaysia"]
    second = papers.iloc[1]
    assert second["authors"] == ["Serap Buyukkidik"]    # AF spelling, AU is "Büyükkidik, S"
    assert second["title"] == ("A Bibliometric Analysis: A Tutorial for the Bibliometrix Package "
                               "in R Using IRT Literature")                 # TI continues
    assert second["citations"] == 55 and second["year"] == 2022
    assert second["doi"] == "10.21031/epod.1069307"
    assert second["affiliations"] == ["Sinop Univ, Fac Educ, Sinop, Turkey"]


# --- hostile input ----------------------------------------------------------------------

def _record(i, n_authors=2, end="ER"):
    authors = "\n   ".join(f"Author{j}, Given{j}" for j in range(n_authors))
    return (f"PT J\nAF {authors}\nTI Title number {i}\n   continued\nSO JOURNAL\nPY 2020\n"
            f"PD MAR\nTC {i}\nDI 10.1000/wos.{i}\nUT WOS:{i:015d}\n{end}\n\n")


def test_missing_er_in_the_middle_and_garbage_between_records(tmp_path):
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\n" + _record(1, end="") +
            _record(2) + "some stray text\n\n" + "PT J\nPY 2020\nER\n\n" + _record(4) + "EF\n")
    f = tmp_path / "savedrecs.txt"
    f.write_text(text)
    papers, skipped = litkit.read(f, return_skipped=True)
    assert papers["title"].tolist() == ["Title number 1 continued", "Title number 2 continued",
                                        "Title number 4 continued"]
    assert papers["citations"].tolist() == [1, 2, 4]
    lines = text.split("\n")
    assert skipped["source_ref"].tolist() == [f"{f}:{lines.index('some stray text') + 1}",
                                              f"{f}:{lines.index('PT J', 30) + 1}"]
    assert "outside any Web of Science record" in skipped["reason"][0]
    assert "no title (TI) and no author" in skipped["reason"][1]


def test_two_exports_concatenated(tmp_path):
    raw = (WOS / "wos_plain_named_ris.ris").read_text()
    f = tmp_path / "both.txt"
    f.write_text(raw + "\n" + raw)
    assert len(litkit.read(f)) == 4


def test_177_authors():
    text = "FN Clarivate Analytics Web of Science\nVR 1.0\n" + _record(7, n_authors=177) + "EF\n"
    rec = litkit.read_text(text).iloc[0]
    assert len(rec["authors"]) == 177 and rec["authors"][176] == "Given176 Author176"


def test_ten_thousand_records_and_the_500_record_sample(tmp_path):
    # their reading times: bench/bench_hostile.py --part cases
    f = tmp_path / "many.txt"
    f.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\n"
                 + "".join(_record(i) for i in range(10_000)) + "EF\n")
    papers = litkit.read(f)
    assert len(papers) == 10_000
    assert len(litkit.read(WOS / "wos_plain_500.txt")) == 500      # 500 ER lines in the file


def test_multi_megabyte_abstract_line():
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Doe, J\nTI Big\nAB "
            + "word " * 1_000_000 + "\nER\nEF\n")
    rec = litkit.read_text(text).iloc[0]
    assert rec["title"] == "Big" and len(rec["abstract"]) > 4e6


def test_sniffer_leaves_other_formats_alone():
    from litkit.io import load, wos
    for path in [FIXTURES / "ris" / "wos_export.ris", FIXTURES / "pubmed" / "medline_3.txt",
                 WOS / "wos_tabdelimited.txt", FIXTURES / "bibtex" / "wos_export.bib",
                 FIXTURES / "scopus-csv" / "scopus_litstudy.csv",
                 FIXTURES / "openalex" / "works_small_page.json"]:
        assert wos.sniff(load(path)) == 0, path


def test_truncated_export_keeps_the_records_before_the_cut(tmp_path):
    text = (WOS / "wos_plain_small.txt").read_text(encoding="utf-8-sig")
    cut = text.index("TI ", text.index("\nPT J", text.index("Buyukkidik")))   # inside record 3
    f = tmp_path / "cut.txt"
    f.write_text(text[: cut + 20])
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 3 and len(skipped) == 0
    assert papers["authors"][1] == ["Serap Buyukkidik"]
    assert papers["title"][2] == "bibliometrix: An"        # what is left of its title


@pytest.mark.parametrize("pd_value,expected", [("SPR", "2019-03-01"), ("2019 JAN-FEB", "2019-01-01"),
                                               ("DEC 15", "2019-12-15")])
def test_pd_forms(pd_value, expected):
    text = f"PT J\nAU Doe, J\nTI X\nPY 2019\nPD {pd_value}\nER\n"
    rec = litkit.read_text(text, "wos").iloc[0]
    assert str(rec["date"].date()) == expected

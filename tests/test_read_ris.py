"""RIS reader: every sample export, values checked by eye against the raw files, and hostile input."""

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES

RIS = FIXTURES / "ris"

COUNTS = {
    "ieee_example.ris": 25,
    "asreview_baseline.ris": 100,
    "rayyan_export.ris": 19,
    "scopus_export.ris": 6,
    "wos_export.ris": 10,
    "utf_chars.ris": 1,
}


@pytest.mark.parametrize("name,count", COUNTS.items())
def test_every_sample_reads_whole(name, count):
    papers, skipped = litkit.read(RIS / name, return_skipped=True)
    litkit.validate(papers, unique_ids=True)
    assert len(papers) == count and len(skipped) == 0
    assert (papers["source"] == "ris").all()
    assert papers["title"].notna().all()
    assert papers["year"].notna().all()
    assert papers["source_ref"].str.startswith(str(RIS / name) + ":").all()


def test_ieee_first_record_and_lone_cr_line_ends():
    papers = litkit.read(RIS / "ieee_example.ris")
    first = papers.iloc[0]
    assert first["title"] == "The European Approach to the Exascale Challenge"
    assert first["authors"] == ["G. Kalbe"]            # the file repeats "AU  - G. Kalbe"
    assert first["year"] == 2019 and first["doi"] == "10.1109/mcse.2018.2884139"
    assert first["venue"] == "Computing in Science & Engineering"
    assert first["abstract"].startswith("An integrated European exascale computing and data")
    assert first["keywords"][:2] == ["Exascale computing", "Industries"]
    assert first["extra"]["pages"] == "42-47" and first["extra"]["volume"] == "21"
    assert first["source_ref"].endswith("ieee_example.ris:1")
    # the second record follows "\r\n\n\r": CR-only line ends must not hide a TY line
    second = papers.iloc[1]
    assert second["title"] == "Reference Exascale Architecture"
    assert second["authors"][:2] == ["M. Bobák", "L. Hluchy"]
    assert second["venue"] == "2019 15th International Conference on eScience (eScience)"
    assert second["extra"]["type"] == "CONF"


def test_asreview_bom_crlf_continuation_and_placeholder_name():
    papers = litkit.read(RIS / "asreview_baseline.ris")
    first = papers.iloc[0]                              # behind a UTF-8 BOM
    assert first["title"].startswith("The Value of Radiologic Interventions and 18 F-DOPA PET")
    assert first["authors"][0] == "Björn A. Blomberg"
    assert first["doi"] == "10.1007/s11307-012-0572-0"
    assert str(first["date"].date()) == "2012-07-03"    # DA  - 2012/07/03
    assert first["venue"] == "Molecular imaging and biology"
    # abstract with untagged continuation lines (line 331 on)
    ab = papers.loc[papers["source_ref"].str.endswith(":330"), "abstract"].iloc[0]
    assert ab.startswith("Background: The European Academy of Allergy and Clinical Immunology")
    assert "Guidelines on Allergen Immunotherapy (AIT) for Allergic Rhinoconjunctivitis" in ab
    assert "Methods: We undertook a systematic overview" in ab
    last = papers.iloc[-1]                               # "AU  - van den Hoven, null"
    assert last["authors"][0] == "van den Hoven"
    assert last["authors"][-1] == "Marnix G.E.H. Lam"


def test_rayyan_untagged_keyword_lines_and_secondary_authors():
    papers = litkit.read(RIS / "rayyan_export.ris")
    first = papers.iloc[0]
    assert first["title"] == "Overcoming Medication Reconciliation Challenges"
    assert first["authors"] == [] and first["year"] == 2011
    assert first["keywords"] == ["Health Facility Administration", "Joint Commission", "Standards",
                                 "Medication Errors", "Prevention and Control",
                                 "Medication Reconciliation", "Organizational Compliance",
                                 "Quality Improvement", "Electronic Health Records",
                                 "Consumer Participation", "Literacy", "Medication History",
                                 "Patient Education"]
    assert first["venue"] == "Joint Commission Perspectives on Patient Safety"
    case = papers.iloc[13]                               # TY CASE with only A4 and A2
    assert case["title"] == "Clinical Integration"
    assert case["authors"] == ["Laurie Larson", "Julius A. Karash"]       # file order
    assert "A2" in case["extra"]["authors_from"]
    last = papers.iloc[-1]
    assert last["title"] == "Behavioral health care quality among marketplace insurers in 2019"
    assert last["authors"][0] == "J. M. Abraham"
    assert last["affiliations"][0] == ("Univ Minnesota, Div Hlth Policy & Management, "
                                       "Minneapolis, MN 55455 USA")
    assert last["doi"] == "10.1176/appi.ps.202000115"
    assert str(last["date"].date()) == "2021-02-01"     # PY 2021, DA Feb
    assert last["citations"] == 0                        # N1 "... Times Cited:0 ..."
    assert last["extra"]["wos_id"] == "WOS:000614610400014"   # from "<Go to ISI>://WOS:…"


def test_scopus_affiliations_notes_and_cited_by():
    papers = litkit.read(RIS / "scopus_export.ris")
    first = papers.iloc[0]
    assert first["title"].startswith("Stress and the brain-gut axis in functional and chronic")
    assert first["authors"] == ["A. Labanski", "J. Langhorst", "H. Engler", "S. Elsenbruch"]
    assert first["affiliations"][1] == ("Chair for Integrative Medicine, University of "
                                        "Duisburg-Essen, Essen, Germany")
    assert first["year"] == 2020 and first["doi"] == "10.1016/j.psyneuen.2019.104501"
    assert first["venue"] == "Psychoneuroendocrinology"
    assert pd.isna(first["citations"])
    # the reference list (N1 "References:" and its untagged lines) is not kept as notes
    assert not any(n.startswith("References") for n in first["extra"]["notes"])
    assert not any("Agostini" in n for n in first["extra"]["notes"])
    gut = papers.iloc[5]
    assert gut["title"].startswith("Role of brain imaging in disorders of brain-gut interaction")
    assert gut["citations"] == 2                        # "N1  - Cited By :2"
    assert gut["venue"] == "Gut" and gut["authors"][0] == "E.A. Mayer"


def test_wos_ris_citations_and_month():
    papers = litkit.read(RIS / "wos_export.ris")
    first = papers.iloc[0]
    assert first["title"] == ("Holding Yourself Captive: Perceptions of Custody During "
                              "Interviews and Interrogations")
    assert first["authors"] == ["F Alceste", "TJ Luke", "SM Kassin"]
    assert first["citations"] == 5          # "Times Cited in Web of Science Core Collection:  5"
    assert str(first["date"].date()) == "2018-09-01"    # PY 2018, DA SEP
    assert first["extra"]["date_precision"] == "month"
    assert first["extra"]["wos_id"] == "WOS:000444108200009"
    assert first["affiliations"][2] == "Univ Gothenburg, Gothenburg, Sweden"
    assert first["venue"] == "JOURNAL OF APPLIED RESEARCH IN MEMORY AND COGNITION"


def test_utf_chars_title_from_short_title():
    rec = litkit.read(RIS / "utf_chars.ris").iloc[0]
    assert rec["title"].startswith("Состояние рецепторного аппарата эндометрия")
    assert rec["authors"][0] == "Yu E. Dobrokhotova" and len(rec["authors"]) == 5
    assert rec["year"] == 2009 and rec["venue"] == "Gynecology, Obstetrics and Perinatology"
    assert rec["extra"]["notes"] == ["Ä,Ö,Ü,ä,ö,ü,ß"]


# --- dates, DOIs in links ---------------------------------------------------------------

@pytest.mark.parametrize("py,expected,precision", [
    ("2019/05/01/", "2019-05-01", "day"),
    ("2019///", "2019-01-01", "year"),
    ("2019/05//", "2019-05-01", "month"),
    ("2019", "2019-01-01", "year"),
])
def test_ris_date_forms(py, expected, precision):
    rec = litkit.read_text(f"TY  - JOUR\nTI  - A\nPY  - {py}\nER  - \n", "ris").iloc[0]
    assert rec["year"] == 2019 and str(rec["date"].date()) == expected
    assert rec["extra"]["date_precision"] == precision


def test_doi_found_in_scopus_link_and_keywords_split_on_semicolons():
    text = ("TY  - JOUR\nTI  - A paper\nAU  - Smith, Jane\nKW  - alpha; beta\nKW  - gamma\n"
            "UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85&doi=10.1016%2fj.psyneuen"
            ".2019.104501&partnerID=40\nN1  - Cited By: 12\nER  - \n")
    rec = litkit.read_text(text).iloc[0]
    assert rec["doi"] == "10.1016/j.psyneuen.2019.104501"
    assert rec["keywords"] == ["alpha", "beta", "gamma"]
    assert rec["citations"] == 12 and rec["authors"] == ["Jane Smith"]


# --- hostile input ----------------------------------------------------------------------

def _scopus_text():
    return (RIS / "scopus_export.ris").read_text(encoding="utf-8")


def test_missing_er_in_the_middle_does_not_swallow_the_next_record(tmp_path):
    text = _scopus_text().replace("ER  -\n", "", 1)     # first record loses its ER
    f = tmp_path / "cut.ris"
    f.write_text(text)
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 6 and len(skipped) == 0
    assert papers["authors"].iloc[0] == ["A. Labanski", "J. Langhorst", "H. Engler",
                                         "S. Elsenbruch"]
    second = papers.iloc[1]
    assert second["title"] == ("Hypothesis: Mechanism of irritable bowel syndrome in "
                               "inflammatory bowel disease")
    assert second["authors"] == ["Y. Uno"] and second["source_ref"] == f"{f}:225"


def test_missing_final_er_still_counts(tmp_path):
    text = _scopus_text().rstrip()
    assert text.endswith("ER  -")
    f = tmp_path / "noend.ris"
    f.write_text(text[: -len("ER  -")])
    assert len(litkit.read(f)) == 6


def test_garbage_and_empty_records_are_skipped_with_their_line(tmp_path):
    text = ("TY  - JOUR\nTI  - First\nAU  - Doe, J.\nER  - \n\n"
            "this line is not RIS\nneither is this one\n\n"
            "TY  - JOUR\nPY  - 2020\nER  - \n"
            "TY  - JOUR\nTI  - Third\nER  - \n")
    f = tmp_path / "bad.ris"
    f.write_text(text)
    papers, skipped = litkit.read(f, return_skipped=True)
    assert papers["title"].tolist() == ["First", "Third"]
    assert skipped["source_ref"].tolist() == [f"{f}:6", f"{f}:9"]
    assert "2 lines of text outside any RIS record" in skipped["reason"][0]
    assert "no title and no author" in skipped["reason"][1]
    with pytest.warns(UserWarning, match="skipped"):
        litkit.read(f)


def test_header_before_first_record_is_not_a_record(tmp_path):
    f = tmp_path / "jstor.ris"
    f.write_text('Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\n'
                 'Content: text/plain; charset="UTF-8"\n\nTY  - JOUR\nTI  - A\nER  - \n')
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 1 and len(skipped) == 0


def test_concatenated_files_with_a_bom_in_the_middle(tmp_path):
    raw = (RIS / "utf_chars.ris").read_bytes()
    f = tmp_path / "two.ris"
    f.write_bytes(raw + b"\n" + raw)
    assert len(litkit.read(f)) == 2


def test_multi_megabyte_line(tmp_path):
    big = "word " * 1_200_000                           # a 6 MB abstract on one line
    f = tmp_path / "big.ris"
    f.write_text(f"TY  - JOUR\nTI  - Big\nAB  - {big}\nER  - \nTY  - JOUR\nTI  - Small\nER  - \n")
    papers = litkit.read(f)       # its reading time: bench/bench_hostile.py --part cases
    assert papers["title"].tolist() == ["Big", "Small"] and len(papers["abstract"][0]) > 5e6


def test_ten_thousand_records(tmp_path):
    rec = ("TY  - JOUR\nAU  - Smith, Jane\nAU  - Doe, John\nTI  - Paper number {i}\n"
           "T2  - Journal of Tests\nPY  - 2020/03/0{d}/\nDO  - 10.1000/test.{i}\n"
           "KW  - alpha\nKW  - beta\nAB  - An abstract that says something about paper {i}.\n"
           "ER  - \n\n")
    f = tmp_path / "many.ris"
    f.write_text("".join(rec.format(i=i, d=i % 9 + 1) for i in range(10_000)))
    papers = litkit.read(f)       # its reading time: bench/bench_hostile.py --part cases
    assert len(papers) == 10_000 and papers["doi"].is_unique


def test_wos_plain_text_forced_as_ris_says_what_it_is():
    with pytest.raises(litkit.ReadError, match="looks like Web of Science"):
        litkit.read(FIXTURES / "wos" / "wos_plain_named_ris.ris", format="ris")
    with pytest.raises(litkit.ReadError, match="looks like PubMed"):
        litkit.read(FIXTURES / "pubmed" / "medline_3.txt", format="ris")


def test_tagged_sniffers_claim_only_their_own_files():
    """RIS, WoS plain text and MEDLINE look alike; none may claim another's file (or BibTeX,
    CSV, JSON, XML, the listing)."""
    from litkit.io import load, pubmed, ris, wos
    owner = {"ris": ris, "wos": wos, "pubmed": pubmed}
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        kind = path.parent.name
        if kind == "wos" and "tabdelimited" in path.name:
            kind = "wos-tab"
        if kind == "shapes":  # the corpus-shape matrix mixes formats: named by suffix / name
            kind = "ris" if path.suffix == ".ris" else "wos" if "_wos" in path.name else "other"
        doc = load(path)
        for name, mod in owner.items():
            score = mod.sniff(doc)
            if name == kind:
                assert score >= 0.9, (name, path)
            else:
                assert score == 0, (name, path)


def test_other_tools_tag_choices():
    """EndNote/Mendeley/ACM use T1, A1, N2, JF, Y1, M3 and BT instead of TI, AU, AB, T2, PY, DO."""
    endnote = ("TY  - JOUR\nT1  - An EndNote title\nA1  - Smith, John A.\nA1  - Doe, K.\n"
               "JF  - Journal of Things\nY1  - 2018/11/23/\nN2  - The abstract.\n"
               "M3  - doi: 10.1000/XYZ.1\nA2  - Editor, Ed\nER  - \n")
    rec = litkit.read_text(endnote).iloc[0]
    assert (rec["title"], rec["authors"], rec["venue"], rec["abstract"], rec["doi"]) == (
        "An EndNote title", ["John A. Smith", "K. Doe"], "Journal of Things", "The abstract.",
        "10.1000/xyz.1")
    assert str(rec["date"].date()) == "2018-11-23" and rec["extra"]["editors"] == ["Ed Editor"]
    acm = ("TY  - CONF\nT1  - A talk\nAU  - Roe, R.\nY1  - 2019\nBT  - Proceedings of the Test "
           "Conference\nUR  - https://doi.org/10.1145/3290605.3300001\nY2  - 2024/01/02/\nER  - \n")
    rec = litkit.read_text(acm).iloc[0]
    assert rec["venue"] == "Proceedings of the Test Conference"
    assert rec["doi"] == "10.1145/3290605.3300001"
    assert str(rec["date"].date()) == "2019-01-01"    # Y2 (Zotero's access date) is not used


def test_given_name_na_is_a_name_not_a_missing_value():
    from litkit.io._tagged import person
    assert person("Zhao, Na") == "Na Zhao"
    assert person("van den Hoven, NA") == "van den Hoven"
    assert person("van den Hoven, null") == "van den Hoven"
    assert person("NA") is None

"""BibTeX reader: the five real sample exports, BibTeX syntax corners, and hostile input.

Expected values were read by eye from the raw files in tests/fixtures/bibtex/.
"""


import pandas as pd
import pytest

import litkit
from conftest import FIXTURES

BIB = FIXTURES / "bibtex"

COUNTS = {  # SOURCES.md
    "mendeley_webpage.bib": 512,
    "user_issue873.bib": 988,
    "jabref_issue97.bib": 911,
    "scopus_example.bib": 3,
    "wos_export.bib": 29,
}


@pytest.fixture(scope="module")
def tables():
    out = {}
    for name in COUNTS:
        papers, skipped = litkit.read(BIB / name, return_skipped=True)
        out[name] = (papers, skipped)
    return out


def _at(papers, line):
    """The record whose @ line is ``line``."""
    rows = papers[papers["source_ref"].str.endswith(f":{line}")]
    assert len(rows) == 1, f"no single record at line {line}"
    return rows.iloc[0]


@pytest.mark.parametrize("name", list(COUNTS))
def test_every_entry_is_read(tables, name):
    papers, skipped = tables[name]
    assert len(papers) == COUNTS[name]
    assert len(skipped) == 0
    litkit.validate(papers)
    assert (papers["source"] == "bibtex").all()
    assert papers["source_ref"].str.startswith(str(BIB / name) + ":").all()


@pytest.mark.parametrize("name", list(COUNTS))
def test_count_matches_an_independent_count_of_entry_lines(name):
    """Every line starting with @type{ / @type( that is not @comment/@preamble/@string."""
    import re
    text = (BIB / name).read_text(encoding="utf-8-sig")
    starts = re.findall(r"^[ \t]*@[ \t]*([A-Za-z_]+)[ \t]*[{(]", text, re.M)
    n = sum(1 for t in starts if t.lower() not in {"comment", "preamble", "string"})
    assert n == COUNTS[name]


def test_sniffed_without_format_and_extension(tmp_path):
    f = tmp_path / "export.txt"
    f.write_bytes((BIB / "scopus_example.bib").read_bytes())
    assert len(litkit.read(f)) == 3


def test_sniff_does_not_claim_other_formats():
    from litkit.io import bibtex, load
    for sub in ("ris", "wos", "pubmed", "csl-json", "scopus-csv", "ieee-csv", "openalex",
                "listing"):
        for f in sorted((FIXTURES / sub).glob("*")):
            assert bibtex.sniff(load(f)) == 0, f
    for f in BIB.glob("*.bib"):
        assert bibtex.sniff(load(f)) >= 0.9


# --- Mendeley -------------------------------------------------------------------------

def test_mendeley_first_record(tables):
    papers, _ = tables["mendeley_webpage.bib"]
    r = _at(papers, 1)
    assert r["title"] == ("Fiction and morality: Investigating the associations between reading "
                          "exposure, empathy, morality, and moral judgment")
    assert r["authors"] == ["Jessica E Black", "Jennifer L Barnes"]
    assert r["year"] == 2020 and r["doi"] == "10.1037/ppm0000281"
    assert r["venue"] == "Psychology of Popular Media"
    assert r["abstract"].startswith("The purpose of this research was to investigate")
    assert r["extra"]["citation_key"] == "Black2020" and r["extra"]["entry_type"] == "article"
    assert r["extra"]["publisher"] == "Educational Publishing Foundation"


def test_mendeley_reused_keys_are_two_records(tables):
    papers, _ = tables["mendeley_webpage.bib"]
    keys = papers["extra"].map(lambda e: e["citation_key"])
    assert int(keys.duplicated().sum()) == 61
    a, b = _at(papers, 2773), _at(papers, 4310)
    assert a["extra"]["citation_key"] == b["extra"]["citation_key"] == "Ahmed2007"
    assert a["title"] == "A phenomenology of whiteness" and a["doi"] == "10.1177/1464700107078139"
    assert b["title"] == "The language of diversity" and b["doi"] == "10.1080/01419870601143927"
    assert a["authors"] == b["authors"] == ["Sara Ahmed"]
    assert a["id"] != b["id"]


def test_mendeley_odd_entry_types_and_empty_key(tables):
    papers, _ = tables["mendeley_webpage.bib"]
    r = _at(papers, 5205)                    # @web_page{, title = {...}, url = {...}}
    assert r["extra"]["entry_type"] == "web_page" and r["extra"]["citation_key"] is None
    assert r["title"].startswith("Where Is the Diversity in Publishing?")
    assert r["title"].endswith("| Lee & Low Blog")
    assert r["url"] == "https://blog.leeandlow.com/2020/01/28/2019diversitybaselinesurvey/"
    assert pd.isna(_at(papers, 453)["year"])   # year = {6}: not a year


# --- user library of issue 873: @article( … ), undefined macros, reused keys --------------

def test_parenthesised_entries(tables):
    papers, _ = tables["user_issue873.bib"]
    r = _at(papers, 1)
    assert r["extra"]["citation_key"] == "Biermann:75"
    assert r["title"] == "Approaches to automatic programming"     # a "quoted" value
    assert r["authors"] == ["Alan W. Biermann"] and r["year"] == 1975
    assert r["venue"] == "Advances in Computers"
    davis = _at(papers, 19)                  # authors over two lines
    assert davis["authors"] == ["Randall Davis", "Bruce Buchanan", "Edward Shortliffe"]
    assert davis["title"] == ("Production rules as a representation for knowledge-based "
                              "consultation program")
    dk = _at(papers, 30)                     # @InProceedings(deKleer:77, month = {August}
    assert str(dk["date"].date()) == "1977-08-01"
    assert dk["venue"] == ("Proceedings of the Symposium on Artificial Intelligence and "
                           "Programming Languages")


def test_undefined_macro_is_kept_as_its_name(tables):
    papers, _ = tables["user_issue873.bib"]
    r = papers[papers["extra"].map(lambda e: e["citation_key"] == "Davis:ContractNet")].iloc[0]
    assert r["venue"] == "AIJ" and r["extra"]["undefined_macros"] == ["AIJ"]
    assert r["title"] == "Negotiation as a metaphor for distributed problem solving"


def test_issue873_reused_keys_are_two_records(tables):
    papers, _ = tables["user_issue873.bib"]
    keys = papers["extra"].map(lambda e: e["citation_key"])
    assert int(keys.duplicated().sum()) == 14
    a, b = _at(papers, 1223), _at(papers, 2181)
    assert a["extra"]["citation_key"] == b["extra"]["citation_key"] == "Barrow:81"
    assert a["title"] == "Interpreting line drawings as three-dimensional surfaces"
    assert b["title"] == "Computational vision" and b["venue"] == "Proceedings of the IEEE"


def test_unbalanced_brace_inside_a_closed_entry_is_repaired_not_lost(tables):
    # AUTHOR = {Sylvie Thi\{'ebaux and ...}: a transposed accent leaves one { open
    papers, _ = tables["user_issue873.bib"]
    r = _at(papers, 6523)
    assert r["authors"] == ["Sylvie Thiébaux", "Joachim Hertzberg", "William Shoaff",
                            "Moti Schneider"]
    assert r["title"] == ("A Stochastic Model of Actions and Plans for Anytime Planning Under "
                          "Uncertainty")
    assert r["year"] == 1993 and str(r["date"].date()) == "1993-05-01"
    assert "never closed" in r["extra"]["repaired"]
    # the damage does not leak into the next entry
    nxt = _at(papers, 6534)
    assert nxt["authors"] == ["Michael P. Wellman"] and nxt["venue"] == "JAIR"


def test_keywords_given_one_field_each(tables):
    papers, _ = tables["user_issue873.bib"]
    r = _at(papers, 10301)          # keywords = "Qualitative", keywords = "Simulation", ...
    assert r["keywords"] == ["Qualitative", "Simulation", "Semi-quantitative", "Intervals",
                             "QSIM", "Q3"]
    assert r["extra"]["repeated_fields"]["keywords"][0] == "Simulation"
    assert r["doi"] == "10.1016/s0004-3702(97)00050-7"
    assert r["authors"] == ["Daniel Berleant", "Benjamin J. Kuipers"] and r["year"] == 1997


def test_crossref_fills_missing_fields(tables):
    papers, _ = tables["user_issue873.bib"]
    r = _at(papers, 9953)        # @Article{NguyenETAL:DiversityAIJ, crossref = {journals/ai/...}}
    assert r["title"] == ("Generating diverse plans to handle unknown and partially known user "
                          "preferences")
    assert r["authors"][0] == "Tuan Anh Nguyen" and r["year"] == 2012
    assert r["doi"] == "10.1016/j.artint.2012.05.005"


# --- JabRef ---------------------------------------------------------------------------

def test_jabref_preamble_and_comments_are_not_records(tables):
    papers, _ = tables["jabref_issue97.bib"]
    types = papers["extra"].map(lambda e: e["entry_type"])
    assert not types.isin(["preamble", "comment", "string"]).any()
    assert (types == "patent").sum() == 4


def test_jabref_latex_accents_and_math(tables):
    papers, _ = tables["jabref_issue97.bib"]
    r = _at(papers, 113)   # Author = {Aggarwal, Sanjeev and T\"opfer, J\"org and ...}
    assert r["authors"] == ["Sanjeev Aggarwal", "Jörg Töpfer", "Tse-Lun Tsai",
                            "Rüdiger Dieckmann"]
    assert r["title"] == ("Point defects and transport in binary and ternary, non-stoichiometric "
                          "oxides")
    assert r["doi"] == "10.1016/s0167-2738(97)84048-9"
    r = _at(papers, 11)    # Title = {... of {Cu$_2$O} Thin Film ...}
    assert r["title"] == ("Determination of the Thickness and Refractive Index of Cu2O Thin Film "
                          "Using Thermal and Optical Interferometry")
    assert r["authors"][0] == "M. E. Abu-Zeid" and r["year"] == 1986
    r = _at(papers, 2912)  # Gon\c{c}alves
    assert r["authors"][2] == "G. Gonçalves"
    r = _at(papers, 509)   # "Baldassarri H\"oger von H\"ogersthal, G."
    assert r["authors"][0] == "G. Baldassarri Höger von Högersthal"


def test_jabref_month_macro_and_keywords(tables):
    papers, _ = tables["jabref_issue97.bib"]
    r = _at(papers, 24)    # Adachi_1989: Month = jan
    assert r["extra"]["citation_key"] == "Adachi_1989"
    assert str(r["date"].date()) == "1989-01-01" and r["year"] == 1989
    assert r["keywords"] == ["CuO"]
    r = _at(papers, 2912)
    assert r["keywords"] == ["X-ray diffraction", "Physical vapor deposition processes",
                             "Copper oxide thin films", "Oxides", "Semiconducting materials"]


def test_and_others_marks_truncated_author_lists(tables):
    papers, _ = tables["jabref_issue97.bib"]
    r = _at(papers, 7064)  # Author = {Madelung, O. and others}
    assert r["authors"] == ["O. Madelung"] and bool(r["authors_truncated"])
    assert r["venue"] == "Landolt-Börnstein"
    assert int(papers["authors_truncated"].sum()) == 14      # 14 "and others" in the file
    assert not papers["authors"].map(lambda a: "others" in a).any()


# --- Scopus ---------------------------------------------------------------------------

def test_scopus_export(tables):
    papers, _ = tables["scopus_example.bib"]
    r = papers.iloc[0]
    assert r["title"] == ("Soil fauna diversity at different stages of reed restoration in a "
                          "lakeshore wetland at Lake Taihu, China")
    assert r["authors"][:3] == ["W. Li", "Z. Dou", "L. Cui"] and len(r["authors"]) == 10
    assert r["year"] == 2020 and r["doi"] == "10.1080/20964129.2020.1722034"
    assert r["venue"] == "Ecosystem Health and Sustainability"
    assert r["citations"] == 0                                     # note={cited By 0}
    assert r["affiliations"] == [
        "Institute of Wetland Research, Chinese Academy of Forestry, Beijing, China",
        "Beijing Key Laboratory of Wetland Services and Restoration, Beijing, China",
        "School of Geographical Sciences, University of Bristol, Bristol, United Kingdom"]
    assert r["keywords"][:2] == ["Environmental factors", "Lake Taihu"]
    assert r["extra"]["document_type"] == "Article" and r["extra"]["language"] == "English"
    # funding_details is given twice: the first is kept, the repeat recorded
    assert r["extra"]["repeated_fields"] == {"funding_details": [
        "Special Fund for Forest Scientific Research in the Public WelfareSpecial Fund for "
        "Forest Scientific Research in the Public Welfare, 201404305, 200904001, CAFYBB2011007"]}
    t = papers.iloc[2]
    assert t["authors"] == ["H. Tang", "G. Geng", "M. zhou"]
    assert "Image restoration algorithms" in t["keywords"]          # index keywords too


# --- Web of Science -------------------------------------------------------------------

def test_wos_export(tables):
    papers, _ = tables["wos_export.bib"]
    r = _at(papers, 2)     # the file starts with a BOM and a blank line
    assert r["extra"]["citation_key"] == "WOS:000278542800018"
    assert r["title"] == ("Estimation of missing judgments in AHP pairwise matrices using a "
                          "neural network-based model")
    assert r["authors"] == ["Jose Antonio Gomez-Ruiz", "Marcelo Karanik", "Jose Ignacio Pelaez"]
    assert r["year"] == 2010 and str(r["date"].date()) == "2010-07-15"   # Month = {JUL 15}
    assert r["venue"] == "APPLIED MATHEMATICS AND COMPUTATION"
    assert r["doi"] == "10.1016/j.amc.2010.04.009"
    assert r["citations"] == 29                                    # Times-Cited
    assert r["categories"] == ["Mathematics, Applied", "Mathematics"]
    assert r["affiliations"] == ["Universidad de Malaga"]
    assert r["extra"]["addresses"][0].startswith("Gomez-Ruiz, JA (Corresponding Author), Univ "
                                                 "Malaga, Dept Comp Sci & Artificial Intelligence")
    assert r["keywords"][:2] == ["AHP", "Pairwise matrix reconstruction"]
    assert "ANALYTIC HIERARCHY PROCESS" in r["keywords"]           # Keywords-Plus
    assert r["extra"]["unique-id"] == "WOS:000278542800018"
    assert papers["abstract"].notna().all() and papers["citations"].notna().all()


# --- syntax corners (Zotero / Better BibTeX and hand-written files) -------------------

BBT = r"""
% Better BibTeX style
@string{jmlr = "Journal of Machine Learning Research"}
@string{pre = {Proceedings of }}

@article{mueller_2020,
  title = {{Über} die {Müller}-Methode: {\"U}bersicht und \'{E}tude},
  author = {M{\"u}ller, J{\"o}rg and {van der Berg}, Jan and {World Health Organization} and
            S{\o}rensen, S{\o}ren and Stra{\ss}er, Bj\"orn and Smith, Jr., John},
  date = {2020-03-15},
  journaltitle = jmlr,
  doi = {https://doi.org/10.5555/ABC.123},
  keywords = {machine learning; Bayes, inference},
  langid = {english},
}

@inproceedings{conf,
  title = "A {GPU} Study",
  author = "First Last and Ann B. Other and others",
  booktitle = pre # "the Tenth Workshop",
  year = 2019, month = sep,
  url = {https://doi.org/10.1000/XYZ},
}

@misc{vaswani2017,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  year = {2017},
  eprint = {1706.03762v5},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
}

@article{wos_style,
  Author Full Names = {Smith, John and Doe, Jane},
  Author = {Smith, J and Doe, J},
  Title = {Spaces in field names},
  Times Cited = {7},
  Year = {2001},
}
"""


@pytest.fixture(scope="module")
def bbt():
    return litkit.read_text(BBT, name="bbt.bib")


def test_bbt_title_names_and_dates(bbt):
    r = bbt.iloc[0]
    assert r["title"] == "Über die Müller-Methode: Übersicht und Étude"
    assert r["authors"] == ["Jörg Müller", "Jan van der Berg", "World Health Organization",
                            "Søren Sørensen", "Björn Straßer", "John Smith Jr."]
    assert str(r["date"].date()) == "2020-03-15" and r["year"] == 2020
    assert r["venue"] == "Journal of Machine Learning Research"          # @string macro
    assert r["doi"] == "10.5555/abc.123"
    assert r["keywords"] == ["machine learning", "Bayes, inference"]
    assert r["source_ref"] == "bbt.bib:6"


def test_concatenation_month_macro_doi_in_url_and_others(bbt):
    r = bbt.iloc[1]
    assert r["title"] == "A GPU Study"
    assert r["venue"] == "Proceedings of the Tenth Workshop"             # macro # "string"
    assert str(r["date"].date()) == "2019-09-01"                         # month = sep
    assert r["doi"] == "10.1000/xyz"                                      # from the doi.org url
    assert r["authors"] == ["First Last", "Ann B. Other"] and bool(r["authors_truncated"])


def test_arxiv_eprint(bbt):
    r = bbt.iloc[2]
    assert r["arxiv_id"] == "1706.03762" and r["categories"] == ["cs.CL"]
    assert r["venue"] == "arXiv" and r["id"] == "arxiv:1706.03762"


def test_field_names_with_spaces(bbt):
    r = bbt.iloc[3]
    assert r["authors"] == ["John Smith", "Jane Doe"]        # full names preferred
    assert r["citations"] == 7 and r["title"] == "Spaces in field names"


def test_percent_and_ampersand_are_text_not_latex():
    p = litkit.read_text("@article{a, title = {{R}\\&{D}: 50% more & better}, year = 2000}",
                         format="bibtex")
    assert p["title"][0] == "R&D: 50% more & better"


# --- hostile input --------------------------------------------------------------------

def test_ten_thousand_nested_braces():
    text = ("@article{deep, title = {" + "{" * 10000 + "Deep" + "}" * 10000 + "}, year = 2020}\n"
            "@article{next, title = {After}}\n")
    p = litkit.read_text(text, format="bibtex")
    assert list(p["title"]) == ["Deep", "After"] and p["year"][0] == 2020


def test_ten_thousand_unclosed_braces_skip_one_entry():
    text = ("@article{deep, title = {" + "{" * 10000 + "Deep, year = 2020}\n"
            "@article{next, title = {After}}\n")
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True, name="d.bib")
    assert list(p["title"]) == ["After"]
    assert list(s["source_ref"]) == ["d.bib:1"] and "never closed" in s["reason"][0]


def test_unterminated_entry_in_the_middle_is_skipped_and_the_rest_read(tmp_path):
    src = (BIB / "scopus_example.bib").read_text().split("\n")
    # line 28 is "@ARTICLE{Cao2020,"; cut the closing brace of its author field and of the entry
    assert src[27] == "@ARTICLE{Cao2020,"
    cut = [ln for ln in src]
    i = next(k for k in range(28, 60) if cut[k].startswith("author="))
    cut[i] = cut[i].rstrip("},")                    # author={Cao, F. and ... Wu, G.   (open)
    j = next(k for k in range(i, 80) if cut[k] == "}")
    del cut[j]
    f = tmp_path / "cut.bib"
    f.write_text("\n".join(cut))
    with pytest.warns(UserWarning, match="skipped"):
        papers = litkit.read(f)
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 2 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{f}:28"
    assert list(papers["extra"].map(lambda e: e["citation_key"])) == ["Li2020", "Tang2020"]


def test_entry_running_into_the_next_is_skipped():
    text = ("@article{a, title = {One}, year = 2001}\n"
            "@article{b, title = {Two, year = 2002,\n"          # never closed title ...
            "@article{c, title = {Three}, year = 2003}\n"
            "}}\n")                                          # ... closed by stray braces
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True, name="r.bib")
    assert list(p["title"]) == ["One", "Three"]
    assert list(s["source_ref"]) == ["r.bib:2"] and "runs into the next entry" in s["reason"][0]


def test_five_megabyte_single_line_field():
    text = ("@article{big, title = {Big}, abstract = {" + "word {x} " * 600_000 + "}}\n"
            "@article{two, title = {Two}}\n")
    assert len(text) > 5_000_000 and text.count("\n") == 2
    p = litkit.read_text(text, format="bibtex")
    assert list(p["title"]) == ["Big", "Two"] and len(p["abstract"][0]) == 600_000 * 7 - 1


def test_many_broken_entries_stay_linear():
    text = "@article{x, title = {a\n" * 20000
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True)
    assert len(p) == 0 and len(s) == 20000


def test_parenthesis_entries_with_parentheses_in_values():
    p = litkit.read_text('@string(AIJ = "Artificial Intelligence")\n'
                         '@article(k1, title = "The (first) paper", journal = AIJ # " Journal",\n'
                         '  author = {A. Smith}, year = 1999)\n@article(k2, title = {Second})\n',
                         format="bibtex")
    assert list(p["title"]) == ["The (first) paper", "Second"]
    assert p["venue"][0] == "Artificial Intelligence Journal"


def test_empty_file_and_file_without_entries(tmp_path):
    f = tmp_path / "empty.bib"
    f.write_text("")
    with pytest.raises(litkit.ReadError, match="empty"):
        litkit.read(f)
    g = tmp_path / "comments.bib"
    g.write_text("% exported by hand\n@comment{nothing here}\n@string{x = {y}}\n")
    p, s = litkit.read(g, return_skipped=True)
    assert len(p) == 0 and len(s) == 0
    litkit.validate(p)


def test_wrong_reader_forced_on_bibtex_says_what_it_is():
    with pytest.raises(litkit.ReadError, match="BibTeX"):
        litkit.read(BIB / "scopus_example.bib", format="arxiv-jsonl")


def test_biggest_sample_reads_whole():
    papers = litkit.read(BIB / "jabref_issue97.bib")        # its time: bench/bench_read.py
    assert len(papers) == 911


def test_at_signs_in_free_text_between_entries_are_not_entries():
    text = ("Exported for me@home (weekends) by hand.\n"
            "@article{a, title = {One}}\n"
            "note: mail x@y.org {soon}\n"
            "@book(b, title = {Two})\n")
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True)
    assert list(p["title"]) == ["One", "Two"] and len(s) == 0


def test_commented_out_field_lines_and_escaped_quotes():
    text = ('@article{c,\n'
            '  % title = {Old title},\n'
            '  title = "M\\"uller and the {\\"U}bermensch",\n'
            '  author = {M\\"uller, Hans},\n'
            '}\n')
    p = litkit.read_text(text, format="bibtex")
    assert p["title"][0] == "Müller and the Übermensch" and p["authors"][0] == ["Hans Müller"]


@pytest.mark.parametrize("where", ["key", "name", "author", "between"])
def test_runs_of_blanks_do_not_make_matching_quadratic(where):
    blanks = " " * 1_000_000
    text = {"key": "@article{a" + blanks + "b, title = {T}}\n",
            "name": "@article{a, title" + blanks + "x = {T}}\n",
            "author": "@article{a, title = {T}, author = {A" + blanks + "B and C}}\n",
            "between": "@article{a, title = {T}}" + blanks + "\n@article{b, title = {U}}\n"}[where]
    # the time these take is measured by bench/bench_hostile.py; here: what they give
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True)
    titles = {"key": ["T"], "name": [None], "author": ["T"], "between": ["T", "U"]}[where]
    assert [None if pd.isna(t) else t for t in p["title"]] == titles and len(s) == 0
    if where == "author":
        assert p["authors"][0] == ["A B", "C"]


def test_google_scholar_arxiv_biblatex_range_and_pmid_note():
    text = ("@article{vaswani2017attention,\n"
            "  title={Attention is all you need},\n"
            "  author={Vaswani, Ashish and Shazeer, Noam and},\n"
            "  journal={arXiv preprint arXiv:1706.03762},\n  year={2017}\n}\n"
            "@online{r, title = {Ranged}, date = {2020-03/2020-04}, eprinttype = {arxiv},\n"
            "  eprint = {2003.00001}, eprintclass = {cs.LG}}\n"
            "@article{s, title = {T}, year = 2013, month = {mar}, note = {{PMID:} 23439512}}\n")
    p = litkit.read_text(text, format="bibtex")
    a, b, c = (p.iloc[i] for i in range(3))
    assert a["authors"] == ["Ashish Vaswani", "Noam Shazeer"]
    assert a["arxiv_id"] == "1706.03762" and a["venue"] == "arXiv"
    assert str(b["date"].date()) == "2020-03-01" and b["categories"] == ["cs.LG"]
    assert b["arxiv_id"] == "2003.00001"
    assert str(c["date"].date()) == "2013-03-01" and c["extra"]["pmid"] == "23439512"


def test_many_at_signs_on_one_long_line():
    text = "@article{a, title = {T}}" + " x@y(z) me@home" * 200_000 + "\n@book{b, title = {U}}\n"
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True)
    assert list(p["title"]) == ["T", "U"] and len(s) == 0


def test_many_unclosed_comment_blocks_stay_linear():
    text = "@comment(unclosed (\n" * 20000 + "@article{a, title = {After}}\n"
    p = litkit.read_text(text, format="bibtex")
    assert list(p["title"]) == ["After"]


def test_many_open_values_closed_at_the_end_stay_linear():
    text = "@article{x, title = {open\n" * 20000 + "}" * 40000 + "\n"
    p, s = litkit.read_text(text, format="bibtex", return_skipped=True)
    assert len(p) + len(s) == 20000


def test_multi_megabyte_author_field_is_bounded():
    from litkit.io.bibtex import MAX_AUTHORS
    text = ("@article{big, title = {Big}, author = {" + "A. {B}\\'e and " * 150_000 + "Z. Last}}\n"
            "@article{two, title = {Two}}\n")
    assert len(text) > 2_000_000
    p = litkit.read_text(text, format="bibtex")
    big = p.iloc[0]
    assert len(big["authors"]) == 1 and big["authors"][0] == "A. Bé"     # one name, repeated
    assert bool(big["authors_truncated"])
    assert big["extra"]["authors_not_read"] == 150_001 - MAX_AUTHORS


def test_a_ris_file_forced_into_the_bibtex_reader_says_what_it_is():
    with pytest.raises(litkit.ReadError, match="not BibTeX.*RIS"):
        litkit.read(FIXTURES / "ris" / "ieee_example.ris", format="bibtex")


def test_file_cut_in_the_middle_of_an_entry(tmp_path):
    import re
    text = (BIB / "jabref_issue97.bib").read_text(encoding="utf-8")
    cut = text[:len(text) // 2]
    starts = [t for t in re.findall(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", cut, re.M)
              if t.lower() not in {"comment", "preamble", "string"}]
    f = tmp_path / "cut.bib"
    f.write_text(cut, encoding="utf-8")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) + len(skipped) == len(starts) and len(skipped) == 1
    last_at = cut.rfind("\n@") + 2
    assert skipped["source_ref"][0] == f"{f}:{cut.count(chr(10), 0, last_at) + 1}"

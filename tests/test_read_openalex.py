"""OpenAlex works JSON (tests/fixtures/openalex/, API responses recorded by openalexPro).

Expected values were read off the JSON files by eye.
"""

import gzip
import json

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.io.openalex import abstract_from_inverted_index

OA = FIXTURES / "openalex"


def test_works_page_has_its_38_works():
    papers, skipped = litkit.read(OA / "works_page.json", return_skipped=True)
    litkit.validate(papers, unique_ids=True)
    assert len(papers) == 38 and len(skipped) == 0
    assert (papers["source"] == "openalex").all()
    assert papers["year"].notna().all() and (papers["authors"].map(len) > 0).all()
    # 8 works have abstract_inverted_index null in the file, 30 have an index
    assert papers["abstract"].notna().sum() == 30
    # every work has an OpenAlex id; 8 have no DOI and are keyed by it
    assert papers["extra"].map(lambda e: e["openalex_id"].startswith("W")).all()
    assert papers["id"].str.startswith("openalex:W").sum() == 8


def test_glove_record():
    p = litkit.read(OA / "works_page.json").iloc[0]
    assert p["title"] == "Glove: Global Vectors for Word Representation"
    assert p["doi"] == "10.3115/v1/d14-1162" and p["id"] == "doi:10.3115/v1/d14-1162"
    assert p["authors"] == ["Jeffrey Pennington", "Richard Socher", "Christopher D. Manning"]
    assert p["affiliations"] == ["Stanford University"]
    assert p["extra"]["orcids"] == [None, "0000-0002-3577-639X", "0000-0001-6155-649X"]
    assert p["extra"]["author_ids"] == ["A5010225522", "A5059955534", "A5046006076"]
    assert p["extra"]["author_affiliations"] == [["Stanford University"], [], ["Stanford University"]]
    assert p["extra"]["openalex_id"] == "W2250539671"
    assert p["extra"]["type"] == "article" and p["extra"]["is_retracted"] is False
    assert p["extra"]["open_access"]["oa_status"] == "closed"
    assert p["year"] == 2014 and p["date"] == pd.Timestamp("2014-01-01")
    assert p["citations"] == 32760
    # primary_location.source is null: the raw source name is the venue
    assert p["venue"] == ("Proceedings of the 2014 Conference on Empirical Methods in Natural "
                          "Language Processing (EMNLP)")
    assert p["categories"][:2] == ["Topic Modeling", "Natural Language Processing Techniques"]
    assert p["keywords"][:3] == ["Computer science", "Representation (politics)", "Word (group theory)"]
    assert p["abstract"].startswith("Recent methods for learning vector space representations of "
                                    "words have succeeded in capturing fine-grained semantic")
    assert p["source_ref"].endswith("works_page.json#1")


def test_arxiv_preprint_gets_its_arxiv_id():
    papers = litkit.read(OA / "works_page.json")
    gnmt = papers[papers["doi"] == "10.48550/arxiv.1609.08144"].iloc[0]
    assert gnmt["arxiv_id"] == "1609.08144"
    assert gnmt["venue"] == "arXiv (Cornell University)"
    assert gnmt["citations"] == 5625 and len(gnmt["authors"]) == 31
    assert gnmt["authors"][14] == "Łukasz Kaiser"
    assert gnmt["extra"]["type"] == "preprint"


def test_work_without_title_is_kept():
    # BERT's record has "title": "" in OpenAlex; it is still a paper with DOI and authors
    papers = litkit.read(OA / "works_page.json")
    bert = papers[papers["doi"] == "10.18653/v1/n19-1423"].iloc[0]
    assert pd.isna(bert["title"])
    assert bert["authors"] == ["Jacob Devlin", "Ming‐Wei Chang", "Kenton Lee", "Kristina Toutanova"]


def test_url_source_name_is_not_a_venue():
    # PageRank: no DOI, raw_source_name is a URL of a .ps file; another location names the venue
    papers = litkit.read(OA / "works_page.json")
    pr = papers[papers["title"].str.startswith("The PageRank Citation Ranking", na=False)].iloc[0]
    assert pr["id"] == "openalex:W1854214752"
    assert not pr["venue"].startswith("http")


def test_small_page():
    papers = litkit.read(OA / "works_small_page.json")
    assert len(papers) == 5
    assert papers["title"].iloc[2] == "Bibliometric Data Fusion for Biomedical Information Retrieval"
    assert papers["venue"].tolist()[3:] == ["Scientometrics", "Scientometrics"]
    assert papers["year"].tolist() == [2022, 2022, 2023, 2025, 2025]


def test_single_work_object():
    papers = litkit.read(OA / "single_work.json")
    assert len(papers) == 1
    p = papers.iloc[0]
    assert p["title"] == "Biodiversity hotspots for conservation priorities"
    assert p["authors"] == ["Norman Myers", "Russell A. Mittermeier", "Cristina G. Mittermeier",
                            "Gustavo A. B. da Fonseca", "Jennifer Kent"]
    assert p["venue"] == "Nature" and p["doi"] == "10.1038/35002501"
    assert p["year"] == 2000 and p["date"] == pd.Timestamp("2000-02-01")
    assert p["citations"] == 30625
    assert pd.isna(p["abstract"])                 # abstract_inverted_index is null
    assert p["categories"][0] == "Species Distribution and Climate Change"
    assert p["extra"]["field"] == "Environmental Science"
    assert p["source_ref"].endswith("single_work.json#1")


def test_plain_list_and_json_lines_of_works(tmp_path):
    works = json.loads((OA / "works_small_page.json").read_text())["results"]
    as_list = tmp_path / "works.json"
    as_list.write_text(json.dumps(works))
    lines = tmp_path / "works.jsonl.gz"
    with gzip.open(lines, "wt", encoding="utf-8") as fh:
        for w in works:
            fh.write(json.dumps(w) + "\n")
    a, b = litkit.read(as_list), litkit.read(lines)
    page = litkit.read(OA / "works_small_page.json")
    for df in (a, b):
        assert df["title"].tolist() == page["title"].tolist()
        assert df["authors"].tolist() == page["authors"].tolist()
        assert (df["source"] == "openalex").all()
    assert b["source_ref"].iloc[4] == f"{lines}:5"


def test_bad_line_in_json_lines_is_skipped(tmp_path):
    works = json.loads((OA / "works_small_page.json").read_text())["results"]
    f = tmp_path / "works.jsonl"
    rows = [json.dumps(w) for w in works]
    rows[2] = rows[2][:500]
    f.write_text("\n".join(rows) + "\n")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 4 and skipped["source_ref"].tolist() == [f"{f}:3"]
    assert "not valid JSON" in skipped["reason"][0]


def test_abstract_from_inverted_index():
    assert abstract_from_inverted_index({"world": [1], "Hello": [0], "again": [3], "hello": [2]}) \
        == "Hello world hello again"
    assert abstract_from_inverted_index(None) is None
    assert abstract_from_inverted_index({}) is None
    # a huge position is not a reason to allocate a huge list
    assert abstract_from_inverted_index({"a": [0], "b": [10**12]}) == "a b"
    assert abstract_from_inverted_index({"a": "0", "b": [True, 1]}) == "b"


def test_api_error_response_is_reported(tmp_path):
    f = tmp_path / "err.json"
    f.write_text('{"error": "Invalid query parameters error.", '
                 '"message": "filter is not a valid field. see https://api.openalex.org/works"}')
    papers, skipped = litkit.read(f, format="openalex", return_skipped=True)
    assert len(papers) == 0
    assert skipped["reason"][0].startswith("OpenAlex API error: filter is not a valid field")


def test_truncated_page_is_a_read_error_with_line(tmp_path):
    f = tmp_path / "cut.json"
    f.write_bytes((OA / "works_small_page.json").read_bytes()[:20000])
    with pytest.raises(litkit.ReadError, match=r"cut\.json:\d+: the JSON is malformed"):
        litkit.read(f)


def test_openalex_does_not_claim_other_json():
    from litkit.io import _base, openalex
    for path in list((FIXTURES / "semanticscholar").glob("*.json")) \
            + list((FIXTURES / "csl-json").glob("*.json")) + [FIXTURES / "arxiv" / "oai_snapshot_200.jsonl"]:
        assert openalex.sniff(_base.load(path)) == 0, path
    with pytest.raises(litkit.ReadError, match="not OpenAlex"):
        litkit.read(FIXTURES / "arxiv" / "oai_snapshot_200.jsonl", format="openalex")


def test_other_openalex_entities_are_not_works(tmp_path):
    work = json.loads((OA / "single_work.json").read_text())
    author = work["authorships"][0]["author"]            # {"id": ".../A…", "display_name": …}
    f = tmp_path / "mixed.json"
    f.write_text(json.dumps({"meta": {"count": 2}, "results": [work, author]}))
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 1 and skipped["source_ref"].tolist() == [f"{f}#2"]
    assert skipped["reason"][0].startswith("an OpenAlex author (A")

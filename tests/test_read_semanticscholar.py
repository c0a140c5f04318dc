"""Semantic Scholar JSON reader. Expected values were read by eye from
tests/fixtures/semanticscholar (a graph search page and an author with papers)."""

import json

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.io import load, semanticscholar

SEARCH = FIXTURES / "semanticscholar" / "graph_search.json"
AUTHOR = FIXTURES / "semanticscholar" / "author_papers.json"


def test_counts_and_schema():
    for path, n in ((SEARCH, 100), (AUTHOR, 60)):
        papers, skipped = litkit.read(path, return_skipped=True)
        assert len(papers) == n and len(skipped) == 0
        litkit.validate(papers, unique_ids=True)
        assert (papers["source"] == "semanticscholar").all()
        assert papers["title"].notna().all()


def test_search_page_has_ids_and_titles_only():
    papers = litkit.read(SEARCH)
    first = papers.iloc[0]
    assert first["title"] == "Kokkos 3: Programming Model Extensions for the Exascale Era"
    assert first["extra"]["s2_paper_id"] == "b4b29fdf319a91e400e16361b5f004e709d0ff32"
    assert first["id"] == "s2:b4b29fdf319a91e400e16361b5f004e709d0ff32"
    assert first["source_ref"] == f"{SEARCH}#1"
    assert papers.iloc[-1]["title"] == "Design for U.S. exascale computer takes shape."
    assert papers["authors"].map(len).eq(0).all() and papers["year"].isna().all()


def test_author_papers():
    papers = litkit.read(AUTHOR)
    first = papers.iloc[0]
    assert first["title"] == "Dystopian or Utopian? Two Images of Alan Turing"
    assert first["authors"] == ["A. Turing"] and first["year"] == 2022
    assert first["abstract"].startswith("Turing made intriguing statements about the future of "
                                        "arti\ufb01cial intelligence (AI) in society.")
    assert first["categories"] == ["Art"] and first["citations"] == 0
    assert pd.isna(first["doi"]) and pd.isna(first["venue"])     # venue "" and journal null
    second = papers.iloc[1]
    assert second["title"] == "Systems of Logic Based on Ordinals"
    assert second["doi"] == "10.1016/b978-044450423-4/50007-3"
    assert second["year"] == 2012 and str(second["date"].date()) == "2012-12-31"
    assert second["venue"] == "Alan Turing's Systems of Logic" and second["citations"] == 328
    assert second["categories"] == ["Computer Science", "Mathematics"]
    assert pd.isna(second["abstract"])
    e = second["extra"]
    assert e["open_access_pdf"].startswith("https://pure.mpg.de/pubman/item/item_2403325_2/")
    assert e["s2_paper_id"] == "947efa54175145240c1a33f62321f23db43571e7"
    assert e["external_ids"] == {"DBLP": "phd/Turing38", "MAG": "1970654545"}
    assert second["url"] == ("https://www.semanticscholar.org/paper/"
                             "947efa54175145240c1a33f62321f23db43571e7")


def test_single_paper_plain_list_with_null_and_json_lines(tmp_path):
    data = json.loads(AUTHOR.read_text())["papers"]
    single = tmp_path / "paper.json"
    single.write_text(json.dumps(data[1]))
    one = litkit.read(single)
    assert len(one) == 1 and one["title"][0] == "Systems of Logic Based on Ordinals"

    batch = tmp_path / "batch.json"                 # /paper/batch answers null for unknown ids
    batch.write_text(json.dumps([data[0], None, data[1]]))
    papers, skipped = litkit.read(batch, return_skipped=True)
    assert len(papers) == 2 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{batch}#2" and "null" in skipped["reason"][0]

    lines = tmp_path / "papers.jsonl"
    lines.write_text("\n".join(json.dumps(p) for p in data[:5]) + "\n{broken\n")
    papers, skipped = litkit.read(lines, return_skipped=True)
    assert len(papers) == 5 and skipped["source_ref"].tolist() == [f"{lines}:6"]


def test_arxiv_id_and_citation_page(tmp_path):
    paper = {"paperId": "abc", "title": "Attention Is All You Need",
             "externalIds": {"ArXiv": "1706.03762", "CorpusId": 13756489},
             "authors": [{"authorId": "1", "name": "Ashish Vaswani",
                          "affiliations": ["Google Brain"]}],
             "publicationDate": "2017-06-12", "year": 2017, "citationCount": 100000,
             "fieldsOfStudy": ["Computer Science"],
             "journal": {"name": "ArXiv", "volume": "abs/1706.03762"}}
    path = tmp_path / "citations.json"
    path.write_text(json.dumps({"offset": 0, "data": [{"citingPaper": paper}]}))
    r = litkit.read(path).iloc[0]
    assert r["arxiv_id"] == "1706.03762" and r["id"] == "arxiv:1706.03762"
    assert r["affiliations"] == ["Google Brain"] and r["venue"] == "ArXiv"
    assert str(r["date"].date()) == "2017-06-12"


def test_truncated_and_deeply_nested_json_are_read_errors(tmp_path):
    cut = tmp_path / "cut.json"
    cut.write_text(AUTHOR.read_text()[:5000])
    with pytest.raises(litkit.ReadError, match=r"cut\.json:1: not valid JSON.*save the API response"):
        litkit.read(cut)
    deep = tmp_path / "deep.json"
    deep.write_text('{"paperId": "x", "title": "t", "a": ' + "[" * 200000 + "]" * 200000 + "}")
    with pytest.raises(litkit.ReadError, match="deep"):
        litkit.read(deep)


def test_api_error_response_is_one_skipped_record_with_its_message(tmp_path):
    # as OpenAlex and arXiv Atom API errors (test_read_openalex, test_read_arxiv_atom)
    path = tmp_path / "error.json"
    path.write_text('{"error": "Paper with id abc not found"}')
    papers, skipped = litkit.read(path, format="semanticscholar", return_skipped=True)
    assert len(papers) == 0
    assert skipped.to_dict("records") == [
        {"source_ref": str(path), "reason": "Semantic Scholar API error: Paper with id abc not found"}]


def test_sniffer_claims_only_semantic_scholar():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            claimed = semanticscholar.sniff(load(path)) > 0
            assert claimed == (path.parent.name == "semanticscholar"), path


def test_bulk_dataset_json_lines_with_lower_case_keys(tmp_path):
    # the shape of a record of the S2 bulk "papers" dataset (lower-case keys); values made up
    rec = {"corpusid": 123, "externalids": {"ACL": None, "DOI": "10.1000/XYZ", "CorpusId": "123",
                                            "MAG": "42"},
           "url": "https://www.semanticscholar.org/paper/abc", "title": "A Dataset Paper",
           "authors": [{"authorId": "9", "name": "Ada Lovelace"}], "venue": "J. Tests",
           "year": 2021, "citationcount": 7, "s2fieldsofstudy": [{"category": "Biology",
                                                                  "source": "s2-fos-model"}],
           "publicationdate": "2021-03-04", "journal": {"name": "Journal of Tests", "volume": "3"}}
    path = tmp_path / "papers-part0.jsonl"
    path.write_text(json.dumps(rec) + "\n" + json.dumps(dict(rec, corpusid=124, externalids={},
                                                             title="Second")) + "\n")
    papers = litkit.read(path)
    assert len(papers) == 2 and (papers["source"] == "semanticscholar").all()
    r = papers.iloc[0]
    assert r["doi"] == "10.1000/xyz" and r["citations"] == 7 and r["venue"] == "Journal of Tests"
    assert r["categories"] == ["Biology"] and r["extra"]["external_ids"] == {"MAG": "42"}
    assert papers["id"][1] == "s2corpus:124"


def test_hostile_values_do_not_break_the_table(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"data": [
        {"paperId": "a", "title": "Odd", "year": 10**30, "citationCount": 1e400,
         "authors": "not a list", "fieldsOfStudy": "Physics", "externalIds": {"DOI": 5}},
        {"paperId": "b", "title": {"nested": "object"}},
        "a string", 7]}).replace("Infinity", "1e400"))
    papers, skipped = litkit.read(path, return_skipped=True)
    litkit.validate(papers)
    assert len(papers) == 2 and len(skipped) == 2
    assert pd.isna(papers["year"][0]) and pd.isna(papers["citations"][0])
    assert papers["authors"][0] == [] and papers["categories"][0] == []
    assert pd.isna(papers["title"][1])
    assert skipped["reason"].str.contains("not a paper object").all()


def test_v1_api_paper(tmp_path):
    # the shape of a paper of the retired v1 API (top-level doi/arxivId, numCitedBy, topics)
    v1 = {"paperId": "204e3073870fae3d05bcbc2f6a8e263d9b72e776", "title": "Attention is All you Need",
          "doi": "10.5555/3295222.3295349", "arxivId": "1706.03762", "year": 2017,
          "authors": [{"authorId": "40348417", "name": "Ashish Vaswani", "url": "x"}],
          "numCitedBy": 50000, "topics": [{"topic": "Transformer", "topicId": "1"}],
          "citations": [{"paperId": "c1", "title": "A citing paper"}], "venue": "NIPS"}
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(v1))
    papers = litkit.read(path)
    assert len(papers) == 1                       # the nested citing papers are not records
    r = papers.iloc[0]
    assert r["doi"] == "10.5555/3295222.3295349" and r["arxiv_id"] == "1706.03762"
    assert r["citations"] == 50000 and r["keywords"] == ["Transformer"] and r["venue"] == "NIPS"

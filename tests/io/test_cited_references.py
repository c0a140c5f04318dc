"""Readers keep the cited references the export lists: Scopus ``References`` (both layouts) in
``extra["references"]``, OpenAlex ``referenced_works`` in ``extra["referenced_works"]``; counted
against the raw files with the standard library."""

import csv
import json
import re

import litkit
from litkit.io.scopus_csv import split_references


def _raw_scopus_rows(path):
    csv.field_size_limit(10**9)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_scopus_2024_layout_one_reference_per_closing_year(fixtures):
    path = fixtures / "scopus-csv" / "scopus_fullnames.csv"
    rows = _raw_scopus_rows(path)
    col = [c.strip() for c in rows[0]].index("References")
    expected = sum(len(re.findall(r"\(\d{4}\)(?:;|\s*$)", r[col])) for r in rows[1:])
    papers = litkit.read(path)
    got = sum(len(e.get("references", [])) for e in papers["extra"])
    assert got == expected == 381
    first = papers["extra"].iloc[0]["references"]
    assert all(re.search(r"\(\d{4}\)$", r) for r in first)


def test_scopus_older_layout_splits_on_semicolons(fixtures):
    path = fixtures / "scopus-csv" / "scopus_litstudy.csv"
    rows = _raw_scopus_rows(path)
    col = [c.strip() for c in rows[0]].index("References")
    papers = litkit.read(path)
    got = [len(e.get("references", [])) for e in papers["extra"]]
    assert len(got) == len(rows) - 1
    # rows as long as the header line up with it (the others carry an extra funding column,
    # which the reader places by name); on those the counts must agree exactly
    aligned = [(i, r) for i, r in enumerate(rows[1:]) if len(r) == len(rows[0])]
    assert len(aligned) >= 2
    for i, r in aligned:
        assert got[i] == len([x for x in r[col].split("; ") if x.strip()]), i
    assert sum(got) > 2000


def test_split_references_edge_cases():
    assert split_references(None) == [] and split_references("  ") == []
    assert split_references("Only, A., (2001) J X, 1") == ["Only, A., (2001) J X, 1"]


def test_openalex_referenced_works_kept(fixtures):
    path = fixtures / "openalex" / "works_page.json"
    raw = json.loads(path.read_text(encoding="utf-8"))["results"]
    papers = litkit.read(path)
    assert len(papers) == len(raw)
    got = {p: e.get("referenced_works", []) for p, e in zip(papers["title"], papers["extra"])}
    assert sum(map(len, got.values())) == sum(len(w.get("referenced_works") or []) for w in raw) == 1078
    refs = litkit.references(papers)
    assert len(refs) == 1078 and refs["key"].str.startswith("openalex:W").all()

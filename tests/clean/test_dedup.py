"""Deduplication: invariants, the merged record, overrides, and cases of real exports checked by
eye in the raw files."""

import pandas as pd
import pytest

import litkit
import litkit.data
from litkit.clean import deduplicate
from litkit.schema import from_records


@pytest.fixture(scope="module")
def sample():
    return litkit.read(litkit.data.ARXIV_SAMPLE)


# --- deduplication: invariants and merging -------------------------------------------------

def test_distinct_arxiv_papers_are_never_merged(sample):
    """The 3,126 sample papers are distinct arXiv papers; even without their ids, none merge."""
    no_ids = sample.assign(arxiv_id=pd.Series([None] * len(sample), dtype="string"),
                           doi=pd.Series([None] * len(sample), dtype="string"))
    out, audit = deduplicate(no_ids)
    assert len(audit) == 0 and len(out) == len(sample)


def test_identical_exports_merge_by_id_and_keep_provenance(sample):
    part = sample.iloc[:200]
    both = pd.concat([part, part.assign(source_ref=part["source_ref"] + "(copy)")],
                     ignore_index=True)
    before = both.copy(deep=True)
    out, audit = deduplicate(both)
    pd.testing.assert_frame_equal(both, before)                    # input not mutated
    assert len(out) + len(audit) == len(both)
    assert len(out) == 200 and (audit["rule"] == "arxiv").all()
    assert out["id"].tolist() == part["id"].tolist()               # order of first appearance
    litkit.validate(out, unique_ids=True)
    refs = out["extra"].iloc[0]["source_refs"]
    assert refs == [part["source_ref"].iloc[0], part["source_ref"].iloc[0] + "(copy)"]
    assert set(audit["removed_source_ref"]) == set(part["source_ref"] + "(copy)")


def _rec(**kw):
    base = {"source": "test", "extra": {}}
    base.update(kw)
    base.setdefault("id", "test:" + base["source_ref"])
    return base


def test_merged_record_keeps_the_best_of_each_field():
    papers = from_records([
        _rec(id="scopus:1", title="DEEP LEARNING FOR GRAPHS", authors=["Smith J."], year=2020,
             keywords=["graphs", "GNN"], citations=12, affiliations=["MIT"],
             source="scopus-csv", source_ref="s.csv:2", doi="10.1/abc"),
        _rec(id="wos:1", title="Deep learning for graphs", abstract="We study graphs.",
             authors=["Smith, John", "Doe, Jane"], year=2020, keywords=["gnn", "deep learning"],
             citations=30, affiliations=["Stanford"], source="wos", source_ref="w.txt:10",
             doi="10.1/ABC".lower(), extra={"wos_id": "WOS:1"}),
        _rec(id="x:1", title="Deep Learning for Graphs.", abstract="We study graphs. Longer.",
             authors=["John Smith"], authors_truncated=True, year=2021, source="listing",
             source_ref="l.txt:3", venue="NeurIPS"),
    ])
    out, audit = deduplicate(papers)
    assert len(out) == 1 and len(audit) == 2
    m = out.iloc[0]
    assert m["id"] == "doi:10.1/abc" or m["id"] in {"scopus:1", "wos:1"}
    assert m["abstract"] == "We study graphs. Longer."            # the longest abstract
    assert m["authors"] == ["Smith, John", "Doe, Jane"]              # the complete, longest list
    assert m["title"] == "Deep learning for graphs"                  # not the capitals
    assert m["keywords"] == ["graphs", "GNN", "deep learning"] or \
        m["keywords"] == ["gnn", "deep learning", "graphs"]
    assert set(m["affiliations"]) == {"MIT", "Stanford"}
    assert m["citations"] == 30 and m["venue"] == "NeurIPS"
    assert m["extra"]["wos_id"] == "WOS:1"
    assert sorted(m["extra"]["source_refs"]) == ["l.txt:3", "s.csv:2", "w.txt:10"]
    rules = dict(zip(audit["removed_source_ref"], audit["rule"]))
    assert rules.get("l.txt:3") == "title"
    row = audit[audit["removed_source_ref"] == "l.txt:3"].iloc[0]
    assert "abstract" in row["fields"] and "venue" in row["fields"]


def test_title_matching_respects_years_authors_dois_and_corrections():
    papers = from_records([
        _rec(title="Graph neural networks in practice", authors=["A. Kumar"], year=2019,
             source_ref="a:1"),
        _rec(title="Graph Neural Networks in Practice", authors=["Kumar, A."], year=2023,
             source_ref="a:2"),                                          # 4 years apart
        _rec(title="Graph neural networks in practice", authors=["B. Other"], year=2019,
             source_ref="a:3"),                                          # another first author
        _rec(title="Scaling laws for sparse models", authors=["Lee K."], year=2022,
             doi="10.5/conf", source_ref="b:1"),
        _rec(title="Scaling Laws for Sparse Models", authors=["Kim Lee"], year=2022,
             doi="10.5/journal", source_ref="b:2"),                      # different DOIs
        _rec(title="Correction to: Robust estimation of sparse graphs", authors=["Ng A."],
             year=2021, source_ref="c:1"),
        _rec(title="Robust estimation of sparse graphs", authors=["Ng A."], year=2021,
             source_ref="c:2"),
        _rec(title="Optimal transport on manifolds, Part II", authors=["Ng A."], year=2021,
             source_ref="d:1"),
        _rec(title="Optimal transport on manifolds, Part III", authors=["Ng A."], year=2021,
             source_ref="d:2"),
    ])
    out, audit = deduplicate(papers)
    assert len(audit) == 0 and len(out) == len(papers)


def test_overrides_separate_and_merge(sample):
    a = sample.iloc[[0]]
    b = a.assign(source_ref="other.ris#1", id="ris:1", arxiv_id=pd.Series([None], dtype="string"))
    c = sample.iloc[[1]]
    papers = pd.concat([a, b, c], ignore_index=True)
    out, audit = deduplicate(papers)
    assert len(out) == 2 and audit["rule"].tolist() == ["title"]
    sep = pd.DataFrame({"a": ["other.ris#1"], "b": [a["source_ref"].iloc[0]], "action": ["separate"]})
    out, audit = deduplicate(papers, overrides=sep)
    assert len(out) == 3 and len(audit) == 0
    force = pd.DataFrame({"a": [c["id"].iloc[0]], "b": ["ris:1"], "action": ["merge"]})
    out, audit = deduplicate(papers, overrides=force)
    # ris:1 now belongs with paper c, whose arXiv id differs from a's: a stays apart
    assert len(out) == 2 and audit["rule"].tolist() == ["override"]
    assert audit["removed_id"].tolist() == ["ris:1"] and out["id"].tolist() == papers["id"].iloc[[0, 2]].tolist()
    with pytest.raises(ValueError, match="matches no record"):
        deduplicate(papers, overrides=[("nope.bib#3", "ris:1", "separate")])


# --- deduplication on real exports (cases checked by eye in the raw files) ---------------------

@pytest.fixture
def real(fixtures):
    files = ["bibtex/jabref_issue97.bib", "bibtex/mendeley_webpage.bib", "bibtex/user_issue873.bib",
             "scopus-csv/scopus_litstudy.csv", "wos/wos_tabdelimited.txt"]
    return litkit.read([fixtures / f for f in files])


def _row(papers, ref_end):
    hit = papers[papers["source_ref"].str.endswith(ref_end)]
    assert len(hit) == 1, ref_end
    return hit.iloc[0]


def test_real_exports_true_duplicates_found(real):
    out, audit = deduplicate(real)
    assert len(out) + len(audit) == len(real)
    rules = dict(zip(audit["removed_source_ref"].map(lambda r: r.split("fixtures/")[1]),
                     audit["rule"]))
    # user library (issue 873): Kowalski's paper twice ("JACM" / "Journal of the Association for
    # Computing Machinery"), and "Why AM and Eurisko appear to work" with and without a year
    kowalski = real[real["title"].str.lower() == "a proof procedure using connection graphs"]
    assert len(kowalski) == 2
    assert set(kowalski["source_ref"]) & set(audit["removed_source_ref"])
    assert sum(r.startswith("bibtex/mendeley_webpage.bib") and v == "doi"
               for r, v in rules.items()) == 4
    # a DOI shared by two different papers (a Mendeley data error) is merged, as DOIs are
    # trusted, but the audit says the titles differ so that an override can separate them
    bad = audit[audit["detail"].str.contains("titles differ")]
    assert len(bad) == 1 and bad["score"].iloc[0] < 0.5


def test_real_exports_lookalikes_stay_apart(real):
    out, audit = deduplicate(real)
    removed = set(audit["removed_source_ref"])
    kept_or_removed = lambda t: real[real["title"].str.startswith(t, na=False)]  # noqa: E731
    # four LNCS proceedings volumes with one title (volumes 6016-6019 LNCS, parts 1-4)
    iccsa = kept_or_removed("Computational Science and Its Applications - ICCSA 2010")
    assert len(iccsa) == 4 and not set(iccsa["source_ref"]) & removed
    # three corrections of one paper, in volumes 4, 6 and 9 (Web of Science "Correction")
    ble = kept_or_removed("Is Bluetooth Low Energy feasible")
    assert len(ble) == 3 and not set(ble["source_ref"]) & removed
    # "Point Defects ... (II)" is the second part, not the first one's duplicate
    parts = kept_or_removed("Point Defects and Transport of Matter")
    assert len(parts) == 2 and not set(parts["source_ref"]) & removed
    # nine quarterly/final reports and a conference paper: none is another's duplicate
    cuprous = real[real["title"].str.lower().str.startswith("cuprous oxide photovoltaic cells", na=False)]
    assert len(cuprous) == 9 and not set(cuprous["source_ref"]) & removed


def test_extra_user_columns_follow_the_kept_record(sample):
    part = sample.iloc[:3].assign(file="a")
    both = pd.concat([part, part.assign(file="b", source_ref=part["source_ref"] + "#2")],
                     ignore_index=True)
    out, audit = deduplicate(both)
    assert len(out) == 3 and out["file"].tolist() == ["a", "a", "a"]

"""The authorship table: keys refined in the corpus, ORCIDs, aliases, per-author affiliations."""

import pandas as pd

import litkit
import litkit.data
from litkit.names import author_key, authorships
from litkit.schema import from_records


def test_authorships_on_arxiv_sample():
    papers = litkit.read(litkit.data.ARXIV_SAMPLE)
    before = papers.copy(deep=True)
    a = authorships(papers)
    pd.testing.assert_frame_equal(papers, before)              # input not mutated
    assert len(a) == papers["authors"].map(len).sum()
    assert list(a.columns) == ["id", "position", "n_authors", "name", "key", "orcid",
                               "affiliation", "truncated", "is_first", "is_last", "ambiguous"]
    assert str(a["position"].dtype) == "Int64" and str(a["is_last"].dtype) == "boolean"
    assert a["key"].notna().all()
    assert (a.groupby("id")["is_first"].sum() == 1).all()
    first = papers.iloc[0]
    rows = a[a["id"] == first["id"]]
    assert rows["name"].tolist() == first["authors"]
    assert rows["position"].tolist() == list(range(1, len(first["authors"]) + 1))
    # "wang, y" covers many different first names in this corpus: split by first name,
    # and the initial-only "Y. Wang" of arXiv:2503.15321 is shown as ambiguous
    assert "wang, y" not in set(a.loc[~a["ambiguous"], "key"])
    assert {"wang, yifan", "wang, yang"} <= set(a["key"])
    amb = a[a["ambiguous"]]
    assert "Y. Wang" in set(amb["name"]) and set(amb["key"]) >= {"wang, y"}
    # a name not shared keeps the plain key, with initial or full name alike
    assert author_key("Katherine L. Bouman") in set(a["key"])
    # teams are one author each
    assert "aether team" in set(a["key"])


def test_authorships_truncated_orcid_affiliation_and_aliases():
    papers = from_records([
        {"id": "p1", "authors": ["Aviral Kumar", "Vincent Zhuang", "Rishabh Agarwal"],
         "authors_truncated": True, "affiliations": ["Google DeepMind"]},
        {"id": "p2", "authors": ["Agarwal, R.", "Smith, J"], "affiliations": ["A", "B"],
         "extra": {"orcids": [None, "0000-0001-2345-6789"],
                   "author_affiliations": [["Mila", "Google"], ["Oxford"]]}},
        {"id": "p3", "authors": ["John Smith", "James Smith", "J. Smith"]},
    ])
    a = authorships(papers)
    p1 = a[a["id"] == "p1"]
    assert p1["truncated"].all() and p1["is_last"].isna().all()
    assert (p1["affiliation"] == "Google DeepMind").all()          # the only affiliation listed
    p2 = a[a["id"] == "p2"]
    assert p2["affiliation"].tolist() == ["Mila; Google", "Oxford"]
    assert p2["is_last"].tolist() == [False, True]
    assert p2["key"].tolist()[1] == "orcid:0000-0001-2345-6789"
    assert p2["key"].tolist()[0] == a.loc[(a["id"] == "p1") & (a["position"] == 3), "key"].item()
    p3 = a[a["id"] == "p3"]
    # "smith, j" has two full first names: John and James are split, J. Smith is ambiguous
    # (the ORCID was seen on "Smith, J", whose key is now ambiguous: not carried over)
    assert p3["key"].tolist() == ["smith, john", "smith, james", "smith, j"]
    assert p3["ambiguous"].tolist() == [False, False, True]
    fixed = authorships(papers, aliases=pd.DataFrame({"alias": ["J. Smith"], "key": ["smith, john"]}))
    assert fixed.loc[fixed["name"] == "J. Smith", "key"].item() == "smith, john"
    assert not fixed["ambiguous"].any()


# --- per-author affiliations: the one shape (issue 10 item 14, issue 13 item 1) ---------------

def test_authorships_read_the_one_affiliation_shape():
    """``extra["author_affiliations"]``: aligned with ``authors``, each item a list of str."""
    papers = from_records([
        {"id": "p1", "authors": ["Ann Wang", "Bo Li", "Cy Park"], "affiliations": ["MIT", "ETH"],
         "extra": {"author_affiliations": [["MIT"], [], ["ETH", " MIT "]]}},
        # another shape (a list of str, of dicts) or another length is not read: the paper's
        # only affiliation, or nothing, as without the list
        {"id": "p2", "authors": ["Dan Roe", "Eve Fox"], "affiliations": ["Oxford"],
         "extra": {"author_affiliations": ["Oxford", "Cambridge"]}},
        {"id": "p3", "authors": ["Fay Ng", "Gil Ho"], "affiliations": ["A", "B"],
         "extra": {"author_affiliations": [{"authors": ["Fay Ng"], "address": "A"}]}},
        {"id": "p4", "authors": ["Hal Xu"], "affiliations": ["Delft"],
         "extra": {"author_affiliations": [["Delft"], ["Leiden"]]}},
    ])
    a = authorships(papers).set_index(["id", "position"])["affiliation"]
    assert a.loc[("p1", 1)] == "MIT" and pd.isna(a.loc[("p1", 2)])       # the source gave none
    assert a.loc[("p1", 3)] == "ETH; MIT"
    assert a.loc["p2"].tolist() == ["Oxford", "Oxford"]
    assert a.loc["p3"].isna().all()
    assert a.loc["p4"].tolist() == ["Delft"]


def test_merged_records_keep_affiliations_aligned_with_their_authors():
    """When deduplication keeps one record's author list, the per-author lists come with it
    (or from a record naming the same authors in the same order), never from another list."""
    from litkit.clean import deduplicate
    title = "Affiliation pairing across two exports of one paper"
    papers = from_records([
        {"id": "s", "title": title, "authors": ["Wang A.", "Li B."], "year": 2020, "doi": "10.1/x",
         "source": "scopus-csv", "source_ref": "s:1"},
        {"id": "w", "title": title, "authors": ["Wang, Ann", "Li, Bo", "Park, Cy"], "year": 2020,
         "source": "wos", "source_ref": "w:1", "doi": "10.1/x",
         "extra": {"author_affiliations": [["MIT"], ["ETH"], ["KAIST"]],
                   "orcids": [None, None, "0000-0001-2345-6789"]}},
        {"id": "i", "title": title, "authors": ["Ann Wang", "Bo Li"], "year": 2020,
         "source": "ieee-csv", "source_ref": "i:1", "doi": "10.1/x",
         "extra": {"author_affiliations": [["Harvard"], ["Zurich"]]}},
    ])
    out, audit = deduplicate(papers)
    assert len(out) == 1
    m = out.iloc[0]
    assert m["authors"] == ["Wang, Ann", "Li, Bo", "Park, Cy"]
    assert m["extra"]["author_affiliations"] == [["MIT"], ["ETH"], ["KAIST"]]
    a = authorships(out)
    assert a["affiliation"].tolist() == ["MIT", "ETH", "KAIST"]
    assert a["key"].tolist()[2] == "orcid:0000-0001-2345-6789"
    # two records naming the same authors in the same order: the list comes from either
    two = papers.iloc[[0, 2]].reset_index(drop=True)
    out, _ = deduplicate(two)
    assert out["extra"].iloc[0]["author_affiliations"] == [["Harvard"], ["Zurich"]]

"""litkit.authors: productivity, Lotka, co-author graph, collaboration, affiliations, topics."""

import math
import string

import numpy as np
import pandas as pd
import pytest
from scipy import special

import litkit
from conftest import DATA, FIXTURES
from litkit.authors import authors_per_paper, graph_nodes
from litkit.schema import from_records

A, B, C, D, E = "Ann Lee", "Bob Ray", "Cid Moe", "Dan Fox", "Eve Kim"


def _papers(rows):
    return from_records([{"id": f"t:{i}", "title": f"paper {i}", "source": "test", **r}
                         for i, r in enumerate(rows)])


@pytest.fixture
def small():
    return _papers([
        {"authors": [A, B, C], "year": 2020, "affiliations": ["MIT", "mit ", "Stanford"],
         "extra": {"orgs": ["deepmind"]}},
        {"authors": [A, B], "year": 2021, "affiliations": ["MIT"]},
        {"authors": [B, D], "year": 2022, "authors_truncated": True,
         "extra": {"orgs": ["deepmind", "oxford"]}},
        {"authors": [E], "year": 2022},
        {"authors": [A], "year": 2023, "authors_truncated": True},    # "Ann Lee et al."
    ])


@pytest.fixture(scope="module")
def sample():
    return litkit.read(DATA / "arxiv-sample.jsonl.gz")


@pytest.fixture(scope="module")
def sample_authorships(sample):
    return litkit.authorships(sample)


def test_author_stats_by_hand(small):
    before = small.copy(deep=True)
    s = litkit.author_stats(small).set_index("key")
    pd.testing.assert_frame_equal(small, before)
    assert list(s.index) == ["lee, a", "ray, b", "fox, d", "kim, e", "moe, c"]   # papers, then key
    assert s.loc["lee, a", "name"] == A
    cols = ["papers", "first_author", "last_author", "solo", "first_year", "last_year", "coauthors",
            "truncated_papers"]
    assert s.loc["lee, a", cols].tolist() == [3, 3, 0, 0, 2020, 2023, 2, 1]
    # Bob: first on the truncated paper; last on paper 1; on the truncated paper he is not "last"
    assert s.loc["ray, b", cols].tolist() == [3, 1, 1, 0, 2020, 2022, 3, 1]
    assert s.loc["moe, c", cols].tolist() == [1, 0, 1, 0, 2020, 2020, 2, 0]
    assert s.loc["fox, d", cols].tolist() == [1, 0, 0, 0, 2022, 2022, 1, 1]
    assert s.loc["kim, e", cols].tolist() == [1, 0, 0, 1, 2022, 2022, 0, 0]
    assert str(s["papers"].dtype) == "Int64"


def test_author_stats_with_topic_labels_and_profiles(small):
    labels = pd.Series([1, 1, 2, 2, np.nan], index=small.index)
    s = litkit.author_stats(small, labels).set_index("key")
    assert s.loc["ray, b", ["topics", "main_topic", "main_topic_papers"]].tolist() == [2, 1, 2]
    assert s.loc["lee, a", ["topics", "main_topic", "main_topic_papers"]].tolist() == [1, 1, 2]
    prof = litkit.author_topic_profiles(small, labels)
    bob = prof[prof["key"] == "ray, b"]
    assert bob[["topic", "papers"]].values.tolist() == [[1, 2], [2, 1]]
    assert np.allclose(bob["share"].astype(float), [2 / 3, 1 / 3])
    ann = prof[prof["key"] == "lee, a"]                       # her unlabelled paper is left out
    assert ann[["topic", "papers", "author_papers"]].values.tolist() == [[1, 2, 2]]
    assert prof["key"].iloc[0] in ("lee, a", "ray, b")


def test_coauthor_graph_degrees_by_hand(small):
    G = litkit.coauthor_graph(small)
    assert sorted(G.nodes) == ["fox, d", "kim, e", "lee, a", "moe, c", "ray, b"]
    assert G["lee, a"]["ray, b"]["weight"] == 2
    assert {frozenset(e) for e in G.edges} == {frozenset(p) for p in [
        ("lee, a", "ray, b"), ("lee, a", "moe, c"), ("ray, b", "moe, c"), ("ray, b", "fox, d")]}
    deg = {v: G.nodes[v]["degree"] for v in G}
    assert deg == {"lee, a": 2, "ray, b": 3, "moe, c": 2, "fox, d": 1, "kim, e": 0}
    assert G.nodes["ray, b"]["strength"] == 4 and G.nodes["lee, a"]["strength"] == 3
    assert G.nodes["lee, a"]["papers"] == 3 and G.nodes["lee, a"]["name"] == A
    # Bob is on the only shortest paths fox-lee and fox-moe; networkx normalises by (n-1)(n-2)/2 pairs
    assert G.nodes["ray, b"]["betweenness"] == pytest.approx(2 / ((5 - 1) * (5 - 2) / 2))
    assert G.nodes["lee, a"]["betweenness"] == 0 and G.graph["betweenness"] == "exact"
    assert G.nodes["ray, b"]["degree_centrality"] == pytest.approx(3 / 4)
    comm = {v: G.nodes[v]["community"] for v in G}
    assert comm["kim, e"] != comm["lee, a"]                  # an isolated author is alone
    assert {v: c for v, c in litkit.coauthor_graph(small).nodes(data="community")} == comm
    heavy = litkit.coauthor_graph(small, min_weight=2)
    assert heavy.number_of_nodes() == 5 and list(heavy.edges) == [("lee, a", "ray, b")]
    capped = litkit.coauthor_graph(small, max_authors=2)
    assert capped.graph["papers_without_edges"] == ["t:0"]
    assert capped["lee, a"]["ray, b"]["weight"] == 1 and not capped.has_edge("lee, a", "moe, c")
    assert graph_nodes(G)["key"].tolist()[0] == "ray, b"


def test_collaboration_stats_by_hand(small):
    c = litkit.collaboration_stats(small).iloc[0]
    assert c["period"] == "all" and c["papers"] == 5 and c["authorships"] == 9
    assert c["mean_authors"] == pytest.approx(1.8) and c["median_authors"] == 2 and c["max_authors"] == 3
    # "Ann Lee et al." is not single-authored: only paper 3 is
    assert c["single_author"] == 1 and c["truncated_papers"] == 2
    assert c["multi_author_share"] == pytest.approx(4 / 5)
    assert c["collaboration_index"] == pytest.approx((3 + 2 + 2 + 1) / 4)
    per = litkit.collaboration_stats(small, "year")
    assert per["period"].tolist() == ["2020", "2021", "2022", "2023"]
    assert per["papers"].tolist() == [1, 1, 2, 1]
    d = authors_per_paper(small)
    assert d[["n_authors", "papers", "truncated"]].values.tolist() == [[1, 2, 1], [2, 2, 1], [3, 1, 0]]


def test_affiliation_and_org_counts(small):
    t = litkit.affiliation_counts(small)
    assert t[["kind", "name", "papers"]].values.tolist() == [
        ["affiliation", "MIT", 2], ["affiliation", "Stanford", 1],
        ["org", "deepmind", 2], ["org", "oxford", 1]]
    assert t.attrs["papers_with"] == {"affiliation": 2, "org": 2}
    listing = litkit.read(FIXTURES / "listing" / "researcher-profile.txt")
    orgs = litkit.affiliation_counts(listing).set_index("name")["papers"].to_dict()
    # counted by eye in the file: "· oxford" x3, "deepmind" x2, "mila" x2, "amazon-science, baidu" x1
    assert orgs == {"oxford": 3, "deepmind": 2, "mila": 2, "amazon-science": 1, "baidu": 1}


def _lotka_papers(hist):
    """Solo papers such that hist[n] authors have n papers each."""
    rows, i = [], 0
    for n, count in hist.items():
        for _ in range(count):
            fam = "".join(string.ascii_lowercase[(i // 26 ** j) % 26] for j in range(3)).capitalize()
            rows += [{"authors": [f"Ann Q{fam}"], "year": 2020}] * n
            i += 1
    return _papers(rows)


def test_lotka_least_squares_exponent_on_an_exact_power_law():
    hist = {1: 100, 2: 25, 5: 4, 10: 1}                     # 100 / n**2 exactly
    p = _lotka_papers(hist)
    t = litkit.lotka(p, method="ls")
    assert t["papers"].tolist() == [1, 2, 5, 10] and t["authors"].tolist() == [100, 25, 4, 1]
    assert t.attrs["exponent"] == pytest.approx(2.0)
    assert t["exponent"].iloc[0] == pytest.approx(2.0)
    assert np.allclose(t["expected"].astype(float), [100, 25, 4, 1])
    assert t.attrs["authors"] == 130


def test_lotka_mle_solves_the_likelihood_equation():
    hist = {1: 100, 2: 25, 5: 4, 10: 1}
    t = litkit.lotka(_lotka_papers(hist))
    a = t.attrs["exponent"]
    x = np.repeat(list(hist), list(hist.values())).astype(float)
    # Clauset et al. (2009) eq. 3.5: zeta'(a) / zeta(a) = -mean(log x)
    h = 1e-6
    dlog = (math.log(special.zeta(a + h, 1)) - math.log(special.zeta(a - h, 1))) / (2 * h)
    assert dlog == pytest.approx(-np.log(x).mean(), rel=1e-5)
    # and it is the minimum of the negative log-likelihood on a grid
    grid = np.linspace(1.5, 3.5, 2001)
    nll = len(x) * np.log(special.zeta(grid, 1)) + grid * np.log(x).sum()
    assert a == pytest.approx(grid[np.argmin(nll)], abs=2e-3)
    assert float(t["expected"].sum()) < 130           # the fit spreads mass past n = 10


def test_real_sample_totals_and_one_node_per_key(sample, sample_authorships):
    a = sample_authorships
    s = litkit.author_stats(sample, authorships=a)
    plain = a.drop_duplicates(["id", "key"]).groupby("key").size()
    assert len(s) == a["key"].nunique() == len(plain)
    assert s.set_index("key")["papers"].astype(int).to_dict() == plain.to_dict()
    first = a[a["position"] == 1].drop_duplicates(["id", "key"])
    multi_first = first[first["n_authors"] > 1].groupby("key").size()
    got = s.set_index("key")["first_author"]
    assert got[got > 0].astype(int).to_dict() == multi_first.to_dict()
    G = litkit.coauthor_graph(sample, authorships=a)
    assert G.number_of_nodes() == a["key"].nunique()
    assert sum(d for _, d in G.nodes(data="papers")) == len(a.drop_duplicates(["id", "key"]))
    # the 274-author paper is counted and linked, not dropped
    big = sample[sample["authors"].map(len) == 274].iloc[0]
    keys = set(a.loc[a["id"] == big["id"], "key"])
    assert len(keys) > 250 and all(G.degree(k) >= len(keys) - 1 for k in keys)
    assert G.graph["papers_without_edges"] == []
    c = litkit.collaboration_stats(sample).iloc[0]
    assert c["authorships"] == int(sample["authors"].map(len).sum())
    assert c["max_authors"] == 274


def test_truncated_listing_says_counts_are_lower_bounds():
    listing = litkit.read(FIXTURES / "listing" / "researcher-profile.txt")
    s = litkit.author_stats(listing).set_index("name")
    has = listing["authors"].map(lambda v: "Feryal Behbahani" in v)
    assert s.loc["Feryal Behbahani", "papers"] == int(has.sum())
    assert s.loc["Feryal Behbahani", "truncated_papers"] == int((has & listing["authors_truncated"]).sum())
    assert s["truncated_papers"].sum() > 0


def test_bad_inputs_are_clear(small):
    with pytest.raises(ValueError, match="method"):
        litkit.lotka(small, method="ols")
    with pytest.raises(ValueError, match="labels"):
        litkit.author_topic_profiles(small, [1, 2])
    with pytest.raises(ValueError, match="lacks column"):
        litkit.author_stats(small, authorships=pd.DataFrame({"id": ["t:0"]}))


def test_graph_structure_is_consistent_networkx(sample, sample_authorships):
    import networkx as nx
    G = litkit.coauthor_graph(sample, authorships=sample_authorships)
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    H.add_weighted_edges_from((u, v, d["weight"]) for u, v, d in G.edges(data=True))
    assert G.number_of_edges() == H.number_of_edges()
    assert dict(G.degree()) == dict(H.degree()) == {v: d for v, d in G.nodes(data="degree")}
    u, v = next(iter(G.edges))
    assert G[u][v] is G[v][u]                           # one attribute dict per undirected edge
    G[u][v]["weight"] += 0                              # mutable like any networkx graph
    assert nx.number_connected_components(G) == nx.number_connected_components(H)


def test_authorships_in_another_order_are_matched_by_id(small):
    a = litkit.authorships(small.iloc[::-1])
    pd.testing.assert_frame_equal(litkit.author_stats(small, authorships=a), litkit.author_stats(small))
    dup = pd.concat([small, small.iloc[:1]], ignore_index=True)
    with pytest.raises(ValueError, match="not unique"):
        litkit.author_stats(dup, authorships=a)

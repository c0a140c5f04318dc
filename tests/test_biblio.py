"""Bibliometric statistics on tables small enough to compute by hand (litkit.biblio)."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import litkit
from litkit.biblio import lacks
from litkit.biblio._common import g_index, h_index
from litkit.biblio.countries import country_of
from litkit.biblio.references import citation_links, parse_reference
from litkit.biblio.summary import annual_growth
from litkit.biblio.themes import strategic_diagram
from litkit.schema import from_records


def table(rows):
    return from_records([{"id": f"p{i}", **r} for i, r in enumerate(rows)])


# --- h, g, m ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cites, h, g", [
    ([10, 8, 5, 4, 3], 4, 5),        # 5 papers: top 5 sum to 30 >= 25
    ([25, 8, 5, 3, 3], 3, 5),        # cumsum 25 33 38 41 44 vs 1 4 9 16 25
    ([3, 3, 3], 3, 3),
    ([1, 1, 1, 1], 1, 1),            # cumsum 1 2 vs 1 4
    ([0, 0], 0, 0),
    ([], 0, 0),
    ([100], 1, 1),                   # g capped at the number of papers
])
def test_h_and_g_index(cites, h, g):
    assert h_index(cites) == h
    assert g_index(cites) == g
    assert h_index(list(reversed(cites))) == h          # order does not matter


def test_impact_by_author_h_g_m_by_hand():
    # Ann: 2018:10, 2019:8, 2020:5, 2021:1 -> h 3, g 4 (cumsum 10 18 23 24 >= 1 4 9 16), first 2018
    # Bob: 2020:5 (shared with Ann), 2021:0 -> h 1, g 2 (cumsum 5 5 >= 1 4)
    t = table([
        {"authors": ["Ann Lee"], "year": 2018, "citations": 10},
        {"authors": ["Ann Lee"], "year": 2019, "citations": 8},
        {"authors": ["Ann Lee", "Bob Ray"], "year": 2020, "citations": 5},
        {"authors": ["A. Lee"], "year": 2021, "citations": 1},        # same key as "Ann Lee"
        {"authors": ["Bob Ray"], "year": 2021, "citations": 0},
    ])
    out = litkit.impact(t, by="author").set_index("author")
    assert out.loc["Ann Lee", ["papers", "citations", "h_index", "g_index", "first_year"]].tolist() \
        == [4, 24, 3, 4, 2018]
    assert out.loc["Ann Lee", "m_index"] == pytest.approx(3 / (2021 - 2018 + 1), abs=1e-3)
    assert out.loc["Bob Ray", ["papers", "citations", "h_index", "g_index"]].tolist() == [2, 5, 1, 2]
    assert out.loc["Bob Ray", "m_index"] == pytest.approx(1 / 2)
    assert list(out.index) == ["Ann Lee", "Bob Ray"]
    # as_of moves the m-index only
    later = litkit.impact(t, by="author", as_of=2027).set_index("author")
    assert later.loc["Ann Lee", "m_index"] == pytest.approx(0.3)


def test_impact_by_venue_names_and_missing_counts():
    t = table([{"venue": "Nature", "citations": 3}, {"venue": "NATURE ", "citations": None},
               {"venue": " Nature", "citations": 0},
               {"venue": "Cell", "citations": 7}])
    out = litkit.impact(t, by="venue")
    assert out["venue"].tolist() == ["Cell", "Nature"]             # h 1 each; Cell more citations
    assert out.set_index("venue").loc["Nature", "papers"] == 3     # uncounted paper still a paper
    assert litkit.impact(table([{"venue": "X"}]), by="venue").empty
    with pytest.raises(ValueError):
        litkit.impact(t, by="journal")


# --- most cited, citations by year ------------------------------------------------------------

def test_most_cited_normalised_against_same_year():
    t = table([{"year": 2020, "citations": 9}, {"year": 2020, "citations": 3},
               {"year": 2021, "citations": 0}, {"year": 2021, "citations": 0}, {"year": 2022}])
    out = litkit.most_cited(t, n=None)
    assert out["id"].tolist() == ["p0", "p1", "p2", "p3"]           # the paper without a count is out
    assert out["citations_per_year"].tolist()[:2] == [3.0, 1.0]     # 9 / (2022-2020+1)
    assert out["normalized_citations"].tolist()[:2] == [1.5, 0.5]   # mean of 2020 is 6
    assert out["normalized_citations"].isna().tolist()[2:] == [True, True]  # mean 0: undefined
    assert len(litkit.most_cited(t, n=1)) == 1


def test_citations_by_year():
    t = table([{"year": 2020, "citations": 9}, {"year": 2020, "citations": 3}, {"year": 2022, "citations": 4}])
    out = litkit.citations_by_year(t).set_index("year")
    assert out.loc[2020, ["papers", "citations", "citable_years"]].tolist() == [2, 12, 3]
    assert out.loc[2020, "mean_citations_per_year"] == 2.0
    assert out.loc[2022, "mean_citations_per_year"] == 4.0


# --- Bradford -----------------------------------------------------------------------------------

def test_bradford_zones_by_hand():
    counts = {"A": 6, "B": 3, "C": 2, "D": 1}          # 12 papers: thirds at 4 and 8
    t = table([{"venue": v} for v, k in counts.items() for _ in range(k)])
    out = litkit.bradford(t)
    assert out["venue"].tolist() == ["A", "B", "C", "D"]
    assert out["zone"].tolist() == [1, 2, 3, 3]
    assert out["cumulative"].tolist() == [6, 9, 11, 12]


def test_bradford_equal_thirds_and_ties_by_name():
    t = table([{"venue": f"J{i}"} for i in range(9)])   # nine sources of one paper each
    out = litkit.bradford(t)
    assert out["zone"].tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert out["venue"].tolist() == [f"J{i}" for i in range(9)]
    # a classic Bradford shape: 1 core journal with 10, 3 with ~3, 10 with 1
    t = table([{"venue": v} for v, k in {"Core": 10, "M1": 4, "M2": 3, "M3": 3,
                                        **{f"T{i}": 1 for i in range(10)}}.items() for _ in range(k)])
    z = litkit.bradford(t).groupby("zone")["papers"].sum()
    assert z.tolist() == [10, 10, 10]


def test_bradford_skips_missing_venues_and_empty():
    t = table([{"venue": "A"}, {}])
    assert litkit.bradford(t)["papers"].tolist() == [1]
    assert litkit.bradford(table([{}])).empty


def test_source_growth_cumulative():
    t = table([{"venue": "A", "year": 2001}, {"venue": "A", "year": 2003}, {"venue": "B", "year": 2003}])
    out = litkit.source_growth(t, n=1)
    assert out[["year", "papers"]].values.tolist() == [[2001, 1], [2002, 1], [2003, 2]]
    yearly = litkit.source_growth(t, n=2, cumulative=False)
    assert yearly.set_index(["venue", "year"]).loc[("B", 2003), "papers"] == 1


# --- keywords, themes ----------------------------------------------------------------------------

def test_keyword_counts_and_graph_weights_by_hand():
    kw = [["A", "b"], ["a", "B", "c"], ["a"], ["c", "d"]]
    t = table([{"keywords": k} for k in kw])
    counts = litkit.keyword_counts(t)
    assert counts.set_index("keyword")["papers"].to_dict() == {"a": 3, "b": 2, "c": 2, "d": 1}
    G = litkit.keyword_graph(t)
    assert G.edges["a", "b"]["weight"] == 2
    assert G.edges["a", "b"]["association"] == pytest.approx(4 / 6, abs=1e-4)
    assert G.edges["b", "c"]["weight"] == 1 and G.edges["c", "d"]["weight"] == 1
    assert not G.has_edge("a", "d")
    assert set(nx.get_node_attributes(G, "community")) == set(G.nodes)
    # only the n most frequent keywords
    assert set(litkit.keyword_graph(t, n=2).nodes) == {"a", "b"}
    assert litkit.keyword_graph(t, min_weight=2).number_of_edges() == 1


def test_keyword_counts_of_title_terms():
    t = table([{"title": "Graph neural networks"}, {"title": "The neural graph of graphs"}])
    c = litkit.keyword_counts(t, "title").set_index("keyword")["papers"]
    assert c["graph"] == 2 and c["neural"] == 2 and "the" not in c.index


def test_callon_centrality_density_and_quadrants_by_hand():
    G = nx.Graph()
    papers = {"a": 4, "b": 2, "c": 3, "d": 3, "e": 1, "f": 2, "g": 2}
    comm = {"a": 0, "b": 0, "c": 1, "d": 1, "e": 1, "f": 2, "g": 2}
    for v in papers:
        G.add_node(v, papers=papers[v], community=comm[v])
    for a, b, w in [("a", "b", 2), ("c", "d", 3), ("d", "e", 1), ("b", "c", 1), ("f", "g", 2), ("a", "f", 2)]:
        G.add_edge(a, b, weight=w)
    # e_ij = w^2 / (p_i p_j): ab 0.5, cd 1, de 1/3, bc 1/6, fg 1, af 0.5
    t, members = strategic_diagram(G)
    # themes by occurrences: {c, d, e} 7, {a, b} 6, {f, g} 4; labelled by their most frequent keyword
    assert t["label"].tolist() == ["c", "a", "f"] and t["theme"].tolist() == [0, 1, 2]
    assert members[0] == ["c", "d", "e"] and t["occurrences"].tolist() == [7, 6, 4]
    t = t.set_index("label")
    assert t.loc["a", "centrality"] == pytest.approx(1 / 6 + 0.5, abs=1e-4)    # bc + af
    assert t.loc["c", "centrality"] == pytest.approx(1 / 6, abs=1e-4)          # bc
    assert t.loc["f", "centrality"] == pytest.approx(0.5, abs=1e-4)            # af
    assert t.loc["a", "density"] == pytest.approx(100 * 0.5 / 2, abs=1e-4)
    assert t.loc["c", "density"] == pytest.approx(100 * (1 + 1 / 3) / 3, abs=1e-4)
    assert t.loc["f", "density"] == pytest.approx(100 * 1 / 2, abs=1e-4)
    # medians: centrality 0.5, density 44.4: {a, b} high centrality only, {f, g} high density only
    assert t["quadrant"].to_dict() == {"c": "emerging or declining", "a": "basic", "f": "niche"}


def test_thematic_map_size_and_motor_theme():
    # theme {x, y} dense and linked to both others; {u, v} and {s, t} weaker
    kw = [["x", "y"]] * 6 + [["u", "v"]] * 2 + [["s", "t"]] * 2 + [["x", "u"], ["y", "s"]]
    t = table([{"keywords": k} for k in kw])
    m = litkit.thematic_map(t, min_papers=1)
    assert m["n_keywords"].sum() == 6
    top = m.iloc[0]
    assert set(top["keywords"].split("; ")) == {"x", "y"}
    assert top["size"] == 8 and top["quadrant"] == "motor"
    assert set(m["quadrant"]) <= {"motor", "basic", "niche", "emerging or declining"}


def test_thematic_evolution_skips_thin_periods():
    kw = [["a", "b"]] * 40 + [["a", "c"]] * 5
    t = table([{"keywords": k, "year": 2000 if i < 40 else 2001} for i, k in enumerate(kw)])
    out = litkit.thematic_evolution(t, cuts=[2001])
    assert out.empty and out.attrs["skipped"] == ["2001-2001"]


def test_three_fields_flows():
    t = table([{"authors": ["Ann Lee"], "keywords": ["x"], "venue": "J"},
               {"authors": ["Ann Lee", "Bo Li"], "keywords": ["x"], "venue": "J"}])
    f = litkit.three_fields(t).set_index(["from", "to"])["papers"]
    assert f[("ann lee", "x")] == 2 and f[("bo li", "x")] == 1 and f[("x", "j")] == 2


# --- countries -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("Univ Tokyo, Dept Phys, Bunkyo Ku, Tokyo 1130033, Japan", "Japan"),
    ("Tsinghua Univ, Beijing 100084, Peoples R China", "China"),
    ("Univ Edinburgh, Edinburgh EH9 3JZ, Midlothian, Scotland", "United Kingdom"),
    ("IBM Res, Almaden Res Ctr, San Jose, CA 95120 USA", "United States"),
    ("Department of Physics, Harvard University, Cambridge, MA, United States", "United States"),
    ("Seoul National University, Seoul, South Korea", "South Korea"),
    ("KAIST, Daejeon, Republic of Korea.", "South Korea"),
    ("Inst. X, Moscow, Russian Federation", "Russia"),
    ("Univ Sao Paulo, Sao Paulo, SP, Brazil. author@usp.br", "Brazil"),
    ("Khalifa Univ, Abu Dhabi, U Arab Emirates", "United Arab Emirates"),
    ("Univ Montreal, Montreal, PQ H3C 3J7, Canada", "Canada"),
    ("Impact Technology Development (United States)", "United States"),
    ("Universite de Montreal", None),
    ("Georgia Institute of Technology, Atlanta, GA", "United States"),
    ("School of ECE, Georgia Institute of Technology", None),
    ("Tbilisi State University, Tbilisi, Georgia", "Georgia"),
    ("University of New Mexico", None),
    ("Oak Ridge National Laboratory,Oak Ridge,Tennessee", "United States"),
    ("Argonne National Laboratory,9700 S Cass Ave, Lemont,IL,60439", "United States"),
    ("University of Illinois at Urbana-Champaign Urbana, Illinois 61801", "United States"),
    ("Univ New Mexico, Albuquerque, NM 87131 USA", "United States"),
    ("", None),
])
def test_country_of(text, country):
    assert country_of(text) == country


def test_country_stats_single_and_multi_by_hand():
    t = table([
        {"affiliations": ["A, Tokyo, Japan", "B, Paris, France"], "citations": 4},
        {"affiliations": ["C, Osaka, Japan", "D, Kyoto, Japan"], "citations": 1},
        {"affiliations": ["E, Lyon, France"], "citations": 2},
        {"affiliations": ["Nowhere Inc"], "citations": 8},
        {"extra": {"country_codes": ["jp", "US"]}},
    ])
    s = litkit.country_stats(t).set_index("country")
    assert s.loc["Japan", ["papers", "single_country", "multi_country", "citations"]].tolist() == [3, 1, 2, 5]
    assert s.loc["France", ["papers", "single_country", "multi_country", "citations"]].tolist() == [2, 1, 1, 6]
    assert s.loc["United States", "papers"] == 1
    G = litkit.country_graph(t)
    assert G.edges["Japan", "France"]["weight"] == 1 and G.edges["Japan", "United States"]["weight"] == 1
    assert G.nodes["Japan"]["papers"] == 3
    assert litkit.impact(t, by="country").set_index("country").loc["Japan", "citations"] == 5


# --- references, local citations -----------------------------------------------------------------

def test_parse_reference_formats():
    w = parse_reference("Terris BD, 2005, J PHYS D APPL PHYS, V38, pR199, DOI 10.1088/0022-3727/38/12/R01")
    assert (w["doi"], w["year"], w["volume"], w["page"]) == ("10.1088/0022-3727/38/12/r01", 2005, "38", "R199")
    old = parse_reference("Murata T., Petri nets: properties, (1989) Proc. IEEE, 77 (4), pp. 541-580.")
    assert old["key"] == "MURATA T, 1989, PROC IEEE, 77, 541"
    new = parse_reference("Haik N.V.; Burgess A.E., Robotic systems, World Neurosurg, 195, (2025)")
    assert (new["author"], new["year"], new["volume"], new["page"]) == ("HAIK N V", 2025, "195", None)
    two = parse_reference("Lee J, 2010, NAT NANO, V5, P1, DOI [10.1038/nnano.2009.1, 10.1038/NNANO.2009.1]")
    assert two["doi"] == "10.1038/nnano.2009.1"


def test_references_from_every_kind_one_row_each():
    t = table([
        {"extra": {"references": ["X Y, 2001, J, V1, P2", "X  Y, 2001, J, V1, P2", "Q R, 1999, K"]}},
        {"extra": {"referenced_works": ["https://openalex.org/W123", "W9"]}},
        {},
    ])
    R = litkit.references(t)
    assert R.groupby("id").size().to_dict() == {"p0": 3, "p1": 2}
    assert R["key"].iloc[0] == R["key"].iloc[1]                  # one work, listed twice
    m = litkit.most_cited_references(t).set_index("key")["citations"]
    assert m["X Y, 2001, J, 1, 2"] == 1                         # cited by one paper
    G = litkit.cocitation_graph(t, min_weight=1)
    assert G.edges["X Y, 2001, J, 1, 2", "Q R, 1999, K"]["weight"] == 1
    assert set(R["key"]) >= {"openalex:W123", "openalex:W9"}
    assert lacks(t, "references") is None and lacks(table([{}]), "references") is not None


def test_local_citations_by_doi_id_and_author_year_volume_page():
    t = table([
        {"doi": "10.1000/x1", "authors": ["Ann Lee"], "year": 2001, "citations": 10},
        {"authors": ["Bo van Dijk"], "year": 2003, "citations": 3,
         "extra": {"volume": "12", "pages": "101-110", "openalex_id": "W55",
                   "references": ["Lee A, 2001, J X, V1, P1, DOI 10.1000/X1"]}},
        {"authors": ["Cy Ng"], "year": 2005, "citations": 0,
         "extra": {"references": ["Lee AN, 2001, J X, DOI 10.1000/x1",
                                  "van Dijk B, 2003, J Y, V12, P101"]}},
        {"authors": ["Di Wu"], "year": 2006, "extra": {"referenced_works": ["https://openalex.org/W55"],
                                                       "references": ["Ng C, 2005, J Z, V3, P7"]}},
    ])
    lc = litkit.local_citations(t).set_index("id")["local_citations"]
    assert lc.to_dict() == {"p0" if False else t["id"][0]: 2, "p1": 2, "p2": 0, "p3": 0}
    links = citation_links(t)
    assert set(zip(links["citing"], links["cited"], links["by"])) == {
        ("p1", t["id"][0], "doi"), ("p2", t["id"][0], "doi"),
        ("p2", "p1", "author/year/volume/page"), ("p3", "p1", "id")}
    H = litkit.citation_graph(t)
    assert set(H.edges) == {("p1", t["id"][0]), ("p2", t["id"][0]), ("p2", "p1"), ("p3", "p1")}
    assert H.nodes["p1"]["year"] == 2003


def test_cocitation_and_coupling_weights_by_hand():
    refs = [["A X, 2001, J", "B Y, 2002, J", "C Z, 2003, K"],
            ["A X, 2001, J", "B Y, 2002, J"],
            ["A X, 2001, J", "C Z, 2003, K"],
            ["D W, 1990, L"]]
    t = table([{"extra": {"references": r}} for r in refs])
    G = litkit.cocitation_graph(t, min_weight=1)
    assert G.edges["A X, 2001, J", "B Y, 2002, J"]["weight"] == 2
    assert G.edges["A X, 2001, J", "C Z, 2003, K"]["weight"] == 2
    assert G.edges["B Y, 2002, J", "C Z, 2003, K"]["weight"] == 1
    assert G.nodes["A X, 2001, J"]["citations"] == 3
    assert set(litkit.cocitation_graph(t, n=2, min_weight=1).nodes) == {"A X, 2001, J", "B Y, 2002, J"}
    C = litkit.coupling_graph(t, min_weight=1)
    assert C.edges["p0", "p1"]["weight"] == 2 and C.edges["p0", "p2"]["weight"] == 2
    assert C.edges["p1", "p2"]["weight"] == 1 and "p3" not in C      # D W is cited once: no coupling
    assert litkit.coupling_graph(t).number_of_edges() == 2            # min_weight 2


def test_most_cited_references():
    t = table([{"extra": {"references": ["X Y, 2001, J, DOI 10.1000/a", "Z, 1999, K"]}},
               {"extra": {"references": ["X Y, 2001, J, V1, DOI 10.1000/A"]}}])
    m = litkit.most_cited_references(t)
    assert m["key"].tolist() == ["doi:10.1000/a", "Z, 1999, K"] and m["citations"].tolist() == [2, 1]


# --- summary --------------------------------------------------------------------------------------

def test_annual_growth_by_hand_and_partial_last_year():
    t = table([{"year": y, "date": f"{y}-12-20"} for y in [2000] * 4 + [2002] * 9])
    assert annual_growth(t) == pytest.approx(50.0)                  # (9/4)^(1/2) = 1.5
    partial = table([{"year": y, "date": d} for y, d in [(2000, "2000-12-01")] * 4 + [(2002, "2002-12-02")] * 9
                     + [(2003, "2003-02-01")]])
    assert annual_growth(partial) == pytest.approx(50.0)            # 2003 stops in February: left out
    assert annual_growth(table([{"year": 2000}])) is None


def test_summary_by_hand():
    t = table([
        {"authors": ["Ann Lee"], "year": 2020, "venue": "J", "citations": 4, "keywords": ["x", "Y"],
         "affiliations": ["A, Tokyo, Japan"]},
        {"authors": ["Ann Lee", "Bo Li", "Cy Ng"], "year": 2022, "venue": "K", "citations": 2,
         "keywords": ["y"], "affiliations": ["B, Paris, France", "C, Osaka, Japan"],
         "extra": {"references": ["X Y, 2001, J", "Q, 1999, K"]}},
    ])
    s = litkit.summary(t).set_index("metric")["value"]
    assert s["documents"] == "2" and s["timespan"] == "2020-2022" and s["sources (journals, books, etc.)"] == "2"
    assert s["average document age (years)"] == "1.0"               # (2 + 0) / 2, counted to 2022
    assert s["average citations per document"] == "3.0"
    assert s["average citations per year per document"] == "1.667"  # (4/3 + 2/1) / 2
    assert s["authors"] == "3" and s["single-authored documents"] == "1"
    assert s["co-authors per document"] == "2.0"
    assert s["international co-authorships %"] == "50.0"
    assert s["distinct keywords"] == "2" and s["distinct cited references"] == "2"
    assert s["distinct author keywords"] == "not in the data"


def test_everything_degrades_on_a_corpus_without_the_data():
    t = table([{"title": "A paper", "year": 2020}, {"title": "Another", "year": 2021}])
    for need in ("citations", "venue", "keywords", "affiliations", "references", "authors"):
        assert lacks(t, need).startswith("Skipped because")
    assert litkit.most_cited(t).empty and litkit.impact(t).empty and litkit.bradford(t).empty
    assert litkit.references(t).empty and litkit.local_citations(t)["local_citations"].eq(0).all()
    assert litkit.cocitation_graph(t).number_of_nodes() == 0
    assert litkit.coupling_graph(t).number_of_nodes() == 0
    assert litkit.citation_graph(t).number_of_nodes() == 0
    assert litkit.keyword_graph(t).number_of_nodes() == 0 and litkit.thematic_map(t).empty
    assert litkit.country_stats(t).empty and litkit.country_graph(t).number_of_nodes() == 0
    assert litkit.three_fields(t).empty
    s = litkit.summary(t).set_index("metric")["value"]
    assert s["average citations per document"] == "not in the data"
    empty = litkit.schema.empty_papers()
    assert litkit.summary(empty).set_index("metric").loc["documents", "value"] == "0"
    assert "0 papers" in lacks(empty, "citations") and "0 papers" in lacks(empty, "references")
    assert np.isnan(float("nan"))

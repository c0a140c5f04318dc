"""Bibliometrics on real exports (tests/fixtures), each figure checked against an independent
computation from the raw file: a few lines of plain Python over the export's own fields."""

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import litkit
from litkit.schema import from_records

FIX = Path(__file__).resolve().parent / "fixtures"
WOS = FIX / "wos" / "wos_plain_500.txt"
WOS_SMALL = FIX / "wos" / "wos_plain_small.txt"


def raw_wos(path):
    """Records of a WoS plain-text export as {tag: [lines]} (continuation lines join their tag)."""
    records, rec, tag = [], {}, None
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.startswith("ER"):
            records.append(rec)
            rec, tag = {}, None
        elif line[:2].strip() and line[2:3] == " ":
            tag = line[:2]
            rec.setdefault(tag, []).append(line[3:])
        elif line.startswith("   ") and tag:
            rec[tag].append(line[3:])
    return [r for r in records if "TI" in r]


@pytest.fixture(scope="module")
def wos():
    return litkit.read(WOS), raw_wos(WOS)


def test_most_cited_matches_raw_tc(wos):
    papers, raw = wos
    tc = sorted(((int(r["TC"][0]), " ".join(r["TI"])) for r in raw), key=lambda x: -x[0])
    top = litkit.most_cited(papers, n=10)
    assert top["citations"].tolist() == [c for c, _ in tc[:10]]
    assert top["title"].iloc[0].lower() == tc[0][1].lower()


def test_h_index_per_source_matches_raw(wos):
    papers, raw = wos
    by_source = defaultdict(list)
    for r in raw:
        by_source[" ".join(r["SO"]).upper()].append(int(r["TC"][0]))

    def h(cs):
        cs = sorted(cs, reverse=True)
        return sum(1 for i, c in enumerate(cs, 1) if c >= i)

    out = litkit.impact(papers, by="venue")
    got = dict(zip(out["venue"].str.upper(), out["h_index"]))
    assert got == {s: h(c) for s, c in by_source.items()}
    assert dict(zip(out["venue"].str.upper(), out["papers"])) == {s: len(c) for s, c in by_source.items()}


def test_bradford_zones_match_raw(wos):
    papers, raw = wos
    counts = Counter(" ".join(r["SO"]).upper() for r in raw)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    total, cum, zones = sum(counts.values()), 0, {}
    for name, k in ranked:
        zone = 1 if 3 * cum < total else 2 if 3 * cum < 2 * total else 3   # cumulative *before* this source
        zones[name] = zone
        cum += k
    out = litkit.bradford(papers)
    assert dict(zip(out["venue"].str.upper(), out["zone"])) == zones
    share = out.groupby("zone")["papers"].sum() / total
    assert share.loc[1] >= 1 / 3 and share.loc[[1, 2]].sum() >= 2 / 3


def test_keyword_cooccurrence_weights_match_raw(wos):
    papers, raw = wos
    docs = []
    for r in raw:
        kws = "; ".join(" ".join(r.get(t, [])) for t in ("DE", "ID"))
        docs.append({" ".join(k.split()).lower() for k in kws.split(";") if k.strip()})
    G = litkit.keyword_graph(papers, n=30)
    assert G.number_of_edges() > 20
    for a, b, w in G.edges(data="weight"):
        assert w == sum(1 for d in docs if a in d and b in d), (a, b)
    for v, k in G.nodes(data="papers"):
        assert k == sum(1 for d in docs if v in d)


def test_papers_per_country_match_raw_addresses(wos):
    papers, raw = wos
    stats = litkit.country_stats(papers).set_index("country")["papers"]
    # WoS C1 lines end with the country; the US as "... ZIP USA", China as "Peoples R China"
    for country, pattern in [("Japan", r", Japan$"), ("United States", r"\bUSA$"),
                             ("China", r"Peoples R China$"), ("Singapore", r", Singapore$"),
                             ("Germany", r", Germany$"), ("United Kingdom", r", (England|Scotland|Wales)$")]:
        n = sum(1 for r in raw if any(re.search(pattern, line.rstrip(". ")) for line in
                                      (r.get("C1") or r.get("RP") or [])))
        assert stats.get(country, 0) == n, country


def test_one_row_per_cited_reference(wos):
    papers, raw = wos
    R = litkit.references(papers)
    per_paper = R.groupby("id").size()
    ids = papers["id"].tolist()
    for i in range(len(raw)):
        assert per_paper.get(ids[i], 0) == len(raw[i].get("CR", []))       # every CR line a row
    for i in (0, 1, 7, 250, 499):
        assert R.loc[R["id"] == ids[i], "reference"].tolist() == raw[i]["CR"]
        dois = {m.group(1).lower().rstrip(".") for c in raw[i].get("CR", [])
                for m in [re.search(r"DOI \[?(10\.\d{4,9}/[^\s,\]]+)", c)] if m}
        assert set(R.loc[R["id"] == ids[i], "doi"].dropna()) == dois
    assert len(R) == sum(len(r.get("CR", [])) for r in raw) == 13_444


def test_local_citations_at_least_what_dois_prove(wos):
    papers, raw = wos
    own = {" ".join(r["DI"]).lower(): i for i, r in enumerate(raw) if "DI" in r}
    proved = Counter()
    for i, r in enumerate(raw):
        cited = {m.group(1).lower().rstrip(".") for c in r.get("CR", [])
                 for m in re.finditer(r"(10\.\d{4,9}/[^\s,\]]+)", c)}
        for doi in cited:
            if doi in own and own[doi] != i:
                proved[own[doi]] += 1
    lc = litkit.local_citations(papers).set_index("id")["local_citations"]
    ids = papers["id"].tolist()
    assert sum(proved.values()) > 100
    for i, k in proved.items():
        assert lc[ids[i]] >= k
    # and no paper is cited locally more often than it is cited at all
    full = litkit.local_citations(papers)
    assert (full["local_citations"] <= full["citations"]).all()


def test_citation_graph_years_point_back(wos):
    papers, _ = wos
    H = litkit.citation_graph(papers, n=40)
    assert H.number_of_nodes() == 40 and H.number_of_edges() > 20
    late = [(a, b) for a, b in H.edges if H.nodes[a]["year"] < H.nodes[b]["year"]]
    assert len(late) <= 0.05 * H.number_of_edges()       # citations point to older (or same-year) work


def test_cocitation_weights_match_raw(wos):
    papers, raw = wos
    G = litkit.cocitation_graph(papers, n=20)
    docs = []
    for r in raw:
        docs.append({"doi:" + m.group(1).lower().rstrip(".") for c in r.get("CR", [])
                     for m in [re.search(r"DOI \[?(10\.\d{4,9}/[^\s,\]]+)", c)] if m})
    for a, b, w in G.edges(data="weight"):
        if a.startswith("doi:") and b.startswith("doi:"):
            assert w == sum(1 for d in docs if a in d and b in d)


def test_summary_on_wos_matches_raw(wos):
    papers, raw = wos
    s = litkit.summary(papers).set_index("metric")["value"]
    years = [int(r["PY"][0]) for r in raw]
    assert s["documents"] == str(len(raw))
    assert s["timespan"] == f"{min(years)}-{max(years)}"
    assert s["sources (journals, books, etc.)"] == str(len({" ".join(r["SO"]).upper() for r in raw}))
    tc = [int(r["TC"][0]) for r in raw]
    assert float(s["average citations per document"]) == pytest.approx(sum(tc) / len(tc), abs=0.01)
    assert s["single-authored documents"] == str(sum(1 for r in raw if len(r["AU"]) == 1))


def test_small_wos_export_keeps_every_analysis_running():
    papers = litkit.read(WOS_SMALL)
    raw = raw_wos(WOS_SMALL)
    assert len(litkit.references(papers)) <= sum(len(r.get("CR", [])) for r in raw)
    assert len(litkit.bradford(papers)) == len({" ".join(r["SO"]).upper() for r in raw})
    assert litkit.thematic_map(papers, min_papers=1)["size"].max() <= len(raw)


def test_scopus_reference_strings_parse():
    """Real Scopus ``References`` cells, in the 2024 layout ("Authors, Title, Source, 5, pp. 1-9,
    (2017)") and the older one ("Authors, Title, (1989) Source, 77 (4), pp. 541-580"), parse
    into author, year and, where given, volume and first page."""
    rows = list(csv.DictReader((FIX / "scopus-csv" / "scopus_fullnames.csv").open(encoding="utf-8-sig")))
    items = re.split(r"(?<=\(\d{4}\));\s*", rows[1]["References"].strip())
    assert items[0].startswith("Flaxman S.R.; Bourne R.R.A.") and items[0].endswith("(2017)")
    R = litkit.references(from_records([{"id": "s", "extra": {"references": items}}]))
    assert len(R) == len(items) and R["year"].notna().all()
    first = R.iloc[0]
    assert (first["author"], first["year"], first["volume"], first["page"]) == ("FLAXMAN S R", 2017, "5", "e1221")
    old = list(csv.DictReader((FIX / "scopus-csv" / "scopus_litstudy.csv").open(encoding="utf-8-sig")))
    items = [x.strip() for r in old for x in r["References"].split("; ") if re.search(r"\(\d{4}\)", x)]
    R = litkit.references(from_records([{"id": "o", "extra": {"references": items}}]))
    given = [int(re.search(r"\((\d{4})\)", x).group(1)) for x in R["reference"]]
    assert len(R) > 20 and R["year"].tolist() == given

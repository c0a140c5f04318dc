"""Themes: Callon's strategic diagram (thematic map) and thematic evolution across periods."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .keywords import keyword_graph, term_matrix

#: quadrant of a theme from (high centrality, high density)
QUADRANTS = {(True, True): "motor", (True, False): "basic", (False, True): "niche",
             (False, False): "emerging or declining"}
#: fewest papers a period needs to get its own thematic map in :func:`thematic_evolution`
MIN_PERIOD_PAPERS = 30
#: decimals kept of centrality and density (no result depends on the last bits of a sum)
DECIMALS = 4


def _empty_map() -> pd.DataFrame:
    return pd.DataFrame({"theme": pd.Series([], dtype="Int64"), "label": pd.Series([], dtype="string"),
                         "keywords": pd.Series([], dtype="string"),
                         "n_keywords": pd.Series([], dtype="Int64"), "size": pd.Series([], dtype="Int64"),
                         "occurrences": pd.Series([], dtype="Int64"),
                         "centrality": pd.Series([], dtype="Float64"), "density": pd.Series([], dtype="Float64"),
                         "quadrant": pd.Series([], dtype="string")})


def strategic_diagram(G) -> pd.DataFrame:
    """Callon centrality and density of each community of a keyword graph (see
    :func:`litkit.keyword_graph`; the ``association`` edge weights are the equivalence index
    e_ij = c_ij² / (c_i c_j)).

    centrality = sum of e_ij over the links from a keyword of the theme to a keyword outside it;
    density = 100 × (sum of e_ij over the links inside the theme) / (keywords of the theme).
    A theme is "high" on an axis when above the median of the themes. Themes are numbered by
    occurrences (sum of their keywords' papers), the largest first.

    Returns
    -------
    DataFrame
        As :func:`litkit.thematic_map` (without ``size``: that needs the papers).
    """
    comm = {v: d["community"] for v, d in G.nodes(data=True)}
    k = max(comm.values()) + 1 if comm else 0
    ext, internal = np.zeros(k), np.zeros(k)
    papers = dict(G.nodes(data="papers"))
    for a, b, w in G.edges(data="weight"):
        e = w * w / (papers[a] * papers[b])           # the equivalence index, unrounded
        ca, cb = comm[a], comm[b]
        if ca == cb:
            internal[ca] += e
        else:
            ext[ca] += e
            ext[cb] += e
    members: list[list] = [[] for _ in range(k)]
    for v in sorted(G.nodes, key=lambda v: (-G.nodes[v]["papers"], str(v))):
        members[comm[v]].append(v)
    occ = [sum(papers[v] for v in m) for m in members]
    order = sorted(range(k), key=lambda i: (-occ[i], str(members[i][0])))   # the largest theme first
    members = [members[i] for i in order]
    ext, internal, occ = ext[order], internal[order], [occ[i] for i in order]
    n_kw = np.array([len(m) for m in members])
    centrality = np.round(ext, DECIMALS)
    density = np.round(100 * internal / np.maximum(n_kw, 1), DECIMALS)
    hi_c = centrality > np.median(centrality) if k else centrality > 0
    hi_d = density > np.median(density) if k else density > 0
    return pd.DataFrame({
        "theme": pd.array(np.arange(k), dtype="Int64"),
        "label": pd.array([m[0] for m in members], dtype="string"),
        "keywords": pd.array(["; ".join(m[:5]) for m in members], dtype="string"),
        "n_keywords": pd.array(n_kw, dtype="Int64"),
        "occurrences": pd.array(occ, dtype="Int64"),
        "centrality": pd.array(centrality, dtype="Float64"),
        "density": pd.array(density, dtype="Float64"),
        "quadrant": pd.array([QUADRANTS[(bool(c), bool(d))] for c, d in zip(hi_c, hi_d)], dtype="string"),
    }), members


def thematic_map(papers: pd.DataFrame, field: str = "keywords", n: int = 250, *, min_papers: int = 2,
                 seed: int = 0, bigrams: bool = False) -> pd.DataFrame:
    """Themes of the corpus on Callon's strategic diagram (bibliometrix' ``thematicMap``).

    The ``n`` most frequent keywords (held by ``min_papers`` papers or more) are clustered into
    themes (Louvain communities of :func:`litkit.keyword_graph`); each theme gets its Callon
    centrality (how strongly it links to other themes: relevance) and density (how strongly its
    keywords link to each other: development), and the quadrant they put it in: ``motor``
    (high, high), ``basic`` (high centrality, low density), ``niche`` (low, high) or
    ``emerging or declining`` (low, low).

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    field, n, min_papers, seed, bigrams
        As in :func:`litkit.keyword_graph`.

    Returns
    -------
    DataFrame
        ``theme``, ``label`` (its most frequent keyword), ``keywords`` (its top five),
        ``n_keywords``, ``size`` (papers holding one of its keywords), ``occurrences`` (sum of
        its keywords' papers), ``centrality``, ``density``, ``quadrant``; largest theme first.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> kw = [["a", "b"], ["a", "b"], ["c", "d"], ["c", "d"], ["b", "c"]]
    >>> t = from_records([{"id": str(i), "keywords": k} for i, k in enumerate(kw)])
    >>> litkit.thematic_map(t, min_papers=1)[["label", "n_keywords", "size", "centrality", "density"]]
      label  n_keywords  size  centrality  density
    0     b           2     3      0.1111  33.3333
    1     c           2     3      0.1111  33.3333
    """
    X, labels = term_matrix(papers, field, min_papers=min_papers, bigrams=bigrams)
    G = keyword_graph(papers, field, n, min_papers=min_papers, seed=seed, matrix=(X, labels))
    if G.number_of_nodes() == 0:
        return _empty_map()
    table, members = strategic_diagram(G)
    pos = pd.Index(labels.astype(str))
    size = [int(X[:, pos.get_indexer(m)].getnnz(axis=1).astype(bool).sum()) for m in members]
    table.insert(4, "size", pd.array(size, dtype="Int64"))
    return table


def _period_labels(years: pd.Series, cuts) -> pd.Series:
    y = years.astype("Float64")
    edges = [-np.inf, *sorted(cuts), np.inf]
    lo, hi = int(y.min()), int(y.max())
    names = []
    for a, b in zip(edges, edges[1:]):
        start = lo if a == -np.inf else int(a)
        end = hi if b == np.inf else int(b) - 1
        names.append(f"{start}-{end}")
    return pd.cut(y.to_numpy(dtype=float, na_value=np.nan), edges, right=False, labels=names)


def evolution_cuts(papers: pd.DataFrame, periods: int = 3) -> list[int]:
    """Cut years splitting the dated papers into about ``periods`` periods of equal papers.

    Examples
    --------
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": str(i), "year": 2000 + i % 6} for i in range(60)])
    >>> evolution_cuts(t)
    [2002, 2004]
    """
    years = papers["year"].dropna().astype(int).sort_values().to_numpy()
    if len(years) == 0:
        return []
    picks = [int(years[min(len(years) - 1, (len(years) * k) // periods)]) for k in range(1, periods)]
    return sorted({y for y in picks if y > years[0]})


def thematic_evolution(papers: pd.DataFrame, cuts=None, field: str = "keywords", n: int = 250, *,
                       min_papers: int = 2, seed: int = 0) -> pd.DataFrame:
    """How themes carry over from one period to the next (bibliometrix' ``thematicEvolution``).

    Each period gets its :func:`litkit.thematic_map`; a theme of one period is linked to a theme
    of the next when they share keywords, weighted by the inclusion index shared / min(keywords
    of either). Periods with fewer than ``MIN_PERIOD_PAPERS`` papers get no map (a thin period
    must not make themes look emerging or vanishing).

    Parameters
    ----------
    papers : DataFrame
        A papers table with years.
    cuts : sequence of int, optional
        The first year of each period after the first (``[2015, 2020]``: up to 2014, 2015-2019,
        2020 on). Default: :func:`evolution_cuts` (three periods of about equal papers).
    field, n, min_papers, seed
        As in :func:`litkit.thematic_map`.

    Returns
    -------
    DataFrame
        ``period_from``, ``theme_from`` (label), ``period_to``, ``theme_to``, ``shared``
        (keywords in both), ``inclusion``; the table's ``attrs["skipped"]`` names thin periods.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> kw = [["a", "b"]] * 30 + [["a", "c"]] * 30
    >>> t = from_records([{"id": str(i), "keywords": k, "year": 2000 + i // 30} for i, k in enumerate(kw)])
    >>> litkit.thematic_evolution(t, cuts=[2001])
      period_from theme_from  period_to theme_to  shared  inclusion
    0   2000-2000          a  2001-2001        a       1        0.5
    """
    dated = papers[papers["year"].notna()]
    if cuts is None:
        cuts = evolution_cuts(dated)
    if len(dated) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="string") for c in
                             ("period_from", "theme_from", "period_to", "theme_to")}).assign(
            shared=pd.Series([], dtype="Int64"), inclusion=pd.Series([], dtype="Float64"))
    period = _period_labels(dated["year"], cuts)
    maps, skipped = [], []
    for name in period.categories:
        sub = dated[np.asarray(period == name)]
        if len(sub) < MIN_PERIOD_PAPERS:
            skipped.append(name)
            continue
        G = keyword_graph(sub, field, n, min_papers=min_papers, seed=seed)
        if G.number_of_nodes():
            maps.append((name, strategic_diagram(G)))
    rows = []
    for (pa, (ta, ma)), (pb, (tb, mb)) in zip(maps, maps[1:]):
        for i, A in enumerate(ma):
            for j, B in enumerate(mb):
                shared = len(set(A) & set(B))
                if shared:
                    rows.append((pa, ta["label"].iloc[i], pb, tb["label"].iloc[j], shared,
                                 round(shared / min(len(A), len(B)), DECIMALS)))
    out = pd.DataFrame(rows, columns=["period_from", "theme_from", "period_to", "theme_to", "shared",
                                      "inclusion"])
    for c in ("period_from", "theme_from", "period_to", "theme_to"):
        out[c] = out[c].astype("string")
    out["shared"] = out["shared"].astype("Int64")
    out["inclusion"] = out["inclusion"].astype("Float64")
    out.attrs["skipped"] = skipped
    return out

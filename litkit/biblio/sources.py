"""Sources: Bradford's law zones and the growth of the most relevant sources."""

from __future__ import annotations

import numpy as np
import pandas as pd


def venue_rows(papers: pd.DataFrame) -> pd.DataFrame:
    """Row position, source key (upper case, single spaces) and its display name."""
    v = papers["venue"]
    ok = v.notna().to_numpy()
    shown = v[ok].astype(str).map(lambda s: " ".join(s.split()))
    return pd.DataFrame({"row": np.flatnonzero(ok), "key": shown.str.upper().to_numpy(),
                         "name": shown.to_numpy()})


def _display(V: pd.DataFrame) -> pd.Series:
    """Each key's most frequent spelling (ties: alphabetical)."""
    n = V.groupby(["key", "name"]).size().rename("n").reset_index()
    n = n.sort_values(["key", "n", "name"], ascending=[True, False, True], kind="stable")
    return n.drop_duplicates("key").set_index("key")["name"]


def bradford(papers: pd.DataFrame) -> pd.DataFrame:
    """Bradford's law: sources ranked by papers and cut into three zones of about a third of the
    papers each.

    Zone 1 (the core) runs down the ranking up to and including the first source at which the
    cumulative papers reach a third of the total; zone 2 likewise to two thirds; zone 3 is the
    rest. This is bibliometrix' ``bradford`` rule, except that a source whose cumulative count
    is exactly a third closes the zone (nine sources of one paper each: three zones of three).
    Sources with equal counts are ranked by name, so the cut is the same on every run.

    Parameters
    ----------
    papers : DataFrame
        A papers table; papers without a venue are left out.

    Returns
    -------
    DataFrame
        ``venue``, ``papers``, ``rank`` (1 = most papers), ``cumulative`` (papers up to this
        rank), ``zone`` (1, 2 or 3); one row per source, by rank.

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> counts = {"A": 6, "B": 3, "C": 2, "D": 1}
    >>> t = from_records([{"id": f"{v}{i}", "venue": v} for v, k in counts.items() for i in range(k)])
    >>> litkit.bradford(t)
      venue  papers  rank  cumulative  zone
    0     A       6     1           6     1
    1     B       3     2           9     2
    2     C       2     3          11     3
    3     D       1     4          12     3
    """
    V = venue_rows(papers)
    counts = V.groupby("key").size().rename("papers").reset_index()
    counts = counts.sort_values(["papers", "key"], ascending=[False, True], kind="stable")
    total = int(counts["papers"].sum())
    cum = counts["papers"].cumsum().to_numpy()
    k = len(counts)
    z1 = min(int(np.sum(3 * cum < total)) + 1, k)          # integers: no rounding at the cuts
    z2 = min(int(np.sum(3 * cum < 2 * total)) + 1, k)
    zone = np.full(k, 3, dtype=np.int64)
    zone[:z1] = 1
    zone[z1:z2] = 2
    names = _display(V)
    return pd.DataFrame({
        "venue": pd.array(names.reindex(counts["key"]).to_numpy(), dtype="string"),
        "papers": pd.array(counts["papers"].to_numpy(), dtype="Int64"),
        "rank": pd.array(np.arange(1, k + 1), dtype="Int64"),
        "cumulative": pd.array(cum, dtype="Int64"),
        "zone": pd.array(zone, dtype="Int64"),
    })


def source_growth(papers: pd.DataFrame, n: int = 5, *, cumulative: bool = True) -> pd.DataFrame:
    """Papers per year of the ``n`` most relevant sources (most papers), as bibliometrix'
    ``sourceGrowth``.

    Parameters
    ----------
    papers : DataFrame
        A papers table.
    n : int
        How many sources (the top of :func:`litkit.bradford`).
    cumulative : bool
        Cumulative papers up to each year (default) or papers of the year.

    Returns
    -------
    DataFrame
        ``venue``, ``year``, ``papers``: every year from the first to the last year of the
        corpus for every source (0 where it has none).

    Examples
    --------
    >>> import litkit
    >>> from litkit.schema import from_records
    >>> t = from_records([{"id": "1", "venue": "A", "year": 2020}, {"id": "2", "venue": "A", "year": 2022}])
    >>> litkit.source_growth(t)
      venue  year  papers
    0     A  2020       1
    1     A  2021       1
    2     A  2022       2
    """
    top = bradford(papers).head(n)
    V = venue_rows(papers)
    year = papers["year"].to_numpy(dtype=float, na_value=np.nan)
    V = V.assign(year=year[V["row"].to_numpy()]).dropna(subset=["year"])
    cols = {"venue": pd.Series([], dtype="string"), "year": pd.Series([], dtype="Int64"),
            "papers": pd.Series([], dtype="Int64")}
    if len(top) == 0 or len(V) == 0:
        return pd.DataFrame(cols)
    years = np.arange(int(V["year"].min()), int(V["year"].max()) + 1)
    keys = top["venue"].astype(str).str.upper().map(lambda s: " ".join(s.split()))
    V = V[V["key"].isin(set(keys))]
    grid = V.groupby(["key", "year"]).size().unstack(fill_value=0) \
        .reindex(index=keys.to_numpy(), columns=years, fill_value=0)
    if cumulative:
        grid = grid.cumsum(axis=1)
    grid.index = top["venue"].to_numpy()
    out = grid.stack().rename("papers").reset_index()
    out.columns = ["venue", "year", "papers"]
    return pd.DataFrame({"venue": pd.array(out["venue"].to_numpy(), dtype="string"),
                         "year": pd.array(out["year"].to_numpy(), dtype="Int64"),
                         "papers": pd.array(out["papers"].to_numpy(), dtype="Int64")})

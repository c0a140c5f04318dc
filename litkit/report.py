"""``litkit report``: a report on any corpus.

Until the curated notebooks are in place this writes a real, minimal summary of the corpus:
papers per year, per source and per category, as a self-contained HTML page and on the terminal.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .io import read


def summary_tables(papers: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Papers per year, per source and per (primary) category."""
    per_year = (papers.groupby("year", dropna=False).size().rename("papers").reset_index())
    per_source = papers.groupby("source").size().rename("papers").reset_index()
    primary = papers["categories"].map(lambda c: c[0] if c else None)
    per_cat = (primary.value_counts(dropna=False).rename("papers").rename_axis("category")
               .reset_index())
    return {"Papers per year": per_year, "Papers per source": per_source,
            "Papers per primary category": per_cat}


def report(corpus, out="reports", parameters=None, format=None) -> Path:
    papers, skipped = read(corpus, format, return_skipped=True)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = summary_tables(papers)
    parts = [f"<h1>litkit summary</h1><p>{len(papers)} papers read from "
             f"{html.escape(str(corpus))}; {len(skipped)} records skipped.</p>"]
    print(f"{len(papers)} papers read, {len(skipped)} records skipped")
    for title, table in tables.items():
        print(f"\n{title}\n{table.to_string(index=False)}")
        parts.append(f"<h2>{html.escape(title)}</h2>" + table.to_html(index=False, escape=True))
    page = out / "index.html"
    page.write_text("<!doctype html><meta charset='utf-8'><title>litkit summary</title>"
                    + "".join(parts), encoding="utf-8")
    print(f"\nwrote {page}")
    return page

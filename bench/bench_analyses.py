"""Benchmark: every trend and author analysis, and every figure, on the full arXiv corpus.

Data: ``../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz`` (74,728 papers, read with
``litkit.read``); falls back to the bundled ``data/arxiv-sample.jsonl.gz`` (3,126 papers) when
../shared is absent, and says so.

Targets (issue 5): each analysis under 10 s (the co-author graph under 30 s); each figure renders
(Agg, ``fig.canvas.draw()``) in under 2 s from the table its analysis returned.

The authorship table (``litkit.authorships``, the cleaning step) is built once and timed on its
own; the author analyses are timed with it passed in (``authorships=``), and ``author_stats`` also
end to end. Topic labels are stood in for by the primary arXiv category (so that this benchmark
does not time the topic model); the topic map uses random coordinates for as many papers (the
render time depends on the number of points, not on where they are).

Each row prints wall time and the process's CPU time: on a shared machine (load average above
the core count) the wall time also counts waiting for a core, and CPU time is the fairer figure.
``pass`` is judged on wall time, ``pass_cpu`` on CPU time.

Run: ``.venv/bin/python bench/bench_analyses.py`` (about 2 minutes on an idle 2-core machine).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import litkit  # noqa: E402
from litkit import plots  # noqa: E402
from litkit.authors import authors_per_paper  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"
SAMPLE = ROOT / "data" / "arxiv-sample.jsonl.gz"

ROWS: list[dict] = []


def timed(kind, name, target, fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    ROWS.append({"kind": kind, "step": name, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                 "target_s": target,
                 "pass": "-" if target is None else ("yes" if wall < target else "NO"),
                 "pass_cpu": "-" if target is None else ("yes" if cpu < target else "NO")})
    print(f"  {kind:8s} {name:42s} wall {wall:6.2f} s  cpu {cpu:6.2f} s", flush=True)
    return out


def figure(name, draw, table, **kw):
    def run():
        fig = Figure(figsize=(8, 5))
        ax = fig.add_subplot()
        draw(table, ax=ax, **kw)
        fig.canvas.draw()
        return fig
    return timed("figure", name, 2.0, run)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=None, help="a corpus to read instead of the arXiv one")
    args = ap.parse_args(argv)
    path = Path(args.corpus) if args.corpus else (SHARED if SHARED.exists() else SAMPLE)
    if not args.corpus and path == SAMPLE:
        print(f"NOTE: {SHARED} not found: using the bundled sample {SAMPLE}")
    print(f"corpus: {path}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    papers = timed("setup", "litkit.read", None, lambda: litkit.read(path))
    print(f"  {len(papers):,} papers")
    a = timed("setup", "litkit.authorships (cleaning step)", None, lambda: litkit.authorships(papers))
    labels = pd.Series(pd.factorize(papers["categories"].str[0], sort=True)[0], index=papers.index,
                       name="topic")

    counts = timed("analysis", "counts_by_period(year)", 10, lambda: litkit.counts_by_period(papers))
    timed("analysis", "counts_by_period(month, by=categories)", 10,
          lambda: litkit.counts_by_period(papers, "month", by="categories"))
    timed("analysis", "counts_by_period(month, categories explode)", 10,
          lambda: litkit.counts_by_period(papers, "month", by="categories", multi="explode"))
    by_cat = timed("analysis", "shares_over_time(quarter, categories, top 8)", 10,
                   lambda: litkit.shares_over_time(papers, "categories", "quarter", top=8))
    shares = timed("analysis", "shares_over_time(categories, month)", 10,
                   lambda: litkit.shares_over_time(papers, "categories", "month"))
    rising = timed("analysis", "rising_terms(title, 1-2 grams, last complete month)", 10,
                   lambda: litkit.rising_terms(papers, freq="month"))
    timed("analysis", "rising_terms(by_period, quarter)", 10,
          lambda: litkit.rising_terms(papers, by_period=True, freq="quarter", top=20))
    stats = timed("analysis", "author_stats (authorships given)", 10,
                  lambda: litkit.author_stats(papers, authorships=a))
    timed("analysis", "author_stats (end to end)", 10, lambda: litkit.author_stats(papers))
    timed("analysis", "author_stats + labels", 10, lambda: litkit.author_stats(papers, labels, authorships=a))
    lot = timed("analysis", "lotka (mle)", 10, lambda: litkit.lotka(papers, authorships=a))
    timed("analysis", "collaboration_stats(month)", 10, lambda: litkit.collaboration_stats(papers, "month"))
    app = timed("analysis", "authors_per_paper", 10, lambda: authors_per_paper(papers))
    timed("analysis", "affiliation_counts", 10, lambda: litkit.affiliation_counts(papers))
    timed("analysis", "author_topic_profiles", 10,
          lambda: litkit.author_topic_profiles(papers, labels, authorships=a))
    G = timed("analysis", "coauthor_graph", 30, lambda: litkit.coauthor_graph(papers, authorships=a))
    print(f"  graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges, "
          f"modularity {G.graph['modularity']:.3f}; betweenness {G.graph['betweenness']}; "
          f"papers without edges (> {G.graph['max_authors']} authors): {G.graph['papers_without_edges']}")
    tot = litkit.topics_over_time(papers, labels, "quarter")
    rng = np.random.default_rng(0)
    xy = pd.DataFrame({"x": rng.normal(size=len(papers)) + labels.to_numpy() % 8,
                       "y": rng.normal(size=len(papers)), "topic": labels.to_numpy() % 20})

    figure("publications (stacked by category)", plots.publications, by_cat)
    figure("publications (yearly)", plots.publications, counts)
    figure("shares", plots.shares, shares)
    figure("rising_terms", plots.rising_terms, rising)
    figure("top_authors", plots.top_authors, stats)
    figure("lotka", plots.lotka, lot)
    figure("authors_per_paper", plots.authors_per_paper, app)
    figure("coauthor_network (top 300)", plots.coauthor_network, G)
    figure("coauthor_network (top 2000)", plots.coauthor_network, G, top=2000)
    figure("topics_over_time heatmap", plots.topics_over_time, tot)
    figure(f"topic_map ({len(xy):,} points)", plots.topic_map, xy)

    table = pd.DataFrame(ROWS)
    print()
    print(table.to_string(index=False))
    judged = table[table["target_s"].notna()]
    print(f"\nload average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"wall-time targets met: {(judged['pass'] == 'yes').sum()} of {len(judged)}; "
          f"CPU-time targets met: {(judged['pass_cpu'] == 'yes').sum()} of {len(judged)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How often the profile-listing reader finds the title/author boundary, on real papers.

Glues real arXiv titles to their first three authors exactly as a researcher-profile listing
shows them (``TitleFirst Author, Second Author, Third Author``, ``et al.`` when there were more),
then checks the split of :func:`litkit.io.listing.split_title_authors`.

Reads the full arXiv corpus from ``../shared/data/arxiv/`` when present (papers the reader was
not tuned on), else the bundled ``data/arxiv-sample.jsonl.gz``.

    .venv/bin/python bench/bench_listing_split.py [--n 10000] [--seed 7] [--no-abstract] [--show 20]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from pathlib import Path

from litkit.io.listing import split_title_authors

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"
BUNDLED = ROOT / "data" / "arxiv-sample.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="papers to sample (0 = all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-abstract", action="store_true", help="give the splitter no abstract")
    ap.add_argument("--show", type=int, default=10, help="print this many failures")
    args = ap.parse_args()
    src = SHARED if SHARED.exists() else BUNDLED
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    if args.n and args.n < len(rows):
        rows = random.Random(args.seed).sample(rows, args.n)
    ok = n = 0
    failures = []
    t0 = time.perf_counter()
    for r in rows:
        title = " ".join(r["title"].split())
        authors = [" ".join(a.split()) for a in r["authors"][:3]]
        if not authors:
            continue
        n += 1
        abstract = "" if args.no_abstract else " ".join(r["summary"].split())
        got = split_title_authors(title + ", ".join(authors), abstract, len(r["authors"]) > 3)
        if got[:2] == (title, authors):
            ok += 1
        elif len(failures) < args.show:
            failures.append((title, authors, got))
    dt = time.perf_counter() - t0
    print(f"{src.name}: {ok}/{n} boundaries right = {ok / n:.4f} "
          f"({'no abstract' if args.no_abstract else 'with abstracts'}; {n / dt:,.0f} lines/s)")
    for title, authors, got in failures:
        print(f"  {title[-60:]!r} {authors}\n    -> {got[0][-60:]!r} {got[1]}")


if __name__ == "__main__":
    main()

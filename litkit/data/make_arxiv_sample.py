"""Make data/arxiv-sample.jsonl.gz: a stratified sample of the shared arXiv corpus.

Run from the project root with the shared data beside it:

    .venv/bin/python data/make_arxiv_sample.py ../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz

Stratified by primary category (first in ``categories``) and month of listing, proportional,
with at least a few papers of every category that has them, and a fixed seed, so the sample
covers the corpus' categories and its whole date range. Lines are copied byte for byte.
"""

import gzip
import json
import random
import sys
from collections import defaultdict

TARGET = 3000
MIN_PER_CATEGORY = 4
SEED = 20251118


def main(src: str, dst: str = "data/arxiv-sample.jsonl.gz") -> None:
    lines = gzip.open(src, "rt", encoding="utf-8").read().splitlines()
    strata = defaultdict(list)
    by_cat = defaultdict(list)
    for i, line in enumerate(lines):
        obj = json.loads(line)
        cat = obj["categories"][0]
        strata[(cat, obj["listed"][:7])].append(i)
        by_cat[cat].append(i)
    rng = random.Random(SEED)
    frac = TARGET / len(lines)
    chosen = set()
    for key in sorted(strata):
        members = strata[key]
        k = int(len(members) * frac + rng.random())  # randomised rounding keeps the total near TARGET
        chosen.update(rng.sample(members, min(k, len(members))))
    for cat in sorted(by_cat):
        have = [i for i in by_cat[cat] if i in chosen]
        need = min(MIN_PER_CATEGORY, len(by_cat[cat])) - len(have)
        if need > 0:
            rest = [i for i in by_cat[cat] if i not in chosen]
            chosen.update(rng.sample(rest, need))
    with gzip.GzipFile(dst, "wb", mtime=0) as out:
        for i in sorted(chosen):
            out.write((lines[i] + "\n").encode("utf-8"))
    print(f"wrote {len(chosen)} of {len(lines)} papers to {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:])

"""Benchmark: litkit's topics against a naive scikit-learn pipeline, on real arXiv labels.

Data: ``../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz`` (read with ``litkit.read``), the papers
whose primary category (first in ``categories``) is one of the 8 most frequent: 72,662 papers,
k = 8. Falls back to the bundled ``data/arxiv-sample.jsonl.gz`` (3,126 papers) when ../shared is
absent, and says so.

Measured in the same run, from the same papers table:

* baseline: ``TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True)`` then
  ``KMeans(8, n_init=1, random_state=0)`` on title + abstract;
* litkit: ``TopicModel(n_topics=8, random_state=0).fit(papers)`` with its defaults (stability
  refits included);

printing wall time, the ratio of the times, NMI and ARI against the primary category.

``--scale N`` adds a run at N documents (default 1,000,000) in a child process: the papers table is
the real corpus resampled with replacement (seed 0, whole papers: real titles and abstracts, so
the text statistics are those of arXiv) and ``TopicModel(n_topics=20)`` fits it on the large-corpus
path; it prints the fit's wall time and the child's peak resident memory (which includes the
table itself).

``--seeds 0,1,2,3,4`` also refits litkit with those seeds and prints NMI per seed and the mean
(the spread between seeds is about +-0.01).

Run: ``.venv/bin/python bench/bench_topics.py [--seeds 0,1,2] [--scale [N]]`` (about 30 s; the scale run a few
minutes). Threads: the baseline uses the libraries' defaults, litkit its default (1 thread). CPU
seconds (all threads) are printed next to wall time: on a shared machine they vary less.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import litkit  # noqa: E402
from litkit.text import paper_texts  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"
SAMPLE = ROOT / "data" / "arxiv-sample.jsonl.gz"


def load(top: int = 8):
    path = SHARED if SHARED.exists() else SAMPLE
    papers = litkit.read(path)
    primary = papers["categories"].map(lambda c: c[0] if len(c) else None)
    keep = primary.isin(primary.value_counts().head(top).index)
    return path, papers[keep.to_numpy()].reset_index(drop=True), primary[keep].to_numpy()


def _cpu() -> float:
    """CPU seconds of this process, all threads (less sensitive than wall time to other load)."""
    return time.process_time()


def baseline(papers, k):
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    c = _cpu()
    t = time.perf_counter()
    text = (papers["title"].fillna("") + " " + papers["abstract"].fillna("")).tolist()
    X = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit_transform(text)
    labels = KMeans(k, n_init=1, random_state=0).fit_predict(X)
    return time.perf_counter() - t, _cpu() - c, labels


def ours(papers, k, seed=0):
    c = _cpu()
    t = time.perf_counter()
    model = litkit.TopicModel(n_topics=k, random_state=seed).fit(papers)
    return time.perf_counter() - t, _cpu() - c, model


def scale_child(n: int) -> None:
    path, papers, _ = load(top=10 ** 6)
    rng = np.random.default_rng(0)
    big = papers.iloc[rng.integers(0, len(papers), n)].reset_index(drop=True)
    del papers
    c = _cpu()
    t = time.perf_counter()
    model = litkit.TopicModel(n_topics=20, random_state=0, verbose=sys.stderr.isatty()).fit(big)
    wall = time.perf_counter() - t
    cpu = _cpu() - c
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    print(f"scale: {n:,} documents (resampled with replacement from {path.name}, seed 0): "
          f"fit {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {peak:.2f} GB (table included), "
          f"{int(model.labels_.notna().sum()):,} labelled, {model.n_topics_} topics")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", nargs="?", const=1_000_000, type=int, default=None)
    ap.add_argument("--seeds", default=None,
                    help="also fit litkit with these random_state values (e.g. 0,1,2,3) and print "
                         "the NMI per seed and its mean")
    ap.add_argument("--child-scale", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_scale:
        scale_child(args.child_scale)
        return
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.metrics import normalized_mutual_info_score as nmi
    path, papers, truth = load()
    k = 8
    print(f"corpus: {path} -> {len(papers):,} papers in the 8 most frequent primary categories, "
          f"k = {k}")
    tb, cb, lb = baseline(papers, k)
    to, co, model = ours(papers, k)
    lo = model.labels_.to_numpy(dtype=float, na_value=-1)
    rows = [("naive TF-IDF + KMeans", tb, cb, nmi(truth, lb), ari(truth, lb)),
            ("litkit TopicModel", to, co, nmi(truth, lo), ari(truth, lo))]
    print(f"{'method':<24}{'wall s':>8}{'CPU s':>8}{'NMI':>8}{'ARI':>8}")
    for name, t, c, a, b in rows:
        print(f"{name:<24}{t:>8.2f}{c:>8.2f}{a:>8.3f}{b:>8.3f}")
    print(f"time ratio litkit / baseline: wall {to / tb:.2f}, CPU {co / cb:.2f}  "
          f"(target <= 0.60; NMI target >= 0.35)")
    print(f"litkit stability (mean ARI of refits): {model.stability_:.2f}")
    print(model.topics_[["topic", "size", "label"]].to_string(index=False))
    if args.seeds:
        scores = []
        for seed in [int(x) for x in args.seeds.split(",")]:
            ts, _, m = ours(papers, k, seed)
            scores.append(nmi(truth, m.labels_.to_numpy(dtype=float, na_value=-1)))
            print(f"litkit random_state={seed}: NMI {scores[-1]:.3f} ({ts:.1f} s)")
        print(f"litkit NMI over {len(scores)} seeds: mean {np.mean(scores):.3f}, "
              f"min {np.min(scores):.3f}, max {np.max(scores):.3f}")
    if args.scale:
        env = dict(os.environ, PYTHONHASHSEED="0")
        subprocess.run([sys.executable, __file__, "--child-scale", str(args.scale)], check=True,
                       env=env)


if __name__ == "__main__":
    main()

"""Benchmark: litkit's topics against a naive scikit-learn pipeline, on labelled real corpora.

Corpora (read with ``litkit.read`` from ``../shared/data``; the bench says which are missing):

* ``arxiv-1k``, ``arxiv-2k``, ``arxiv-10k``, ``arxiv-17.6k`` (the held-out corpus's size),
  ``arxiv-full``: the papers of ``arxiv/arxiv-cs-2025-2026.jsonl.gz`` whose primary category
  (first in ``categories``) is one of the 8 most frequent (72,662 papers, k = 8, the primary
  category is the label); the subsamples are ``np.sort(np.random.default_rng(0).choice(72662, n, replace=False))`` in file
  order;
* ``arxiv-balanced``: the 7 most frequent primary categories, at most 2,500 papers of each
  (``np.random.default_rng(0)``, in file order): 11,867 papers in fields of similar size, as in a
  corpus collected per field;
* ``fields``: the papers with an abstract of eight real exports, each a different literature
  search in a different field (materials science in Web of Science, Cu2O optics in BibTeX,
  children's literature in Mendeley BibTeX, medicine systematic reviews in RIS, GPU computing in
  IEEE CSV, software testing on arXiv, an OAI physics/maths snapshot, biological modelling in
  Scopus CSV): 1,841 papers, k = 8, the export is the label.

Per corpus and seed (``--seeds``, default 0-4), in the same process and from the same papers
table: the naive pipeline (``TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True)``
then ``KMeans(k, n_init=1, random_state=seed)`` on title + abstract) and
``TopicModel(n_topics=k, random_state=seed)`` with its defaults (stability refits included);
NMI against the labels, mean wall times and their ratio; then ``TopicModel(n_topics="auto")``
(seed 0) and the k it chose. When ``sentence-transformers`` and a MiniLM model load offline, the
embedding path is measured too (MiniLM vectors once, then per seed ``KMeans(k, n_init=10)`` and
``TopicModel(n_topics=k).fit(papers, embeddings=E)``); otherwise the bench says it is skipped.
At the end, the issue's table: one row per corpus (mean NMI of the seeds, time ratio, auto k).

``--scale N`` adds a run at N documents (default 1,000,000) in a child process: the real corpus
resampled with replacement (seed 0), ``TopicModel(n_topics=20)`` on the large-corpus path; it
prints the fit's wall time and the child's peak resident memory (table included).

Run: ``.venv/bin/python bench/bench_topics.py [--corpora arxiv-2k,arxiv-10k,fields]
[--seeds 0,1,2,3,4] [--no-auto] [--scale [N]]`` (the default corpora take a few minutes;
``arxiv-full`` is not in the default list: add it by name). Threads: the naive pipeline uses the
libraries' defaults, litkit its defaults (BLAS on 1 thread, ``n_jobs`` threads for its blocks:
the cores; the topics do not depend on it); the naive pipeline is also timed on 1 thread
(``threadpool_limits(1)``, its NMI is the same), because its default time depends on the load:
KMeans' OpenMP threads wait for each other when another process holds a core (arXiv 2k: 0.64 s
on its 2 threads, 0.27 s on 1, with another process running), which makes the default ratio
look better on a busy machine than on an idle one. Both pipelines are warmed up first (imports:
igraph's, with matplotlib, takes about 0.5 s).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import litkit  # noqa: E402
from litkit.text import paper_texts  # noqa: E402

#: the shared real exports: $LITKIT_SHARED_DATA, else ../shared/data beside the checkout (or beside
#: the folder of worktrees)
DATA = Path(os.environ.get("LITKIT_SHARED_DATA", "")) if os.environ.get("LITKIT_SHARED_DATA") else \
    next((p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent)
          if (p / "shared" / "data").exists()), ROOT.parent / "shared" / "data")
ARXIV = DATA / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"
#: export -> label of the fields corpus
FIELDS = {"wos/wos_plain_500.txt": "materials", "bibtex/jabref_issue97.bib": "cu2o optics",
          "bibtex/mendeley_webpage.bib": "children's literature",
          "ris/asreview_baseline.ris": "medicine", "ieee-csv/ieee_100.csv": "gpu computing",
          "arxiv/api_search_100.atom.xml": "software testing",
          "arxiv/oai_snapshot_200.jsonl": "physics, maths",
          "scopus-csv/scopus_litstudy.csv": "biological modelling"}
SIZES = {"arxiv-1k": 1000, "arxiv-2k": 2000, "arxiv-10k": 10_000, "arxiv-17.6k": 17_600,
         "arxiv-full": None}
BALANCED = (7, 2500)      # arxiv-balanced: categories, papers of each at most
DEFAULT = "arxiv-1k,arxiv-2k,arxiv-10k,arxiv-balanced,fields"


def arxiv_benchmark(top: int = 8) -> tuple[pd.DataFrame, np.ndarray]:
    papers = litkit.read(ARXIV)
    primary = papers["categories"].map(lambda c: c[0] if len(c) else None)
    keep = primary.isin(primary.value_counts().head(top).index).to_numpy()
    return papers[keep].reset_index(drop=True), primary[keep].to_numpy()


def fields_corpus() -> tuple[pd.DataFrame, np.ndarray]:
    parts, labels = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # skipped records are counted by the readers
        for name, label in FIELDS.items():
            p = litkit.read(DATA / name)
            p = p[p["abstract"].notna().to_numpy()]
            parts.append(p[["id", "title", "abstract", "date"]])
            labels += [label] * len(p)
    return pd.concat(parts, ignore_index=True), np.array(labels)


def corpora(names: list[str]):
    arxiv = None
    for name in names:
        if name == "fields":
            yield name, *fields_corpus()
        elif name == "arxiv-balanced":
            if arxiv is None:
                arxiv = arxiv_benchmark()
            papers, truth = arxiv
            rng = np.random.default_rng(0)
            cats, per = BALANCED
            top = pd.Series(truth).value_counts().index[:cats]
            rows = np.sort(np.concatenate([
                rng.choice(np.flatnonzero(truth == c), min(per, int((truth == c).sum())),
                           replace=False) for c in top]))
            yield name, papers.iloc[rows].reset_index(drop=True), truth[rows]
        elif name in SIZES:
            if arxiv is None:
                arxiv = arxiv_benchmark()
            papers, truth = arxiv
            n = SIZES[name]
            if n is not None:
                rows = np.sort(np.random.default_rng(0).choice(len(papers), n, replace=False))
                yield name, papers.iloc[rows].reset_index(drop=True), truth[rows]
            else:
                yield name, papers, truth
        else:
            raise SystemExit(f"unknown corpus {name!r}; known: {', '.join([*SIZES, 'arxiv-balanced', 'fields'])}")


def naive(papers, k, seed):
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    t = time.perf_counter()
    text = (papers["title"].fillna("") + " " + papers["abstract"].fillna("")).tolist()
    X = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit_transform(text)
    labels = KMeans(k, n_init=1, random_state=seed).fit_predict(X)
    return time.perf_counter() - t, labels


def ours(papers, k, seed, **kw):
    t = time.perf_counter()
    model = litkit.TopicModel(n_topics=k, random_state=seed, **kw).fit(papers)
    return time.perf_counter() - t, model


def encoder():
    """A MiniLM sentence encoder when sentence-transformers has one offline, else None."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    try:
        return SentenceTransformer("all-MiniLM-L6-v2", device="cpu")
    except OSError:
        return None


def run_corpus(name, papers, truth, seeds, auto, enc):
    from sklearn.metrics import normalized_mutual_info_score as nmi
    k = len(set(truth))
    from threadpoolctl import threadpool_limits
    naive(papers.head(200), k, 0)                  # warm up imports and caches, both sides
    ours(papers.head(300), min(k, 3), 0)           # (igraph's import alone takes 0.5 s)
    rows = []
    for seed in seeds:
        tn, ln = naive(papers, k, seed)
        with threadpool_limits(1):
            tn1, _ = naive(papers, k, seed)
        to, m = ours(papers, k, seed)
        rows.append((seed, nmi(truth, ln), tn, tn1,
                     nmi(truth, m.labels_.to_numpy(float, na_value=-1)), to))
    r = pd.DataFrame(rows, columns=["seed", "naive", "naive_s", "naive1_s", "litkit", "litkit_s"])
    print(f"\n== {name}: {len(papers):,} papers, k = {k} labels")
    print(f"{'seed':>6}{'naive NMI':>11}{'litkit NMI':>12}{'naive s':>9}{'1 thread':>10}"
          f"{'litkit s':>10}")
    for row in r.itertuples():
        print(f"{row.seed:>6}{row.naive:>11.3f}{row.litkit:>12.3f}{row.naive_s:>9.2f}"
              f"{row.naive1_s:>10.2f}{row.litkit_s:>10.2f}")
    ratio = r['litkit_s'].sum() / r['naive_s'].sum()
    ratio1 = r['litkit_s'].sum() / r['naive1_s'].sum()
    print(f"{'mean':>6}{r['naive'].mean():>11.3f}{r['litkit'].mean():>12.3f}"
          f"{r['naive_s'].mean():>9.2f}{r['naive1_s'].mean():>10.2f}{r['litkit_s'].mean():>10.2f}"
          f"   litkit min {r['litkit'].min():.3f}, time ratio litkit / naive {ratio:.2f} "
          f"(/ naive on 1 thread {ratio1:.2f})")
    row = {"corpus": f"{name} ({len(papers):,} papers, k = {k})",
           "naive": f"{r['naive'].mean():.3f}",
           "litkit": f"{r['litkit'].mean():.3f} (min {r['litkit'].min():.3f}; {ratio:.2f}x time, "
                     f"{ratio1:.2f}x naive on 1 thread)",
           "embeddings": "not installed", "auto k": "-"}
    if enc is not None:
        t = time.perf_counter()
        text = paper_texts(papers).fillna("").tolist()
        E = enc.encode(text, batch_size=64, normalize_embeddings=True)
        te = time.perf_counter() - t
        from sklearn.cluster import KMeans
        scores = [nmi(truth, KMeans(k, n_init=10, random_state=s).fit_predict(E)) for s in seeds]
        ours_e = [nmi(truth, litkit.TopicModel(n_topics=k, random_state=s).fit(
            papers, embeddings=E).labels_.to_numpy(float, na_value=-1)) for s in seeds]
        print(f"MiniLM embeddings + KMeans(n_init=10): NMI mean {np.mean(scores):.3f}, min "
              f"{np.min(scores):.3f}; TopicModel(embeddings=E): mean {np.mean(ours_e):.3f}, min "
              f"{np.min(ours_e):.3f} ({te:.0f} s to embed)")
        row["embeddings"] = f"{np.mean(scores):.3f} / litkit {np.mean(ours_e):.3f} ({te:.0f} s to embed)"
    if auto:
        t = time.perf_counter()
        m = litkit.TopicModel(n_topics="auto", random_state=0).fit(papers)
        ok = k / 2 <= m.n_topics_ <= 2 * k
        print(f"n_topics='auto': chose k = {m.n_topics_} ({'within' if ok else 'OUTSIDE'} "
              f"[{k / 2:g}, {2 * k}]), NMI {nmi(truth, m.labels_.to_numpy(float, na_value=-1)):.3f}"
              f", {time.perf_counter() - t:.1f} s")
        print(m.k_scores_.round(3).to_string(index=False))
        row["auto k"] = f"{m.n_topics_}" + ("" if ok else " (outside [k/2, 2k])")
    return row


def print_table(rows) -> None:
    """The issue's table: one row per corpus, mean NMI over the seeds."""
    cols = ["corpus", "naive", "litkit", "embeddings", "auto k"]
    heads = ["corpus (real labels)", "naive TF-IDF + KMeans", "litkit (min seed; time / naive, / naive on 1 thread)",
             "MiniLM + KMeans(n_init=10) / litkit on it", "auto k"]
    print("\n| " + " | ".join(heads) + " |\n|" + "---|" * len(cols))
    for row in rows:
        print("| " + " | ".join(row[c] for c in cols) + " |")


def scale_child(n: int) -> None:
    papers, _ = arxiv_benchmark(top=10 ** 6)
    rng = np.random.default_rng(0)
    big = papers.iloc[rng.integers(0, len(papers), n)].reset_index(drop=True)
    del papers
    t = time.perf_counter()
    model = litkit.TopicModel(n_topics=20, random_state=0, verbose=sys.stderr.isatty()).fit(big)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    print(f"scale: {n:,} documents (resampled with replacement, seed 0): fit {wall:.1f} s wall, "
          f"peak RSS {peak:.2f} GB (table included), {int(model.labels_.notna().sum()):,} "
          f"labelled, {model.n_topics_} topics")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=DEFAULT)
    ap.add_argument("--seeds", default="0,1,2,3,4")
    ap.add_argument("--no-auto", action="store_true", help="skip the n_topics='auto' fits")
    ap.add_argument("--scale", nargs="?", const=1_000_000, type=int, default=None)
    ap.add_argument("--child-scale", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_scale:
        scale_child(args.child_scale)
        return
    if not DATA.exists():
        raise SystemExit(f"{DATA} is missing: the benchmark needs the shared real exports")
    seeds = [int(s) for s in args.seeds.split(",")]
    enc = encoder()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; embedding path: "
          + ("MiniLM" if enc is not None else "skipped (sentence-transformers with a MiniLM model "
                                              "is not installed)"))
    rows = [run_corpus(name, papers, truth, seeds, not args.no_auto, enc)
            for name, papers, truth in corpora(args.corpora.split(","))]
    print(f"\nmean of seeds {args.seeds}; load average {os.getloadavg()[0]:.1f} at the end")
    print_table(rows)
    if args.scale:
        env = dict(os.environ, PYTHONHASHSEED="0")
        subprocess.run([sys.executable, __file__, "--child-scale", str(args.scale)], check=True,
                       env=env)


if __name__ == "__main__":
    main()

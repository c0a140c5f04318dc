"""Benchmark: deduplicate 100,000 records built from the real arXiv corpus.

The corpus (``../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz``, 74,728 distinct papers; the
bundled ``data/arxiv-sample.jsonl.gz`` when it is absent, resampled) gets 25,272 injected
duplicates written the way a second database would write them: identifiers removed, titles
perturbed (capitals, punctuation, BibTeX braces, a swapped-letter typo, HTML markup, a
dropped subtitle), names in Scopus form ("Smith J."), some years off by one. Then:

* time (wall and CPU) and peak memory (resident, sampled) of ``litkit.deduplicate`` at 25k, 50k and 100k records,
* next to a baseline measured in the same run on the same table:
  ``pandas.DataFrame.drop_duplicates`` on the normalised-by-lower-case title and year
  (the naive deduplication many scripts do), printed as ratios;
* precision and recall of the duplicates found against the injected truth.

Run: ``.venv/bin/python bench/bench_dedup.py`` (about a minute; reads ../shared when present).
"""

from __future__ import annotations

import gc
import os
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import litkit  # noqa: E402
from litkit.schema import from_records  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"
SAMPLE = ROOT / "data" / "arxiv-sample.jsonl.gz"
N = 100_000


def perturb(t: str, rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return t.upper()
    if kind == 1:
        return t.replace(": ", " - ", 1)
    if kind == 2:
        return " ".join("{" + w + "}" if w[:1].isupper() else w for w in t.split())
    if kind == 3:
        words = t.split()
        long = [k for k, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long:
            k = rng.choice(long)
            w = words[k]
            p = rng.randrange(1, len(w) - 2)
            words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2:]
        return " ".join(words)
    if kind == 4:
        return re.sub(r"(\w+)", r"<i>\1</i>", t, count=1)
    if kind == 5 and ": " in t and len(t.split(": ")[0].split()) >= 4:
        return t.split(": ")[0]
    if kind == 6:
        return t.lower() + "."
    return t


def scopus_name(name: str) -> str:
    parts = name.split()
    if len(parts) < 2 or parts[-1] in ("Team", "Collaboration"):
        return name
    return parts[-1] + " " + "".join(p[0] + "." for p in parts[:-1])


def build(n: int = N, seed: int = 0) -> tuple[pd.DataFrame, str]:
    src = SHARED if SHARED.exists() else SAMPLE
    base = litkit.read(src)
    rng = random.Random(seed)
    n_base = min(len(base), n * 3 // 4)
    base = base.iloc[sorted(rng.sample(range(len(base)), n_base))].reset_index(drop=True)
    recs = []
    for k in range(n - n_base):
        r = base.iloc[rng.randrange(n_base)]
        year = int(r["year"]) + (rng.choice([-1, 1]) if rng.random() < 0.2 else 0)
        recs.append({"id": f"dup:{k}", "title": perturb(r["title"], rng),
                     "authors": [scopus_name(a) for a in r["authors"]],
                     "abstract": r["abstract"] if rng.random() < 0.5 else None, "year": year,
                     "source": "scopus-csv", "source_ref": f"dup.csv:{k + 2}",
                     "extra": {"truth": r["id"]}})
    base = base.assign(extra=[{"truth": i} for i in base["id"]])
    papers = pd.concat([base, from_records(recs)], ignore_index=True)
    # shuffled (fixed seed) so that every prefix of 25k/50k records holds its share of duplicates
    order = list(range(len(papers)))
    rng.shuffle(order)
    papers = papers.iloc[order].reset_index(drop=True)
    return papers, f"{src.name} ({n_base:,} papers) + {n - n_base:,} injected duplicates"


def baseline(papers: pd.DataFrame) -> pd.DataFrame:
    key = papers.assign(_t=papers["title"].str.lower().str.strip())
    return key.drop_duplicates(subset=["_t", "year"])


class _PeakRSS:
    """Peak resident memory above the starting point, sampled every 2 ms in a thread
    (psutil); tracemalloc (much slower, Python allocations only) when psutil is missing."""

    def __enter__(self):
        import threading
        try:
            import psutil
        except ImportError:
            self.proc = None
            tracemalloc.start()
            return self
        self.proc = psutil.Process()
        self.start = self.peak = self.proc.memory_info().rss
        self.stop = threading.Event()

        def poll():
            while not self.stop.is_set():
                self.peak = max(self.peak, self.proc.memory_info().rss)
                self.stop.wait(0.002)
        self.thread = threading.Thread(target=poll, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.proc is None:
            self.used = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        else:
            self.stop.set()
            self.thread.join()
            self.peak = max(self.peak, self.proc.memory_info().rss)
            self.used = self.peak - self.start


def measure(fn, papers):
    gc.collect()
    with _PeakRSS() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(papers)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    return elapsed, cpu, max(mem.used, 1)


def _child(which: str, n: int, table: str) -> None:
    """Run one measurement in a fresh process, so that memory freed by an earlier run is not
    reused and hidden from the resident-memory peak; print it as JSON."""
    import json
    papers = pd.read_pickle(table).iloc[:n]
    fn = litkit.deduplicate if which == "dedup" else baseline
    if which == "dedup":
        litkit.deduplicate(papers.iloc[:200])        # import the modules before measuring
    print(json.dumps(dict(zip(("wall", "cpu", "mem"), measure(fn, papers)))))


def measure_in_child(which: str, n: int, table: str):
    import json
    import subprocess
    out = subprocess.run([sys.executable, __file__, "--child", which, str(n), table],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return r["wall"], r["cpu"], r["mem"]


def main() -> None:
    papers, what = build()
    print(f"input: {len(papers):,} records: {what}")
    print("each run in a fresh process: wall/CPU seconds, peak resident memory above the start "
          "of the call (sampled every 2 ms)")
    print(f"{'records':>8} {'dedup s':>8} {'cpu s':>6} {'base s':>7} {'time x':>7} {'dedup MB':>9} "
          f"{'base MB':>8} {'mem x':>6} {'MB/1k rec':>9}")
    import tempfile
    tmp = tempfile.TemporaryDirectory()
    table = os.path.join(tmp.name, "papers.pkl")
    papers.to_pickle(table)
    for n in (25_000, 50_000, len(papers)):
        t_d, c_d, m_d = measure_in_child("dedup", n, table)
        t_b, c_b, m_b = measure_in_child("baseline", n, table)
        print(f"{n:>8,} {t_d:>8.2f} {c_d:>6.2f} {t_b:>7.2f} {t_d / t_b:>7.1f} {m_d / 1e6:>9.1f} "
              f"{m_b / 1e6:>8.1f} {m_d / m_b:>6.1f} {m_d / 1e6 / (n / 1000):>9.2f}")
    out, audit = litkit.deduplicate(papers)
    assert len(out) + len(audit) == len(papers)
    truth = papers["extra"].map(lambda e: e["truth"])
    true_dups = int(truth.duplicated().sum())
    truth_of = dict(zip(papers["source_ref"], truth))
    kept = dict(zip(out["id"], out["extra"].map(lambda e: e["truth"])))
    correct = sum(truth_of[r] == kept[k] for r, k in zip(audit["removed_source_ref"], audit["kept_id"]))
    base_removed = len(papers) - len(baseline(papers))
    print(f"duplicates injected {true_dups:,}; found {len(audit):,} "
          f"(precision {correct / max(len(audit), 1):.4f}, recall {correct / true_dups:.4f}); "
          f"rules {audit['rule'].value_counts().to_dict()}")
    print(f"baseline drop_duplicates(title.lower(), year) removes {base_removed:,} "
          f"(recall at most {base_removed / true_dups:.4f})")
    print(f"target: 100,000 records under 10 s: {'met' if t_d < 10 else 'NOT met'} ({t_d:.2f} s wall, "
          f"{c_d:.2f} s CPU; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main()

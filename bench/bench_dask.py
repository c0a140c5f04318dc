"""Benchmark: the Dask engine on a LocalCluster, read -> deduplicate -> trends -> topics.

Data (this benchmark depends on ../shared): ``../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz``
(74,728 arXiv cs papers), resampled with replacement (seed 0) to each size and written as
uncompressed JSON-lines shards of ``--shard`` records (default 10,000: every size has
partitions of the same size, one a shard). Each draw is made a distinct paper (its own arXiv
id, its title followed by the draw's number: no rule merges two draws; authors, dates and
abstract kept), except ``--duplicates`` of the records (default 10%), which repeat another
record of the set as it is (same id and title, as overlapping snapshots give): the input stays
the same kind at every size, and deduplication removes that fraction. The workers write the
deduplicated partitions to local disk and the trends (``counts_by_period`` by month and
category) and the topics (``TopicModel(n_topics=20, stability_runs=0)`` learning from a seeded
sample of ``--topic-sample`` papers, default 10,000, gathered to the client; every paper then
assigned on the workers) read them back, so no worker holds the corpus.

Per size, on a fresh LocalCluster of ``--workers`` worker processes (1 thread each; fresh so
that each size's peak is its own), it prints the wall time and every worker's peak resident
memory (VmHWM, read on the workers by ``client.run``, then reset through
``/proc/self/clear_refs``) of each stage: "read+keys" (every partition read and its blocking
keys computed; the client joins them into blocks), "dedup" (read again, shuffled to the blocks'
partitions, deduplicated, shuffled back and written), "trends", "topics"; the overall worker
peak ("max"), the client's peak (it also holds the bench's own copy of the corpus lines, about
300 MB), and on a second line the workers' resident memory at the start of each stage (a
stage's peak includes what the allocator kept from the stages before; ``--trim`` runs
``gc.collect()`` and glibc's ``malloc_trim`` on the workers between stages) and at the start
(after importing litkit, before any task). Where ``--memory-max`` allows, the same pipeline
runs in memory in a child process: its wall time, peak resident memory and the ratio of the
wall times. ``--memory-limit``, ``--p2p-buffer`` and ``--arena-max`` set the workers' memory
limit, P2P send buffer and ``MALLOC_ARENA_MAX`` (a 64 MiB buffer and an arena maximum of 1 did
not change the peaks much at 80,000-160,000 records, nor did a 32 MiB send and 16 MiB storage
buffer at 160,000; the memory limit was not tried). ``--worker-env NAME=VALUE`` sets any other
variable of the worker processes (``MALLOC_MMAP_THRESHOLD_=16384``, so that glibc maps
the shards' buffers instead of keeping them in its heap: 529/498 and 590/560 MB at
80,000 and 320,000 records against 464/492 and 562/597 MB without, so no change). Dask's statistical profiler is off on the
workers (``distributed.worker.profile.enabled``; ``--profile`` keeps it): it keeps a profile of
every second of the run, up to 1,000 of them, and the source lines it saw, so its memory grows
with the run's wall time (about 30 MB of Python objects per worker after 8 minutes, traced).
The cluster starts under ``litkit.dask.WORKER_CONFIG`` (``--dask-defaults``: without it): the
worker processes' mimalloc (pyarrow's memory pool) gives freed pages back at once
(``MIMALLOC_PURGE_DELAY=0``) and the scheduler gives each worker one root task per thread
(``worker-saturation`` 1.0, dask's default 1.1). The P2P shuffles' Arrow conversions run in the
shuffle's threads, after which ``litkit.dask.release`` does not run, and mimalloc kept the pages
they freed resident (the shuffle's split of 8 partitions repeated in one process: up to 100 MB
more resident, 5 MB with the purge delay 0); with the config the peaks at 20,000-160,000
records were 27-62 MB lower, those at 320,000-640,000 not (the dedup stage still grows: glibc's
heap in use climbs by about a partition per shuffle task until the shuffle's barrier, which
neither the live DataFrames, the large Python objects nor the P2P buffers account for; sampled
on the workers at every task transition).

Run: ``nice .venv/bin/python bench/bench_dask.py [--sizes 20000,40000,80000,160000,320000]
[--memory-max 40000]`` (about 10 minutes on 2 cores). The machine is shared: say the load
average (printed) with the figures.

``--check`` instead compares, on a LocalCluster of 2 worker processes (under ``WORKER_CONFIG``),
the Dask engine with the in-memory functions on the whole corpus (no timing asserted; it prints
"equal" or the first difference of each table and exits 1 on any difference): the papers and
skipped records read from the gzip file (one partition) and from its uncompressed copy cut into
``--check-blocksize`` byte ranges; on the latter, ``counts_by_period`` (year; month by
categories; quarter by categories exploded), ``shares_over_time``, ``author_stats``,
``deduplicate`` (kept rows and audit), ``TopicModel(n_topics=20, random_state=0,
stability_runs=0).fit`` (labels, topics table) and the trend / author tables by those labels;
then ``deduplicate`` of the corpus with 25,272 injected duplicates (``bench_dedup.build``: no
ids, perturbed titles) in 8 partitions.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
#: the shared corpus beside the checkout (a worktree one level deeper finds it too)
CORPUS = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if p.exists()), ROOT.parent / "shared") / "data/arxiv/arxiv-cs-2025-2026.jsonl.gz"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _variant(line: bytes, v: int) -> bytes:
    """Record ``line`` made a distinct paper, number ``v``: its own arXiv id and its title
    followed by ``(v)`` (a number in the title: no title or near-duplicate rule merges two
    variants), everything else (authors, dates, abstract) kept."""
    rec = json.loads(line)
    rec["id"] = f"{30 + v // 1_200_000:02d}{v // 100_000 % 12 + 1:02d}.{v % 100_000:05d}"
    rec["title"] = f"{rec.get('title') or ''} ({v})"
    return json.dumps(rec).encode()


def write_shards(lines: list[bytes], n: int, folder: Path, shard: int,
                 duplicates: float) -> int:
    """``n`` records in shards of ``shard`` lines; the number of distinct papers among them.

    Drawn with replacement (seed 0) from the corpus, each draw made a distinct paper
    (:func:`_variant`), except that a ``duplicates`` fraction of the records are repeats of
    another record of the set (same id and title, as overlapping snapshots give), placed at
    random: the input stays the same kind at every size.
    """
    rng = np.random.default_rng(0)
    distinct = n - int(round(n * duplicates))
    pick = rng.integers(0, len(lines), distinct)
    order = np.concatenate([np.arange(distinct), rng.integers(0, distinct, n - distinct)])
    order = order[rng.permutation(n)]
    folder.mkdir(parents=True)
    for k, off in enumerate(range(0, n, shard)):
        with open(folder / f"part-{k:04d}.jsonl", "wb") as fh:
            fh.write(b"\n".join(_variant(lines[pick[v]], int(v)) for v in order[off:off + shard])
                     + b"\n")
    return distinct


def reset_peak(trim: bool = False) -> float:
    """Start this process's VmHWM afresh (Linux: ``/proc/self/clear_refs``), so the next
    :func:`peak_mb` is the peak of what follows; the resident memory now (VmRSS, MB), where
    that peak starts from. ``trim``: first collect garbage and give free heap pages back to
    the system (glibc ``malloc_trim``), so the next peak holds less of earlier stages."""
    if trim:
        import ctypes
        import gc
        gc.collect()
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return float("nan")


def peak_mb() -> float:
    """This process's peak resident memory, MB: VmHWM (Linux), else ``ru_maxrss``.

    ``ru_maxrss`` is no use for the workers: it keeps the peak of the process they were forked
    from (the client, holding the corpus), across the exec; VmHWM starts afresh at the exec.
    """
    try:
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spill(part, folder: str, partition_info=None):
    """Write a partition to local disk (what a cluster keeps on its storage); its path."""
    import pandas as pd
    path = os.path.join(folder, f"dedup-{partition_info['number']:05d}.pkl")
    part.to_pickle(path)
    return pd.DataFrame({"path": [path]})


#: the stages of the pipeline, in order (the Dask run measures each worker's peak in each)
STAGES = ("read+keys", "dedup", "trends", "topics")


def pipeline(papers, topic_sample: int, spill: str | None = None, mark=None):
    """read -> deduplicate -> trends -> topics; what they found.

    ``mark(stage)`` is called at the end of each of :data:`STAGES` (the caller times it and
    reads the workers' peaks). With ``spill`` (a folder; Dask), the deduplicated partitions are
    written there by the workers and read back for the trends and the topics, so no worker
    holds the corpus. Stages: "read+keys" reads every partition and computes the blocking keys
    (Dask: the client joins them into blocks; in memory: read, deduplicate), "dedup" (Dask)
    reads again, shuffles the blocked records, deduplicates and writes the result.
    """
    import litkit
    from litkit.dask import fit_topics, sample
    mark = mark or (lambda stage: None)
    out, audit = litkit.deduplicate(papers)
    mark("read+keys")
    if spill is not None:
        import dask
        import dask.dataframe as dd
        import pandas as pd
        from litkit.dask import no_string_conversion
        with no_string_conversion():
            paths, removed = dask.compute(
                out.map_partitions(_spill, spill, meta={"path": object}),
                audit.map_partitions(len))
            out = dd.from_delayed([dask.delayed(pd.read_pickle)(p) for p in paths["path"]],
                                  meta=out._meta, verify_meta=False)
        removed = int(removed.sum())
    else:
        removed = len(audit)
    mark("dedup")
    counts = litkit.counts_by_period(out, "month", by="categories")
    mark("trends")
    model = litkit.TopicModel(n_topics=20, random_state=0, stability_runs=0)
    if spill is not None:
        fit_topics(model, out, sample_cap=topic_sample)
        sizes = model.labels_.value_counts().compute()
    else:
        sizes = model.fit(sample(out, topic_sample, 0)).predict(out).value_counts()
    mark("topics")
    return int(sizes.sum()), removed, int(counts["count"].sum())


class Marks:
    """The wall time of each stage and, with ``client``, every worker's peak memory in it."""

    def __init__(self, client=None, trim: bool = False):
        self.client, self.trim, self.times, self.peaks, self.floors = client, trim, {}, {}, {}
        self.floor = self._reset()
        self.t = time.perf_counter()

    def _reset(self):
        if self.client is None:
            return None
        floors = self.client.run(reset_peak, self.trim)
        return [floors[w] for w in sorted(floors)]

    def __call__(self, stage: str) -> None:
        self.times[stage] = time.perf_counter() - self.t
        if self.client is not None:
            peaks = self.client.run(peak_mb)
            self.peaks[stage] = [peaks[w] for w in sorted(peaks)]
            self.floors[stage] = self.floor
            self.floor = self._reset()
        self.t = time.perf_counter()


def in_memory(folder: str, topic_sample: int) -> None:
    """The child process of the in-memory run: prints one JSON line."""
    import litkit
    marks = Marks()
    papers = litkit.read(folder)
    n, removed, counted = pipeline(papers, topic_sample, mark=marks)
    print(json.dumps({"times": marks.times, "papers": n, "peak_mb": peak_mb()}))


def _compare(name: str, got, want) -> bool:
    import pandas as pd
    try:
        if isinstance(want, pd.Series):
            pd.testing.assert_series_equal(got.reset_index(drop=True), want.reset_index(drop=True))
        else:
            pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
            assert got.attrs == want.attrs, f"attrs differ: {got.attrs} != {want.attrs}"
    except AssertionError as exc:
        print(f"  {name}: DIFFERENT ({len(got):,} vs {len(want):,} rows): "
              f"{' '.join(str(exc).split())[:300]}", flush=True)
        return False
    print(f"  {name}: equal ({len(want):,} rows)", flush=True)
    return True


def check(blocksize: int) -> None:
    """``--check``: the Dask engine against the in-memory functions on the whole corpus."""
    import dask
    import dask.dataframe as dd
    import litkit
    from distributed import Client, LocalCluster
    from litkit.dask import no_string_conversion
    import bench_dedup
    bench_dedup.SHARED = CORPUS        # it looks beside the checkout only
    trend_args = [("counts_by_period year", {"freq": "year"}),
                  ("counts_by_period month by categories", {"freq": "month", "by": "categories"}),
                  ("counts_by_period quarter by categories exploded",
                   {"freq": "quarter", "by": "categories", "multi": "explode"})]

    def analyses(papers, fit_model):
        out = {name: litkit.counts_by_period(papers, **kw) for name, kw in trend_args}
        out["shares_over_time categories month top 10"] = litkit.shares_over_time(
            papers, "categories", "month", top=10)
        out["author_stats"] = litkit.author_stats(papers)
        kept, audit = litkit.deduplicate(papers)
        out["deduplicate kept rows"], out["deduplicate audit"] = dask.compute(kept, audit)
        model = litkit.TopicModel(n_topics=20, random_state=0, stability_runs=0)
        labels = fit_model(model, papers)
        out["topic labels (seed 0)"], out["topics_ table"] = labels, model.topics_
        out["counts_by_period month by topic"] = litkit.counts_by_period(
            papers, "month", by=model.labels_)
        out["author_stats by topic"] = litkit.author_stats(papers, model.labels_)
        return out

    ok = True
    with tempfile.TemporaryDirectory(prefix="check_dask_") as tmp:
        plain = Path(tmp) / "arxiv-cs-2025-2026.jsonl"
        plain.write_bytes(gzip.decompress(CORPUS.read_bytes()))
        injected, what = bench_dedup.build(100_000)
        t = time.perf_counter()
        gz_want = litkit.read(CORPUS, return_skipped=True)
        want_read = litkit.read(plain, return_skipped=True)
        want = analyses(want_read[0], lambda m, p: m.fit(p).labels_)
        want_injected = litkit.deduplicate(injected)
        memory_s = time.perf_counter() - t
        print(f"in memory: {memory_s:.0f} s; load average {os.getloadavg()[0]:.1f}", flush=True)
        from litkit.dask import WORKER_CONFIG
        with dask.config.set(WORKER_CONFIG), \
                LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                             dashboard_address=None) as cluster, Client(cluster) as client, \
                dask.config.set(scheduler="distributed"):
            t = time.perf_counter()
            gz = litkit.read(CORPUS, engine="dask", return_skipped=True)
            blocks = litkit.read(plain, engine="dask", blocksize=blocksize, return_skipped=True)
            print(f"{len(want_read[0]):,} papers; Dask partitions: gzip {gz[0].npartitions}, "
                  f"uncompressed {blocks[0].npartitions} ({blocksize:,} bytes)", flush=True)
            for label, got, ref in (("gzip", gz, gz_want), ("blocks", blocks, want_read)):
                got = dask.compute(*got)
                ok &= _compare(f"papers ({label})", got[0], ref[0])
                ok &= _compare(f"skipped ({label})", got[1], ref[1])
            papers = blocks[0].persist()
            got = analyses(papers, lambda m, p: m.fit(p).labels_.compute())
            for name, table in want.items():
                ok &= _compare(name, got[name], table)
            cuts = np.linspace(0, len(injected), 9).astype(int)   # 8 partitions, sent once
            chunks = [injected.iloc[a:b] for a, b in zip(cuts[:-1], cuts[1:])]
            with no_string_conversion():
                parts = dd.from_delayed(client.scatter(chunks), meta=injected.iloc[:0],
                                        verify_meta=False)
            got_injected = dask.compute(*litkit.deduplicate(parts))
            print(f"{what}:", flush=True)
            ok &= _compare("deduplicate kept rows (injected duplicates)", got_injected[0],
                           want_injected[0])
            ok &= _compare("deduplicate audit (injected duplicates)", got_injected[1],
                           want_injected[1])
            print(f"Dask: {time.perf_counter() - t:.0f} s; load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
    print("ALL EQUAL" if ok else "SOME TABLES DIFFER")
    sys.exit(0 if ok else 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="20000,40000,80000")
    ap.add_argument("--memory-max", type=int, default=40_000, help="largest in-memory run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard", type=int, default=10_000, help="records per shard file")
    ap.add_argument("--blocksize", type=int, default=64 * 2**20)
    ap.add_argument("--topic-sample", type=int, default=10_000)
    ap.add_argument("--duplicates", type=float, default=0.1,
                    help="fraction of the records that repeat another (real duplicates)")
    ap.add_argument("--p2p-buffer", default="",
                    help="distributed.p2p.comm.buffer on the workers (default: dask's, 1 GiB)")
    ap.add_argument("--worker-env", action="append", default=[], metavar="NAME=VALUE",
                    help="an environment variable of the worker processes (repeatable), e.g. "
                         "MALLOC_MMAP_THRESHOLD_=65536")
    ap.add_argument("--arena-max", type=int, default=0,
                    help="MALLOC_ARENA_MAX of the worker processes (glibc; 0: glibc's default)")
    ap.add_argument("--profile", action="store_true",
                    help="keep dask's statistical profiler on the workers (default: off)")
    ap.add_argument("--dask-defaults", action="store_true",
                    help="without litkit.dask.WORKER_CONFIG (mimalloc's delayed purge, "
                         "worker-saturation 1.1)")
    ap.add_argument("--trim", action="store_true",
                    help="collect garbage and malloc_trim the workers between stages")
    ap.add_argument("--memory-limit", default="0",
                    help="per worker (LocalCluster's memory_limit; 0: none)")
    ap.add_argument("--check", action="store_true",
                    help="compare the Dask engine with the in-memory functions instead")
    ap.add_argument("--check-blocksize", type=int, default=16 * 2**20)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.check:
        return check(args.check_blocksize)
    if args.child:
        return in_memory(args.child, args.topic_sample)
    import dask
    import litkit
    from distributed import Client, LocalCluster
    if not CORPUS.exists():
        sys.exit(f"needs the shared corpus {CORPUS}")
    lines = [ln for ln in gzip.decompress(CORPUS.read_bytes()).split(b"\n") if ln.strip()]
    print(f"corpus: {len(lines):,} records; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores; {args.workers} worker processes x 1 thread")
    print(f"{'records':>9} {'parts':>5} {'wall':>7} "
          + " ".join(f"{st:>15}" for st in STAGES)
          + f" {'max':>9} {'client':>6} {'memory':>8} {'MB':>5} {'ratio':>5}")
    print(f"{'':15} {'':>7} " + " ".join(f"{'s  peaks MB':>15}" for _ in STAGES)
          + "   (peaks: per worker, VmHWM in the stage; ratio: Dask / in-memory wall)")
    from litkit.dask import WORKER_CONFIG
    # litkit's cluster config (mimalloc's freed pages given back at once in the worker
    # processes; one root task per thread), unless --dask-defaults
    config = {} if args.dask_defaults else dict(WORKER_CONFIG)
    # the P2P shuffle's send buffer (1 GiB by default, per worker): the workers' config
    if args.p2p_buffer:
        config["distributed.p2p.comm.buffer"] = args.p2p_buffer
    if not args.profile:
        # the workers' statistical profiler keeps a profile of every second for up to 1,000 s
        # (distributed.admin.low-level-log-length) and the source lines it saw: memory that
        # grows with the run's wall time, so with the record count
        config["distributed.worker.profile.enabled"] = False
    if args.arena_max:
        # set before the worker processes start (the Nanny's environment for them)
        config["distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX"] = args.arena_max
    for setting in args.worker_env:
        name, _, value = setting.partition("=")
        config[f"distributed.nanny.pre-spawn-environ.{name}"] = value
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            folder, spill = Path(tmp) / f"n{n}", Path(tmp) / f"dedup{n}"
            distinct = write_shards(lines, n, folder, args.shard, args.duplicates)
            spill.mkdir()
            # a fresh cluster per size: each worker's peak is this size's own
            with dask.config.set(config), \
                    LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                 dashboard_address=None, memory_limit=args.memory_limit) \
                    as cluster, Client(cluster) as client, \
                    dask.config.set(scheduler="distributed"):
                client.run(_warm)
                start = client.run(peak_mb)
                t = time.perf_counter()
                marks = Marks(client, trim=args.trim)
                papers = litkit.read(folder, engine="dask", blocksize=args.blocksize)
                n_labels, removed, counted = pipeline(papers, args.topic_sample,
                                                      spill=str(spill), mark=marks)
                wall = time.perf_counter() - t
            mem = ""
            if n <= args.memory_max:
                child = subprocess.run([sys.executable, __file__, "--child", str(folder),
                                        "--topic-sample", str(args.topic_sample)],
                                       capture_output=True, text=True, check=True)
                res = json.loads(child.stdout.strip().splitlines()[-1])
                total = sum(res["times"].values())
                assert res["papers"] == n_labels
                mem = f"{total:7.1f}s {res['peak_mb']:5.0f} {wall / total:5.2f}"
            cells = " ".join(f"{marks.times[st]:5.0f} " + "/".join(f"{p:.0f}" for p in
                                                                  marks.peaks[st])
                             for st in STAGES)
            top = max(max(v) for v in marks.peaks.values())
            print(f"{n:9,} {papers.npartitions:5d} {wall:6.1f}s {cells} {top:9.0f} "
                  f"{peak_mb():6.0f} {mem}", flush=True)
            print(f"{'':9} resident at each stage's start (MB): " + "; ".join(
                f"{st} " + "/".join(f"{f:.0f}" for f in marks.floors[st]) for st in STAGES))
            print(f"{'':9} distinct {distinct:,}; merged away {removed:,}, labelled "
                  f"{n_labels:,}, counted {counted:,}; at start "
                  + "/".join(f"{start[w]:.0f}" for w in sorted(start))
                  + f" MB; load average {os.getloadavg()[0]:.1f}", flush=True)
            for f in (*folder.iterdir(), *spill.iterdir()):
                f.unlink()


def _warm() -> None:
    """What every worker imports before its first task (its peak memory at the start)."""
    import litkit.clean  # noqa: F401
    import litkit.topics  # noqa: F401


if __name__ == "__main__":
    main()

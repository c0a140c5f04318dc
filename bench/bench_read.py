"""Read throughput and peak memory of every litkit reader, next to a baseline measured in the same run.

    python bench/bench_read.py            # every format's largest sample + the full arXiv corpus
    python bench/bench_read.py --quick    # samples only
    python bench/bench_read.py --corpus path/to/arxiv.jsonl.gz --repeat 3

For each format litkit reads (``litkit.io.available_readers()``) the largest sample file found
in ``tests/fixtures/<kind>/`` and, when present, ``../shared/data/<kind>/`` is read; the format
is the one litkit detects, so readers are covered as they are added. The full 74,728-paper arXiv
corpus (``../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz``) is read when present, and skipped
with a message otherwise.

Every measurement runs in a fresh subprocess, so the peak memory (``ru_maxrss``: the whole
process, Python and pandas included) is that of one read alone. Baselines:

* arXiv corpus: plain ``gzip`` + ``json.loads`` of every line (the target is at most 3.5x
  that time, and at most 1.5 GB of peak memory);
* other files: reading the bytes and decoding them (the target is under 2 s a file).
  litkit's own CSV and Parquet have no sample in the wild: the bundled arXiv sample is
  written in them for the run.

Times are the best of ``--repeat`` runs, the baseline and the read alternating, so a busy
machine disturbs both alike. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared" / "data"
CORPUS = SHARED / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"

CORPUS_MAX_RATIO = 3.5
CORPUS_MAX_MB = 1500
SAMPLE_MAX_SECONDS = 2.0


# --- the worker: one measurement in this process ----------------------------------------

def _maxrss_mb() -> float:
    import resource
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _cpu() -> float:
    return time.process_time()


def _worker(kind: str, path: str, fmt: str | None) -> dict:
    if kind == "read":
        sys.path.insert(0, str(ROOT))
        import litkit  # noqa: F401  (imported before the clock starts, like a notebook would)
        import litkit.io
        c, t = _cpu(), time.perf_counter()
        papers, skipped = litkit.io.read(path, format=fmt, return_skipped=True)
        seconds = time.perf_counter() - t
        return {"seconds": seconds, "cpu": _cpu() - c, "records": len(papers),
                "skipped": len(skipped), "peak_mb": _maxrss_mb()}
    if kind == "idle":                      # the memory of a process that only imports litkit
        sys.path.insert(0, str(ROOT))
        import litkit.io  # noqa: F401
        import pandas  # noqa: F401
        return {"seconds": 0.0, "peak_mb": _maxrss_mb()}
    if kind == "baseline-json":
        import gzip
        c, t = _cpu(), time.perf_counter()
        n = 0
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as fh:
            for line in fh:
                if line.strip():
                    json.loads(line)
                    n += 1
        return {"seconds": time.perf_counter() - t, "cpu": _cpu() - c, "records": n,
                "peak_mb": _maxrss_mb()}
    if kind == "baseline-decode":
        import gzip
        t = time.perf_counter()
        data = Path(path).read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        data.decode("utf-8", errors="replace")
        return {"seconds": time.perf_counter() - t, "peak_mb": _maxrss_mb()}
    raise SystemExit(f"unknown worker {kind}")


def _run(kind: str, path: Path, fmt: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, str(path)]
    if fmt:
        cmd += ["--format", fmt]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONWARNINGS="ignore")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _best(kind_a: str, kind_b: str, path: Path, fmt: str | None, repeat: int):
    """Best-of-``repeat`` of two measurements, alternating them."""
    a_runs, b_runs = [], []
    for _ in range(repeat):
        a_runs.append(_run(kind_a, path))
        b_runs.append(_run(kind_b, path, fmt))
    def best(runs):
        ok = [r for r in runs if "error" not in r]
        if not ok:
            return runs[0]
        out = min(ok, key=lambda r: r["seconds"])
        out["peak_mb"] = max(r["peak_mb"] for r in ok)
        return out
    return best(a_runs), best(b_runs)


# --- choosing the files -------------------------------------------------------------------

def _candidates() -> list[Path]:
    files = []
    for base in (FIXTURES, SHARED):
        if not base.is_dir():
            continue
        for kind in sorted(p for p in base.iterdir() if p.is_dir()):
            for f in sorted(kind.iterdir()):
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() != ".md":
                    files.append(f)
    return files


def largest_samples() -> dict[str, Path]:
    """Detected format -> the largest sample file of that format (the corpus aside)."""
    sys.path.insert(0, str(ROOT))
    from litkit.io import _base, detect_format
    best: dict[str, Path] = {}
    for f in _candidates():
        if f.name == CORPUS.name:
            continue
        try:
            fmt, score = detect_format(_base.load(f))
        except Exception:
            continue
        if fmt is None or score < 0.2:
            continue
        if fmt not in best or f.stat().st_size > best[fmt].stat().st_size:
            best[fmt] = f
    return best


#: formats litkit writes itself: no export in the wild, so a sample is written for the run
WRITTEN = {"litkit-csv": ".csv", "parquet": ".parquet"}


def written_samples(formats, folder: Path) -> dict[str, Path]:
    """Write the bundled arXiv sample in litkit's own formats (CSV, Parquet) to ``folder``."""
    sample = ROOT / "data" / "arxiv-sample.jsonl.gz"
    wanted = [f for f in formats if f in WRITTEN]
    if not wanted or not sample.is_file():
        return {}
    import litkit
    papers = litkit.read(sample)
    out = {}
    for fmt in wanted:
        try:
            out[fmt] = litkit.write(papers, folder / f"arxiv-sample{WRITTEN[fmt]}")
        except Exception as exc:   # a writer still in the making must not stop the benchmark
            print(f"(could not write a {fmt} sample: {exc})")
    return out


# --- the report ---------------------------------------------------------------------------

def _fmt_row(cols, widths):
    return "  ".join(str(c).rjust(w) if i > 1 else str(c).ljust(w) for i, (c, w) in enumerate(zip(cols, widths)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="samples only, not the arXiv corpus")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the large arXiv JSON-lines file")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement (best is kept)")
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--format", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker[0], args.worker[1], args.format)))
        return 0

    sys.path.insert(0, str(ROOT))
    import litkit.io
    readers = litkit.io.available_readers()
    samples = largest_samples()
    import tempfile
    tmp = tempfile.TemporaryDirectory(prefix="litkit-bench-")
    for fmt, path in written_samples([f for f in readers if f not in samples], Path(tmp.name)).items():
        samples[fmt] = Path(path)
    print(f"litkit read benchmark: {len(readers)} readers installed "
          f"({', '.join(readers)}); best of {args.repeat} runs, one subprocess a run")
    print(f"samples from {FIXTURES.relative_to(ROOT)}"
          + (f" and {SHARED}" if SHARED.is_dir() else " (../shared/data not present)"))
    idle = _run("idle", ROOT)
    if "error" not in idle:
        print(f"peak MB is the whole process; Python with litkit and pandas imported, before "
              f"reading anything: {idle['peak_mb']:.0f} MB")
    head = ["file", "format", "MB", "records", "skipped", "seconds", "MB/s", "rec/s", "peak MB",
            "base s", "ratio", "target", "result"]
    widths = [34, 16, 7, 8, 7, 8, 7, 9, 8, 7, 7, 18, 6]
    print()
    print(_fmt_row(head, widths))
    print("  ".join("-" * w for w in widths))
    failed = False

    def row(path: Path, fmt: str, base: dict, res: dict, target: str, ok: bool):
        mb = path.stat().st_size / 1e6
        if "error" in res:
            cols = [path.name[:34], fmt, f"{mb:.2f}", "-", "-", "-", "-", "-", "-", "-", "-", target,
                    "ERROR"]
            print(_fmt_row(cols, widths))
            print(f"    {res['error']}")
            return
        s = res["seconds"]
        cols = [path.name[:34], fmt, f"{mb:.2f}", res["records"], res["skipped"], f"{s:.3f}",
                f"{mb / s:.1f}", f"{res['records'] / s:,.0f}", f"{res['peak_mb']:.0f}",
                f"{base['seconds']:.3f}", f"{s / base['seconds']:.1f}x", target,
                "PASS" if ok else "FAIL"]
        print(_fmt_row(cols, widths))

    for fmt in readers:
        path = samples.get(fmt)
        if path is None:
            print(_fmt_row(["(no sample file)", fmt] + [""] * 11, widths))
            continue
        base, res = _best("baseline-decode", "read", path, fmt, args.repeat)
        ok = "error" not in res and res["seconds"] < SAMPLE_MAX_SECONDS
        failed |= not ok
        row(path, fmt, base, res, f"< {SAMPLE_MAX_SECONDS:g} s", ok)

    if args.quick:
        print("\narXiv corpus: skipped (--quick)")
    elif not args.corpus.is_file():
        print(f"\narXiv corpus: skipped, {args.corpus} is not present "
              "(it lives in ../shared/data/arxiv/, next to the project)")
    else:
        base, res = _best("baseline-json", "read", args.corpus, "arxiv-jsonl", max(args.repeat, 1))
        ratio = res["seconds"] / base["seconds"] if "error" not in res else float("inf")
        ok = "error" not in res and ratio <= CORPUS_MAX_RATIO and res["peak_mb"] <= CORPUS_MAX_MB
        failed |= not ok
        print()
        row(args.corpus, "arxiv-jsonl", base, res,
            f"<= {CORPUS_MAX_RATIO:g}x, {CORPUS_MAX_MB / 1000:g} GB", ok)
        if "error" not in res:
            print(f"\narXiv corpus: {res['records']:,} papers in {res['seconds']:.2f} s; baseline "
                  f"(gzip + json.loads of every line, {base['records']:,} lines) {base['seconds']:.2f} s, "
                  f"peak {base['peak_mb']:.0f} MB; ratio {ratio:.2f}x (target <= {CORPUS_MAX_RATIO:g}x), "
                  f"peak memory {res['peak_mb']:.0f} MB (target <= {CORPUS_MAX_MB} MB)")
            print(f"  CPU time (less disturbed by other work on the machine): read "
                  f"{res['cpu']:.2f} s, baseline {base['cpu']:.2f} s, ratio "
                  f"{res['cpu'] / base['cpu']:.2f}x")
    tmp.cleanup()
    print("\nresult:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

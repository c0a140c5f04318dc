"""Benchmark: every bibliometric analysis (litkit.biblio) on the full arXiv corpus and on a Web of
Science export with about 40,000 cited references.

Data:
- ``../shared/data/arxiv/arxiv-cs-2025-2026.jsonl.gz`` (74,728 papers; no citations, references,
  keywords or affiliations: the analyses that need them return at once, the keyword analyses run
  on title words); falls back to the bundled sample (3,126 papers) and says so.
- No real WoS export that large is at hand, so one is built by resampling: records of
  ``tests/fixtures/wos/wos_plain_500.txt`` (500 real WoS records, 13,439 cited references) are
  drawn with replacement (seeded) until about 40,000 references, each copy given its own
  accession number (UT) and DOI suffix so that it is a distinct paper; the file is written to a
  temporary directory and read with ``litkit.read``.

Targets (issue 11): each analysis under 10 s; co-citation and coupling under 30 s with bounded
memory (peak traced allocation printed; both are sparse products over the top references /
papers, never all pairs of references).

Each row prints wall and CPU time and the ratio of CPU time to a baseline measured in the same run
(sorting 2 million random numbers ten times), so runs on busier or slower machines compare.

Run: ``python bench/bench_biblio.py`` (about a minute on an idle 2-core machine).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import litkit  # noqa: E402
import litkit.data  # noqa: E402

#: the shared data beside the checkout (../shared for /work/main, ../../shared for a worktree)
ARXIV = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
              if (p / "data" / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz").exists()),
             ROOT.parent / "shared") / "data" / "arxiv" / "arxiv-cs-2025-2026.jsonl.gz"
WOS = ROOT / "tests" / "fixtures" / "wos" / "wos_plain_500.txt"
TARGET_REFERENCES = 40_000
ROWS: list[dict] = []


def baseline() -> float:
    rng = np.random.default_rng(0)
    x = rng.random(2_000_000)
    c0 = time.process_time()
    for _ in range(10):
        np.sort(x)
    return time.process_time() - c0


def timed(corpus, name, target, fn, base, *, memory=False):
    if memory:
        tracemalloc.start()
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
        tracemalloc.stop()
    ok = "yes" if wall < target else "NO"
    ROWS.append({"corpus": corpus, "step": name, "wall": wall, "cpu": cpu, "target": target, "pass": ok})
    mem = f"  peak {peak:7.1f} MB" if peak is not None else ""
    print(f"  {corpus:6s} {name:34s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  "
          f"cpu/baseline {cpu / base:5.2f}  target {target:>3d} s {ok}{mem}", flush=True)
    return out


def resampled_wos(directory: Path, seed: int = 0) -> Path:
    """A WoS plain-text export of about TARGET_REFERENCES cited references, resampled from WOS."""
    text = WOS.read_text(encoding="utf-8-sig")
    head, _, body = text.partition("\nPT ")
    records = [r.strip("\n") for r in ("PT " + body).split("\nER\n") if "\nTI " in r]
    rng = random.Random(seed)
    out, refs, k = [], 0, 0
    while refs < TARGET_REFERENCES:
        rec = rng.choice(records)
        k += 1
        lines, tag = [], None
        for ln in rec.split("\n"):
            tag = ln[:2] if ln[:2].strip() else tag
            refs += tag == "CR"
            if ln.startswith("UT WOS:"):
                ln = ln.replace("UT WOS:", f"UT WOS:R{k:06d}", 1)
            elif ln.startswith("DI "):
                ln = f"{ln}.r{k}"
            lines.append(ln)
        out.append("\n".join(lines))
    path = directory / "savedrecs_resampled.txt"
    path.write_text(head.rstrip("\n") + "\n" + "".join(r + "\nER\n\n" for r in out) + "EF\n", encoding="utf-8")
    return path


def analyses(corpus: str, papers, base: float) -> None:
    t = lambda name, fn, target=10, **kw: timed(corpus, name, target, fn, base, **kw)  # noqa: E731
    field = "keywords" if papers["keywords"].map(len).gt(0).mean() > 0.5 else "title"
    t("summary", lambda: litkit.summary(papers))
    t("most_cited", lambda: litkit.most_cited(papers))
    t("citations_by_year", lambda: litkit.citations_by_year(papers))
    t("impact(author)", lambda: litkit.impact(papers, by="author"))
    t("impact(venue)", lambda: litkit.impact(papers, by="venue"))
    t("impact(country)", lambda: litkit.impact(papers, by="country"))
    t("bradford", lambda: litkit.bradford(papers))
    t("source_growth", lambda: litkit.source_growth(papers))
    t(f"keyword_counts({field})", lambda: litkit.keyword_counts(papers, field))
    t(f"keyword_graph({field})", lambda: litkit.keyword_graph(papers, field))
    t(f"thematic_map({field})", lambda: litkit.thematic_map(papers, field))
    t(f"thematic_evolution({field})", lambda: litkit.thematic_evolution(papers, field=field))
    t(f"three_fields(authors,{field},venue)", lambda: litkit.three_fields(papers, ("authors", field, "venue")))
    t("country_stats", lambda: litkit.country_stats(papers))
    t("country_graph", lambda: litkit.country_graph(papers))
    refs = t("references", lambda: litkit.references(papers))
    t("most_cited_references", lambda: litkit.most_cited_references(papers, refs=refs))
    links = t("citation_links", lambda: litkit.citation_links(papers, refs=refs))
    t("local_citations (end to end)", lambda: litkit.local_citations(papers))
    t("citation_graph (end to end)", lambda: litkit.citation_graph(papers))
    t("cocitation_graph", lambda: litkit.cocitation_graph(papers, refs=refs), 30, memory=True)
    t("coupling_graph", lambda: litkit.coupling_graph(papers, refs=refs), 30, memory=True)
    t("cocitation_graph (end to end)", lambda: litkit.cocitation_graph(papers), 30)
    t("coupling_graph (n=1000)", lambda: litkit.coupling_graph(papers, n=1000, refs=refs), 30, memory=True)
    print(f"  {corpus}: {len(papers):,} papers, {len(refs):,} cited references, "
          f"{len(links):,} direct citations inside the corpus", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["arxiv", "wos"], help="one corpus only")
    args = ap.parse_args(argv)
    base = baseline()
    print(f"baseline (sort 2M floats x10): {base:.2f} s CPU")
    if args.only in (None, "wos"):
        with tempfile.TemporaryDirectory() as d:
            path = resampled_wos(Path(d))
            w0 = time.perf_counter()
            wos = litkit.read(path)
            print(f"WoS resampled from {WOS.name}: {len(wos):,} records read in "
                  f"{time.perf_counter() - w0:.1f} s", flush=True)
        analyses("wos", wos, base)
    if args.only in (None, "arxiv"):
        src = ARXIV if ARXIV.exists() else Path(litkit.data.ARXIV_SAMPLE)
        if src != ARXIV:
            print(f"{ARXIV} not found: the bundled sample stands in")
        w0 = time.perf_counter()
        arxiv = litkit.read(src)
        print(f"arXiv: {len(arxiv):,} papers read in {time.perf_counter() - w0:.1f} s", flush=True)
        analyses("arxiv", arxiv, base)
    failed = [r for r in ROWS if r["pass"] != "yes"]
    print(f"{len(ROWS) - len(failed)} of {len(ROWS)} steps within target"
          + (": " + ", ".join(f"{r['corpus']}/{r['step']}" for r in failed) if failed else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

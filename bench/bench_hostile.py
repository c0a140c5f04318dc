"""Reading time of every reader on 1 MB hostile lines (issue 10, item 10), against a baseline.

    python bench/bench_hostile.py            # every format x every kind of line, 1 MB
    python bench/bench_hostile.py --size 200000

A small real sample of each format (tests/fixtures) gets one line of a million spaces, commas,
capitals, dots, braces, quotes... inserted after its third line, and appended to its third
line. Each variant is read with format detection; the time (CPU seconds, best of --repeat) is
printed next to the baseline of the same run: decoding the same text and splitting it into
lines (``str.splitlines``), which any reader must do at least once. Target: under 1 s each.
The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

#: format -> a small real sample (tests/fixtures)
SAMPLES = {
    "bibtex": "bibtex/scopus_example.bib", "ris": "ris/scopus_export.ris",
    "wos": "wos/wos_plain_small.txt", "wos-tab": "wos/wos_tabdelimited.txt",
    "scopus-csv": "scopus-csv/scopus_fullnames.csv", "ieee-csv": "ieee-csv/ieee_small.csv",
    "pubmed": "pubmed/medline_3.txt", "arxiv-atom": "arxiv/api_old_style_id.atom.xml",
    "arxiv-jsonl": "arxiv/oai_snapshot_200.jsonl", "openalex": "openalex/works_small_page.json",
    "semanticscholar": "semanticscholar/author_papers.json", "csl-json": "csl-json/zotero_26.csl.json",
    "listing": "listing/researcher-profile.txt",
}
KINDS = {"spaces": " ", "commas": ",", "capitals": "A", "dots": ".", "braces": "{", "closing": "}",
         "quotes": '"', "brackets": "[", "tabs": "\t", "dashes": "-", "ats": "@", "mixed": "A. "}
TARGET_SECONDS = 1.0


def hostile_variants(text: str, unit: str, size: int) -> list[str]:
    """``text`` with a ``size``-character line of ``unit`` inserted after line 3, and appended to it."""
    lines = text.replace("\r\n", "\n").split("\n") + ["", "", ""]
    h = (unit * (size // len(unit) + 1))[:size]
    return ["\n".join(lines[:3] + [h] + lines[3:]),
            "\n".join(lines[:2] + [lines[2] + h] + lines[3:])]


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import warnings
    import litkit
    from litkit.io import read_text
    warnings.simplefilter("ignore")
    worst, failed = (0.0, ""), 0
    print(f"{'format':16s} {'line of':9s} {'variant':7s} {'read s':>7s} {'base s':>7s} {'ratio':>7s} result")
    for fmt, rel in SAMPLES.items():
        text = (FIXTURES / rel).read_text(encoding="utf-8-sig")
        for kind, unit in KINDS.items():
            for vname, variant in zip(("insert", "append"), hostile_variants(text, unit, args.size)):
                def run():
                    try:
                        read_text(variant, name="x" + rel[rel.rfind("."):], return_skipped=True)
                    except litkit.ReadError:
                        pass
                t = _best(run, args.repeat)
                base = _best(lambda: variant.encode("utf-8").decode("utf-8").splitlines(), args.repeat)
                ok = t < TARGET_SECONDS
                failed += not ok
                worst = max(worst, (t, f"{fmt} {kind} {vname}"))
                print(f"{fmt:16s} {kind:9s} {vname:7s} {t:7.3f} {base:7.3f} {t / max(base, 1e-4):7.0f}x "
                      f"{'PASS' if ok else 'FAIL'}", flush=True)
    print(f"\nworst: {worst[1]} {worst[0]:.3f} s CPU (target < {TARGET_SECONDS} s); {failed} over target")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""A longer fuzz run of litkit.read than the test suite's (tests/io/test_properties.py).

    python bench/fuzz_read.py --minutes 5 [--seed 1]

Mutates every fixture under 200 KB (truncation, byte flips, line shuffles, duplicated lines,
the mutations of the tests) and feeds random bytes, for the given time. Each read must give a
valid papers table or a ReadError; anything else, or a read slower than --limit seconds, is
printed with the seed that reproduces it, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=5.0, help="seconds a read may take")
    args = ap.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "io")]
    import litkit
    from test_properties import mutate
    files = [f for f in sorted((ROOT / "tests" / "fixtures").rglob("*"))
             if f.is_file() and f.suffix != ".md" and f.stat().st_size < 200_000]
    end = time.monotonic() + 60 * args.minutes
    n = bad = 0
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as tmp:
        while time.monotonic() < end:
            s = args.seed * 1_000_003 + n
            rng = random.Random(s)
            src = rng.choice(files)
            data = mutate(src.read_bytes(), rng) if rng.random() < 0.9 else rng.randbytes(rng.randint(0, 4000))
            f = Path(tmp) / src.name
            f.write_bytes(data)
            t = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    papers = litkit.read(f)
                litkit.schema.validate(papers)
            except litkit.ReadError:
                pass
            except Exception:                           # the point of the run
                bad += 1
                print(f"seed {s} ({src.name}): {traceback.format_exc(limit=3)}", flush=True)
            dt = time.perf_counter() - t
            slowest = max(slowest, (dt, f"seed {s} ({src.name})"))
            if dt > args.limit:
                bad += 1
                print(f"seed {s} ({src.name}): {dt:.1f} s", flush=True)
            n += 1
    print(f"{n} inputs, {bad} problem(s); slowest read {slowest[0]:.2f} s ({slowest[1]})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

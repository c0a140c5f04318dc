"""Reading time of every reader on hostile and large input, against a baseline.

    python bench/bench_hostile.py                 # both parts
    python bench/bench_hostile.py --part lines --size 200000
    python bench/bench_hostile.py --part cases

``lines`` (issue 10, item 10): a small real sample of each format (tests/fixtures) gets one line
of a million spaces, commas, capitals, dots, braces, quotes... inserted after its third line,
and appended to its third line. Each variant is read with format detection. Target: under 1 s.

``cases``: the hostile and large inputs of the unit tests (tests/test_read_hostile.py,
test_read_listing/pubmed/ris/wos/bibtex.py), whose reading times the tests no longer assert (timings
live in bench/): deep JSON and XML, entity blow-ups, a gzip bomb, multi-megabyte lines, 10,000
records, NUL bytes, truncated files and every reader forced on every small fixture. Each has
the target its test had; for a case run over many fixtures the slowest file is shown.

Each time (CPU seconds, best of --repeat) is printed next to the baseline of the same run:
decoding the same bytes and splitting them into lines (``str.splitlines``), which any reader
must do at least once, and their ratio. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

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
#: the targets the unit tests had: a hostile case; 10,000 records or a multi-megabyte line
CASE_SECONDS, LARGE_SECONDS = 5.0, 10.0
#: fixture files at most this large are the "small" ones every hostile variant is made from
SMALL_BYTES = 120_000
DEEP = "[" + '{"a":[' * 10_000 + "1" + "]}" * 10_000 + "]"
QUADRATIC = ('<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "' + "x" * 50_000 + '">]>\n'
             '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
             "<entry><id>http://arxiv.org/abs/2401.00001</id><title>" + "&a;" * 50_000
             + "</title></entry></feed>\n")


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


@dataclass
class Case:
    """One timed read: ``make(folder)`` writes the input files and returns, for each, the path
    and the ``litkit.read`` keywords; the slowest of them is reported."""

    name: str
    make: Callable[[Path], list[tuple[Path, dict]]]
    target: float = CASE_SECONDS
    runs: list = field(default_factory=list)


def small_fixtures() -> list[Path]:
    """The fixture files of at most SMALL_BYTES, one folder level deep (as the unit tests)."""
    return [f for kind in sorted(p for p in FIXTURES.iterdir() if p.is_dir())
            for f in sorted(kind.iterdir()) if f.is_file() and f.stat().st_size <= SMALL_BYTES]


def _write(folder: Path, name: str, data) -> Path:
    f = folder / name
    f.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        f.write_bytes(data)
    else:
        f.write_text(data, encoding="utf-8")
    return f


def _one(name: str, data, **kw):
    return lambda folder: [(_write(folder, name, data), kw)]


def _each_small(variant: Callable[[Path], list[tuple[str, object, dict]]], suffixes=None):
    """A case over every small fixture (or those with ``suffixes``): ``variant(path)`` gives
    ``(file name, data, read keywords)`` triples."""
    def make(folder: Path):
        out = []
        for i, path in enumerate(small_fixtures()):
            if suffixes is None or path.suffix in suffixes:
                out += [(_write(folder / str(i), n, d), kw) for n, d, kw in variant(path)]
        return out
    return make


def _nul(path: Path):
    data = path.read_bytes()
    cut = data.find(b"\n", len(data) // 2) + 1
    return [(path.name, data[:cut] + b"\x00" + data[cut:], {})]


def _truncated(path: Path):
    data = path.read_bytes()
    return [(f"cut{int(frac * 100)}_{path.name}", data[: int(len(data) * frac)], {})
            for frac in (0.5, 0.93)]


def _forced(readers):
    return lambda path: [(path.name, path.read_bytes(), {"format": fmt}) for fmt in readers]


def _mid_line(path: Path):
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    lines.insert(len(lines) // 2, "Z" * 1_000_000)
    return [(path.name, "\n".join(lines), {})]


def _jsonl(edit: Callable[[list[str]], None]) -> str:
    rows = (FIXTURES / "arxiv" / "oai_snapshot_200.jsonl").read_text(encoding="utf-8").splitlines()
    edit(rows)
    return "\n".join(rows) + "\n"


def _long_abstract(rows: list[str]) -> None:
    rec = json.loads(rows[0])
    rec["abstract"] = "word " * 1_000_000
    rows[0] = json.dumps(rec)


def _gzip_bomb(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "zeros.bib.gz"
    with gzip.open(f, "wb", compresslevel=1) as fh:
        for _ in range(64):
            fh.write(b"\x00" * (1 << 20))
    return [(f, {})]


def _openalex_lines() -> str:
    works = json.loads((FIXTURES / "openalex" / "works_small_page.json").read_text())["results"]
    rows = [json.dumps(w) for w in works]
    rows.insert(1, '{"id": "https://openalex.org/W1", "x": ' + DEEP + "}")
    return "\n".join(rows) + "\n"


def _wos_record(i: int) -> str:
    """The record of tests/test_read_wos.py (two authors, a continued title)."""
    return (f"PT J\nAF Author0, Given0\n   Author1, Given1\nTI Title number {i}\n   continued\n"
            f"SO JOURNAL\nPY 2020\nPD MAR\nTC {i}\nDI 10.1000/wos.{i}\nUT WOS:{i:015d}\nER\n\n")


def cases(readers: list[str]) -> list[Case]:
    """The unit tests' hostile and large inputs."""
    json_readers = [r for r in readers if r in {"openalex", "semanticscholar", "csl-json",
                                                "arxiv-jsonl"}]
    deep_forced = '{"id": "https://openalex.org/W1", "paperId": "x", "results": ' + DEEP + "}"
    pubmed = ("PMID- {i}\nDP  - 2020 Mar\nTI  - Paper number {i}.\nAB  - An abstract about\n"
              "      paper {i}.\nFAU - Smith, Jane\nAU  - Smith J\nAD  - Somewhere.\n"
              "JT  - Journal\nAID - 10.1000/pm.{i} [doi]\n\n")
    ris = ("TY  - JOUR\nAU  - Smith, Jane\nAU  - Doe, John\nTI  - Paper number {i}\n"
           "T2  - Journal of Tests\nPY  - 2020/03/0{d}/\nDO  - 10.1000/test.{i}\n"
           "KW  - alpha\nKW  - beta\nAB  - An abstract that says something about paper {i}.\n"
           "ER  - \n\n")
    return [
        Case("NUL byte in each small fixture", _each_small(_nul)),
        Case("each small fixture cut at 50%/93%", _each_small(_truncated)),
        Case("every reader forced on each small fixture", _each_small(_forced(readers))),
        Case("1 MB line in the middle of each text fixture",
             _each_small(_mid_line, {".bib", ".ris", ".txt"})),
        Case("deeply nested JSON", _one("deep.json", DEEP)),
        Case("deeply nested JSON forced into each JSON reader",
             lambda folder: [(_write(folder, f"{fmt}/deep.json", deep_forced), {"format": fmt})
                             for fmt in json_readers]),
        Case("deeply nested line in arXiv JSON lines", _one("deep.jsonl", _jsonl(
            lambda rows: rows.insert(3, '{"id": "0704.9999", "title": ' + DEEP
                                     + ', "abstract": "x", "categories": "x"}')))),
        Case("deeply nested OpenAlex work line", _one("works.jsonl", _openalex_lines())),
        Case("truncated OpenAlex page", _one("page.json", (FIXTURES / "openalex" / "works_page.json")
                                             .read_bytes()[:100_000])),
        Case("8 MB line without a newline", _one("blob.txt", "x" * 8_000_000)),
        Case("5 MB abstract in arXiv JSON lines", _one("long.jsonl", _jsonl(_long_abstract))),
        Case("quadratic entity blow-up (XML)", _one("quad.xml", QUADRATIC)),
        Case("deeply nested XML", _one("deep.xml", '<feed xmlns="http://www.w3.org/2005/Atom" '
                                       'xmlns:arxiv="http://arxiv.org/schemas/atom">'
                                       + "<x>" * 50_000 + "</x>" * 50_000 + "</feed>")),
        Case("64 MB gzip bomb of NULs", _gzip_bomb),
        Case("listing: a 4 MB glued title line", _one(
            "big.txt", "LGSep 19, 2024\n" + "Word" * 1_000_000 + "John Smith\nAbstract.\n"),
            LARGE_SECONDS),
        Case("PubMed: 10,000 records", _one("many.txt", "".join(pubmed.format(i=i)
                                                                for i in range(1, 10_001))),
             LARGE_SECONDS),
        Case("RIS: a 6 MB abstract line", _one(
            "big.ris", f"TY  - JOUR\nTI  - Big\nAB  - {'word ' * 1_200_000}\nER  - \n"
                       "TY  - JOUR\nTI  - Small\nER  - \n")),
        Case("RIS: 10,000 records", _one("many.ris", "".join(ris.format(i=i, d=i % 9 + 1)
                                                             for i in range(10_000))),
             LARGE_SECONDS),
        Case("WoS plain text: 10,000 records", _one(
            "many.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\n"
                        + "".join(_wos_record(i) for i in range(10_000)) + "EF\n"),
             LARGE_SECONDS),
        Case("WoS plain text: the 500-record sample",
             lambda folder: [(FIXTURES / "wos" / "wos_plain_500.txt", {})], 2.0),
        *bibtex_cases(),
    ]


def bibtex_cases() -> list[Case]:
    """The large and hostile inputs of tests/test_read_bibtex.py, with their targets."""
    bib = {"format": "bibtex"}
    blanks = " " * 1_000_000
    runs = {"key": "@article{a" + blanks + "b, title = {T}}\n",
            "name": "@article{a, title" + blanks + "x = {T}}\n",
            "author": "@article{a, title = {T}, author = {A" + blanks + "B and C}}\n",
            "between": "@article{a, title = {T}}" + blanks + "\n@article{b, title = {U}}\n"}
    return [
        Case("BibTeX: a 5 MB single-line field", _one(
            "big.bib", "@article{big, title = {Big}, abstract = {" + "word {x} " * 600_000
            + "}}\n@article{two, title = {Two}}\n", **bib)),
        Case("BibTeX: 20,000 broken entries", _one("broken.bib", "@article{x, title = {a\n" * 20000,
                                                   **bib)),
        Case("BibTeX: the 911-entry JabRef sample",
             lambda folder: [(FIXTURES / "bibtex" / "jabref_issue97.bib", {})], 2.0),
        Case("BibTeX: 1M blanks in a key, name, author, between",
             lambda folder: [(_write(folder, f"{k}.bib", t), bib) for k, t in runs.items()], 3.0),
        Case("BibTeX: many @ signs on one long line", _one(
            "ats.bib", "@article{a, title = {T}}" + " x@y(z) me@home" * 200_000
            + "\n@book{b, title = {U}}\n", **bib)),
        Case("BibTeX: 20,000 unclosed @comment blocks", _one(
            "comments.bib", "@comment(unclosed (\n" * 20000 + "@article{a, title = {After}}\n",
            **bib)),
        Case("BibTeX: 20,000 open values closed at the end", _one(
            "open.bib", "@article{x, title = {open\n" * 20000 + "}" * 40000 + "\n", **bib)),
        Case("BibTeX: a 2 MB author field", _one(
            "authors.bib", "@article{big, title = {Big}, author = {" + "A. {B}\\'e and " * 150_000
            + "Z. Last}}\n@article{two, title = {Two}}\n", **bib), LARGE_SECONDS),
    ]


def _baseline(path: Path) -> None:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    data.decode("utf-8", errors="replace").splitlines()


def run_cases(readers: list[str], repeat: int) -> tuple[int, tuple[float, str]]:
    """Time every case; print one row a case; return (targets missed, the worst ratio)."""
    import litkit
    failed, worst = 0, (0.0, "")
    print(f"\n{'case':52s} {'read s':>7s} {'base s':>7s} {'ratio':>7s} {'target':>6s} result")
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(cases(readers)):
            slowest = (-1.0, 0.0, "")
            for path, kw in case.make(Path(tmp) / str(i)):
                def run(path=path, kw=kw):
                    try:
                        litkit.read(path, return_skipped=True, **kw)
                    except litkit.ReadError:
                        pass
                t = _best(run, repeat)
                if t > slowest[0]:
                    slowest = (t, _best(lambda path=path: _baseline(path), repeat), path.name)
            t, base, _ = slowest
            ok = t < case.target
            failed += not ok
            ratio = t / max(base, 1e-4)
            worst = max(worst, (ratio, case.name))
            print(f"{case.name:52s} {t:7.3f} {base:7.3f} {ratio:7.0f}x {case.target:6.1f} "
                  f"{'PASS' if ok else 'FAIL'}", flush=True)
    return failed, worst


def run_lines(size: int, repeat: int) -> tuple[int, tuple[float, str]]:
    """Time every format x kind of hostile line; print one row each; return (missed, worst)."""
    import litkit
    from litkit.io import read_text
    worst, failed = (0.0, ""), 0
    print(f"{'format':16s} {'line of':9s} {'variant':7s} {'read s':>7s} {'base s':>7s} {'ratio':>7s} result")
    for fmt, rel in SAMPLES.items():
        text = (FIXTURES / rel).read_text(encoding="utf-8-sig")
        for kind, unit in KINDS.items():
            for vname, variant in zip(("insert", "append"), hostile_variants(text, unit, size)):
                def run():
                    try:
                        read_text(variant, name="x" + rel[rel.rfind("."):], return_skipped=True)
                    except litkit.ReadError:
                        pass
                t = _best(run, repeat)
                base = _best(lambda: variant.encode("utf-8").decode("utf-8").splitlines(), repeat)
                ok = t < TARGET_SECONDS
                failed += not ok
                worst = max(worst, (t, f"{fmt} {kind} {vname}"))
                print(f"{fmt:16s} {kind:9s} {vname:7s} {t:7.3f} {base:7.3f} {t / max(base, 1e-4):7.0f}x "
                      f"{'PASS' if ok else 'FAIL'}", flush=True)
    print(f"\nworst: {worst[1]} {worst[0]:.3f} s CPU (target < {TARGET_SECONDS} s); {failed} over target")
    return failed, worst


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--part", choices=("lines", "cases", "both"), default="both")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import warnings
    from litkit.io import available_readers
    warnings.simplefilter("ignore")
    failed = 0
    if args.part in ("lines", "both"):
        failed += run_lines(args.size, args.repeat)[0]
    if args.part in ("cases", "both"):
        missed, (ratio, name) = run_cases(list(available_readers()), args.repeat)
        print(f"\nhighest ratio to the baseline: {name} ({ratio:.0f}x); {missed} over target")
        failed += missed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Property-based tests (hypothesis, fixed seed, bounded budget).

* ``write`` then ``read`` is the identity on every field each format holds: CSV and Parquet
  hold the whole table; BibTeX and RIS hold the text fields (white space collapsed, as their
  readers collapse it), the year and the DOI.
* Garbage and mutations of the real fixtures (truncation, byte flips, line shuffles, duplicated
  lines): ``read`` returns a valid papers table (rows, and skipped rows with a reason) or raises
  :class:`litkit.ReadError`, never another exception.

A longer run of the second kind: ``python bench/fuzz_read.py --minutes 5``.
"""

import random
import string
import sys
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import litkit
from litkit.io.write import write

SETTINGS = dict(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])

# any Unicode but NUL (a text export cannot hold it) and lone surrogates (not encodable)
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=60)
NASTY = st.text(st.sampled_from(list("\\{}$%&#_~^-'`\"?!@=+;,. \t\r\n\x0b\x0c\x85\u2028\u2029")
                                + list(string.ascii_letters[:6]) + ["é", "ß", "ω", "\u200b"]),
                max_size=40)
ANY_TEXT = st.one_of(TEXT, NASTY)
MAYBE = st.one_of(st.none(), ANY_TEXT)
NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
               max_size=20)
DATE = st.one_of(st.none(), st.dates(min_value=pd.Timestamp("1700-01-01").date(),
                                     max_value=pd.Timestamp("2200-12-31").date()))


@st.composite
def records(draw, n_max=6):
    out = []
    for i in range(draw(st.integers(1, n_max))):
        d = draw(DATE)
        out.append({
            "id": f"x:{i}",
            "title": draw(ANY_TEXT),
            "abstract": draw(MAYBE),
            "authors": draw(st.lists(NAME, max_size=draw(st.sampled_from([3, 60])))),
            "authors_truncated": draw(st.booleans()),
            "affiliations": draw(st.lists(ANY_TEXT, max_size=3)),
            "year": d.year if d else draw(st.one_of(st.none(), st.integers(1500, 2199))),
            "date": pd.Timestamp(d) if d else None,
            "venue": draw(MAYBE),
            "categories": draw(st.lists(NAME, max_size=3)),
            "keywords": draw(st.lists(ANY_TEXT, max_size=4)),
            "doi": draw(st.one_of(st.none(), st.from_regex(r"10\.\d{4,6}/[a-z0-9()._-]{1,12}[a-z0-9]",
                                                          fullmatch=True))),
            "url": draw(st.one_of(st.none(), st.just("https://example.org/a?b=c&d=%20"))),
            "citations": draw(st.one_of(st.none(), st.integers(0, 2**62))),
            "source": "x",
            "source_ref": f"r:{i}",
            "extra": draw(st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8),
                                          ANY_TEXT, max_size=3)),
        })
    return litkit.schema.from_records(out)


def _read_back(papers, path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")            # nothing skipped
        return litkit.read(write(papers, path))


@seed(20261201)
@settings(**SETTINGS)
@given(papers=records())
@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_csv_and_parquet_round_trip_is_exact(tmp_path, ext, papers):
    back = _read_back(papers, tmp_path / f"p.{ext}")
    pd.testing.assert_frame_equal(back, papers)


def _collapsed(col):
    return [None if pd.isna(v) or not " ".join(str(v).split()) else " ".join(str(v).split())
            for v in col]


@seed(20261202)
@settings(**SETTINGS)
@given(papers=records())
@pytest.mark.parametrize("ext", ["bib", "ris"])
def test_bibtex_and_ris_round_trip_their_text_fields(tmp_path, ext, papers):
    papers["title"] = papers["title"].fillna("Untitled")  # no title, no author: not a record there
    back = _read_back(papers, tmp_path / f"p.{ext}")
    assert len(back) == len(papers)
    for col in ("title", "abstract", "venue"):
        if ext == "ris" and col == "venue":
            continue                              # RIS writes the venue only with a title type
        assert _collapsed(back[col]) == _collapsed(papers[col]), col
    assert list(back["year"]) == list(papers["year"])
    assert list(back["doi"].fillna("")) == list(papers["doi"].fillna(""))


# --- garbage and mutations: a table or a ReadError ----------------------------------------------

def _small_fixtures():
    from conftest import FIXTURES
    return [f for f in sorted(FIXTURES.rglob("*")) if f.is_file() and f.suffix != ".md"
            and "heldout" not in f.parts and f.stat().st_size < 60_000]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: truncation, byte flips, a line shuffle, duplicated lines (or two of them)."""
    for _ in range(rng.randint(1, 2)):
        kind = rng.choice(["truncate", "flip", "shuffle", "duplicate"])
        if kind == "truncate" and data:
            data = data[:rng.randrange(len(data))]
        elif kind == "flip" and data:
            b = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            data = bytes(b)
        elif kind == "shuffle":
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        else:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines[i:i] = lines[i:i + rng.randint(1, 5)] * rng.randint(1, 3)
            data = b"\n".join(lines)
    return data


def read_or_error(path):
    """``litkit.read`` must give a valid table or a ReadError; anything else fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            papers, skipped = litkit.read(path, return_skipped=True)
        except litkit.ReadError:
            return None
    litkit.schema.validate(papers)
    assert list(skipped.columns) == ["source_ref", "reason"] and skipped["reason"].notna().all()
    return papers, skipped


@seed(20261203)
@settings(**SETTINGS)
@given(which=st.integers(0, 10_000), rng=st.randoms(use_true_random=False))
def test_mutated_fixtures_read_or_refused(tmp_path, which, rng):
    files = _small_fixtures()
    src = files[which % len(files)]
    f = tmp_path / src.name
    f.write_bytes(mutate(src.read_bytes(), rng))
    read_or_error(f)


@seed(20261204)
@settings(**SETTINGS)
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.bib", "x.ris", "x.csv", "x.txt",
                                                            "x.json", "x.jsonl", "x.xml"]))
def test_garbage_reads_or_is_refused(tmp_path, data, name):
    f = tmp_path / name
    f.write_bytes(data)
    read_or_error(f)


@seed(20261205)
@settings(**SETTINGS)
@given(parts=st.lists(st.sampled_from(list("@{}()=,\"'%#TYERAU -\n\t[]:;<>/\\")
                                    + ["TY  - ", "ER  - ", "PT J\n", "@article{", "\nER\n"]),
                     max_size=200))
def test_format_shaped_garbage_reads_or_is_refused(tmp_path, parts):
    f = tmp_path / "g.txt"
    f.write_text("".join(parts), encoding="utf-8")
    read_or_error(f)


def test_records_are_rows_plus_skipped_on_generated_bibtex(tmp_path):
    rng = random.Random(7)
    for _ in range(30):
        n = rng.randint(1, 20)
        good = [f"@article{{k{i}, title = {{T{i}}}, year = {2000 + i}}}" for i in range(n)]
        bad = rng.sample(range(n), rng.randint(0, n // 2))
        for i in bad:                               # a damaged entry: an unclosed value
            good[i] = f"@article{{k{i}, title = {{T{i}, year = {2000 + i}}}"
        text = "\n".join(good) + "\n"
        p, s = litkit.read_text(text, return_skipped=True)
        assert len(p) + len(s) == n, text


if __name__ == "__main__":                           # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))

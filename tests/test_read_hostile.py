"""Hostile and damaged input, across every reader.

Whatever a file holds, ``litkit.read`` answers with a papers table (bad records in ``skipped``)
or a :class:`litkit.ReadError` naming the file: never another exception from inside a parser,
never a hang, never a memory blow-up. How long each case takes is measured in
``bench/bench_hostile.py --part cases`` (timings live in bench/, not in unit tests).
"""

import gzip
import json
from pathlib import Path

import pytest

import litkit
from conftest import FIXTURES
from litkit.io import available_readers

READERS = list(available_readers())


def fixture_files(max_bytes=None):
    out = []
    for kind in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for f in sorted(kind.iterdir()):
            if f.is_file() and (max_bytes is None or f.stat().st_size <= max_bytes):
                out.append(f)
    return out


SMALL = fixture_files(max_bytes=120_000)


def read_or_error(path, **kw):
    """A table (and skipped table), or the ReadError; anything else fails the test."""
    try:
        return litkit.read(path, return_skipped=True, **kw)
    except litkit.ReadError as err:
        assert str(path) in str(err), f"the error does not name the file: {err}"
        return err


# --- files no reader recognises ---------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("notes.txt", "Meeting notes\n- read more papers\n- write less code\n"),
    ("table.csv", "a,b,c\n1,2,3\n4,5,6\n"),
    ("config.yaml", "name: litkit\nversion: 1\n"),
    ("page.html", "<!DOCTYPE html><html><body><p>Hello</p></body></html>\n"),
    ("numbers.json", "[1, 2, 3]\n"),
    ("object.json", '{"name": "litkit", "version": 1}\n'),
    ("generic.atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                     '<title>blog</title></feed>\n'),
])
def test_unrecognised_file_is_a_read_error_naming_it(tmp_path, name, content):
    f = tmp_path / name
    f.write_text(content)
    err = read_or_error(f)
    assert isinstance(err, litkit.ReadError)
    assert "does not look like any format" in str(err)


def test_binary_file_is_refused(tmp_path):
    f = tmp_path / "export.xlsx.txt"
    f.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 20)
    err = read_or_error(f)
    assert isinstance(err, litkit.ReadError) and "NUL" in str(err)


# --- NUL bytes in every kind of file ------------------------------------------------------

@pytest.mark.parametrize("path", SMALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_nul_byte_inside_any_export_names_the_line(tmp_path, path):
    data = path.read_bytes()
    cut = data.find(b"\n", len(data) // 2) + 1
    f = tmp_path / path.name
    f.write_bytes(data[:cut] + b"\x00" + data[cut:])
    err = read_or_error(f)
    assert isinstance(err, litkit.ReadError) and "NUL" in str(err)
    line = data[:cut].count(b"\n") + 1
    assert f"{f}:{line}" in str(err)


# --- truncated files and wrong readers: a table or a ReadError, nothing else ---------------

@pytest.mark.parametrize("path", SMALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_truncated_export_is_read_or_refused_cleanly(tmp_path, path):
    data = path.read_bytes()
    for frac in (0.5, 0.93):
        f = tmp_path / f"cut{int(frac * 100)}_{path.name}"
        f.write_bytes(data[: int(len(data) * frac)])
        out = read_or_error(f)
        if not isinstance(out, litkit.ReadError):
            papers, skipped = out
            litkit.validate(papers)


@pytest.mark.parametrize("path", SMALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_wrong_reader_forced_gives_a_table_or_a_read_error(path):
    for fmt in READERS:
        out = read_or_error(path, format=fmt)
        if not isinstance(out, litkit.ReadError):
            litkit.validate(out[0])


def test_wrong_json_forced_says_what_the_file_is():
    cases = [(FIXTURES / "openalex" / "works_small_page.json", "semanticscholar", "OpenAlex"),
             (FIXTURES / "arxiv" / "oai_snapshot_200.jsonl", "openalex", "arXiv JSON lines")]
    for path, fmt, looks in cases:
        if fmt not in READERS:
            continue
        with pytest.raises(litkit.ReadError) as err:
            litkit.read(path, format=fmt)
        assert str(path) in str(err.value) and looks in str(err.value)


def test_truncated_json_page_names_line_and_column(tmp_path):
    f = tmp_path / "page.json"
    f.write_bytes((FIXTURES / "openalex" / "works_page.json").read_bytes()[:100_000])
    err = read_or_error(f)
    assert isinstance(err, litkit.ReadError)
    assert "malformed" in str(err) and "column" in str(err)


def test_truncated_json_lines_lose_only_the_last_record(tmp_path):
    data = (FIXTURES / "arxiv" / "oai_snapshot_200.jsonl").read_bytes()
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(gzip.compress(data[: len(data) - 300]))
    papers, skipped = read_or_error(f)
    assert len(papers) == 199 and skipped["source_ref"].tolist() == [f"{f}:200"]


# --- deep nesting -------------------------------------------------------------------------

DEEP = "[" + '{"a":[' * 10_000 + "1" + "]}" * 10_000 + "]"


def test_deeply_nested_json_is_not_recognised(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text(DEEP)
    assert isinstance(read_or_error(f), litkit.ReadError)


@pytest.mark.parametrize("fmt", [r for r in READERS
                                 if r in {"openalex", "semanticscholar", "csl-json", "arxiv-jsonl"}])
def test_deeply_nested_json_forced_into_a_json_reader(tmp_path, fmt):
    f = tmp_path / "deep.json"
    f.write_text('{"id": "https://openalex.org/W1", "paperId": "x", "results": ' + DEEP + "}")
    read_or_error(f, format=fmt)


def test_deeply_nested_json_line_is_skipped_and_the_rest_read(tmp_path):
    lines = (FIXTURES / "arxiv" / "oai_snapshot_200.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(3, '{"id": "0704.9999", "title": ' + DEEP + ', "abstract": "x", "categories": "x"}')
    f = tmp_path / "deep.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    papers, skipped = read_or_error(f)
    assert len(papers) == 200 and skipped["source_ref"].tolist() == [f"{f}:4"]
    assert "nested too deeply" in skipped["reason"][0]


def test_deeply_nested_openalex_work_line_is_skipped(tmp_path):
    works = json.loads((FIXTURES / "openalex" / "works_small_page.json").read_text())["results"]
    rows = [json.dumps(w) for w in works]
    rows.insert(1, '{"id": "https://openalex.org/W1", "x": ' + DEEP + "}")
    f = tmp_path / "works.jsonl"
    f.write_text("\n".join(rows) + "\n")
    papers, skipped = read_or_error(f)
    assert len(papers) == 5 and skipped["source_ref"].tolist() == [f"{f}:2"]


# --- very long lines ----------------------------------------------------------------------

def test_multi_megabyte_line_without_newline(tmp_path):
    f = tmp_path / "blob.txt"
    f.write_text("x" * 8_000_000)
    assert isinstance(read_or_error(f), litkit.ReadError)


def test_multi_megabyte_abstract_is_read(tmp_path):
    rows = (FIXTURES / "arxiv" / "oai_snapshot_200.jsonl").read_text(encoding="utf-8").splitlines()
    rec = json.loads(rows[0])
    rec["abstract"] = "word " * 1_000_000
    rows[0] = json.dumps(rec)
    f = tmp_path / "long.jsonl"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    papers, skipped = read_or_error(f)
    assert len(papers) == 200 and len(papers["abstract"][0]) == 5_000_000 - 1


@pytest.mark.parametrize("path", [p for p in SMALL if p.suffix in {".bib", ".ris", ".txt"}],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_multi_megabyte_line_inside_a_text_export(tmp_path, path):
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    mid = len(lines) // 2
    lines.insert(mid, "Z" * 1_000_000)     # the listing reader needs ~1.5 s a megabyte
    f = tmp_path / path.name
    f.write_text("\n".join(lines), encoding="utf-8")
    read_or_error(f)


# --- XML ------------------------------------------------------------------------------------

QUADRATIC = ('<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "' + "x" * 50_000 + '">]>\n'
             '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
             "<entry><id>http://arxiv.org/abs/2401.00001</id><title>" + "&a;" * 50_000
             + "</title></entry></feed>\n")


def test_quadratic_entity_blowup_is_refused(tmp_path):
    f = tmp_path / "quad.xml"
    f.write_text(QUADRATIC)
    err = read_or_error(f)
    assert isinstance(err, litkit.ReadError) and "entities" in str(err)


def test_deeply_nested_xml_is_a_read_error_or_a_table(tmp_path):
    f = tmp_path / "deep.xml"
    f.write_text('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
                 + "<x>" * 50_000 + "</x>" * 50_000 + "</feed>")
    out = read_or_error(f)
    if not isinstance(out, litkit.ReadError):
        assert len(out[0]) == 0


def test_gzip_bomb_is_refused(tmp_path):
    # 2 GB of zeros would take too long to build here; a 64 MB one checks that the refusal
    # path (NUL bytes) does not first build several copies of the text
    f = tmp_path / "zeros.bib.gz"
    with gzip.open(f, "wb", compresslevel=1) as fh:
        chunk = b"\x00" * (1 << 20)
        for _ in range(64):
            fh.write(chunk)
    err = read_or_error(f)
    assert isinstance(err, litkit.ReadError)


# --- litkit's own CSV and Parquet -----------------------------------------------------------

def test_damaged_parquet_and_csv_written_by_litkit(tmp_path):
    papers = litkit.read(FIXTURES / "openalex" / "works_small_page.json")
    pq = litkit.write(papers, tmp_path / "papers.parquet")
    data = Path(pq).read_bytes()
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(data[: len(data) // 2])
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"PAR1" + b"not really parquet " * 50)
    for f in (cut, fake):
        err = read_or_error(f)
        assert isinstance(err, litkit.ReadError), f
    csv = litkit.write(papers, tmp_path / "papers.csv")
    text = Path(csv).read_text(encoding="utf-8")
    half = tmp_path / "half.csv"
    half.write_text(text[: len(text) // 2], encoding="utf-8")
    out = read_or_error(half)
    if not isinstance(out, litkit.ReadError):
        papers_back, skipped = out
        assert len(papers_back) + len(skipped) <= len(papers)

"""Issue 10, defects 1-12 and 15: each class of input, generated, not one sample file.

Timings live in bench/ (bench/bench_hostile.py measures the 1 MB lines); here only what
is read, skipped or refused.
"""

import gzip
import json
import random
import warnings
import zlib

import pandas as pd
import pytest

import litkit
from litkit.io import read_text
from litkit.io.write import to_bibtex_text, to_csv_text, write
from litkit.normalize import make_date, normalize_doi, plausible_year, to_int


def _papers(**cols):
    rec = {"id": "x:1", "title": "T", "authors": ["Ann Wang"], "source": "x", "source_ref": "r"}
    rec.update(cols)
    return litkit.schema.from_records([rec])


# --- 1. BibTeX: a pasted @article{ inside a balanced value --------------------------------

PASTES = ["@article{fake,\n title={Nope}}", "@inproceedings{x, title={Y}, year={1999}}",
          "@book(k, title = {Z})", "@ARTICLE{k2,\n author = {A and B},\n title = {{Q}}\n}"]


@pytest.mark.parametrize("paste", PASTES)
@pytest.mark.parametrize("after", ["\n more text", " and more", "\n(2020)"])
@pytest.mark.parametrize("field", ["abstract", "note"])
def test_pasted_entry_inside_a_balanced_value_is_text(paste, after, field):
    text = (f"@article{{real,\n title={{A title}},\n {field}={{Pasted:\n{paste}{after}}},\n"
            f" year={{2020}}\n}}\n@misc{{next, title={{Next}}}}\n")
    p, s = read_text(text, return_skipped=True)
    assert list(p["title"]) == ["A title", "Next"] and len(s) == 0
    assert p["year"][0] == 2020
    if field == "abstract":
        assert "Pasted" in p["abstract"][0] and after.split()[-1].strip("()") in p["abstract"][0]


def test_entry_swallowing_the_next_is_still_skipped():
    text = ("@article{a, title = {One}}\n@article{b, title = {Two, year = 2002,\n"
            "@article{c, title = {Three}}\n}}\n")
    p, s = read_text(text, return_skipped=True, name="r.bib")
    assert list(p["title"]) == ["One", "Three"] and list(s["source_ref"]) == ["r.bib:2"]


# --- 2. RIS: "ER  - text" inside a record ---------------------------------------------------

@pytest.mark.parametrize("words", ["some text", "x", "ER", "12. Smith J (2020)"])
def test_ris_end_tag_with_text_keeps_the_text_and_the_record(words):
    text = f"TY  - JOUR\nTI  - A title\nAU  - Wang, Ann\nER  - {words}\nPY  - 2020\nER  - \n" \
           "TY  - JOUR\nTI  - Second\nER  - \n"
    p, s = read_text(text, return_skipped=True, name="a.ris")
    assert list(p["title"]) == ["A title", "Second"] and len(s) == 0
    assert p["extra"][0]["end_text"] == [words] and "warning" in p["extra"][0]
    assert p["year"][0] == 2020                   # the field after it is not lost


# --- 3. CSV round trip with line breaks of every kind ---------------------------------------

BREAKS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\n", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("brk", BREAKS, ids=repr)
def test_csv_round_trip_keeps_every_line_break(tmp_path, brk):
    title = f"a{brk}b{brk}"
    papers = _papers(title=title, abstract=f"{brk}x{brk}{brk}y", venue=f"V{brk}")
    back = litkit.read(write(papers, tmp_path / "p.csv"))
    assert len(back) == 1
    for col in ("title", "abstract", "venue"):
        assert back[col][0] == papers[col][0]
    assert back["title"][0] == title


def test_csv_text_quotes_rows_with_unicode_breaks():
    text = to_csv_text(_papers(title="a\u2028b"))
    assert '"a\u2028b"' in text


# --- 4. BibTeX writer escaping and DOIs with parentheses --------------------------------------

SPECIAL = "\\~${}%&#_^-'`?! "


def test_bibtex_round_trip_of_tex_special_characters(tmp_path):
    rng = random.Random(10)
    titles = [r"\textbf{x} ~ $x_1$ {a} 50% & #1 \\ back", "a--b---c", "``q'' ?`x !`y", "x^2_3"]
    titles += ["".join(rng.choice(SPECIAL + "ab") for _ in range(rng.randint(1, 20))).strip() or "z"
               for _ in range(150)]
    recs = [{"id": f"x:{i}", "title": " ".join(t.split()), "authors": ["Ann Wang"],
             "abstract": t, "venue": " ".join(t.split()), "source": "x", "source_ref": "r"} for i, t in enumerate(titles)]
    papers = litkit.schema.from_records(recs)
    f = tmp_path / "p.bib"
    f.write_text(to_bibtex_text(papers), encoding="utf-8")
    back = litkit.read(f)
    assert list(back["title"]) == list(papers["title"])
    assert list(back["venue"]) == list(papers["venue"])


@pytest.mark.parametrize("doi, want", [
    ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
     "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0"),
    ("10.1000/abc(12)", "10.1000/abc(12)"),
    ("(see 10.1000/abc)", "10.1000/abc"),
    ("10.1000/abc(12)).", "10.1000/abc(12)"),
    ("10.1000/x[1]]", "10.1000/x[1]"),
    ("https://doi.org/10.1016/S0140-6736(20)30183-5,", "10.1016/s0140-6736(20)30183-5"),
])
def test_doi_keeps_its_own_closing_parenthesis(doi, want):
    assert normalize_doi(doi) == want


# --- 5. CSL-JSON: one too-deep item ---------------------------------------------------------

@pytest.mark.parametrize("where", [0, 1, 3])
def test_csl_too_deep_item_is_skipped_and_the_rest_read(where):
    items = [{"type": "article-journal", "title": f"T{i}", "issued": {"date-parts": [[2020]]}}
             for i in range(4)]
    deep = "[" * 100_000 + "]" * 100_000
    parts = [json.dumps(it) for it in items]
    parts[where] = parts[where][:-1] + ', "note": ' + deep + "}"
    p, s = read_text("[\n" + ",\n".join(parts) + "\n]", return_skipped=True, name="x.json")
    assert len(p) + len(s) == 4 and len(s) == 1
    assert sorted(p["title"]) == sorted(f"T{i}" for i in range(4) if i != where)
    assert "too deeply" in s["reason"][0]


# --- 6. CSV headers longer than 8 KB ------------------------------------------------------------

@pytest.mark.parametrize("n_extra", [200, 800, 3000])
def test_wide_scopus_header_is_read(tmp_path, fixtures, n_extra):
    import csv
    rows = list(csv.reader(open(fixtures / "scopus-csv" / "scopus_fullnames.csv", encoding="utf-8-sig")))
    extra = [f"Extra column number {i} of a very wide export" for i in range(n_extra)]
    f = tmp_path / "wide.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(rows[0] + extra)
        for r in rows[1:]:
            w.writerow(r + [""] * n_extra)
    assert len(",".join(rows[0] + extra)) > 8192
    p, s = litkit.read(f, return_skipped=True)
    assert len(p) == 8 and len(s) == 0


# --- 7, 8. implausible years and huge integers: the value only --------------------------------

BAD_YEARS = [0, 9999, 10**10, 10**30, -5]


def _year_inputs(y):
    return {
        "bibtex": (f"@article{{k, title={{T}}, author={{A B}}, year={{{y}}}, date={{{y}-01-02}}}}\n", "a.bib"),
        "csl-json": (json.dumps([{"type": "article-journal", "title": "T",
                                  "issued": {"date-parts": [[y, 1, 2]]}}]), "a.json"),
        "openalex": (json.dumps({"meta": {"count": 1}, "results": [
            {"id": "https://openalex.org/W1", "title": "T", "publication_year": y,
             "publication_date": f"{y}-01-02", "cited_by_count": y, "authorships": []}]}), "a.json"),
        "ieee-csv": ('"Document Title",Authors,"Author Affiliations","Publication Title",'
                     f'"Publication Year",DOI,Abstract\nT,A B,U,J,{y},,x\n', "a.csv"),
        "arxiv-atom": ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
                       'xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>'
                       '<id>http://arxiv.org/abs/2401.00001v1</id>'
                       f'<published>{y}-01-02T00:00:00Z</published><title>T</title>'
                       '<author><name>A B</name></author><summary>x</summary></entry></feed>', "a.xml"),
        "ris": (f"TY  - JOUR\nTI  - T\nAU  - B, A\nPY  - {y}\nER  - \n", "a.ris"),
        "arxiv-jsonl": (json.dumps({"id": "2401.00001", "title": "T", "abstract": "x",
                                    "authors": "A B", "categories": "cs.LG",
                                    "versions": [{"created": f"{y}-01-02"}]}) + "\n", "a.jsonl"),
        "semanticscholar": (json.dumps({"data": [{"paperId": "abc", "title": "T", "year": y,
                                                  "citationCount": y}]}), "a.json"),
    }


# (CSL-JSON writes years before the common era as negative numbers: those are kept, year_bce)
@pytest.mark.parametrize("fmt, year", [(f, y) for f in _year_inputs(0) for y in BAD_YEARS
                                       if not (f == "csl-json" and y < 0)])
def test_implausible_year_costs_the_date_only(fmt, year):
    text, name = _year_inputs(year)[fmt]
    p, s = read_text(text, fmt, return_skipped=True, name=name)
    assert len(p) == 1 and len(s) == 0
    assert p["title"][0] == "T"
    assert pd.isna(p["year"][0]) and pd.isna(p["date"][0])
    if not pd.isna(p["citations"][0]):
        assert p["citations"][0] < 2**63


def test_a_plausible_year_survives_a_bad_day():
    p = read_text("@article{k, title={T}, year={2020}, month={13}, date={2020-02-31}}\n")
    assert p["year"][0] == 2020 and p["date"][0].year == 2020


def test_number_helpers_never_raise():
    assert to_int(10**30) is None and to_int(float("inf")) is None and to_int("1e400") is None
    assert plausible_year(10**10) is None and plausible_year("2020") == 2020
    assert make_date(9999) is None and make_date(2020, 2, 30) == pd.Timestamp("2020-02-01")


# --- 9. gzip bombs and damaged gzip ---------------------------------------------------------------

def test_gzip_bomb_is_a_read_error(tmp_path):
    f = tmp_path / "bomb.ris.gz"
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(f, "wb") as fh:
        chunk = b" " * (8 << 20)
        for _ in range(40):                       # 320 MB of spaces in ~300 KB
            fh.write(c.compress(chunk))
        fh.write(c.flush())
    with pytest.raises(litkit.ReadError, match="unpacks to more than"):
        litkit.read(f)


def test_gzip_multi_member_and_truncated(tmp_path):
    rec = b"TY  - JOUR\nTI  - A\nER  - \n"
    f = tmp_path / "mm.ris.gz"
    f.write_bytes(gzip.compress(rec) + gzip.compress(rec.replace(b"A", b"B")) + b"\0" * 8)
    assert list(litkit.read(f)["title"]) == ["A", "B"]
    f.write_bytes(gzip.compress(rec * 500)[:-40])
    with pytest.raises(litkit.ReadError, match="damaged or truncated"):
        litkit.read(f)


def test_no_memory_or_recursion_error_leaves_read(monkeypatch, fixtures):
    import litkit.io as io_mod
    for exc in (MemoryError, RecursionError, OverflowError):
        def boom(*a, _exc=exc, **k):
            raise _exc("x")
        monkeypatch.setattr(io_mod.schema, "from_records", boom)
        with pytest.raises(litkit.ReadError):
            litkit.read(fixtures / "ris" / "scopus_export.ris")


# --- 11. the same file twice, empty folders -------------------------------------------------------

def test_same_file_twice_is_read_once_with_a_warning(tmp_path, fixtures):
    src = fixtures / "ris" / "scopus_export.ris"
    f = tmp_path / "a.ris"
    f.write_bytes(src.read_bytes())
    one = litkit.read(f)
    for source in ([f, f], [tmp_path, f], [f, tmp_path / "." / "a.ris"], [tmp_path, tmp_path]):
        with pytest.warns(UserWarning, match="read once"):
            assert len(litkit.read(source)) == len(one)


@pytest.mark.parametrize("content", [{}, {"README.md": "x", ".hidden.ris": "TY  - JOUR"},
                                     {"sub/notes.pdf": "x"}])
def test_folder_without_exports_is_a_read_error(tmp_path, content):
    for name, text in content.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    with pytest.raises(litkit.ReadError, match="no file litkit could read"):
        litkit.read(tmp_path)


# --- 12. JSON lines with a damaged line ----------------------------------------------------------------

@pytest.mark.parametrize("run", [1, 50, 5000])
@pytest.mark.parametrize("where", [0, 5, 199])
def test_jsonl_line_of_nuls_is_one_skipped_record(tmp_path, fixtures, run, where):
    lines = (fixtures / "arxiv" / "oai_snapshot_200.jsonl").read_text().split("\n")
    lines[where] = "\x00" * run if where % 2 else lines[where][:30] + "\x00" * run
    f = tmp_path / "x.jsonl"
    f.write_text("\n".join(lines))
    p, s = litkit.read(f, return_skipped=True)
    assert len(p) == 199 and list(s["source_ref"]) == [f"{f}:{where + 1}"]


def test_openalex_jsonl_line_of_nuls(tmp_path, fixtures):
    works = json.loads((fixtures / "openalex" / "works_page.json").read_text())["results"]
    lines = [json.dumps(w) for w in works[:20]]
    lines[3] = "\x00" * 64
    f = tmp_path / "w.jsonl"
    f.write_text("\n".join(lines) + "\n")
    p, s = litkit.read(f, return_skipped=True)
    assert len(p) + len(s) == 20 and f"{f}:4" in set(s["source_ref"])


def test_nul_lines_in_other_formats_are_still_refused(tmp_path):
    f = tmp_path / "a.ris"
    f.write_bytes(b"TY  - JOUR\nTI  - A\nER  - \n" * 20 + b"\x00" * 10 + b"\nTY  - JOUR\nER  - \n")
    with pytest.raises(litkit.ReadError, match=r"a\.ris:61.*NUL"):
        litkit.read(f)


# --- 15. the encoding hint ---------------------------------------------------------------------

def test_cp1252_hint_names_the_encoding_argument(tmp_path):
    f = tmp_path / "cp.ris"
    f.write_bytes("TY  - JOUR\nTI  - Café\nER  - \n".encode("cp1252"))
    with pytest.raises(litkit.ReadError, match=r'encoding="cp1252"'):
        litkit.read(f)
    assert litkit.read(f, encoding="cp1252")["title"][0] == "Café"


# --- 10. 1 MB hostile lines: read or refused, never another exception ----------------------------
# (the time of each is measured in bench/bench_hostile.py)

HOSTILE = {"spaces": " ", "commas": ",", "capitals": "A", "dots": ".", "braces": "{",
           "quotes": '"', "closing": "}", "mixed": "A. "}


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_megabyte_lines_inside_every_format(kind, fixtures):
    import sys
    sys.path.insert(0, str(fixtures.parent.parent / "bench"))
    from bench_hostile import SAMPLES, hostile_variants
    for fmt, rel in SAMPLES.items():
        for text in hostile_variants((fixtures / rel).read_text(encoding="utf-8-sig"),
                                     HOSTILE[kind], 1_000_000):
            try:
                read_text(text, return_skipped=True, name="x" + rel[rel.rfind("."):])
            except litkit.ReadError:
                pass

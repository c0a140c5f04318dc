"""litkit.io.bibtex.fields, .names and .record: values to text, names, rows."""

import pytest

from litkit.io._base import Document
from litkit.io.bibtex import Field, scan
from litkit.io.bibtex.fields import Fields, decode, plain, split_list, url
from litkit.io.bibtex.names import MAX_AUTHORS, authors, wos_address
from litkit.io.bibtex.record import record, resolve_crossrefs


@pytest.mark.parametrize("raw, text", [
    ("Plain title", "Plain title"),
    ("{Deep} {L}earning~for {GPUs}", "Deep Learning for GPUs"),
    ('Schr\\"{o}dinger on Cu$_2$O', "Schrödinger on Cu2O"),
    ("pp.~3--5 --- or not", "pp. 3–5 — or not"),
    ("pp. 3--5", "pp. 3--5"),                             # no LaTeX at all: left as it is
    ("\\emph{Deep} nets \\& 50% more", "Deep nets & 50% more"),
    ("\\textbraceleft{}x\\textbraceright{}", "{x}"),    # braces written by litkit.write
    ("{" * 600 + "deep" + "}" * 600, "deep"),             # hostile nesting: braces dropped
    ("  ", None),
    (None, None),
])
def test_decode(raw, text):
    assert decode(raw) == text


def test_plain_url_and_split_list():
    assert plain("{321--331}") == "321--331" and plain("{}") is None
    assert url("\\url{https://x.org/a\\_b\\%20}") == "https://x.org/a_b%20"
    assert url("\\href{https://x.org/p}{the page}") == "https://x.org/p"
    assert url("https://x.org/p see also") == "https://x.org/p" and url(None) is None
    assert split_list("a, b; c") == ["a, b", "c"] and split_list("a,,b") == ["a", "b"]
    assert split_list("a, b", ";") == ["a, b"]


def test_fields_first_of_repeats_wins():
    f = Fields([Field("Times-Cited", "3", 1), Field("Keywords", "a", 2),
                Field("keywords", "  b ", 3), Field("note", " ", 4)])
    assert f.raw("times cited") == "3" and f.raw("note") is None and f.raw("none") is None
    assert f.repeated == {"keywords": ["b"]} and f.repeated_raw == {"keywords": ["  b "]}


@pytest.mark.parametrize("raw, names, truncated", [
    ("Kumar, Aviral and Smith, J.", ["Aviral Kumar", "J. Smith"], False),
    ("{World Health Organization} and others", ["World Health Organization"], True),
    ("{van der Berg}, Jan", ["Jan van der Berg"], False),
    ("King, Jr., Martin", ["Martin King Jr."], False),
    ("A. Smith and B. Jones et al.", ["A. Smith", "B. Jones"], True),
    ("and A. Smith and B. Jones and", ["A. Smith", "B. Jones"], False),
    ("A. Smith and A. Smith", ["A. Smith"], False),
    ("", [], False),
])
def test_authors(raw, names, truncated):
    assert authors(raw) == (names, truncated, 0)


def test_authors_beyond_the_limit_are_counted():
    names, truncated, omitted = authors(" and ".join(f"A{i}" for i in range(MAX_AUTHORS + 7)))
    assert len(names) == MAX_AUTHORS and truncated and omitted == 7


def test_wos_address():
    assert wos_address("Selvanathan, Saroja, Griffith Univ, Brisbane, Australia.") == \
        "Griffith Univ, Brisbane, Australia."
    assert wos_address("Univ Tokyo, Dept Phys, Tokyo, Japan") == "Univ Tokyo, Dept Phys, Tokyo, Japan"
    assert wos_address(None) is None


def test_record_and_crossref():
    text = ("@inproceedings{a, title = {T}, author = {Doe, J.}, crossref = {P},\n"
            "  year = 2020, month = {3}, day = 9, note = {cited By 12}, volume = {7},\n"
            "  eprint = {2001.00001}, archiveprefix = {arXiv}}\n"
            "@proceedings{p, title = {Proc. {X}}, editor = {Roe, R.}, publisher = {ACM}}\n")
    entries = list(scan(text))
    resolve_crossrefs(entries)
    doc = Document(path="r.bib", text=text, encoding="utf-8")
    a, p = (record(doc, e) for e in entries)
    assert a["venue"] == "Proc. X" and str(a["date"].date()) == "2020-03-09"
    assert (a["citations"], a["arxiv_id"], a["source_ref"]) == (12, "2001.00001", "r.bib:1")
    assert a["extra"]["volume"] == "7" and a["extra"]["crossref"] == "P"
    assert a["extra"]["publisher"] == "ACM"               # inherited from the proceedings
    assert p["authors"] == ["R. Roe"] and p["venue"] == "ACM" and p["year"] is None

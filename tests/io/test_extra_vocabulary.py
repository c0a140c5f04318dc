"""One ``extra`` vocabulary (litkit.schema.EXTRA) for every reader, checked on every fixture."""

import warnings

import pytest

import litkit
from litkit.schema import EXTRA, check_extra


def _exports(root):
    return [f for f in sorted(root.rglob("*")) if f.is_file() and f.suffix != ".md"]


def _read_all(fixtures):
    out = []
    for f in _exports(fixtures):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out.append((f, litkit.read(f)))
            except litkit.ReadError:
                continue
    return out


@pytest.fixture(scope="module")
def corpora():
    from conftest import FIXTURES
    return _read_all(FIXTURES)


def test_every_reader_follows_the_vocabulary(corpora):
    assert len(corpora) > 40
    for f, papers in corpora:
        for authors, extra in zip(papers["authors"], papers["extra"]):
            assert check_extra(extra, len(authors)) == [], f


@pytest.mark.parametrize("kind", ["wos", "wos-tab", "ieee-csv", "scopus-csv", "pubmed", "openalex"])
def test_affiliations_paired_with_authors_where_the_source_pairs_them(corpora, kind):
    rows = [(a, e) for _, p in corpora if len(p) and p["source"].iloc[0] == kind
            for a, e in zip(p["authors"], p["extra"]) if a]
    with_pairs = [e["author_affiliations"] for a, e in rows if "author_affiliations" in e]
    assert with_pairs, kind
    assert any(any(lst) for lst in with_pairs)


def test_both_wos_readers_give_the_same_keys(fixtures):
    plain = litkit.read(fixtures / "wos" / "wos_plain_500.txt")
    tab = litkit.read(fixtures / "wos" / "wos_tabdelimited.txt")
    keys_plain = set().union(*plain["extra"])
    keys_tab = set().union(*tab["extra"])
    shared = {"wos_id", "document_type", "author_affiliations", "author_keywords", "keywords_plus",
              "research_areas", "publisher", "issn", "journal_abbrev", "pages"}
    assert shared <= keys_plain and shared <= keys_tab
    # the keys of either reader are vocabulary words
    assert (keys_plain | keys_tab) - set(EXTRA) <= {"isbn", "early_access", "series",
                                                    "conference_date", "conference_location",
                                                    "funding", "reprint_address", "open_access"}


def test_wos_tab_fills_authorships_like_the_plain_reader(fixtures):
    tab = litkit.read(fixtures / "wos" / "wos_tabdelimited.txt")
    filled = tab["extra"].map(lambda e: any(e.get("author_affiliations") or []))
    has_c1 = tab["affiliations"].map(len) > 0
    assert filled[has_c1].mean() > 0.9


def test_ieee_every_author_has_an_affiliation(fixtures):
    papers = litkit.read(fixtures / "ieee-csv" / "ieee_100.csv")
    ok = 0
    for authors, aff, extra in zip(papers["authors"], papers["affiliations"], papers["extra"]):
        if authors and aff:
            per = extra["author_affiliations"]
            assert len(per) == len(authors)
            ok += all(per)
    assert ok > 50

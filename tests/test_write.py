"""litkit.write: round trips through CSV, Parquet, BibTeX and RIS on real samples, and inert CSV."""

import csv
import re

import pandas as pd
import pytest

import litkit
from conftest import DATA, FIXTURES
from litkit.io.write import WriteError, write


@pytest.fixture(scope="module")
def sample():
    return litkit.read(DATA / "arxiv-sample.jsonl.gz")


def _same(a: pd.DataFrame, b: pd.DataFrame, columns):
    for c in columns:
        left, right = a[c].tolist(), b[c].tolist()
        for i, (x, y) in enumerate(zip(left, right)):
            if isinstance(x, (list, dict)) or isinstance(y, (list, dict)):
                assert x == y, (c, i, x, y)
            elif pd.isna(x) or pd.isna(y):
                assert pd.isna(x) and pd.isna(y), (c, i, x, y)
            else:
                assert x == y, (c, i, x, y)


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_csv_and_parquet_keep_every_column(sample, tmp_path, ext):
    f = write(sample, tmp_path / f"papers.{ext}")
    back = litkit.read(f)
    pd.testing.assert_frame_equal(back, sample)


@pytest.mark.parametrize("path", ["scopus-csv/scopus_litstudy.csv", "wos/wos_plain_500.txt",
                                  "bibtex/wos_export.bib", "openalex/works_page.json"])
def test_csv_and_parquet_round_trip_other_real_exports(tmp_path, path):
    papers = litkit.read(FIXTURES / path)
    for ext in ("csv", "parquet"):
        back = litkit.read(write(papers, tmp_path / f"p.{ext}"))
        pd.testing.assert_frame_equal(back, papers)


def test_csv_formulas_stay_inert(sample, tmp_path):
    evil = ["=HYPERLINK(\"http://x\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A2)", "\tTabbed",
            "'quoted already", "Normal title"]
    papers = sample.iloc[:len(evil)].copy()
    papers["title"] = pd.array(evil, dtype="string")
    papers["keywords"] = [["=cmd|' /C calc'!A0"]] + [[]] * (len(evil) - 1)
    f = write(papers, tmp_path / "evil.csv")
    with open(f, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    titles = [r[1] for r in rows[1:]]
    assert titles[:6] == ["'" + t for t in evil[:6]] and titles[6] == "Normal title"
    for row in rows[1:]:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell
    back = litkit.read(f)
    assert back["title"].tolist() == evil                          # exact after reading back
    assert back["keywords"].iloc[0] == ["=cmd|' /C calc'!A0"]


def test_list_cells_with_semicolons_survive(sample, tmp_path):
    papers = sample.iloc[:2].copy()
    papers["affiliations"] = [["Dept. A; Univ. B", "C"], ["Plain"]]
    back = litkit.read(write(papers, tmp_path / "a.csv"))
    assert back["affiliations"].tolist() == [["Dept. A; Univ. B", "C"], ["Plain"]]


_PLAIN = re.compile(r"^[^\\$<>{}&%#_~^']*$")


def _plain_rows(papers):
    """Records whose title and abstract hold no LaTeX or markup (BibTeX and RIS readers decode
    those, as they should, so the text changes)."""
    ok = papers["title"].str.match(_PLAIN.pattern) & papers["abstract"].fillna("").str.match(_PLAIN.pattern)
    return papers[ok.astype(bool)].reset_index(drop=True)


def test_bibtex_round_trip_arxiv_sample(sample, tmp_path):
    papers = _plain_rows(sample.iloc[:150])
    assert len(papers) > 60
    back = litkit.read(write(papers, tmp_path / "s.bib"))
    assert len(back) == len(papers)
    _same(papers, back, ["title", "abstract", "authors", "authors_truncated", "year", "date",
                         "doi", "arxiv_id", "url", "keywords"])
    # an arXiv ACM class list ("I.2.1; I.2.10; J.3") comes back as its items
    cats = papers["categories"].map(lambda c: [y for x in c for y in x.split("; ")])
    assert back["categories"].tolist() == cats.tolist()
    assert (back["venue"].isna() | (back["venue"] == "arXiv")).all()


@pytest.mark.parametrize("path", ["bibtex/wos_export.bib", "bibtex/scopus_example.bib",
                                  "ris/scopus_export.ris", "ris/ieee_example.ris",
                                  "scopus-csv/scopus_fullnames.csv"])
def test_bibtex_round_trip_real_exports(tmp_path, path):
    papers = litkit.read(FIXTURES / path)
    back = litkit.read(write(papers, tmp_path / "x.bib"))
    assert len(back) == len(papers)
    _same(papers, back, ["title", "year", "doi", "citations", "keywords", "affiliations"])
    assert back["authors"].map(len).tolist() == papers["authors"].map(len).tolist()
    assert [litkit.author_key(a) for a in back["authors"].sum()] == \
        [litkit.author_key(a) for a in papers["authors"].sum()]
    assert back["abstract"].notna().tolist() == papers["abstract"].notna().tolist()
    assert back["venue"].notna().sum() >= papers["venue"].notna().sum() - 0


@pytest.mark.parametrize("path", ["ris/scopus_export.ris", "ris/ieee_example.ris",
                                  "ris/wos_export.ris", "bibtex/wos_export.bib",
                                  "scopus-csv/scopus_litstudy.csv"])
def test_ris_round_trip_real_exports(tmp_path, path):
    papers = litkit.read(FIXTURES / path)
    back = litkit.read(write(papers, tmp_path / "x.ris"))
    assert len(back) == len(papers)
    _same(papers, back, ["title", "year", "doi", "venue", "affiliations", "citations"])
    # the RIS reader keeps one of keywords that differ only in case ("Consistency"/"CONSISTENCY")
    def first_of_case(ks):
        seen = {}
        for k in ks:
            seen.setdefault(k.lower(), k)
        return list(seen.values())
    folded = papers["keywords"].map(first_of_case)
    assert back["keywords"].tolist() == folded.tolist()
    assert [litkit.author_key(a) for a in back["authors"].sum()] == \
        [litkit.author_key(a) for a in papers["authors"].sum()]
    assert back["abstract"].notna().tolist() == papers["abstract"].notna().tolist()


def test_ris_writes_family_comma_given(sample):
    from litkit.io.write import to_ris_text
    text = to_ris_text(sample.iloc[:1])
    first = sample["authors"].iloc[0][0]                       # "Chensheng Peng"-style names
    family = first.split()[-1]
    assert f"AU  - {family}, " in text
    assert text.startswith("TY  - GEN\nTI  - ") and text.rstrip().endswith("ER  -")


def test_unknown_extension_is_an_error(sample, tmp_path):
    with pytest.raises(WriteError, match="extension"):
        write(sample, tmp_path / "papers.xlsx")
    assert isinstance(WriteError("x"), ValueError)


def test_parquet_that_is_not_a_papers_table(tmp_path):
    f = tmp_path / "other.parquet"
    pd.DataFrame({"a": [1, 2]}).to_parquet(f)
    with pytest.raises(litkit.ReadError, match="not a litkit papers table"):
        litkit.read(f)

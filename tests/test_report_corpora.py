"""The real notebooks run through `litkit report` on a corpus they were not written for:
ten BibTeX entries without abstracts, two of them with markup in the title."""

import re

import litkit.report as rep
from conftest import FIXTURES


def _ten_entries_without_abstracts(path):
    src = (FIXTURES / "bibtex" / "user_issue873.bib").read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"(?m)^@", src)]
    entries = [src[a:b] for a, b in zip(starts, starts[1:])]
    entries = [e for e in entries if "abstract" not in e.lower()
               and not e.lower().startswith(("@string", "@comment", "@preamble"))][:8]
    entries.insert(0, "@article{x1, title = {<script>alert('title')</script> Learning rules},\n"
                   " author = {Doe, Jane and Roe, Richard}, year = {1985}, journal = {AIJ}}\n")
    entries.insert(1, "@article{x2, title = {Expert systems <img src=x onerror=alert(1)>},\n"
                   " author = {Doe, Jane}, year = {1986}, journal = {AIJ}}\n")
    path.write_text("".join(entries), encoding="utf-8")
    return path


def test_every_notebook_runs_on_ten_bibtex_entries_without_abstracts_and_markup_stays_inert(tmp_path):
    corpus = _ten_entries_without_abstracts(tmp_path / "ten.bib")
    index = rep.report(corpus, out=tmp_path / "out", progress=False)
    names = [p.stem for p in rep.notebooks()]
    assert names == ["01_load_and_clean", "02_trends", "03_topics", "04_authors",
                     "05_survey_walkthrough", "06_citations_and_sources", "07_keywords_and_themes"]
    text = index.read_text()
    assert "failed" not in text and "10 papers" in text
    # the teaching walk-through is left out of a report on a user's corpus, and the index says so
    assert "05 survey walkthrough</td><td>not run: a teaching walk-through" in text
    assert not (tmp_path / "out" / "05_survey_walkthrough.html").exists()
    names.remove("05_survey_walkthrough")
    for name in names:
        page = (tmp_path / "out" / f"{name}.html").read_text()
        assert "<script" not in page.lower(), name
        assert "<img src=x" not in page, name
        assert "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", ""), name
    # the titles are listed, their markup shown as text
    first = (tmp_path / "out" / "01_load_and_clean.html").read_text()
    assert "&lt;script&gt;alert('title')&lt;/script&gt; Learning rules" in first

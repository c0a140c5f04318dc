"""`litkit report` on corpora of every shape (tests/fixtures/shapes/SOURCES.md): each notebook
runs through papermill, nothing raises, an analysis the corpus cannot support says in one line
why it was skipped, and no page speaks of the data bundled with litkit.

The shapes run in parallel (threads: each report drives its own kernels), so the matrix costs
about the time of its largest corpus per core.
"""

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import litkit.report as rep
from conftest import FIXTURES

SHAPES = {
    "one_paper": ["shapes/one_paper.bib"],
    "five_papers": ["openalex/works_small_page.json"],
    "twenty_papers": ["shapes/twenty_papers.ris"],
    "one_year": ["shapes/one_year_wos.txt"],
    "one_quarter": ["shapes/one_quarter_arxiv.jsonl"],
    "no_dates": ["shapes/no_dates.ris"],
    "no_abstracts": ["shapes/no_abstracts.bib"],
    "no_authors": ["shapes/no_authors.ris"],
    "single_author": ["shapes/single_author.bib"],
    "mixed_sources": ["wos/wos_plain_small.txt", "pubmed/medline_10.txt",
                      "scopus-csv/scopus_fullnames.csv"],
    "large_20_years": ["bibtex/jabref_issue97.bib", "wos/wos_plain_500.txt"],
}
#: what a page about a user's corpus must never say
BUNDLED = ("arxiv-sample", "ARXIV_SAMPLE", "RESEARCHER_PROFILE", "researcher-profile", "bundled",
           "3,126")
#: shape -> (notebook, a line it must print): the guard that must fire on that shape
EXPECTED_SKIPS = {
    "one_paper": ("03_topics", "Skipped because the corpus has 1 paper (at least 20 needed)"),
    "no_dates": ("02_trends", "Skipped because no paper has a year or date"),
    "no_authors": ("04_authors", "Skipped because no paper has authors"),
    "single_author": ("04_authors", "Skipped because no paper has two or more authors"),
    "one_year": ("02_trends", "Skipped because all dated papers fall in one year (2015)"),
    "no_abstracts": ("03_topics", "Only 0 of 60 papers have an abstract"),
}


def _corpus(files):
    paths = [str(FIXTURES / f) for f in files]
    return paths[0] if len(paths) == 1 else paths


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")

    def run(name):
        out = root / name
        try:
            rep.report(_corpus(SHAPES[name]), out=out, progress=False)
        except rep.ReportError as exc:
            return name, out, str(exc)
        return name, out, None

    with ThreadPoolExecutor(max_workers=2) as pool:
        return {name: (out, err) for name, out, err in pool.map(run, SHAPES)}


def _outputs(executed: Path):
    nb = json.loads(executed.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            yield out


def _visible(page: str) -> str:
    """The text a reader sees: no style sheets (nbconvert's CSS says "bundled"), no tags."""
    page = re.sub(r"(?is)<style\b.*?</style>", "", page)
    return re.sub(r"<[^>]+>", " ", page)


def _text(out) -> str:
    if out["output_type"] == "stream":
        return "".join(out["text"])
    return "".join(out.get("data", {}).get("text/plain", ""))


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_notebook_runs_on_the_shape_and_speaks_only_of_it(reports, shape):
    out, error = reports[shape]
    assert error is None, error
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed" not in index
    assert not [w for w in BUNDLED if w in _visible(index)]
    assert "05 survey walkthrough</td><td>not run: a teaching walk-through" in index
    ran = sorted(p.stem for p in (out / "notebooks").glob("*.ipynb"))
    assert ran == [p.stem for p in rep.notebooks() if not rep._teaching(p)]
    assert "03_topics" in ran
    for name in ran:
        outputs = list(_outputs(out / "notebooks" / f"{name}.ipynb"))
        assert not [o for o in outputs if o["output_type"] == "error"], name
        stderr = [_text(o) for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
        assert not stderr, f"{name}: {stderr[:1]}"
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "Traceback" not in page, name
        said = [w for w in BUNDLED if w in _visible(page)]
        assert not said, f"{name} speaks of the bundled data: {said}"
    if shape in EXPECTED_SKIPS:
        name, line = EXPECTED_SKIPS[shape]
        printed = "\n".join(_text(o) for o in _outputs(out / "notebooks" / f"{name}.ipynb"))
        assert line in printed, f"{name} on {shape}"
        if line.startswith("Skipped because"):
            assert line in index                     # the index lists what was skipped

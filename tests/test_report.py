"""litkit report: runs notebooks with papermill, renders offline HTML, names failing cells."""

import json

import nbformat
import pytest

import litkit
import litkit.data
import litkit.report as rep
from litkit.errors import ReportError
from litkit.__main__ import main


def _notebook(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    code = nbformat.v4.new_code_cell('corpus = "none"')
    code.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Test"), code] + [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


def _hostile_corpus(tmp_path):
    rows = [{"id": "2501.0000%d" % i, "title": t, "authors": ["A. Author"], "categories": ["cs.CL"],
             "summary": "An abstract <img src=x onerror=alert(1)> with markup.", "listed": "2025-03-18",
             "comment": None}
            for i, t in enumerate(["<script>alert('x')</script> Attack title", "Plain title"])]
    f = tmp_path / "hostile.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return f


def test_report_runs_notebooks_and_writes_offline_pages_with_data_markup_inert(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    _notebook(nbdir / "01_show.ipynb", [
        "import litkit\npapers = litkit.read(corpus)\npapers[['title', 'abstract']]",
        "print(papers['title'].tolist())",
    ])
    corpus = _hostile_corpus(tmp_path)
    index = rep.report(corpus, out=tmp_path / "out", notebook_dir=nbdir, progress=False)
    page = (tmp_path / "out" / "01_show.html").read_text()
    assert index.exists() and "01_show.html" in index.read_text()
    assert "Attack title" in page
    assert "<script" not in page.lower()          # nothing runs: neither CDN loaders nor data
    assert "<img src=x" not in page               # data markup shows as text, never as a live tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "cdn" not in page.lower().split("<body", 1)[1]


def test_failing_notebook_is_named_with_its_cell_and_error(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    _notebook(nbdir / "01_ok.ipynb", ["x = 1"])
    _notebook(nbdir / "02_bad.ipynb", ["x = 1", "raise ValueError('no abstracts in this corpus')"])
    with pytest.raises(rep.ReportError) as err:
        rep.report(None, out=tmp_path / "out", notebook_dir=nbdir, progress=False)
    msg = str(err.value)
    assert "02_bad" in msg and "code cell 3" in msg and "no abstracts in this corpus" in msg
    assert (tmp_path / "out" / "01_ok.html").exists()       # the others are still written
    assert "failed" in (tmp_path / "out" / "index.html").read_text()


def test_cli_parameters_are_python_literals_where_possible():
    assert rep._coerce("8") == 8 and rep._coerce("0.5") == 0.5
    assert rep._coerce("my.bib") == "my.bib" and rep._coerce("[1, 2]") == [1, 2]


def test_cli_reports_unreadable_corpus_as_an_error(tmp_path, capsys):
    f = tmp_path / "x.txt"
    f.write_text("hello\n")
    assert main(["report", str(f), "--out", str(tmp_path / "o")]) == 2
    assert "x.txt" in capsys.readouterr().err


def test_a_notebook_without_a_kernelspec_is_a_report_error_naming_it(tmp_path):
    import nbformat
    folder = tmp_path / "nbs"
    folder.mkdir()
    params = nbformat.v4.new_code_cell("corpus = None")
    params.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {"name": "python3"}      # no language: papermill cannot inspect it
    nbformat.write(nb, folder / "01_plain.ipynb")
    with pytest.raises(ReportError, match="01_plain.ipynb"):
        rep.report(litkit.data.RESEARCHER_PROFILE, tmp_path / "out", notebook_dir=folder)

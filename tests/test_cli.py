"""The ``litkit`` command line on real exports (tests/fixtures): what each command prints and
writes, its exit status (0 done / 1 done in part / 2 error) and its one-line errors."""

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import litkit
from litkit.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, main

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
IEEE_RIS = FIX / "ris" / "ieee_example.ris"            # 25 records, 24 with a DOI
S2 = FIX / "semanticscholar" / "graph_search.json"      # 100 records, 2 of them in IEEE_RIS
ARXIV_ERROR = FIX / "arxiv" / "api_error.atom.xml"      # one error entry, no paper
UNSUPPORTED = FIX / "heldout" / "unsupported" / "ovid_embase_endnote.cgi"
HELDOUT_RIS = FIX / "heldout" / "ris"                   # 5 files, 15 records


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"litkit {litkit.__version__}"
    assert litkit.__version__ == importlib.metadata.version("litkit")


def test_help_documents_the_exit_codes(capsys):
    for argv in (["--help"], ["convert", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert "exit codes:" in out and "1  done in part" in out and "2  error" in out


def test_info_counts_skips_and_coverage(capsys):
    code, out, err = run(capsys, "info", IEEE_RIS, ARXIV_ERROR)
    assert code == EXIT_PARTIAL                      # a record was skipped
    lines = out.splitlines()
    assert lines[0].startswith(f"{IEEE_RIS}: ris (RIS")
    assert lines[0].endswith("25 records read, 0 skipped")
    assert lines[1].startswith(f"{ARXIV_ERROR}: arxiv-atom")
    assert lines[1].endswith("0 records read, 1 skipped")
    assert "total: 25 records read, 1 skipped, from 2 file(s)" in out
    doi = next(line for line in lines if line.startswith("doi "))
    assert doi.split() == ["doi", "96%"]             # 24 of the 25 records have a DOI
    assert "ris citations: this RIS export has no citation counts" in out
    assert err.splitlines() == [f"litkit: skipped: {ARXIV_ERROR}:9: arXiv API error: "
                                "incorrect id format for abc"]


def test_info_lists_each_file_of_a_folder(capsys):
    code, out, _ = run(capsys, "info", HELDOUT_RIS)
    assert code == EXIT_OK
    per_file = [line for line in out.splitlines() if " records read, " in line
                and not line.startswith("total")]
    assert [Path(line.split(":")[0]).name for line in per_file] == sorted(
        p.name for p in HELDOUT_RIS.iterdir())
    assert "total: 15 records read, 0 skipped, from 5 file(s)" in out


def test_convert_merges_and_deduplicates_with_audit(capsys, tmp_path):
    out_csv = tmp_path / "merged.csv"
    code, out, err = run(capsys, "convert", IEEE_RIS, S2, out_csv, "--dedup")
    assert (code, err) == (EXIT_OK, "")
    merged = litkit.read(out_csv)
    audit_path = tmp_path / "merged.audit.csv"
    audit = pd.read_csv(audit_path)
    assert len(merged) == 121 and len(audit) == 4 and len(merged) + len(audit) == 125
    # two Semantic Scholar records are IEEE papers (merged into the IEEE rows), two more repeat
    # a title of the Semantic Scholar results themselves
    assert audit["removed_source_ref"].str.startswith(str(S2)).all()
    assert audit["kept_source_ref"].str.startswith(str(IEEE_RIS)).sum() == 2
    assert set(audit["kept_id"]) <= set(merged["id"])
    assert not set(audit["removed_id"]) & set(merged["id"])
    assert f"{out_csv}: 121 papers (125 records read, 4 duplicates merged" in out
    # the same as the library calls
    expected, _ = litkit.deduplicate(litkit.read([IEEE_RIS, S2]))
    assert merged["id"].tolist() == expected["id"].tolist()


def test_convert_audit_path_and_every_output_format(capsys, tmp_path):
    audit = tmp_path / "decisions.csv"
    code, _, _ = run(capsys, "convert", HELDOUT_RIS, tmp_path / "dedup.bib", "--dedup",
                     "--audit", audit)
    assert code == EXIT_OK and audit.is_file()
    assert not (tmp_path / "dedup.audit.csv").exists()
    assert len(litkit.read(tmp_path / "dedup.bib")) + len(pd.read_csv(audit)) == 15
    source = litkit.read(HELDOUT_RIS)
    for name in ("all.csv", "all.parquet", "all.ris", "all.bib"):
        assert run(capsys, "convert", HELDOUT_RIS, tmp_path / name)[0] == EXIT_OK
        back = litkit.read(tmp_path / name)
        assert len(back) == len(source) == 15
        assert back["title"].tolist() == source["title"].tolist()
    forced = tmp_path / "forced.txt"
    assert run(capsys, "convert", HELDOUT_RIS, forced, "--to", "ris")[0] == EXIT_OK
    assert litkit.read(forced)["doi"].tolist() == source["doi"].tolist()


def test_convert_keeps_going_past_skipped_records_with_status_1(capsys, tmp_path):
    code, out, err = run(capsys, "convert", IEEE_RIS, ARXIV_ERROR, tmp_path / "x.csv")
    assert code == EXIT_PARTIAL
    assert "25 papers (25 records read, 1 skipped)" in out
    assert err.startswith(f"litkit: skipped: {ARXIV_ERROR}:9: arXiv API error")
    assert len(litkit.read(tmp_path / "x.csv")) == 25


@pytest.mark.parametrize("argv, message", [
    (["convert", IEEE_RIS, "out.txt"], "out.txt: cannot tell the output format"),
    (["convert", UNSUPPORTED, "out.csv"], f"{UNSUPPORTED}: It does not look like any format"),
    (["convert", IEEE_RIS, "out.csv", "--audit", "a.csv"], "--audit needs --dedup"),
    (["convert", IEEE_RIS, "no/such/folder/out.csv"], "the folder no/such/folder does not exist"),
    (["info", "missing.ris"], "missing.ris: no such file or folder"),
    (["read", IEEE_RIS, "--format", "bibtex"], "format='bibtex' was asked for"),
    (["report", UNSUPPORTED], f"{UNSUPPORTED}: It does not look like any format"),
])
def test_errors_are_one_line_with_status_2_and_nothing_written(capsys, tmp_path, monkeypatch,
                                                               argv, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == EXIT_ERROR and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("litkit: error: ") and message in err
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_are_one_line_with_status_2(capsys):
    for argv in (["bogus"], ["convert", str(IEEE_RIS)], []):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        err = capsys.readouterr().err
        assert exit_.value.code == EXIT_ERROR
        assert len(err.splitlines()) == 1 and err.startswith("litkit: error: ")


def test_progress_bar_only_on_a_terminal(capsys, tmp_path, monkeypatch):
    argv = ["convert", IEEE_RIS, S2, tmp_path / "x.csv"]
    assert run(capsys, *argv)[2] == ""                      # stderr is not a terminal: quiet
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert "reading" in run(capsys, *argv)[2]               # a terminal: a bar over the 2 files


def test_a_file_named_twice_is_read_once(capsys, tmp_path):
    code, out, err = run(capsys, "convert", IEEE_RIS, IEEE_RIS, tmp_path / "x.csv")
    assert code == EXIT_OK and "25 papers (25 records read" in out
    assert err == f"litkit: warning: {IEEE_RIS}: named more than once, read once\n"


def test_read_prints_counts_per_format(capsys):
    code, out, _ = run(capsys, "read", IEEE_RIS, S2)
    assert code == EXIT_OK
    assert out.splitlines()[0] == "125 papers read, 0 records skipped"
    assert "ris                 25" in out and "semanticscholar    100" in out


def test_notebooks_copies_the_curated_notebooks(capsys, tmp_path):
    from litkit.report import NOTEBOOK_DIR
    dest = tmp_path / "my notebooks"
    code, out, _ = run(capsys, "notebooks", dest)
    assert code == EXIT_OK
    shipped = sorted(p.name for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert len(shipped) >= 5
    assert sorted(p.name for p in dest.iterdir()) == shipped
    assert (dest / shipped[0]).read_bytes() == (NOTEBOOK_DIR / shipped[0]).read_bytes()
    assert out.splitlines() == [str(dest / name) for name in shipped]
    # a second copy would overwrite the user's edits: only with --force
    code, _, err = run(capsys, "notebooks", dest)
    assert code == EXIT_ERROR and "use --force" in err
    assert run(capsys, "notebooks", dest, "--force")[0] == EXIT_OK


def test_copied_notebooks_find_their_default_corpus(capsys, tmp_path, monkeypatch):
    """Run from the folder they were copied to, each notebook's parameters cell names a corpus
    that exists there (the bundled data, through litkit.data)."""
    import nbformat
    run(capsys, "notebooks", tmp_path)
    monkeypatch.chdir(tmp_path)
    for nb_path in sorted(tmp_path.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        namespace = {}
        exec(cell.source, namespace)
        corpus = namespace["corpus"]
        for path in corpus if isinstance(corpus, (list, tuple)) else [corpus]:
            assert Path(path).is_file(), f"{nb_path.name}: corpus {path!r} not found from a copy"


def test_python_dash_m_litkit_from_another_folder(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run([sys.executable, "-m", "litkit", "info", str(IEEE_RIS)], cwd=tmp_path,
                        env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and "25 records read" in ok.stdout and ok.stderr == ""
    bad = subprocess.run([sys.executable, "-m", "litkit", "read", str(UNSUPPORTED)],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.splitlines()) == 1

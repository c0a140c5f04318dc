"""The reader registry is built from the readers' own declarations (issue 13)."""

import importlib
import pkgutil

import litkit
import litkit.io
from litkit.io import available_readers, formats
from litkit.io._base import Format


def test_every_reader_module_declares_itself_and_is_registered():
    declared = {}
    for info in pkgutil.iter_modules(litkit.io.__path__):
        if info.name.startswith("_") or info.name in ("write", "wos_fields"):
            continue
        module = importlib.import_module(f"litkit.io.{info.name}")
        assert isinstance(module.FORMAT, Format), info.name
        assert not hasattr(module, "NAME"), f"{info.name} keeps a dead NAME"
        declared[module.FORMAT.name] = module.FORMAT
    registry = formats()
    assert set(registry) == set(declared)
    for name, fmt in declared.items():
        assert registry[name] is fmt
        assert fmt.suffixes and all(s.startswith(".") and s == s.lower() for s in fmt.suffixes)
    assert available_readers() == {n: f.description for n, f in registry.items()}


def test_detection_order_is_the_old_tie_order():
    assert list(formats()) == ["listing", "bibtex", "ris", "wos", "wos-tab", "scopus-csv",
                               "ieee-csv", "pubmed", "arxiv-atom", "arxiv-jsonl", "openalex",
                               "semanticscholar", "csl-json", "litkit-csv", "parquet"]


def test_json_lines_readers_say_so():
    assert {n for n, f in formats().items() if f.line_records} == {
        "arxiv-jsonl", "openalex", "semanticscholar"}


def test_coverage_hints_come_from_the_readers(tmp_path):
    # a Scopus export without citation counts: the hint is the Scopus reader's own
    f = tmp_path / "s.csv"
    f.write_text("Authors,Title,Year,Source title,EID,Link\n"
                 'Doe J.,A title,2020,J. Things,2-s2.0-1,https://x\n', encoding="utf-8")
    cov = litkit.coverage(litkit.read(f)).set_index("field")
    assert cov.loc["citations", "hint"] == (
        "this Scopus export has no citation counts: "
        + formats()["scopus-csv"].hints["citations"])
    # a field the reader has no hint for gets the general advice
    assert cov.loc["doi", "hint"].startswith("this Scopus export has no DOIs: records without DOI")

"""read(): sources, detection, decoding and hostile input (format-independent)."""

import gzip
import shutil

import pytest

import litkit
from conftest import DATA, FIXTURES


def test_arxiv_listing_sample_reads_whole(tmp_path):
    papers = litkit.read(DATA / "arxiv-sample.jsonl.gz")
    litkit.validate(papers, unique_ids=True)
    assert len(papers) == sum(1 for _ in gzip.open(DATA / "arxiv-sample.jsonl.gz", "rt"))
    assert papers["title"].notna().all() and papers["abstract"].notna().all()
    assert (papers["source"] == "arxiv-jsonl").all()
    assert papers["year"].isin([2025, 2026]).all()
    # abstracts come with hard line breaks in the dump: normalised to single spaces
    assert not papers["abstract"].str.contains("\n").any()


def test_oai_snapshot_first_record():
    papers = litkit.read(FIXTURES / "arxiv" / "oai_snapshot_200.jsonl")
    assert len(papers) == 200
    first = papers.iloc[0]
    assert first["arxiv_id"] == "0704.0001"
    assert first["title"] == ("Calculation of prompt diphoton production cross sections at "
                              "Tevatron and LHC energies")
    assert first["authors"][0] == "C. Balázs"
    assert first["doi"] == "10.1103/physrevd.76.013009"
    assert first["year"] == 2007 and str(first["date"].date()) == "2007-04-02"
    assert first["categories"] == ["hep-ph"]


def test_bad_json_line_is_skipped_with_its_line(tmp_path):
    src = (FIXTURES / "arxiv" / "oai_snapshot_200.jsonl").read_text().splitlines()
    src[4] = src[4][:100]  # truncate record 5
    f = tmp_path / "cut.jsonl"
    f.write_text("\n".join(src) + "\n")
    papers, skipped = litkit.read(f, return_skipped=True)
    assert len(papers) == 199 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{f}:5"
    assert "not valid JSON" in skipped["reason"][0]


def test_folder_list_and_gzip_sources(tmp_path):
    f = FIXTURES / "arxiv" / "oai_snapshot_200.jsonl"
    gz = tmp_path / "a.jsonl.gz"
    with open(f, "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    (tmp_path / "README.md").write_text("# notes, not an export")
    assert len(litkit.read(gz)) == 200
    assert len(litkit.read(tmp_path)) == 200
    assert len(litkit.read([f, gz])) == 400


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(litkit.ReadError, match="no such file"):
        litkit.read(tmp_path / "nope.bib")


def test_unrecognised_file_says_what_it_starts_with(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("Dear colleague,\nhere are my notes.\n")
    with pytest.raises(litkit.ReadError) as err:
        litkit.read(f)
    assert str(f) in str(err.value) and "Dear colleague" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_empty_file_is_an_error(tmp_path):
    f = tmp_path / "empty.ris"
    f.write_text("")
    with pytest.raises(litkit.ReadError, match="empty"):
        litkit.read(f)


def test_nul_bytes_are_refused_with_the_line(tmp_path):
    f = tmp_path / "x.bib"
    f.write_bytes(b"@article{a,\n title={x}}\n\x00\x01\x02PK")
    with pytest.raises(litkit.ReadError, match=r"x\.bib:3.*NUL"):
        litkit.read(f)


def test_wrong_encoding_is_refused_with_the_line_and_the_fix(tmp_path):
    f = tmp_path / "latin1.jsonl"
    f.write_bytes('{"id": "0704.0001", "title": "x", "abstract": "a", "categories": "hep-ph"}\n'
                  '{"id": "0704.0002", "title": "Müller", "abstract": "a", "categories": "hep-ph"}\n'
                  .encode("latin-1"))
    with pytest.raises(litkit.ReadError, match=r"latin1\.jsonl:2.*not UTF-8.*iconv"):
        litkit.read(f)
    assert len(litkit.read(f, encoding="latin-1")) == 2


def test_utf16_with_bom_is_decoded(tmp_path):
    f = tmp_path / "u16.jsonl"
    f.write_bytes((FIXTURES / "arxiv" / "oai_snapshot_200.jsonl").read_text().encode("utf-16"))
    assert len(litkit.read(f)) == 200


def test_damaged_gzip_is_a_read_error(tmp_path):
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(gzip.compress(b'{"id": "0704.0001"}\n' * 1000)[:60])
    with pytest.raises(litkit.ReadError, match="gzip"):
        litkit.read(f)


def test_unknown_forced_format(tmp_path):
    with pytest.raises(litkit.ReadError, match="unknown format"):
        litkit.read(FIXTURES / "arxiv" / "oai_snapshot_200.jsonl", format="docx")

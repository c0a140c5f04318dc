"""Web of Science tab-delimited reader. Expected values were read by eye from
tests/fixtures/wos/wos_tabdelimited.txt (BOM, CRLF, bare quotes inside fields)."""

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES
from litkit.io import load, wos_tab

TAB = FIXTURES / "wos" / "wos_tabdelimited.txt"


def _by_line(papers, path, line):
    hit = papers[papers["source_ref"] == f"{path}:{line}"]
    assert len(hit) == 1, f"no record at {path}:{line}"
    return hit.iloc[0]


def test_the_sample_has_the_quirks_it_is_kept_for():
    raw = TAB.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfPT\tAU\t") and b"\r\n" in raw
    assert b'"smart" HBST kit' in raw


def test_count_and_schema():
    papers, skipped = litkit.read(TAB, return_skipped=True)
    assert len(papers) == 71 and len(skipped) == 0
    litkit.validate(papers, unique_ids=True)
    assert (papers["source"] == "wos-tab").all()
    assert papers["title"].notna().all() and papers["year"].notna().all()
    assert papers["citations"].notna().all()
    assert papers["abstract"].notna().sum() == 34      # 34 lines have an AB field
    assert papers["doi"].notna().sum() == 37           # 37 lines have a DI field


def test_first_record():
    r = _by_line(litkit.read(TAB), TAB, 2)
    assert r["title"] == ("Design and Implementation of a Wearable System Based on a Flexible "
                          "Capacitive Sensor, Monitoring Knee Laxity")
    # AF "Sheeja Prakash, Karthika; Andersen, Erik; von Einem, Vicky Chantal; ..."
    assert r["authors"][:3] == ["Karthika Sheeja Prakash", "Erik Andersen", "Vicky Chantal von Einem"]
    assert len(r["authors"]) == 11
    assert r["year"] == 2023 and str(r["date"].date()) == "2023-10-01"   # PD OCT, PY 2023
    assert r["doi"] == "10.1002/adsr.202300058" and r["citations"] == 6
    assert r["venue"] == "ADVANCED SENSOR RESEARCH"
    assert r["abstract"].startswith("The anterior cruciate ligament (ACL) tear is one of the most "
                                    "common knee injuries")
    assert r["affiliations"][0] == "Univ Freiburg, Dept Microsyst Engn IMTEK, D-79110 Freiburg, Germany"
    # one list of addresses per author, aligned with authors (the shape of every reader)
    per_author = r["extra"]["author_affiliations"]
    assert len(per_author) == len(r["authors"]) and per_author[0] == [r["affiliations"][0]]
    assert r["categories"] == ["Chemistry, Analytical", "Instruments & Instrumentation"]
    assert "bluetooth low energy" in r["keywords"] and "CRUCIATE LIGAMENT RECONSTRUCTION" in r["keywords"]
    assert r["extra"]["wos_id"] == "WOS:001242600300012"
    assert r["extra"]["document_type"] == "Article"


def test_bare_quotes_stay_inside_their_field():
    r = _by_line(litkit.read(TAB), TAB, 5)
    assert r["title"] == ("eTEST: Developing a Smart Home HIV Testing Kit that Enables Active, "
                          "Real-Time Follow-Up and Referral After Testing")
    assert r["abstract"].startswith("Background: Men who have sex with men (MSM)")
    assert 'development of a "smart" HBST kit' in r["abstract"]
    assert r["extra"]["document_type"] == "Article"     # fields after the abstract are in place


def test_book_chapter_group_author_and_dates():
    papers = litkit.read(TAB)
    chapter = _by_line(papers, TAB, 40)       # no AU/AF: book authors BA "Gupta, N"
    assert chapter["title"] == "Inside Bluetooth Low Energy Introduction"
    assert chapter["authors"] == ["N Gupta"] and chapter["year"] == 2013
    assert pd.isna(chapter["doi"]) and chapter["id"] == "wos:000317242000003"
    hapin = _by_line(papers, TAB, 70)         # CA "HAPIN Investigators"
    assert hapin["authors"][0] == "Jiawen Liao" and hapin["authors"][-1] == "HAPIN Investigators"
    assert str(hapin["date"].date()) == "2020-05-01"     # PD MAY, PY 2020 (EA FEB 2020 in extra)
    assert hapin["extra"]["early_access"] == "FEB 2020"
    assert str(_by_line(papers, TAB, 30)["date"].date()) == "2026-06-01"    # PD "JUN 1"
    assert str(_by_line(papers, TAB, 3)["date"].date()) == "2016-04-01"     # PD "APR-JUN"


def test_trailing_tabs_and_utf16(tmp_path):
    lines = TAB.read_text(encoding="utf-8-sig").split("\n")
    trailing = tmp_path / "trailing.txt"
    trailing.write_text("\n".join(ln + "\t" if ln.strip() else ln for ln in lines), encoding="utf-8")
    assert len(litkit.read(trailing)) == 71
    utf16 = tmp_path / "win.txt"                      # WoS "Tab-delimited (Win)" is UTF-16
    utf16.write_bytes(TAB.read_text(encoding="utf-8-sig").encode("utf-16"))
    papers = litkit.read(utf16)
    assert len(papers) == 71 and papers["authors"][0][0] == "Karthika Sheeja Prakash"


def test_line_with_wrong_field_count_is_skipped_rest_read(tmp_path):
    lines = TAB.read_text(encoding="utf-8-sig").split("\n")
    cells = lines[9].split("\t")
    lines[9] = "\t".join(cells[:40])                  # line 10 cut short
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 70 and len(skipped) == 1
    assert skipped["source_ref"][0] == f"{path}:10"
    assert "40 fields where the header has 71" in skipped["reason"][0]


def test_sniffer_claims_only_the_tab_delimited_file():
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            assert (wos_tab.sniff(load(path)) > 0) == (path.name == "wos_tabdelimited.txt"), path


def test_wrong_forced_format_is_an_error():
    with pytest.raises(litkit.ReadError, match="not Web of Science tab-delimited"):
        litkit.read(FIXTURES / "wos" / "wos_plain_small.txt", format="wos-tab")


def test_c1_addresses_with_and_without_author_lists():
    # the C1 pairing has one home for both Web of Science readers: litkit.io.wos_fields
    from litkit.io.wos_fields import c1_addresses, per_author, split_c1
    pairs = c1_addresses(split_c1(
        "[Smith, John; Doe, Ann B.] Univ Alpha, Dept Phys, Oslo, Norway; [Roe, R] Beta Inst, Rome, "
        "Italy; Gamma Corp, Lyon, France."))
    orgs = [addr for _, addr in pairs]
    assert orgs == ["Univ Alpha, Dept Phys, Oslo, Norway", "Beta Inst, Rome, Italy",
                    "Gamma Corp, Lyon, France"]
    assert pairs[0] == (["Smith, John", "Doe, Ann B."], "Univ Alpha, Dept Phys, Oslo, Norway")
    assert len([p for p in pairs if p[0]]) == 2
    assert per_author(["Doe, Ann B.", "Roe, R", "Nobody, N"], pairs) == [
        ["Univ Alpha, Dept Phys, Oslo, Norway"], ["Beta Inst, Rome, Italy"], []]
    # a multi-megabyte address field is read in linear time
    pairs = c1_addresses(split_c1("; ".join(f"Univ {i}, City" for i in range(200_000))))
    assert len(pairs) == 200_000


def test_concatenated_exports_repeat_their_header(tmp_path):
    # `cat savedrecs1.txt savedrecs2.txt > all.txt`: the second header (with its BOM) is not a record
    path = tmp_path / "all.txt"
    path.write_bytes(TAB.read_bytes() + TAB.read_bytes())
    papers, skipped = litkit.read(path, return_skipped=True)
    assert len(papers) == 142 and len(skipped) == 0
    assert not papers["title"].eq("TI").any()
    assert papers["source_ref"].iloc[71] == f"{path}:74"    # 1 header + 71 records + header


def test_fn_vr_preamble_before_the_header(tmp_path):
    path = tmp_path / "fn.txt"
    path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\n"
                    + TAB.read_text(encoding="utf-8-sig"), encoding="utf-8")
    papers = litkit.read(path)
    assert len(papers) == 71 and papers["source_ref"][0] == f"{path}:4"

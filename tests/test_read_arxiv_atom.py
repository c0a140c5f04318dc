"""arXiv API Atom feeds (tests/fixtures/arxiv/*.atom.xml, recorded responses of export.arxiv.org).

Expected values were read off the XML files by eye.
"""

import warnings

import pandas as pd
import pytest

import litkit
from conftest import FIXTURES

ARXIV = FIXTURES / "arxiv"


def read(name, **kw):
    return litkit.read(ARXIV / name, **kw)


def test_search_page_has_its_100_entries_with_fields_filled():
    papers, skipped = read("api_search_100.atom.xml", return_skipped=True)
    litkit.validate(papers, unique_ids=True)
    assert len(papers) == 100 and len(skipped) == 0
    assert (papers["source"] == "arxiv-atom").all()
    for col in ("title", "abstract", "arxiv_id", "url", "year", "date"):
        assert papers[col].notna().all(), col
    assert (papers["authors"].map(len) > 0).all()
    assert (papers["categories"].map(len) > 0).all()
    # 18 entries carry a journal reference, the others are arXiv-only
    assert (papers["venue"] != "arXiv").sum() == 18
    assert not papers["abstract"].str.contains("\n").any()


def test_search_page_first_entry():
    first = read("api_search_100.atom.xml").iloc[0]
    assert first["id"] == "arxiv:2202.12139"
    assert first["arxiv_id"] == "2202.12139"
    assert first["url"] == "https://arxiv.org/abs/2202.12139"
    assert first["title"] == ("Testing Deep Learning Models: A First Comparative Study of "
                              "Multiple Testing Techniques")
    assert first["abstract"].startswith("Deep Learning (DL) has revolutionized the capabilities")
    assert first["authors"] == ["Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"]
    assert first["categories"] == ["cs.SE", "cs.LG"]
    assert first["doi"] == "10.1109/icstw55395.2022.00035"
    assert first["venue"].startswith("Artificial Intelligence in Software Testing @ 2022 IEEE")
    assert first["year"] == 2022 and first["date"] == pd.Timestamp("2022-02-24")
    assert first["extra"]["comment"] == ("Artificial Intelligence in Software Testing 2022 "
                                         "workshop @ ICST 2022")
    assert first["extra"]["pdf_url"] == "https://arxiv.org/pdf/2202.12139v1"
    assert first["extra"]["version"] == 1
    assert first["extra"]["updated"] == "2022-02-24T15:05:19Z"
    assert first["source_ref"].endswith("api_search_100.atom.xml:10")  # the <entry> line


def test_double_encoded_utf8_is_repaired():
    # the recorded response spells "Ramírez" as "RamÃ­rez" (UTF-8 read as Latin-1, saved again)
    papers = read("api_search_100.atom.xml").set_index("arxiv_id")
    assert papers.loc["2405.13786", "authors"] == ["Aurora Ramírez", "Mario Berrios",
                                                   "José Raúl Romero", "Robert Feldt"]
    omega = papers[papers["title"].str.contains("WebView-Oriented")]
    assert omega["title"].tolist() == ["$ω$Test: WebView-Oriented Testing for Android Applications"]
    everything = " ".join(papers["title"]) + " ".join(papers["abstract"]) \
        + " ".join(a for lst in papers["authors"] for a in lst)
    assert "Ã" not in everything and "Â" not in everything


def test_old_style_id_with_affiliations_and_journal_ref():
    papers = read("api_old_style_id.atom.xml")
    assert len(papers) == 1
    p = papers.iloc[0]
    assert p["arxiv_id"] == "astro-ph/0601001" and p["id"] == "arxiv:astro-ph/0601001"
    assert p["url"] == "https://arxiv.org/abs/astro-ph/0601001"
    assert p["title"].startswith("Frequency of Hot Jupiters and Very Hot Jupiters")
    assert p["authors"] == ["Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"]
    assert p["affiliations"] == ["Ohio State", "CfA", "Warsaw University Observatory"]
    assert p["extra"]["author_affiliations"] == [["Ohio State"], ["Ohio State"], ["CfA"],
                                                 ["Warsaw University Observatory"]]
    assert p["venue"] == "ActaAstron.56:1-50,2006"
    assert p["categories"] == ["astro-ph"]
    assert p["year"] == 2006 and p["date"] == pd.Timestamp("2006-01-02")
    # entities in the summary are decoded, the leading spaces dropped
    assert p["abstract"].startswith("We derive the frequencies of hot Jupiters")
    assert "Gould & Morgan (2003)" in p["abstract"] and "V_max<17.5" in p["abstract"]
    assert p["extra"]["comment"].startswith("62 pages including 16 figures")


def test_error_entry_is_not_a_paper_but_is_reported():
    papers, skipped = read("api_error.atom.xml", return_skipped=True)
    assert len(papers) == 0
    litkit.validate(papers)
    assert skipped["reason"].tolist() == ["arXiv API error: incorrect id format for abc"]
    assert skipped["source_ref"][0].endswith("api_error.atom.xml:9")
    with pytest.warns(UserWarning, match="arXiv API error: incorrect id format for abc"):
        assert len(read("api_error.atom.xml")) == 0


def test_empty_feed_is_an_empty_table_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        papers, skipped = read("api_empty.atom.xml", return_skipped=True)
    assert len(papers) == 0 and len(skipped) == 0
    litkit.validate(papers)
    assert list(papers.columns) == list(litkit.schema.COLUMNS)


def test_primary_category_comes_first(tmp_path):
    src = (ARXIV / "api_old_style_id.atom.xml").read_text(encoding="utf-8")
    src = src.replace('<category term="astro-ph" scheme="http://arxiv.org/schemas/atom"/>',
                      '<category term="gr-qc"/><category term="astro-ph"/>')
    f = tmp_path / "reordered.xml"
    f.write_text(src, encoding="utf-8")
    assert litkit.read(f)["categories"][0] == ["astro-ph", "gr-qc"]


def test_detected_from_content_not_name(tmp_path):
    f = tmp_path / "query_result.txt"
    f.write_bytes((ARXIV / "api_old_style_id.atom.xml").read_bytes())
    assert litkit.read(f)["source"].tolist() == ["arxiv-atom"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&lol9;</title></entry></feed>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE feed [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&xxe;</title></entry></feed>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"])
def test_entity_tricks_are_refused(tmp_path, text):
    f = tmp_path / "feed.atom.xml"
    f.write_text(text)
    with pytest.raises(litkit.ReadError, match="declares entities") as err:
        litkit.read(f)
    assert str(f) in str(err.value) and "root:" not in str(err.value)


def test_malformed_xml_names_line_and_column(tmp_path):
    lines = (ARXIV / "api_old_style_id.atom.xml").read_text(encoding="utf-8").splitlines()
    lines[13] = lines[13].replace("</link>", "").replace("/>", ">")   # an unclosed <link>
    f = tmp_path / "broken.xml"
    f.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(litkit.ReadError, match=r"broken\.xml:\d+: the XML is malformed "
                                               r"\(mismatched tag\) at line \d+, column \d+"):
        litkit.read(f)


def test_cut_off_download_is_a_read_error(tmp_path):
    f = tmp_path / "cut.atom.xml"
    f.write_bytes((ARXIV / "api_search_100.atom.xml").read_bytes()[:3000])
    with pytest.raises(litkit.ReadError, match=r"cut\.atom\.xml:\d+: the XML is malformed.*cut off"):
        litkit.read(f)


def test_forcing_atom_on_a_json_file_says_what_it_is():
    with pytest.raises(litkit.ReadError, match="not arXiv API Atom.*looks like arXiv JSON lines"):
        litkit.read(ARXIV / "oai_snapshot_200.jsonl", format="arxiv-atom")


RSS_ITEM = """<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title>cs.LG updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/cs.LG</link>
    <item>
      <title>Autonomous-Research Agents: A Fresh Result</title>
      <link>https://arxiv.org/abs/2607.30001</link>
      <description>arXiv:2607.30001v1 Announce Type: new
Abstract: Fresh work on autonomous research agents announced today.</description>
      <guid isPermaLink="false">oai:arXiv.org:2607.30001v1</guid>
      <category>cs.LG</category>
      <category>cs.AI</category>
      <pubDate>Mon, 20 Jul 2026 00:00:00 -0400</pubDate>
      <arxiv:announce_type>new</arxiv:announce_type>
      <dc:creator>Alice Fresh, Bob Old and Carol Mid</dc:creator>
    </item>
  </channel>
</rss>
"""


def test_daily_announcement_rss_feed(tmp_path):
    # the shape of rss.arxiv.org/rss/<category> (RSS 2.0 with arXiv and Dublin Core elements)
    f = tmp_path / "cs.LG.xml"
    f.write_text(RSS_ITEM)
    p = litkit.read(f).iloc[0]
    assert p["arxiv_id"] == "2607.30001" and p["source"] == "arxiv-atom"
    assert p["abstract"] == "Fresh work on autonomous research agents announced today."
    assert p["authors"] == ["Alice Fresh", "Bob Old", "Carol Mid"]
    assert p["categories"] == ["cs.LG", "cs.AI"]
    assert p["date"] == pd.Timestamp("2026-07-20") and p["extra"]["announce_type"] == "new"
    assert p["source_ref"] == f"{f}:7"

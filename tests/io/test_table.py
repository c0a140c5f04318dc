"""The table readers' shared row loop (litkit.io._table.read_table)."""

import pytest

import litkit
from litkit.io import _table as T
from litkit.io._base import document_from_text


def _row(cols, fields):
    title = cols.get(fields, "Title")
    if not title:
        return "no title"
    return {"title": title, "year": T.to_year(cols.get(fields, "Year")),
            "extra": cols.mapped(fields, {"publisher": "publisher", "issn": "issn"})}


def _read(text):
    return T.read_table(document_from_text(text, "t.csv"), _row,
                        accept=lambda keys: {"title", "year"} <= keys,
                        missing="no header with Title and Year", hint="export with headers")


def test_rows_records_and_reasons_with_their_lines():
    parsed = _read("Title,Year,Publisher\n"
                   "One,2020,ACM\n"
                   ",2021,IEEE\n"                      # the row reader's reason
                   "Two,2022\n"                        # a field short
                   '"Three\nover two lines, quoted",2023,ACM\n')    # one record on lines 5-6
    assert [(r["title"], r["year"], r["extra"], r["source_ref"]) for r in parsed.records] == [
        ("One", 2020, {"publisher": "ACM"}, "t.csv:2"),
        ("Three over two lines, quoted", 2023, {"publisher": "ACM"}, "t.csv:5")]
    assert parsed.skipped == [{"source_ref": "t.csv:3", "reason": "no title"},
                              {"source_ref": "t.csv:4", "reason": "2 fields where the header has 3"}]


def test_a_repeated_header_switches_the_columns():
    parsed = _read("Title,Year,Publisher\nOne,2020,ACM\n"
                   "Year,Title,ISSN,Publisher\n2021,Two,1234-5678,IEEE\n")
    assert [r["title"] for r in parsed.records] == ["One", "Two"]
    assert parsed.records[1]["extra"] == {"publisher": "IEEE", "issn": "1234-5678"}
    assert parsed.skipped == []


def test_no_header_is_a_read_error_with_the_hint():
    with pytest.raises(litkit.ReadError, match=r"t\.csv:1: no header with Title and Year") as err:
        _read("a,b,c\n1,2,3\n")
    assert "export with headers" in str(err.value)

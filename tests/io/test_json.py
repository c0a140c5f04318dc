"""The JSON readers' shared module (litkit.io._json): typed getters and JSON lines."""

import litkit
from litkit.io._base import Parsed, document_from_text
from litkit.io._json import as_int, as_list, as_str, get, json_lines


def test_typed_getters_give_none_for_the_wrong_type():
    work = {"primary_location": {"source": {"display_name": "Nature"}}, "ids": None}
    assert get(work, "primary_location", "source", "display_name") == "Nature"
    assert get(work, "ids", "doi") is None and get(work, "missing") is None
    assert get("not an object", "a") is None
    assert as_list({"a": 1}) == [] and as_list([1]) == [1]
    assert as_str(["x"]) is None and as_str("x") == "x"


def test_as_int_takes_whole_numbers_in_range_only():
    assert [as_int(v) for v in (3, 3.0, " 42 ", "4.5", 4.5, True, None, -1, 10**13, 1e400)] == \
        [3, 3, 42, None, None, None, None, None, None, None]
    assert as_int(1999, low=1000, high=2999) == 1999 and as_int(999, low=1000) is None


def test_json_lines_skip_each_bad_line_with_its_line_and_reason():
    text = ('{"a": 1}\n'
            '\n'
            '{"a": \n'                                   # cut off
            + "[" * 100_000 + "]" * 100_000 + "\n"      # nests too deeply
            + '{"n": ' + "1" * 5000 + "}\n"             # an integer Python will not convert
            + '[2]\n')
    out = Parsed()
    got = list(json_lines(document_from_text(text, "x.jsonl"), out, "a record"))
    assert got == [(1, {"a": 1}), (6, [2])]
    refs = [s["source_ref"] for s in out.skipped]
    reasons = [s["reason"] for s in out.skipped]
    assert refs == ["x.jsonl:3", "x.jsonl:4", "x.jsonl:5"]
    assert reasons[0] == "not valid JSON (Expecting value at column 7)"
    assert reasons[1] == "JSON nested too deeply to be a record"
    assert reasons[2].startswith("not valid JSON (Exceeds the limit")


def test_a_huge_integer_in_arxiv_json_lines_is_one_skipped_line():
    # before the shared module, this line made the whole file a ReadError ("reader failed")
    line = '{{"id": "2401.0000{i}", "title": "T{i}", "abstract": "x", "categories": "cs.LG"{n}}}\n'
    text = line.format(i=1, n="") + line.format(i=2, n=', "n": ' + "1" * 5000) + line.format(i=3, n="")
    papers, skipped = litkit.read_text(text, name="x.jsonl", return_skipped=True)
    assert list(papers["title"]) == ["T1", "T3"]
    assert list(skipped["source_ref"]) == ["x.jsonl:2"]

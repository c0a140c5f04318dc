"""litkit.io.bibtex.scanner and .entry: the Entry model (type, key, fields with lines, start)."""

import numpy as np
import pytest

from litkit.io.bibtex import BadEntry, Entry, Field, scan
from litkit.io.bibtex.braces import Matches, brace_depths, split_top
from litkit.io.bibtex.entry import canon
from litkit.io.bibtex.names import _AND

TEXT = ("% head\n"                                   # 1
        "@article{k,\n"                              # 2
        "  % a comment\n"                            # 3
        "  title = {Thi\\{'ebaux},\n"                # 4: an unbalanced brace inside a value
        "  % another\n"                              # 5
        "  author = {Doe, J.},\n"                    # 6
        "  year = 2001\n"                            # 7
        "}\n"                                        # 8
        '@misc{m, note = jan # " 2" # undefinedmacro}\n'   # 9
        "@article{x, title = {open\n"                # 10: never closed
        "@book{b,\n"                                 # 11
        "  title = {B}}\n")                          # 12


def test_entries_carry_type_key_start_and_field_lines():
    k, m, x, b = scan(TEXT)
    assert isinstance(k, Entry) and (k.entry_type, k.key, k.start_line) == ("article", "k", 2)
    # read line by line: the comment lines do not shift the field lines
    assert k.fields == [Field("title", "Thi{\\'e}baux", 4), Field("author", "Doe, J.", 6),
                        Field("year", "2001", 7)]
    assert k.repaired.startswith("expected a comma or the closing } after field 'title'")
    assert k.offset == TEXT.index("@article{k")
    assert m.fields == [Field("note", "January 2undefinedmacro", 9)]
    assert m.undefined_macros == ["undefinedmacro"] and m.repaired is None
    assert isinstance(x, BadEntry) and (x.entry_type, x.start_line) == ("article", 10)
    assert x.reason == "a { in a field value is never closed (line 10); the entry was skipped"
    assert (b.key, b.start_line, b.fields) == ("b", 11, [Field("title", "B", 12)])


def test_strings_repeats_parentheses_and_keyless_entries():
    text = ('@string{aij = "Artificial Intelligence"}\n'
            "@article(k1,\n  journal = aij # { Journal},\n  title = {A}, title = {B})\n"
            "@misc{title = {No key}}\n"
            "@comment{@article{c, title = {hidden}}}\n")
    k1, nokey = scan(text)
    assert [(f.name, f.value, f.line) for f in k1.fields] == [
        ("journal", "Artificial Intelligence Journal", 3), ("title", "A", 4), ("title", "B", 4)]
    assert nokey.key is None and nokey.fields == [Field("title", "No key", 5)]


def test_type_without_a_brace_is_a_bad_entry_only_at_a_line_start():
    items = list(scan("@article no brace\nmail me@home (soon)\n@book{b, title = {T}}\n"))
    assert [type(i).__name__ for i in items] == ["BadEntry", "Entry"]
    assert items[0].reason == "@article is not followed by { or (, so it is not a readable entry"


def test_canon_folds_case_blanks_dashes_and_underscores():
    assert canon("Author Full Names") == canon("author-full_names") == "authorfullnames"


def test_brace_depths_ignore_unmatched_closers_and_matches_pair_them():
    pos, depth = brace_depths("}a{b{c}}}{")
    assert pos.tolist() == [0, 2, 4, 6, 7, 8, 9] and depth.tolist() == [0, 1, 2, 1, 0, 0, 1]
    m = Matches("}a{b{c}}}{")
    assert [m.get(i) for i in (2, 4, 9, 0)] == [7, 6, None, None]
    p = Matches("f(a(b)) (", "()")
    assert p.get(1) == 6 and p.get(3) == 5 and p.get(8, -1) == -1


def test_split_top_short_and_long_paths_agree():
    value = "{Smith and Sons} and Doe, J. and {A {and} B} and C"
    assert split_top(value, _AND) == ["{Smith and Sons}", "Doe, J.", "{A {and} B}", "C"]
    long = " and ".join([value] * 200)                    # over 4,096 characters: numpy path
    assert len(long) > 4096
    assert split_top(long, _AND) == ["{Smith and Sons}", "Doe, J.", "{A {and} B}", "C"] * 200
    unbalanced = "}} A and {B and C"                       # stray closers, an open brace
    assert split_top(unbalanced, _AND) == ["}} A", "{B and C"]
    pad = " " * 5000
    assert split_top(unbalanced + pad, _AND) == ["}} A", "{B and C" + pad]


@pytest.mark.parametrize("n", [0, 1, 5000])
def test_brace_depths_on_sizes(n):
    pos, depth = brace_depths("{" * n + "}" * n)
    assert len(pos) == 2 * n and (depth.max() if n else 0) == n
    assert np.all(depth >= 0)

"""Shared machinery of the JSON readers (arXiv JSON lines, OpenAlex, Semantic Scholar, CSL-JSON).

* typed getters: a decoded API response may hold any JSON type anywhere, so a reader asks for
  the type it needs and gets ``None`` (or ``[]``) for anything else, never a crash;
* JSON lines: one value a line, each line that is not valid JSON a skipped record with its
  line (``file:line``) and the reason, the rest of the file read;
* line references inside one JSON document (the line of an offset, the end of a value too deep
  to decode), so that a damaged item is skipped naming its line.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Iterator

from ._base import Document, Parsed

#: the largest count :func:`as_int` accepts by default (a count beyond is damage)
MAX_COUNT = 10**12
#: a JSON string or bracket: what :func:`value_end` counts
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def get(obj, *path):
    """The value at ``path`` in nested objects, ``None`` where a step is missing or not an object.

    Examples
    --------
    >>> get({"source": {"display_name": "Nature"}}, "source", "display_name")
    'Nature'
    >>> get({"source": None}, "source", "display_name") is None
    True
    """
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def as_list(value) -> list:
    """``value`` if it is a list, else ``[]``.

    Examples
    --------
    >>> as_list([1, 2]), as_list("a"), as_list(None)
    ([1, 2], [], [])
    """
    return value if isinstance(value, list) else []


def as_str(value) -> str | None:
    """``value`` if it is a string, else ``None``.

    Examples
    --------
    >>> as_str("10.1/x"), as_str(12)
    ('10.1/x', None)
    """
    return value if isinstance(value, str) else None


def as_int(value, *, low: int = 0, high: int = MAX_COUNT) -> int | None:
    """A count or year, only when it is a whole number in ``[low, high]`` (never a crash on 1e400).

    Whole floats (``12.0``) and digit strings (``" 12 "``) count; booleans do not.

    Examples
    --------
    >>> as_int(12.0), as_int(" 7 "), as_int(True), as_int(-1), as_int(1e400)
    (12, 7, None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and low <= value <= high:
        return value
    return None


def lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``text.split("\\n")`` gives them, one at a time: faster, and a
    large corpus never exists twice in memory.

    Examples
    --------
    >>> list(lines("a\\nb\\n"))
    ['a', 'b', '']
    """
    find = text.find
    pos = 0
    while True:
        end = find("\n", pos)
        if end < 0:
            yield text[pos:]
            return
        yield text[pos:end]
        pos = end + 1


def json_lines(doc: Document, out: Parsed, what: str, text: str | None = None
               ) -> Iterator[tuple[int, object]]:
    """``(line number, value)`` for each non-blank line of a JSON-lines document.

    A line that is not valid JSON, or nests too deeply, goes to ``out.skipped`` with its line
    and the reason (``what`` names the record: "a paper record", "a work").

    Parameters
    ----------
    doc : Document
        The decoded document.
    out : Parsed
        Where skipped lines go.
    what : str
        What one line should hold, for the reason of a line that nests too deeply.
    text : str, optional
        The text to read, when the reader repaired ``doc.text`` first (mojibake).

    Returns
    -------
    iterator of (int, object)
        The 1-based line number and the decoded value of each readable line.

    Examples
    --------
    >>> from litkit.io._base import Parsed, document_from_text
    >>> out = Parsed()
    >>> list(json_lines(document_from_text('{"a": 1}\\n\\n{"b"\\n', "x.jsonl"), out, "a record"))
    [(1, {'a': 1})]
    >>> out.skipped
    [{'source_ref': 'x.jsonl:3', 'reason': "not valid JSON (Expecting ':' delimiter at column 5)"}]
    """
    loads = json.loads
    lineno = 0
    for line in lines(doc.text if text is None else text):
        lineno += 1
        if not line or line.isspace():
            continue
        try:
            obj = loads(line)
        except json.JSONDecodeError as exc:
            out.skip(doc.ref(lineno), f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        except ValueError as exc:       # an integer of more digits than Python converts
            out.skip(doc.ref(lineno), f"not valid JSON ({exc})")
            continue
        except RecursionError:
            out.skip(doc.ref(lineno), f"JSON nested too deeply to be {what}")
            continue
        yield lineno, obj


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (for :func:`line_of`).

    Examples
    --------
    >>> line_starts('[\\n {"a": 1},\\n 2]')
    [0, 2, 13]
    """
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def line_of(starts: list[int], pos: int) -> int:
    """The 1-based line of offset ``pos``, given the :func:`line_starts` of the text.

    Examples
    --------
    >>> line_of(line_starts('[\\n {"a": 1},\\n 2]'), 3)
    2
    """
    return bisect_right(starts, pos)


def value_end(text: str, pos: int) -> int | None:
    """The end offset of the JSON array or object at ``pos``, found without recursion
    (for a value that nests too deeply for :mod:`json`); ``None`` when it is not closed.

    Examples
    --------
    >>> value_end('[{"a": "]"}, 1] tail', 0)
    15
    >>> value_end('[[', 0) is None
    True
    """
    depth = 0
    for m in _JSON_TOKEN.finditer(text, pos):
        c = m.group()
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return m.end()
    return None

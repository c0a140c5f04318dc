"""Matching braces over a whole text at once (numpy), and splitting at brace depth 0.

Like BibTeX, a backslash does not escape a brace; an unmatched closer is ignored.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left

import numpy as np

_BRACES = re.compile(r"[{}]")
#: values shorter than this are split with a plain loop (numpy's set-up costs more)
_SHORT = 4096
_CODEPOINTS = "utf-32-le"


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode(_CODEPOINTS), dtype=np.uint32)


def brace_depths(text: str, pair: str = "{}"):
    """Offsets of the delimiters of ``pair`` in ``text`` and the depth after each.

    As BibTeX does, an unmatched closer is ignored: the depth never goes below 0 (a running
    sum clamped at 0 is the sum less its running minimum). Computed with numpy, so a
    megabyte of braces costs milliseconds, not a Python loop.

    Parameters
    ----------
    text : str
    pair : str, default "{}"
        The opening and the closing delimiter.

    Returns
    -------
    tuple of numpy.ndarray
        The offsets, and the depth after each.

    Examples
    --------
    >>> pos, depth = brace_depths("a}{b{c}}")
    >>> pos.tolist(), depth.tolist()
    ([1, 2, 4, 6, 7], [0, 1, 2, 1, 0])
    """
    buf = _codepoints(text)
    op, cl = ord(pair[0]), ord(pair[1])
    pos = np.flatnonzero((buf == op) | (buf == cl))
    step = np.where(buf[pos] == op, 1, -1)
    total = np.cumsum(step)
    depth = total - np.minimum(np.minimum.accumulate(total), 0)
    return pos, depth


def _pairs(pos, depth, text, opener):
    """Each opener's offset and the offset of its closer (-1 when it is never closed)."""
    is_open = _codepoints(text)[pos] == ord(opener)
    before = np.concatenate(([0], depth[:-1])) if len(depth) else depth
    closing = ~is_open & (before > 0)                 # a closer that closes something
    level = np.where(is_open, depth, before)          # openers and their closers share a level
    keep = is_open | closing
    p, lv, op = pos[keep], level[keep], is_open[keep]
    order = np.lexsort((p, lv))                       # by level, then position: open, close, ...
    p, lv, op = p[order], lv[order], op[order]
    opens = p[op]
    closes = np.full(len(opens), -1, dtype=np.int64)
    nxt_is_close = np.zeros(len(p), dtype=bool)
    nxt_is_close[:-1] = ~op[1:] & (lv[1:] == lv[:-1])
    idx = np.flatnonzero(op)
    has = nxt_is_close[idx]
    closes[has] = p[idx[has] + 1]
    sort = np.argsort(opens, kind="stable")
    return opens[sort].astype(np.int64), closes[sort]


class Matches:
    """The matching ``}`` of every ``{`` (or ``)`` of every ``(``) of the whole text, found once.

    An unmatched ``{`` has no match; an unmatched ``}`` is ignored. Two arrays of 8-byte
    offsets (not a dict), so a brace-dense file costs 16 bytes a brace.

    Parameters
    ----------
    text : str
    pair : str, default "{}"
        The opening and the closing delimiter.

    Examples
    --------
    >>> m = Matches("{a{b}} {")
    >>> m.get(0), m.get(2), m.get(7), m.get(1, -1)
    (5, 4, None, -1)
    """

    def __init__(self, text: str, pair: str = "{}"):
        pos, depth = brace_depths(text, pair)
        opens, closes = _pairs(pos, depth, text, pair[0])
        self.opens, self.closes = array("q"), array("q")    # bisect on these beats numpy's
        self.opens.frombytes(opens.tobytes())
        self.closes.frombytes(closes.tobytes())

    def get(self, pos: int, default=None):
        """The offset of the closer of the opener at ``pos``, else ``default``.

        Parameters
        ----------
        pos : int
            The offset of an opening delimiter.
        default : object, optional
            What to return when there is no opener at ``pos`` or it is never closed.

        Returns
        -------
        int or object
        """
        i = bisect_left(self.opens, pos)
        if i < len(self.opens) and self.opens[i] == pos and self.closes[i] >= 0:
            return self.closes[i]
        return default


def split_top(value: str, sep: re.Pattern) -> list[str]:
    """Split ``value`` on ``sep`` only at brace depth 0.

    Parameters
    ----------
    value : str
    sep : re.Pattern
        The separator.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_top("{Smith, and Sons} and Doe, J.", re.compile(r"\\s+and\\s+"))
    ['{Smith, and Sons}', 'Doe, J.']
    >>> split_top("{a,b},c", re.compile(","))
    ['{a,b}', 'c']
    """
    if "{" not in value:
        return sep.split(value)
    if len(value) < _SHORT:
        return _split_top_short(value, sep)
    pos, depth = brace_depths(value)
    cuts = [(m.start(), m.end()) for m in sep.finditer(value)]
    if not cuts:
        return [value]
    starts = np.fromiter((a for a, _ in cuts), dtype=np.int64, count=len(cuts))
    k = np.searchsorted(pos, starts)                  # braces before each separator
    at = np.where(k > 0, depth[np.maximum(k - 1, 0)], 0)
    out, start = [], 0
    for (a, b), d in zip(cuts, at.tolist()):
        if d == 0:
            out.append(value[start:a])
            start = b
    out.append(value[start:])
    return out


def _split_top_short(value: str, sep: re.Pattern) -> list[str]:
    out, depth, start, prev = [], 0, 0, 0
    top = []
    for m in _BRACES.finditer(value):
        p = m.start()
        if depth == 0:
            top.append((prev, p))
        depth = depth + 1 if value[p] == "{" else max(depth - 1, 0)
        if depth == 0:
            prev = p + 1
    if depth == 0:
        top.append((prev, len(value)))
    for a, b in top:
        for m in sep.finditer(value, a, b):
            out.append(value[start:m.start()])
            start = m.end()
    out.append(value[start:])
    return out

"""Tokenising many documents at once over their UTF-8 bytes, with fixed 64-bit hashes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._blocks import map_blocks
from .stop_words import STOP_WORDS

_MAX_TOKEN = 30
_BIGRAM_MUL = np.uint64(0x9E3779B97F4A7C15)
_BIGRAM_ADD = np.uint64(0x632BE59BD9B4E019)
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[ord("0"):ord("9") + 1] = True


# --------------------------------------------------------------------------- tokenising
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
# _TAIL[n]: keeps the first n bytes of a little-endian 8-byte word (n <= 0: none, n >= 8: all)
_TAIL = np.array([0] + [(1 << (8 * n)) - 1 for n in range(1, 8)] + [(1 << 64) - 1] * 24 + [0] * 32,
                 dtype=np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (in place on a fresh array)."""
    x ^= x >> np.uint64(30)
    x *= _M1
    x ^= x >> np.uint64(27)
    x *= _M2
    x ^= x >> np.uint64(31)
    return x


def _hash_spans(buf: np.ndarray, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """64-bit hashes of the byte spans ``buf[start:start+length]`` (length <= 32), vectorised.

    The span is read as up to four little-endian 8-byte words; the hash depends only on the
    bytes (not on ``PYTHONHASHSEED`` or the platform's byte order).
    """
    padded = np.concatenate([buf, np.zeros(40, dtype=np.uint8)])
    words = np.ndarray(shape=(len(buf) + 32,), dtype="<u8", buffer=padded, strides=(1,))
    L = length.astype(np.int64)
    with np.errstate(over="ignore"):
        h = words[start] & _TAIL[np.minimum(L, 8)]
        h ^= L.astype(np.uint64) << np.uint64(59)
        h = _mix(h)
        long = np.flatnonzero(L > 8)
        if len(long):
            s, ll = start[long], L[long]
            hl = h[long]
            for k in (8, 16, 24):
                rest = ll - k
                w = words[s + k] & _TAIL[np.clip(rest, 0, 8)]
                hl = _mix(hl ^ w ^ np.uint64(k))
            h[long] = hl
    return h


def _hash_words(words) -> np.ndarray:
    """The hashes of whole words (for stop-word lists), as a sorted array."""
    enc = [w.lower().encode("utf-8") for w in words if 0 < len(w.encode("utf-8")) <= _MAX_TOKEN]
    if not enc:
        return np.zeros(0, dtype=np.uint64)
    buf = np.frombuffer(b"".join(enc), dtype=np.uint8)
    lens = np.array([len(e) for e in enc], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    return np.unique(_hash_spans(buf, starts, lens))


def _bigram_hash(h1: np.ndarray, h2: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return _mix((h1 * _BIGRAM_MUL) ^ (h2 + _BIGRAM_ADD))


class _StopSet:
    """Membership test for a small set of hashes: one table look-up per token."""

    def __init__(self, hashes: np.ndarray):
        self.hashes = hashes
        self.bits = 18
        for shift in range(0, 46):
            slots = (hashes >> np.uint64(shift)) & np.uint64((1 << self.bits) - 1)
            if len(np.unique(slots)) == len(slots):
                break
        self.shift = np.uint64(shift)
        self.table = np.zeros(1 << self.bits, dtype=np.uint64)
        self.table[slots.astype(np.int64)] = hashes
        # slot 0 of the table would match the hash 0: keep a sentinel no token hashes to
        self.table[self.table == 0] = np.uint64(1)

    def contains(self, h: np.ndarray) -> np.ndarray:
        if len(self.hashes) == 0:
            return np.zeros(len(h), dtype=bool)
        slots = ((h >> self.shift) & np.uint64((1 << self.bits) - 1)).astype(np.int64)
        return self.table[slots] == h


@dataclass
class Tokens:
    """Features of a batch of documents: one row per occurrence, the words in reading order,
    then the bigrams in reading order (whatever the blocks they were cut in).

    ``doc`` is the document's position in the batch, ``hash`` the feature's 64-bit hash,
    ``start``/``end`` the byte span in ``buf`` (a bigram spans both words) so that a feature's
    text can be recovered.
    """

    doc: np.ndarray
    hash: np.ndarray
    start: np.ndarray
    end: np.ndarray
    buf: np.ndarray
    n_docs: int

    def text(self, i: np.ndarray) -> list[str]:
        """The text of occurrences ``i`` (a bigram's separator is shown as a space)."""
        out = []
        b = self.buf
        for s, e in zip(self.start[i].tolist(), self.end[i].tolist()):
            t = bytes(b[s:e]).decode("utf-8", errors="replace")
            out.append(t.replace("-", " ").lower())
        return out


def _encode(texts) -> tuple[np.ndarray, np.ndarray]:
    """Join documents into one UTF-8 byte buffer; return it and the document starts."""
    parts = []
    for t in texts:
        if t is None or t is pd.NA or (isinstance(t, float) and t != t):
            t = ""
        if "$" in t and t.count("$") % 2:
            t = t + "$"          # an unclosed $ must not swallow the next document
        parts.append(t.encode("utf-8", errors="replace"))
    lens = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
    starts = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(lens, out=starts[1:])
    raw = np.frombuffer(b"\n".join(parts) + b"\n", dtype=np.uint8)
    return raw, starts


def tokenize(texts, *, stop_words=None, bigrams: bool = True, block: int = 500,
             n_jobs=None) -> Tokens:
    """Tokenise documents into unigram and bigram occurrences (see the module docstring).

    Parameters
    ----------
    texts : sequence of str (None/NA count as empty)
    stop_words : collection of str, optional
        Defaults to :data:`STOP_WORDS`.
    bigrams : bool
        Also emit bigrams of adjacent kept words.
    block : int
        Documents processed at a time (small blocks keep temporary arrays in cache). The
        result does not depend on it.
    n_jobs : int or None
        Threads the blocks are spread over (None: the cores; see :mod:`litkit._blocks`). The
        result does not depend on it.

    Returns
    -------
    Tokens
    """
    return _tokenize(list(texts), _stop_set(stop_words), bigrams, block, n_jobs)


_STOP_CACHE: dict = {}


def _stop_set(stop_words) -> "_StopSet":
    key = None if stop_words is None else frozenset(stop_words)
    if key not in _STOP_CACHE:
        _STOP_CACHE[key] = _StopSet(_hash_words(STOP_WORDS if key is None else key))
    return _STOP_CACHE[key]


def _tokenize(texts: list, stop, bigrams: bool, block: int = 500, n_jobs=1) -> Tokens:
    buf, doc_starts = _encode(texts)

    def one(i):
        j = min(i + block, len(texts))
        off = int(doc_starts[i])
        return _tokenize_block(buf[off:int(doc_starts[j])], doc_starts[i:j + 1] - off,
                               stop, bigrams, i, off)

    # words of every block, then bigrams of every block: each in reading order, so the same
    # order whatever the blocks
    done = map_blocks(one, range(0, len(texts), block), n_jobs)
    parts = [w for w, _ in done] + [p for _, p in done if p is not None]
    if not parts:
        z = np.zeros(0, dtype=np.int64)
        return Tokens(doc=z.astype(np.int32), hash=z.astype(np.uint64), start=z, end=z, buf=buf,
                      n_docs=len(texts))
    cols = list(zip(*parts))
    return Tokens(doc=np.concatenate(cols[0]), hash=np.concatenate(cols[1]),
                  start=np.concatenate(cols[2]), end=np.concatenate(cols[3]), buf=buf,
                  n_docs=len(texts))


def _tokenize_block(raw, doc_starts, stop, bigrams, doc_offset, byte_offset):
    upper = (raw - np.uint8(65)) < np.uint8(26)
    buf = raw | (upper.view(np.uint8) << np.uint8(5))
    word = ((buf - np.uint8(97)) < np.uint8(26)) | ((buf - np.uint8(48)) < np.uint8(10)) \
        | (buf >= np.uint8(128))
    # UTF-8 punctuation blocks (U+2000-U+2BFF: dashes, quotes, arrows, maths; U+0080-U+00BF: nbsp,
    # degree, plus-minus...) separate words
    lead = (buf == 0xE2)
    lead2 = (buf == 0xC2)
    nonword = lead | lead2
    nonword[1:] |= lead[:-1] | lead2[:-1]
    nonword[2:] |= lead[:-2]
    word &= ~nonword
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    start = np.flatnonzero(edges == 1)
    end = np.flatnonzero(edges == -1)
    length = end - start
    n_runs = len(start)
    keep = (length >= 2) & (length <= _MAX_TOKEN)
    # LaTeX command names and inline maths
    prev = buf[np.maximum(start - 1, 0)]
    keep &= (prev != ord("\\")) | (start == 0)
    dollars = np.flatnonzero(buf == ord("$"))
    if len(dollars):          # inside maths: an odd number of dollars before the run
        before = np.bincount(np.searchsorted(start, dollars, side="right"),
                             minlength=n_runs + 1)[:n_runs].cumsum()
        keep &= before % 2 == 0
    # pure numbers go; the rest is hashed and checked against the stop words
    cand = np.flatnonzero(keep & _DIGIT[buf[start]])
    if len(cand):
        cl = length[cand]
        span = np.arange(_MAX_TOKEN)
        chars = buf[np.minimum(start[cand][:, None] + span, len(buf) - 1)]
        numeric = (_DIGIT[chars] | (span >= cl[:, None])).all(axis=1)
        keep[cand[numeric]] = False
    h = np.zeros(n_runs, dtype=np.uint64)
    idx = np.flatnonzero(keep)
    h[idx] = _hash_spans(buf, start[idx], length[idx])
    keep[idx] &= ~stop.contains(h[idx])
    # the document of each run (documents' starts are sorted, and so are the runs)
    firsts = np.searchsorted(start, doc_starts[:-1], side="left")
    doc = np.repeat(np.arange(len(firsts), dtype=np.int32),
                    np.diff(np.append(firsts, n_runs)))
    u = np.flatnonzero(keep)
    words = (doc[u] + np.int32(doc_offset), h[u], start[u] + byte_offset, end[u] + byte_offset)
    if not (bigrams and n_runs > 1):
        return words, None
    gap_char = buf[np.minimum(end[:-1], len(buf) - 1)]
    adj = (keep[:-1] & keep[1:] & (start[1:] - end[:-1] == 1)
           & ((gap_char == ord(" ")) | (gap_char == ord("-"))) & (doc[:-1] == doc[1:]))
    a = np.flatnonzero(adj)
    pairs = (doc[a] + np.int32(doc_offset), _bigram_hash(h[a], h[a + 1]), start[a] + byte_offset,
             end[a + 1] + byte_offset)
    return words, pairs


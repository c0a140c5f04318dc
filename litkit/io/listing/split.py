"""Where a listing's glued "title + authors" line splits: the candidates and their scores.

Every glue point (an upper-case or caseless letter right after a character other than white
space) in the line's last :data:`~litkit.io.listing.weights.WINDOW` characters is a candidate;
each is scored by its author items (:mod:`litkit.io.listing.names`) and by what it leaves at
the title's end, and the best wins (ties: the earliest glue point). The weights are named in
:mod:`litkit.io.listing.weights`.
"""

from __future__ import annotations

import re
import unicodedata

from . import weights as W
from .names import (_OPENERS, _TRAIL_PUNCT, _Evidence, _author_items, _name_score, _shape,
                    _word_in)

#: characters after which a capital inside a title word marks a glue point
_GLUE_PUNCT = set(")]}*!?\"”’:;")


def _is_glue(prev: str, ch: str) -> bool:
    """Could an author's name start at ``ch`` right after ``prev`` (no space between)?"""
    if prev.isspace() or not ch.isalpha():
        return False
    if ch.isupper() or unicodedata.category(ch) == "Lt":
        return True
    if ch.islower():
        return False
    # a caseless script (CJK, Arabic...): only where the script changes
    return not (prev.isalpha() and not prev.isupper() and not prev.islower())


def _candidates(body: str) -> list[int]:
    """Glue points, and (as a fallback for pages that did put a space) word starts."""
    return [i for i in range(1, len(body))
            if _is_glue(body[i - 1], body[i]) or (body[i - 1] == " " and i > 1
                                                  and _is_glue("x", body[i]))]


def _title_glue_cost(title: str, abstract: _Evidence) -> float:
    """Cost of word-internal capitals left in the title that the abstract does not explain.

    "GenerationYao" or "InferenceWei" in a title means the split is too far right; a word
    such as "AlphaFold" or "ViGText" that recurs in the abstract costs nothing.
    """
    cost = 0.0
    for tok in title.split():
        n = 0
        for i in range(1, len(tok)):
            a, b = tok[i - 1], tok[i]
            if i == 1 and a.islower() and b.isupper():
                continue                # iPhone, sMRI, xLSTM, mAP: a lower-case prefix
            if (b.isupper() and (a.islower() or a in _GLUE_PUNCT)) or \
                    (b.isupper() and (a.isupper() or a.isdigit()) and i + 1 < len(tok)
                     and tok[i + 1].islower() and (i >= 2 or tok[0].isdigit())
                     and tok[i + 1:].rstrip(_TRAIL_PUNCT) != "s") or \
                    (_is_glue(a, b) and not b.isupper() and not a.isalpha()):
                n += 1
        if n and not _word_in(tok.strip(_TRAIL_PUNCT + _OPENERS), abstract):
            cost += W.TITLE_GLUE + W.TITLE_GLUE_MORE * (n - 1)
    return cost


def _list_length_score(k: int, truncated: bool) -> float:
    """The score of ``k`` author items, with or without ``et al.`` after them."""
    if truncated:
        return W.ET_AL_RIGHT if k == W.ET_AL_NAMES else \
            W.ET_AL_WRONG + W.ET_AL_EXTRA_NAME * max(0, k - W.ET_AL_NAMES)
    return W.UNTRUNCATED_EXTRA_NAME * (k - W.ET_AL_NAMES) if k > W.ET_AL_NAMES else 0.0


def _title_end_score(score: float, tail: str, abstract: _Evidence) -> float:
    """``score`` with the adjustments for the title's last word, as the split leaves it.

    Applied one after the other, in this order, so that scores (and their ties) stay exact.
    """
    last = tail[-1]
    if last in "'’`" and len(tail) >= 3 and tail[-2].islower():
        score += W.TITLE_END_QUOTE      # a closing quote ("... without Threats'"), not O'|Brien
    elif last in "-‐'’`":
        score += W.TITLE_END_HYPHEN
    elif last in _OPENERS or last == ",":
        score += W.TITLE_END_OPENER
    core = tail.strip(_TRAIL_PUNCT + _OPENERS)
    if len(core) >= W.TITLE_WORD_MIN_CHARS and _word_in(core, abstract):
        score += W.TITLE_END_IN_ABSTRACT
    elif re.search(r"l{3,}U$", _shape(tail)):
        score += W.TITLE_END_CAPITAL    # "GenerationO", "TextK": a name's first capital left
    return score


def _score_split(body: str, p: int, abstract: _Evidence, truncated: bool) -> float:
    """The score of splitting ``body`` at ``p`` into title and authors."""
    title, authors_text = body[:p], body[p:]
    spaced = title[-1:].isspace()
    if spaced:
        title = title.rstrip()
        p = len(title)
    # only the title's end differs between candidates (all are in the last WINDOW characters)
    near = body[max(0, len(body) - 2 * W.WINDOW):p]
    items = _author_items(authors_text)
    if not items or not near.strip():
        return W.NO_SPLIT
    score = _name_score(items[0], True, abstract) + sum(_name_score(x, False, abstract)
                                                         for x in items[1:])
    if truncated or len(items) > W.ET_AL_NAMES:
        score += _list_length_score(len(items), truncated)
    score = _title_end_score(score, near.rsplit(None, 1)[-1], abstract)
    score -= _title_glue_cost(near, abstract)
    if p >= 2 and body[p - 1].isupper() and body[p + 1:p + 2] == "s" \
            and body[p + 2:p + 3].isupper():
        score += W.ACRONYM_CUT          # "LL|MsKimi Team": a cut inside the plural acronym "LLMs"
    if spaced:                          # the format glues title and authors; a space is the exception
        score += W.SPACED + W.SPACED_EXTRA_WORD * max(0, len(items[0].split()) - W.SPACED_FREE_WORDS)
    return score


def split_title_authors(body: str, abstract: str = "", truncated: bool = False
                        ) -> tuple[str, list[str], float]:
    """Split a listing's glued "title + authors" text (``et al.`` and orgs already removed).

    Parameters
    ----------
    body : str
        e.g. ``"Genie: Generative Interactive EnvironmentsJake Bruce, Michael Dennis"``.
    abstract : str
        The paper's abstract, used as evidence (title words recur in it).
    truncated : bool
        Whether ``et al.`` followed the list (then three names are expected).

    Returns
    -------
    title, authors, margin
        ``margin`` is the score difference to the second-best split (small = uncertain);
        ``authors`` is empty when no split point exists.

    Examples
    --------
    >>> from litkit.io.listing import split_title_authors
    >>> title, authors, margin = split_title_authors(
    ...     "Genie: Generative Interactive EnvironmentsJake Bruce, Michael Dennis")
    >>> title, authors
    ('Genie: Generative Interactive Environments', ['Jake Bruce', 'Michael Dennis'])
    """
    body = body.strip()
    # three names and commas fit in WINDOW characters; a longer tail is title (this also
    # keeps a hostile multi-megabyte line linear)
    offset = max(0, len(body) - W.WINDOW)
    cands = [p + offset for p in _candidates(body[-W.WINDOW:]) if p + offset > 0]
    if not cands:
        return body, [], 0.0
    evidence = _Evidence(abstract[:W.EVIDENCE_CHARS])
    glued = [p for p in cands if not body[p - 1].isspace()]
    scored = [(_score_split(body, p, evidence, truncated), -p, p) for p in glued]
    scored.sort(reverse=True)
    if not scored or (scored[0][0] < W.SPACED_FALLBACK and _name_score(
            _author_items(body[scored[0][2]:])[0], True, evidence) < W.FALLBACK_FIRST_AUTHOR):
        # no convincing glue point: perhaps the page put a space between title and authors
        scored += [(_score_split(body, p, evidence, truncated), -p, p) for p in cands
                   if body[p - 1].isspace()]
        scored.sort(reverse=True)
    best = scored[0]
    margin = best[0] - scored[1][0] if len(scored) > 1 else W.ONLY_CANDIDATE_MARGIN
    p = best[2]
    return body[:p].rstrip(), _author_items(body[p:]), float(margin)

"""Titles for matching: normalisation, numbers in titles, typo-only edits, similarity."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata

import pandas as pd

from ..names.tables import SPECIAL_LETTERS

__all__ = ["normalize_title"]

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
          "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
          "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon",
          "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "gamma", "Δ": "delta",
          "Θ": "theta", "Λ": "lambda", "Ξ": "xi", "Π": "pi", "Σ": "sigma", "Φ": "phi", "Ψ": "psi",
          "Ω": "omega", "µ": "mu"}
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s[^<>]*)?/?>")
_LATEX = re.compile(r"[\\{}$]")
_NONWORD = re.compile(r"[\W_]+")
#: letters spelled out before accents are folded: special letters, Greek, "&"
_TRANS = str.maketrans({**SPECIAL_LETTERS, **{k: f" {v} " for k, v in _GREEK.items()},
                        "&": " and "})
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_SUBTITLE = re.compile(r"\s*(?::|\?|!|\.\s|\s[-–—]+\s)")
#: words a typo-only edit may add or drop ("a survey of" / "survey on")
FUNCTION_WORDS = {"a", "an", "the", "of", "for", "and", "in", "on", "with", "to", "by", "from", "at",
                   "as", "or", "its", "their", "is", "are", "into", "via"}
CORRECTION = re.compile(r"^(?:correction|corrigendum|erratum|errata|retraction|retracted|"
                         r"reply|response|comment|comments|author correction|publisher correction|"
                         r"expression of concern|withdrawn)\b")


_ACCENT = re.compile(r"\\[`'^\"~=.]\s*(?:\{\s*\\?([A-Za-z])\s*\}|\\?([A-Za-z]))"
                     r"|\\[uvHckbdrt]\s*(?:\{\s*\\?([A-Za-z])\s*\}|\s([A-Za-z]))")
_LATEX_FORMAT = re.compile(r"\\(?:text(?:it|bf|rm|tt|sc|sf|up|normal)?|emph|math(?:rm|bf|cal|bb|it|sf|"
                           r"tt|frak|scr)?|operatorname|boldsymbol|bm|mbox|hbox|small|large|Large|"
                           r"left|right|big|Big|bigg|Bigg|em|sc|rm|it|bf|sf|tt|sl|slash|"
                           r"(?:it|sl|sc|up)shape|(?:bf|md)series|(?:rm|sf|tt)family|normalfont)"
                           r"(?![A-Za-z])")
_LATEX_LETTER = {"ss": "ss", "o": "o", "O": "o", "ae": "ae", "AE": "ae", "oe": "oe", "OE": "oe",
                 "l": "l", "L": "l", "i": "i", "j": "j", "aa": "a", "AA": "a"}
_LATEX_CMD = re.compile(r"\\([A-Za-z]+)|\\(&)")


def _fast_latex(s: str) -> str:
    """LaTeX to words, for matching only: accents dropped (they are folded anyway), formatting
    commands removed, other commands kept as words (``\\alpha`` -> ``alpha``, as ``α`` is).

    Not :func:`litkit.normalize.latex_to_text` (the readers' decoder, for display): that one
    keeps math verbatim (``$\\mathrm{K}$`` stays, where matching wants ``K``) and is some 70
    times slower, which 100,000 titles would feel; on the 1,286 LaTeX titles of the bundled
    BibTeX libraries the two give different keys for 74 of them."""
    s = _ACCENT.sub(lambda m: next(g for g in m.groups() if g), s)
    s = _LATEX_FORMAT.sub(" ", s)
    s = _LATEX_CMD.sub(lambda m: " and " if m.group(2) else
                       " " + _LATEX_LETTER.get(m.group(1), m.group(1)) + " "
                       if m.group(1) not in _LATEX_LETTER else _LATEX_LETTER[m.group(1)], s)
    return s.replace("{", "").replace("}", "").replace("$", " ")


_SUB_MARK = " qqsubtitleqq "


_SUB_MARK = " qqsubtitleqq "


def norm_pair(t) -> tuple[str | None, str | None]:
    """(normalised title, normalised main title before a subtitle separator or None)."""
    if t is None or t is pd.NA or (isinstance(t, float) and t != t):
        return None, None
    s = str(t)
    if "<" in s:
        s = _TAG.sub("", s)                        # CO<inf>2</inf> -> CO2, like the other databases
    if "&" in s and ";" in s:
        s = html.unescape(s)
    m = _SUBTITLE.search(s, 1)
    if m:
        s = s[:m.start()] + _SUB_MARK + s[m.start():]
    if _LATEX.search(s):
        s = _fast_latex(s)
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s.translate(_TRANS)))
    else:
        s = s.replace("&", " and ")
    s = " ".join(_NONWORD.sub(" ", s.lower()).split())
    main = None
    if m:
        head, _, tail = s.partition(_SUB_MARK.strip())
        head = " ".join(head.split())
        s = " ".join((head + " " + tail).split())
        main = _ARTICLE.sub("", head) or None
    s = _ARTICLE.sub("", s)
    return s or None, main



def normalize_title(title) -> str | None:
    """A title reduced to what survives every database's way of writing it.

    Lower case; LaTeX decoded (``{\\"u}`` -> ``u``, ``$\\alpha$`` -> ``alpha``); HTML/JATS markup
    removed without a gap (``CO<inf>2</inf>`` -> ``co2``); accents folded; Greek letters
    spelled out (``α`` -> ``alpha``); ``&`` -> ``and``; punctuation and dashes to single spaces;
    a leading ``the``/``a``/``an`` dropped.

    Parameters
    ----------
    title : str or None

    Returns
    -------
    str or None
        ``None`` for a missing or empty title.

    Examples
    --------
    >>> normalize_title("The {E}ffect of $\\\\alpha$-Synuclein: A Review.")
    'effect of alpha synuclein a review'
    >>> normalize_title("CO<inf>2</inf> capture &amp; storage") == normalize_title("CO2 Capture and Storage")
    True
    """
    return norm_pair(title)[0]


_NUMBER_WORD = re.compile(r"\b(?:\w*\d\w*|i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|first|second|third|"
                          r"fourth|fifth|sixth|part|vol|volume|supplement|extended|abstract)\b")


def numbers(words: str) -> frozenset:
    """The words of a normalised title that number it ("part", "ii", "2", "extended")."""
    return frozenset(_NUMBER_WORD.findall(words))


def edits_are_typos(x: str, y: str) -> bool:
    """True when two titles differ only by typos, split/joined words and function words.

    A changed word ("Text" -> "Image", "Nano" -> "Ultra") means another paper, however
    similar the rest of the title is."""
    a, b = x.split(), y.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        wa, wb = a[i1:i2], b[j1:j2]
        if op in ("delete", "insert"):
            if any(w not in FUNCTION_WORDS for w in wa + wb):
                return False
            continue
        ja = "".join(w for w in wa if w not in FUNCTION_WORDS) or "".join(wa)
        jb = "".join(w for w in wb if w not in FUNCTION_WORDS) or "".join(wb)
        if ja == jb:
            continue
        if min(len(ja), len(jb)) < 4:
            return False
        if difflib.SequenceMatcher(None, ja, jb, autojunk=False).ratio() < 0.8:
            return False
    return True


def similarity(a: str, b: str) -> float:
    """difflib ratio of two normalised titles (1.0 when equal)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

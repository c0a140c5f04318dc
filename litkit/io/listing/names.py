"""Does a piece of a listing line look like an author (a person or a team)?

The word classes of a name ("Matthew W. Hoffman", "Herke van Hoof", "HaoBin", "张伟") and
the score of one author item (:func:`_name_score`), with the abstract as evidence: title words
recur in abstracts, author names rarely do. The weights are named in
:mod:`litkit.io.listing.weights`; the name particles and organisation words come from
:mod:`litkit.names.tables`, extended with the forms listings show.
"""

from __future__ import annotations

import re
import unicodedata

from ...names.tables import ORG_WORDS, PARTICLES, SUFFIXES
from . import weights as W

#: particles that listings show beyond the family-name key's (Arabic, Spanish, Scandinavian...)
_LISTING_PARTICLES = {"dello", "do", "binti", "bint", "y", "e", "zu", "af", "av", "st.", "degli",
                      "dei", "abu", "ben", "ó", "van't", "d'", "dela", "delle", "des", "vom",
                      "zum", "zur", "lo", "ur", "ul", "ud"}
_PARTICLES = PARTICLES | _LISTING_PARTICLES
#: name suffixes, lower case ("Jr." and "jr." alike; "IV" as well)
_SUFFIXES = {s.lower() for s in SUFFIXES} | {"iv"}
#: team words that listings show beyond the organisation words of the name keys
_LISTING_TEAM_WORDS = {"inc.", "ltd.", "ai", "organizers", "organisers", "workshop",
                       "participants", "challenge"}
_TEAM_WORDS = ORG_WORDS | _LISTING_TEAM_WORDS
#: lower-case words that may join a team's words ("Team of the Workshop on ...")
_TEAM_GLUE = {"of", "for", "and", "the", "&", "de", "on", "in", "at", "to"}
#: prefixes after which a capital inside a name is normal: McDonald, LeCun, DiCarlo, FitzGerald
_CAMEL_PREFIXES = ("Mc", "Mac", "Le", "La", "De", "Di", "Da", "Du", "Van", "Von", "Vande", "Vander",
                   "Fitz", "St", "Ben", "Al", "El", "Abd", "Abu", "Dal", "Del", "Della", "Des",
                   "Ten", "Ter", "San", "Santa", "O'", "D'")
#: given-name parts that are often written run together (AmirHossein, SaiKiran, AnneMarie)
_NAME_PARTS = {"amir", "mohammad", "mohammed", "muhammad", "mohamed", "hossein", "hosein", "reza",
               "ali", "javad", "mahdi", "mehdi", "sai", "kiran", "abdul", "abd", "ahmad", "ahmed",
               "hassan", "hasan", "ehsan", "said", "ravi", "krishna", "rama", "anne", "marie",
               "ann", "jean", "jo", "mary", "lou", "lee", "jay", "ray", "mohammadreza", "seyed",
               "seyyed", "sayed", "nur", "siti", "abdel", "allah", "rahman", "kumar", "raj",
               "taghi", "pouya", "hadi", "hamid", "amin", "mohsen", "mahmoud", "hossain",
               "hussain", "hussein", "jafar", "mehran", "hamed", "sadegh", "saeed", "majid",
               "naser", "nasser", "rasool", "rahim", "karim", "hosseini", "abbas", "akbar"}
#: one syllable of romanised Chinese (pinyin, Wade-Giles) or Korean: HaoBin, JiaHao, DongGeon
_SYLLABLE = re.compile(
    r"^(?:(?:[bpmfdtnlgkhjqxrzcswy]|zh|ch|sh|hs|ts|tz)?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ung|ian|iao|ieh|ien|uai|uan|uei|ai|ei|ao|ou|an|en|er"
    r"|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v|ü)"
    r"|(?:kk|tt|pp|ss|jj|ch|g|k|n|d|t|r|l|m|b|p|s|j|h|y|w)?"
    r"(?:yae|yeo|you|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ou|ee|a|e|o|u|i)"
    r"(?:ng|ck|k|n|l|m|p|g)?)$")
_OPENERS = "([{\"“‘«<"
_TRAIL_PUNCT = ".,:;!?)]}\"'”’»>*"
_COMMA = re.compile(r",\s+")


def _shape(s: str) -> str:
    """One character class a character: U upper, l lower, c caseless letter, d digit, else itself."""
    out = []
    for ch in s:
        if ch.isalpha():
            if ch.isupper() or unicodedata.category(ch) == "Lt":
                out.append("U")
            elif ch.islower():
                out.append("l")
            else:
                out.append("c")
        elif ch.isdigit():
            out.append("d")
        elif unicodedata.category(ch).startswith("M"):   # combining mark: part of the letter
            out.append("l")
        elif ch in "'’`ʼ":
            out.append("'")
        elif ch in "-‐‑–":
            out.append("-")
        else:
            out.append(ch)
    return "".join(out)


_WORD = re.compile(r"^(?:U'|U?l?')?Ul+(?:(?:'|-{1,2})U?l+)*(?:-U+)?$")   # Aviral, O'Brien, Jean-Pierre
_INITIALS = re.compile(r"^(?:Ul*\.(?:-?Ul?\.)*|U|UU)$")         # W., J.-P., A.J., Th., AJ, Md.
_CAMEL = re.compile(r"^U*l*(?:['\-]?U+l+)+(?:-?U+)?$")              # HaoBin, ALBarqawi, DeepSeek-AI


def _camel_parts(tok: str) -> list[str]:
    """"HaoBin" -> ["Hao", "Bin"]; "Jean-Pierre" -> ["Jean", "Pierre"] (any script with case)."""
    parts, cur = [], ""
    for i, ch in enumerate(tok):
        if ch in "'’-‐":
            parts.append(cur)
            cur = ""
            continue
        if cur and ch.isupper() and tok[i - 1].islower():
            parts.append(cur)
            cur = ""
        cur += ch
    parts.append(cur)
    return [p for p in parts if p]


def _camel_explained(tok: str) -> bool:
    """A run-together given name: every part a Chinese/Korean syllable or a known name part."""
    for pre in _CAMEL_PREFIXES:
        rest = tok[len(pre):]
        if tok.startswith(pre) and len(rest) > 1 and rest[0].isupper() and _WORD.match(_shape(rest)):
            return True
    parts = _camel_parts(tok)
    if len(parts) < 2:
        return False
    if len(parts) > 2 and not all(p.lower() in _NAME_PARTS for p in parts):
        return False
    return all(_SYLLABLE.match(p.lower()) or p.lower() in _NAME_PARTS for p in parts)


def _token_kind(tok: str) -> str:
    """Classify one word of an author name."""
    tok = tok.rstrip("*†‡§¶") or tok        # equal-contribution and affiliation marks
    low = tok.lower()
    sh = _shape(tok)
    if re.fullmatch(r"c+(?:[-·・]c+)*", sh):
        return "caseless"
    if low in _SUFFIXES and tok[:1].isupper():
        return "suffix"
    if low in _PARTICLES and tok[:1].islower():
        return "particle"
    if _INITIALS.match(sh):
        return "initial"
    if _WORD.match(sh):
        return "word"
    if _CAMEL.match(sh):
        return "named-camel" if _camel_explained(tok) else "camel"
    if re.fullmatch(r"U{2,}\.?", sh):
        return "caps"
    if re.fullmatch(r"l+(?:['\-]l+)*", sh):
        return "lower"
    if "d" in sh:
        return "digit"
    return "punct"


def _is_team(toks: list[str]) -> bool:
    """Are the words of one author item a team's name ("Gemini Team", "DeepSeek-AI")?"""
    last = toks[-1].lower().strip(".,")
    if toks[0] == "Team" and 2 <= len(toks) <= 4:      # "Team Hunyuan3D"
        return all(t[:1].isupper() or t[:1].isdigit() for t in toks)
    if len(toks) == 1:
        return "-" in last and last.rsplit("-", 1)[-1] in _TEAM_WORDS and toks[0][:1].isupper()
    if last not in _TEAM_WORDS or len(toks) > W.TEAM_MAX_WORDS:
        return False
    if not all(t[:1].isupper() or t[:1].isdigit() or t.lower() in _TEAM_GLUE
               for t in toks[:-1]):    # the team word itself may be lower-case: "SIMA team"
        return False
    first = toks[0]
    return first[:1].isupper() and re.fullmatch(r"[\w.&+\-']+", first) is not None


class _Evidence:
    """The words of an abstract, for fast look-ups (case-sensitive and lower-case)."""

    def __init__(self, text: str):
        text = text or ""
        self.words: set[str] = set()
        for tok in text.split():
            for piece in {tok, *re.split(r"[/\-‐–—]", tok)}:
                core = piece.strip(_TRAIL_PUNCT + _OPENERS)
                if core.endswith(("'s", "’s")):
                    core = core[:-2]
                if core:
                    self.words.add(core)
        self.lower = {w.lower() for w in self.words} | set(re.findall(r"\w+", text.lower()))

    def __bool__(self) -> bool:
        return bool(self.words)


def _glued_word_in(tok: str, abstract: _Evidence) -> bool:
    """Does the part of ``tok`` before an inner capital recur in the abstract (any case)?"""
    low = abstract.lower
    for i in range(2, len(tok)):
        a, b = tok[i - 1], tok[i]
        if b.isupper() and (a.islower() or (a.isupper() and i + 1 < len(tok) and tok[i + 1].islower()
                                            and i >= 2)):
            left = tok[:i].strip(_TRAIL_PUNCT + _OPENERS).lower()
            if len(left) >= 3 and left in low:
                return True
    return False


def _word_in(word: str, abstract: _Evidence) -> bool:
    """Does ``word`` occur in the abstract as written?"""
    return bool(word) and word in abstract.words


def _team_score(toks: list[str], abstract: _Evidence) -> float:
    """The score of a team item: camel-case words must not be glued from the title."""
    odd = sum(1 for i, t in enumerate(toks) if _token_kind(t) == "camel" and (
        (_glued_word_in(t, abstract) or re.match(r"U{2,}l", _shape(t)) is not None)
        if i == 0 else not _word_in(t.strip(_TRAIL_PUNCT), abstract)))
    return W.TEAM + W.TEAM_GLUED_WORD * odd + W.TEAM_EXTRA_WORD * max(0, len(toks) - W.TEAM_FREE_WORDS)


def _camel_cost(toks: list[str], i: int, first: bool, abstract: _Evidence) -> float:
    """The cost of the unexplained camel-case word ``toks[i]`` of a person's name."""
    if len(toks) == 1:
        cost = W.CAMEL_ALONE
    elif i == 0:
        cost = W.CAMEL_FIRST_WORD_FIRST_AUTHOR if first else W.CAMEL_FIRST_WORD
    else:
        cost = W.CAMEL_LATER_WORD_FIRST_AUTHOR if first else W.CAMEL_LATER_WORD
    return cost


def _word_cost(toks: list[str], kinds: list[str], i: int) -> float:
    """The cost of word ``i`` of a person's name (not camel case), by its kind."""
    k = kinds[i]
    if k == "particle":
        return W.PARTICLE_AT_EDGE if i == 0 or i == len(toks) - 1 else 0.0
    if k == "suffix":
        return 0.0 if i == len(toks) - 1 and i > 0 else W.SUFFIX_MISPLACED
    if k == "caps":
        n_caps = len(toks[i].rstrip("."))
        if n_caps <= W.RUN_INITIALS_MAX or (i == 0 and n_caps <= W.RUN_INITIALS_FIRST_MAX
                                            and len(toks) >= 2 and kinds[1] == "word"):
            return W.RUN_INITIALS
        return W.CAPS_WORD
    if k == "named-camel":
        return W.NAMED_CAMEL
    if k in ("lower", "digit"):
        return W.LOWER_OR_DIGIT
    return W.OTHER_WORD


def _name_score(item: str, first: bool = False, abstract: _Evidence | None = None) -> float:
    """How much ``item`` looks like one author (a person or a team); below 0 is unlikely.

    ``first``: the item is the first author, whose first word is glued to the title.
    ``abstract``: evidence; a camel-case word whose first part recurs in it is a title word
    glued to a name.
    """
    if abstract is None:
        abstract = _Evidence("")
    toks = item.split()
    if not toks:
        return W.EMPTY_ITEM
    if len(item) > W.MAX_ITEM_CHARS:
        return W.LONG_ITEM
    if _is_team(toks):
        # a team may have camel-case words (DeepMind, LongCat), but not one glued from the title
        return _team_score(toks, abstract)
    kinds = [_token_kind(t) for t in toks]
    score = W.PERSON
    for i, k in enumerate(kinds):
        if k in ("word", "initial", "caseless"):
            continue
        if k == "camel":
            score += _camel_cost(toks, i, first, abstract)
            if abstract and _glued_word_in(toks[i], abstract):
                score += W.CAMEL_TITLE_WORD     # "ReasoningJialiang": a title word glued to a name
        else:
            score += _word_cost(toks, kinds, i)
    if len(toks) == 1:
        score += 0.0 if kinds[0] == "caseless" else W.ONE_WORD
    elif len(toks) == W.LONG_NAME_WORDS:
        score += W.LONG_NAME
    elif len(toks) > W.LONG_NAME_WORDS:
        score += W.EXTRA_WORD * (len(toks) - W.LONG_NAME_WORDS)
    if all(k == "initial" for k in kinds):
        score += W.ONLY_INITIALS
    return score


def _author_items(text: str) -> list[str]:
    """Split an author list at commas, keeping "Jr." and similar with the name before."""
    parts = [p.strip() for p in _COMMA.split(text)]
    out: list[str] = []
    bare = {s.rstrip(".") for s in _SUFFIXES}
    for p in parts:
        if out and p.lower().rstrip(".") in bare:
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return [p for p in out if p]

"""A researcher-profile listing copied from a paper-aggregator page (plain text).

Three lines a paper::

    LGSep 19, 2024                       <- arXiv category code glued to the date, optional "Code"
    Training Language Models ...LearningAviral Kumar, Vincent Zhuang, Rishabh Agarwal et al. · deepmind
    Self-correction is a highly desirable capability ...    <- the abstract, one line

The second line glues the title to the first (at most three) authors with no separator;
``et al.`` marks a truncated list and ``· org, org`` lists organisation tags.

How the title/author boundary is found
--------------------------------------
The first author starts at a letter that is upper-case (or has no case, as in CJK names)
and that follows a character other than white space: the glue point. Every such position in
the line's last 400 characters is a candidate; the text after it, split at commas, is the
author list. Each candidate is scored, and the best wins (ties: the earliest glue point):

* every author item must look like a person ("Matthew W. Hoffman", "Herke van Hoof",
  "Pierre-Alexandre Kamienny", "Łukasz Kaiser", "张伟", "Conor O'Brien", "Ryan McDonald")
  or a team ("Gemini Team", "M-A-P Team", "OpenAI"); a lower-case word that is not a name
  particle, digits or punctuation rule an item out;
* a capital inside a word is the signature of the glue point, so it must be explained
  wherever it is left: in the author list by a name prefix (McDonald, LeCun) or by a
  run-together given name (HaoBin, JiaHao, AmirHossein: Chinese/Korean syllables or common
  name parts); in the title by the word recurring in the abstract (AlphaFold, SCoRe) --
  titles recur in abstracts, author names rarely do. "InferenceWei" left in a title, or
  "ReasoningJialiang" in an author list (its "reasoning" is in the abstract), are not;
* ``et al.`` comes after exactly three names, and without it there are one to three;
* the title must not end in a hyphen, an opening bracket or a name's apostrophe (O'|Brien);
* only if no glue point gives a plausible first author are word starts after a space tried
  (a page that did separate title and authors).

Measured on real arXiv papers glued the same way (``bench/bench_listing_split.py``): about
99.9 % of boundaries right; most misses are damaged author fields in arXiv itself.
:func:`split_title_authors` is public for testing and reuse; ``extra["title_author_split"]``
says ``"uncertain"`` when the best two splits score within 0.5.

Structure errors
----------------
A record with a missing line, a date line that is not a date, or stray lines between records
goes to ``skipped`` with its line and the reason, and reading resumes at the next
category+date line, so one damaged record never shifts the ones after it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date

from ..normalize import clean_text
from ._base import Document, Parsed

NAME = "listing"
DESCRIPTION = "researcher-profile listing (category+date / title+authors / abstract lines)"

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_RE = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
#: category code (lazy, may be empty) glued to "Mon D, YYYY", then an optional tail ("Code")
_DATE_LINE = re.compile(
    r"^\s*(?P<cat>[A-Za-z][A-Za-z0-9.\-]*?)?(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<day>\d{1,2}),?\s+"
    r"(?P<year>\d{4})(?!\d)\s*(?P<tail>\S.*?)?\s*$")
_ET_AL = re.compile(r"\s*,?\s*\bet\.?\s+al\.?\s*$")
_ORGS = re.compile(r"\s+[·•]\s+")
_COMMA = re.compile(r",\s+")

# --- arXiv category codes ----------------------------------------------------------------

_CS = set("AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE "
          "NI OH OS PF PL RO SC SD SE SI SY".split())
#: two-letter codes that are not computer science (when the code is not also a cs one)
_OTHER = {"ML": "stat.ML", "ME": "stat.ME", "TH": "stat.TH", "AP": "stat.AP", "CO": "stat.CO",
          "OT": "stat.OT", "AS": "eess.AS", "IV": "eess.IV", "SP": "eess.SP", "OC": "math.OC",
          "PR": "math.PR", "ST": "math.ST", "NT": "math.NT", "AG": "math.AG", "AT": "math.AT",
          "FA": "math.FA", "DG": "math.DG", "MP": "math.MP", "CA": "math.CA", "AC": "math.AC",
          "CT": "math.CT", "GM": "math.GM", "HO": "math.HO", "KT": "math.KT", "MG": "math.MG",
          "OA": "math.OA", "QA": "math.QA", "RA": "math.RA", "RT": "math.RT", "SG": "math.SG",
          "NC": "q-bio.NC", "QM": "q-bio.QM", "BM": "q-bio.BM", "GN": "q-bio.GN", "PE": "q-bio.PE",
          "MN": "q-bio.MN", "TO": "q-bio.TO", "CB": "q-bio.CB", "EM": "econ.EM", "CP": "q-fin.CP",
          "MF": "q-fin.MF", "PM": "q-fin.PM", "RM": "q-fin.RM", "TR": "q-fin.TR"}
_ARCHIVES = {"astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph",
             "nlin", "nucl-ex", "nucl-th", "physics", "quant-ph", "math", "cs", "stat", "eess",
             "econ", "q-bio", "q-fin"}
_PHYSICS = set("acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph "
               "flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph "
               "space-ph".split())
_COND_MAT = set("dis-nn mes-hall mtrl-sci quant-gas soft stat-mech str-el supr-con".split())


def arxiv_category(code: str | None) -> str | None:
    """The arXiv category for a listing's short code: ``"LG"`` -> ``"cs.LG"``.

    Codes of computer science map to ``cs.XX``; a few two-letter codes that exist only in other
    archives map there (``"ML"`` -> ``"stat.ML"``, ``"IV"`` -> ``"eess.IV"``); physics
    sub-archives map to their archive (``"comp-ph"`` -> ``"physics.comp-ph"``); full codes
    (``"stat.ML"``, ``"quant-ph"``) are kept. Other two-letter upper-case codes default to
    ``cs.XX``; anything else is returned as given.
    """
    if not code:
        return None
    if "." in code or code in _ARCHIVES:
        return code
    if code in _CS:
        return f"cs.{code}"
    if code in _OTHER:
        return _OTHER[code]
    if code in _PHYSICS:
        return f"physics.{code}"
    if code in _COND_MAT:
        return f"cond-mat.{code}"
    if len(code) == 2 and code.isupper():
        return f"cs.{code}"
    return code


# --- names ---------------------------------------------------------------------------------

_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "dello", "di", "da", "du", "dos",
              "das", "do", "la", "le", "ten", "ter", "bin", "binti", "bint", "al", "el", "y", "e",
              "zu", "af", "av", "st.", "degli", "dei", "ibn", "abu", "ben", "ó", "van't", "d'",
              "dela", "delle", "des", "vom", "zum", "zur", "lo", "ur", "ul", "ud"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d."}
_TEAM_WORDS = {"team", "teams", "collaboration", "consortium", "group", "contributors", "authors",
               "project", "lab", "laboratory", "initiative", "committee", "community", "members",
               "organizers", "organisers", "council", "society", "alliance", "network", "inc.",
               "inc", "ltd.", "ltd", "ai", "research", "foundation", "institute", "taskforce",
               "workshop", "participants", "investigators", "organization", "organisation",
               "centre", "center", "university", "agency", "association", "corporation", "labs",
               "challenge", "working"}
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
#: characters after which a capital inside a title word marks a glue point
_GLUE_PUNCT = set(")]}*!?\"”’:;")


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
    last = toks[-1].lower().strip(".,")
    if toks[0] == "Team" and 2 <= len(toks) <= 4:      # "Team Hunyuan3D"
        return all(t[:1].isupper() or t[:1].isdigit() for t in toks)
    if len(toks) == 1:
        return "-" in last and last.rsplit("-", 1)[-1] in _TEAM_WORDS and toks[0][:1].isupper()
    if last not in _TEAM_WORDS or len(toks) > 8:
        return False
    if not all(t[:1].isupper() or t[:1].isdigit() or t.lower() in _TEAM_GLUE
               for t in toks[:-1]):    # the team word itself may be lower-case: "SIMA team"
        return False
    first = toks[0]
    return first[:1].isupper() and re.fullmatch(r"[\w.&+\-']+", first) is not None


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
        return -20.0
    if len(item) > 60:
        return -10.0
    if _is_team(toks):
        # a team may have camel-case words (DeepMind, LongCat), but not one glued from the title
        odd = sum(1 for i, t in enumerate(toks) if _token_kind(t) == "camel" and (
            (_glued_word_in(t, abstract) or re.match(r"U{2,}l", _shape(t)) is not None)
            if i == 0 else not _word_in(t.strip(_TRAIL_PUNCT), abstract)))
        return 2.0 - 2.0 * odd - 0.5 * max(0, len(toks) - 4)
    kinds = [_token_kind(t) for t in toks]
    score = 1.0
    last = len(toks) - 1
    for i, k in enumerate(kinds):
        if k in ("word", "initial", "caseless"):
            continue
        if k == "particle":
            score += -1.0 if i == 0 or i == last else 0.0
        elif k == "suffix":
            score += 0.0 if i == last and i > 0 else -3.0
        elif k == "caps":
            n_caps = len(toks[i].rstrip("."))
            if n_caps <= 2 or (i == 0 and n_caps <= 5 and len(toks) >= 2
                               and kinds[1] == "word"):
                score += -1.0           # initials run together: "MSVPJ Sathvik", "OFM Riaz"
            else:
                score += -2.0
        elif k == "named-camel":
            score += -0.2
        elif k == "camel":
            if len(toks) == 1:          # an organisation as author: "OpenAI", "DeepSeek-AI"
                score += -1.0
            elif i == 0:
                score += -2.5 if first else -1.5
            else:                       # family names: SaraerToosi, DelaCruz, MaungMaung
                score += -2.0 if first else -0.5
            if abstract and _glued_word_in(toks[i], abstract):
                score -= 2.0            # "ReasoningJialiang": a title word glued to a name
        elif k in ("lower", "digit"):
            score += -5.0
        else:
            score += -7.0
    if len(toks) == 1:
        score += 0.0 if kinds[0] == "caseless" else -1.5
    elif len(toks) == 4:
        score += -0.3
    elif len(toks) > 4:
        score += -1.5 * (len(toks) - 4)
    if all(k == "initial" for k in kinds):
        score -= 2.0
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
    return bool(word) and word in abstract.words


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


_WINDOW = 400
#: below this score for the best glue point, word starts after a space are tried too
_SPACED_FALLBACK = -5.0


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
            cost += 1.5 + 0.5 * (n - 1)
    return cost


def _score_split(body: str, p: int, abstract: _Evidence, truncated: bool) -> float:
    title, authors_text = body[:p], body[p:]
    spaced = title[-1:].isspace()
    if spaced:
        title = title.rstrip()
        p = len(title)
    # only the title's end differs between candidates (all are in the last _WINDOW characters)
    near = body[max(0, len(body) - 2 * _WINDOW):p]
    items = _author_items(authors_text)
    if not items or not near.strip():
        return -100.0
    k = len(items)
    score = _name_score(items[0], True, abstract) + sum(_name_score(x, False, abstract)
                                                         for x in items[1:])
    if truncated:
        score += 1.5 if k == 3 else -1.5 - 2.0 * max(0, k - 3)
    elif k > 3:
        score += -3.0 * (k - 3)
    # the title's last word, as the glue point leaves it
    tail = near.rsplit(None, 1)[-1]
    last = tail[-1]
    if last in "'’`" and len(tail) >= 3 and tail[-2].islower():
        score -= 0.5        # a closing quote ("... without Threats'"), not O'|Brien
    elif last in "-‐'’`":
        score -= 4.0
    elif last in _OPENERS or last == ",":
        score -= 3.0
    core = tail.strip(_TRAIL_PUNCT + _OPENERS)
    if len(core) >= 2 and _word_in(core, abstract):
        score += 0.75
    elif re.search(r"l{3,}U$", _shape(tail)):
        score -= 1.0        # "GenerationO", "TextK": a name's first capital left in the title
    score -= _title_glue_cost(near, abstract)
    if p >= 2 and body[p - 1].isupper() and body[p + 1:p + 2] == "s" \
            and body[p + 2:p + 3].isupper():
        score -= 2.0        # "LL|MsKimi Team": a cut inside the plural acronym "LLMs"
    if spaced:              # the format glues title and authors; a space is the exception
        score -= 3.0 + 0.3 * max(0, len(items[0].split()) - 2)
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
    """
    body = body.strip()
    # three names and commas fit in _WINDOW characters; a longer tail is title (this also
    # keeps a hostile multi-megabyte line linear)
    cands = [p for p in _candidates(body[-_WINDOW:])]
    offset = max(0, len(body) - _WINDOW)
    cands = [p + offset for p in cands if p + offset > 0]
    if not cands:
        return body, [], 0.0
    evidence = _Evidence(abstract[:100_000])
    glued = [p for p in cands if not body[p - 1].isspace()]
    scored = [(_score_split(body, p, evidence, truncated), -p, p) for p in glued]
    scored.sort(reverse=True)
    if not scored or (scored[0][0] < _SPACED_FALLBACK and _name_score(
            _author_items(body[scored[0][2]:])[0], True, evidence) < -3):
        # no convincing glue point: perhaps the page put a space between title and authors
        scored += [(_score_split(body, p, evidence, truncated), -p, p) for p in cands
                   if body[p - 1].isspace()]
        scored.sort(reverse=True)
    best = scored[0]
    margin = best[0] - scored[1][0] if len(scored) > 1 else 99.0
    p = best[2]
    return body[:p].rstrip(), _author_items(body[p:]), float(margin)


# --- the file --------------------------------------------------------------------------------

def _date_match(line: str):
    m = _DATE_LINE.match(line)
    if not m:
        return None
    tail = (m.group("tail") or "").strip()
    if tail and not re.fullmatch(r"(?i)code|\(?code\)?|·?\s*code", tail) and len(tail) > 12:
        return None
    return m


def sniff(doc: Document) -> float:
    """Sure when the first non-blank line is a category+date line followed by two other lines;
    less sure when a short header (a name, "Publications") comes before the first record."""
    lines = [ln for ln in doc.head.split("\n")[:200] if ln.strip()][:8]
    for k, line in enumerate(lines[:4]):
        if _date_match(line):
            if len(lines) >= k + 3 and not _date_match(lines[k + 1]) \
                    and not _date_match(lines[k + 2]):
                return 0.9 if k == 0 else 0.6
            return 0.5 if k == 0 else 0.0
        if len(line) > 200:         # an abstract-length line before any date: not a listing
            return 0.0
    return 0.0


def _record(doc: Document, date_ln: int, m, body_ln: int, body: str, abstract: str,
            out: Parsed) -> None:
    mon = _MONTHS[m.group("mon")[:3].lower()]
    try:
        when = _date(int(m.group("year")), mon, int(m.group("day")))
    except ValueError:
        out.skip(doc.ref(date_ln), f"the date {m.group('mon')} {m.group('day')}, "
                                   f"{m.group('year')} does not exist")
        return
    code = m.group("cat") or None
    tail = (m.group("tail") or "").strip()
    line = " ".join(body.split())
    orgs: list[str] = []
    parts = _ORGS.split(line)
    if len(parts) > 1:
        line = _ORGS.split(line)[0]
        orgs = [o.strip() for o in ",".join(parts[1:]).split(",") if o.strip()]
    truncated = False
    m_et = _ET_AL.search(line)
    if m_et:
        truncated = True
        line = line[:m_et.start()]
    abstract = clean_text(abstract)
    title, authors, margin = split_title_authors(line, abstract or "", truncated)
    extra = {"code": tail.lower().strip("() ·") == "code", "orgs": orgs, "category_code": code}
    if tail and not extra["code"]:
        extra["date_line_tail"] = tail
    if not authors:
        extra["title_author_split"] = "no author found"
    elif margin < 0.5:
        extra["title_author_split"] = "uncertain"
    cat = arxiv_category(code)
    out.records.append({
        "title": clean_text(title),
        "abstract": abstract,
        "authors": authors,
        "authors_truncated": truncated,
        "year": when.year,
        "date": when.isoformat(),
        "venue": None,
        "categories": [cat] if cat else [],
        "source_ref": doc.ref(date_ln),
        "extra": extra,
    })


def parse(doc: Document) -> Parsed:
    out = Parsed()
    lines = doc.text.split("\n")
    n = len(lines)
    i = 0
    stray_start = None            # first line of a run of lines that belong to no record

    def flush_stray(upto: int) -> None:
        nonlocal stray_start
        if stray_start is not None:
            first = lines[stray_start].strip()
            last = upto
            while last > stray_start + 1 and not lines[last - 1].strip():
                last -= 1
            what = f"{first[:50]!r}" + ("..." if len(first) > 50 else "")
            span = f"lines {stray_start + 1}-{last} do" if last > stray_start + 1 else \
                f"line {stray_start + 1} does"
            out.skip(doc.ref(stray_start + 1),
                     f"{span} not start with a category+date line like 'LGSep 19, 2024' "
                     f"(found {what}): a damaged record or a header, skipped up to the next "
                     f"date line")
            stray_start = None

    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = _date_match(line)
        if not m:
            if stray_start is None:
                stray_start = i
            i += 1
            continue
        flush_stray(i)
        date_ln = i + 1
        # the next two non-blank lines that are not date lines
        got: list[tuple[int, str]] = []
        j = i + 1
        while j < n and len(got) < 2:
            if lines[j].strip():
                if _date_match(lines[j]):
                    break
                got.append((j + 1, lines[j]))
            j += 1
        if len(got) < 2:
            missing = "the title/authors line and the abstract line are missing" if not got \
                else "the abstract line is missing (only one line follows)"
            out.skip(doc.ref(date_ln), f"{missing} after the date line {line.strip()!r}; "
                                       f"the record is skipped")
            i = j
            continue
        (body_ln, body), (_, abstract) = got
        _record(doc, date_ln, m, body_ln, body, abstract, out)
        i = j
    flush_stray(n)
    return out

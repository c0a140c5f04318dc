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

The package's modules follow these seams: :mod:`.lines` (the file's structure),
:mod:`.record` (one record, its arXiv category), :mod:`.split` (the boundary scorer),
:mod:`.names` (what an author item looks like) and :mod:`.weights` (the scorer's named weights).

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

from .._base import Format
from .lines import parse, sniff
from .record import arxiv_category
from .split import split_title_authors

DESCRIPTION = "researcher-profile listing (category+date / title+authors / abstract lines)"
#: how to export again from this source to get a thin field (litkit.coverage)
_EXPORT_HINTS = {
    "abstract": "the listing has abstracts on the third line of each paper",
}

__all__ = ["FORMAT", "arxiv_category", "parse", "sniff", "split_title_authors"]


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="listing", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".txt",), label="profile listing", hints=_EXPORT_HINTS)

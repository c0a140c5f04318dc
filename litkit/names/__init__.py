"""Author names: one normalised key per person, and the long authorship table.

``tables`` holds the name word lists (their one home), ``keys`` the parsing and keys,
``authorships`` the long table.

The key
-------
:func:`author_key` turns every spelling of a person's name that the exports use into one key:

=============================  ===============
name as exported               key
=============================  ===============
``Smith J.``  (Scopus)         ``smith, j``
``Smith, J`` / ``Smith, JM``   ``smith, j``
``J. Smith`` / ``John Smith``  ``smith, j``
``M{\\"u}ller, Hans`` (BibTeX)  ``muller, h``
``van der Berg, J.``           ``berg, j``
``Berg, J. van der``           ``berg, j``
``Jean-Pierre Dupont``         ``dupont, j``
``Cheng Yang`` / ``Cheng Yu``  ``yang, c`` / ``yu, c``
``Gemini Team``                ``gemini team``
``张伟``                        ``张伟``
any name with an ORCID         ``orcid:0000-0002-1825-0097``
=============================  ===============

The rule: **family name + first initial**, where the family name is

* the part before the comma in ``Last, First``;
* the words before the initials in ``Last F.`` / ``Last FM`` (Scopus, Web of Science);
* the last word otherwise (``First Last``), suffixes such as ``Jr.`` left out;

LaTeX accents are decoded, diacritics folded (``Müller`` = ``Muller``; ``Mueller`` stays
different), and the key keeps only the *last word* of the family name, so particles and
compound names agree across spellings (``van der Berg`` = ``Berg`` and ``García López, M.`` =
``M. García López``). Names written in CJK characters are kept whole (no initials exist),
and organisation authors (``Gemini Team``, ``ATLAS Collaboration``) are kept whole.

Surname + initial is the classic key and it merges distinct people who share both. Within a
corpus, :func:`authorships` therefore splits a key when it covers **two or more different full
first names** (``John Smith`` and ``James Smith`` become ``smith, john`` and ``smith, james``);
the rows written only with the initial (``J. Smith``) cannot be attributed and keep ``smith, j``
with ``ambiguous = True``. Ambiguity is shown, never hidden: pass an ``aliases`` table to decide.

Known limits (documented, not guessed): transliteration variants (``Mueller``/``Müller``),
nicknames (``Bill``/``William``), family-name-first order without a comma (``Yang Cheng``
meaning family Yang) and two people with the same full name are not told apart without ORCID.
"""

from .authorships import authorships
from .keys import author_key, fold, normalize_orcid, parse_name
from .tables import ORG_WORDS, PARTICLES, SPECIAL_LETTERS, SUFFIXES

__all__ = ["author_key", "authorships", "parse_name", "fold", "normalize_orcid",
           "SPECIAL_LETTERS", "SUFFIXES", "PARTICLES", "ORG_WORDS"]

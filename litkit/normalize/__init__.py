"""Small, pure normalisation helpers shared by the readers and the cleaning step.

One home for each small job: text and markup (:mod:`.text`), LaTeX (:mod:`.latex`),
identifiers (:mod:`.identifiers`), person names (:mod:`.names`), whole numbers
(:mod:`.numbers`) and dates (:mod:`.dates`). Every name is re-exported here, so
``from litkit.normalize import parse_date`` works.

Imports nothing of litkit above ``errors``/``schema``: readers and analyses both use it.
"""

from .dates import (MONTH_NAMES, MONTHS, YEAR_PATTERN, best_date, date_parts, make_date,
                    parse_date, precision, safe_timestamp)
from .identifiers import normalize_arxiv_id, normalize_doi
from .latex import decode_accents, latex_to_text, plain_math
from .names import display_name
from .numbers import FIRST_YEAR, INT64_MAX, LAST_YEAR, first_int, plausible_year, to_int
from .text import clean_text, fix_mojibake, is_missing, split_keywords, strip_markup, unique

__all__ = [
    "FIRST_YEAR", "INT64_MAX", "LAST_YEAR", "MONTHS", "MONTH_NAMES", "YEAR_PATTERN",
    "best_date", "clean_text", "date_parts", "decode_accents", "display_name", "first_int",
    "fix_mojibake", "is_missing", "latex_to_text", "make_date", "normalize_arxiv_id",
    "normalize_doi", "parse_date", "plain_math", "plausible_year", "precision",
    "safe_timestamp", "split_keywords", "strip_markup", "to_int", "unique",
]

"""The lexical patterns that the scanner and the line-by-line repair share."""

from __future__ import annotations

import re

from ...normalize import MONTH_NAMES

#: the citation key after the opener, by opener
KEY = {"{": re.compile(r"\s*([^\s,={}\"#]*)\s*"), "(": re.compile(r"\s*([^\s,={}()\"#]*)\s*")}
#: a macro name (``jan``, ``AIJ``)
MACRO = re.compile(r"[A-Za-z_][^\s\"#%'(),={}]*")
#: the month macros every BibTeX style defines: ``jan`` -> ``January``
MONTH_MACROS = {name[:3]: name.capitalize() for name in MONTH_NAMES}
#: the closing delimiter of an entry, by opener
CLOSER = {"{": "}", "(": ")"}

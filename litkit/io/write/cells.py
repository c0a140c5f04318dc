"""The cells of the written formats: formula guards, list and date cells, JSON of ``extra``."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

#: characters that make a spreadsheet treat a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEP = "; "
#: characters that some readers take as the end of a line (str.splitlines' list, less "\n")
_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _missing(v) -> bool:
    """Is ``v`` a missing value (None, NA, NaT, NaN)?"""
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and v != v:
        return True
    return False


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (or that starts with ``'``)."""
    if cell and (cell[0] in FORMULA_START or cell[0] == "'"):
        return "'" + cell
    return cell


def _json_default(o):
    if isinstance(o, (pd.Timestamp,)):
        return o.isoformat()
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return str(o)


def _list_cell(items) -> str:
    items = [str(x) for x in (items if isinstance(items, (list, tuple, np.ndarray)) else [])]
    if not items:
        return ""
    joined = LIST_SEP.join(items)
    if any(";" in x or x != x.strip() for x in items) or joined.startswith('["'):
        return json.dumps(items, ensure_ascii=False)
    return joined


def _date_cell(v) -> str:
    if _missing(v):
        return ""
    ts = pd.Timestamp(v)
    if ts.hour == ts.minute == ts.second == 0 and ts.microsecond == 0:
        return ts.strftime("%Y-%m-%d")
    return ts.isoformat()


def _date_precision(date, extra) -> str | None:
    """How precise ``date`` is: ``extra["date_precision"]``, else guessed from the date."""
    if _missing(date):
        return None
    p = extra.get("date_precision") if isinstance(extra, dict) else None
    if p in ("year", "month", "day"):
        return p
    ts = pd.Timestamp(date)
    if ts.month == 1 and ts.day == 1:
        return "year"
    return "day" if ts.day != 1 else "month"

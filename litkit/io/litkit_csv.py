"""CSV written by :func:`litkit.write` (the papers-table columns, in order, as the header).

The reverse of ``litkit.io.write``: list cells split on ``"; "`` (or parsed as JSON when they
are a JSON list), ``extra`` parsed as JSON, one leading ``'`` (the formula guard) removed,
``source`` and ``source_ref`` kept as written (the provenance of the cleaned records).
A row whose JSON cannot be parsed, or that has the wrong number of cells, goes to ``skipped``.
"""

from __future__ import annotations

import csv
import io
import json

from .. import schema
from ._base import Document, Format, Parsed

DESCRIPTION = "litkit CSV (written by litkit.write)"


_HEADER = ",".join(schema.COLUMNS)


def sniff(doc: Document) -> float:
    first = doc.head.lstrip("\ufeff").split("\n", 1)[0].strip()
    if first == _HEADER or first.startswith(_HEADER + ","):
        return 0.99
    return 0.0


def _cell(v: str) -> str:
    return v[1:] if v.startswith("'") else v


def _list(v: str) -> list[str]:
    v = _cell(v)
    if not v:
        return []
    if v.startswith('["') and v.endswith('"]'):
        try:
            items = json.loads(v)
            if isinstance(items, list):
                return [str(x) for x in items]
        except ValueError:
            pass
    return [x for x in v.split("; ") if x != ""]


def parse(doc: Document) -> Parsed:
    out = Parsed()
    reader = csv.reader(_lines(doc))
    header = None
    for row in reader:
        line = reader.line_num
        if header is None:
            header = row
            continue
        if not row or row == [""]:
            continue
        if len(row) != len(header):
            out.skip(doc.ref(line), f"{len(row)} cells where the header has {len(header)}")
            continue
        raw = dict(zip(header, row))
        rec: dict = {}
        try:
            for name, kind in schema.COLUMNS.items():
                v = raw.get(name, "")
                if kind == schema.LIST:
                    rec[name] = _list(v)
                elif kind == schema.DICT:
                    v = _cell(v)
                    rec[name] = json.loads(v) if v else {}
                    if not isinstance(rec[name], dict):
                        raise ValueError("extra is not a JSON object")
                elif kind == schema.BOOL:
                    rec[name] = v.strip().lower() in ("true", "1", "yes")
                elif kind == schema.INT:
                    rec[name] = int(v) if v.strip() else None
                elif kind == schema.DATE:
                    rec[name] = v or None
                else:
                    rec[name] = _cell(v) or None
        except ValueError as exc:
            out.skip(doc.ref(line), f"cannot read the {name!r} cell ({exc})")
            continue
        if not rec.get("source_ref"):
            rec["source_ref"] = doc.ref(line)
        if not rec.get("source"):
            rec.pop("source")
        if not rec.get("id"):
            rec.pop("id")
        out.records.append(rec)
    return out


def _lines(doc: Document):
    """The lines as written (``\r`` kept, so a quoted ``\r`` in a cell survives), split only on
    ``\n``, ``\r\n`` and ``\r`` (never on U+2028, NEL, VT or FF inside a cell)."""
    text = doc.original if doc.original is not None else doc.text
    return io.StringIO(text.lstrip("\ufeff"), newline="")


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="litkit-csv", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".csv",), label="litkit CSV")

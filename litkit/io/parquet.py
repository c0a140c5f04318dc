"""Parquet written by :func:`litkit.write`: the papers table with its types.

Parquet is binary: ``litkit.io._base.load`` recognises its ``PAR1`` magic and hands the bytes
over in ``Document.data`` instead of decoding text. Columns of the papers table are taken as
they are (``extra`` from its JSON text); columns outside the schema are left out. A Parquet
file that is not a litkit papers table (no ``id``/``title`` columns) is refused with a
ReadError naming the columns it has.
"""

from __future__ import annotations

import io
import json

from .. import schema
from ._base import Document, Format, Parsed

DESCRIPTION = "Parquet (written by litkit.write)"


def sniff(doc: Document) -> float:
    data = getattr(doc, "data", None)
    return 1.0 if data is not None and data[:4] == b"PAR1" else 0.0


def parse(doc: Document) -> Parsed:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(doc.data))
    except (pa.ArrowInvalid, OSError) as exc:
        raise doc.error(f"the Parquet data cannot be read ({exc})",
                        hint="the file may be truncated; write it again") from None
    cols = table.column_names
    if "title" not in cols or "id" not in cols:
        raise doc.error(f"this Parquet file is not a litkit papers table (its columns: "
                        f"{', '.join(cols[:12])}{'...' if len(cols) > 12 else ''})",
                        hint="read it with pandas.read_parquet, or write papers with litkit.write")
    data = {c: table.column(c).to_pylist() for c in cols if c in schema.COLUMNS}
    out = Parsed()
    n = table.num_rows
    for i in range(n):
        rec = {}
        bad = None
        for c, vals in data.items():
            v = vals[i]
            if schema.COLUMNS[c] == schema.DICT:
                try:
                    v = json.loads(v) if isinstance(v, str) and v else (v if isinstance(v, dict) else {})
                except ValueError as exc:
                    bad = f"extra is not valid JSON ({exc})"
                    break
            rec[c] = v
        if bad:
            out.skip(doc.ref(record=i + 1), bad)
            continue
        if not rec.get("source_ref"):
            rec["source_ref"] = doc.ref(record=i + 1)
        for c in ("id", "source"):
            if not rec.get(c):
                rec.pop(c, None)
        out.records.append(rec)
    return out


#: this reader, for the registry (litkit.io.formats)
FORMAT = Format(name="parquet", description=DESCRIPTION, sniff=sniff, parse=parse,
                suffixes=(".parquet",), label="Parquet")

"""litkit CSV and Parquet: every column of the papers table (see :mod:`litkit.io.write`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from ... import schema
from .cells import _LINE_BREAKS, _date_cell, _json_default, _list_cell, _missing, neutralise

def _table_rows(papers: pd.DataFrame):
    cols = list(schema.COLUMNS)
    extra_cols = [c for c in papers.columns if c not in schema.COLUMNS]
    header = cols + extra_cols
    data = {c: papers[c].tolist() for c in header}
    n = len(papers)
    rows = []
    for i in range(n):
        row = []
        for c in header:
            v = data[c][i]
            kind = schema.COLUMNS.get(c)
            if kind == schema.LIST:
                cell = _list_cell(v)
            elif kind == schema.DICT:
                cell = json.dumps(v, ensure_ascii=False, default=_json_default, sort_keys=True) \
                    if isinstance(v, dict) and v else ""
            elif kind == schema.DATE:
                cell = _date_cell(v)
            elif kind == schema.BOOL:
                cell = "true" if (not _missing(v) and bool(v)) else "false"
            elif kind == schema.INT:
                cell = "" if _missing(v) else str(int(v))
            else:
                cell = "" if _missing(v) else str(v)
            row.append(neutralise(cell) if kind != schema.INT else cell)
        rows.append(row)
    return header, rows


def to_csv_text(papers: pd.DataFrame) -> str:
    """The papers table as litkit CSV text (see the module docstring)."""
    header, rows = _table_rows(papers)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # csv quotes a cell holding "\n" but not one holding "\r" or a Unicode line break (U+2028,
    # NEL...), which other readers split rows on: such rows are written fully quoted
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(header)
    for row in rows:
        (quoted if any(_LINE_BREAKS.search(c) for c in row) else w).writerow(row)
    return buf.getvalue()


def _write_csv(papers, path: Path) -> None:
    # UTF-8 with a byte-order mark: Excel then reads accents correctly; litkit skips the BOM
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(to_csv_text(papers))


def _write_parquet(papers, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays, fields = [], []
    for c in papers.columns:
        kind = schema.COLUMNS.get(c)
        vals = papers[c].tolist()
        if kind == schema.LIST:
            arr = pa.array([[str(x) for x in v] if isinstance(v, (list, tuple, np.ndarray)) else []
                            for v in vals], type=pa.list_(pa.string()))
        elif kind == schema.DICT:
            arr = pa.array([json.dumps(v, ensure_ascii=False, default=_json_default, sort_keys=True)
                            if isinstance(v, dict) else None for v in vals], type=pa.string())
        elif kind == schema.DATE:
            arr = pa.array([None if _missing(v) else pd.Timestamp(v).to_pydatetime() for v in vals],
                           type=pa.timestamp("ns"))
        elif kind == schema.INT:
            arr = pa.array([None if _missing(v) else int(v) for v in vals], type=pa.int64())
        elif kind == schema.BOOL:
            arr = pa.array([bool(v) if not _missing(v) else False for v in vals], type=pa.bool_())
        elif kind == schema.STRING:
            arr = pa.array([None if _missing(v) else str(v) for v in vals], type=pa.string())
        else:
            try:
                arr = pa.array(vals)
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
                arr = pa.array([None if _missing(v) else json.dumps(v, default=_json_default)
                                for v in vals], type=pa.string())
        arrays.append(arr)
        fields.append(pa.field(c, arr.type))
    meta = {b"litkit": json.dumps({"format": "litkit papers table", "columns": list(papers.columns),
                                   "json_columns": ["extra"]}).encode()}
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=meta))
    pq.write_table(table, path)

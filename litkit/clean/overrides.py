"""The user's decisions on pairs (``deduplicate(overrides=...)``), resolved to record positions.

Internal to :mod:`litkit.clean`.
"""

from __future__ import annotations

import pandas as pd


def user_pairs(overrides, ids: pd.Series, refs: pd.Series) -> list[tuple[int, int, str, str, str]]:
    """[(i, j, action, a, b)] from the user's table, positions resolved via source_ref or id."""
    if overrides is None:
        return []
    if isinstance(overrides, pd.DataFrame):
        cols = list(overrides.columns)
        if "action" not in cols or len(cols) < 3:
            raise ValueError("overrides: a table with columns 'a', 'b' (a source_ref or an id "
                             "each) and 'action' ('merge' or 'separate'); got columns " + str(cols))
        others = [c for c in cols if c != "action"]
        a_col = "a" if "a" in cols else others[0]
        b_col = "b" if "b" in cols else [c for c in others if c != a_col][0]
        rows = list(zip(overrides[a_col], overrides[b_col], overrides["action"]))
    else:
        rows = [tuple(r) for r in overrides]
    by_ref: dict[str, list[int]] = {}
    for i, (pid, ref) in enumerate(zip(ids.tolist(), refs.tolist())):
        if isinstance(ref, str):
            by_ref.setdefault(ref, []).append(i)
        if isinstance(pid, str):
            by_ref.setdefault(pid, []).append(i)
    out = []
    for k, (a, b, action) in enumerate(rows, 1):
        action = str(action).strip().lower()
        if action not in ("merge", "separate"):
            raise ValueError(f"overrides row {k}: action {action!r} should be 'merge' or 'separate'")
        ia, ib = by_ref.get(str(a)), by_ref.get(str(b))
        for name, hit in ((a, ia), (b, ib)):
            if not hit:
                raise ValueError(f"overrides row {k}: {name!r} matches no record's source_ref or "
                                 "id; copy it from the audit table (removed_source_ref, kept_id)")
        for i in ia:
            for j in ib:
                if i != j:
                    out.append((i, j, action, str(a), str(b)))
    return out

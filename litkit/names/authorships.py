"""The long authorship table: one row per paper and author, with refined person keys."""

from __future__ import annotations

import pandas as pd

from .keys import _keys, _swap, fold, normalize_orcid

__all__ = ["authorships"]


def _alias_map(aliases) -> dict[str, str]:
    if aliases is None:
        return {}
    if isinstance(aliases, dict):
        pairs = aliases.items()
    elif isinstance(aliases, pd.DataFrame):
        cols = list(aliases.columns)
        src = next((c for c in ("alias", "name", "from", "variant") if c in cols), None)
        dst = next((c for c in ("key", "to", "canonical") if c in cols and c != src), None)
        if src is None or dst is None:
            if len(cols) != 2:
                raise ValueError("aliases: give a dict {name or key: key} or a table with columns "
                                 f"'alias' and 'key' (got columns {cols})")
            src, dst = cols
        pairs = zip(aliases[src], aliases[dst])
    else:
        raise TypeError("aliases must be a dict or a DataFrame with columns 'alias' and 'key'")
    out = {}
    for a, k in pairs:
        if a is None or k is None or pd.isna(a) or pd.isna(k):
            continue
        out[" ".join(fold(str(a)).split())] = str(k)
    return out


def _aligned_affiliations(extra: dict, n: int) -> list[str | None] | None:
    """Each author's affiliations joined by ``"; "`` (None where the source gives none), from
    ``extra["author_affiliations"]`` in its one shape: a list aligned with the ``n`` authors,
    each item a list of str. None when the record has no such list (or one of another shape)."""
    per = extra.get("author_affiliations")
    if not isinstance(per, (list, tuple)) or len(per) != n \
            or not all(isinstance(a, (list, tuple)) for a in per):
        return None
    out = []
    for a in per:
        names = [x.strip() for x in a if isinstance(x, str) and x.strip()]
        out.append("; ".join(names) if names else None)
    return out


_COLUMNS = {"id": "string", "position": "Int64", "n_authors": "Int64", "name": "string",
            "key": "string", "orcid": "string", "affiliation": "string", "truncated": "bool",
            "is_first": "bool", "is_last": "boolean", "ambiguous": "bool"}


def authorships(papers: pd.DataFrame, aliases=None) -> pd.DataFrame:
    """The long authorship table: one row per paper and author.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table (``litkit.read``). Not modified.
    aliases : dict or pandas.DataFrame, optional
        Your decisions on names: ``{name or key: key}``, or a table with columns ``alias``
        (a display name or a key) and ``key``. Matching is case- and accent-insensitive; an
        aliased row is no longer ambiguous.

    Returns
    -------
    pandas.DataFrame
        Columns:

        ``id`` the paper id; ``position`` 1-based; ``n_authors`` authors listed on the paper;
        ``name`` the display name as read; ``key`` the person key (see :func:`author_key`);
        ``orcid`` where the source gave one (``extra["orcids"]`` aligned with ``authors``);
        ``affiliation`` the author's affiliations (joined by ``"; "``) where the source pairs
        authors with affiliations: ``extra["author_affiliations"]``, a list aligned with
        ``authors`` whose items are each author's list of str (the one shape every reader
        gives; a list of another shape or length is not read); else the paper's only
        affiliation when it lists exactly one; otherwise NA — the paper-level
        ``affiliations`` list is not per author, and guessing would misattribute; ``truncated`` the author list
        was cut ("et al."); ``is_first``; ``is_last`` (NA when the list was truncated: the last
        author shown is not the last author); ``ambiguous`` the key could be several people
        (see below).

    Notes
    -----
    Keys are family name + first initial, refined within the corpus:

    1. An ORCID wins: rows with one get ``orcid:…``. Rows without one whose name key was seen
       with exactly one ORCID in the corpus get that ORCID key (the name would have merged them
       anyway); with several ORCIDs they are ``ambiguous``. An ambiguous name key (rule 2) is
       never given an ORCID.
    2. When one initial key covers two or more different full first names (``John Smith``,
       ``James Smith``), each full name gets its own key (``smith, john``) and rows written only
       with the initial keep ``smith, j`` and are flagged ``ambiguous``.
    3. ``aliases`` are applied last.

    Examples
    --------
    >>> import litkit, litkit.data
    >>> papers = litkit.read(litkit.data.ARXIV_SAMPLE)
    >>> a = authorships(papers)
    >>> len(a) == int(papers["authors"].map(len).sum())
    True
    >>> "Y. Wang" in set(a.loc[a["ambiguous"], "name"])   # initials only, and several Y. Wangs
    True
    >>> table = litkit.schema.from_records([{"id": "p1", "authors": ["Ann Wang", "Bo Li"],
    ...     "extra": {"author_affiliations": [["MIT", "Broad Institute"], []]}}])
    >>> authorships(table)["affiliation"].tolist()
    ['MIT; Broad Institute', <NA>]
    """
    rows_id, rows_pos, rows_n, rows_name, rows_orcid, rows_aff, rows_trunc = [], [], [], [], [], [], []
    ids = papers["id"].tolist()
    authors_col = papers["authors"].tolist()
    trunc_col = papers["authors_truncated"].tolist() if "authors_truncated" in papers else [False] * len(papers)
    aff_col = papers["affiliations"].tolist() if "affiliations" in papers else [[]] * len(papers)
    extra_col = papers["extra"].tolist() if "extra" in papers else [{}] * len(papers)
    for pid, authors, trunc, affs, extra in zip(ids, authors_col, trunc_col, aff_col, extra_col):
        if not isinstance(authors, (list, tuple)) or not authors:
            continue
        n = len(authors)
        extra = extra if isinstance(extra, dict) else {}
        orcids = extra.get("orcids")
        if not isinstance(orcids, (list, tuple)) or len(orcids) != n:
            orcids = [None] * n
        aff = _aligned_affiliations(extra, n)
        if aff is None:
            # the paper's only affiliation is every author's; several are not per author
            only = affs[0] if isinstance(affs, (list, tuple)) and len(affs) == 1 else None
            aff = [only] * n
        for i, name in enumerate(authors):
            rows_id.append(pid)
            rows_pos.append(i + 1)
            rows_n.append(n)
            rows_name.append(name)
            rows_orcid.append(normalize_orcid(orcids[i]))
            rows_aff.append(aff[i])
            rows_trunc.append(bool(trunc) if trunc is not None and trunc == trunc else False)

    keys = [_keys(nm) if isinstance(nm, str) else (None, None) for nm in rows_name]
    base = [k[0] for k in keys]
    full = [k[1] for k in keys]

    # 0. family-first names without a comma ("Wang Ying", Web of Science full names): read them
    #    family-first when only that reading is backed by explicit forms ("Wang, Y", "Wang Y.")
    swaps = [_swap(nm) if isinstance(nm, str) else (False, None, None) for nm in rows_name]
    explicit = {b for b, sw in zip(base, swaps) if sw[0] and b is not None}
    if explicit:
        for i, sw in enumerate(swaps):
            if sw[1] is not None and base[i] not in explicit and sw[1] in explicit:
                base[i], full[i] = sw[1], sw[2]

    # 2. split initial keys that cover several different full first names
    fulls_by_key: dict[str, set] = {}
    for b, f in zip(base, full):
        if b is not None and f is not None:
            fulls_by_key.setdefault(b, set()).add(f)
    split = {b for b, fs in fulls_by_key.items() if len(fs) > 1}
    key = []
    ambiguous = []
    for b, f in zip(base, full):
        if b in split:
            if f is not None:
                key.append(f)
                ambiguous.append(False)
            else:
                key.append(b)
                ambiguous.append(True)
        else:
            key.append(b)
            ambiguous.append(False)

    # 1. ORCID wins, and is carried to the same name key where it is the only one seen
    orcids_by_key: dict[str, set] = {}
    for k, o in zip(key, rows_orcid):
        if k is not None and o is not None:
            orcids_by_key.setdefault(k, set()).add(o)
    for i, (k, o) in enumerate(zip(key, rows_orcid)):
        if o is not None:
            key[i] = f"orcid:{o}"
            ambiguous[i] = False
        elif k in orcids_by_key and not ambiguous[i]:
            found = orcids_by_key[k]
            if len(found) == 1:
                key[i] = f"orcid:{next(iter(found))}"
            else:
                ambiguous[i] = True

    # 3. the user's aliases
    amap = _alias_map(aliases)
    if amap:
        for i, (nm, k) in enumerate(zip(rows_name, key)):
            hit = None
            if isinstance(nm, str):
                hit = amap.get(" ".join(fold(nm).split()))
            if hit is None and k is not None:
                hit = amap.get(k) or amap.get(base[i])
            if hit is not None:
                key[i] = hit
                ambiguous[i] = False

    out = pd.DataFrame({
        "id": pd.array(rows_id, dtype="string"),
        "position": pd.array(rows_pos, dtype="Int64"),
        "n_authors": pd.array(rows_n, dtype="Int64"),
        "name": pd.array(rows_name, dtype="string"),
        "key": pd.array(key, dtype="string"),
        "orcid": pd.array(rows_orcid, dtype="string"),
        "affiliation": pd.array(rows_aff, dtype="string"),
        "truncated": pd.array(rows_trunc, dtype="bool"),
    })
    out["is_first"] = (out["position"] == 1).astype("bool")
    is_last = (out["position"] == out["n_authors"]).astype("boolean")
    out["is_last"] = is_last.mask(out["truncated"], pd.NA)
    out["ambiguous"] = pd.array(ambiguous, dtype="bool")
    return out.astype(_COLUMNS)

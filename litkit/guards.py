"""Corpus-shape guards: does this corpus have what an analysis needs?

Every analysis of a report has preconditions (enough papers, dates, abstracts, authors, more than
one complete period...). :func:`check` tests them on a papers table and returns a
:class:`Check`: ``ok``, and when not ok a one-line ``message`` saying what is missing and what the
user can do. A notebook prints that line and goes on with the next analysis.

Examples
--------
>>> import litkit
>>> from litkit.schema import from_records
>>> papers = from_records([{"id": "a", "title": "One paper", "year": 2020}])
>>> print(litkit.check(papers, needs=("abstracts",), min_papers=5).message)
Skipped because the corpus has 1 paper (at least 5 needed) and no paper has an abstract: add papers (a broader search, or several exports: litkit.read accepts a folder); export the records again with their abstracts (an option of most databases' export dialogs).
>>> bool(litkit.check(papers, needs=("dates",)))
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .periods import MIN_PAPERS_PER_PERIOD, period_table, suggest_freq

__all__ = ["NEEDS", "Check", "check"]

#: what each need means, and what the user can do when it is missing
NEEDS: dict[str, tuple[str, str]] = {
    "dates": ("a year or date",
              "export the records with their publication year"),
    "abstracts": ("an abstract",
                  "export the records again with their abstracts (an option of most databases' "
                  "export dialogs)"),
    "text": ("a title or an abstract",
             "export the records with their titles and abstracts"),
    "authors": ("authors",
                "export the records with their author fields"),
    "coauthors": ("two or more authors",
                  "nothing to do: co-authorship needs papers written together"),
    "affiliations": ("affiliations",
                     "export the records with author addresses / affiliations (Web of Science, "
                     "Scopus and PubMed offer them)"),
    "citations": ("a citation count",
                  "export from a database that counts citations (Web of Science, Scopus, "
                  "OpenAlex, Semantic Scholar)"),
    "categories": ("categories",
                   "use an export with subject categories (arXiv, Web of Science)"),
    "keywords": ("keywords",
                 "export the records with their keywords"),
    "venue": ("a venue",
              "export the records with their journal or conference"),
}
_MORE_PAPERS = "add papers (a broader search, or several exports: litkit.read accepts a folder)"
_MORE_PERIODS = ("use a corpus spanning more time, or a finer period (freq='quarter' or 'month') "
                 "when the dates have months")


@dataclass(frozen=True)
class Check:
    """The result of :func:`check`.

    Attributes
    ----------
    ok : bool
        Every precondition holds. ``bool(check)`` is ``ok``.
    message : str
        ``""`` when ok; else one line, ``"Skipped because ...: what to do."``.
    missing : tuple of str
        The needs that failed (``"papers"``, ``"periods"``, ``"abstracts"``...).
    """

    ok: bool
    message: str = ""
    missing: tuple = ()

    def __bool__(self) -> bool:
        return self.ok

    def _repr_markdown_(self) -> str:
        from .narrative import escape
        return escape(self.message) if self.message else "All preconditions hold."

    def __repr__(self) -> str:
        return self.message or "All preconditions hold."


def _has(papers: pd.DataFrame, need: str) -> pd.Series:
    """Which papers meet ``need`` (a boolean Series aligned with ``papers``)."""
    def filled_text(col):
        if col not in papers:
            return pd.Series(False, index=papers.index)
        s = papers[col].astype("string")
        return (s.notna() & s.str.strip().ne("")).fillna(False).astype(bool)

    def list_len(col):
        if col not in papers:
            return pd.Series(0, index=papers.index)
        return papers[col].map(lambda v: len(v) if isinstance(v, (list, tuple)) else 0)

    if need == "dates":
        has = pd.Series(False, index=papers.index)
        for col in ("date", "year"):
            if col in papers:
                has |= papers[col].notna().to_numpy()
        return has
    if need == "abstracts":
        return filled_text("abstract")
    if need == "text":
        return filled_text("title") | filled_text("abstract")
    if need == "authors":
        return list_len("authors") > 0
    if need == "coauthors":
        return list_len("authors") > 1
    if need == "affiliations":
        extra = papers["extra"] if "extra" in papers else pd.Series([{}] * len(papers), index=papers.index)
        nested = extra.map(lambda e: isinstance(e, dict) and any(
            isinstance(a, (list, tuple)) and len(a) for a in e.get("author_affiliations") or []))
        return (list_len("affiliations") > 0) | nested.astype(bool)
    if need == "citations":
        return papers["citations"].notna() if "citations" in papers else pd.Series(False, index=papers.index)
    if need in ("categories", "keywords"):
        return list_len(need) > 0
    return filled_text("venue")


def _count_phrase(n: int, total: int, what: str, minimum: int) -> str:
    if n == 0:
        return f"no paper has {what}"
    return f"only {n:,} of {total:,} papers have {what} (at least {minimum:,} needed)"


def check(papers: pd.DataFrame, needs=(), *, min_papers: int = 1, min_with: int | None = None,
          freq: str | None = None, min_periods: int = 2,
          min_per_period: int = MIN_PAPERS_PER_PERIOD) -> Check:
    """Check that a corpus has what an analysis needs.

    Parameters
    ----------
    papers : pandas.DataFrame
        A papers table.
    needs : iterable of str
        Any of ``"dates"``, ``"abstracts"``, ``"text"`` (title or abstract), ``"authors"``,
        ``"coauthors"`` (a paper with two or more authors), ``"affiliations"``, ``"citations"``,
        ``"categories"``, ``"keywords"``, ``"venue"`` and ``"periods"`` (at least
        ``min_periods`` complete periods holding ``min_per_period`` papers each, see
        :func:`litkit.periods.period_table`).
    min_papers : int
        Fewest papers in the corpus.
    min_with : int, optional
        Fewest papers that must meet each need (default ``min_papers``; ``"coauthors"`` needs 1).
    freq : {"year", "quarter", "month"}, optional
        Period of the ``"periods"`` need (default: :func:`litkit.suggest_freq`).
    min_periods, min_per_period : int
        See ``"periods"``.

    Returns
    -------
    Check
        ``ok``, ``message`` (one line: what is missing and what to do) and ``missing``.

    Examples
    --------
    >>> import litkit, litkit.data
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> litkit.check(papers, needs=("abstracts", "authors"), min_papers=10).ok
    True
    >>> print(litkit.check(papers, needs=("periods",), freq="year").message)
    Skipped because no year is complete with at least 10 papers (at least 2 needed): use a corpus spanning more time, or a finer period (freq='quarter' or 'month') when the dates have months.
    """
    needs = tuple(needs)
    for need in needs:
        if need != "periods" and need not in NEEDS:
            raise ValueError(f"unknown need {need!r}; known: 'periods', {', '.join(map(repr, NEEDS))}")
    total = len(papers)
    problems: list[str] = []
    advice: list[str] = []
    missing: list[str] = []
    if total < min_papers:
        missing.append("papers")
        problems.append(f"the corpus has {total:,} paper{'s' if total != 1 else ''} "
                        f"(at least {min_papers:,} needed)")
        advice.append(_MORE_PAPERS)
    for need in needs:
        if need == "periods" or total == 0:
            continue
        minimum = 1 if need == "coauthors" else (min_with if min_with is not None else min_papers)
        # with too few papers, a need fails only for the papers there are
        minimum = max(min(int(minimum), total), 1)
        n = int(_has(papers, need).sum())
        if n < minimum:
            missing.append(need)
            what, todo = NEEDS[need]
            problems.append(_count_phrase(n, total, what, minimum))
            advice.append(todo)
    if "periods" in needs:
        f = freq or suggest_freq(papers)
        t = period_table(papers, f, min_papers=min_per_period)
        usable = int(t["usable"].sum()) if len(t) else 0
        if usable < min_periods:
            missing.append("periods")
            held = (f"no {f} is" if usable == 0 else f"only 1 {f} is" if usable == 1
                    else f"only {usable} {f}s are")
            problems.append(f"{held} complete with at least {min_per_period} papers "
                            f"(at least {min_periods} needed)")
            advice.append(_MORE_PERIODS)
    if not problems:
        return Check(True)
    said = problems[0] if len(problems) == 1 else ", ".join(problems[:-1]) + " and " + problems[-1]
    todo = "; ".join(dict.fromkeys(advice))
    return Check(False, f"Skipped because {said}: {todo}.", tuple(missing))

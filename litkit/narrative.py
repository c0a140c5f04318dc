"""Sentences about the data, computed from it and rendered as escaped Markdown.

A report's text about a corpus (how many papers, which span, what was skipped, what was found)
must come from the corpus itself. :func:`md` fills a sentence written by the notebook's author
with values computed from the data; every value is escaped, so markup in the data (a title
with ``<script>``, an author called ``$x$``, a venue with ``*``) shows as text. :func:`say`
displays such a sentence; :func:`findings` a titled list of them.

The result is a :class:`Markdown` object: JupyterLab and the HTML report render its Markdown,
a terminal (and nbval's text comparison) shows its plain text.

Examples
--------
>>> from litkit.narrative import md, findings
>>> md("**{n:,}** papers, the busiest year {year}", n=1234, year="2019")
1,234 papers, the busiest year 2019
>>> md("by {who}", who="<b>$x$</b>").markdown
'by &lt;b&gt;\\\\$x\\\\$&lt;/b&gt;'
>>> print(findings(md("{n} papers", n=3), "a plain *string* is escaped").markdown)
**What we found**
<BLANKLINE>
- 3 papers
- a plain \\*string\\* is escaped
"""

from __future__ import annotations

import string

__all__ = ["Markdown", "escape", "md", "say", "findings", "join", "format_name", "describe_corpus"]

#: characters with a meaning in Markdown (CommonMark or JupyterLab's math): backslash-escaped
_MARKDOWN_SPECIAL = set("\\`*_[]{}#|~$!")
#: characters with a meaning in HTML (Markdown passes raw HTML through): as entities
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(value) -> str:
    """``value`` as Markdown text that renders as itself (no emphasis, link, math or HTML).

    Examples
    --------
    >>> escape("a_b *c* <i>")
    'a\\\\_b \\\\*c\\\\* &lt;i&gt;'
    """
    text = " ".join(str(value).split())          # one line: no block structure from the data
    out = []
    for ch in text:
        if ch in _HTML_ENTITIES:
            out.append(_HTML_ENTITIES[ch])
        elif ch in _MARKDOWN_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


class Markdown:
    """Markdown text with its plain-text form; displays as Markdown in Jupyter.

    Parameters
    ----------
    markdown : str
        The Markdown (values already escaped).
    plain : str
        The same text without markup, for terminals and text comparisons.

    Examples
    --------
    >>> Markdown("**3** papers", "3 papers")
    3 papers
    """

    def __init__(self, markdown: str, plain: str):
        self.markdown = markdown
        self.plain = plain

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.plain

    def __str__(self) -> str:
        return self.plain

    def __eq__(self, other) -> bool:
        return isinstance(other, Markdown) and (self.markdown, self.plain) == (other.markdown, other.plain)

    def __hash__(self) -> int:
        return hash((self.markdown, self.plain))


def _strip_markup(template_text: str) -> str:
    return template_text.replace("**", "").replace("`", "")


class _Raw(str):
    """Already-escaped Markdown that :func:`md` inserts as it is."""


class _Formatter(string.Formatter):
    """``str.format`` whose fields are escaped (Markdown) or put on one line (plain)."""

    def __init__(self, escaping: bool):
        super().__init__()
        self.escaping = escaping

    def format_field(self, value, format_spec):
        if isinstance(value, _Raw):
            return str(value)
        text = super().format_field(value, format_spec)
        return escape(text) if self.escaping else " ".join(text.split())


def _as_markdown(item) -> Markdown:
    if isinstance(item, Markdown):
        return item
    if hasattr(item, "_repr_markdown_") and hasattr(item, "message"):     # litkit.check's result
        return Markdown(item._repr_markdown_(), str(item.message))
    return Markdown(escape(item), " ".join(str(item).split()))


def md(template: str, /, *args, **values) -> Markdown:
    """A sentence from a trusted template and escaped values (``str.format`` syntax).

    Parameters
    ----------
    template : str
        Markdown written by the notebook's author: ``"**{n:,}** papers from {sources}"``. Only
        ``**bold**`` and ```code``` are removed for the plain-text form.
    *args, **values
        The values, computed from the data. Each is formatted (``{n:,}``, ``{share:.0%}``) and
        then escaped. A :class:`Markdown` value is inserted as it is.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> md("{share:.0%} of the papers have an abstract", share=0.876)
    88% of the papers have an abstract
    """
    def parts(v):
        return (_Raw(v.markdown), v.plain) if isinstance(v, Markdown) else (v, v)
    md_args, plain_args = zip(*map(parts, args)) if args else ((), ())
    md_vals = {k: parts(v)[0] for k, v in values.items()}
    plain_vals = {k: parts(v)[1] for k, v in values.items()}
    markdown = _Formatter(True).vformat(template, md_args, md_vals)
    plain = _Formatter(False).vformat(_strip_markup(template), plain_args, plain_vals)
    return Markdown(markdown, plain)


def join(items, *, last: str = "and", limit: int | None = None, empty: str = "none") -> Markdown:
    """Values as an escaped list in words: ``a, b and c`` (``… and 4 more`` past ``limit``).

    Examples
    --------
    >>> join(["cs.CV", "cs.CL", "cs.AI"])
    cs.CV, cs.CL and cs.AI
    >>> join(range(6), limit=3)
    0, 1, 2 and 3 more
    >>> join([])
    none
    """
    items = [_as_markdown(i) for i in items]
    if not items:
        return Markdown(escape(empty), empty)
    more = 0
    if limit is not None and len(items) > limit:
        more = len(items) - limit
        items = items[:limit]
        items.append(Markdown(f"{more} more", f"{more} more"))
    if len(items) == 1:
        return items[0]
    head, tail = items[:-1], items[-1]
    return Markdown(", ".join(i.markdown for i in head) + f" {last} " + tail.markdown,
                    ", ".join(i.plain for i in head) + f" {last} " + tail.plain)


def findings(*items, title: str | None = "What we found") -> Markdown:
    """A titled bullet list of findings (each a :func:`md` sentence or a plain string).

    Parameters
    ----------
    *items : Markdown or str
        Plain strings are escaped whole. ``None`` items are left out (convenient for optional
        findings: ``md(...) if cond else None``).
    title : str or None
        Bold line above the list.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> findings("19 papers", None, title=None)
    - 19 papers
    """
    kept = [_as_markdown(i) for i in items if i is not None]
    lines_md = [f"- {i.markdown}" for i in kept]
    lines_plain = [f"- {i.plain}" for i in kept]
    if title:
        lines_md = [f"**{escape(title)}**", ""] + lines_md
        lines_plain = [title, ""] + lines_plain
    return Markdown("\n".join(lines_md), "\n".join(lines_plain))


def say(template, /, *args, **values) -> None:
    """Display a sentence now (see :func:`md`); works inside ``if`` blocks and loops.

    ``template`` may also be a :class:`Markdown` object or the result of :func:`litkit.check`
    (its message is shown).

    Examples
    --------
    >>> say("{n} papers", n=3)
    3 papers
    """
    from IPython.display import display
    if isinstance(template, str):
        display(md(template, *args, **values))
    else:
        display(_as_markdown(template))


def format_name(source: str) -> str:
    """The readable name of a reader (a ``source`` value): ``"wos"`` -> ``"Web of Science plain text"``.

    Examples
    --------
    >>> format_name("bibtex"), format_name("no-such-reader")
    ('BibTeX', 'no-such-reader')
    """
    from .io import available_readers
    described = available_readers().get(str(source))
    return described.split(" (")[0] if described else str(source)


def _span(papers) -> tuple[str, str, int] | None:
    from .periods import effective_dates
    dates = effective_dates(papers, "year").dropna()
    if dates.empty:
        return None
    days = (dates.dt.day != 1) | (dates.dt.month != 1)
    if days.mean() >= 0.5:
        fmt = "%Y-%m-%d"
    else:
        fmt = "%Y"
    return dates.min().strftime(fmt), dates.max().strftime(fmt), len(dates)


def describe_corpus(papers, *, corpus=None, skipped=None) -> Markdown:
    """What a corpus is, in one paragraph computed from it: papers, files, formats, span, fields.

    Parameters
    ----------
    papers : pandas.DataFrame
        The papers table.
    corpus : path or list of paths, optional
        What was read: the file names are given (not their folders).
    skipped : pandas.DataFrame or int, optional
        The skipped records (``litkit.read(..., return_skipped=True)``) or their number.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> import litkit, litkit.data
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> describe_corpus(papers, corpus=litkit.data.RESEARCHER_PROFILE, skipped=0)
    19 papers from researcher-profile.txt (researcher-profile listing), published 2018-11-08 to 2025-07-07; 19 with an abstract, 19 with authors. Every record was read.
    """
    from pathlib import Path
    n = len(papers)
    parts = [md("**{n:,} paper{s}**", n=n, s="" if n == 1 else "s")]
    if corpus is not None:
        files = [Path(str(c)).name for c in (corpus if isinstance(corpus, (list, tuple)) else [corpus])]
        parts.append(md(" from {files}", files=join(files, limit=5)))
    if n and "source" in papers:
        counts = papers["source"].astype("string").fillna("unknown").value_counts()
        if len(counts) == 1:
            parts.append(md(" ({fmt})", fmt=format_name(counts.index[0])))
        else:
            parts.append(md(" ({fmts})", fmts=join([md("{k:,} {f}", k=int(v), f=format_name(f))
                                                   for f, v in counts.items()])))
    span = _span(papers) if n else None
    if span is None:
        parts.append(md(", none with a publication date" if n else ""))
    else:
        first, last, dated = span
        parts.append(md(", published {a} to {b}", a=first, b=last) if first != last
                     else md(", all published in {a}", a=first))
        if dated < n:
            parts.append(md(" ({d:,} with a date)", d=dated))
    if n:
        def count(col, test):
            return int(papers[col].map(test).sum()) if col in papers else 0
        abstracts = int(papers["abstract"].notna().sum()) if "abstract" in papers else 0
        authors = count("authors", lambda v: isinstance(v, (list, tuple)) and len(v) > 0)
        parts.append(md("; {a:,} with an abstract, {b:,} with authors", a=abstracts, b=authors))
    parts.append(md("."))
    if skipped is not None:
        k = skipped if isinstance(skipped, int) else len(skipped)
        parts.append(md(" Every record was read.") if k == 0 else
                     md(" {k:,} record{s} could not be read (listed below).", k=k,
                        s="" if k == 1 else "s"))
    return Markdown("".join(p.markdown for p in parts), "".join(p.plain for p in parts))

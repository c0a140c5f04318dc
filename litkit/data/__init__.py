"""The small corpora bundled with litkit (provenance in ``SOURCES.md`` beside this file).

They ship inside the package, so notebooks, docstring examples and ``litkit report`` find them
from an installed wheel as well as from a checkout.

Examples
--------
>>> import litkit
>>> from litkit.data import RESEARCHER_PROFILE
>>> len(litkit.read(RESEARCHER_PROFILE))
19
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "ARXIV_SAMPLE", "RESEARCHER_PROFILE", "path"]

DATA_DIR = Path(__file__).resolve().parent
#: 3,126 arXiv cs papers, stratified by primary category and month (``make_arxiv_sample.py``)
ARXIV_SAMPLE = DATA_DIR / "arxiv-sample.jsonl.gz"
#: one researcher's publication listing, as copied from a profile page (19 papers)
RESEARCHER_PROFILE = DATA_DIR / "researcher-profile.txt"


def path(name: str) -> Path:
    """The path of a bundled file, by its name.

    Parameters
    ----------
    name : str
        A file name in this folder, e.g. ``"arxiv-sample.jsonl.gz"``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        Naming the files there when ``name`` is not one of them.

    Examples
    --------
    >>> from litkit.data import ARXIV_SAMPLE, path
    >>> path("arxiv-sample.jsonl.gz") == ARXIV_SAMPLE
    True
    >>> len(litkit.read(path("arxiv-sample.jsonl.gz")))
    3126
    >>> path("nope.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: no bundled file 'nope.csv'; bundled: SOURCES.md, arxiv-sample.jsonl.gz, ...
    """
    p = DATA_DIR / name
    if not p.is_file() or name.endswith(".py"):
        have = sorted(q.name for q in DATA_DIR.iterdir() if q.suffix not in {".py", ".pyc"} and q.is_file())
        raise FileNotFoundError(f"no bundled file {name!r}; bundled: {', '.join(have)}")
    return p

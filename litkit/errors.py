"""Errors raised by litkit. This module imports nothing of litkit."""

from __future__ import annotations


class LitkitError(Exception):
    """Base class of every error litkit raises on purpose.

    Examples
    --------
    >>> from litkit.errors import LitkitError, ReadError, SchemaError
    >>> issubclass(ReadError, LitkitError) and issubclass(SchemaError, LitkitError)
    True
    """


class ReadError(LitkitError, ValueError):
    """A file could not be read.

    The message names the file, the line or record where known, what is wrong
    and what to do about it. ``path``, ``line`` and ``record`` are also kept as
    attributes for programs.

    Examples
    --------
    >>> from litkit.errors import ReadError
    >>> err = ReadError("unbalanced braces", path="refs.bib", line=12, hint="close the entry")
    >>> str(err)
    'refs.bib:12: unbalanced braces. close the entry'
    >>> err.path, err.line
    ('refs.bib', 12)
    >>> try:
    ...     litkit.read("no-such-export.bib")
    ... except litkit.ReadError as exc:
    ...     print(exc)
    no-such-export.bib: no such file or folder. check the path
    """

    def __init__(self, message: str, *, path=None, line: int | None = None,
                 record: str | None = None, hint: str | None = None):
        self.path = None if path is None else str(path)
        self.line = line
        self.record = record
        self.hint = hint
        where = ""
        if self.path is not None:
            where = self.path
            if line is not None:
                where += f":{line}"
            if record is not None:
                where += f" (record {record})"
            where += ": "
        text = where + message
        if hint:
            text += f". {hint}" if not message.rstrip().endswith(".") else f" {hint}"
        super().__init__(text)


class SchemaError(LitkitError, ValueError):
    """A table does not follow the papers-table schema (see ``litkit.schema``).

    Examples
    --------
    >>> import pandas as pd
    >>> from litkit.errors import SchemaError
    >>> try:
    ...     litkit.validate(pd.DataFrame({"title": ["A"]}))
    ... except SchemaError as exc:
    ...     print(str(exc)[:43])
    not a valid papers table: missing column(s)
    """


class ReportError(LitkitError):
    """One or more notebooks failed while making a report (``litkit report``)."""


class MissingExtraError(LitkitError, ImportError):
    """An optional feature was asked for but its extra is not installed (``pip install litkit[dask]``)."""


class WriteError(LitkitError, ValueError):
    """The table cannot be written to the path asked for."""


class EntrySyntaxError(LitkitError, ValueError):
    """A BibTeX entry is malformed where the scanner stands (internal to the BibTeX reader).

    The scanner raises it and catches it itself: the entry is then read line by line or
    listed in ``skipped`` with ``reason``; it never leaves :func:`litkit.read`.

    Parameters
    ----------
    reason : str
        What is wrong, for the ``skipped`` table.
    pos : int
        The offset in the text where the problem was seen.

    Examples
    --------
    >>> from litkit.errors import EntrySyntaxError
    >>> err = EntrySyntaxError("a { in a field value is never closed", 120)
    >>> err.reason, err.pos
    ('a { in a field value is never closed', 120)
    """

    def __init__(self, reason: str, pos: int):
        super().__init__(reason)
        self.reason = reason
        self.pos = pos

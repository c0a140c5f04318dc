"""Errors raised by litkit. This module imports nothing of litkit."""

from __future__ import annotations


class LitkitError(Exception):
    """Base class of every error litkit raises on purpose."""


class ReadError(LitkitError, ValueError):
    """A file could not be read.

    The message names the file, the line or record where known, what is wrong
    and what to do about it. ``path``, ``line`` and ``record`` are also kept as
    attributes for programs.
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
    """A table does not follow the papers-table schema (see ``litkit.schema``)."""


class WriteError(LitkitError, ValueError):
    """The table cannot be written to the path asked for."""

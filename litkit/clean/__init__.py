"""Cleaning: title normalisation, auditable deduplication, and field coverage.

==================  ===========================================================
module              concern
==================  ===========================================================
``titles``          title normalisation for matching, numbers in titles, typos
``blocking``        per-record codes, candidate pairs, union-find with cannot-links
``dedup``           the rules and :func:`deduplicate`
``merge``           one row per paper from linked records, and the audit
``coverage``        :func:`coverage`: filled share per source and field, with hints
==================  ===========================================================
"""

from .coverage import coverage
from .dedup import deduplicate
from .titles import normalize_title

__all__ = ["normalize_title", "deduplicate", "coverage"]

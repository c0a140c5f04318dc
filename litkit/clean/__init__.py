"""Cleaning: title normalisation, auditable deduplication, and field coverage.

==================  ===========================================================
module              concern
==================  ===========================================================
``titles``          title normalisation for matching, numbers in titles, typos
``blocking``        per-record codes, candidate pairs, union-find with cannot-links
``evidence``        generic and short titles, and the evidence they need beyond the title
``venues``          one venue written two ways; journal or conference
``dedup``           the rules and :func:`deduplicate`
``overrides``       the user's decisions on pairs, resolved to records
``merge``           one row per paper from linked records, and the audit
``coverage``        :func:`coverage`: filled share per source and field, with hints
==================  ===========================================================
"""

from .coverage import coverage
from .dedup import deduplicate
from .titles import normalize_title

__all__ = ["normalize_title", "deduplicate", "coverage"]

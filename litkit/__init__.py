"""litkit: read literature exports into one tidy papers table, clean it, find its topics,
trends and authors, and report on it from curated notebooks.

The public API is this flat namespace.

Examples
--------
>>> import litkit
>>> from litkit.data import RESEARCHER_PROFILE
>>> papers = litkit.read(RESEARCHER_PROFILE)
>>> len(papers), papers["source"].iloc[0]
(19, 'listing')

Names are loaded lazily from their modules (see ``_API``), so ``import litkit`` stays fast
and a notebook only pays for what it uses.
"""

from __future__ import annotations

import importlib

from .errors import LitkitError, ReadError, SchemaError
from .io import available_readers, detect_format, read, read_text
from .schema import COLUMNS, validate

__version__ = "0.2.0"

#: public name -> module that defines it (imported on first use)
_API: dict[str, str] = {
    # cleaning (litkit.clean, litkit.names, litkit.io.write)
    "deduplicate": "litkit.clean",
    "coverage": "litkit.clean",
    "normalize_title": "litkit.clean",
    "author_key": "litkit.names",
    "authorships": "litkit.names",
    "write": "litkit.io.write",
    "WriteError": "litkit.errors",
    # topics (litkit.text, litkit.topics)
    "TopicModel": "litkit.topics",
    "topic_stability": "litkit.topics",
    "topics_over_time": "litkit.topics",
    "emerging_topics": "litkit.topics",
    "topic_map": "litkit.topics",
    # trends (litkit.trends) and periods (litkit.periods)
    "counts_by_period": "litkit.trends",
    "rising_terms": "litkit.terms",
    "shares_over_time": "litkit.trends",
    "suggest_freq": "litkit.periods",
    "period_table": "litkit.periods",
    "recent_window": "litkit.periods",
    "periods": "litkit.periods",
    # corpus-shape guards and data-driven narrative (litkit.guards, litkit.narrative)
    "check": "litkit.guards",
    "md": "litkit.narrative",
    "say": "litkit.narrative",
    "findings": "litkit.narrative",
    "describe_corpus": "litkit.narrative",
    "topic_explorer": "litkit.explore",
    # bundled corpora (litkit.data.ARXIV_SAMPLE, litkit.data.RESEARCHER_PROFILE)
    "data": "litkit.data",
    # authors (litkit.authors)
    "author_stats": "litkit.authors",
    "lotka": "litkit.authors",
    "coauthor_graph": "litkit.authors",
    "collaboration_stats": "litkit.authors",
    "affiliation_counts": "litkit.authors",
    "author_topic_profiles": "litkit.authors",
    "authors_per_paper": "litkit.authors",
    # bibliometrics (litkit.biblio)
    "biblio": "litkit.biblio",
    "summary": "litkit.biblio.summary",
    "most_cited": "litkit.biblio.citations",
    "citations_by_year": "litkit.biblio.citations",
    "impact": "litkit.biblio.citations",
    "bradford": "litkit.biblio.sources",
    "source_growth": "litkit.biblio.sources",
    "keyword_counts": "litkit.biblio.keywords",
    "keyword_graph": "litkit.biblio.keywords",
    "three_fields": "litkit.biblio.keywords",
    "thematic_map": "litkit.biblio.themes",
    "thematic_evolution": "litkit.biblio.themes",
    "paper_countries": "litkit.biblio.countries",
    "country_stats": "litkit.biblio.countries",
    "country_graph": "litkit.biblio.countries",
    "references": "litkit.biblio.references",
    "most_cited_references": "litkit.biblio.references",
    "local_citations": "litkit.biblio.references",
    "citation_links": "litkit.biblio.references",
    "cocitation_graph": "litkit.biblio.networks",
    "coupling_graph": "litkit.biblio.networks",
    "citation_graph": "litkit.biblio.networks",
    # figures
    "plots": "litkit.plots",
    "authors": "litkit.authors",
    # reports (the module is litkit.report; its main function is also litkit.make_report)
    "make_report": "litkit.report",
}

#: public names that are modules rather than functions (``litkit.plots.publications(...)``)
_MODULES = {"plots", "periods", "data", "biblio", "authors"}

__all__ = sorted(["COLUMNS", "LitkitError", "ReadError", "SchemaError", "available_readers",
                  "detect_format", "read", "read_text", "validate", "__version__", *_API])


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'litkit' has no attribute {name!r}")
    mod = importlib.import_module(module)
    value = mod if name in _MODULES else getattr(mod, name)
    globals()[name] = value
    return value


def __dir__():
    return __all__

"""Authors: productivity, Lotka's law, the co-authorship graph, collaboration, affiliations.

Every function takes a papers table (``litkit.read``), never modifies it, and works on the
long authorship table of :func:`litkit.authorships` (one row per paper and author, with the
normalised person ``key``). Pass ``authorships=`` to reuse one you already built (or corrected
with ``aliases``); otherwise it is built here.

Truncated author lists
----------------------
Some sources show only the first authors ("et al.", ``authors_truncated``). The authors that
are not shown cannot be counted, so counts over such papers are lower bounds. Nothing is
silently dropped: :func:`author_stats` has a ``truncated_papers`` column, and the other results
give the number of truncated papers in ``attrs["truncated_papers"]``. Papers with very long
author lists (hundreds or thousands, as in large collaborations) are counted like any other;
only :func:`coauthor_graph` has a ``max_authors`` bound for its edges, reported on the graph.

Modules: :mod:`._long` (the authorship table), :mod:`.productivity` (author_stats, lotka),
:mod:`.network` (coauthor_graph), :mod:`.collaboration` (collaboration, affiliations, topics).
"""

from .collaboration import (affiliation_counts, author_topic_profiles, authors_per_paper,
                            collaboration_stats)
from .network import coauthor_graph, graph_nodes
from .productivity import author_stats, lotka

__all__ = ["author_stats", "lotka", "coauthor_graph", "collaboration_stats", "authors_per_paper",
           "affiliation_counts", "author_topic_profiles", "graph_nodes"]

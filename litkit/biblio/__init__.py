"""Bibliometrics: citations, sources, keywords and themes, countries, cited references.

The analyses a reviewer knows from bibliometrix / biblioshiny, written for the papers table
(definitions learned from bibliometrix's code, implemented and tested here). Every function takes
the papers table and returns a tidy table or a networkx graph; when the corpus lacks what an
analysis needs (citations, references, keywords, affiliations), the result is empty and
``litkit.biblio.lacks(papers, need)`` says why in one line.

Modules, one concern each: ``_common`` (list cells, h/g indices, reference year),
``citations`` (main information, most cited, impact), ``sources`` (Bradford, source growth),
``keywords`` (counts, co-occurrence graph, three fields), ``themes`` (thematic map and evolution),
``countries`` (country of each affiliation, country statistics and collaboration),
``references`` (cited references, local citations), ``networks`` (co-citation, coupling,
historiograph).
"""

from ._common import lacks

__all__ = ["lacks"]

# %% [markdown]
# # 6. Citations and sources: what is cited, where is it published, what does it build on?
#
# **Question.** What are the main facts of this corpus, which documents are cited most, which
# sources (journals, conferences) carry it and how concentrated they are (Bradford's law), and
# which earlier work does it build on (cited references, local citations, co-citation, the
# historiograph)?
#
# **Data.** The corpus named in the parameters cell. Citation counts and cited references come
# from Web of Science, Scopus or OpenAlex exports; a corpus without them (an arXiv listing) gets
# a one-line "skipped because..." for those analyses.

# %% tags=["parameters"]
import litkit

corpus = litkit.data.ARXIV_SAMPLE   # a file, a folder or a list of files that litkit.read accepts
corpus_format = None
top_n = 15
as_of = None          # year citations per year and ages count to (default: the corpus' last year)
seed = 0

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import litkit
from litkit import plots

pd.set_option("display.precision", 3)
pd.set_option("display.max_colwidth", 80)
papers = litkit.read(corpus, corpus_format)
has_citations = litkit.check(papers, needs=("citations",))
has_venues = litkit.check(papers, needs=("venue",))
n_sources = litkit.bradford(papers)["venue"].nunique()
few_sources = n_sources < 3          # Bradford zones and source rankings need several sources
several_sources = (has_venues if not has_venues else
                   litkit.md("Skipped because the corpus has {n} source{s}: zones and rankings need three or more "
                             "(an arXiv listing is one source).", n=n_sources, s="" if n_sources == 1 else "s")
                   if few_sources else has_venues)
no_references = litkit.biblio.lacks(papers, "references")
litkit.say("{n:,} papers; {c:,} with a citation count, {v:,} with a source, {r:,} with cited references.",
           n=len(papers), c=int(papers["citations"].notna().sum()), v=int(papers["venue"].notna().sum()),
           r=int(papers["extra"].map(lambda e: bool(e.get("references") or e.get("referenced_works"))).sum()))

# %% [markdown]
# ## Main information
# The facts a bibliometric review opens with (biblioshiny's "main information"). A fact the data
# cannot support says `not in the data`. Ages and citations per year count to the corpus' last
# year, not to today, so the table reads the same on any day. The annual growth rate leaves out a
# last year the export stops inside of.

# %%
info = litkit.summary(papers, as_of=as_of)
info

# %% [markdown]
# ## Most cited documents
# Global citations: the counts the database gave when the records were exported.
# `citations_per_year` divides by the years since publication; `normalized_citations` compares a
# paper with the papers of its own year (1 = the year's average), so old papers do not win by age
# alone.

# %%
cited = litkit.most_cited(papers, n=top_n, as_of=as_of) if has_citations else None
if has_citations:
    display(cited[["label", "title", "year", "citations", "citations_per_year", "normalized_citations"]])
    ax = plots.most_cited(cited, n=top_n)
    plt.show()
else:
    display(has_citations)

# %% [markdown]
# ## Citations per year
# The mean citations per citable year of the papers of each publication year. Recent years have
# had little time to be cited: a fall at the end is expected, not a decline.

# %%
if has_citations:
    by_year = litkit.citations_by_year(papers, as_of=as_of)
    display(by_year.tail(10))
    ax = plots.citations_per_year(by_year)
    plt.show()
else:
    display(has_citations)

# %% [markdown]
# ## Most relevant sources and Bradford's law
# Bradford (1934): ranked by papers, a few core sources hold a third of the papers, a middle group
# the next third, and many sources the last third. Zone 1 below is this corpus' core.

# %%
zones = litkit.bradford(papers) if has_venues and not few_sources else None
if zones is not None:
    display(zones.head(top_n))
    display(zones.groupby("zone").agg(sources=("venue", "size"), papers=("papers", "sum")))
    ax = plots.bradford(zones, n=top_n + 10)
    plt.show()
else:
    display(several_sources)

# %% [markdown]
# ## Growth of the top sources
# Cumulative papers per year of the five most productive sources.

# %%
growth = litkit.source_growth(papers, n=5) if zones is not None else pd.DataFrame()
if len(growth):
    display(growth.pivot(index="year", columns="venue", values="papers").tail(10))
elif zones is None:
    display(several_sources)
else:
    litkit.say("Skipped because no paper has both a source and a year.")

# %% [markdown]
# ## Impact of sources: h, g and m
# The h-index of a source is the largest h such that h of its papers have at least h citations;
# the g-index the largest g such that its g most cited papers have g² citations together; the
# m-index is h divided by the years since its first paper here. Only papers of this corpus
# count: a source's h here is not its journal h-index.

# %%
if has_citations and zones is not None:
    venue_impact = litkit.impact(papers, by="venue", as_of=as_of)
    display(venue_impact.head(top_n))
else:
    venue_impact = None
    display(has_citations if not has_citations else several_sources)

# %% [markdown]
# ## Most cited references
# One row per cited reference of every paper (`litkit.references`): WoS `CR`, Scopus
# `References`, OpenAlex `referenced_works`. A reference with a DOI is keyed by it; others by
# first author, year, source, volume and page as written, so one work spelled two ways counts
# twice.

# %%
if no_references:
    refs = None
    litkit.say(no_references)
else:
    refs = litkit.references(papers)
    litkit.say("{n:,} citations of {k:,} distinct references by {p:,} papers; {d:.0%} with a DOI.",
               n=len(refs), k=refs["key"].nunique(), p=refs["id"].nunique(), d=float(refs["doi"].notna().mean()))
    top_refs = litkit.most_cited_references(papers, n=top_n, refs=refs)
    display(top_refs[["reference", "citations"]])

# %% [markdown]
# ## Local citations and the historiograph
# Local citations count how often a paper is cited by the other papers of this corpus: the works
# this literature itself builds on. A reference is matched to a paper by DOI (or OpenAlex id),
# else by first author, year, volume and first page. The historiograph (Garfield) draws these
# direct citations with the years on the x axis.

# %%
if no_references:
    local = None
    litkit.say(no_references)
else:
    links = litkit.citation_links(papers, refs=refs)
    local = litkit.local_citations(papers, links=links)
    litkit.say("{n:,} direct citations inside the corpus ({d:,} matched by DOI or id).",
               n=len(links), d=int(links["by"].isin(["doi", "id"]).sum()))
    display(local.head(top_n)[["title", "year", "local_citations", "citations", "local_share"]])
    if len(links):
        ax = plots.historiograph(litkit.citation_graph(papers, n=30, links=links))
        plt.show()

# %% [markdown]
# ## Co-citation and bibliographic coupling
# Two references are co-cited when a paper cites both (the network of the most cited references:
# the intellectual base); two papers are coupled when they cite the same references (the research
# front). Both are sparse matrix products over the most cited references only.

# %%
if no_references:
    cocitation = None
    litkit.say(no_references)
else:
    cocitation = litkit.cocitation_graph(papers, n=50, refs=refs)
    coupling = litkit.coupling_graph(papers, n=100, refs=refs)
    litkit.say("Co-citation: {a:,} references, {b:,} links; coupling: {c:,} papers, {d:,} links.",
               a=cocitation.number_of_nodes(), b=cocitation.number_of_edges(),
               c=coupling.number_of_nodes(), d=coupling.number_of_edges())
    if cocitation.number_of_edges():
        ax = plots.cocitation_network(cocitation, seed=seed)
        plt.show()

# %%
fact = info.set_index("metric")["value"]
core = zones[zones["zone"] == 1] if zones is not None else None
litkit.findings(
    litkit.md("{n:,} documents from {span}; sources: {s}.", n=len(papers), span=fact["timespan"],
              s=fact["sources (journals, books, etc.)"]),
    litkit.md("Most cited: **{t}** ({y}), {c:,} citations.", t=cited["title"].iloc[0],
              y=int(cited["year"].iloc[0]) if pd.notna(cited["year"].iloc[0]) else "no year",
              c=int(cited["citations"].iloc[0])) if cited is not None and len(cited) else None,
    litkit.md("Bradford core: {k} of {m:,} sources hold {p:,} of {t:,} papers, led by {first}.",
              k=len(core), m=len(zones), p=int(core["papers"].sum()), t=int(zones["papers"].sum()),
              first=core["venue"].iloc[0]) if core is not None and len(core) else None,
    litkit.md("Highest source h-index: {v} (h = {h}).", v=venue_impact["venue"].iloc[0],
              h=int(venue_impact["h_index"].iloc[0])) if venue_impact is not None and len(venue_impact) else None,
    litkit.md("Most locally cited: **{t}**, cited by {k:,} papers of the corpus.", t=local["title"].iloc[0],
              k=int(local["local_citations"].iloc[0]))
    if local is not None and len(local) and local["local_citations"].iloc[0] > 0 else None,
    None if has_citations else litkit.md("No citation counts: citation analyses were skipped."),
    litkit.md("No cited references: reference analyses were skipped.") if no_references else None,
)

# %% [markdown]
# ## Reading the findings
# The list above is computed from this corpus. Global citations depend on when the records were
# exported and on the database; local citations only see this corpus, so a classic that is
# cited by every paper but not itself in the export shows among the most cited references, not
# among the most locally cited documents. A reference spelled two ways (with and without its
# DOI) counts as two: compare the top references by eye.

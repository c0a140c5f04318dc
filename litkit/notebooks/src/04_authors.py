# %% [markdown]
# # 4. Authors: who writes this literature, and with whom?
#
# **Question.** Who are the productive authors, does productivity follow Lotka's law, how much do
# people collaborate, and what are the communities of co-authors?
#
# **Data.** The corpus named in the next cell, described under it from the data. Exports that
# show only the first authors ("et al.") undercount: the tables say where that happens.

# %% tags=["parameters"]
import litkit

corpus = litkit.data.ARXIV_SAMPLE   # a file, a folder or a list of files that litkit.read accepts
corpus_format = None
top_n = 15
seed = 0

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

from litkit import plots

pd.set_option("display.precision", 3)
papers = litkit.read(corpus, corpus_format)
truncated = int(papers["authors_truncated"].sum())
litkit.findings(
    litkit.describe_corpus(papers, corpus=corpus),
    litkit.md("{t:,} papers list only their first authors: counts over them are lower bounds.",
              t=truncated) if truncated else None,
    title=None,
)

# %% [markdown]
# ## Names become keys
# The same person is spelled "Smith, J.", "J. Smith" or "John Smith" in different exports.
# `litkit.authorships` gives one row per paper and author with a normalised key (family name and
# initial, split when different full first names share it; ORCID where the export has one).
# `ambiguous` marks keys that may hide several people.

# %%
auth = litkit.authorships(papers)
has_authors = litkit.check(papers, needs=("authors",))
if has_authors:
    litkit.say("{n:,} authorships, **{k:,} distinct author keys**.", n=len(auth),
               k=auth["key"].nunique())
    display(auth.head(5))
else:
    litkit.say(has_authors)

# %% [markdown]
# ## Productive authors

# %%
stats = litkit.author_stats(papers, authorships=auth)
if has_authors:
    display(stats.head(top_n))
    ax = plots.top_authors(stats, n=top_n)
    plt.show()
else:
    litkit.say(has_authors)

# %% [markdown]
# ## Lotka's law
# Lotka (1926) observed that the number of authors with *n* papers falls like 1/*n*^a, with a
# near 2. The fitted exponent says how concentrated production is in this corpus; it needs
# authors with different numbers of papers.

# %%
lot = litkit.lotka(papers, authorships=auth)
exponent = lot["exponent"].iloc[0] if len(lot) else float("nan")
if pd.notna(exponent):
    litkit.say("Fitted exponent: **{a:.2f}** ({how} concentrated than Lotka's 2).", a=exponent,
               how="more" if exponent > 2 else "less")
    display(lot.head(8))
    ax = plots.lotka(lot)
    plt.show()
else:
    litkit.say("Skipped because every author here has the same number of papers (or there are "
               "no authors): Lotka's law needs authors with different numbers of papers; a larger "
               "corpus gives them.")

# %% [markdown]
# ## Collaboration
# How many authors a paper has, how many papers are single-authored, and the degree of
# collaboration (the share of multi-author papers).

# %%
collab = litkit.collaboration_stats(papers)
collab if has_authors else has_authors

# %% [markdown]
# ## The co-author network
# One node per author key, an edge for each pair who wrote together (weighted by joint papers).
# Communities are found by the Louvain method with a fixed seed; the drawing shows the best
# connected authors only, so it stays readable.

# %%
has_coauthors = litkit.check(papers, needs=("authors", "coauthors"))
graph = litkit.coauthor_graph(papers, seed=seed, authorships=auth)
if has_coauthors and graph.number_of_edges():
    communities = len({d.get("community") for _, d in graph.nodes(data=True)} - {None})
    litkit.say("{n:,} authors, {e:,} co-author links, {c:,} communities.",
               n=graph.number_of_nodes(), e=graph.number_of_edges(), c=communities)
    ax = plots.coauthor_network(graph, top=60, seed=seed)
    plt.show()
else:
    communities = 0
    litkit.say(has_coauthors if not has_coauthors else litkit.md(
        "Skipped because no two authors wrote a paper together."))

# %% [markdown]
# ## Affiliations and organisations

# %%
has_affiliations = litkit.check(papers, needs=("affiliations",))
aff = litkit.affiliation_counts(papers)
aff.head(10) if has_affiliations else has_affiliations

# %% [markdown]
# ## Countries
# The country of each affiliation (its last part, where Web of Science, Scopus, PubMed and IEEE
# write it; "Peoples R China" or "England" become one name each). A paper counts once for each
# of its countries; `multi_country` papers have co-authors in another country.

# %%
countries = litkit.country_stats(papers) if has_affiliations else None
if countries is not None and len(countries):
    litkit.say("{k:,} countries; the most papers: {c} ({n:,}).", k=len(countries),
               c=countries["country"].iloc[0], n=int(countries["papers"].iloc[0]))
    display(countries.head(top_n))
    ax = plots.country_production(countries, n=top_n)
    plt.show()
    world = litkit.country_graph(papers)
    if world.number_of_edges():
        ax = plots.country_collaboration(world, seed=seed)
        plt.show()
else:
    display(has_affiliations if not has_affiliations else
            litkit.md("Skipped because no affiliation names a country."))

# %%
top = stats.iloc[0] if len(stats) else None
litkit.findings(
    litkit.md("Most productive: **{name}** with {n:,} papers.", name=top["name"], n=int(top["papers"]))
    if top is not None else litkit.md("No paper lists its authors."),
    litkit.md("{k:,} distinct authors; Lotka exponent {a:.2f} ({how} concentrated than Lotka's 2).",
              k=auth["key"].nunique(), a=exponent, how="more" if exponent > 2 else "less")
    if pd.notna(exponent) else None,
    litkit.md("{s:.0%} of the papers with authors are multi-authored.",
              s=float(collab["multi_author_share"].iloc[0]))
    if has_authors and pd.notna(collab["multi_author_share"].iloc[0]) else None,
    litkit.md("Co-author network: {n:,} authors in {c:,} communities.",
              n=graph.number_of_nodes(), c=communities) if communities else None,
    litkit.md("{t:,} papers list only their first authors: counts are lower bounds.", t=truncated)
    if truncated else None,
)

# %% [markdown]
# ## Reading the findings
# The list above is computed from this corpus: the most productive author, how concentrated
# production is (a Lotka exponent above 2 means most authors appear once), how much people
# collaborate, and how the co-author network splits into communities. Author keys can merge two
# people with the same surname and initial (see `ambiguous`): check the top names by hand.

# %% [markdown]
# # 7. Keywords and themes: what is this literature about, and how do its themes stand?
#
# **Question.** Which keywords are frequent, which appear together, what themes do they form,
# how central and how developed is each theme (Callon's strategic diagram), and how do themes
# carry over from one period to the next?
#
# **Data.** The corpus named in the parameters cell: its keywords (author keywords and index
# keywords such as Keywords Plus or MeSH), or the words of its titles when it has no keywords.

# %% tags=["parameters"]
import litkit

corpus = litkit.data.ARXIV_SAMPLE   # a file, a folder or a list of files that litkit.read accepts
corpus_format = None
field = "auto"         # "keywords", "author_keywords", "keywords_plus", "title", "abstract" or "auto"
top_n = 15
network_size = 50      # keywords in the co-occurrence network
map_size = 250         # keywords clustered into themes
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
has_keywords = litkit.check(papers, needs=("keywords",), min_with=max(10, len(papers) // 10))
has_text = litkit.check(papers, needs=("text",))
if field == "auto":
    field = "keywords" if has_keywords else "title"
usable = has_keywords if field == "keywords" else has_text
what = "keywords" if field in ("keywords", "author_keywords", "keywords_plus") else f"{field} words"
litkit.say("{n:,} papers; {k:,} with keywords; analysed: **{what}** (field `{f}`).",
           n=len(papers), k=int(papers["keywords"].map(len).gt(0).sum()), what=what, f=field)
if field != "keywords" and not has_keywords:
    display(has_keywords)

# %% [markdown]
# ## Most frequent keywords
# How many papers hold each keyword (compared in lower case). Title and abstract words leave
# out English stop words.

# %%
counts = litkit.keyword_counts(papers, field=field) if usable else None
if usable:
    display(counts.head(top_n))
else:
    display(usable)

# %% [markdown]
# ## Keywords that appear together
# The co-occurrence network of the most frequent keywords: a link's width is the number of papers
# holding both; colours are communities (Louvain on the association strength, seeded).

# %%
graph = litkit.keyword_graph(papers, field=field, n=network_size, seed=seed) if usable else None
if graph is not None and graph.number_of_edges():
    strongest = sorted(graph.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))[:top_n]
    display(pd.DataFrame(strongest, columns=["keyword", "with", "papers"]))
    ax = plots.keyword_network(graph, seed=seed)
    plt.show()
else:
    display(usable if not usable else litkit.md("Skipped because no two keywords appear in the same paper."))

# %% [markdown]
# ## Thematic map (Callon's strategic diagram)
# The most frequent keywords are clustered into themes. **Centrality** (x) is how strongly a
# theme links to the other themes (its relevance to the field); **density** (y) how strongly its
# own keywords link to each other (its development). Above both medians: *motor* themes,
# developed and central; high centrality only: *basic* themes; high density only: *niche*
# themes; below both: *emerging or declining* themes (the map alone cannot tell which: see the
# evolution below).

# %%
themes = litkit.thematic_map(papers, field=field, n=map_size, seed=seed) if usable else None
if themes is not None and len(themes):
    display(themes[["label", "keywords", "size", "centrality", "density", "quadrant"]].head(top_n))
    ax = plots.thematic_map(themes)
    plt.show()
else:
    display(usable if not usable else litkit.md("Skipped because no keyword is held by two papers."))

# %% [markdown]
# ## Thematic evolution
# The corpus is cut into periods of about equal papers; each period gets its own themes, and a
# theme is linked to a theme of the next period when they share keywords (inclusion index:
# shared keywords over the smaller theme's keywords). A period with too few papers gets no map.

# %%
dated = litkit.check(papers, needs=("dates",))
evolution = litkit.thematic_evolution(papers, field=field, n=map_size, seed=seed) if usable and dated else None
if evolution is not None and len(evolution):
    strongest = evolution.sort_values(["inclusion", "shared"], ascending=False, kind="stable")
    display(strongest.head(top_n))
    if evolution.attrs["skipped"]:
        litkit.say("Periods with too few papers for a map: {p}.", p=litkit.narrative.join(evolution.attrs["skipped"]))
else:
    display(usable if not usable else dated if not dated else
            litkit.md("Skipped because the corpus does not span two periods with enough papers each."))

# %% [markdown]
# ## Three-field plot
# Flows from the most productive authors to the keywords they use and on to the sources (or
# categories) that publish them; a band's width is the number of papers.

# %%
third = "venue" if litkit.bradford(papers)["venue"].nunique() >= 3 else "categories"
has_authors = litkit.check(papers, needs=("authors",))
flows = litkit.three_fields(papers, fields=("authors", field, third), n=8) if usable and has_authors else None
if flows is not None and len(flows):
    ax = plots.three_fields(flows)
    plt.show()
else:
    display(has_authors if not has_authors else usable if not usable else
            litkit.md("Skipped because no paper links the three fields."))

# %%
motor = themes[themes["quadrant"] == "motor"] if themes is not None else None
litkit.findings(
    litkit.md("Most frequent {what}: {top}.", what=what, top=litkit.narrative.join(counts["keyword"].head(5)))
    if counts is not None and len(counts) else None,
    litkit.md("{k} themes from {n:,} {what}; the largest: **{label}** ({s:,} papers).", k=len(themes),
              n=int(themes["n_keywords"].sum()), what=what, label=themes["label"].iloc[0],
              s=int(themes["size"].iloc[0])) if themes is not None and len(themes) else None,
    litkit.md("Motor themes: {m}.", m=litkit.narrative.join(motor["label"]))
    if motor is not None and len(motor) else None,
    None if usable else litkit.md("No {what} to analyse: keyword analyses were skipped.", what=what),
)

# %% [markdown]
# ## Reading the findings
# The list above is computed from this corpus. A theme's quadrant is relative to the other themes
# of the same corpus: "niche" means less linked than the median theme here, not small in the
# field. Keywords are compared as written (lower-cased): "bit-patterned media" and "bit
# patterned media" are two keywords, which a thesaurus in `litkit.clean` could merge.

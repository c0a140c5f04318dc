# ---
# jupyter:
#   litkit:
#     teaching: true
# ---

# %% [markdown]
# # 5. A guided literature survey: one researcher's publications
#
# This notebook is for a class. It walks through a small literature survey step by step, with
# "try it" cells to change and checks you can run to see whether your answer holds.
#
# **Question.** What has this researcher worked on, when, and with whom?
#
# **Data.** Written around `litkit.data.RESEARCHER_PROFILE`, a researcher's publication list
# copied from a profile page on a paper aggregator (three lines a paper: arXiv category and date,
# title glued to the first three authors, abstract). It is small on purpose: every number below
# can be checked by hand. (`litkit report` on your own export leaves this walk-through out.)

# %% tags=["parameters"]
import litkit

corpus = litkit.data.RESEARCHER_PROFILE   # the walk-through is written around this file
corpus_format = None
seed = 0

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

from litkit import plots

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.precision", 3)

# %% [markdown]
# ## Step 1: read the export
# The profile page glues each title to its author list with no separator
# ("...Reinforcement LearningAviral Kumar, ..."). `litkit.read` infers where the title ends.
# Check a few rows against the file: are the titles and authors split where you would split them?

# %%
papers, skipped = litkit.read(corpus, corpus_format, return_skipped=True)
litkit.say(litkit.describe_corpus(papers, corpus=corpus, skipped=skipped))
papers[["title", "authors", "authors_truncated", "year", "categories"]].head(20)

# %% [markdown]
# **Check.** Every record in the file is either a row or a skipped record with a reason:

# %%
assert len(papers) + len(skipped) > 0
print("rows + skipped =", len(papers) + len(skipped))

# %% [markdown]
# ## Step 2: when were the papers written?

# %%
per_year = litkit.counts_by_period(papers, freq="year")
display(per_year)
ax = plots.publications(per_year)
plt.show()

# %% [markdown]
# **Try it.** Change `freq="year"` to `"quarter"` above and run the cell again. Which quarter
# was the busiest?
#
# **Check.** The counts add up to the number of dated papers:

# %%
assert per_year["count"].sum() == papers["year"].notna().sum()
print("counts add up:", int(per_year["count"].sum()))

# %% [markdown]
# ## Step 3: in which fields?
# The arXiv category of each paper (`cs.LG` is machine learning, `cs.CL` computation and
# language, `cs.AI` artificial intelligence).

# %%
cats = papers["categories"].explode().value_counts().rename_axis("category").reset_index(name="papers")
cats.head(10)

# %% [markdown]
# ## Step 4: with whom?
# Only the first three authors are shown on the profile page, so co-author counts are lower
# bounds: `truncated_papers` says how many of an author's papers had a cut list.

# %%
stats = litkit.author_stats(papers)
stats.head(8)

# %% [markdown]
# **Try it.** Who is the most frequent co-author? Look them up in the table of step 1 and count
# their papers by hand.

# %% [markdown]
# ## Step 5: what themes?
# With a couple of dozen abstracts, topics are fragile: refit with another `seed` and see what
# changes. We ask for 3 topics and look at their stability: from 0 to 1, how much of a topic's
# papers end up together again when the model is refitted on part of the papers with other seeds
# (1: always together; below 0.5: the corpus does not settle that theme).
# (The topics' sizes and stability can move by a paper from one computer to another: nbval does
# not compare this cell's output.)

# %%
# NBVAL_IGNORE_OUTPUT
ready = litkit.check(papers, needs=("abstracts",), min_papers=10)
model = litkit.TopicModel(n_topics=3, random_state=seed).fit(papers) if ready else None
model.topics_[["topic", "size", "label", "stability"]].round(2) if ready else ready

# %% [markdown]
# **Check.** Every paper with text has a topic:

# %%
if model is not None:
    assert model.labels_.notna().sum() == (papers["title"].notna() | papers["abstract"].notna()).sum()
    print("every paper with a title or abstract has a topic:", int(model.labels_.notna().sum()))

# %%
top = stats.iloc[0] if len(stats) else None
litkit.findings(
    litkit.md("{n:,} papers, {a} to {b}.", n=len(papers), a=int(papers["year"].min()),
              b=int(papers["year"].max())) if papers["year"].notna().any() else None,
    litkit.md("Main field: {c} ({k:,} papers).", c=cats["category"].iloc[0], k=int(cats["papers"].iloc[0]))
    if len(cats) else None,
    litkit.md("Most frequent author: {name} ({n:,} papers; a lower bound when lists are cut).",
              name=top["name"], n=int(top["papers"])) if top is not None else None,
)

# %% [markdown]
# ## What we found
# The papers of the listing, their years and fields, their most frequent authors (lower bounds,
# since the page shows three authors), and three tentative themes. With so few papers, treat the
# themes as a reading guide, not a result; the other notebooks run the same analyses on a corpus
# large enough to trust them.

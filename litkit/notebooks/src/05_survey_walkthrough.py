# %% [markdown]
# # 5. A guided literature survey: one researcher's publications
#
# This notebook is for a class. It walks through a small literature survey step by step, with
# "try it" cells to change and checks you can run to see whether your answer holds.
#
# **Question.** What has this researcher worked on, when, and with whom?
#
# **Data.** `data/researcher-profile.txt`: 19 papers copied from a researcher's profile page on a
# paper aggregator (three lines a paper: arXiv category and date, title glued to the first three
# authors, abstract). It is small on purpose: every number below can be checked by hand.

# %% tags=["parameters"]
corpus = "../data/researcher-profile.txt"
corpus_format = None
seed = 0

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import litkit
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
print(f"{len(papers)} papers, {len(skipped)} skipped")
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
# With 19 abstracts, topics are fragile: refit with another `seed` and see what changes. We ask
# for 3 topics and look at their stability (1 means they come back the same with other seeds).

# %%
if papers["abstract"].notna().sum() >= 10:
    model = litkit.TopicModel(n_topics=3, random_state=seed).fit(papers)
    display(model.topics_[["topic", "size", "label", "stability"]])
else:
    model = None
    print("Too few abstracts in this corpus to look for themes.")

# %% [markdown]
# **Check.** Every paper with text has a topic:

# %%
if model is not None:
    assert model.labels_.notna().sum() == (papers["title"].notna() | papers["abstract"].notna()).sum()
    print({int(t): int(n) for t, n in model.labels_.value_counts().sort_index().items()})

# %% [markdown]
# ## What we found
# The researcher's 19 listed papers, their years and fields, their most frequent co-authors
# (lower bounds, since the page shows three authors), and three tentative themes. With so few
# papers, treat the themes as a reading guide, not a result; the other notebooks run the same
# analyses on a corpus large enough to trust them.

# %% [markdown]
# # 3. Topics: what are the themes of this literature?
#
# **Question.** Which groups of papers talk about the same thing, how sure can we be of them,
# and which themes grow?
#
# **Data.** By default the bundled sample of 3,126 arXiv papers (`data/arxiv-sample.jsonl.gz`).
# Topics need many papers with abstracts; the 19-paper profile listing is too small to find
# stable themes (notebook 5 tries it anyway, with care).

# %% tags=["parameters"]
corpus = "../data/arxiv-sample.jsonl.gz"
corpus_format = None
n_topics = "auto"     # or a number, e.g. 8
seed = 0
freq = "auto"         # periods of the topic trends: "year", "quarter", "month" or "auto"
interactive = True    # widgets in JupyterLab; reports set this to False for static tables

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import litkit
from litkit import plots

pd.set_option("display.precision", 3)
pd.set_option("display.max_colwidth", 80)
papers = litkit.read(corpus, corpus_format)
has_text = papers["title"].notna() | papers["abstract"].notna()
print(f"{len(papers):,} papers; {papers['abstract'].notna().sum():,} with an abstract, "
      f"{has_text.sum():,} with a title or abstract")
can_cluster = has_text.sum() >= 10
if can_cluster and papers["abstract"].notna().mean() < 0.5:
    print("Most papers have no abstract: topics come from titles alone and are rough; "
          "export the records again with abstracts for better topics.")
if freq == "auto":
    freq = litkit.suggest_freq(papers, min_per_period=200)   # enough papers to share among topics

# %% [markdown]
# ## How the topics are found
# Each paper's title and abstract become a TF-IDF vector: words and two-word phrases weighted up
# when they are frequent in the paper and rare in the corpus, with English and scholarly stop
# words ("paper", "propose", "results") removed. The vectors are reduced to a few hundred
# dimensions (latent semantic analysis) and grouped by k-means. With `n_topics="auto"` the number
# of topics is chosen from evidence (silhouette and stability for several k), shown below.
# Everything is seeded: the same seed gives the same topics in any process.

# %%
if can_cluster:
    model = litkit.TopicModel(n_topics=n_topics, random_state=seed).fit(papers)
    print(f"{model.n_topics_} topics")
    if getattr(model, "k_scores_", None) is not None:
        display(model.k_scores_.round(3))
else:
    model = None
    print("Fewer than 10 papers have a title or abstract: topics cannot be found in this corpus.")

# %% [markdown]
# ## The topics
# Each topic is labelled by its most *distinctive* terms (class-based TF-IDF: frequent in the
# topic, rare elsewhere), not merely its most frequent ones. `stability` is how often the topic's
# papers end up together again when the model is refitted with other seeds (1 = always).

# %%
if model is not None:
    display(model.topics_[["topic", "size", "label", "stability"]])

# %% [markdown]
# ## Topics over time
# The share of each period's papers in each topic. A topic whose share rises is emerging; the
# last period is flagged when the data end inside it.

# %%
if model is not None and papers["date"].notna().any():
    names = dict(zip(model.topics_["topic"], model.topics_["label"]))
    over_time = litkit.topics_over_time(papers, model.labels_, freq=freq)
    # periods the data start or end inside of hold few papers: their shares are noise
    periods = litkit.counts_by_period(papers, freq=freq)
    partial = set(periods.loc[periods["incomplete"], "period"].astype(str))
    if partial:
        print("left out of the heatmap (incomplete):", ", ".join(sorted(partial)))
    ax = plots.topics_over_time(over_time[~over_time["period"].astype(str).isin(partial)], names=names)
    plt.show()
    emerging = litkit.emerging_topics(papers, model, freq=freq)
    display(emerging[["topic", "label", "growth", "growth_low", "growth_high", "share_first",
                      "share_last", "last_period", "last_period_complete"]].head(5))
elif model is not None:
    print("No dates in this corpus: topics over time cannot be shown.")

# %% [markdown]
# ## A map of the papers
# Papers placed in two dimensions so that similar papers are close, coloured by topic.

# %%
if model is not None:
    coords = model.coordinates(papers)
    ax = plots.topic_map(coords, names=dict(zip(model.topics_["topic"], model.topics_["label"])))
    plt.show()

# %% [markdown]
# ## Explore
# In JupyterLab, pick a topic to see its terms, its most representative papers and its trend.
# (When the notebook runs unattended, as in tests and reports, this shows the first topic.)

# %%
# NBVAL_IGNORE_OUTPUT
if model is not None:
    from litkit.explore import topic_explorer
    topic_explorer(papers, model, interactive=interactive)

# %% [markdown]
# ## Summary

# %%
if model is not None:
    t = model.topics_
    print(f"{model.n_topics_} topics over {int(model.labels_.notna().sum()):,} papers")
    print("largest:", "; ".join(f"{l} ({n})" for l, n in zip(t["label"].head(3), t["size"].head(3))))
    stable = t.sort_values("stability", ascending=False)
    print("most stable:", "; ".join(stable["label"].head(3)))
    print("least stable:", "; ".join(stable["label"].tail(2)))
    if papers["date"].notna().any() and len(emerging):
        sure = emerging[emerging["growth_low"] > 0]
        print("growing (95% interval above zero):", "; ".join(sure["label"].astype(str)) or "none")

# %% [markdown]
# ## What we found
# The summary names the largest themes, the ones that come back the same with other seeds, and
# those whose share grows beyond doubt. Read a topic's representative papers before trusting its
# label: the label summarises words, not ideas. Low stability means the corpus does not settle
# that theme: merge it with a neighbour or ask for fewer topics.

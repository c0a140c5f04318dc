# %% [markdown]
# # 3. Topics: what are the themes of this literature?
#
# **Question.** Which groups of papers talk about the same thing, how sure can we be of them,
# and which themes grow?
#
# **Data.** The corpus named in the next cell, described under it from the data. Topics need many
# papers with a title or, better, an abstract; on a small corpus they are tentative, and the text
# below says so.
#
# *Outputs that come from the fitted topics (sizes, labels, scores) can move by a paper or in a
# last digit from one computer to another (floating-point arithmetic differs between processors):
# the notebook tests do not compare those cells; `tests/test_notebooks.py` checks them with a
# tolerance.*

# %% tags=["parameters"]
import litkit

corpus = litkit.data.ARXIV_SAMPLE   # a file, a folder or a list of files that litkit.read accepts
corpus_format = None
n_topics = "auto"     # or a number, e.g. 8
seed = 0
freq = "auto"         # periods of the topic trends: "year", "quarter", "month" or "auto"
interactive = True    # widgets in JupyterLab; reports set this to False for static tables

# %%
%matplotlib inline
import warnings

import matplotlib.pyplot as plt
import pandas as pd

from litkit import plots

# papers without a date are not counted in trends: the text says how many, no warning needed
warnings.filterwarnings("ignore", message=r".*are not counted.*", category=UserWarning)
pd.set_option("display.precision", 3)
pd.set_option("display.max_colwidth", 80)
MIN_PAPERS = 20            # fewer papers with text: no topics
SMALL_CORPUS = 300         # fewer: topics are tentative, and the text says so
LOW_STABILITY = 0.5        # below: the corpus does not settle the topic
papers = litkit.read(corpus, corpus_format)
if freq == "auto":
    freq = litkit.suggest_freq(papers, min_per_period=200)   # enough papers to share among topics
ready = litkit.check(papers, needs=("text",), min_papers=MIN_PAPERS)
with_text = int((papers["title"].notna() | papers["abstract"].notna()).sum())
with_abstract = int(papers["abstract"].notna().sum())
litkit.findings(
    litkit.describe_corpus(papers, corpus=corpus),
    ready.message or None,
    litkit.md("Only {a:,} of {n:,} papers have an abstract: topics come mostly from titles and are "
              "rough; export the records again with abstracts for better topics.",
              a=with_abstract, n=len(papers)) if ready and with_abstract < 0.5 * len(papers) else None,
    litkit.md("**A small corpus**: {n:,} papers with text. Topics found in so few papers are "
              "tentative: read them as a reading guide, and check their stability below.",
              n=with_text) if ready and with_text < SMALL_CORPUS else None,
    title=None,
)

# %% [markdown]
# ## How the topics are found
# Each paper's title and abstract become a TF-IDF vector: words and two-word phrases weighted up
# when they are frequent in the paper and rare in the corpus, with English and scholarly stop
# words ("paper", "propose", "results") removed. The vectors are reduced to 50 to 100
# dimensions, more for larger corpora (latent semantic analysis). Each paper is then linked to
# its most similar papers, and the topics are the communities of that graph: groups of papers
# more linked among themselves than chance (the Leiden algorithm), so a large field with
# sub-fields stays one topic and a small distinctive field gets its own. With
# `n_topics="auto"` the number of topics is chosen from evidence for several k (from k-means
# refits), shown below:
#
# - **stability** (0 to 1): the share of a topic's papers that end up together again when the
#   model is refitted with other seeds on 80 % of the papers (weighted by topic size); 1 = the
#   same topics every time. The candidates run from about log2(papers)/2 topics to three times
#   that; the chosen k is the smallest whose stability is within 0.02 of the best;
# - **cohesion** (cosine, up to 1): how close papers are, on average, to their topic's centre;
#   it rises slowly with k, and is shown, not used, to choose.
#
# Everything is seeded: the same seed gives the same topics in any process.

# %%
# NBVAL_IGNORE_OUTPUT
model = litkit.TopicModel(n_topics=n_topics, random_state=seed).fit(papers) if ready else None
evidence = (model.k_scores_[["k", "stability", "cohesion", "chosen"]].round(2)
            if model is not None and model.k_scores_ is not None else None)
evidence if evidence is not None else ready if not ready else litkit.md(
    "{k} topics, as asked.", k=model.n_topics_)

# %% [markdown]
# ## The topics
# Each topic is labelled by its most *distinctive* terms (class-based TF-IDF: frequent in the
# topic, rare elsewhere), not merely its most frequent ones.
#
# **stability** (0 to 1): the share of a topic's papers that end up together again when the model
# is refitted on 80 % of the papers with other seeds (the best-matching topic's Jaccard overlap,
# averaged over refits). 1 means the topic always comes back with the same papers; below 0.5 the
# corpus does not settle that theme: merge it with a neighbour, or ask for fewer topics.

# %%
# NBVAL_IGNORE_OUTPUT
if model is not None:
    t = model.topics_
    low = t[t["stability"] < LOW_STABILITY]
    litkit.say(litkit.findings(
        litkit.md("**{k} topics** over {n:,} papers; overall stability {s:.2f} (0 to 1).",
                  k=model.n_topics_, n=int(model.labels_.notna().sum()), s=model.stability_),
        litkit.md("Low stability (below {c}): {x}. Treat these themes with care.", c=LOW_STABILITY,
                  x="; ".join(low["label"])) if len(low) else
        litkit.md("Every topic has a stability of at least {c}.", c=LOW_STABILITY),
        title=None))
    display(t[["topic", "size", "label", "stability"]].round(2))
else:
    litkit.say(ready)

# %% [markdown]
# ## Topics over time
# The share of each period's papers in each topic. Periods that the data only partly cover, or
# that hold too few papers for shares to mean anything, are left out (and named).

# %%
periods = litkit.period_table(papers, freq)
usable = periods.loc[periods["usable"], "period"].tolist()
over_time = litkit.check(papers, needs=("dates", "periods"), freq=freq, min_periods=2)
if model is not None and over_time:
    left_out = periods.loc[~periods["usable"] & periods["papers"].gt(0), "period"].tolist()
    if left_out:
        litkit.say("Left out (incomplete or fewer than {m} papers): {p}.",
                   m=litkit.periods.MIN_PAPERS_PER_PERIOD, p=", ".join(left_out))
    shares = litkit.topics_over_time(papers, model.labels_, freq=freq)
    ax = plots.topics_over_time(shares[shares["period"].isin(usable)],
                                names=dict(zip(model.topics_["topic"], model.topics_["label"])))
    plt.show()
else:
    litkit.say(over_time if model is not None else ready)

# %% [markdown]
# ## Which topics grow?
# For each topic a binomial regression of its share of the papers, period by period, gives a
# growth rate (`recent_growth`: change of the log-odds of the share per period) with a 95 %
# interval (`recent_low` to `recent_high`). The **verdict** rests on recent evidence only, the
# last well-filled periods (`recent_periods`, holding `count_recent` papers of the topic):
# "growing" when the whole interval lies above zero, "declining" when below, "steady" otherwise,
# and "too few papers" when the topic is too small in that window to tell. Thin and incomplete
# periods never count.

# %%
# NBVAL_IGNORE_OUTPUT
if model is not None and over_time:
    emerging = litkit.emerging_topics(papers, model, freq=freq)
    display(emerging[["topic", "label", "verdict", "recent_periods", "count_recent",
                      "recent_growth", "recent_low", "recent_high"]].round(2))
else:
    emerging = None
    litkit.say(over_time if model is not None else ready)

# %% [markdown]
# ## A map of the papers
# Papers placed in two dimensions so that similar papers are close: the axes are the two main
# directions along which the topic centres differ. The largest topics are in colour, the others
# grey; every topic's label sits at its centre.

# %%
if model is not None:
    coords = model.coordinates(papers)
    labels = model.topics_.set_index("topic")["label"]
    ax = plots.topic_map(coords, names=labels.to_dict(),
                         centre_names={k: f"{k}: {v.split(',')[0]}" for k, v in labels.items()},
                         xlabel="first direction of difference between topics",
                         ylabel="second direction")
    plt.show()
else:
    litkit.say(ready)

# %% [markdown]
# ## Explore
# In JupyterLab, pick a topic to see its terms, its most representative papers and its trend.
# (When the notebook runs unattended, as in tests and reports, this shows the first topic.)

# %%
# NBVAL_IGNORE_OUTPUT
explorer = litkit.topic_explorer(papers, model, interactive=interactive) if model is not None else ready
explorer

# %%
# NBVAL_IGNORE_OUTPUT
if model is not None:
    t = model.topics_
    litkit.say(litkit.findings(
        litkit.md("{k} topics over {n:,} papers; largest: {x}.", k=model.n_topics_,
                  n=int(model.labels_.notna().sum()),
                  x="; ".join(f"{label} ({size:,})" for label, size in zip(t["label"].head(3), t["size"].head(3)))),
        litkit.md("Most stable: {x}.", x="; ".join(t.sort_values("stability", ascending=False)["label"].head(3))),
        litkit.md("Least stable: {x}.", x="; ".join(t.sort_values("stability")["label"].head(2))),
        litkit.md("Growing in {w} (95% interval above zero): {x}.", w=emerging["recent_periods"].iloc[0],
                  x="; ".join(emerging.loc[emerging["verdict"] == "growing", "label"]) or "none")
        if emerging is not None and len(emerging) else None,
        litkit.md("A small corpus ({n:,} papers with text): the topics are tentative.", n=with_text)
        if with_text < SMALL_CORPUS else None,
    ))
else:
    litkit.say(ready)

# %% [markdown]
# ## Reading the findings
# The list above names the largest themes, the ones that come back the same with other seeds, and
# those whose share grows in the recent periods beyond chance.
# Read a topic's representative papers before trusting its label: the label summarises words,
# not ideas. Low stability means the corpus does not settle that theme: merge it with a neighbour
# or ask for fewer topics.

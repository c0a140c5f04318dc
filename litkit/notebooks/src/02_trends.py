# %% [markdown]
# # 2. Trends: how is this literature growing, and what is it talking about more?
#
# **Question.** How many papers appear per period, which categories (or venues, or sources) grow,
# and which terms are rising or falling?
#
# **Data.** By default the bundled sample of 3,126 arXiv papers (`data/arxiv-sample.jsonl.gz`):
# 16 months of daily listings, enough papers per month for shares and rising terms to mean
# something. The 19-paper profile listing is too small for trends (see notebook 5 for it).

# %% tags=["parameters"]
corpus = "../data/arxiv-sample.jsonl.gz"
corpus_format = None
freq = "auto"         # "year", "quarter", "month", or "auto" (the finest the dates support)
top_groups = 6        # groups shown by name; the rest are "other"

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import litkit
from litkit import plots

pd.set_option("display.precision", 3)
papers = litkit.read(corpus, corpus_format)
if freq == "auto":
    freq = litkit.suggest_freq(papers)
print(f"{len(papers):,} papers; {papers['year'].notna().sum():,} with a year; counted per {freq}")

# %% [markdown]
# ## Papers per period
# With `freq="auto"` the period is the finest the corpus supports: months when the dates have
# months and each month holds enough papers to compare, else quarters, else years.
# `counts_by_period` counts the papers in each period. `growth` is the change from the previous
# period. A period the data end inside of (the export stopped mid-month) is flagged `incomplete`:
# its low count is not a decline.

# %%
if papers["year"].notna().any():
    per_period = litkit.counts_by_period(papers, freq=freq)
    display(per_period.tail(8))
    ax = plots.publications(per_period)
    plt.show()
else:
    print("This corpus has no publication years: no trend can be shown.")

# %% [markdown]
# ## Which groups grow?
# The same counts split by the primary category (or the venue, when there are no categories).
# `share` is each group's part of the period's papers, so a growing field shows as a growing
# share even when the whole corpus grows.

# %%
group = "categories" if papers["categories"].map(len).gt(0).mean() > 0.5 else "venue"
shares = litkit.shares_over_time(papers, by=group, freq=freq, top=top_groups)
print(f"grouped by {group}")
# groups as rows, the last six periods as columns
display(shares.pivot_table(index=group, columns="period", values="share", observed=True,
                           sort=False).iloc[:, -6:].round(3))
ax = plots.shares(shares)
plt.show()

# %% [markdown]
# ## Rising and falling terms
# `rising_terms` compares the most recent part of the corpus with the earlier part. For each term it
# computes the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
# Quinn, 2008) and its z-score: large positive z means the term's share rose more than chance
# would explain; raw counts would only show what is common.

# %%
terms = litkit.rising_terms(papers, field="title", freq="year")
if len(terms):
    display(terms.head(10))
    ax = plots.rising_terms(terms)
    plt.show()
else:
    print("Too few dated papers with text to compare periods.")

# %% [markdown]
# ## Summary
# The main numbers of this notebook, computed from the tables above (so they hold for any corpus).

# %%
if papers["year"].notna().any():
    complete = per_period[~per_period["incomplete"]]
    if len(complete):
        peak = complete.loc[complete["count"].idxmax()]
        print(f"busiest complete period: {peak['period']} with {int(peak['count'])} papers")
    flagged = per_period.loc[per_period["incomplete"], "period"].astype(str).tolist()
    print("incomplete periods (not declines):", ", ".join(flagged) or "none")
main_groups = shares.groupby(group, observed=True)["count"].sum().sort_values(ascending=False)
print(f"largest {group}: " + ", ".join(f"{g} ({n})" for g, n in main_groups.head(3).items()))
if len(terms):
    up = terms.loc[terms["z"] > 1.96, "term"].head(5).tolist()
    down = terms.sort_values("z").loc[lambda t: t["z"] < -1.96, "term"].head(5).tolist()
    print("rising terms (z > 1.96):", ", ".join(up) or "none")
    print("falling terms (z < -1.96):", ", ".join(down) or "none")

# %% [markdown]
# ## What we found
# The summary above gives the corpus' busiest period (incomplete periods are flagged, not read
# as declines), the largest groups, and the terms whose use rises or falls beyond chance. On the
# bundled arXiv sample, computer vision and language papers dominate throughout, and the rising
# terms of 2026 point at agents, memory and long-horizon tasks.

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
freq = "month"        # "year", "quarter" or "month"
top_groups = 6        # groups shown by name; the rest are "other"

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import litkit
from litkit import plots

pd.set_option("display.precision", 3)
papers = litkit.read(corpus, corpus_format)
dated = papers["date"].notna().sum()
print(f"{len(papers):,} papers; {dated:,} with a date, {papers['year'].notna().sum():,} with a year")

# %% [markdown]
# ## Papers per period
# `counts_by_period` counts the papers in each period. `growth` is the change from the previous
# period. A period the data end inside of (the export stopped mid-month) is flagged `incomplete`:
# its low count is not a decline.

# %%
if papers["year"].notna().any():
    per_period = litkit.counts_by_period(papers, freq=freq if dated else "year")
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
shares = litkit.shares_over_time(papers, by=group, freq=freq if dated else "year", top=top_groups)
print(f"grouped by {group}")
display(shares.pivot_table(index="period", columns=group, values="share", observed=True).round(3).tail(6))
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
# ## What we found
# The tables above give the corpus' production per period (with the incomplete last period
# flagged), the groups whose share grows, and the terms whose use rises or falls beyond chance.
# On the bundled arXiv sample, computer vision and language papers dominate and monthly
# output grows over the 16 months; the rising terms point at what the field turned to.

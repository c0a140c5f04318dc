# %% [markdown]
# # 1. Load and clean a corpus
#
# **Question.** What is in this export, how complete is it, and which records are the same paper?
#
# **Data.** By default the bundled sample of 3,126 arXiv computer-science papers announced between
# March 2025 and July 2026 (`data/arxiv-sample.jsonl.gz`, see `data/SOURCES.md`). Any export that
# `litkit.read` accepts works: set `corpus` in the next cell, or run
# `litkit report my-export.bib`.

# %% tags=["parameters"]
corpus = "../data/arxiv-sample.jsonl.gz"
corpus_format = None

# %%
import pandas as pd

import litkit

pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## Reading
# `litkit.read` detects the format from the file's content, reads every record, and returns one
# row per paper. Records it could not read are not dropped silently: they are listed with the
# reason.

# %%
papers, skipped = litkit.read(corpus, corpus_format, return_skipped=True)
print(f"{len(papers):,} papers read; {len(skipped):,} records skipped")
papers[["title", "authors", "year", "venue", "source"]].head(5)

# %%
skipped.head(10)

# %% [markdown]
# ## What we found
# The table above is the corpus every other notebook starts from: one row per paper, with the
# records that could not be read listed, not lost.

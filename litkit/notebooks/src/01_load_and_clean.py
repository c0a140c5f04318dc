# %% [markdown]
# # 1. Load and clean a corpus
#
# **Question.** What is in this export, how complete is it, which records are the same paper,
# and who are the authors behind the name variants?
#
# **Data.** By default the bundled sample of 3,126 arXiv computer-science papers announced between
# March 2025 and July 2026 (`data/arxiv-sample.jsonl.gz`, see `data/SOURCES.md`): large enough for
# every later notebook. Any export that `litkit.read` accepts works (BibTeX, RIS, Scopus or IEEE
# CSV, Web of Science, PubMed, arXiv, OpenAlex, Semantic Scholar, CSL-JSON, a profile listing, or
# a folder of them): set `corpus` in the next cell, or run `litkit report my-export.bib`.

# %% tags=["parameters"]
corpus = "../data/arxiv-sample.jsonl.gz"
corpus_format = None
export_path = None    # e.g. "cleaned.csv", ".parquet", ".bib" or ".ris" to save the cleaned set

# %%
import tempfile
from pathlib import Path

import pandas as pd

import litkit

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.precision", 3)

# %% [markdown]
# ## Reading
# `litkit.read` detects the format from each file's content (not its name), reads every record,
# and returns one row per paper. Records it could not read are not dropped silently: they are
# listed with their place in the file and the reason.

# %%
papers, skipped = litkit.read(corpus, corpus_format, return_skipped=True)
print(f"{len(papers):,} papers read; {len(skipped):,} records skipped")
print("formats:", papers["source"].value_counts().to_dict())
papers[["title", "authors", "year", "venue"]].head(5)

# %%
if len(skipped):
    display(skipped.head(10))
else:
    print("Every record in the input was read.")

# %% [markdown]
# ## How complete is it?
# `litkit.coverage` gives the share of records with each field filled, per source, and says in
# plain words what to do where something important is missing (for instance an export made
# without abstracts cannot be clustered into topics).

# %%
cov = litkit.coverage(papers)
display(cov.pivot_table(index="field", columns="source", values="share", sort=False).round(2))
hints = cov.dropna(subset=["hint"])
for hint in hints["hint"].drop_duplicates():
    print("-", hint)
if hints.empty:
    print("No important field is missing.")

# %% [markdown]
# ## Duplicates
# The same paper often comes from several databases. `litkit.deduplicate` matches records on DOI,
# then arXiv id, then the normalised title (case, punctuation, LaTeX and leading articles ignored)
# with agreeing year and first author, then a fuzzy title score for near-duplicates. The merged
# record keeps the most complete value of each field (the abstract is never lost), and the
# `audit` table says, for every record merged away, which rule matched and where each field came
# from.

# %%
deduped, audit = litkit.deduplicate(papers)
print(f"{len(papers):,} records -> {len(deduped):,} papers; {len(audit):,} merged away")
if len(audit):
    display(audit["rule"].value_counts().rename_axis("rule").reset_index(name="records"))
    display(audit[["kept_id", "removed_source_ref", "rule", "score"]].head(5))

# %% [markdown]
# To see deduplication at work, we write the first 40 papers to a BibTeX file (as if a second
# database had exported them), read both exports together, and deduplicate again. Every copy is
# found, and the audit shows why.

# %%
with tempfile.TemporaryDirectory() as tmp:
    second = Path(tmp) / "second-database.bib"
    litkit.write(papers.head(40), second)
    both = pd.concat([papers, litkit.read(second)], ignore_index=True)
deduped_both, audit_both = litkit.deduplicate(both)
print(f"{len(both):,} records -> {len(deduped_both):,} papers; {len(audit_both)} merged away")
assert len(deduped_both) + len(audit_both) == len(both)
audit_both["rule"].value_counts().rename_axis("rule").reset_index(name="records")

# %% [markdown]
# ## Authors behind the names
# "Smith, J.", "J. Smith" and "John Smith" are one key; "Cheng Yang" and "Cheng Yu" stay two.
# `litkit.authorships` gives one row per paper and author; `ambiguous` marks a key that may
# hide several people (pass an alias table to settle them).

# %%
auth = litkit.authorships(deduped)
print(f"{len(auth):,} authorships; {auth['key'].nunique():,} distinct author keys; "
      f"{int(auth['ambiguous'].sum()):,} authorships under an ambiguous key")
auth[["id", "position", "name", "key", "ambiguous"]].head(6)

# %% [markdown]
# ## Saving the cleaned set
# `litkit.write` saves the table as CSV (safe to open in a spreadsheet: cells that would run as
# formulas are neutralised), Parquet, BibTeX or RIS, chosen by the extension.

# %%
if export_path:
    litkit.write(deduped, export_path)
    print(f"wrote {len(deduped):,} papers to {export_path}")
else:
    print("Set export_path (e.g. 'cleaned.csv') to save the cleaned set.")

# %% [markdown]
# ## What we found
# The corpus as read, how complete each source is (with what to do about the gaps), which
# records were the same paper and why, and the author keys the author analyses use. The bundled
# arXiv sample holds no duplicates (each paper appears once in the listings); mixing exports from
# several databases is where the audit earns its keep.

# %% [markdown]
# # 1. Load and clean a corpus
#
# **Question.** What is in this export, how complete is it, which records are the same paper,
# and who are the authors behind the name variants?
#
# **Data.** The corpus named in the next cell; the paragraph under it says what it holds, computed
# from the data. Any export that `litkit.read` accepts works (BibTeX, RIS, Scopus or IEEE CSV,
# Web of Science, PubMed, arXiv, OpenAlex, Semantic Scholar, CSL-JSON, a profile listing, or a
# folder of them): set `corpus`, or run `litkit report my-export.bib`.

# %% tags=["parameters"]
import litkit

corpus = litkit.data.ARXIV_SAMPLE   # a file, a folder or a list of files that litkit.read accepts
corpus_format = None                 # force a reader; None: detect it from the content
export_path = None                   # e.g. "cleaned.csv", ".parquet", ".bib" or ".ris"

# %%
import tempfile
from pathlib import Path

import pandas as pd

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.precision", 3)

papers, skipped = litkit.read(corpus, corpus_format, return_skipped=True)
litkit.describe_corpus(papers, corpus=corpus, skipped=skipped)

# %% [markdown]
# ## Reading
# `litkit.read` detects the format from each file's content (not its name), reads every record,
# and returns one row per paper. Records it could not read are not dropped silently: they are
# listed with their place in the file and the reason.

# %%
papers[["title", "authors", "year", "venue"]].head(5)

# %%
skipped.head(10) if len(skipped) else litkit.md("Every record in the input was read.")

# %% [markdown]
# ## How complete is it?
# `litkit.coverage` gives the share of records with each field filled, per source, and says in
# plain words what to do where something important is missing (for instance an export made
# without abstracts cannot be clustered into topics).

# %%
ready = litkit.check(papers, min_papers=1)
if ready:
    cov = litkit.coverage(papers)
    display(cov.pivot_table(index="field", columns="source", values="share", sort=False).round(2))
    hints = cov["hint"].dropna().drop_duplicates().tolist()
    litkit.say(litkit.findings(*hints, title="What to do about the gaps") if hints else
               litkit.md("No important field is missing."))
else:
    hints = []
    litkit.say(ready)

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
litkit.say("{n:,} records give **{m:,} distinct papers**; {k:,} merged away as duplicates.",
           n=len(papers), m=len(deduped), k=len(audit))
rules = audit["rule"].value_counts().rename_axis("rule").reset_index(name="records")
rules if len(audit) else litkit.md("No two records are the same paper.")

# %%
audit[["kept_id", "removed_source_ref", "rule", "score"]].head(5) if len(audit) else None

# %% [markdown]
# To see deduplication at work, we write the first 40 papers to a BibTeX file (as if a second
# database had exported them), read both exports together, and deduplicate again. Every copy is
# found, and the audit shows why.

# %%
ready = litkit.check(papers, needs=("text",), min_papers=2)
if ready:
    with tempfile.TemporaryDirectory() as tmp:
        second = Path(tmp) / "second-database.bib"
        litkit.write(papers.head(40), second)
        both = pd.concat([papers, litkit.read(second)], ignore_index=True)
    deduped_both, audit_both = litkit.deduplicate(both)
    assert len(deduped_both) + len(audit_both) == len(both)
    litkit.say("{n:,} records -> {m:,} papers; {k:,} merged away.", n=len(both),
               m=len(deduped_both), k=len(audit_both))
    display(audit_both["rule"].value_counts().rename_axis("rule").reset_index(name="records"))
else:
    litkit.say(ready)

# %% [markdown]
# ## Authors behind the names
# "Smith, J.", "J. Smith" and "John Smith" are one key; "Cheng Yang" and "Cheng Yu" stay two.
# `litkit.authorships` gives one row per paper and author; `ambiguous` marks a key that may
# hide several people (pass an alias table to settle them).

# %%
auth = litkit.authorships(deduped)
ready = litkit.check(deduped, needs=("authors",))
if ready:
    litkit.say("{n:,} authorships; **{k:,} distinct author keys**; {a:,} authorships under an "
               "ambiguous key.", n=len(auth), k=auth["key"].nunique(), a=int(auth["ambiguous"].sum()))
    display(auth[["id", "position", "name", "key", "ambiguous"]].head(6))
else:
    litkit.say(ready)

# %% [markdown]
# ## Saving the cleaned set
# `litkit.write` saves the table as CSV (safe to open in a spreadsheet: cells that would run as
# formulas are neutralised), Parquet, BibTeX or RIS, chosen by the extension.

# %%
if export_path:
    litkit.write(deduped, export_path)
    litkit.say("Wrote {n:,} papers to {p}.", n=len(deduped), p=Path(export_path).name)
else:
    litkit.say("Set `export_path` (e.g. `cleaned.csv`) to save the cleaned set.")

# %%
sources = papers["source"].value_counts()
litkit.findings(
    litkit.md("{n:,} records read from {k} format{s}; {m:,} could not be read.", n=len(papers),
              k=len(sources), s="" if len(sources) == 1 else "s", m=len(skipped)),
    litkit.md("{k:,} field gap{s} to act on (see above).", k=len(hints), s="" if len(hints) == 1 else "s")
    if hints else litkit.md("No important field is missing."),
    litkit.md("{d:,} duplicate record{s} merged: {m:,} distinct papers.", d=len(audit),
              s="" if len(audit) == 1 else "s", m=len(deduped)),
    litkit.md("{k:,} distinct author keys.", k=auth["key"].nunique()) if len(auth) else
    litkit.md("No paper lists its authors."),
)

# %% [markdown]
# ## Reading the findings
# The numbers above are this corpus': what was read and what not, which fields are missing and
# what to do about it, how many records were the same paper (and by which rule), and how many
# authors the later notebooks will count. Mixing exports from several databases is where the
# duplicate audit earns its keep.

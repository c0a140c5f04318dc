# %% [markdown]
# # 2. Trends: how is this literature growing, and what is it talking about more?
#
# **Question.** How many papers appear per period, which categories (or venues, or sources) grow,
# and which terms are rising or falling?
#
# **Data.** The corpus named in the next cell, described under it from the data. Trends need
# dates, and more than one period with enough papers: each analysis below checks what it needs
# and says in one line when this corpus cannot support it.

# %% tags=["parameters"]
import litkit

corpus = litkit.data.ARXIV_SAMPLE   # a file, a folder or a list of files that litkit.read accepts
corpus_format = None
freq = "auto"         # "year", "quarter", "month", or "auto" (the finest the dates support)
top_groups = 6        # groups shown by name; the rest are "other"

# %%
%matplotlib inline
import warnings

import matplotlib.pyplot as plt
import pandas as pd

from litkit import plots

# papers without a date are not counted: the text below says how many, so no warning is needed
warnings.filterwarnings("ignore", message=r".*are not counted.*", category=UserWarning)
pd.set_option("display.precision", 3)
papers = litkit.read(corpus, corpus_format)
if freq == "auto":
    freq = litkit.suggest_freq(papers)
periods = litkit.period_table(papers, freq)
litkit.findings(
    litkit.describe_corpus(papers, corpus=corpus),
    litkit.md("Counted per **{freq}**: {n:,} {freq}s from the first dated paper to the last, "
              "{u:,} of them complete and holding at least {m} papers.", freq=freq,
              n=len(periods), u=int(periods["usable"].sum()), m=litkit.periods.MIN_PAPERS_PER_PERIOD),
    title=None,
)

# %% [markdown]
# ## Papers per period
# With `freq="auto"` the period is the finest the corpus supports: months when the dates have
# months and each month holds enough papers to compare, else quarters, else years.
# `counts_by_period` counts the papers in each period. `growth` is the change from the previous
# period. A period the data end inside of (the export stopped mid-month) is flagged `incomplete`:
# its low count is not a decline.

# %%
dated = litkit.check(papers, needs=("dates",), min_papers=2)
if dated:
    per_period = litkit.counts_by_period(papers, freq=freq)
    display(per_period.tail(8))
    ax = plots.publications(per_period, xlabel=freq)
    plt.show()
else:
    per_period = None
    litkit.say(dated)

# %% [markdown]
# ## Which groups grow?
# The same counts split by the primary category (or the venue, or the source, whichever this
# corpus has). `share` is each group's part of the period's papers, so a growing field shows as a
# growing share even when the whole corpus grows. A period with only a handful of papers gives
# shares of 0 % or 100 % by chance: such *thin* periods are left out of the table and the figure
# (and named).

# %%
# the grouping most papers have: arXiv-style categories, else the venue, else the source
group = ("categories" if papers["categories"].map(len).gt(0).mean() > 0.5 else
         "venue" if papers["venue"].notna().mean() > 0.5 else "source")
ready = litkit.check(papers, needs=("dates", "periods"), freq=freq, min_periods=1)
if ready:
    shares = litkit.shares_over_time(papers, by=group, freq=freq, top=top_groups)
    thin = shares.loc[shares["thin"], "period"].drop_duplicates().tolist()
    shown = shares[~shares["thin"]]
    litkit.say("Grouped by **{g}**.", g=group)
    if thin:
        litkit.say("Left out as thin ({k} {freq}{s} with too few papers for a share): {p}.",
                   k=len(thin), freq=freq, s="" if len(thin) == 1 else "s", p=", ".join(thin))
    display(shown.pivot_table(index=group, columns="period", values="share", observed=True,
                              sort=False).iloc[:, -6:].round(3))
    ax = plots.shares(shown, hue=group, xlabel=freq)
    plt.show()
else:
    shares = None
    litkit.say(ready)

# %% [markdown]
# ## Rising and falling terms
# `rising_terms` compares a recent window with everything before it. The recent window is the
# last *complete* period holding enough papers (a year just begun, or a thin tail, is left out
# of both sides). For each term it computes the weighted log-odds ratio with an informative
# Dirichlet prior (Monroe, Colaresi and Quinn, 2008) and its z-score: large positive z means the
# term's share rose more than chance would explain; raw counts would only show what is common.

# %%
window = litkit.recent_window(papers, freq)
ready = litkit.check(papers, needs=("text",), min_papers=2)
terms = None
if ready and window.ok:
    terms = litkit.rising_terms(papers, field="title", freq=freq)
    litkit.say("Recent window: {r} ({n:,} papers), compared with {e} ({m:,} papers){left}.",
               r=", ".join(window.periods), n=window.papers_recent,
               e=litkit.md("{a} to {b}", a=window.reference[0], b=window.reference[-1])
               if len(window.reference) > 1 else window.reference[0],
               m=window.papers_reference,
               left=litkit.md("; left out: {x}", x=", ".join(window.left_out)) if window.left_out else "")
    display(terms.head(10))
    ax = plots.rising_terms(terms, xlabel=f"log-odds ratio, {', '.join(window.periods)} vs before "
                                          "(bars: 95% interval)")
    plt.show()
elif not ready:
    litkit.say(ready)
else:
    litkit.say("Skipped because {r}: rising terms need a complete period with enough papers, and "
               "earlier papers to compare it with.", r=window.reason)

# %%
busiest = None
if per_period is not None:
    complete = per_period[~per_period["incomplete"]]
    busiest = complete.loc[complete["count"].idxmax()] if len(complete) else None
    flagged = per_period.loc[per_period["incomplete"], "period"].tolist()
largest = (shares.groupby(group, observed=True, sort=False)["count"].sum()
           .sort_values(ascending=False, kind="stable").head(3)) if shares is not None else None
litkit.findings(
    litkit.md("Busiest complete {freq}: **{p}** with {n:,} papers.", freq=freq, p=busiest["period"],
              n=int(busiest["count"])) if busiest is not None else
    litkit.md("No complete {freq} to compare.", freq=freq),
    litkit.md("Incomplete {freq}s (not declines): {p}.", freq=freq,
              p=", ".join(flagged) or "none") if per_period is not None else None,
    litkit.md("Largest {g}: {x}.", g=group, x="; ".join(
        f"{k} ({int(v):,} papers)" for k, v in largest.items())) if largest is not None else None,
    litkit.md("Rising in {r}: {x}.", r=", ".join(window.periods), x=", ".join(
        terms.loc[terms["trend"] == "rising", "term"].head(5)) or "none") if terms is not None else None,
    litkit.md("Falling: {x}.", x=", ".join(
        terms.loc[terms["trend"] == "falling", "term"].tail(5)[::-1]) or "none")
    if terms is not None else None,
)

# %% [markdown]
# ## Reading the findings
# The list above is computed from this corpus: its busiest complete period (incomplete periods are
# flagged, not read as declines), its largest groups, and the terms whose use rises or falls beyond
# chance (|z| >= 1.96) in the recent window. A term list is a pointer to read papers, not a
# result: check a few titles of each term before writing about it.

"""Cross-database deduplication: a second database's export of the same papers, built from real
exports, measured against the truth (precision >= 0.98, recall >= 0.95; issue 10, item 13).

Two corpora:

* the bundled arXiv sample and a second "database export" of it whose differences are those seen
  between real databases (ids removed, titles perturbed, Scopus-form names, years off by one,
  abstracts dropped, plus papers only the second database has);
* eleven real exports of eight formats (Scopus, Web of Science plain and tab-delimited, IEEE,
  PubMed, three BibTeX libraries, RIS, OpenAlex, CSL-JSON), deduplicated first (the real
  duplicates inside them are checked in ``test_dedup.py``), then exported again "by another
  database": no DOI or arXiv id (so only the title rules can find them), names as initials,
  titles and venues in capitals or BibTeX braces, some years off by one, half the abstracts
  dropped, the volume, issue and pages kept; a fifth of the papers only in the second export.
"""

import random
import re

import pandas as pd
import pytest

import litkit
import litkit.data
from litkit.clean import deduplicate
from litkit.names import parse_name
from litkit.schema import from_records


@pytest.fixture(scope="module")
def sample():
    return litkit.read(litkit.data.ARXIV_SAMPLE)


# --- deduplication: a second database export of the same search ----------------------------

_GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "lambda": "λ", "mu": "μ", "pi": "π"}


def _perturb_title(t: str, rng: random.Random) -> tuple[str, str]:
    """How another database writes the same title (the ways Scopus, WoS and IEEE differ)."""
    kind = rng.choice(["upper", "lower", "colon", "period", "latex", "typo", "markup",
                       "subtitle", "spaces", "greek"])
    if kind == "upper":
        return t.upper(), kind
    if kind == "lower":
        return t[:1] + t[1:].lower(), kind
    if kind == "colon":
        return t.replace(": ", " - ", 1) if ": " in t else t.replace(" ", ": ", 1), kind
    if kind == "period":
        return t + ".", kind
    if kind == "latex":                       # BibTeX protection braces and an escaped &
        return " ".join("{" + w + "}" if w[:1].isupper() else w for w in t.split()) \
            .replace("&", "\\&"), kind
    if kind == "typo":                        # two letters swapped in one longer word
        words = t.split()
        long = [k for k, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if not long:
            return t, "none"
        k = rng.choice(long)
        w = words[k]
        p = rng.randrange(1, len(w) - 2)
        words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2:]
        return " ".join(words), kind
    if kind == "markup":
        return re.sub(r"(\w+)", r"<i>\1</i>", t, count=1), kind
    if kind == "subtitle":                    # one database drops the subtitle
        if ": " in t and len(t.split(": ")[0].split()) >= 4:
            return t.split(": ")[0], kind
        return t, "none"
    if kind == "spaces":
        return t.replace("-", " ").replace("  ", " "), kind
    if kind == "greek":
        return re.sub(r"\$\\(alpha|beta|gamma|lambda|mu|pi)\$", lambda m: _GREEK[m.group(1)], t), kind
    return t, "none"


def _scopus_name(name: str) -> str:
    parts = name.split()
    if len(parts) < 2 or parts[-1] in ("Team", "Collaboration"):
        return name
    return parts[-1] + " " + "".join(p[0] + "." for p in parts[:-1])


def _second_export(sample, rng, n_overlap=1200, n_extra=300):
    """Database B: ids removed, titles perturbed, names in Scopus form, some years ±1,
    abstracts dropped, plus records database A does not have."""
    n = len(sample)
    pos = list(range(n))
    rng.shuffle(pos)
    a_pos = sorted(pos[: n - n_extra])              # database A: most of the sample
    overlap = sorted(rng.sample(a_pos, n_overlap))  # found by both databases
    extra = sorted(pos[n - n_extra:])               # only in B
    recs, truth = [], []
    for k, p in enumerate(overlap + extra):
        r = sample.iloc[p]
        title, _ = _perturb_title(r["title"], rng)
        year = int(r["year"])
        if rng.random() < 0.2:
            year += rng.choice([-1, 1])             # early access vs issue year
        recs.append({"id": f"scopus:{k}", "title": title,
                     "authors": [_scopus_name(a) for a in r["authors"]],
                     "abstract": None if rng.random() < 0.3 else r["abstract"],
                     "year": year, "source": "scopus-csv", "source_ref": f"scopus.csv:{k + 2}",
                     "keywords": ["kw"], "extra": {"truth": r["id"]}})
        truth.append(r["id"])
    a = sample.iloc[a_pos].assign(extra=[{"truth": i} for i in sample["id"].iloc[a_pos]])
    b = from_records(recs)
    return pd.concat([a, b], ignore_index=True), set(sample["id"].iloc[overlap])


def test_second_database_export_precision_recall(sample):
    rng = random.Random(20260)
    papers, true_dups = _second_export(sample, rng)
    out, audit = deduplicate(papers)
    assert len(out) + len(audit) == len(papers)
    truth_of = dict(zip(papers["source_ref"], papers["extra"].map(lambda e: e["truth"])))
    # a removed record is a true duplicate when it is the same paper as the record kept
    kept_truth = dict(zip(out["id"], out["extra"].map(lambda e: e["truth"])))
    correct = sum(truth_of[r] == kept_truth[k]
                  for r, k in zip(audit["removed_source_ref"], audit["kept_id"]))
    precision = correct / len(audit)
    recall = correct / len(true_dups)
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall
    # every paper of the second export that both databases found was merged: none left twice
    assert not out["extra"].map(lambda e: e["truth"]).duplicated().any() or recall < 1
    assert set(audit["rule"]) <= {"title", "fuzzy"}
    assert audit["removed_source_ref"].is_unique


# --- real exports of eight formats, exported again -------------------------------------------

REAL = ["scopus-csv/scopus_litstudy.csv", "wos/wos_plain_500.txt", "ieee-csv/ieee_100.csv",
        "pubmed/medline_10.txt", "bibtex/user_issue873.bib", "bibtex/jabref_issue97.bib",
        "bibtex/mendeley_webpage.bib", "wos/wos_tabdelimited.txt", "ris/asreview_baseline.ris",
        "openalex/works_page.json", "csl-json/zotero_26.csl.json"]
_NUMBERS = ("volume", "issue", "number", "pages", "page_start")


def _initials(name: str) -> str:
    kind, family, given = parse_name(name)
    if kind != "person" or not given:
        return name
    return family + " " + "".join(p[0] + "." for p in re.split(r"[\s\-.]+", given) if p[:1].isalpha())


def _retitle(t: str, rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return t.upper()
    if kind == 1:
        return t + "."
    if kind == 2:
        return " ".join("{" + w + "}" if w[:1].isupper() else w for w in t.split())
    return t


def _reexported(a: pd.DataFrame, rng: random.Random):
    """(both exports in one table, number of papers in both) from the deduplicated real table."""
    n = len(a)
    pos = list(range(n))
    rng.shuffle(pos)
    only_b = set(pos[: n // 5])
    in_a = [p for p in range(n) if p not in only_b]
    both = set(rng.sample(in_a, len(in_a) // 2))
    recs = []
    for p in sorted(both | only_b):
        r = a.iloc[p]
        year = None if pd.isna(r["year"]) else int(r["year"])
        if year is not None and rng.random() < 0.1:
            year += rng.choice([-1, 1])                        # early access vs issue year
        venue = r["venue"] if isinstance(r["venue"], str) else None
        if venue and rng.random() < 0.5:
            venue = venue.upper()                              # Web of Science
        e = r["extra"]
        abstract = r["abstract"] if isinstance(r["abstract"], str) and rng.random() < 0.5 else None
        recs.append({"id": f"b:{p}", "title": _retitle(r["title"], rng),
                     "authors": [_initials(x) for x in r["authors"]],
                     "authors_truncated": bool(r["authors_truncated"]), "abstract": abstract,
                     "year": year, "venue": venue, "source": "other-db",
                     "source_ref": f"other.txt:{p}",
                     "extra": {k: e[k] for k in _NUMBERS if k in e} | {"truth": p}})
    first = a.iloc[in_a].assign(extra=[dict(e, truth=p) for e, p in zip(a["extra"].iloc[in_a], in_a)])
    return pd.concat([first, from_records(recs)], ignore_index=True), len(both)


@pytest.mark.parametrize("seed", [1, 2])
def test_real_exports_exported_again_precision_recall(fixtures, seed):
    real = litkit.read([fixtures / f for f in REAL])
    a, _ = deduplicate(real)
    a = a[a["title"].notna()].reset_index(drop=True)
    assert len(a) > 3000 and a["source"].nunique() >= 8
    papers, n_true = _reexported(a, random.Random(seed))
    out, audit = deduplicate(papers)
    assert len(out) + len(audit) == len(papers)
    truth = dict(zip(papers["source_ref"], papers["extra"].map(lambda e: e["truth"])))
    kept = dict(zip(out["id"], out["extra"].map(lambda e: e["truth"])))
    correct = sum(truth[r] == kept[k] for r, k in zip(audit["removed_source_ref"], audit["kept_id"]))
    precision, recall = correct / len(audit), correct / n_true
    # measured: precision 0.998 / 0.997, recall 0.981 / 0.981 (seeds 1 / 2); the misses are
    # short or generic titles with one author and nothing else to go on ("MACLISP Reference
    # Manual", "The Author's Perspective"), the wrong merges records the first export itself
    # holds twice (a technical report and its journal article) joined through the copy
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall
    assert set(audit["rule"]) <= {"title", "fuzzy"}

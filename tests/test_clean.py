"""Deduplication, title normalisation and coverage, on the real arXiv sample and on a second
"database export" of it whose differences are those seen between real databases."""

import random
import re

import numpy as np
import pandas as pd
import pytest

import litkit
from conftest import DATA, FIXTURES
from litkit.clean import coverage, deduplicate, normalize_title
from litkit.clean.titles import edits_are_typos as _edits_are_typos
from litkit.schema import from_records


@pytest.fixture(scope="module")
def sample():
    return litkit.read(DATA / "arxiv-sample.jsonl.gz")


# --- titles -------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("CO<inf>2</inf> capture &amp; storage", "CO2 Capture and Storage"),            # Scopus markup
    ("The {E}ffect of $\\alpha$-Synuclein", "Effect of α-synuclein"),                 # LaTeX, Greek
    ("M{\\\"u}ller's Theorem", "Müller’s theorem"),
    ("DEEP LEARNING: A SURVEY.", "Deep learning - a survey"),                          # WoS capitals
    ("Pre-training of deep bidirectional transformers", "Pre training of deep bidirectional "
                                                        "transformers"),
    ("M$^3$FinMeeting: a benchmark", "M<sup>3</sup>FinMeeting: A Benchmark"),
])
def test_titles_normalise_alike(a, b):
    assert normalize_title(a).replace(" ", "") == normalize_title(b).replace(" ", "")


def test_normalize_title_values():
    assert normalize_title("The {E}ffect of $\\alpha$-Synuclein: A Review.") == \
        "effect of alpha synuclein a review"
    assert normalize_title("  ") is None and normalize_title(None) is None
    # only a leading article goes
    assert normalize_title("A Theory of the Firm") == "theory of the firm"


def test_changed_words_are_not_typos():
    assert _edits_are_typos("deep learnign for graphs", "deep learning for graphs")
    assert _edits_are_typos("a survey of data set bias", "survey on dataset bias")
    assert not _edits_are_typos("ai generated text detection", "ai generated image detection")
    assert not _edits_are_typos("nemotron 3 nano open efficient", "nemotron 3 ultra open efficient")


# --- deduplication: invariants and merging -------------------------------------------------

def test_distinct_arxiv_papers_are_never_merged(sample):
    """The 3,126 sample papers are distinct arXiv papers; even without their ids, none merge."""
    no_ids = sample.assign(arxiv_id=pd.Series([None] * len(sample), dtype="string"),
                           doi=pd.Series([None] * len(sample), dtype="string"))
    out, audit = deduplicate(no_ids)
    assert len(audit) == 0 and len(out) == len(sample)


def test_identical_exports_merge_by_id_and_keep_provenance(sample):
    part = sample.iloc[:200]
    both = pd.concat([part, part.assign(source_ref=part["source_ref"] + "(copy)")],
                     ignore_index=True)
    before = both.copy(deep=True)
    out, audit = deduplicate(both)
    pd.testing.assert_frame_equal(both, before)                    # input not mutated
    assert len(out) + len(audit) == len(both)
    assert len(out) == 200 and (audit["rule"] == "arxiv").all()
    assert out["id"].tolist() == part["id"].tolist()               # order of first appearance
    litkit.validate(out, unique_ids=True)
    refs = out["extra"].iloc[0]["source_refs"]
    assert refs == [part["source_ref"].iloc[0], part["source_ref"].iloc[0] + "(copy)"]
    assert set(audit["removed_source_ref"]) == set(part["source_ref"] + "(copy)")


def _rec(**kw):
    base = {"source": "test", "extra": {}}
    base.update(kw)
    base.setdefault("id", "test:" + base["source_ref"])
    return base


def test_merged_record_keeps_the_best_of_each_field():
    papers = from_records([
        _rec(id="scopus:1", title="DEEP LEARNING FOR GRAPHS", authors=["Smith J."], year=2020,
             keywords=["graphs", "GNN"], citations=12, affiliations=["MIT"],
             source="scopus-csv", source_ref="s.csv:2", doi="10.1/abc"),
        _rec(id="wos:1", title="Deep learning for graphs", abstract="We study graphs.",
             authors=["Smith, John", "Doe, Jane"], year=2020, keywords=["gnn", "deep learning"],
             citations=30, affiliations=["Stanford"], source="wos", source_ref="w.txt:10",
             doi="10.1/ABC".lower(), extra={"wos_id": "WOS:1"}),
        _rec(id="x:1", title="Deep Learning for Graphs.", abstract="We study graphs. Longer.",
             authors=["John Smith"], authors_truncated=True, year=2021, source="listing",
             source_ref="l.txt:3", venue="NeurIPS"),
    ])
    out, audit = deduplicate(papers)
    assert len(out) == 1 and len(audit) == 2
    m = out.iloc[0]
    assert m["id"] == "doi:10.1/abc" or m["id"] in {"scopus:1", "wos:1"}
    assert m["abstract"] == "We study graphs. Longer."            # the longest abstract
    assert m["authors"] == ["Smith, John", "Doe, Jane"]              # the complete, longest list
    assert m["title"] == "Deep learning for graphs"                  # not the capitals
    assert m["keywords"] == ["graphs", "GNN", "deep learning"] or \
        m["keywords"] == ["gnn", "deep learning", "graphs"]
    assert set(m["affiliations"]) == {"MIT", "Stanford"}
    assert m["citations"] == 30 and m["venue"] == "NeurIPS"
    assert m["extra"]["wos_id"] == "WOS:1"
    assert sorted(m["extra"]["source_refs"]) == ["l.txt:3", "s.csv:2", "w.txt:10"]
    rules = dict(zip(audit["removed_source_ref"], audit["rule"]))
    assert rules.get("l.txt:3") == "title"
    row = audit[audit["removed_source_ref"] == "l.txt:3"].iloc[0]
    assert "abstract" in row["fields"] and "venue" in row["fields"]


def test_title_matching_respects_years_authors_dois_and_corrections():
    papers = from_records([
        _rec(title="Graph neural networks in practice", authors=["A. Kumar"], year=2019,
             source_ref="a:1"),
        _rec(title="Graph Neural Networks in Practice", authors=["Kumar, A."], year=2023,
             source_ref="a:2"),                                          # 4 years apart
        _rec(title="Graph neural networks in practice", authors=["B. Other"], year=2019,
             source_ref="a:3"),                                          # another first author
        _rec(title="Scaling laws for sparse models", authors=["Lee K."], year=2022,
             doi="10.5/conf", source_ref="b:1"),
        _rec(title="Scaling Laws for Sparse Models", authors=["Kim Lee"], year=2022,
             doi="10.5/journal", source_ref="b:2"),                      # different DOIs
        _rec(title="Correction to: Robust estimation of sparse graphs", authors=["Ng A."],
             year=2021, source_ref="c:1"),
        _rec(title="Robust estimation of sparse graphs", authors=["Ng A."], year=2021,
             source_ref="c:2"),
        _rec(title="Optimal transport on manifolds, Part II", authors=["Ng A."], year=2021,
             source_ref="d:1"),
        _rec(title="Optimal transport on manifolds, Part III", authors=["Ng A."], year=2021,
             source_ref="d:2"),
    ])
    out, audit = deduplicate(papers)
    assert len(audit) == 0 and len(out) == len(papers)


def test_overrides_separate_and_merge(sample):
    a = sample.iloc[[0]]
    b = a.assign(source_ref="other.ris#1", id="ris:1", arxiv_id=pd.Series([None], dtype="string"))
    c = sample.iloc[[1]]
    papers = pd.concat([a, b, c], ignore_index=True)
    out, audit = deduplicate(papers)
    assert len(out) == 2 and audit["rule"].tolist() == ["title"]
    sep = pd.DataFrame({"a": ["other.ris#1"], "b": [a["source_ref"].iloc[0]], "action": ["separate"]})
    out, audit = deduplicate(papers, overrides=sep)
    assert len(out) == 3 and len(audit) == 0
    force = pd.DataFrame({"a": [c["id"].iloc[0]], "b": ["ris:1"], "action": ["merge"]})
    out, audit = deduplicate(papers, overrides=force)
    # ris:1 now belongs with paper c, whose arXiv id differs from a's: a stays apart
    assert len(out) == 2 and audit["rule"].tolist() == ["override"]
    assert audit["removed_id"].tolist() == ["ris:1"] and out["id"].tolist() == papers["id"].iloc[[0, 2]].tolist()
    with pytest.raises(ValueError, match="matches no record"):
        deduplicate(papers, overrides=[("nope.bib#3", "ris:1", "separate")])


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


# --- coverage ---------------------------------------------------------------------------------

def test_coverage_hints_where_abstracts_are_missing(sample):
    b = sample.iloc[:50].assign(abstract=pd.Series([None] * 50, dtype="string"),
                                source="scopus-csv")
    papers = pd.concat([sample.iloc[50:100], b], ignore_index=True)
    cov = coverage(papers)
    row = cov[(cov["source"] == "scopus-csv") & (cov["field"] == "abstract")].iloc[0]
    assert row["share"] == 0 and row["filled"] == 0 and row["records"] == 50
    assert "Scopus export has no abstract" in row["hint"] and "Abstract" in row["hint"]
    ok = cov[(cov["source"] == "arxiv-jsonl") & (cov["field"] == "abstract")].iloc[0]
    assert ok["share"] == 1 and pd.isna(ok["hint"])
    assert cov[(cov["source"] == "arxiv-jsonl") & (cov["field"] == "doi")]["hint"].notna().all()


# --- deduplication on real exports (cases checked by eye in the raw files) ---------------------

@pytest.fixture(scope="module")
def real():
    files = ["bibtex/jabref_issue97.bib", "bibtex/mendeley_webpage.bib", "bibtex/user_issue873.bib",
             "scopus-csv/scopus_litstudy.csv", "wos/wos_tabdelimited.txt"]
    return litkit.read([FIXTURES / f for f in files])


def _row(papers, ref_end):
    hit = papers[papers["source_ref"].str.endswith(ref_end)]
    assert len(hit) == 1, ref_end
    return hit.iloc[0]


def test_real_exports_true_duplicates_found(real):
    out, audit = deduplicate(real)
    assert len(out) + len(audit) == len(real)
    rules = dict(zip(audit["removed_source_ref"].map(lambda r: r.split("fixtures/")[1]),
                     audit["rule"]))
    # user library (issue 873): Kowalski's paper twice ("JACM" / "Journal of the Association for
    # Computing Machinery"), and "Why AM and Eurisko appear to work" with and without a year
    kowalski = real[real["title"].str.lower() == "a proof procedure using connection graphs"]
    assert len(kowalski) == 2
    assert set(kowalski["source_ref"]) & set(audit["removed_source_ref"])
    assert sum(r.startswith("bibtex/mendeley_webpage.bib") and v == "doi"
               for r, v in rules.items()) == 4
    # a DOI shared by two different papers (a Mendeley data error) is merged, as DOIs are
    # trusted, but the audit says the titles differ so that an override can separate them
    bad = audit[audit["detail"].str.contains("titles differ")]
    assert len(bad) == 1 and bad["score"].iloc[0] < 0.5


def test_real_exports_lookalikes_stay_apart(real):
    out, audit = deduplicate(real)
    removed = set(audit["removed_source_ref"])
    kept_or_removed = lambda t: real[real["title"].str.startswith(t, na=False)]  # noqa: E731
    # four LNCS proceedings volumes with one title (volumes 6016-6019 LNCS, parts 1-4)
    iccsa = kept_or_removed("Computational Science and Its Applications - ICCSA 2010")
    assert len(iccsa) == 4 and not set(iccsa["source_ref"]) & removed
    # three corrections of one paper, in volumes 4, 6 and 9 (Web of Science "Correction")
    ble = kept_or_removed("Is Bluetooth Low Energy feasible")
    assert len(ble) == 3 and not set(ble["source_ref"]) & removed
    # "Point Defects ... (II)" is the second part, not the first one's duplicate
    parts = kept_or_removed("Point Defects and Transport of Matter")
    assert len(parts) == 2 and not set(parts["source_ref"]) & removed
    # nine quarterly/final reports and a conference paper: none is another's duplicate
    cuprous = real[real["title"].str.lower().str.startswith("cuprous oxide photovoltaic cells", na=False)]
    assert len(cuprous) == 9 and not set(cuprous["source_ref"]) & removed


def test_coverage_of_the_profile_listing():
    """The listing shows three authors and "et al." on every paper (20 "et al." lines in the
    file, one of them inside an abstract), no DOIs and no keywords."""
    papers = litkit.read(FIXTURES / "listing" / "researcher-profile.txt")
    cov = coverage(papers).set_index("field")
    assert (cov["source"] == "listing").all() and (cov["records"] == 19).all()
    assert cov.loc["title", "share"] == 1 and pd.isna(cov.loc["title", "hint"])
    assert cov.loc["authors_complete", "filled"] == 0
    assert "19 of 19" in cov.loc["authors_complete", "hint"]
    assert cov.loc["doi", "hint"].startswith("this profile listing export has no DOIs")
    assert "no keywords" in cov.loc["keywords", "hint"]
    assert cov["share"].between(0, 1).all()


def test_extra_user_columns_follow_the_kept_record(sample):
    part = sample.iloc[:3].assign(file="a")
    both = pd.concat([part, part.assign(file="b", source_ref=part["source_ref"] + "#2")],
                     ignore_index=True)
    out, audit = deduplicate(both)
    assert len(out) == 3 and out["file"].tolist() == ["a", "a", "a"]

"""litkit.topics: TopicModel, choosing k, stability, topics over time, emerging topics, map."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import litkit
from conftest import DATA, ROOT
from litkit.schema import from_records
from litkit.text import paper_texts


@pytest.fixture(scope="module")
def sample():
    return litkit.read(DATA / "arxiv-sample.jsonl.gz")


@pytest.fixture(scope="module")
def model(sample):
    return litkit.TopicModel(n_topics=8, random_state=0).fit(sample)


def test_fit_tables(sample, model):
    assert model.n_topics_ == 8
    lab = model.labels_
    assert lab.index.equals(sample.index) and str(lab.dtype) == "Int64"
    assert lab.notna().all()                      # every arXiv paper has a title and abstract
    t = model.topics_
    assert list(t.columns) == ["topic", "size", "label", "top_terms", "representative_ids",
                               "stability"]
    assert t["topic"].tolist() == list(range(8))
    assert int(t["size"].sum()) == int(lab.notna().sum()) == 3126
    # sizes are the label counts, largest topic first
    assert t["size"].tolist() == lab.value_counts().reindex(range(8)).tolist()
    assert t["size"].is_monotonic_decreasing
    # labels are short and made of distinctive terms; the LLM and 3-D vision topics are there
    assert t["label"].str.split(", ").map(len).le(3).all()
    terms = t["top_terms"].map(set)
    assert any({"llms", "language models"} <= s for s in terms)
    assert any({"3d", "scene"} <= s for s in terms)
    # representative papers belong to their topic
    for _, row in t.iterrows():
        reps = sample.index[sample["id"].isin(row["representative_ids"])]
        assert len(reps) == 3 and (lab[reps] == row["topic"]).all()
    assert t["stability"].between(0, 1).all()
    assert 0 < model.stability_ <= 1
    s = model.strength_
    assert s.between(0, 1).all()


def test_transform_matches_labels_and_strength(sample, model):
    lab, strength = model.transform(sample, return_strength=True)
    assert lab.equals(model.labels_)
    assert np.allclose(strength.to_numpy(float), model.strength_.to_numpy(float), atol=1e-5)
    part = sample.iloc[[5, 17, 400]]
    assert model.transform(part).tolist() == model.labels_.iloc[[5, 17, 400]].tolist()


def test_papers_without_text_get_na(sample):
    papers = sample.head(60).copy()
    papers.loc[3, ["title", "abstract"]] = pd.NA
    papers.loc[7, "abstract"] = pd.NA                       # title alone still counts
    m = litkit.TopicModel(n_topics=3, random_state=0).fit(papers)
    assert m.labels_.isna().tolist() == [i == 3 for i in range(60)]
    assert pd.isna(m.strength_[3]) and pd.notna(m.labels_[7])
    assert int(m.topics_["size"].sum()) == 59
    assert m.transform(papers).isna().sum() == 1


def test_tiny_corpus_and_auto(sample):
    tiny = sample.head(19)
    m = litkit.TopicModel(random_state=0).fit(tiny)
    assert 2 <= m.n_topics_ <= 3
    assert m.k_scores_["chosen"].sum() == 1
    assert int(m.topics_["size"].sum()) == 19
    with pytest.raises(ValueError, match="n_topics"):
        litkit.TopicModel(n_topics=40).fit(tiny)
    with pytest.raises(ValueError, match="no paper"):
        litkit.TopicModel(n_topics=2).fit(from_records([{"id": "x"}]))


_SYNTHETIC_VOCAB = [["galaxy", "stellar", "redshift", "telescope", "cosmic", "nebula", "quasar", "orbit"],
             ["protein", "enzyme", "genome", "cell", "mutation", "rna", "receptor", "tissue"],
             ["tariff", "inflation", "monetary", "fiscal", "wage", "market", "trade", "debt"],
             ["poetry", "novel", "sonnet", "verse", "narrative", "metaphor", "lyric", "prose"],
             ["soil", "crop", "irrigation", "harvest", "fertilizer", "yield", "seed", "drought"]]


def _synthetic(groups=4, per=30, seed=0):
    rng = np.random.default_rng(seed)
    vocab = _SYNTHETIC_VOCAB
    shared = ["analysis", "model", "data", "observed", "effect", "change"]
    recs, truth = [], []
    for g in range(groups):
        for i in range(per):
            words = list(rng.choice(vocab[g], 12)) + list(rng.choice(shared, 4))
            recs.append({"id": f"g{g}-{i}", "title": " ".join(words[:4]),
                         "abstract": " ".join(words[4:])})
            truth.append(g)
    return from_records(recs), np.array(truth)


def test_auto_k_finds_separated_groups():
    from sklearn.metrics import adjusted_rand_score
    for groups in (4, 5):
        papers, truth = _synthetic(groups)
        m = litkit.TopicModel(n_topics="auto", random_state=0).fit(papers)
        assert m.n_topics_ == groups
        assert adjusted_rand_score(truth, m.labels_.to_numpy(int)) == 1.0
        ks = m.k_scores_
        assert list(ks.columns) == ["k", "stability", "stability_min", "cohesion", "chosen"]
        assert ks.loc[ks["chosen"], "k"].item() == groups
        assert ks["stability"].between(0, 1).all()
        assert ks.loc[ks["chosen"], "stability"].item() > 0.99


def test_auto_k_grid_scales_with_the_corpus(sample):
    m = litkit.TopicModel(random_state=0).fit(sample)
    # 3,126 papers: from round(log2(3126) / 2) = 6 to 18 topics, every other one above 10
    assert m.k_scores_["k"].tolist() == [6, 7, 8, 9, 10, 12, 14, 16, 18]
    assert 6 <= m.n_topics_ < 18                       # not drawn to the top of the grid
    assert m.k_scores_["stability"].between(0, 1).all()
    from litkit.topics._choose_k import default_grid
    assert [default_grid(n) for n in (20, 175, 1000, 72_662, 10 ** 6)] == \
        [(2, 4), (4, 12), (5, 15), (8, 24), (10, 25)]


_CHILD = """
import json, sys, litkit
papers = litkit.read(sys.argv[1]).head(300)
m = litkit.TopicModel(n_topics=5, random_state=3).fit(papers)
print(json.dumps({"labels": m.labels_.tolist(), "label": m.topics_["label"].tolist(),
                  "terms": list(m.terms_[:50])}))
"""


def test_same_seed_same_labels_across_processes():
    outs = []
    for hashseed in ("0", "12345"):
        env = {"PYTHONHASHSEED": hashseed, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
        r = subprocess.run([sys.executable, "-c", _CHILD, str(DATA / "arxiv-sample.jsonl.gz")],
                           capture_output=True, text=True, env=env, check=True, cwd=ROOT)
        outs.append(json.loads(r.stdout))
    assert outs[0] == outs[1]
    assert len(set(outs[0]["labels"])) == 5


def test_topic_stability(sample, model):
    st = litkit.topic_stability(sample, model, n_runs=3)
    assert list(st.per_topic.columns) == ["topic", "label", "size", "jaccard", "jaccard_min"]
    assert len(st.per_topic) == 8 and len(st.runs) == 3
    assert st.per_topic["jaccard"].between(0, 1).all()
    assert (st.per_topic["jaccard_min"] <= st.per_topic["jaccard"] + 1e-12).all()
    assert 0 < st.overall <= 1
    again = litkit.topic_stability(sample, model, n_runs=3)
    assert again.runs.equals(st.runs)


def test_topics_over_time_matches_groupby(sample, model):
    for freq, code in (("year", "Y"), ("quarter", "Q"), ("month", "M")):
        tbl = litkit.topics_over_time(sample, model.labels_, freq=freq)
        plain = (pd.DataFrame({"p": sample["date"].dt.to_period(code).astype(str),
                               "t": model.labels_})
                 .groupby(["p", "t"]).size())
        got = tbl.set_index(["period", "topic"])["count"]
        assert got[got > 0].to_dict() == {(p, t): n for (p, t), n in plain.items()}
        assert int(tbl["count"].sum()) == 3126
        share = tbl.groupby("period")["share"].sum()
        assert np.allclose(share.to_numpy(float), 1)
    year = litkit.topics_over_time(sample, model, freq="year", normalize=False)
    assert set(year["period"]) == {"2025", "2026"} and "share" not in year
    assert len(year) == 16                                   # every (period, topic) pair


def test_emerging_topics_flags_incomplete_last_period(sample, model):
    em = litkit.emerging_topics(sample, model, freq="quarter")
    assert len(em) == 8 and em["growth"].is_monotonic_decreasing
    # the sample ends on 2026-07-01: the third quarter of 2026 has barely begun
    assert (em["last_period"] == "2026Q3").all() and not em["last_period_complete"].any()
    # 2025Q2 .. 2026Q2 are fitted: 2025Q1 holds two weeks of papers (from 2025-03-18), too few
    # beside a typical quarter to drive a trend
    t = litkit.periods.period_table(sample, "quarter").set_index("period")
    assert not t.loc["2025Q1", "well_filled"] and t.loc["2025Q2":"2026Q2", "usable"].all()
    assert (em["n_periods"] == 5).all()
    assert (em["recent_periods"] == "2025Q4-2026Q2").all()
    assert (em["growth_low"] < em["growth"]).all() and (em["growth"] < em["growth_high"]).all()
    assert em["label"].notna().all()


def test_topic_map(sample, model):
    m = litkit.topic_map(model)
    assert list(m.columns) == ["id", "x", "y", "topic", "strength"]
    assert len(m) == 3126 and m["id"].tolist() == sample["id"].tolist()
    assert (m["topic"].to_numpy() == model.labels_.to_numpy()).all()
    again = model.coordinates(sample.head(10))
    assert np.allclose(again[["x", "y"]].to_numpy(float), m[["x", "y"]].head(10).to_numpy(float),
                       atol=1e-5)


def test_label_prefers_bigrams_and_skips_plural_repeats():
    from litkit.topics._describe import label_terms as _label
    assert _label(["llms", "language models", "llm", "knowledge"]) == \
        "llms, language models, knowledge"
    assert _label(["deep", "deep learning", "learning", "image", "images", "video"]) == \
        "deep learning, image, video"


def test_naive_bayes_step_moves_a_misplaced_paper():
    import scipy.sparse as sp
    from litkit.topics._cluster import _nb_predict, _nb_refine
    # papers 0-2 use terms a, b; papers 3-5 use c, d; k-means put paper 2 with the second group
    r = 2 ** -0.5
    X = sp.csr_matrix(np.array([[r, r, 0, 0]] * 3 + [[0, 0, r, r]] * 3, dtype=np.float32))
    lab, nb = _nb_refine(X, np.array([0, 0, 1, 1, 1, 1]), 2)
    assert lab.tolist() == [0, 0, 0, 1, 1, 1]
    assert _nb_predict(X, *nb).tolist() == lab.tolist()      # the kept model gives the labels
    # a step that would empty a topic is not taken: the k-means topics stay
    # (topic 2 holds only paper 2, which the larger topic 0 would take)
    lab, nb = _nb_refine(X, np.array([0, 0, 2, 1, 1, 1]), 3)
    assert nb is None and lab.tolist() == [0, 0, 2, 1, 1, 1]


def test_naive_bayes_step_on_the_sample(sample, model):
    plain = litkit.TopicModel(n_topics=8, random_state=0, nb_iters=0,
                              stability_runs=0).fit(sample)
    assert plain.term_log_prob_ is None and model.term_log_prob_ is not None
    # it moves papers across borders but keeps the topics (same k-means start)
    from sklearn.metrics import adjusted_rand_score
    a, b = model.labels_.to_numpy(int), plain.labels_.to_numpy(int)
    assert (a != b).any() and adjusted_rand_score(a, b) > 0.5
    assert model.topics_["size"].min() > 0
    # strength: cosine to the paper's own topic centroid
    s = plain.transform(sample.iloc[:50], return_strength=True)[1]
    assert np.allclose(s.to_numpy(float), plain.strength_.iloc[:50].to_numpy(float), atol=1e-5)


def test_estimator_contract(sample, model):
    from sklearn.base import clone
    from sklearn.exceptions import NotFittedError
    m = litkit.TopicModel(n_topics=5, n_init=2)
    c = clone(m)
    assert c.get_params() == m.get_params() and c.get_params()["n_topics"] == 5
    assert c.set_params(n_topics=4) is c and c.n_topics == 4
    with pytest.raises(NotFittedError):
        c.predict(sample)
    part = sample.head(400)
    fitted = clone(m).set_params(stability_runs=0)
    labels = fitted.fit_predict(part)
    assert labels.equals(fitted.labels_)
    assert fitted.fit(part) is fitted
    # predict on the training papers gives labels_ exactly, in one go or in partitions
    assert model.predict(sample).equals(model.labels_)
    parts = [model.predict(sample.iloc[i:i + 700]) for i in range(0, len(sample), 700)]
    assert pd.concat(parts).equals(model.labels_)
    assert "TopicModel" in model._repr_html_()
    assert not hasattr(clone(model), "labels_")          # clone keeps params, drops the fit
    assert 0 <= model.stability_ <= 1


def test_text_vectorizer_contract():
    from sklearn.base import clone
    from sklearn.exceptions import NotFittedError
    from litkit.text import TextVectorizer
    v = TextVectorizer(min_df=1, bigrams=False)
    assert clone(v).get_params() == v.get_params()
    with pytest.raises(NotFittedError):
        v.transform(["a text"])
    X = v.fit_transform(["graph neural networks", "protein folding models", "graph models"])
    assert X.shape == (3, len(v.terms_)) and " " not in "".join(v.terms_)


def _yearly(counts, totals, start=2000):
    """Papers table and labels: in year ``start + i``, ``counts[i]`` papers of topic 0 among
    ``totals[i]`` (the rest topic 1)."""
    dates, topic = [], []
    for i, (c, n) in enumerate(zip(counts, totals)):
        dates += [f"{start + i}-01-01"] * n
        topic += [0] * c + [1] * (n - c)
    dates[-1] = f"{start + len(counts) - 1}-12-31"              # the last year is complete
    papers = pd.DataFrame({"date": pd.to_datetime(dates)})
    return papers, pd.Series(topic, index=papers.index)


def test_emerging_verdict_needs_recent_evidence():
    # 20 years: nothing for 15 years, then 2, 4, 5, 2, 0 of 100: the slope over 20 years is
    # positive, but the recent evidence says nothing grows
    papers, lab = _yearly([0] * 15 + [2, 4, 5, 2, 0], [100] * 20)
    em = litkit.emerging_topics(papers, lab, freq="year").set_index("topic")
    assert em.loc[0, "growth_low"] > 0                        # the long-run slope would say "up"
    assert em.loc[0, "verdict"] != "growing"
    assert em.loc[0, "recent_periods"] == "2017-2019"
    # 10, 20, 40 of 100 papers: growing, and topic 1 is declining
    papers, lab = _yearly([10, 20, 40], [100] * 3)
    em = litkit.emerging_topics(papers, lab, freq="year").set_index("topic")
    assert em.loc[0, "verdict"] == "growing" and em.loc[0, "recent_low"] > 0
    assert em.loc[1, "verdict"] == "declining"
    assert em.loc[0, "count_recent"] == 70
    # 1, 2, 4 papers: the same shape, too few papers to say
    papers, lab = _yearly([1, 2, 4], [10] * 3)
    em = litkit.emerging_topics(papers, lab, freq="year").set_index("topic")
    assert em.loc[0, "verdict"] == "too few papers"


def test_emerging_leaves_out_thin_periods():
    # a one-paper year at the end, where topic 0 has 100 % of the papers, must not drive growth
    papers, lab = _yearly([30, 30, 30, 1], [100, 100, 100, 1])
    em = litkit.emerging_topics(papers, lab, freq="year").set_index("topic")
    assert em.loc[0, "verdict"] == "steady" and em.loc[0, "n_periods"] == 3
    assert em.loc[0, "recent_periods"] == "2000-2002"


def test_similar_topics_flag_near_duplicates():
    papers, _ = _synthetic(3)
    m = litkit.TopicModel(n_topics=3, random_state=0, stability_runs=0).fit(papers)
    sim = m.similar_topics_
    assert list(sim.columns) == ["topic", "other", "similarity"]
    assert sim["similarity"].between(0.7, 1).all()
    # with 4 topics for 3 groups, k-means splits one group in halves that are near-duplicates
    # (the graph communities split a group by its sub-vocabulary: not near-duplicates there)
    m4 = litkit.TopicModel(n_topics=4, random_state=0, stability_runs=0,
                           method="kmeans").fit(papers)
    assert len(m4.similar_topics_) >= 1 and len(sim) == 0


class _FakeEncoder:
    """A small deterministic stand-in for a sentence encoder: each word adds a fixed random
    vector (seeded by its CRC32), so texts that share words get similar vectors. Counts calls."""

    def __init__(self, dim=64):
        self.dim, self.calls = dim, []

    def __call__(self, texts):
        import zlib
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim))
        for i, t in enumerate(texts):
            for w in str(t).lower().replace(".", " ").split():
                out[i] += np.random.default_rng(zlib.crc32(w.encode())).standard_normal(self.dim)
        return out.astype(np.float32)


def test_fit_on_embeddings_and_an_encoder():
    from sklearn.base import clone
    from sklearn.metrics import adjusted_rand_score
    papers, truth = _synthetic(4)
    texts = paper_texts(papers).tolist()
    enc = _FakeEncoder()
    E = enc(texts)
    m = litkit.TopicModel(n_topics=4, random_state=0).fit(papers, embeddings=E)
    assert m.space_ == "embeddings" and m.components_ is None and m.term_log_prob_ is None
    assert adjusted_rand_score(truth, m.labels_.to_numpy(int)) == 1.0
    # the same tables as on the LSA space; terms from the TF-IDF of each topic's papers
    lsa = litkit.TopicModel(n_topics=4, random_state=0).fit(papers)
    assert lsa.space_ == "lsa"
    assert list(m.topics_.columns) == list(lsa.topics_.columns)
    assert m.topics_["stability"].between(0, 1).all() and 0 < m.stability_ <= 1
    for row in m.topics_.itertuples():
        group = int(truth[m.labels_.to_numpy(int) == row.topic][0])
        assert set(row.top_terms[:3]) <= set(_SYNTHETIC_VOCAB[group])
    assert m.doc_vectors_.shape == (120, 64)
    assert np.allclose(np.linalg.norm(m.doc_vectors_, axis=1), 1)
    # new papers need their vectors: given, they land where the fit put them
    assert m.predict(papers, embeddings=E).equals(m.labels_)
    with pytest.raises(ValueError, match="embeddings="):
        m.predict(papers)
    with pytest.raises(ValueError, match=r"shape \(120, d\)"):
        litkit.TopicModel(n_topics=4).fit(papers, embeddings=E[:10])
    bad = E.copy()
    bad[3, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        litkit.TopicModel(n_topics=4).fit(papers, embeddings=bad)
    # an encoder gives the same topics as its precomputed vectors, called in chunks of
    # chunk_size texts, and encodes new papers itself
    enc.calls.clear()
    me = litkit.TopicModel(n_topics=4, random_state=0, encoder=enc, chunk_size=50).fit(papers)
    assert enc.calls[:3] == [50, 50, 20]
    assert me.labels_.equals(m.labels_) and me.topics_["label"].equals(m.topics_["label"])
    assert me.predict(papers.iloc[[5, 70]]).tolist() == m.labels_.iloc[[5, 70]].tolist()
    assert me.get_params()["encoder"] is enc and isinstance(clone(me).encoder, _FakeEncoder)
    # the choice of k and the map work on document vectors too
    auto = litkit.TopicModel(random_state=0).fit(papers, embeddings=E)
    assert auto.n_topics_ == 4 and auto.k_scores_["stability"].between(0, 1).all()
    assert len(litkit.topic_map(m)) == 120
    assert len(litkit.topic_map(me, papers.head(7))) == 7


def test_embeddings_of_papers_without_text_are_not_used():
    papers, _ = _synthetic(3, per=20)
    papers.loc[4, ["title", "abstract"]] = pd.NA
    E = _FakeEncoder()(paper_texts(papers).fillna("").tolist())
    m = litkit.TopicModel(n_topics=3, random_state=0).fit(papers, embeddings=E)
    assert m.labels_.isna().tolist() == [i == 4 for i in range(60)]
    assert int(m.topics_["size"].sum()) == 59


def test_large_corpus_path_counts_every_paper_in_the_topic_sizes(sample):
    """Above ``large_threshold`` the model learns from a sample and labels all papers in chunks:
    ``topics_["size"]`` counts every labelled paper, not the sample."""
    m = litkit.TopicModel(n_topics=6, random_state=0, large_threshold=1_000, chunk_size=700,
                          stability_runs=0).fit(sample)
    labelled = m.labels_[m.labels_.notna()]
    assert len(labelled) > 1_000
    assert int(m.topics_["size"].sum()) == len(labelled)
    assert m.topics_.set_index("topic")["size"].to_dict() == labelled.value_counts().to_dict()


def test_same_topics_on_any_number_of_threads(sample):
    """n_jobs spreads fixed blocks over threads: the fit is the same to the last bit."""
    fits = [litkit.TopicModel(random_state=3, n_jobs=j).fit(sample) for j in (1, 2, 3)]
    ref = fits[0]
    for m in fits[1:]:
        assert m.n_topics_ == ref.n_topics_
        assert m.labels_.equals(ref.labels_) and m.strength_.equals(ref.strength_)
        assert np.array_equal(m.components_, ref.components_)
        assert m.k_scores_.equals(ref.k_scores_) and m.topics_.equals(ref.topics_)
        assert np.array_equal(m.term_log_prob_, ref.term_log_prob_)
    assert fits[2].predict(sample.head(500)).equals(ref.labels_.head(500))

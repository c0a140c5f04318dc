"""litkit.text: tokens, stop words, bigrams, TF-IDF on tiny and real corpora."""

import numpy as np
import pandas as pd

import litkit
from conftest import DATA
from litkit.schema import from_records
from litkit.text import STOP_WORDS, TextVectorizer, paper_texts, tokenize


def _features(text, **kw):
    tok = tokenize([text], **kw)
    return sorted(set(tok.text(np.arange(len(tok.hash)))))


def test_tokens_words_bigrams_and_what_is_dropped():
    text = ("In this paper we propose a Novel Graph Neural-Network for $O(n^2)$ routing; "
            "results on 2024 benchmarks with \\textbf{GPT-4} show 3D gains.")
    feats = _features(text)
    # stop words (English and scholarly), pure numbers, inline maths and LaTeX commands go
    for gone in ("paper", "propose", "novel", "results", "show", "2024", "textbf", "o", "n", "in"):
        assert gone not in feats
    # case is folded, mixed letters/digits stay, hyphens join words into bigrams
    assert {"graph", "neural", "network", "routing", "benchmarks", "gpt", "3d", "gains"} <= set(feats)
    assert "graph neural" in feats and "neural network" in feats
    # no bigram across punctuation or across a removed word
    assert "routing benchmarks" not in feats and "benchmarks gpt" not in feats
    assert "gpt 3d" not in feats


def test_unicode_punctuation_splits_words():
    feats = _features("vision\u2013language models\u2019 robustness \u00e9t\u00e9 caf\u00e9")
    assert "vision" in feats and "language" in feats and "models" in feats
    assert "café" in feats and "été" in feats


def test_stop_words_include_scholarly_boilerplate():
    assert {"paper", "propose", "results", "approach", "method", "show", "novel", "based"} <= STOP_WORDS
    assert "the" in STOP_WORDS and "network" not in STOP_WORDS


def test_paper_texts_title_abstract_and_na():
    papers = from_records([{"title": "Deep nets", "abstract": "We study nets."},
                           {"title": "Only a title"},
                           {"abstract": "Only an abstract."},
                           {"title": "  ", "abstract": None}])
    texts = paper_texts(papers)
    assert texts.tolist()[:3] == ["Deep nets. We study nets.", "Only a title", "Only an abstract."]
    assert texts.isna().tolist() == [False, False, False, True]
    assert str(texts.dtype) == "string"


def test_vectorizer_tiny_corpus_of_19():
    papers = litkit.read(DATA / "arxiv-sample.jsonl.gz").head(19)
    X = TextVectorizer().fit_transform(paper_texts(papers).tolist())
    assert X.shape[0] == 19 and X.shape[1] > 100
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1))).ravel()
    assert np.allclose(norms, 1, atol=1e-5)


def test_vectorizer_adapts_and_transform_matches_fit():
    papers = litkit.read(DATA / "arxiv-sample.jsonl.gz")
    texts = paper_texts(papers).tolist()
    v = TextVectorizer()
    X = v.fit_transform(texts)
    assert X.shape == (3126, len(v.terms_))
    # min_df 2 on 3k documents: every kept feature is in at least 2 of them
    assert v.df_.min() >= 2 and v.df_.max() <= 0.5 * 3126
    terms = set(v.terms_)
    assert {"language models", "reinforcement learning", "diffusion"} <= terms
    assert "paper" not in terms and "in this" not in terms
    Y = v.transform(texts[:200])
    assert abs(Y - X[:200]).max() < 1e-6
    # chunked transform gives the same rows
    v.chunk_size = 64
    Z = v.transform(texts[:200])
    assert abs(Z - Y).max() < 1e-6
    assert pd.Series(v.terms_).is_unique


# --------------------------------------------------------------------------- blocks and threads
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from litkit.text._tokens import _stop_set, _tokenize  # noqa: E402

_WORDS = st.sampled_from(["graph", "neural", "network", "the", "of", "2024", "3d", "x", "$a$",
                          "\\emph", "café", "vision\u2013language", "GPT-4", "data", "-", ""])
_DOCS = st.lists(st.lists(_WORDS, max_size=12).map(" ".join), min_size=1, max_size=30)
_FIELDS = ("doc", "hash", "start", "end")


@settings(max_examples=150, deadline=None)
@given(docs=_DOCS, block=st.integers(1, 40), n_jobs=st.integers(1, 3))
def test_tokens_do_not_depend_on_blocks_or_threads(docs, block, n_jobs):
    ref = _tokenize(docs, _stop_set(None), True, 10_000, 1)
    tok = _tokenize(docs, _stop_set(None), True, block, n_jobs)
    for f in _FIELDS:
        assert np.array_equal(getattr(ref, f), getattr(tok, f)), f
    # the words in reading order, then the bigrams in reading order
    bigram = np.array([" " in t for t in tok.text(np.arange(len(tok.hash)))], dtype=bool)
    assert (np.diff(bigram.view(np.int8)) >= 0).all()
    for part in (~bigram, bigram):
        key = tok.doc[part].astype(np.int64) * 2**40 + tok.start[part]
        assert (np.diff(key) > 0).all()


def test_vectorizer_same_matrix_on_any_number_of_threads():
    docs = paper_texts(litkit.read(DATA / "arxiv-sample.jsonl.gz")).dropna().tolist()
    mats = [TextVectorizer(n_jobs=j, fit_sample=1000).fit_transform(docs) for j in (1, 2, 3)]
    for m in mats[1:]:
        assert (m != mats[0]).nnz == 0
        assert np.array_equal(m.indices, mats[0].indices) and np.array_equal(m.data, mats[0].data)
    # each row's columns are sorted, as scipy is told
    X = mats[0]
    assert X.has_sorted_indices
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    inner = np.diff(rows) == 0
    assert (np.diff(X.indices)[inner] > 0).all()


@settings(max_examples=80, deadline=None)
@given(docs=st.lists(st.lists(_WORDS, max_size=10).map(" ".join), min_size=1, max_size=25),
       block=st.integers(1, 6), n_jobs=st.integers(1, 2))
def test_vectorizer_counts_every_feature_of_every_document(docs, block, n_jobs):
    """Blocks of the vocabulary sample merged (here blocks of 1-6 documents): the document
    frequencies, the features and their text are those of each document tokenised alone."""
    import litkit.text.vectorizer as V
    from collections import Counter
    saved = V._BLOCK
    V._BLOCK = block
    try:
        v = TextVectorizer(min_df=1, max_df=1.0, max_features=10**6, fit_sample=10**6,
                           n_jobs=n_jobs)
        X = v.fit_transform(docs)
    finally:
        V._BLOCK = saved
    per_doc = [Counter(tokenize([d]).hash.tolist()) for d in docs]
    df = Counter(h for c in per_doc for h in c)
    if not df:
        return
    hashes = v._index.to_numpy()
    assert sorted(hashes.tolist()) == sorted(df)
    assert v.df_.tolist() == [df[h] for h in hashes.tolist()]
    col = {h: j for j, h in enumerate(hashes.tolist())}
    for i, c in enumerate(per_doc):
        row = X.getrow(i)
        assert sorted(row.indices.tolist()) == sorted(col[h] for h in c)
    # a feature's text is the text of one of its occurrences
    for j, h in enumerate(hashes.tolist()):
        i = next(i for i, c in enumerate(per_doc) if h in c)
        tok = tokenize([docs[i]])
        assert v.terms_[j] in tok.text(np.flatnonzero(tok.hash == h))

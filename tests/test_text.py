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

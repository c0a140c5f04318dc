"""Topics: a fast, deterministic, explained TF-IDF topic model, and topics over time.

Pipeline of :class:`TopicModel` (every step seeded by ``random_state``):

1. text = title + abstract (the title alone without an abstract; papers with neither get no topic);
2. :class:`litkit.text.TextVectorizer`: words and adjacent-word bigrams, English + scholarly stop
   words, sublinear, L2-normalised TF-IDF, vocabulary limits that adapt to corpus size;
3. LSA: a randomized truncated SVD fitted on a sample of documents (at most ``svd_sample``), every
   document projected on it and L2-normalised, so that cosine similarity is a dot product;
4. topics as graph communities (``method="graph"``, the default): on a seeded sample of at most
   ``graph_sample`` papers, each paper is linked to its ``n_neighbors`` most similar papers, and
   the k Leiden communities of that graph (igraph; modularity, its resolution searched until
   there are k; of ``n_init`` runs with successive seeds, the one that agrees best with the
   others) are the topics, so that a large field with
   sub-fields stays one topic and small distinctive fields get theirs (:mod:`._graph`). With
   ``method="kmeans"``, or when no resolution gives k, spherical k-means (k-means++ seeding,
   ``n_init`` starts, the lowest inertia kept) instead;
5. self-training in term space: a few hard-EM steps of a multinomial naive Bayes on the full
   TF-IDF rows, started from those topics, assign the papers outside the graph sample and move
   papers across topic borders (the LSA space keeps only the main directions of the vocabulary;
   rare but telling terms count here); new papers are assigned by that classifier. A paper's
   membership strength is its cosine similarity to its topic's centroid in the LSA space;
6. topic labels from class-based distinctiveness: terms much more frequent in a topic than in the
   corpus (``p(t|topic) * log(p(t|topic) / p(t))``), bigrams preferred over their words.

Above ``large_threshold`` papers the vocabulary, SVD and centroids are learnt from an evenly spaced
sample and all papers are then assigned chunk by chunk, so memory stays bounded (a progress bar shows
when ``verbose=True`

Modules: :mod:`.model` (:class:`TopicModel`), :mod:`._graph` (nearest-neighbour graph, Leiden
communities), :mod:`._cluster` (k-means, naive Bayes, refit agreement), :mod:`._choose_k`, :mod:`._describe` (terms, labels), :mod:`.stability`,
:mod:`.time` (topics over time, emerging topics), :mod:`.map`.
"""

from .map import topic_map
from .model import TopicModel
from .stability import Stability, topic_stability
from .time import emerging_topics, topics_over_time

__all__ = ["TopicModel", "topic_stability", "topics_over_time", "emerging_topics", "topic_map",
           "Stability"]

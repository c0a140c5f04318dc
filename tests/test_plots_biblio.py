"""Figures of the bibliometric analyses: ax= honoured, Axes out, empty inputs draw, data text
never read as mathtext."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import litkit  # noqa: E402
from conftest import FIXTURES  # noqa: E402
from litkit import plots  # noqa: E402
from litkit.schema import from_records  # noqa: E402


@pytest.fixture(scope="module")
def inputs():
    p = litkit.read(FIXTURES / "wos" / "wos_plain_500.txt")
    return {
        "most_cited": litkit.most_cited(p),
        "citations_per_year": litkit.citations_by_year(p),
        "bradford": litkit.bradford(p),
        "keyword_network": litkit.keyword_graph(p, n=40),
        "thematic_map": litkit.thematic_map(p),
        "country_production": litkit.country_stats(p),
        "country_collaboration": litkit.country_graph(p),
        "historiograph": litkit.citation_graph(p, n=25),
        "cocitation_network": litkit.cocitation_graph(p, n=30),
        "three_fields": litkit.three_fields(p, n=6),
    }


def empty_inputs():
    t = from_records([{"id": "a", "title": "x"}])
    return {
        "most_cited": litkit.most_cited(t), "citations_per_year": litkit.citations_by_year(t),
        "bradford": litkit.bradford(t), "keyword_network": litkit.keyword_graph(t),
        "thematic_map": litkit.thematic_map(t), "country_production": litkit.country_stats(t),
        "country_collaboration": litkit.country_graph(t), "historiograph": litkit.citation_graph(t),
        "cocitation_network": litkit.cocitation_graph(t), "three_fields": litkit.three_fields(t),
    }


NAMES = sorted(plots.biblio.__all__)


@pytest.mark.parametrize("name", NAMES)
def test_draws_on_the_given_axes(inputs, name):
    fig, (left, right) = plt.subplots(1, 2)
    try:
        ax = getattr(plots, name)(inputs[name], ax=right)
        assert ax is right
        assert right.has_data() or right.patches or right.collections or right.texts
        assert not left.has_data()
        assert right.get_title(loc="left")
    finally:
        plt.close(fig)


@pytest.mark.parametrize("name", NAMES)
def test_without_ax_a_new_figure_and_empty_inputs_draw_quietly(name):
    before = plt.get_fignums()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = getattr(plots, name)(empty_inputs()[name])
    try:
        assert ax.figure.number not in before
        ax.figure.canvas.draw()
    finally:
        plt.close(ax.figure)


def test_figures_show_their_tables(inputs):
    ax = plots.most_cited(inputs["most_cited"], n=5)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == inputs["most_cited"]["label"].head(5).astype(str).tolist()   # first at the top
    plt.close(ax.figure)
    ax = plots.bradford(inputs["bradford"], n=10)
    assert [p.get_width() for p in ax.patches[:10]] == inputs["bradford"]["papers"].head(10).astype(float).tolist()
    plt.close(ax.figure)
    ax = plots.thematic_map(inputs["thematic_map"])
    assert len(ax.collections[0].get_offsets()) == len(inputs["thematic_map"])
    plt.close(ax.figure)
    H = inputs["historiograph"]
    ax = plots.historiograph(H)
    xs = sorted({x for x, _ in ax.collections[0].get_offsets()})
    assert xs == sorted({d["year"] for _, d in H.nodes(data=True)})
    plt.close(ax.figure)


def test_dollars_in_data_are_dollars():
    t = from_records([{"id": "a", "title": "Costs of $5 and $10 models", "year": 2020, "citations": 3,
                       "authors": ["Ann $Lee$"], "venue": "J $ Money", "keywords": ["$x$", "y"]}])
    for ax in (plots.most_cited(litkit.most_cited(t)), plots.bradford(litkit.bradford(t)),
               plots.keyword_network(litkit.keyword_graph(t))):
        ax.figure.canvas.draw()            # mathtext would fail or eat the dollars
        shown = [x.get_text() for x in ax.get_yticklabels()] + [x.get_text() for x in ax.texts]
        assert any("$" in s for s in shown)
        plt.close(ax.figure)

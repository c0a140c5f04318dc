"""litkit.plots: every figure honours ax=, returns it, leaves pyplot's state alone (render times: bench/)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import litkit  # noqa: E402
from conftest import DATA  # noqa: E402
from litkit import plots  # noqa: E402
from litkit.authors import authors_per_paper  # noqa: E402
from litkit.periods import period_of  # noqa: E402


@pytest.fixture(scope="module")
def tables():
    p = litkit.read(DATA / "arxiv-sample.jsonl.gz")
    a = litkit.authorships(p)
    topic = pd.Series(pd.factorize(p["categories"].str[0], sort=True)[0] % 10, index=p.index, name="topic")
    per = pd.DataFrame({"period": period_of(p, "quarter").astype(str), "topic": topic})
    tot = per.value_counts().rename("count").reset_index()
    tot["share"] = tot["count"] / tot.groupby("period")["count"].transform("sum")
    rng = np.random.default_rng(0)
    xy = pd.DataFrame({"x": rng.normal(size=len(p)) + topic, "y": rng.normal(size=len(p)), "topic": topic})
    return {
        "publications": litkit.shares_over_time(p, "categories", "quarter", top=8),
        "publications_plain": litkit.counts_by_period(p, "month"),
        "shares": litkit.shares_over_time(p, "categories", "quarter", top=4),
        "rising_terms": litkit.rising_terms(p),
        "top_authors": litkit.author_stats(p, authorships=a),
        "lotka": litkit.lotka(p, authorships=a),
        "coauthor_network": litkit.coauthor_graph(p, authorships=a),
        "topics_over_time": tot,
        "topic_map": xy,
        "authors_per_paper": authors_per_paper(p),
    }


def _draw(name, table, ax=None):
    fn = getattr(plots, name.replace("_plain", ""))
    return fn(table, ax=ax)


NAMES = ["publications", "publications_plain", "shares", "rising_terms", "top_authors", "lotka",
         "coauthor_network", "topics_over_time", "topic_map", "authors_per_paper"]


@pytest.mark.parametrize("name", NAMES)
def test_draws_on_the_given_axes_and_leaves_pyplot_alone(tables, name):
    plt.close("all")
    current = plt.figure()                                  # a user's current figure
    before = plt.get_fignums()
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    out = _draw(name, tables[name], ax=ax)
    fig.canvas.draw()                                       # the full Agg render (timed in bench/)
    assert out is ax
    assert plt.get_fignums() == before and plt.gcf() is current and not current.axes
    assert ax.get_title(loc="left")                         # titled
    if name not in ("coauthor_network", "topic_map"):
        assert ax.get_xlabel() and (ax.get_ylabel() or name in ("rising_terms", "top_authors"))
    plt.close("all")


@pytest.mark.parametrize("name", ["publications", "lotka", "topics_over_time"])
def test_without_ax_a_new_figure_is_made(tables, name):
    plt.close("all")
    current = plt.figure()
    out = _draw(name, tables[name])
    assert out.figure is not current and not current.axes
    assert len(plt.get_fignums()) == 2
    plt.close("all")


def test_figures_show_their_tables(tables):
    fig = Figure()
    ax = fig.add_subplot()
    t = tables["publications_plain"]
    plots.publications(t, ax=ax)
    heights = [b.get_height() for b in ax.patches if b.get_height() > 0]
    assert heights == t.loc[t["count"] > 0, "count"].astype(float).tolist()
    hatched = [bool(b.get_hatch()) for b in ax.patches[:len(t)]]
    assert hatched == t["incomplete"].tolist()              # incomplete periods are hatched
    fig = Figure()
    ax = fig.add_subplot()
    lt = tables["lotka"]
    plots.lotka(lt, ax=ax)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert f"{lt.attrs['exponent']:.2f}" in ax.get_legend().get_texts()[1].get_text()
    fig = Figure()
    ax = fig.add_subplot()
    plots.top_authors(tables["top_authors"], ax=ax, n=5)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == tables["top_authors"]["name"].head(5).tolist()      # most productive on top


def test_palette_is_okabe_ito():
    assert plots.PALETTE[:2] == ["#0072B2", "#E69F00"] and len(set(plots.PALETTE)) == 8


def test_degenerate_tables_draw_without_errors_or_warnings():
    import warnings

    from litkit.schema import from_records
    p = from_records([{"id": "a", "title": "x", "authors": ["Ann Lee", "Bob Ray"], "year": 2020},
                      {"id": "b", "title": "y", "authors": ["Cid Moe"], "year": 2021}])
    undated = from_records([{"id": "c", "title": "z", "authors": ["Dan Fox"]}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lt = litkit.lotka(p)                               # everyone has one paper: no fit
        assert np.isnan(lt.attrs["exponent"])
        for fn, t in [(plots.lotka, lt), (plots.top_authors, litkit.author_stats(p)),
                      (plots.coauthor_network, litkit.coauthor_graph(p))]:
            fig = Figure()
            ax = fig.add_subplot()
            assert fn(t, ax=ax) is ax
            fig.canvas.draw()
    with pytest.warns(UserWarning, match="no year"):
        empty = litkit.counts_by_period(undated, by="source")
    assert len(empty) == 0 and empty.attrs["undated"] == 1
    fig = Figure()
    ax = fig.add_subplot()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plots.publications(empty, ax=ax)
        fig.canvas.draw()


def test_dollar_signs_in_data_are_shown_not_parsed_as_mathtext():
    from litkit.schema import from_records
    p = from_records([{"id": f"p{i}", "title": "x", "year": 2020 + i % 2,
                       "authors": ["$\\alpha$ Smith", "Jane $Doe$"]} for i in range(4)])
    stats = litkit.author_stats(p)
    fig = Figure()
    ax = fig.add_subplot()
    plots.top_authors(stats, ax=ax)
    fig.canvas.draw()                                   # mathtext would raise or render alpha
    shown = [t for t in ax.get_yticklabels() if t.get_text()]
    assert shown and all(not t._preprocess_math(t.get_text())[1] for t in shown)
    assert {t._preprocess_math(t.get_text())[0] for t in shown} == set(stats["name"].head(15))
    fig = Figure()
    ax = fig.add_subplot()
    plots.coauthor_network(litkit.coauthor_graph(p), ax=ax)
    fig.canvas.draw()
    notes = [t for t in ax.texts]
    assert notes and all(not t._preprocess_math(t.get_text())[1] for t in notes)


def test_topic_map_with_25_topics_colours_the_largest_and_labels_the_centres():
    rng = np.random.default_rng(0)
    sizes = np.arange(25, 0, -1) * 4                     # topic 0 largest
    topic = np.repeat(np.arange(25), sizes)
    xy = pd.DataFrame({"x": rng.normal(size=len(topic)) * 0.1 + topic, "y": rng.normal(size=len(topic)) * 0.1,
                       "topic": topic})
    names = {k: f"topic {k} $x$" for k in range(25)}
    fig = Figure()
    ax = fig.add_subplot()
    plots.topic_map(xy, ax=ax, names=names, xlabel="first direction", ylabel="second direction")
    fig.canvas.draw()
    assert ax.get_xlabel() == "first direction" and ax.get_ylabel() == "second direction"
    labels = {t._preprocess_math(t.get_text())[0]: t for t in ax.texts}
    assert len(labels) == 25
    # each label points at its topic's centre, nudged off the others (a line leads back)
    for k in (0, 3, 24):
        a = labels[f"topic {k} $x$"]
        assert a.xy == pytest.approx((np.median(xy.loc[xy.topic == k, "x"]),
                                      np.median(xy.loc[xy.topic == k, "y"])))
    from matplotlib.text import Text
    boxes = []                                    # label centres and sizes, in pixels
    for t in ax.texts:
        size = Text.get_window_extent(t)          # the text alone (an annotation's includes its line)
        cx, cy = ax.transData.transform(t.xy) + np.array(t.xyann) * fig.dpi / 72
        boxes.append((cx, cy, size.width, size.height))
    overlaps = sum(abs(a[0] - b[0]) * 2 < a[2] + b[2] and abs(a[1] - b[1]) * 2 < a[3] + b[3]
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert overlaps <= 2
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "17 smaller topics"
    assert [l.replace("\\$", "$") for l in legend[1:]] == [names[k] for k in range(8)]
    colours = {tuple(c.get_facecolor()[0][:3]) for c in ax.collections}
    assert len(colours) == 9                             # 8 palette colours + grey


def test_heatmap_colour_scale_is_robust_to_one_extreme_cell():
    # a one-paper period puts 100 % in one cell; the other 49 cells hold 10 %
    t = pd.DataFrame({"period": np.repeat(["2001", "2002", "2003", "2004", "2005"], 10),
                      "topic": np.tile(np.arange(10), 5),
                      "share": [1.0] + [0.0] * 9 + [0.1] * 40})
    fig = Figure()
    ax = fig.add_subplot()
    plots.topics_over_time(t, ax=ax)
    vmin, vmax = ax.images[0].get_clim()
    assert vmin == 0 and vmax == pytest.approx(0.1 + 0.02 * 0.9)
    ax2 = Figure().add_subplot()
    plots.topics_over_time(t, ax=ax2, robust=False)
    assert ax2.images[0].get_clim() == (0.0, 1.0)

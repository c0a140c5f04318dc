"""Interactive exploration in JupyterLab with ipywidgets, degrading to static output.

``topic_explorer(papers, model)``: pick a topic to see its distinctive terms, its most
representative papers and its trend; filter by year range and category. Without a widget
front end (papermill reports, nbval, a terminal) pass ``interactive=False`` to get the same
view as static tables for the first topic.

Either way the result displays itself: make the call the last expression of a cell (not inside
an ``if`` block, where nothing would show it).
"""

from __future__ import annotations

import html

import pandas as pd


def _topic_view(papers: pd.DataFrame, labels: pd.Series, topics: pd.DataFrame, topic,
                years=None, category=None, n_papers: int = 8) -> dict[str, pd.DataFrame]:
    mask = labels == topic
    sel = papers.loc[mask.fillna(False).to_numpy()]
    if years is not None:
        lo, hi = years
        sel = sel[sel["year"].between(lo, hi).fillna(False).to_numpy()]
    if category:
        sel = sel[sel["categories"].map(lambda c: category in c).to_numpy()]
    row = topics.loc[topics["topic"] == topic].iloc[0]
    terms = row.get("top_terms", [])
    if isinstance(terms, str):
        terms = [t.strip() for t in terms.split(",")]
    info = pd.DataFrame({"topic": [topic], "label": [row.get("label")], "papers": [len(sel)],
                         "top terms": [", ".join(list(terms)[:12])]})
    rep_ids = list(row.get("representative", row.get("representative_ids", [])) or [])
    ordered = sel.set_index("id")
    reps = [i for i in rep_ids if i in ordered.index]
    rest = [i for i in ordered.index if i not in set(reps)]
    chosen = (reps + rest)[:n_papers]
    papers_tbl = ordered.loc[chosen, ["title", "year"]].reset_index() if chosen else \
        pd.DataFrame(columns=["id", "title", "year"])
    trend = sel.groupby("year").size().rename("papers").reset_index() if len(sel) else \
        pd.DataFrame(columns=["year", "papers"])
    return {"topic": info, "papers": papers_tbl, "trend": trend}


class TopicView(dict):
    """The static explorer: tables ``topic``, ``papers`` and ``trend`` (a dict), shown as HTML."""

    def _repr_html_(self) -> str:
        return _html_tables(self)

    def __repr__(self) -> str:
        info = self["topic"].iloc[0]
        return f"topic {info['topic']}: {info['label']}"


def _html_tables(view: dict[str, pd.DataFrame]) -> str:
    # to_html escapes cell text, so markup in titles shows as text
    return "".join(f"<h4>{html.escape(name)}</h4>" + t.to_html(index=False, escape=True)
                   for name, t in view.items())


def topic_explorer(papers: pd.DataFrame, model, *, interactive: bool = True):
    """Explore fitted topics: a topic picker, a year-range slider and a category filter.

    For the chosen topic the view shows three tables: ``topic`` (its id, label, number of
    papers and first 12 top terms), ``papers`` (up to 8: the model's representative papers
    first, then the topic's other papers in table order; ``id``, ``title``, ``year``) and
    ``trend`` (its papers per year). The year range (inclusive) and the category (papers
    whose ``categories`` hold it; the first 200 categories in alphabetical order are offered)
    narrow all three. The slider starts at the full range of years and always applies, so
    the interactive view leaves out papers without a year (the static view keeps them in
    ``topic`` and ``papers``); it is left out when no paper has a year.

    Parameters
    ----------
    papers : pandas.DataFrame
        The papers table the model was fitted on (``labels_`` is aligned with its rows).
    model : litkit.TopicModel
        A fitted model (``labels_`` and ``topics_``).
    interactive : bool
        ``False`` returns static tables for the first topic of ``model.topics_`` (for
        reports and tests), unfiltered.

    Returns
    -------
    ipywidgets.VBox or TopicView
        The controls above an HTML view that follows them; or, when not interactive, a
        :class:`TopicView` (a dict of the three DataFrames that displays as HTML tables).

    See Also
    --------
    litkit.TopicModel : The model whose ``labels_`` and ``topics_`` are shown.

    Examples
    --------
    >>> papers = litkit.read(litkit.data.RESEARCHER_PROFILE)
    >>> model = litkit.TopicModel(n_topics=2, stability_runs=0).fit(papers)
    >>> view = litkit.topic_explorer(papers, model, interactive=False)
    >>> list(view), view["papers"].columns.tolist(), view["trend"].columns.tolist()
    (['topic', 'papers', 'trend'], ['id', 'title', 'year'], ['year', 'papers'])
    >>> int(view["trend"]["papers"].sum()) == int(view["topic"].loc[0, "papers"])
    True

    With a widget front end (JupyterLab) the same call without ``interactive=False``:

    >>> box = litkit.topic_explorer(papers, model)
    >>> [type(control).__name__ for control in box.children[0].children]
    ['Dropdown', 'IntRangeSlider', 'Dropdown']
    """
    labels = model.labels_
    topics = model.topics_
    first = topics["topic"].iloc[0]
    if not interactive:
        return TopicView(_topic_view(papers, labels, topics, first))
    import ipywidgets as w
    options = [(f"{t}: {lab}", t) for t, lab in zip(topics["topic"], topics["label"])]
    pick = w.Dropdown(options=options, value=first, description="topic")
    years = papers["year"].dropna()
    if len(years):
        lo, hi = int(years.min()), int(years.max())
        span = w.IntRangeSlider(value=(lo, hi), min=lo, max=max(hi, lo + 1), description="years")
    else:
        span = None
    cats = sorted({c for cs in papers["categories"] for c in cs})
    cat = w.Dropdown(options=[("all", "")] + [(c, c) for c in cats[:200]], value="",
                     description="category")
    out = w.HTML()

    def refresh(*_):
        view = _topic_view(papers, labels, topics, pick.value,
                           span.value if span is not None else None, cat.value or None)
        out.value = _html_tables(view)

    for ctl in (pick, span, cat):
        if ctl is not None:
            ctl.observe(refresh, names="value")
    refresh()
    controls = [c for c in (pick, span, cat) if c is not None]
    return w.VBox([w.HBox(controls), out])

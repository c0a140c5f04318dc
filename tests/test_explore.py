import pandas as pd

from litkit import schema
from litkit.explore import _html_tables, _topic_view, topic_explorer


class FakeModel:
    def __init__(self, papers):
        self.labels_ = pd.Series([0, 0, 1, pd.NA], index=papers.index, dtype="Int64")
        self.topics_ = pd.DataFrame({"topic": [0, 1], "size": [2, 1], "label": ["graphs", "<b>x</b>"],
                                     "top_terms": [["graph", "node"], ["x"]],
                                     "representative": [["r:2"], ["r:3"]]})


def _papers():
    return schema.from_records([
        {"id": "r:1", "title": "A graph paper", "year": 2020, "categories": ["cs.LG"]},
        {"id": "r:2", "title": "<script>alert(1)</script> graphs", "year": 2021, "categories": ["cs.AI"]},
        {"id": "r:3", "title": "Other", "year": 2021, "categories": ["cs.AI"]},
        {"id": "r:4", "title": None, "year": 2022},
    ])


def test_topic_view_filters_and_orders_representatives_first():
    papers = _papers()
    m = FakeModel(papers)
    view = _topic_view(papers, m.labels_, m.topics_, 0)
    assert view["papers"]["id"].tolist() == ["r:2", "r:1"]
    assert view["trend"].to_dict("list") == {"year": [2020, 2021], "papers": [1, 1]}
    assert _topic_view(papers, m.labels_, m.topics_, 0, years=(2021, 2022))["papers"]["id"].tolist() == ["r:2"]
    assert _topic_view(papers, m.labels_, m.topics_, 0, category="cs.LG")["papers"]["id"].tolist() == ["r:1"]


def test_markup_in_data_is_escaped_in_the_view():
    papers = _papers()
    m = FakeModel(papers)
    page = _html_tables(_topic_view(papers, m.labels_, m.topics_, 0))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_widget_and_static_forms():
    papers = _papers()
    m = FakeModel(papers)
    box = topic_explorer(papers, m)
    pick = box.children[0].children[0]
    html_out = box.children[1]
    assert "A graph paper" in html_out.value
    pick.value = 1
    assert "Other" in html_out.value and "A graph paper" not in html_out.value
    static = topic_explorer(papers, m, interactive=False)
    assert static["topic"]["papers"].tolist() == [2]

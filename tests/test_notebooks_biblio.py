"""Notebooks 06 (citations and sources) and 07 (keywords and themes) on a real Web of Science
export: run through papermill, every analysis produces output, none is skipped, nothing raises."""

import json
import shutil

import pytest

from conftest import FIXTURES, ROOT

NB = ROOT / "litkit" / "notebooks"


def run(name, corpus, tmp_path):
    papermill = pytest.importorskip("papermill")
    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(str(NB / f"{name}.ipynb"), str(out), parameters={"corpus": str(corpus)},
                               cwd=str(NB), progress_bar=False, kernel_name="python3")
    nb = json.loads(out.read_text())
    texts, images = [], 0
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            assert o["output_type"] != "error", o.get("evalue")
            assert not (o["output_type"] == "stream" and o["name"] == "stderr"), "".join(o["text"])
            data = o.get("data", {})
            images += "image/png" in data
            texts.append("".join(o.get("text", "")) + "".join(data.get("text/plain", "")))
    return "\n".join(texts), images


@pytest.fixture(scope="module")
def wos_copy(tmp_path_factory):
    d = tmp_path_factory.mktemp("wos")
    return shutil.copy(FIXTURES / "wos" / "wos_plain_500.txt", d / "savedrecs.txt")


def test_citations_and_sources_on_wos(wos_copy, tmp_path):
    text, images = run("06_citations_and_sources", wos_copy, tmp_path)
    assert "Skipped because" not in text
    assert images >= 5                   # most cited, per year, Bradford, historiograph, co-citation
    assert "IEEE TRANSACTIONS ON MAGNETICS" in text and "h_index" in text
    assert "13,444 citations of" in text                       # one row per cited reference
    assert "Most locally cited" in text


def test_keywords_and_themes_on_wos(wos_copy, tmp_path):
    text, images = run("07_keywords_and_themes", wos_copy, tmp_path)
    assert "Skipped because" not in text
    assert "analysed: keywords" in text and "bit-patterned media" in text
    assert images >= 3 and "quadrant" in text and "inclusion" in text

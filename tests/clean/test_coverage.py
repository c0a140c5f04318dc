"""Coverage: filled shares per source and field, and the hints."""

import pandas as pd
import pytest

import litkit
import litkit.data
from litkit.clean import coverage


@pytest.fixture(scope="module")
def sample():
    return litkit.read(litkit.data.ARXIV_SAMPLE)


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


def test_coverage_of_the_profile_listing(fixtures):
    """The listing shows three authors and "et al." on every paper (20 "et al." lines in the
    file, one of them inside an abstract), no DOIs and no keywords."""
    papers = litkit.read(fixtures / "listing" / "researcher-profile.txt")
    cov = coverage(papers).set_index("field")
    assert (cov["source"] == "listing").all() and (cov["records"] == 19).all()
    assert cov.loc["title", "share"] == 1 and pd.isna(cov.loc["title", "hint"])
    assert cov.loc["authors_complete", "filled"] == 0
    assert "19 of 19" in cov.loc["authors_complete", "hint"]
    assert cov.loc["doi", "hint"].startswith("this profile listing export has no DOIs")
    assert "no keywords" in cov.loc["keywords", "hint"]
    assert cov["share"].between(0, 1).all()

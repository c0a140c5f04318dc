import pandas as pd
import pytest

import litkit
from litkit import schema


def test_from_records_builds_every_column_with_its_dtype():
    df = schema.from_records([{"title": "  A   title ", "authors": ["A B"], "year": 2020,
                               "date": pd.Timestamp("2020-05-01"), "source": "x",
                               "source_ref": "f:1", "id": "x:1"}, {"id": "x:2", "title": "B"}])
    assert list(df.columns) == list(schema.COLUMNS)
    assert str(df["year"].dtype) == "Int64" and df["year"].isna().tolist() == [False, True]
    assert df["authors"].tolist() == [["A B"], []]
    assert df["extra"].tolist() == [{}, {}]
    assert df["abstract"].isna().all()
    litkit.validate(df)


def test_empty_table_is_valid():
    litkit.validate(schema.empty_papers())


def test_unknown_field_is_refused():
    with pytest.raises(litkit.SchemaError, match="unknown papers-table field"):
        schema.from_records([{"titel": "typo"}])


def test_validate_names_the_problems():
    df = schema.from_records([{"id": "a", "title": "t"}])
    bad = df.assign(authors=["not a list"], year=["2020"])
    with pytest.raises(litkit.SchemaError) as err:
        litkit.validate(bad)
    assert "authors" in str(err.value) and "year" in str(err.value)
    with pytest.raises(litkit.SchemaError, match="repeated id"):
        litkit.validate(pd.concat([df, df], ignore_index=True), unique_ids=True)


def test_make_id_prefers_doi_then_arxiv_then_a_stable_hash():
    assert schema.make_id("10.1/x", "2401.00001") == "doi:10.1/x"
    assert schema.make_id(None, "2401.00001") == "arxiv:2401.00001"
    a = schema.make_id(None, None, "ris", "A  Title")
    assert a == schema.make_id(None, None, "ris", "a title") and a.startswith("ris:")

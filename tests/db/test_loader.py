"""The loader against the real test Neo4j: idempotent, batched, complete."""

import pytest

from orggraph.store.loader import graph_counts, load, write_rows_one_by_one
from seed.load import load_seed

pytestmark = pytest.mark.usefixtures("seeded")


def test_loading_a_town_again_changes_no_count(store):
    before = graph_counts(store)
    report = load_seed(store, only="350304100")  # 西天尾镇, with 东星社区, and the skeleton
    assert report.rows["areas"] > 500
    assert graph_counts(store) == before


def test_one_row_per_transaction_gives_the_same_graph_as_batches(store):
    rows = [{"key": f"test_tmp_category_{i}", "label": "临时"} for i in range(20)]
    try:
        write_rows_one_by_one(store, "categories", rows)
        once = graph_counts(store)
        load(store, [{"categories": rows}])
        assert graph_counts(store) == once
    finally:
        store.driver.execute_query(
            "MATCH (c:Category) WHERE c.key STARTS WITH 'test_tmp_' DELETE c",
            database_=store.database)


def test_unknown_row_kinds_are_refused_before_writing(store):
    with pytest.raises(ValueError, match="no loader"):
        load(store, [{"bogus": [{"x": 1}]}])


def test_residents_roll_up_to_the_city(store):
    records, _, _ = store.driver.execute_query("""
        MATCH (c:City {code: '350300'})
        CALL () { MATCH (u:Unit) WHERE u.code STARTS WITH '3503' RETURN sum(u.residents) AS units }
        RETURN c.residents AS city, units
        """, database_=store.database)
    row = records[0]
    assert row["city"] == row["units"] > 1_000_000

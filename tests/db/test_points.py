"""The ranking's points, weighed in Neo4j from the rules' table, against each leader's points
entry by entry (their steps read one by one and weighed by the rules in Python)."""

from __future__ import annotations

from orggraph import stats
from orggraph.auth import Caller

XIALIN = "350302003"
ADMIN = Caller.of("test", "admin", "350300", name="test points")


def test_the_ranking_weighs_every_leader_as_their_own_entries_do(seeded):
    ranked = stats.leaders_with_points(seeded, XIALIN, "2022-05")
    assert len(ranked) > 500
    late = unchecked = 0
    for leader in ranked:
        mine = stats.leader_points(seeded, ADMIN, leader["person"]["id"], month="2022-05")
        assert mine["points"] == leader["points"], leader
        late += sum(e["rule"] == "late" for e in mine["entries"])
        unchecked += len(mine["flagged_self_closed"])
    # The month has late steps and unchecked self-settlements: the rules that take points
    # away or hold them back were weighed too.
    assert late > 0 and unchecked > 0


def test_the_ranking_from_columns_ranks_as_the_rules_rank_rows(seeded):
    """The API ranks straight from the statement's columns (``stats.ranked_leaders``); that
    must be :func:`orggraph.points.ranking`'s order, ranks and stars, ties included."""
    from orggraph import points

    rows = points.ranking(stats.leaders_with_points(seeded, XIALIN, "2022-05"))
    assert len({r["points"] for r in rows}) < len(rows)  # ties, so their order is tried
    assert [r.shown() for r in stats.ranked_leaders(seeded, XIALIN, "2022-05")[0]] == rows
    assert stats.ranked_leaders(seeded, XIALIN, "1999-01") == ([], None)

"""Secondee placements on a small hand-made network: the gain is the drop in the grid's score,
counted with the people really in charge there, and every placement says why."""

import networkx as nx
import pytest

from orggraph.analyses.recommend import recommend_secondees
from orggraph.analyses.staffing import understaffed_grids


def network() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_node("c", kind="area", tier="community", name="c", secondees=[])
    # "full": 300 residents, a grid leader, a unit leader and a secondee of its own (three
    # in charge, 100 residents each, under the norm of 150): nothing missing.
    G.add_node("full", kind="area", tier="grid", name="满员网格", residents=300,
               grid_leaders=[{"id": "gl"}], party_orgs=["po"], secondees=[{"id": "s"}])
    G.add_node("u1", kind="area", tier="unit", unit_leaders=[{"id": "ul1"}])
    G.add_edge("u1", "full", kind="part_of")
    # "thin": 600 residents, one unit leader, no grid leader and nobody seconded nearby.
    G.add_node("d", kind="area", tier="community", name="d", secondees=[])
    G.add_node("thin", kind="area", tier="grid", name="薄弱网格", residents=600,
               grid_leaders=[], party_orgs=["po"], secondees=[])
    G.add_node("u2", kind="area", tier="unit", unit_leaders=[{"id": "ul2"}])
    G.add_edge("u2", "thin", kind="part_of")
    G.add_edge("full", "c", kind="part_of")
    G.add_edge("thin", "d", kind="part_of")
    return G


def test_the_people_in_charge_are_counted_once():
    rows = {r["grid"]["code"]: r for r in understaffed_grids(network())}
    assert rows["full"]["staff"] == {"grid_leaders": 1, "unit_leaders": 1, "secondees": 1,
                                     "in_charge": 3}
    assert rows["full"]["residents_per_staff"] == 100.0 and rows["full"]["reasons"] == []
    assert rows["thin"]["staff"]["in_charge"] == 1


def test_a_placement_drops_the_score_by_what_one_more_person_changes():
    placed = {p["grid"]["code"]: p
              for p in recommend_secondees(understaffed_grids(network()), n=2)}
    # full: 300/3/150 before, 300/4/150 after; a secondee is already nearby.
    assert placed["full"]["score_drop"] == pytest.approx(300 / 3 / 150 - 300 / 4 / 150, abs=1e-3)
    # thin: 600/1/150 before, 600/2/150 after, and the 0.5 for nobody seconded nearby.
    assert placed["thin"]["score_drop"] == pytest.approx(600 / 150 - 300 / 150 + 0.5, abs=1e-3)
    assert list(placed) == ["thin", "full"]  # the larger drop first


def test_every_placement_says_why():
    placed = {p["grid"]["code"]: p["reason"]
              for p in recommend_secondees(understaffed_grids(network()), n=2)}
    assert placed["full"] == ("满员网格: 100 residents per person in charge, 75 with one more "
                              "(norm 150)")
    assert placed["thin"].startswith("薄弱网格: no grid leader; 600 residents per person")


def test_each_further_secondee_in_a_grid_gains_less_and_is_counted():
    rows = understaffed_grids(network())
    placed = {p["grid"]["code"]: p for p in recommend_secondees(rows, n=3, per_grid=2)}
    # thin's second secondee (2 to 3 people: 600/2/150 - 600/3/150) outgains full's first
    # (300/3/150 - 300/4/150), so three go two to thin and one to full.
    assert {c: p["secondees"] for c, p in placed.items()} == {"thin": 2, "full": 1}
    assert placed["thin"]["score_drop"] == pytest.approx(600 / 150 - 600 / 3 / 150 + 0.5,
                                                         abs=1e-3)
    four = {p["grid"]["code"]: p for p in recommend_secondees(rows, n=4, per_grid=2)}
    assert four["full"]["secondees"] == 2
    assert four["full"]["score_drop"] == pytest.approx(300 / 3 / 150 - 300 / 5 / 150, abs=1e-3)
    assert four["full"]["reason"] == ("满员网格: 100 residents per person in charge, 60 with "
                                      "2 more (norm 150)")


def test_no_grid_takes_more_than_per_grid():
    placed = recommend_secondees(understaffed_grids(network()), n=5, per_grid=1)
    assert [p["secondees"] for p in placed] == [1, 1]

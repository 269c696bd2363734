"""The published points rules: every rule named, the star shares in order."""

from orggraph import points


def test_every_rule_has_a_name_and_every_name_a_rule():
    assert set(points.RULE_NAMES) == set(points.RULES)


def test_published_rules_are_the_rules_and_shares_rise_to_everyone():
    published = points.published_rules()
    assert {r["rule"]: r["points"] for r in published["rules"]} == points.RULES
    shares = [s["top_share"] for s in published["stars"]]
    assert shares == sorted(shares) and shares[-1] == 1.0
    assert [s["stars"] for s in published["stars"]] == [5, 4, 3, 2, 1]

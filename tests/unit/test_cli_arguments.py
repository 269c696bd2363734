"""The console script refuses a bad area code or category before it opens a database: the
person gets the option's name and the rule at once, not a server started for nothing."""

import pytest
from click.testing import CliRunner

from orggraph.cli import main

# Nothing listens here: a command that reached for the database would fail differently.
NOWHERE = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"}


@pytest.mark.parametrize(("args", "option"), [
    (["escalate", "--unit", "123", "--category", "housing"], "--unit"),
    (["escalate", "--unit", "350302003003001001", "--category", "weather"], "--category"),
    (["analyze", "gaps", "--within", "3503"], "--within"),
    (["analyze", "gaps", "--kind", "nope"], "--kind"),
    (["analyze", "understaffed", "--scope", "35030x"], "--scope"),
    (["analyze", "reachability", "--category", "weather"], "--category"),
    (["events", "sweep", "--within", "1"], "--within"),
    (["events", "stats", "--within", "350302003003001"], None),
    (["token", "create", "--role", "reader", "--scope", "putian"], "--scope"),
    (["import", "pairings", __file__, "--scope", "12"], "--scope"),
])
def test_bad_arguments_are_refused_before_any_database(args, option):
    result = CliRunner().invoke(main, args, env=NOWHERE)
    if option is None:  # a well-formed code goes on to the database, which is not there
        assert result.exit_code != 0 and "Invalid value" not in result.output
        return
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output
    assert "Neo4j" not in result.output

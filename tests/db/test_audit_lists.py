"""The audit list's counts: with no entity to test they come from the area-code index or the
label's count, and must equal a count of the whole log in every scope."""

import pytest

from orggraph import audit
from orggraph.auth import Caller
from orggraph.paging import PageRequest
from orggraph.tokens import create_token

pytestmark = pytest.mark.usefixtures("seeded")


def whole_log_count(store, prefix: str, entity: str | None) -> int:
    return store.driver.execute_query(
        "MATCH (a:Audit) WHERE (a.area_code IS NULL AND $p = '' OR a.area_code STARTS WITH $p) "
        "AND ($e IS NULL OR a.entity = $e) RETURN count(a) AS n", p=prefix, e=entity,
        database_=store.database).records[0]["n"]


@pytest.mark.parametrize("scope", [None, "350300", "350302", "350302003"])
@pytest.mark.parametrize("entity", [None, "token"])
def test_totals_equal_a_count_of_the_whole_log(store, scope, entity):
    # Tokens are audited with their scope's code, so the suite has some in every scope here.
    if scope:
        create_token(store, role="reader", scope=scope, name=f"test audit {scope}")
    caller = Caller.of("test", "admin", scope, name="test audit")
    total = audit.list_audit(store, caller, PageRequest(page=1, page_size=5),
                             entity=entity)["total"]
    expected = whole_log_count(store, caller.scope.prefix, entity)
    assert total == expected and expected > 0


def test_the_count_plan_reads_the_log_only_for_an_entity():
    assert audit.count_plan("", None) == "audit/count_audit_all"
    assert audit.count_plan("350302", None) == "audit/count_audit_in_scope"
    assert audit.count_plan("350302", "token") == "audit/count_audit"
    assert audit.count_plan("", "token") == "audit/count_audit"

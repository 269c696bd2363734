import pytest

from orggraph import codes
from orggraph.errors import InvalidInput
from orggraph.scope import Scope


@pytest.mark.parametrize("code, tier, parent", [
    ("350300", "city", None),
    ("350304", "district", "350300"),
    ("350322", "district", "350300"),
    ("350304100", "town", "350304"),
    ("350304100001", "community", "350304100"),
    ("350304100001001", "grid", "350304100001"),
    ("350304100001001001", "unit", "350304100001001"),
])
def test_tier_and_parent_follow_from_the_code(code, tier, parent):
    assert codes.tier_of(code) == tier
    assert codes.parent_of(code) == parent
    if parent:
        assert code.startswith(codes.prefix(parent))


@pytest.mark.parametrize("bad", ["", "35", "3503041", "35030410000a", "３５０３００", None, 350300,
                                 "350304100001' OR 1=1", "1" * 19])
def test_malformed_codes_are_refused_with_a_field_message(bad):
    with pytest.raises(InvalidInput) as e:
        codes.check(bad, "within")
    assert "within" in e.value.errors


def test_scope_narrows_within_and_is_empty_when_disjoint():
    district = Scope("350304")
    assert district.within(None) == "350304"
    assert district.within("350304100001") == "350304100001"
    assert district.within("350300") == "350304"  # asking for the city sees only the district
    assert district.within("350302") is None
    assert Scope().within("350300") == "3503"
    assert Scope().prefix == ""

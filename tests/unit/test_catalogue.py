"""The Cypher catalogue: every file is one statement, used by the code, and every name asked for
exists (style: queries in files, loaded once, tested on their own)."""

import re

import pytest

from orggraph.config import PROJECT_ROOT
from orggraph.queries import Catalogue
from orggraph.store.loader import STATEMENT

NAME = re.compile(r"""["']([a-z_]+/[a-z_]+)["']""")


def _names_in_code() -> set[str]:
    found = set()
    for folder in ("orggraph", "api", "seed"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            found |= set(NAME.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_statement_is_used_and_every_name_exists():
    catalogue = Catalogue.load()
    used = _names_in_code() | set(STATEMENT.values())
    used = {n for n in used if n.split("/")[0] in {p.split("/")[0] for p in catalogue}}
    schema = set(catalogue.group("schema"))  # applied as a folder
    assert used - set(catalogue) == set(), "names asked for but missing"
    assert set(catalogue) - used - schema == set(), "statements nobody uses"


def test_files_hold_one_statement_and_a_header(tmp_path):
    for name, text in Catalogue.load().items():
        assert text.startswith("//"), f"{name} needs a header comment"
    (tmp_path / "two.cypher").write_text("// x\nRETURN 1;\nRETURN 2")
    with pytest.raises(ValueError, match="more than one"):
        Catalogue.load(tmp_path)


def test_unknown_name_says_so():
    with pytest.raises(KeyError, match="no Cypher statement named"):
        Catalogue.load()["areas/nothing_here"]


def test_no_statement_is_formatted_from_values():
    """Statements are used as they are in the files: no format() or f-string reaches them."""
    for path in (PROJECT_ROOT / "orggraph").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"queries\[[^\]]+\]\s*(\.format|%|\+)", text), path


def test_the_event_listings_return_the_same_fields():
    """The three plans of the events list (orggraph.events.list_plan) are separate statements,
    each writing out the fields it returns; a field added to one must be added to all."""
    catalogue = Catalogue.load()
    returned = {name: catalogue[name][catalogue[name].index("\nRETURN "):]
                for name in ("events/list_events", "events/list_events_wide",
                             "events/list_events_of_status")}
    assert len(set(returned.values())) == 1, returned
    assert "collected_at: e.collected_at.epochMillis" in returned["events/list_events"]

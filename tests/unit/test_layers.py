"""Imports point inward: only orggraph.store talks to Neo4j; the API never reaches past orggraph."""

import ast

from orggraph.config import PROJECT_ROOT


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module)
    return out


def _files(folder):
    return list((PROJECT_ROOT / folder).rglob("*.py"))


def test_only_the_store_imports_the_driver():
    for path in _files("orggraph") + _files("api") + _files("seed"):
        if "store" in path.relative_to(PROJECT_ROOT).parts[:2]:
            continue
        assert not any(m == "neo4j" or m.startswith("neo4j.") for m in _imports(path)), path


def test_core_never_imports_the_entry_points():
    entry = {PROJECT_ROOT / "orggraph" / "serving.py"}
    for path in _files("orggraph"):
        if path in entry or path.parent.name == "cli":
            continue
        mods = _imports(path)
        assert not any(m.split(".")[0] in {"api", "seed", "flask", "click"} for m in mods), path


def test_the_api_does_not_touch_cypher_files():
    for path in _files("api"):
        text = path.read_text(encoding="utf-8")
        assert ".cypher" not in text and "orggraph.queries" not in text, path


def test_modules_stay_small():
    """Modules under about 300 lines (docs/decisions.md: a newcomer reads one at a sitting);
    a module outgrowing that is split by concept, as orggraph.events and orggraph.cli are."""
    for path in _files("orggraph") + _files("api") + _files("seed"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 300, f"{path.relative_to(PROJECT_ROOT)} has {lines} lines"

"""Query arguments parsed once per distinct query string, unknown names refused by name
(api.views.parsing)."""

from __future__ import annotations

import pytest
from flask import Flask
from marshmallow import Schema, fields, post_load, validate
from werkzeug.exceptions import UnprocessableEntity

from api.views.parsing import ArgumentParser


class Args(Schema):
    community = fields.String(validate=validate.Length(equal=12))
    page = fields.Integer(load_default=1)
    codes = fields.List(fields.String())

    loads = 0

    @post_load
    def count(self, data, **kwargs):
        Args.loads += 1
        return data


SIZE = 3


@pytest.fixture
def parse():
    app = Flask(__name__)
    parser = ArgumentParser(size=SIZE)
    schema = Args()
    Args.loads = 0

    def parse(query: str):
        with app.test_request_context(f"/?{query}"):
            from flask import request
            return parser.parse(schema, request, location="query")
    return parse


def test_a_query_string_is_parsed_once(parse):
    first = parse("community=350302003001")
    assert first == {"community": "350302003001", "page": 1}
    first["page"] = 99  # what a view does to its copy stays there
    assert parse("community=350302003001") == {"community": "350302003001", "page": 1}
    assert Args.loads == 1
    assert parse("community=350302003002&page=2") == {"community": "350302003002", "page": 2}
    assert Args.loads == 2


def test_refused_every_time(parse):
    for _ in range(2):
        with pytest.raises(UnprocessableEntity):
            parse("community=35")


def test_an_undeclared_parameter_is_refused_by_name(parse):
    with pytest.raises(UnprocessableEntity) as refused:
        parse("comunity=350302003001&limit=2&page=1")
    messages = refused.value.data["messages"]["query"]
    assert sorted(messages) == ["comunity", "limit"]
    assert "did you mean community?" in messages["comunity"][0]
    assert "did you mean" not in messages["limit"][0]
    assert "this endpoint takes community, page, codes" in messages["limit"][0]


def test_an_unknown_body_field_is_named_with_what_the_body_takes():
    app = Flask(__name__)
    with app.test_request_context("/", method="POST", json={"comunity": "x", "page": 2}):
        from flask import request
        with pytest.raises(UnprocessableEntity) as refused:
            ArgumentParser().parse(Args(), request, location="json")
    messages = refused.value.data["messages"]["json"]
    assert messages == {"comunity": [
        "not a field here; did you mean community? the body takes community, page, codes"]}


def test_a_lenient_parser_drops_undeclared_parameters():
    app = Flask(__name__)
    lenient = ArgumentParser(strict=False)
    with app.test_request_context("/?jurisdiction_id=putian&page=2"):
        from flask import request
        assert lenient.parse(Args(), request, location="query") == {"page": 2}
    with app.test_request_context("/", method="POST", data={"lat": "25.4", "page": "3"}):
        assert lenient.parse(Args(), request, location="form") == {"page": 3}


def test_lists_are_not_kept(parse):
    a = parse("codes=1&codes=2")
    a["codes"].append("3")
    assert parse("codes=1&codes=2")["codes"] == ["1", "2"]
    assert Args.loads == 2


def test_the_table_is_bounded(parse):
    for i in range(SIZE + 2):
        parse(f"page={i + 1}")
    parse("page=1")
    # page=1 had been dropped when the table filled, so it was parsed again
    assert Args.loads == SIZE + 3


def query_schemas():
    """Every endpoint's query schema, as flask-smorest recorded it."""
    from api import create_app

    app = create_app()
    for endpoint, view in app.view_functions.items():
        cls = getattr(view, "view_class", None)
        methods = [getattr(cls, m) for m in ("get", "post", "put") if hasattr(cls, m)] \
            if cls else [view]
        for method in methods:
            for p in getattr(method, "_apidoc", {}).get("arguments", {}).get("parameters", []):
                if p.get("in") == "query":
                    yield endpoint, p["schema"]


def test_query_schemas_depend_on_the_query_string_alone():
    """What the parser keeps is right only if nothing else goes into a result: no default
    computed at parse time (today's date, the caller), no hook that could read such things."""
    seen = list(query_schemas())
    assert len(seen) >= 10
    for endpoint, schema in seen:
        for name, field in schema.fields.items():
            assert not callable(field.load_default), (endpoint, name)
        hooks = [k for k, v in schema._hooks.items() if v and "validates" not in str(k)]
        assert not hooks, (endpoint, hooks)

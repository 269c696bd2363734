"""Hostile input on every parameter and body field of every operation in the OpenAPI document:
never a 5xx, nothing written, and no Cypher built from request values (every statement the
driver receives is a catalogue statement, word for word).

Each request carries one hostile value; everything else in it is well formed but points at
things that do not exist, so that no request can legitimately write.
"""

from __future__ import annotations

import json
import threading

import neo4j
import pytest

from orggraph.queries import Catalogue

HOSTILE = [
    "' OR 1=1 //", '"}) MATCH (n) DETACH DELETE n //', "`x` MATCH (n) RETURN n", "$scope",
    "//", "/*", "\\", "{}", "[]", "null", "\x00", "a\x00b", "😀🧨" * 20, "x" * 100_000,
    "9" * 400, "-1", "1e309", "NaN", "<script>alert(1)</script>", "../../etc/passwd", "%00",
    "350300' OR '1'='1", "CALL db.clearQueryCaches()", "\u202e\u2066", " ",
]
# Well-formed values that name nothing stored.
DEFAULTS = {
    "code": "350302003007999999", "unit_code": "350302003007999999", "community_code":
    "350302003999", "community": "350302003999", "area": "350302003999", "area_code":
    "350302003999", "within": "350302003999", "unit": "350302003007999999",
    "agency_id": "no-such-agency", "agency": "no-such-agency", "person_id": "no-such-person",
    "reported_by": "no-such-person", "by": "no-such-person", "person": "no-such-person",
    "pid": "no-such", "lid": "no-such", "sid": "no-such", "event_id": "no-such",
    "org_id": "no-such", "request_id": "no-such", "service_code": "dispute",
    "category": "dispute", "action": "preprocess", "since": "2001-01-01", "until": "2001-01-02",
    "date": "2001-01-01", "active_on": "2001-01-01", "from": "2001-01-01", "to": "2001-01-02",
    "month": "2001-01", "role": "staff", "kind": "pairings", "title": "t", "funded_by": "f",
    "amount": 1, "summary": "s", "description": "d", "account_id": "no-such-person",
    "address_id": "350302003007999999", "name": "某某", "page": 1, "page_size": 5,
}
SKIP_PARAMS = {"api_key"}


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def _fields(spec: dict, op: dict) -> tuple[str | None, dict]:
    content = op.get("requestBody", {}).get("content", {})
    for media, body in content.items():
        schema = _resolve(spec, body.get("schema", {}))
        return media, schema.get("properties", {})
    return None, {}


def _default(name: str, schema: dict):
    if name in DEFAULTS:
        return DEFAULTS[name]
    kind = schema.get("type")
    return {"integer": 1, "number": 1, "boolean": False, "array": []}.get(kind, "x")


def _cases(spec: dict):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method not in ("get", "post", "put"):
                continue
            params = [p for p in op.get("parameters", []) if p["in"] in ("path", "query")
                      and p["name"] not in SKIP_PARAMS]
            media, body = _fields(spec, op)
            places = [("param", p["name"]) for p in params] + [("body", f) for f in body]
            for where, name in places:
                for value in HOSTILE:
                    yield method, path, params, media, body, where, name, value


def _request(api, method, path, params, media, body, where, name, value):
    url = path.replace("/api/v1", "", 1)
    query = {}
    for p in params:
        v = value if (where, name) == ("param", p["name"]) else _default(p["name"],
                                                                          p.get("schema", {}))
        if p["in"] == "path":
            url = url.replace("{" + p["name"] + "}", str(v).replace("/", "%2F")
                              .replace("?", "%3F").replace("#", "%23"))
        elif p.get("required") or (where, name) == ("param", p["name"]):
            query[p["name"]] = v
    payload = {f: (value if (where, name) == ("body", f) else _default(f, s))
               for f, s in body.items()}
    kw = {"params": query}
    if media == "application/json":
        kw["json"] = payload
    elif media == "multipart/form-data":
        kw["data"] = {k: v for k, v in payload.items() if k != "file"}
        kw["files"] = {"file": ("roster.csv", f"agency_id,community_code,since\n{value},x,y\n")}
    elif media:
        kw["data"] = payload
    return api.request(method.upper(), "/api/v1" + url, **kw)


def _counts(store) -> tuple[int, int]:
    with store.driver.session(database=store.database) as s:
        n = s.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        r = s.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
    return n, r


@pytest.fixture
def statements(monkeypatch):
    """Every query text the driver is asked to run while the test runs."""
    seen: list[str] = []
    lock = threading.Lock()

    def spy(original):
        def run(self, query, *args, **kwargs):
            with lock:
                seen.append(query if isinstance(query, str) else str(query))
            return original(self, query, *args, **kwargs)
        return run

    monkeypatch.setattr(neo4j.Session, "run", spy(neo4j.Session.run))
    monkeypatch.setattr(neo4j.ManagedTransaction, "run", spy(neo4j.ManagedTransaction.run))
    return seen


@pytest.mark.slow
def test_hostile_values_everywhere_never_5xx_and_write_nothing(api, seeded, statements):
    spec = api.get("/api/v1/openapi.json", token=None).json()
    before = _counts(seeded)
    statements.clear()  # the counts above are the test's own queries
    failures, sent = [], 0
    for case in _cases(spec):
        method, path, *_, where, name, value = case
        r = _request(api, *case)
        sent += 1
        if r.status_code >= 500:
            failures.append((method, path, where, name, repr(value)[:40], r.status_code))
        elif r.status_code >= 400 and "json" in r.headers.get("Content-Type", ""):
            body = r.json()
            detail = body.get("detail") if isinstance(body, dict) else body[0]["description"]
            assert detail, (method, path, name)
    assert not failures, failures[:20]
    assert sent > 1000
    catalogue = set(Catalogue.load().values())
    ran = set(statements)
    assert ran, "the requests reached the database"
    built = [q for q in ran if q not in catalogue]
    assert not built, f"statements not from cypher/: {built[:3]}"
    for value in HOSTILE:  # (a value that is also catalogue text, like "$scope", proves nothing)
        if len(value) > 3 and not any(value in c for c in catalogue):
            assert not any(value in q for q in ran), f"{value!r} reached a query's text"
    assert _counts(seeded) == before


def test_the_spy_sees_what_the_app_runs(api, statements):
    """The check above is only as good as its spy: a lookup must show up in it."""
    assert api.get("/api/v1/areas/350300").status_code == 200
    assert any("MATCH" in q for q in statements)
    assert json.dumps(statements, ensure_ascii=False)


def _any_ids(path: str) -> str:
    """The path with its placeholders' names as ids: what is checked is refused before any
    lookup."""
    return path.replace("{", "").replace("}", "")


def _json_operations(spec: dict):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method not in ("post", "put", "patch"):
                continue
            media, body = _fields(spec, op)
            if media == "application/json" and body:
                yield method, path, body


def test_a_body_that_is_not_an_object_is_refused_with_the_fields_it_takes(api):
    spec = api.get("/api/v1/openapi.json", token=None).json()
    checked = 0
    for method, path, body in _json_operations(spec):
        url = _any_ids(path)
        for wrong in ([], "x", 3):
            r = api.request(method.upper(), url, json=wrong)
            assert r.status_code == 422, (method, path, wrong, r.status_code)
            said = r.json()["errors"]["body"][0]
            assert said.startswith("send a JSON object"), (method, path, said)
            takes = [f for f, sch in body.items() if not _resolve(spec, sch).get("readOnly")]
            assert all(f in said for f in takes), (method, path, said)
        checked += 1
    assert checked >= 10


def test_a_body_nested_too_deeply_is_refused_as_json_that_does_not_parse(api):
    # Python's decoder gives up on nesting some thousand deep (RecursionError): a 500 before.
    spec = api.get("/api/v1/openapi.json", token=None).json()
    deep = b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    checked = 0
    for method, path, _ in _json_operations(spec):
        r = api.request(method.upper(), _any_ids(path), data=deep,
                        headers={"Content-Type": "application/json"})
        assert r.status_code == 400, (method, path, r.status_code, r.text[:200])
        assert "nested too deeply" in r.json()["detail"], r.json()
        checked += 1
    assert checked >= 10


def test_a_body_larger_than_the_api_takes_is_413_and_not_read(api, seeded):
    from api.hygiene import MAX_BODY_BYTES

    before = _counts(seeded)
    huge = b'{"summary": "' + b"x" * MAX_BODY_BYTES + b'"}'
    for method, path in (("POST", "/api/v1/events"), ("POST", "/api/v1/event-batches"),
                         ("POST", "/api/v1/pairings")):
        r = api.request(method, path, data=huge, headers={"Content-Type": "application/json"})
        assert r.status_code == 413, (path, r.status_code, r.text[:200])
        assert f"larger than {MAX_BODY_BYTES // 2**20} MB" in r.json()["detail"]
    assert _counts(seeded) == before


def test_every_date_refuses_an_impossible_day_with_the_form_it_takes(api):
    spec = api.get("/api/v1/openapi.json", token=None).json()
    checked = set()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method != "get":
                continue
            for p in op.get("parameters", []):
                if p["in"] == "query" and p.get("schema", {}).get("format") == "date":
                    url = _any_ids(path)
                    r = api.get(url, params={p["name"]: "2022-02-30"})
                    assert r.status_code == 422, (path, p["name"], r.status_code)
                    assert r.json()["errors"][p["name"]] == [
                        "a date, YYYY-MM-DD, that is on the calendar (e.g. 2022-06-20)"]
                    checked.add(p["name"])
    for method, path, body in _json_operations(spec):
        dates = [f for f, s in body.items() if _resolve(spec, s).get("format") == "date"]
        for name in dates:
            url = _any_ids(path)
            r = api.request(method.upper(), url, json={name: "2022/06/20"})
            assert r.status_code == 422, (method, path, name, r.status_code)
            assert "YYYY-MM-DD" in r.json()["errors"][name][0], (method, path, name)
            checked.add(name)
    assert {"active_on", "from", "to", "since", "until", "date"} <= checked, checked

"""Every list can be had whole as a CSV or XLSX file (``?format=csv|xlsx``): the same rows as
its JSON pages, in the token's scope, titled by the columns' paths."""

import csv
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from orggraph.cli import main as cli
from orggraph.store import connection

# path, query, token, the columns the file must have, and how to read one row's area code.
LISTS = [
    ("/api/v1/areas", {"within": "350302003", "tier": "community"}, "reader",
     ["code", "name", "tier", "residents", "parent_code"], "code"),
    ("/api/v1/areas/350302003/children", {}, "reader", ["code", "name", "tier"], "code"),
    ("/api/v1/agencies", {"within": "350302003", "category": "housing"}, "reader",
     ["id", "name", "tier", "jurisdiction_code", "categories"], None),
    ("/api/v1/events", {"within": "350302003003"}, "platform",
     ["id", "unit_code", "category", "status", "reported_by_name", "collected_at"], "unit_code"),
    ("/api/v1/audit", {"entity": "token"}, "org_chengxiang",
     ["at", "actor", "action", "entity", "entity_id", "area_code"], "area_code"),
    ("/api/v1/secondments", {"within": "350302003", "active_on": "2030-01-01"}, "reader",
     ["id", "person_id", "person_name", "role", "area_code", "since"], "area_code"),
    ("/api/v1/leaders/ranking", {"within": "350302003", "month": "2022-05"}, "reader",
     ["rank", "person_name", "unit_code", "points", "stars"], "unit_code"),
    # (a date filter too: the count and the rows are two reads of the same filters)
    ("/api/v1/linkages", {"within": "350302", "active_on": "2030-01-01"}, "reader",
     ["id", "agency_id", "agency_name", "area_code", "area_name", "since", "until"], "area_code"),
]
ANALYSES = [
    ("/api/v1/analyses/coverage-gaps", {"within": "350302003"},
     ["kind", "area_code", "area_name", "detail"], "area_code"),
    ("/api/v1/analyses/understaffed-grids", {"within": "350302003", "limit": 30},
     ["grid_code", "grid_name", "residents", "staff_unit_leaders", "score", "reasons"],
     "grid_code"),
    ("/api/v1/analyses/reachability", {"within": "350302003", "category": "housing"},
     ["community_code", "community_name", "category", "reachable", "hours"], "community_code"),
]


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    header, *rows = list(sheet.iter_rows(values_only=True))
    # (openpyxl's read-only rows stop at their last filled cell)
    return [dict(zip(header, [*r, *[None] * (len(header) - len(r))], strict=True))
            for r in rows]


def whole_list(api, path, params, token) -> list[dict]:
    items, page = [], 1
    while True:
        body = api.get(path, params={**params, "page": page, "page_size": 500},
                       token=token).json()
        items += body["items"]
        if len(items) >= body["total"]:
            return items
        page += 1


@pytest.mark.parametrize("path, params, token, columns, code", LISTS,
                         ids=[x[0].split("/v1/")[1] for x in LISTS])
def test_a_list_exports_whole_in_both_formats(api, path, params, token, columns, code):
    expected = whole_list(api, path, params, token)
    assert expected, "a test of an empty export would prove little"
    rows = csv_rows(api.get(path, params={**params, "format": "csv"}, token=token))
    assert set(columns) <= set(rows[0])
    assert len(rows) == len(expected)
    # Same rows in the same order: the first column is each item's id (code, rank, time).
    first = columns[0]
    assert [r[first] for r in rows] == [str(x[first]) for x in expected]
    if code:  # nothing outside the token's scope
        scope = params.get("within", "3503")
        assert all(r[code].startswith(scope) for r in rows if r[code])
    book = xlsx_rows(api.get(path, params={**params, "format": "xlsx"}, token=token))
    assert len(book) == len(expected) and set(columns) <= set(book[0])


@pytest.mark.parametrize("path, params, columns, code", ANALYSES,
                         ids=[x[0].split("/analyses/")[1] for x in ANALYSES])
def test_an_analysis_exports_whole(api, path, params, columns, code):
    answer = api.get(path, params=params, token="analyst").json()
    expected = answer["items"] if isinstance(answer, dict) else answer
    assert expected
    rows = csv_rows(api.get(path, params={**params, "format": "csv", "page_size": 1}
                            if "coverage" in path else {**params, "format": "csv"},
                            token="analyst"))
    assert set(columns) <= set(rows[0]) and len(rows) == len(expected)
    assert all(r[code].startswith(params["within"]) for r in rows)
    if "understaffed" in path:  # a list in a cell: the reasons, joined
        assert rows[0]["reasons"] == "; ".join(expected[0]["reasons"])
        assert rows[0]["staff_unit_leaders"] == str(expected[0]["staff"]["unit_leaders"])
    book = xlsx_rows(api.get(path, params={**params, "format": "xlsx"}, token="analyst"))
    assert len(book) == len(expected)


def test_an_export_keeps_the_roles_rules(api):
    # A reader may not list events, as a file or otherwise; nor read the audit log.
    assert api.get("/api/v1/events", params={"format": "csv"}, token="reader"
                   ).status_code == 403
    assert api.get("/api/v1/audit", params={"format": "xlsx"}, token="reader"
                   ).status_code == 403
    # Another district's reader gets only its own areas.
    rows = csv_rows(api.get("/api/v1/areas", params={"tier": "town", "format": "csv"},
                            token="reader_licheng"))
    assert rows and all(r["code"].startswith("350304") for r in rows)


def test_an_unknown_format_is_refused_with_the_choices(api):
    r = api.get("/api/v1/areas", params={"format": "pdf"}, token="reader")
    assert r.status_code == 422 and "format" in r.json()["errors"]


def test_the_cli_writes_the_same_rows_with_the_same_titles(api, settings):
    uri, _, password = connection(settings)
    out = CliRunner().invoke(cli, ["analyze", "understaffed", "--within", "350302003",
                                   "--limit", "30", "--format", "csv"],
                             env={"NEO4J_URI": uri, "NEO4J_PASSWORD": password or ""})
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    expected = api.get("/api/v1/analyses/understaffed-grids",
                       params={"within": "350302003", "limit": 30}, token="analyst").json()
    assert [r["grid_code"] for r in rows] == [x["grid"]["code"] for x in expected]
    assert rows[0]["reasons"] == "; ".join(expected[0]["reasons"])


def test_the_cli_escalates_and_counts_gaps_as_the_api_does(api, settings):
    """``orggraph escalate`` and ``orggraph analyze gaps`` against the seed, each agreeing with
    its endpoint (the same analysis behind both, reached two ways)."""
    uri, _, password = connection(settings)
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": password or ""}
    unit = "350302003007001001"  # a unit of 坂头社区
    out = CliRunner().invoke(cli, ["escalate", "--unit", unit, "--category", "housing",
                                   "--format", "json"], env=env)
    assert out.exit_code == 0, out.output
    path = json.loads(out.stdout)
    expected = api.get("/api/v1/escalation-path", params={"unit": unit, "category": "housing"},
                       token="analyst").json()
    assert path["target"] == expected["target"] and path["hops"] == expected["hops"]
    assert path["target"]["jurisdiction"] in ("350300", "350302", "350302003")
    table = CliRunner().invoke(cli, ["escalate", "--unit", unit, "--category", "housing"],
                               env=env)
    assert table.exit_code == 0 and table.stdout.startswith(
        f"best: {expected['target']['name']}")
    out = CliRunner().invoke(cli, ["analyze", "gaps", "--within", "350302", "--format", "json"],
                             env=env)
    assert out.exit_code == 0, out.output
    gaps = json.loads(out.stdout)
    served = api.get("/api/v1/analyses/coverage-gaps", params={"within": "350302"},
                     token="analyst").json()
    assert gaps["summary"] == served["summary"] and sum(gaps["summary"].values()) > 0
    assert len(gaps["items"]) == sum(gaps["summary"].values())
    assert all(g["area"]["code"].startswith("350302") for g in gaps["items"])

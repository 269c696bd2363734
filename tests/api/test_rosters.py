"""Roster import: a 10,000-row roster with 3 bad rows is refused naming those lines and
writing nothing; corrected it loads whole; loaded again nothing changes. Exports round-trip."""

import csv
import io
import random
import time

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from orggraph.cli import main as cli
from orggraph.store import connection

from .test_partners import count

YEAR = random.Random(time.time_ns() + 1).randrange(2100, 9900)


@pytest.fixture(scope="module")
def roster(seeded):
    """10,000 (agency, community) pairs of the same district or the city with no pairing in
    the years this module uses (the test database may hold earlier runs' pairings)."""
    records, _, _ = seeded.driver.execute_query("""
        MATCH (c:Community), (g:Agency)-[:JURISDICTION]->(j:Area)
        WHERE j.code IN [left(c.code, 6), left(c.code, 4) + '00']
          AND g.kind <> 'platform_centre'
          AND NOT EXISTS { (c)<-[:ORG_OF]-(:PartyOrg)<-[:COMMUNITY_ORG]-(p:Pairing)
                           -[:AGENCY_ORG]->(:PartyOrg)-[:ORG_OF]->(g)
                           WHERE p.until IS NULL OR p.until >= date($start) }
        RETURN g.id AS agency_id, c.code AS community_code
        ORDER BY c.code, g.id LIMIT 10000""", {"start": f"{YEAR}-01-01"},
        database_=seeded.database)
    assert len(records) == 10_000
    yield [{"agency_id": r["agency_id"], "community_code": r["community_code"],
            "since": f"{YEAR}-03-01", "until": f"{YEAR}-12-31"} for r in records]
    # The pairings this module made (years YEAR to YEAR + 2) go, or they would leave the next
    # run on the same test database too few free pairs.
    with seeded.driver.session(database=seeded.database) as session:
        session.run("MATCH (p:Pairing) WHERE date($first) <= p.since <= date($last) "
                    "CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 5000 ROWS",
                    first=f"{YEAR}-01-01", last=f"{YEAR + 2}-12-31").consume()


def as_csv(rows) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, ["agency_id", "community_code", "since", "until"])
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode()


def as_xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["agency_id", "community_code", "since", "until"])
    for r in rows:
        ws.append([r["agency_id"], r["community_code"], r["since"], r["until"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(api, data: bytes, name: str, kind="pairings", token="admin"):
    return api.post("/api/v1/imports", data={"kind": kind}, files={"file": (name, data)},
                    token=token)


def test_bad_rows_refuse_the_whole_file_then_it_loads_once(api, seeded, roster):
    bad = [dict(r) for r in roster]
    bad[1]["agency_id"] = "NOSUCHAGENCY"  # line 3
    bad[4998]["since"] = f"{YEAR}-13-01"  # line 5000
    bad[9997]["community_code"] = bad[9997]["community_code"][:9]  # line 9999: a town
    before = count(seeded, "Pairing"), count(seeded, "Audit")
    version = seeded.read_one("projection/get_graph_version")  # what analyses are keyed on

    r = upload(api, as_csv(bad), "roster.csv")
    assert r.status_code == 422
    body = r.json()
    assert [e["line"] for e in body["rows"]] == [3, 5000, 9999]
    assert {e["column"] for e in body["rows"]} == {"agency_id", "since", "community_code"}
    assert "line 3" in body["errors"] and "nothing was imported" in body["detail"]
    assert (count(seeded, "Pairing"), count(seeded, "Audit")) == before
    assert seeded.read_one("projection/get_graph_version") == version

    r = upload(api, as_csv(roster), "roster.csv")
    assert r.status_code == 201, r.text
    loaded = seeded.read_one("projection/get_graph_version")
    assert loaded["changes"] == (version["changes"] or 0) + 1  # the import moved it once
    assert r.json() == {"kind": "pairings", "rows": 10_000, "created": 10_000, "unchanged": 0}
    assert count(seeded, "Pairing") == before[0] + 10_000
    assert count(seeded, "Audit") == before[1] + 10_000  # one record per change

    again = upload(api, as_xlsx(roster), "roster.xlsx")  # the same roster, as a workbook
    assert again.json() == {"kind": "pairings", "rows": 10_000, "created": 0,
                            "unchanged": 10_000}
    assert (count(seeded, "Pairing"), count(seeded, "Audit")) == (before[0] + 10_000,
                                                                  before[1] + 10_000)
    assert seeded.read_one("projection/get_graph_version") == loaded  # nothing changed


def test_rows_clashing_within_the_file_or_with_the_store_are_named(api, roster):
    first = dict(roster[0], since=f"{YEAR + 1}-01-01", until=None)
    second = dict(first, since=f"{YEAR + 1}-06-01")  # overlaps the open-ended first row
    r = upload(api, as_csv([first, second]), "x.csv")
    assert r.status_code == 422
    assert [e["line"] for e in r.json()["rows"]] == [3]
    assert "line 2" in r.json()["rows"][0]["reason"]


def test_scope_applies_to_imports(api, roster):
    outside = [r for r in roster if not r["community_code"].startswith("350302")][:2]
    r = upload(api, as_csv(outside), "x.csv", token="org_chengxiang")
    assert r.status_code == 422
    assert all(e["column"] == "community_code" for e in r.json()["rows"])
    assert upload(api, as_csv(outside), "x.csv", token="reader").status_code == 403


@pytest.mark.parametrize("name, data, field", [
    ("x.txt", b"agency_id,community_code,since\n", "format"),
    ("x.csv", b"", "file"),
    ("x.csv", b"who,what\n1,2\n", "file"),
    ("x.xlsx", b"not a workbook", "file"),
    ("x.csv", "agency_id,community_code,since\n".encode("utf-16"), "file"),
])
def test_unreadable_files_are_422(api, name, data, field):
    r = upload(api, data, name)
    assert r.status_code == 422 and field in r.json()["errors"], r.text


def test_cli_import_names_bad_lines_and_is_idempotent(settings, seeded, roster, tmp_path):
    uri, _, password = connection(settings)
    env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": password or ""}
    rows = [dict(r, since=f"{YEAR + 2}-01-01", until=f"{YEAR + 2}-06-30") for r in roster[:50]]
    path = tmp_path / "r.csv"
    path.write_bytes(as_csv([*rows, dict(rows[0], agency_id="NOPE")]))
    bad = CliRunner().invoke(cli, ["import", "pairings", str(path)], env=env)
    assert bad.exit_code != 0 and "line 52" in bad.output
    path.write_bytes(as_csv(rows))
    ok = CliRunner().invoke(cli, ["import", "pairings", str(path)], env=env)
    assert ok.exit_code == 0 and "50 created" in ok.output
    again = CliRunner().invoke(cli, ["import", "pairings", str(path)], env=env)
    assert "0 created, 50 already stored" in again.output


def test_export_csv_and_xlsx_of_a_list(api):
    r = api.get("/api/v1/pairings", params={"within": "350302003", "format": "csv"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    listed = api.get("/api/v1/pairings", params={"within": "350302003", "page_size": 500})
    assert len(rows) == listed.json()["total"] > 0
    assert {"霞林社区", "坂头社区"} <= {row["community_name"] for row in rows}
    # Each pairing's projects: how many, their titles and what they cost in all (yuan).
    by_id = {p["id"]: p["projects"] for p in listed.json()["items"]}
    for row in rows:
        projects = by_id[row["id"]]
        assert int(row["projects"]) == len(projects)
        assert row["project_titles"] == "、".join(x["title"] for x in projects)
        assert int(row["project_amount"]) == sum(x["amount"] for x in projects)
    assert any("九龙小区老人活动室" in row["project_titles"] for row in rows)
    x = api.get("/api/v1/secondments", params={"within": "350303001002", "format": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"

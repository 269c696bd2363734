"""The web page in a real headless browser: Playwright driving Debian's Chromium against the app
on a real socket. Each main screen is saved as a screenshot under ``artifacts/screens``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("ORGGRAPH_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BANTOU = "350302003007"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium "
                    "(or set ORGGRAPH_CHROMIUM)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 820}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The page's own files (the API's refusals are the tests' business), the icon included:
    # the browser fetches that one itself, so it shows only as the console's complaint.
    missing: list[str] = []
    page.on("console", lambda m: missing.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" and m.text.startswith("Failed to load resource")
            and "/api/" not in (m.location.get("url") or "") else None)
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not missing, f"the page's own files not served: {missing}"


@pytest.fixture(scope="module")
def screens(artifacts) -> Path:
    path = artifacts / "screens"
    path.mkdir(exist_ok=True)
    return path


def downloaded(page, button: str, name: str) -> list[list[str]]:
    """Click ``button`` and read the CSV file the page hands the browser."""
    with page.expect_download() as download:
        page.click(button)
    assert download.value.suggested_filename == name
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def sign_in(page, api, name: str) -> None:
    """Sign in as ``name``, signed out first if the page holds another token."""
    page.goto(api.url + "/")
    page.evaluate("sessionStorage.clear()")
    page.reload()
    page.fill("#token", api.tokens[name])
    page.click("#signin-form button")
    expect(page.locator("#who-role")).to_be_visible()


def chengxiang_agency(api, name: str) -> dict:
    return api.get(f"/api/v1/agencies?within=350302&q={name}").json()["items"][0]


def fresh_period(store, label: str, since: str) -> str:
    """``since``, a start no other test uses, with what an earlier run made from it gone (a
    pairing with its projects, which would otherwise be left without one and clash with the
    ids of the projects of the pairing made again from the same start)."""
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (x) WHERE x.since = date($since) AND $label IN labels(x) "
              "OPTIONAL MATCH (x)-[:HAS_PROJECT]->(p:Project) DETACH DELETE x, p",
              since=since, label=label).consume()
    return since


def test_search_dongxing_and_see_its_33_grids(page, api, screens):
    sign_in(page, api, "admin")
    page.goto(api.url + "/#/")
    page.fill("#search", "东星社区")
    page.click("#search-form button")
    page.locator("a.result", has_text="东星社区").first.click()
    expect(page.locator("#area-name")).to_contain_text("东星社区")
    expect(page.locator(".crumbs")).to_have_text("莆田市 › 荔城区 › 西天尾镇 › 东星社区")
    expect(page.locator("tr.child-row")).to_have_count(33)
    expect(page.locator("#count-grid")).to_have_text("33")
    page.screenshot(path=screens / "area.png", full_page=True)


def test_draw_the_escalation_path_for_a_unit_of_bantou(page, api, screens):
    unit = api.get(f"/api/v1/areas?within={BANTOU}&tier=unit&page_size=1").json()["items"][0]
    expected = api.get(f"/api/v1/escalation-path?unit={unit['code']}&category=housing").json()
    sign_in(page, api, "analyst")
    page.goto(api.url + "/#/escalation")
    page.fill("input[name=unit]", unit["code"])
    page.select_option("select[name=category]", "housing")
    page.click("#path-form button")
    expect(page.locator("#path-graph")).to_be_visible()
    expect(page.locator("#path-target")).to_have_text(expected["target"]["name"])
    expect(page.locator("#path-graph .path-node")).to_have_count(len(expected["hops"]) + 1)
    page.screenshot(path=screens / "escalation.png", full_page=True)


def test_a_units_page_leads_to_its_escalation_paths_and_records_its_events(page, api):
    """From a unit: a path for every category, drawn when followed; for those who move events,
    the collect form for that unit with its leader offered as the reporter."""
    unit = api.get(f"/api/v1/areas?within={BANTOU}&tier=unit&page_size=1").json()["items"][0]
    leader = api.get(f"/api/v1/areas/{unit['code']}").json()["leaders"][0]
    expected = api.get(f"/api/v1/escalation-path?unit={unit['code']}&category=land").json()
    sign_in(page, api, "admin")
    page.goto(api.url + f"/#/area/{unit['code']}")
    links = page.locator("#unit-paths a.path-link")
    expect(links).to_have_count(9)
    expect(page.locator("#collect-form input[name=unit_code]")).to_have_value(unit["code"])
    expect(page.locator(f"#collect-people option[value='{leader['id']}']")).to_have_count(1)
    links.filter(has_text="土地").click()
    expect(page.locator("#path-target")).to_have_text(expected["target"]["name"])
    expect(page.locator("#path-graph .path-node")).to_have_count(len(expected["hops"]) + 1)
    sign_in(page, api, "analyst")  # reads paths, records no events
    page.goto(api.url + f"/#/area/{unit['code']}")
    expect(page.locator("#unit-paths a.path-link")).to_have_count(9)
    expect(page.locator("#collect-form")).to_have_count(0)


def test_an_organization_department_creates_a_pairing_and_sees_it(page, api, screens, seeded):
    # A 城厢区 agency and community; the test's own pairing from an earlier run goes first.
    agency = api.get("/api/v1/agencies?within=350302&q=住建局").json()["items"][0]
    community = f"{BANTOU}"
    with seeded.driver.session(database=seeded.database) as s:
        s.run("MATCH (p:Pairing) WHERE p.since = date('1999-03-01') "
              "OPTIONAL MATCH (p)-[:HAS_PROJECT]->(x) DETACH DELETE p, x").consume()
    sign_in(page, api, "org_chengxiang")
    page.goto(api.url + "/#/pairings")
    form = page.locator("#create-pairing")
    form.locator("input[name=agency_id]").fill(agency["id"])
    form.locator("input[name=community_code]").fill(community)
    form.locator("input[name=since]").fill("1999-03-01")
    form.locator("input[name=until]").fill("1999-03-31")
    form.locator("button[type=submit]").click()
    expect(page.locator("#pairing-created")).to_contain_text(agency["name"])
    row = page.locator("tr.pairing-row", has_text="1999-03-01")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(agency["name"])
    page.screenshot(path=screens / "pairings-org-department.png", full_page=True)
    # The same again is refused with the reason, on the page.
    form = page.locator("#create-pairing")
    form.locator("input[name=agency_id]").fill(agency["id"])
    form.locator("input[name=community_code]").fill(community)
    form.locator("input[name=since]").fill("1999-03-01")
    form.locator("button[type=submit]").click()
    expect(page.locator("#pairing-result .error")).to_contain_text("already have a pairing")
    # The refusal is led by what it means in the page's words; the API's reason follows.
    expect(page.locator("#pairing-result .error")).to_contain_text("与已有数据冲突，未作更改：")
    # Entered in error after all: withdrawn from its row, once confirmed; the audit keeps it.
    made = [p for p in api.get("/api/v1/pairings", params={"community": community}).json()[
        "items"] if p["since"] == "1999-03-01"]
    assert len(made) == 1
    page.once("dialog", lambda d: d.accept())
    page.locator("tr.pairing-row", has_text="1999-03-01").locator(
        "button.withdraw-pairing").click()
    expect(page.locator("#withdrawn")).to_contain_text(agency["name"])
    expect(page.locator("tr.pairing-row", has_text="1999-03-01")).to_have_count(0)
    assert api.get(f"/api/v1/pairings/{made[0]['id']}").status_code == 404
    trail = api.get("/api/v1/audit", params={"entity_id": made[0]["id"]}).json()["items"]
    assert trail[0]["action"] == "withdraw"


def test_a_pairings_projects_are_added_and_withdrawn_on_the_page(page, api, seeded, screens):
    agency = chengxiang_agency(api, "卫健局")
    since = fresh_period(seeded, "Pairing", "1996-04-01")
    made = api.post("/api/v1/pairings", json={"agency_id": agency["id"], "community_code": BANTOU,
                                              "since": since, "until": "1996-12-31"})
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    sign_in(page, api, "org_chengxiang")
    page.goto(api.url + "/#/pairings")
    page.fill("#pairing-filter input[name=community]", BANTOU)
    page.click("#pairing-filter button[type=submit]")
    row = page.locator("tr.pairing-row", has_text=since)
    expect(row.locator("button.detail-pairing")).to_have_text("0 项")
    row.locator("button.detail-pairing").click()
    expect(page.locator("#projects .empty")).to_be_visible()
    form = page.locator("#add-project")
    form.locator("input[name=title]").fill("坂头社区书屋")
    form.locator("input[name=amount]").fill("12000")
    form.locator("input[name=date]").fill("1996-05-01")
    form.locator("button[type=submit]").click()
    expect(page.locator("#project-notice")).to_contain_text("坂头社区书屋")
    expect(page.locator("tr.project-row")).to_have_count(1)
    expect(page.locator("tr.project-row")).to_contain_text("12,000")
    expect(page.locator("tr.project-row")).to_contain_text(agency["name"])  # funded by, by default
    expect(row.locator("button.detail-pairing")).to_have_text("1 项")
    page.screenshot(path=screens / "pairing-projects.png", full_page=True)
    # Corrected in place: the form takes the project's values, only the amount is changed.
    page.locator("tr.project-row button.edit-project").click()
    expect(form.locator("input[name=title]")).to_have_value("坂头社区书屋")
    form.locator("input[name=amount]").fill("15000")
    form.locator("button[type=submit]").click()
    expect(page.locator("#project-notice")).to_contain_text("已修改")
    expect(page.locator("tr.project-row")).to_contain_text("15,000")
    expect(page.locator("tr.project-row")).to_contain_text("坂头社区书屋")
    assert api.get(f"/api/v1/pairings/{pid}").json()["projects"][0]["id"] == f"{pid}-p1"
    # Withdrawn once confirmed; then the row's own withdrawal, which sends the version the
    # list now shows, goes through rather than being refused as stale.
    page.once("dialog", lambda d: d.accept())
    page.locator("tr.project-row button.withdraw-project").click()
    expect(page.locator("#project-notice")).to_contain_text("已撤销")
    expect(page.locator("tr.project-row")).to_have_count(0)
    page.once("dialog", lambda d: d.accept())
    row.locator("button.withdraw-pairing").click()
    expect(page.locator("#withdrawn")).to_contain_text(agency["name"])
    assert api.get(f"/api/v1/pairings/{pid}").status_code == 404
    # The audit screen shows what the correction corrected.
    page.click("#nav a[href='#/audit']")
    page.fill("#audit-filter input[name=entity_id]", pid)
    page.click("#audit-filter button[type=submit]")
    expect(page.locator("tr.audit-row", has_text="修改共建项目").first).to_contain_text(
        "坂头社区书屋（12,000 元，" + agency["name"] + "，1996-05-01） → 坂头社区书屋（15,000 元，")
    # Newest first; earlier runs made (and removed) the same pairing, under the same id.
    trail = api.get("/api/v1/audit", params={"entity_id": pid}).json()["items"][:5]
    assert trail[1]["after"]["projects"] == [] and trail[1]["after"]["version"] == 4
    assert trail[2]["before"]["projects"][0]["amount"] == 12000
    assert trail[2]["after"]["projects"][0]["amount"] == 15000
    assert [x["action"] for x in trail] == ["withdraw", "withdraw_project", "change_project",
                                            "add_project", "create"]


def test_an_organization_department_imports_a_roster_from_the_page(page, api, seeded, screens,
                                                                  tmp_path):
    agency = chengxiang_agency(api, "文旅局")
    since = fresh_period(seeded, "Pairing", "1998-05-01")

    def pairings_then() -> int:
        return len([p for p in api.get("/api/v1/pairings", params={
            "agency": agency["id"], "active_on": since, "page_size": 500}).json()["items"]
            if p["since"] == since])

    # A file that is no roster at all: the reason, and nothing else where the rows would be.
    alien = tmp_path / "alien.csv"
    alien.write_text("foo,bar\n1,2\n", encoding="utf-8")
    sign_in(page, api, "org_chengxiang")
    page.goto(api.url + "/#/pairings")
    form = page.locator("#import-roster")
    form.locator("select[name=kind]").select_option("pairings")
    form.locator("input[name=file]").set_input_files(str(alien))
    form.locator("button[type=submit]").click()
    expect(page.locator("#import-result")).to_contain_text("community_code")
    expect(page.locator("#import-result")).not_to_contain_text("null")
    assert pairings_then() == 0

    bad = tmp_path / "roster.csv"
    bad.write_text("agency_id,community_code,since,until\n"
                   f"{agency['id']},{BANTOU},{since},1998-05-31\n"
                   f"{agency['id']},350302003003,1998-13-01,1998-06-30\n", encoding="utf-8")
    form.locator("input[name=file]").set_input_files(str(bad))
    form.locator("button[type=submit]").click()
    expect(page.locator("#import-result tr.bad-row")).to_have_count(1)
    expect(page.locator("#import-result tr.bad-row")).to_contain_text("3")  # the line
    assert pairings_then() == 0  # nothing written
    page.screenshot(path=screens / "import-refused.png")

    good = tmp_path / "roster-fixed.csv"
    good.write_text(bad.read_text(encoding="utf-8").replace("1998-13-01", "1998-05-01"),
                    encoding="utf-8")
    for created in ("新增 2 行", "新增 0 行"):  # loaded again, nothing changes
        form = page.locator("#import-roster")
        form.locator("input[name=file]").set_input_files(str(good))
        form.locator("button[type=submit]").click()
        expect(page.locator("#imported")).to_contain_text(created)
        assert pairings_then() == 2
    with page.expect_download() as download:
        page.click("#roster-template")
    header = Path(download.value.path()).read_text(encoding="utf-8-sig").strip()
    assert header == "agency_id,community_code,since,until"


def test_linkages_and_secondments_are_listed_created_and_ended_on_the_page(page, api, seeded,
                                                                         screens):
    agency = chengxiang_agency(api, "民政局")
    since = fresh_period(seeded, "Linkage", "1997-02-01")
    sign_in(page, api, "org_chengxiang")
    page.goto(api.url + "/#/partners/linkages")
    form = page.locator("#create-partner")
    form.locator("input[name=agency_id]").fill(agency["id"])
    form.locator("input[name=area_code]").fill("350302003")
    form.locator("input[name=since]").fill(since)
    form.locator("button[type=submit]").click()
    expect(page.locator("#partner-created")).to_contain_text(agency["name"])
    listed = api.get("/api/v1/linkages", params={"agency": agency["id"], "page_size": 500})
    (made,) = [x for x in listed.json()["items"] if x["since"] == since]
    assert made["until"] is None and made["area"]["code"] == "350302003"
    # End it from its row: the page asks for the date and sends the version it showed.
    page.fill("#partner-filter input[name=agency]", agency["id"])
    page.click("#partner-filter button[type=submit]")
    row = page.locator("tr.partner-row", has_text=since)
    expect(row).to_have_count(1)
    page.once("dialog", lambda d: d.accept("1997-03-31"))
    row.locator("button.end-partner").click()
    expect(page.locator("tr.partner-row", has_text="1997-03-31")).to_have_count(1)
    assert api.get(f"/api/v1/linkages/{made['id']}").json()["until"] == "1997-03-31"
    page.screenshot(path=screens / "linkages.png")
    # Secondments of 坂头社区, as many rows as the API lists.
    page.click("a[href='#/partners/secondments']")
    # The linkages screen has a filter of the same id: wait for the secondments screen to be
    # drawn (the hash changes before the page redraws) so the filter filled is the new one.
    expect(page.locator(".tabs a.active")).to_have_attribute("href", "#/partners/secondments")
    page.fill("#partner-filter input[name=within]", BANTOU)
    page.click("#partner-filter button[type=submit]")
    expected = api.get("/api/v1/secondments", params={"within": BANTOU, "page_size": 100}).json()
    expect(page.locator("#partner-total")).to_contain_text(f"共 {expected['total']} 条")
    expect(page.locator("tr.partner-row")).to_have_count(len(expected["items"]))
    page.screenshot(path=screens / "secondments.png")


def test_an_organization_department_reads_the_audit_of_its_district(page, api, seeded,
                                                                    screens):
    """Its scope's changes, newest first; one object's history with what each change changed;
    a window of days; a reversed window refused with the reason; the list exported."""
    agency = chengxiang_agency(api, "住建局")
    since = fresh_period(seeded, "Pairing", "1998-05-01")
    made = api.post("/api/v1/pairings", token="org_chengxiang", json={
        "agency_id": agency["id"], "community_code": BANTOU, "since": since,
        "until": "1998-05-31"})
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    assert api.post(f"/api/v1/pairings/{pid}/end", token="org_chengxiang",
                    json={"until": "1998-05-20"}).status_code == 200
    everything = api.get("/api/v1/audit", token="org_chengxiang").json()
    sign_in(page, api, "org_chengxiang")
    page.click("#nav a[href='#/audit']")
    expect(page.locator("#audit-total")).to_contain_text(f"共 {everything['total']} 条")
    expect(page.locator("tr.audit-row")).to_have_count(min(50, everything["total"]))
    expect(page.locator("tr.audit-row").first).to_contain_text("结束")
    page.screenshot(path=screens / "audit.png", full_page=True)
    if everything["total"] > 50:  # always so after the API tests; not when run alone, fresh
        second = api.get("/api/v1/audit", token="org_chengxiang", params={"page": 2}).json()
        page.click("button.audit-page:has-text('下一页')")
        expect(page.locator("#audit-total")).to_contain_text("第 2 /")
        expect(page.locator("tr.audit-row")).to_have_count(len(second["items"]))
    # The pairing's own history: the end first, with the date it moved, then its creation.
    history = api.get("/api/v1/audit", token="org_chengxiang",
                      params={"entity_id": pid}).json()
    page.fill("#audit-filter input[name=entity_id]", pid)
    page.click("#audit-filter button[type=submit]")
    expect(page.locator("#audit-total")).to_contain_text(f"共 {history['total']} 条")
    rows = page.locator("tr.audit-row")
    expect(rows).to_have_count(history["total"])
    expect(rows.nth(0)).to_contain_text("结束日期: 1998-05-31 → 1998-05-20")
    expect(rows.nth(1)).to_contain_text("新建")
    expect(rows.nth(1)).to_contain_text(f"{agency['name']} — ")
    lines = downloaded(page, "#audit-filter button[data-format=csv]", "audit.csv")
    assert lines[0][:2] == ["at", "actor"] and len(lines) == history["total"] + 1
    # Days before any change: nothing. A window that ends before it starts: the reason.
    page.fill("#audit-filter input[name=to]", "2000-01-01")
    page.click("#audit-filter button[type=submit]")
    expect(page.locator("#audit-total")).to_contain_text("共 0 条")
    page.fill("#audit-filter input[name=from]", "2000-01-02")
    page.click("#audit-filter button[type=submit]")
    expect(page.locator("#audit-filter + div .error")).to_contain_text("to 2000-01-01 is before")
    # A refused read says what is wrong, and not that nothing was changed.
    expect(page.locator("#audit-filter + div .error")).to_contain_text("输入有误：")
    expect(page.locator("#audit-filter + div .error")).not_to_contain_text("未作更改")


def test_an_admin_hands_out_a_token_and_revokes_it_on_the_page(page, api, screens,
                                                               monkeypatch):
    import api.auth as gate

    monkeypatch.setattr(gate, "TOKEN_CACHE_SECONDS", 0.0)
    sign_in(page, api, "admin")
    page.click("#nav a[href='#/tokens']")
    form = page.locator("#create-token")
    form.locator("select[name=role]").select_option("org_department")
    form.locator("input[name=scope]").fill("350304")
    form.locator("input[name=name]").fill("page check 荔城区组织部")
    form.locator("button[type=submit]").click()
    secret = page.locator("#token-secret").inner_text().strip()
    assert secret.startswith("og_")
    me = api.get("/api/v1/me", token=secret).json()
    assert (me["role"], me["scope"]) == ("org_department", "350304")
    row = page.locator("tr.token-row", has_text=me["token_id"])
    expect(row).to_contain_text("有效")
    expect(row).to_contain_text("page check 荔城区组织部")
    page.screenshot(path=screens / "tokens.png", full_page=True)
    # Shown once: drawn again, the page no longer has it.
    page.click("#token-filter button[type=submit]")
    expect(page.locator("#token-secret")).to_have_count(0)
    page.once("dialog", lambda d: d.accept())
    page.locator("tr.token-row", has_text=me["token_id"]).locator("button.revoke-token").click()
    expect(page.locator("tr.token-row", has_text=me["token_id"])).to_contain_text("已吊销")
    assert api.get("/api/v1/me", token=secret).status_code == 401
    # A bad scope is refused with the field named.
    form = page.locator("#create-token")
    form.locator("input[name=scope]").fill("350399")
    form.locator("button[type=submit]").click()
    expect(page.locator("#token-result .error")).to_contain_text("scope")


def test_a_token_revoked_while_signed_in_sends_the_page_back_to_sign_in(page, api, monkeypatch):
    import api.auth as gate

    monkeypatch.setattr(gate, "TOKEN_CACHE_SECONDS", 0.0)
    made = api.post("/api/v1/tokens", json={"role": "analyst", "scope": "350302",
                                            "name": "page check: lapses"}).json()
    page.goto(api.url + "/")
    page.evaluate("sessionStorage.clear()")
    page.reload()
    page.fill("#token", made["token"])
    page.click("#signin-form button")
    expect(page.locator("#who-role")).to_be_visible()
    # Revoked once the first screen has loaded, so that the next click is what meets the 401.
    page.wait_for_load_state("networkidle")
    assert api.post(f"/api/v1/tokens/{made['id']}/revoke").status_code == 200
    page.click("#nav a[href='#/gaps']")
    expect(page.locator("#signin-error")).to_contain_text("令牌已失效，请重新登录")
    expect(page.locator("#nav")).to_be_hidden()
    # Signed in again with a token that is one, the page works as before.
    sign_in(page, api, "analyst")
    page.click("#nav a[href='#/gaps']")
    expect(page.locator("#nav")).to_be_visible()
    expect(page.locator("#view")).to_contain_text("薄弱环节")


def test_a_unit_leader_is_replaced_from_the_area_page_and_the_history_kept(page, api, screens):
    from datetime import date, timedelta

    unit = "350302003007001001"  # the leader tests' unit of 坂头社区
    before = api.get(f"/api/v1/areas/{unit}/leaders/history").json()
    since = str(max(date.fromisoformat(x["since"]) for x in before) + timedelta(days=1))
    sign_in(page, api, "org_chengxiang")
    page.goto(api.url + f"/#/area/{unit}")
    expect(page.locator("tr.leader-history-row")).to_have_count(len(before))
    form = page.locator("#set-holder")
    form.locator("select[name=target]").select_option(f"area:{unit}")
    form.locator("input[name=name]").fill("页面单元长")
    form.locator("input[name=since]").fill(since)
    form.locator("button[type=submit]").click()
    expect(page.locator("#holder-set")).to_contain_text("单元长已改为页面单元长")
    expect(page.locator("tr.leader-history-row")).to_have_count(len(before) + 1)
    after = api.get(f"/api/v1/areas/{unit}/leaders/history").json()
    assert after[0]["person"]["name"] == "页面单元长" and after[0]["since"] == since
    assert after[1]["until"] == since
    # A date before the current holder started is refused on the page, with the reason.
    form = page.locator("#set-holder")
    form.locator("input[name=name]").fill("太早的人")
    form.locator("input[name=since]").fill("2000-01-01")
    form.locator("button[type=submit]").click()
    expect(page.locator("#holder-result .error")).to_contain_text("started on")
    assert len(api.get(f"/api/v1/areas/{unit}/leaders/history").json()) == len(after)
    page.screenshot(path=screens / "leader.png")


def test_a_reader_sees_no_edit_controls(page, api, screens):
    sign_in(page, api, "reader")
    page.goto(api.url + "/#/pairings")
    expect(page.locator("tr.pairing-row").first).to_be_visible()
    expect(page.locator("#create-pairing")).to_have_count(0)
    expect(page.locator(".end-pairing")).to_have_count(0)
    expect(page.locator(".withdraw-pairing")).to_have_count(0)
    expect(page.locator("#import-roster")).to_have_count(0)
    # A pairing's projects are there to read, with nothing to change them.
    page.fill("#pairing-filter input[name=community]", "350302003003")
    page.click("#pairing-filter button[type=submit]")
    page.locator("tr.pairing-row", has_text="城厢区文旅局").locator("button.detail-pairing").click()
    expect(page.locator("tr.project-row", has_text="九龙小区老人活动室")).to_contain_text("150,000")
    expect(page.locator("#add-project")).to_have_count(0)
    expect(page.locator(".withdraw-project")).to_have_count(0)
    page.goto(api.url + "/#/partners/secondments")
    expect(page.locator("tr.partner-row").first).to_be_visible()
    expect(page.locator("#create-partner")).to_have_count(0)
    expect(page.locator(".end-partner")).to_have_count(0)
    page.goto(api.url + "/#/area/350302003007001001")
    expect(page.locator("tr.leader-history-row").first).to_be_visible()
    expect(page.locator("#set-holder")).to_have_count(0)
    for hidden in ("#/gaps", "#/escalation", "#/events", "#/audit", "#/tokens"):
        expect(page.locator(f"#nav a[href='{hidden}']")).to_be_hidden()
    page.screenshot(path=screens / "pairings-reader.png", full_page=True)


def test_the_gaps_screen_ranks_grids_and_maps_the_gaps(page, api, screens):
    sign_in(page, api, "analyst")
    page.goto(api.url + "/#/gaps")
    expect(page.locator("#treemap")).to_be_visible(timeout=120_000)
    assert page.locator("#treemap rect").count() > 50
    expect(page.locator("tr.grid-row")).to_have_count(30)
    # What the worst grid lacks, in Chinese, as the API's findings say it.
    worst = api.get("/api/v1/analyses/understaffed-grids", params={"limit": 1},
                    token="analyst").json()[0]
    reasons = page.locator("tr.grid-row").first.locator("td").last.inner_text()
    assert reasons.count("；") == len(worst["findings"]) - 1
    assert not re.search("[A-Za-z]", reasons), reasons
    if any(f["kind"] == "no_grid_leader" for f in worst["findings"]):
        assert "无网格长" in reasons
    # The proposals, loaded after the rest, as many as the API makes, worded in Chinese.
    rec = api.get("/api/v1/analyses/recommendations", params={"secondees": 10},
                  token="analyst").json()
    expect(page.locator("tr.secondee-proposal")).to_have_count(len(rec["secondees"]),
                                                               timeout=120_000)
    expect(page.locator("tr.pairing-proposal")).to_have_count(len(rec["pairings"]))
    if len(rec["pairings"]) > 15:  # a long list comes folded
        expect(page.locator("tr.pairing-proposal").first).to_be_hidden()
        page.click("#pairing-proposals summary")
    expect(page.locator("tr.pairing-proposal").first).to_be_visible()
    first = page.locator("tr.pairing-proposal").first.inner_text()
    assert rec["pairings"][0]["agency"]["name"] in first
    assert not re.search("[A-Za-z]", page.locator("#recommendations").inner_text())
    page.screenshot(path=screens / "gaps.png", full_page=True)
    # The whole ranking, not only the 30 shown, as a spreadsheet.
    rows = downloaded(page, "#grids-export button[data-format=csv]", "understaffed-grids.csv")
    assert rows[0][:2] == ["grid_code", "grid_name"] and len(rows) > 31


def test_the_events_screen_lists_events_shows_a_trail_and_monthly_charts(page, api, screens):
    sign_in(page, api, "platform")
    page.goto(api.url + "/#/events")
    expect(page.locator("#month-chart")).to_be_visible(timeout=60_000)
    page.screenshot(path=screens / "events.png", full_page=True)
    # The filtered list, whole, as a CSV: as many rows as the page says there are.
    page.fill("#event-filter input[name=within]", BANTOU)
    page.click("#event-filter button[type=submit]")
    expect(page.locator("#event-total")).to_contain_text("共")
    total = int(page.locator("#event-total").inner_text().split()[1])
    rows = downloaded(page, "#event-filter button[data-format=csv]", "events.csv")
    assert rows[0][:2] == ["id", "collected_at"] and len(rows) == total + 1
    assert all(r[2].startswith(BANTOU) for r in rows[1:])
    # One category, then only its events awaiting someone else's check: as the API counts them.
    disputes = api.get("/api/v1/events", token="platform", params={
        "within": BANTOU, "category": "dispute", "page_size": 1}).json()["total"]
    unchecked = api.get("/api/v1/events", token="platform", params={
        "within": BANTOU, "category": "dispute", "needs_check": "true",
        "page_size": 1}).json()["total"]
    assert 0 < disputes < total
    page.select_option("#event-filter select[name=category]", "dispute")
    page.click("#event-filter button[type=submit]")
    expect(page.locator("#event-total")).to_contain_text(f"共 {disputes} 件")
    expect(page.locator("#event-charts .stat b").first).to_have_text(str(disputes))
    page.check("#event-filter input[name=needs_check]")
    page.click("#event-filter button[type=submit]")
    expect(page.locator("#event-total")).to_contain_text(f"共 {unchecked} 件")
    page.uncheck("#event-filter input[name=needs_check]")
    page.click("#event-filter button[type=submit]")
    page.locator("tr.clickable").first.click()
    expect(page.locator("tr.trail-row").first).to_be_visible()
    page.screenshot(path=screens / "event-trail.png", full_page=True)


def test_long_lists_are_paged_on_the_page(page, api):
    """The city's pairings and events run to many pages: each page shows the rows the API has on
    that page, the next page the next rows, and a page's buttons stop at the first and the last."""
    sign_in(page, api, "admin")
    page.goto(api.url + "/#/pairings")
    first = api.get("/api/v1/pairings", params={"page_size": 100}).json()
    pages = -(-first["total"] // 100)
    assert pages > 1, "the seed has more than one page of pairings"
    expect(page.locator("#pairing-total")).to_contain_text(
        f"共 {first['total']} 条，第 1 / {pages} 页")
    expect(page.locator("button.pairing-page:has-text('上一页')")).to_be_disabled()
    expect(page.locator("tr.pairing-row")).to_have_count(100)
    page.click("button.pairing-page:has-text('下一页')")
    second = api.get("/api/v1/pairings", params={"page_size": 100, "page": 2}).json()
    expect(page.locator("#pairing-total")).to_contain_text(f"第 2 / {pages} 页")
    expect(page.locator("tr.pairing-row").first).to_contain_text(second["items"][0]["agency"]["name"])
    expect(page.locator("tr.pairing-row").first).to_contain_text(second["items"][0]["since"])
    # A list that fits one page shows its count alone, and nothing where the buttons would be.
    one = api.get("/api/v1/pairings", params={"community": BANTOU}).json()
    assert 0 < one["total"] <= 100
    page.fill("#pairing-filter input[name=community]", BANTOU)
    page.click("#pairing-filter button[type=submit]")
    expect(page.locator("#pairing-total")).to_have_text(f"共 {one['total']} 条")
    expect(page.locator("button.pairing-page")).to_have_count(0)
    expect(page.locator("#view")).not_to_contain_text("null")
    page.goto(api.url + "/#/events")
    expect(page.locator("#event-total")).to_contain_text("，第 1 / ")
    events = api.get("/api/v1/events", params={"page_size": 50, "page": 2}).json()
    page.click("button.event-page:has-text('下一页')")
    expect(page.locator("#event-total")).to_contain_text("，第 2 / ")
    expect(page.locator("tr.clickable")).to_have_count(len(events["items"]))
    expect(page.locator("tr.clickable").first).to_contain_text(events["items"][0]["summary"])
    page.click("button.event-page:has-text('上一页')")
    expect(page.locator("#event-total")).to_contain_text("，第 1 / ")


def test_a_platform_centre_records_an_event_and_moves_it_up_on_the_page(page, api, screens,
                                                                       settings):
    """The event is recorded with its unit's leader offered as reporter; each step offered is
    one the workflow allows now; a step by an unknown person is refused with the reason and
    records nothing; the steps taken are the trail the API gives, every one with its person."""
    unit = api.get("/api/v1/areas", params={"within": BANTOU, "tier": "unit",
                                            "page_size": 1}).json()["items"][0]
    leader = api.get(f"/api/v1/areas/{unit['code']}").json()["leaders"][0]
    secretary = next(x for x in api.get(f"/api/v1/areas/{BANTOU}").json()["leaders"]
                     if x["role"] == "secretary")
    sign_in(page, api, "platform")
    page.goto(api.url + "/#/events")
    page.fill("#collect-form input[name=unit_code]", unit["code"])
    page.press("#collect-form input[name=unit_code]", "Tab")
    expect(page.locator(f"#collect-people option[value='{leader['id']}']")).to_have_count(1)
    page.select_option("#collect-form select[name=category]", "public_facility")
    page.fill("#collect-form input[name=summary]", "坂头路灯损坏")
    page.fill("#collect-form input[name=reported_by]", leader["id"])
    page.click("#collect-form button")
    expect(page.locator("#event-status")).to_have_text("已采集")
    event_id = page.url.rsplit("/", 1)[1]
    actions = page.locator("#step-form select[name=action] option")
    expect(actions).to_have_count(1)
    expect(actions).to_have_attribute("value", "preprocess")
    page.fill("#step-form input[name=by]", "p-nobody")
    page.click("#step-form button")
    expect(page.locator("#step-result .error")).to_contain_text(
        "输入有误，未作更改：no person p-nobody")
    assert len(api.get(f"/api/v1/events/{event_id}").json()["trail"]) == 1
    page.fill("#step-form input[name=by]", leader["id"])
    page.click("#step-form button")
    expect(page.locator("#step-done")).to_have_text("已完成：预处理")
    page.select_option("#step-form select[name=action]", "escalate")
    page.select_option("#step-up", "community")  # a unit may go straight to its community
    page.fill("#step-form input[name=by]", leader["id"])
    page.click("#step-form button")
    expect(page.locator("#step-done")).to_have_text("已完成：上报")
    page.select_option("#step-form select[name=action]", "assess")
    page.fill("#step-form input[name=by]", secretary["id"])
    page.click("#step-form button")
    expect(page.locator("#step-done")).to_have_text("已完成：研判")
    stored = api.get(f"/api/v1/events/{event_id}").json()
    offered = page.locator("#step-form select[name=action] option")
    expect(offered).to_have_count(len(stored["next_actions"]))
    assert "dispatch" in stored["next_actions"]
    assert [(s["action"], s["by"]["id"]) for s in stored["trail"]] == [
        ("collect", leader["id"]), ("preprocess", leader["id"]), ("escalate", leader["id"]),
        ("assess", secretary["id"])]
    assert stored["level"] == "community" and stored["status"] == "assessed"
    expect(page.locator("tr.trail-row")).to_have_count(4)
    expect(page.locator("tr.trail-row").nth(2)).to_contain_text("→ 村居")
    page.screenshot(path=screens / "event-steps.png", full_page=True)
    partner = next(p["agency"] for p in api.get("/api/v1/pairings", params={
        "community": BANTOU, "page_size": 100}).json()["items"] if p["until"] is None)
    sent = api.post(f"/api/v1/events/{event_id}/steps", json={
        "action": "dispatch", "by": secretary["id"], "to": partner["id"]})
    assert sent.status_code == 200, sent.text
    late = datetime.fromisoformat(sent.json()["due_at"]) + timedelta(hours=1)
    subprocess.run([sys.executable, "-m", "orggraph.cli", "--instance", settings.instance,
                    "events", "sweep", "--now", late.isoformat(), "--within", unit["code"]],
                   capture_output=True, text=True, timeout=120, check=True)
    # The audit shows each step as what it changed, in the data's words.
    sign_in(page, api, "admin")
    page.goto(api.url + "/#/audit")
    page.fill("#audit-filter input[name=entity_id]", event_id)
    page.click("#audit-filter button[type=submit]")
    rows = page.locator("tr.audit-row")
    expect(rows).to_have_count(6)
    change = dict(zip(rows.locator("td:nth-child(3)").all_inner_texts(),
                      rows.locator("td:last-child").all_inner_texts(), strict=True))
    assert "状态: 已预处理 → 已上报" in change["上报"] and "层级: 单元 → 村居" in change["上报"]
    assert change["研判"] == "状态: 已上报 → 已研判"
    assert "状态: 已研判 → 已调度" in change["调度"]
    assert f"承办机关: — → {partner['name']}" in change["调度"]
    assert change["超时标记"] == "超时次数: 0 → 1"
    assert change["新建"] == "坂头路灯损坏"
    assert not any("{" in c or "trail" in c for c in change.values()), change


def test_an_analyst_reads_events_with_nothing_to_move_them(page, api):
    sign_in(page, api, "analyst")
    page.goto(api.url + "/#/events")
    expect(page.locator("tr.clickable").first).to_be_visible()
    expect(page.locator("#collect-form")).to_have_count(0)
    page.locator("tr.clickable").first.click()
    expect(page.locator("tr.trail-row").first).to_be_visible()
    expect(page.locator("#step-form")).to_have_count(0)


def open_chengxiang_may(page, total: int) -> None:
    """The ranking screen for 城厢区 in May 2022, once it shows its ``total`` leaders."""
    page.click("#nav a[href='#/ranking']")
    page.fill("#ranking-filter input[name=within]", "350302")
    page.fill("#ranking-filter input[name=month]", "2022-05")
    page.click("#ranking-filter button[type=submit]")
    expect(page.locator("#ranking-total")).to_contain_text(f"共 {total} 人，第 1 /")


def test_the_points_ranking_ranks_a_month_and_shows_where_the_points_came_from(page, api):
    """The month's ranking as the API ranks it; a leader's points, entry by entry, add up to
    the points ranked; the five-star filter keeps only five stars; a reader sees the ranking
    and no one's entries."""
    ranked = api.get("/api/v1/leaders/ranking", token="analyst",
                     params={"within": "350302", "month": "2022-05", "page_size": 50}).json()
    assert ranked["total"] > 50
    sign_in(page, api, "analyst")
    open_chengxiang_may(page, ranked["total"])
    # The rules explained are the ones the API publishes: each named with what it earns.
    rules = api.get("/api/v1/leaders/points-rules", token="analyst").json()
    note = page.locator("#points-rules")
    for r in rules["rules"]:
        expect(note).to_contain_text(r["name"])
    penalty = next(r for r in rules["rules"] if r["points"] < 0)
    expect(note).to_contain_text(f"{penalty['name']}扣 {-penalty['points']} 分")
    rows = page.locator("tr.ranking-row")
    expect(rows).to_have_count(50)
    top = ranked["items"][0]
    expect(rows.first).to_contain_text(top["person"]["name"])
    expect(rows.first.locator("td").nth(3)).to_have_text(str(top["points"]))
    expect(rows.first.locator(".stars")).to_have_text("★" * top["stars"])
    # The next page asks for the ranking the first was cut from, and shows the API's page 2.
    with page.expect_response(lambda r: "/leaders/ranking" in r.url) as first:
        page.fill("#ranking-filter input[name=within]", "350302")
        page.click("#ranking-filter button[type=submit]")
    snapshot = first.value.json()["snapshot"]
    assert snapshot and "snapshot=" not in first.value.url
    with page.expect_response(lambda r: "/leaders/ranking" in r.url) as second:
        page.locator("button.ranking-page", has_text="下一页").click()
    assert f"snapshot={snapshot}" in second.value.url
    expect(page.locator("#ranking-total")).to_contain_text("第 2 /")
    page2 = api.get("/api/v1/leaders/ranking", token="analyst", params={
        "within": "350302", "month": "2022-05", "page_size": 50, "page": 2}).json()
    expect(rows.first).to_contain_text(page2["items"][0]["person"]["name"])
    page.click("#ranking-filter button[type=submit]")  # back to the first page
    expect(page.locator("#ranking-total")).to_contain_text("第 1 /")
    rows.first.click()
    entries = page.locator("tr.point-row")
    expect(entries.first).to_be_visible()
    shown = [int(t) for t in entries.locator("td:last-child").all_inner_texts()]
    assert sum(shown) == top["points"]
    names = {r["name"] for r in rules["rules"]}
    assert set(entries.locator("td:nth-child(4)").all_inner_texts()) <= names
    five = api.get("/api/v1/leaders/ranking", token="analyst", params={
        "within": "350302", "month": "2022-05", "stars": 5}).json()["total"]
    page.check("#ranking-filter input[name=stars]")
    page.click("#ranking-filter button[type=submit]")
    expect(page.locator("#ranking-total")).to_contain_text(f"共 {five} 人")
    assert set(page.locator("tr.ranking-row .stars").all_inner_texts()) == {"★★★★★"}
    sign_in(page, api, "reader")
    open_chengxiang_may(page, ranked["total"])
    expect(page.locator("tr.ranking-row.clickable")).to_have_count(0)


def test_a_bad_token_is_refused_with_a_message(page, api):
    page.goto(api.url + "/")
    page.fill("#token", "og_not-a-token")
    page.click("#signin-form button")
    expect(page.locator("#signin-error")).to_contain_text("令牌无效")
    expect(page.locator("#nav")).to_be_hidden()

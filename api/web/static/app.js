// orggraph web page: plain JavaScript, no build step. Every value from the API reaches the
// page through text nodes (h() below), never as HTML, so data cannot inject markup.

const API = "/api/v1";
const TIERS = { city: "市", district: "区县", town: "镇街", community: "村居", grid: "网格", unit: "单元" };
const CATEGORIES = {
  dispute: "矛盾纠纷", production_safety: "安全生产", epidemic: "疫情防控", housing: "住房",
  land: "土地", public_facility: "公共设施", environment: "生态环境", public_security: "社会治安",
  elderly_care: "养老服务",
};
const GAP_KINDS = {
  unit_without_leader: "单元无单元长", unit_without_party_group: "单元无党小组",
  grid_without_leader: "网格无网格长", grid_without_branch: "网格无党支部",
  community_without_pairing: "社区未结对", leader_overloaded: "单元长超负荷",
  category_unreachable: "事件无法到达职能部门",
};
// What an understaffed grid lacks (the API's `findings`; its `reasons` say it in English).
const FINDINGS = {
  no_grid_leader: () => "无网格长",
  overloaded: (f) => `每名负责人服务 ${f.residents_per_staff} 名居民（标准 ${f.norm}）`,
  no_party_branch: () => "无党支部",
  units_without_leader: (f) => `${f.units} 个单元无单元长`,
  no_secondee_nearby: () => "网格及所在社区无下沉人员",
};
const STATUSES = { collected: "已采集", preprocessed: "已预处理", escalated: "已上报",
  assessed: "已研判", dispatched: "已调度", closed: "已办结" };
const ACTIONS = { collect: "采集", preprocess: "预处理", assess: "研判", escalate: "上报",
  dispatch: "调度", resolve: "办结", return: "退回", verify: "核查", flag: "超时督办" };
const ROLES = { admin: "管理员", org_department: "组织部门", analyst: "分析员", platform: "平台中心",
  reader: "只读" };
const SECONDMENT_ROLES = { staff: "职能部门人员", npc_deputy: "人大代表", party_congress_deputy: "党代表",
  cppcc_member: "政协委员", judge: "法官", prosecutor: "检察官", police: "民警", lawyer: "律师" };
const HOP_KINDS = { report: "上报", escalate: "上报", dispatch: "调度", call: "直接联系" };

let me = null;

// ---------------------------------------------------------------- small helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// el.replaceChildren(...nodes), leaving out null, undefined and false as h() does:
// replaceChildren itself would write them out as the text "null".
const setChildren = (el, ...nodes) => el.replaceChildren(...nodes.flat(Infinity).filter(
  (n) => n !== null && n !== undefined && n !== false));

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const can = (permission) => me && me.permissions.includes(permission);
const token = () => sessionStorage.getItem("orggraph.token");
const view = () => document.getElementById("view");

class ApiError extends Error {
  constructor(status, body, method = "GET") {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.method = method;
  }
}

async function api(path, { method = "GET", body, raw = false, headers = {} } = {}) {
  const init = { method, headers: { Authorization: `Bearer ${token()}`, ...headers } };
  if (body instanceof FormData) {
    init.body = body; // multipart: the browser sets the Content-Type with its boundary
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const res = await fetch(API + path, init);
  if (raw && res.ok) return res;
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (!res.ok) throw new ApiError(res.status, data, method);
  return data;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) q.set(k, v);
  const str = q.toString();
  return str ? `?${str}` : "";
}

// What a refusal means, in the page's words, ahead of the API's own reason (in English, with
// the ids and values involved).
const REFUSALS = {
  400: "请求有误", 401: "令牌无效、已撤销或已过期，请重新登录", 403: "超出本令牌的权限或区域范围",
  404: "未找到", 409: "与已有数据冲突", 412: "数据已被他人修改，请刷新后重试",
  413: "文件过大", 415: "文件格式不对", 422: "输入有误", 428: "请先读取最新数据再修改",
  429: "请求过于频繁，请稍后再试", 503: "数据库暂时不可用，请稍后重试",
};

// A token that worked stopped working (revoked or expired meanwhile); at sign-in, a 401 says
// instead that the token given is not one.
const LAPSED = "令牌已失效，请重新登录。";

function reason(err) {
  const lead = REFUSALS[err.status];
  // A refused change leaves what is stored as it was (the API writes all of it or none).
  const kept = err.method !== "GET" && err.status >= 400 && err.status < 500 ? "，未作更改" : "";
  return lead ? `${lead}${kept}：${err.message}` : err.message;
}

function problem(err) {
  const lines = [reason(err)];
  if (err.body && err.body.errors) {
    for (const [field, msgs] of Object.entries(err.body.errors)) lines.push(`${field}: ${msgs.join("；")}`);
  }
  return h("p", { class: "error", role: "alert" }, lines.join(" · "));
}

function table(columns, rows, { empty = "没有数据", onclick, rowClass } = {}) {
  if (!rows.length) return h("p", { class: "empty" }, empty);
  return h("table", {},
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c.label)))),
    h("tbody", {}, rows.map((r) => h("tr", {
      class: [onclick ? "clickable" : "", rowClass ? rowClass(r) : ""].join(" ").trim() || null,
      onclick: onclick ? () => onclick(r) : null,
    }, columns.map((c) => h("td", {}, c.value(r)))))));
}

// Each navigation gets a number; a screen still loading when the user moves on must not draw
// over the next one, so handlers draw through the function claim() gave them.
let navigation = 0;

function claim() {
  const mine = navigation;
  return (...nodes) => {
    if (mine === navigation) setChildren(view(), ...nodes);
  };
}

const loading = (what) => h("p", { class: "muted" }, `正在加载${what}…`);

// One page of a long list: how many match, which page this is, and buttons to the pages either
// side (`go(p)` draws page p). A single page has no buttons.
function pager({ total, page, size, go, id, cls, unit = "条" }) {
  const pages = Math.max(1, Math.ceil(total / size));
  const button = (p, text) => h("button", { type: "button", class: `secondary ${cls}`,
    disabled: p < 1 || p > pages, onclick: () => go(p) }, text);
  return {
    pages,
    summary: h("p", { class: "muted", id }, `共 ${total} ${unit}${pages > 1 ? `，第 ${page} / ${pages} 页` : ""}`),
    buttons: pages > 1 ? h("p", { class: "inline" }, button(page - 1, "上一页"), " ", button(page + 1, "下一页")) : null,
  };
}

// Times come as local (China) ISO 8601; shown to the minute.
const minute = (iso) => iso.replace("T", " ").slice(0, 16);

// Fill a datalist with the agencies the token may see (within `within`), offered as typed.
function offerAgencies(list, within) {
  api(`/agencies${query({ within, page_size: 500 })}`).then((r) => list.replaceChildren(
    ...r.items.map((a) => h("option", { value: a.id }, a.name)))).catch(() => {});
}

// Fill a datalist with the leaders of the area `code` by name; empty it when there is none.
function offerLeaders(list, code) {
  api(`/areas/${code}`).then((a) => list.replaceChildren(
    ...a.leaders.map((l) => h("option", { value: l.id }, `${l.name}（${a.name}）`))))
    .catch(() => list.replaceChildren());
}

const areaLink = (a) => h("a", { href: `#/area/${a.code}` }, a.name || a.code);
const todayIso = () => new Date().toISOString().slice(0, 10);
const period = (x) => `${x.since} — ${x.until || "至今"}`;
const yuan = (n) => n.toLocaleString("zh-CN");

// ---------------------------------------------------------------- sign in

async function signIn(value) {
  sessionStorage.setItem("orggraph.token", value);
  try {
    me = await api("/me");
  } catch (err) {
    sessionStorage.removeItem("orggraph.token");
    me = null;
    throw err;
  }
}

function showSignedIn() {
  document.getElementById("signin").hidden = true;
  const nav = document.getElementById("nav");
  nav.hidden = false;
  for (const a of nav.querySelectorAll("a")) a.hidden = !can(a.dataset.need);
  document.getElementById("who").replaceChildren(
    h("span", { id: "who-role" }, `${ROLES[me.role] || me.role} · ${me.scope_name || "全部"}`),
    h("button", { onclick: () => { sessionStorage.removeItem("orggraph.token"); location.hash = "#/"; location.reload(); } }, "退出"));
}

function showSignIn(message) {
  me = null;
  document.getElementById("nav").hidden = true;
  document.getElementById("who").replaceChildren();
  document.getElementById("signin").hidden = false;
  document.getElementById("signin-error").textContent = message || "";
  view().replaceChildren();
}

// ---------------------------------------------------------------- areas

function searchBar() {
  const form = h("form", { class: "inline", id: "search-form", onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/search/${encodeURIComponent(form.q.value.trim())}`;
  } }, h("label", {}, "按名称搜索区域", h("input", { name: "q", id: "search", required: true, placeholder: "如 东星社区" })),
  h("button", { type: "submit" }, "搜索"));
  return form;
}

async function home() {
  const show = claim();
  if (me.scope) return area(me.scope);
  const top = await api(`/areas${query({ tier: "city", page_size: 50 })}`);
  show(searchBar(), h("section", { class: "card" }, h("h2", {}, "区域"),
    table([{ label: "名称", value: areaLink }, { label: "代码", value: (a) => a.code }],
      top.items, { empty: "范围内没有城市" })));
}

async function search(q) {
  const show = claim();
  show(loading("搜索结果"));
  const result = await api(`/areas${query({ q, page_size: 100 })}`);
  show(searchBar(), h("section", { class: "card" },
    h("h2", {}, `“${q}”的搜索结果（${result.total}）`),
    table([
      { label: "名称", value: (a) => h("a", { href: `#/area/${a.code}`, class: "result" }, a.name) },
      { label: "层级", value: (a) => TIERS[a.tier] },
      { label: "代码", value: (a) => a.code },
    ], result.items, { empty: "没有找到匹配的区域" })));
}

async function area(code) {
  const show = claim();
  show(loading("区域"));
  const [a, children] = await Promise.all([
    api(`/areas/${code}`), api(`/areas/${code}/children${query({ page_size: 500 })}`)]);
  const parts = [
    h("div", { class: "crumbs" }, a.path.map((p, i) => [i ? " › " : "", areaLink(p)])),
    h("h2", { id: "area-name" }, `${a.name} `, h("span", { class: "tag" }, TIERS[a.tier])),
    h("div", { class: "stats" },
      h("div", { class: "stat" }, h("b", {}, a.residents ?? "—"), "居民"),
      Object.entries(a.counts).map(([tier, n]) =>
        h("div", { class: "stat" }, h("b", { id: `count-${tier}` }, n), `${TIERS[tier]}数`))),
  ];
  const side = h("div", { class: "grid2" },
    h("div", {}, h("h3", {}, "负责人"), table([
      { label: "姓名", value: (l) => l.name }, { label: "职务", value: (l) => ({ unit_leader: "单元长", grid_leader: "网格长", secretary: "书记" }[l.role] || l.role) },
    ], a.leaders, { empty: "暂无负责人" })),
    h("div", {}, h("h3", {}, "党组织"), table([
      { label: "名称", value: (o) => o.name },
    ], a.party_orgs, { empty: "暂无党组织" })));
  const below = children.items.length ? h("div", {},
    h("h3", {}, `下级${TIERS[children.items[0].tier]}（${children.total}）`),
    table([
      { label: "名称", value: areaLink }, { label: "代码", value: (c) => c.code },
      { label: "居民", value: (c) => c.residents ?? "—" },
    ], children.items, { rowClass: () => "child-row" })) : null;
  const extra = [];
  if (a.tier === "community") extra.push(await partnersOf(a));
  if (a.tier === "unit" || a.tier === "grid") extra.push(await leaderHistory(a));
  if (a.tier === "unit" && can("run_analyses")) extra.push(escalationLinks(a));
  if (a.tier === "unit" && can("write_events")) extra.push(collectForm(a.code));
  if (can("write_partners")) extra.push(holderForm(a));
  show(searchBar(), h("section", { class: "card" }, parts, side, ...extra, below));
}

// From a unit, the path each kind of event takes to a competent department.
const escalationLinks = (a) => h("div", { id: "unit-paths" }, h("h3", {}, "上报路径"),
  h("p", { class: "inline" }, Object.entries(CATEGORIES).map(([k, v]) =>
    h("a", { href: `#/escalation/${a.code}/${k}`, class: "path-link" }, v))));

const HOLDER_ROLES = { unit_leader: "单元长", grid_leader: "网格长", secretary: "书记" };

async function leaderHistory(a) {
  const rows = await api(`/areas/${a.code}/leaders/history`).catch(() => []);
  return h("div", {}, h("h3", {}, `历任${a.tier === "unit" ? "单元长" : "网格长"}`), table([
    { label: "姓名", value: (x) => x.person.name },
    { label: "起止", value: period },
  ], rows, { empty: "暂无记录", rowClass: () => "leader-history-row" }));
}

// Assign or replace the leader of a unit or grid, or the secretary of one of its Party orgs:
// an existing person by id, or a new one by name (and phone).
function holderForm(a) {
  const out = h("div", { id: "holder-result" });
  const targets = [];
  if (a.tier === "unit" || a.tier === "grid") targets.push([`area:${a.code}`, a.tier === "unit" ? "单元长" : "网格长"]);
  for (const o of a.party_orgs) targets.push([`org:${o.id}`, `${o.name}书记`]);
  if (!targets.length) return null;
  const form = h("form", { class: "inline", id: "set-holder", onsubmit: async (e) => {
    e.preventDefault();
    const { target, ...data } = Object.fromEntries(new FormData(form));
    for (const k of Object.keys(data)) if (!data[k]) delete data[k];
    const [kind, id] = [target.slice(0, target.indexOf(":")), target.slice(target.indexOf(":") + 1)];
    const path = kind === "area" ? `/areas/${id}/leader` : `/party-orgs/${encodeURIComponent(id)}/secretary`;
    try {
      const r = await api(path, { method: "PUT", body: data });
      await area(a.code);
      view().prepend(h("p", { class: "notice", id: "holder-set" },
        `${HOLDER_ROLES[r.role] || r.role}已改为${r.person.name}（自 ${r.since}）${r.previous ? `，接替${r.previous.name || ""}` : ""}`));
    } catch (err) {
      out.replaceChildren(problem(err));
    }
  } },
  h("label", {}, "职务", h("select", { name: "target" }, targets.map(([v, l]) => h("option", { value: v }, l)))),
  h("label", {}, "姓名（新人员）", h("input", { name: "name", maxlength: 50 })),
  h("label", {}, "电话（可选）", h("input", { name: "phone", maxlength: 20 })),
  h("label", {}, "或人员编号", h("input", { name: "person_id" })),
  h("label", {}, "自", h("input", { name: "since", type: "date", required: true })),
  h("button", { type: "submit" }, "任命"));
  return h("div", { class: "card" }, h("h3", {}, "任命或更换负责人"), form, out);
}

async function partnersOf(a) {
  const [pairs, sec] = await Promise.all([
    api(`/pairings${query({ community: a.code, page_size: 100 })}`),
    api(`/secondments${query({ within: a.code, page_size: 100 })}`).catch(() => ({ items: [] })),
  ]);
  return h("div", { class: "grid2" },
    h("div", {}, h("h3", {}, `结对共建（${pairs.total}）`), table([
      { label: "机关", value: (p) => p.agency.name },
      { label: "起止", value: (p) => `${p.since} — ${p.until || "至今"}` },
      { label: "共建项目", value: (p) => p.projects.map((x) => x.title).join("、") || "—" },
    ], pairs.items, { empty: "尚未结对" })),
    h("div", {}, h("h3", {}, `下沉人员（${sec.total ?? sec.items.length}）`), table([
      { label: "姓名", value: (x) => x.person.name },
      { label: "身份", value: (x) => SECONDMENT_ROLES[x.role] || x.role },
      { label: "下沉到", value: (x) => x.area.name },
      { label: "派出单位", value: (x) => (x.agency ? x.agency.name : "—") },
    ], sec.items, { empty: "暂无下沉人员" })));
}

// ---------------------------------------------------------------- pairings, linkages, secondments

// The three partner registers share one screen; each entry says what differs. `id` prefixes the
// elements' ids and classes (#pairing-filter, tr.partner-row, …); `group` puts registers on
// one screen as tabs.
const REGISTERS = {
  pairings: {
    id: "pairing", heading: "结对共建", title: "结对共建", noun: "结对",
    filters: [["community", "社区代码", "12位"], ["within", "区域范围", "区域代码"], ["agency", "机关编码", "统一社会信用代码"]],
    columns: [
      { label: "机关", value: (p) => p.agency.name },
      { label: "社区", value: (p) => areaLink(p.community) },
      { label: "开始", value: (p) => p.since },
      { label: "结束", value: (p) => p.until || "至今" },
    ],
    // A pairing's projects open below the list (showProjects).
    detail: { label: "共建项目", count: (p) => `${p.projects.length} 项`, show: showProjects },
    fields: [["agency_id", "机关编码", true], ["community_code", "社区代码", true, "12位"]],
    describe: (p) => `${p.agency.name} — ${p.community.name}`,
    // After a pairing is made, the list shows that community's pairings.
    after: (p, params) => ({ ...params, community: p.community.code }),
    imports: true,
  },
  linkages: {
    id: "partner", group: "partners", heading: "挂钩联系与下沉", title: "挂钩联系", noun: "挂钩联系",
    filters: [["within", "区域范围", "区域代码"], ["agency", "机关编码", "统一社会信用代码"]],
    columns: [
      { label: "机关", value: (x) => x.agency.name },
      { label: "挂钩区域", value: (x) => areaLink(x.area) },
      { label: "起止", value: period },
    ],
    fields: [["agency_id", "机关编码", true], ["area_code", "社区或镇街代码", true]],
    describe: (x) => `${x.agency.name} — ${x.area.name}`,
  },
  secondments: {
    id: "partner", group: "partners", heading: "挂钩联系与下沉", title: "下沉人员", noun: "下沉",
    filters: [["within", "区域范围", "区域代码"], ["person", "人员编号", ""]],
    columns: [
      { label: "姓名", value: (x) => x.person.name },
      { label: "身份", value: (x) => SECONDMENT_ROLES[x.role] || x.role },
      { label: "派出单位", value: (x) => (x.agency ? x.agency.name : "—") },
      { label: "下沉到", value: (x) => areaLink(x.area) },
      { label: "起止", value: period },
    ],
    fields: [["person_id", "人员编号", true], ["area_code", "社区或网格代码", true],
      ["agency_id", "派出机关编码（代表委员可空）", false]],
    roles: true,
    describe: (x) => `${x.person.name} — ${x.area.name}`,
  },
};

const roleSelect = (name, value, blank) => h("select", { name }, blank ? h("option", { value: "" }, blank) : null,
  Object.entries(SECONDMENT_ROLES).map(([k, v]) => h("option", { value: k, selected: k === value }, v)));

const REGISTER_PAGE = 100;

async function register(kind, params = {}) {
  const show = claim();
  const conf = REGISTERS[kind];
  const page = Number(params.page || 1);
  const siblings = Object.entries(REGISTERS).filter(([, c]) => conf.group && c.group === conf.group);
  const tabs = siblings.length > 1 ? h("p", { class: "inline tabs" }, siblings.map(([k, c]) =>
    h("a", { href: `#/${c.group}/${k}`, class: k === kind ? "active" : null }, c.title))) : null;
  const filters = h("form", { class: "inline", id: `${conf.id}-filter`, onsubmit: (e) => {
    e.preventDefault();
    register(kind, Object.fromEntries(new FormData(filters)));
  } },
  conf.filters.map(([name, label, hint]) => h("label", {}, label, h("input", { name, value: params[name] || "", placeholder: hint }))),
  conf.roles ? h("label", {}, "身份", roleSelect("role", params.role, "全部")) : null,
  h("label", {}, "截至日期", h("input", { name: "active_on", type: "date", value: params.active_on || "" })),
  h("button", { type: "submit" }, "筛选"),
  exportButtons(`/${kind}`, kind, { ...params, page: "" }));
  const body = h("div", {}, loading(conf.title));
  const parts = [h("h2", {}, conf.heading), tabs, filters];
  if (can("write_partners")) {
    parts.push(createForm(kind, conf, params));
    if (conf.imports) parts.push(importForm(kind, params));
  }
  show(h("section", { class: "card" }, parts, body, conf.detail ? h("div", { id: `${conf.id}-detail` }) : null));
  try {
    const result = await api(`/${kind}${query({ ...params, page, page_size: REGISTER_PAGE })}`);
    const pages = pager({ total: result.total, page, size: REGISTER_PAGE, id: `${conf.id}-total`,
      cls: `${conf.id}-page`, go: (p) => register(kind, { ...params, page: p }) });
    // A withdrawal can empty the last page: show the one that is now last.
    if (!result.items.length && page > pages.pages) return register(kind, { ...params, page: pages.pages });
    const columns = [...conf.columns];
    const redraw = () => register(kind, params);
    if (conf.detail) {
      columns.push({ label: conf.detail.label, value: (x) => h("button", {
        class: `secondary detail-${conf.id}`, onclick: () => conf.detail.show(x.id, redraw) },
      conf.detail.count(x)) });
    }
    if (can("write_partners")) {
      columns.push({ label: "", value: (x) => [
        x.until ? null : h("button", { class: `secondary end-${conf.id}`,
          onclick: () => endRecord(kind, x, `结束${conf.describe(x)}`, redraw) }, "结束"),
        " ",
        h("button", { class: `secondary withdraw-${conf.id}`, title: "仅用于录入有误、从未成立的记录；成立过的请用“结束”保留历史",
          onclick: () => withdrawRecord(kind, x, `${conf.describe(x)}（${period(x)}）`, redraw) }, "撤销"),
      ] });
    }
    setChildren(body, pages.summary,
      table(columns, result.items, { empty: `没有符合条件的${conf.noun}`, rowClass: () => `${conf.id}-row` }),
      pages.buttons);
  } catch (err) {
    body.replaceChildren(problem(err));
  }
}

function createForm(kind, conf, params) {
  const out = h("div", { id: `${conf.id}-result` });
  const form = h("form", { class: "inline", id: `create-${conf.id}`, onsubmit: async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    for (const k of ["until", "agency_id"]) if (!data[k]) delete data[k];
    try {
      const x = await api(`/${kind}`, { method: "POST", body: data });
      await register(kind, { ...(conf.after ? conf.after(x, params) : params), page: "" });
      view().prepend(h("p", { class: "notice", id: `${conf.id}-created` }, `已新建${conf.noun}：${conf.describe(x)}`));
    } catch (err) {
      out.replaceChildren(problem(err));
    }
  } },
  conf.fields.map(([name, label, required, hint]) => h("label", {}, label, h("input", {
    name, required, placeholder: hint || (name === "agency_id" ? "统一社会信用代码" : null),
    list: name === "agency_id" ? "agency-list" : null }))),
  conf.roles ? h("label", {}, "身份", roleSelect("role", "staff")) : null,
  h("label", {}, "开始日期", h("input", { name: "since", type: "date", required: true })),
  h("label", {}, "结束日期（可选）", h("input", { name: "until", type: "date" })),
  h("button", { type: "submit" }, `新建${conf.noun}`),
  h("datalist", { id: "agency-list" }));
  // The agencies the token may see, offered by name as the code is typed.
  offerAgencies(form.querySelector("#agency-list"));
  return h("div", { class: "card" }, h("h3", {}, `新建${conf.noun}`), form, out);
}

// The roster columns (docs/rosters.md); the template is a header row to fill in.
const ROSTERS = {
  pairings: { label: "结对名册", columns: ["agency_id", "community_code", "since", "until"] },
  secondments: { label: "下沉名册", columns: ["person_id", "area_code", "role", "agency_id", "since", "until"] },
};

// On a register's screen; a roster of that register redraws its list.
function importForm(screen, params) {
  const out = h("div", { id: "import-result" });
  const kind = h("select", { name: "kind" }, Object.entries(ROSTERS).map(([k, r]) => h("option", { value: k }, r.label)));
  const template = () => saveBlob(new Blob(["\ufeff" + ROSTERS[kind.value].columns.join(",") + "\r\n"],
    { type: "text/csv" }), `${kind.value}-template.csv`);
  const form = h("form", { class: "inline", id: "import-roster", onsubmit: async (e) => {
    e.preventDefault();
    out.replaceChildren(loading("并校验名册"));
    try {
      const r = await api("/imports", { method: "POST", body: new FormData(form) });
      if (r.kind === screen) await register(screen, params);
      view().prepend(h("p", { class: "notice", id: "imported" },
        `已导入${ROSTERS[r.kind].label}：共 ${r.rows} 行，新增 ${r.created} 行，${r.unchanged} 行已存在未变`));
    } catch (err) {
      const rows = (err.body && err.body.rows) || [];
      // With the bad rows in a table, the message alone above it (problem() would list them too).
      const head = rows.length ? h("p", { class: "error", role: "alert" }, reason(err)) : problem(err);
      setChildren(out, head, rows.length ? h("div", {},
        h("p", { class: "muted" }, `共 ${rows.length} 行有误，未写入任何数据；改正后重新导入。`),
        table([
          { label: "行", value: (r) => r.line },
          { label: "列", value: (r) => r.column || "" },
          { label: "原因", value: (r) => r.reason },
        ], rows.slice(0, 200), { rowClass: () => "bad-row" })) : null);
    }
  } },
  h("label", {}, "名册", kind),
  h("label", {}, "文件（CSV 或 XLSX）", h("input", { name: "file", type: "file", required: true, accept: ".csv,.xlsx" })),
  h("button", { type: "submit" }, "校验并导入"),
  h("button", { type: "button", class: "secondary", id: "roster-template", onclick: template }, "下载模板"));
  return h("div", { class: "card" }, h("h3", {}, "导入名册"),
    h("p", { class: "muted" }, "先校验每一行；有任何一行有误则全部不写入。同一文件再次导入不会重复写入。"), form, out);
}

// One pairing's co-building projects, under its register's list; a department adds one,
// corrects one (its number stays) or withdraws one entered in error. Each change is guarded by
// the pairing's version as just read, and redraws the list (whose rows carry the versions that
// ending and withdrawing send), then this panel again.
async function showProjects(pid, redraw, notice) {
  const panel = document.getElementById("pairing-detail");
  if (!panel) return;
  panel.replaceChildren(loading("共建项目"));
  let p;
  try {
    p = await api(`/pairings/${pid}`);
  } catch (err) {
    panel.replaceChildren(problem(err));
    return;
  }
  const out = h("div", { id: "project-result" });
  const change = async (request, message) => {
    try {
      await request();
    } catch (err) {
      out.replaceChildren(problem(err));
      return;
    }
    await redraw();
    await showProjects(pid, redraw, message);
  };
  const columns = [
    { label: "项目", value: (x) => x.title },
    { label: "金额（元）", value: (x) => yuan(x.amount) },
    { label: "出资方", value: (x) => x.funded_by },
    { label: "日期", value: (x) => x.date },
  ];
  const guard = { "If-Match": `"v${p.version}"` };
  const form = can("write_partners") ? projectForm(p, (body, editing) => (editing
    ? change(() => api(`/pairings/${pid}/projects/${editing.id}`, { method: "PATCH", body, headers: guard }),
      `已修改共建项目：${body.title || editing.title}`)
    : change(() => api(`/pairings/${pid}/projects`, { method: "POST", body, headers: guard }),
      `已新增共建项目：${body.title}`))) : null;
  if (form) {
    columns.push({ label: "", value: (x) => [
      h("button", { class: "secondary edit-project", onclick: () => form.edit(x) }, "修改"),
      " ",
      h("button", {
        class: "secondary withdraw-project", title: "仅用于录入有误的项目",
        onclick: () => confirm(`撤销共建项目“${x.title}”？\n撤销用于录入有误的项目（审计日志保留原内容）。`) &&
          change(() => api(`/pairings/${pid}/projects/${x.id}`, { method: "DELETE", headers: guard }),
            `已撤销共建项目：${x.title}`),
      }, "撤销"),
    ] });
  }
  panel.replaceChildren(h("div", { class: "card", id: "projects" },
    h("h3", {}, `共建项目：${p.agency.name} — ${p.community.name}（${period(p)}）`),
    notice ? h("p", { class: "notice", id: "project-notice" }, notice) : null,
    table(columns, p.projects, { empty: "尚无共建项目", rowClass: () => "project-row" }), form, out));
  panel.scrollIntoView({ block: "nearest" });
}

// The form that adds a project to pairing `p`, or, after `form.edit(project)`, corrects that
// one: `submit(body, editing)` gets the new project whole, or only the fields that changed.
function projectForm(p, submit) {
  let editing = null;
  const save = h("button", { type: "submit" }, "新增项目");
  const cancel = h("button", { type: "button", class: "secondary", hidden: true, onclick: () => reset() }, "取消修改");
  const form = h("form", { class: "inline", id: "add-project", onsubmit: (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    body.amount = Number(body.amount);
    if (editing) for (const k of Object.keys(body)) if (body[k] === editing[k]) delete body[k];
    if (editing && !Object.keys(body).length) return reset();
    submit(body, editing);
  } },
  h("label", {}, "项目", h("input", { name: "title", required: true, maxlength: 200 })),
  h("label", {}, "金额（元）", h("input", { name: "amount", type: "number", min: 0, step: 1, required: true })),
  h("label", {}, "出资方", h("input", { name: "funded_by", required: true, maxlength: 200 })),
  h("label", {}, "日期", h("input", { name: "date", type: "date", required: true })),
  save, " ", cancel);
  const fill = (x) => { for (const k of ["title", "amount", "funded_by", "date"]) form.elements[k].value = x[k]; };
  const reset = () => {
    editing = null;
    fill({ title: "", amount: "", funded_by: p.agency.name, date: todayIso() });
    save.textContent = "新增项目";
    cancel.hidden = true;
  };
  form.edit = (x) => {
    editing = x;
    fill(x);
    save.textContent = "保存修改";
    cancel.hidden = false;
    form.elements.title.focus();
  };
  reset();
  return form;
}

// Withdraws a record entered in error once the user confirms, guarded by the version the list
// showed; the audit log keeps what it was.
async function withdrawRecord(kind, x, what, redraw) {
  if (!confirm(`撤销${what}？\n撤销用于录入有误的记录，将从名册中删除（审计日志保留原内容）。`)) return;
  try {
    await api(`/${kind}/${x.id}`, { method: "DELETE", headers: { "If-Match": `"v${x.version}"` } });
    await redraw();
    view().prepend(h("p", { class: "notice", id: "withdrawn" }, `已撤销：${what}`));
  } catch (err) {
    view().prepend(problem(err));
  }
}

// Ends a pairing, linkage or secondment on the date the user gives, guarded by the version
// the list showed (a change made meanwhile is a 412, shown), then draws the list again.
async function endRecord(kind, x, question, redraw) {
  const until = prompt(`${question}，结束日期（YYYY-MM-DD）：`, todayIso());
  if (!until) return;
  try {
    await api(`/${kind}/${x.id}/end`, { method: "POST", body: { until }, headers: { "If-Match": `"v${x.version}"` } });
    await redraw();
  } catch (err) {
    view().prepend(problem(err));
  }
}

// Buttons that fetch the whole list at `path` (as filtered by `params`) as a CSV or XLSX file.
function exportButtons(path, name, params = {}) {
  return ["csv", "xlsx"].map((format) => h("button", { type: "button", class: "secondary export",
    "data-format": format, onclick: () => download(path, name, format, params) },
  `导出 ${format.toUpperCase()}`));
}

async function download(path, name, format, params) {
  try {
    const res = await api(`${path}${query({ ...params, format })}`, { raw: true });
    saveBlob(await res.blob(), `${name}.${format}`);
  } catch (err) {
    view().prepend(problem(err));
  }
}

// Hands `blob` to the browser as a file download named `filename`.
function saveBlob(blob, filename) {
  const a = h("a", { href: URL.createObjectURL(blob), download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  // Freed once the browser has taken the file (at once could cancel the download).
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

// ---------------------------------------------------------------- gaps

async function gaps() {
  const show = claim();
  show(loading("薄弱环节分析（首次计算需要几秒）"));
  const [summary, tree, grids] = await Promise.all([
    api(`/analyses/coverage-gaps${query({ page_size: 1 })}`),
    api(`/analyses/gap-map${query({ depth: "community" })}`),
    api(`/analyses/understaffed-grids${query({ limit: 30 })}`),
  ]);
  show(
    h("section", { class: "card" }, h("h2", {}, "薄弱环节"),
      h("div", { class: "stats" }, Object.entries(summary.summary).map(([k, n]) =>
        h("div", { class: "stat" }, h("b", {}, n), GAP_KINDS[k] || k))),
      h("p", { class: "inline", id: "gaps-export" }, "全部问题清单：",
        exportButtons("/analyses/coverage-gaps", "coverage-gaps")),
      h("h3", {}, "分布：区县 → 镇街 → 村居（面积为问题数，颜色越深每千人问题越多）"),
      treemap(tree)),
    h("section", { class: "card" }, h("h2", {}, "人手不足的网格（最差在前）"),
      h("p", { class: "inline", id: "grids-export" }, "全部网格排名：",
        exportButtons("/analyses/understaffed-grids", "understaffed-grids", { limit: 5000 })),
      table([
        { label: "网格", value: (g) => areaLink(g.grid) },
        { label: "居民", value: (g) => g.residents },
        { label: "网格长/单元长/下沉", value: (g) => `${g.staff.grid_leaders}/${g.staff.unit_leaders}/${g.staff.secondees}` },
        { label: "人均服务居民", value: (g) => g.residents_per_staff },
        { label: "评分", value: (g) => g.score },
        { label: "原因", value: (g) => g.findings.map((f, i) => (FINDINGS[f.kind] ? FINDINGS[f.kind](f) : g.reasons[i])).join("；") },
      ], grids, { empty: "没有人手不足的网格", rowClass: () => "grid-row" })),
    recommendations());
}

// The proposals come after the rest of the screen: the pairing flow may take a few seconds.
function recommendations() {
  const body = h("div", {}, loading("建议"));
  const card = h("section", { class: "card", id: "recommendations" },
    h("h2", {}, "建议：结对与下沉（按最小费用流计算）"), body);
  const categories = (keys) => keys.map((k) => CATEGORIES[k] || k).join("、");
  api(`/analyses/recommendations${query({ secondees: 10 })}`).then((rec) => {
    const many = rec.pairings.length > 15;
    body.replaceChildren(
      h("h3", {}, "未结对社区的结对建议"),
      h("details", { open: !many, id: "pairing-proposals" },
        h("summary", {}, `共 ${rec.pairings.length} 个未结对社区${many ? "（点击展开）" : ""}`),
        table([
          { label: "社区", value: (p) => areaLink(p.community) },
          { label: "建议结对机关", value: (p) => p.agency.name },
          { label: "理由", value: (p) => (p.closes.length
            ? `可处理${categories(p.closes)}，该社区目前无法到达`
            : `服务该区域，现有结对 ${p.agency_pairings} 个，属最少之列`) },
        ], rec.pairings, { empty: "范围内的社区都已结对", rowClass: () => "pairing-proposal" })),
      h("h3", {}, "新增 10 名下沉人员的安排"),
      table([
        { label: "网格", value: (p) => areaLink(p.grid) },
        { label: "人数", value: (p) => p.secondees },
        { label: "评分下降", value: (p) => p.score_drop },
        { label: "每名负责人服务居民", value: (p) => `${p.residents_per_staff} → ${p.residents_per_staff_after}` },
        { label: "原因", value: (p) => (p.findings.length
          ? p.findings.map((f) => (FINDINGS[f.kind] ? FINDINGS[f.kind](f) : f.kind)).join("；")
          : "各项齐全，增加人手可减轻负担") },
      ], rec.secondees, { empty: "没有需要安排的网格", rowClass: () => "secondee-proposal" }));
  }).catch((err) => body.replaceChildren(problem(err)));
  return card;
}

function treemap(root, width = 1200, height = 520) {
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", class: "treemap", id: "treemap",
    role: "img", "aria-label": "薄弱环节分布图" });
  if (!root.gaps) {
    return h("p", { class: "empty" }, "范围内没有发现薄弱环节");
  }
  const density = (n) => (n.residents ? (n.gaps * 1000) / n.residents : 0);
  const leaves = [];
  const collect = (n) => (n.children.length ? n.children.forEach(collect) : leaves.push(n));
  collect(root);
  const max = Math.max(...leaves.map(density), 0.001);
  const colour = (n) => `hsl(4, 70%, ${92 - 55 * Math.min(1, density(n) / max)}%)`;
  // Slice and dice: each level splits its box along the longer side, in proportion to gaps.
  const layout = (node, x, y, w, hgt, depth) => {
    const kids = node.children;
    if (!kids.length || w < 3 || hgt < 3) {
      svg.append(s("g", { class: `tm-${node.tier}` },
        s("rect", { x, y, width: w, height: hgt, fill: colour(node) },
          s("title", {}, `${node.name}：${node.gaps} 项（${Object.entries(node.by_kind).map(([k, v]) => `${GAP_KINDS[k] || k} ${v}`).join("，")}）`)),
        w > 46 && hgt > 16 ? s("text", { x: x + 3, y: y + 13, "font-size": 11, fill: "#222" }, node.name.slice(0, Math.floor(w / 12))) : null));
      return;
    }
    const total = kids.reduce((a, k) => a + k.gaps, 0);
    let offset = 0;
    for (const k of kids) {
      const share = k.gaps / total;
      if (w >= hgt) layout(k, x + offset * w, y, share * w, hgt, depth + 1);
      else layout(k, x, y + offset * hgt, w, share * hgt, depth + 1);
      offset += share;
    }
    if (depth <= 1) {
      svg.append(s("rect", { x, y, width: w, height: hgt, fill: "none", stroke: "#333", "stroke-width": depth === 0 ? 3 : 1.5 }));
      if (depth === 1 && w > 60) svg.append(s("text", { x: x + 4, y: y + hgt - 6, "font-size": 14, "font-weight": "bold", fill: "#000" }, node.name));
    }
  };
  layout(root, 0, 0, width, height, 0);
  return h("div", {}, svg, h("p", { class: "legend" }, `${root.name}：共 ${root.gaps} 项；悬停查看各村居的问题类型。`));
}

// ---------------------------------------------------------------- escalation

async function escalation(params = {}) {
  const show = claim();
  const form = h("form", { class: "inline", id: "path-form", onsubmit: (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    location.hash = `#/escalation/${data.unit}/${data.category}`;
  } },
  h("label", {}, "单元代码（18位）", h("input", { name: "unit", required: true, value: params.unit || "", pattern: "\\d{18}", size: 22 })),
  h("label", {}, "事件类别", h("select", { name: "category" }, Object.entries(CATEGORIES).map(([k, v]) =>
    h("option", { value: k, selected: k === params.category }, v)))),
  h("button", { type: "submit" }, "查看路径"));
  const out = h("div", { id: "path" });
  show(h("section", { class: "card" }, h("h2", {}, "上报路径：从单元到有权处理的职能部门"), form, out));
  if (!params.unit) {
    out.append(h("p", { class: "empty" }, "输入单元代码并选择类别，查看最快的上报路径。"));
    return;
  }
  out.append(h("p", { class: "muted" }, "正在计算…"));
  try {
    const p = await api(`/escalation-path${query({ unit: params.unit, category: params.category, k: 2 })}`);
    out.replaceChildren(
      h("p", {}, `${p.unit.name} · ${CATEGORIES[p.category]} → `, h("b", { id: "path-target" }, p.target.name),
        `（${TIERS[p.target.tier]}），预计 ${p.total_hours} 小时`),
      pathGraph(p),
      table([
        { label: "从", value: (x) => x.from.name }, { label: "到", value: (x) => x.to.name },
        { label: "方式", value: (x) => HOP_KINDS[x.kind] || x.kind },
        { label: "责任人", value: (x) => (x.person ? x.person.name : "—") },
        { label: "小时", value: (x) => x.expected_hours },
      ], p.hops),
      p.alternatives.length ? h("div", {}, h("h3", {}, "备选"), h("ul", {}, p.alternatives.map((alt) =>
        h("li", {}, `${alt.target.name}：${alt.hops.length} 步，${alt.total_hours} 小时`)))) : null);
  } catch (err) {
    out.replaceChildren(problem(err));
  }
}

function pathGraph(p) {
  const nodes = [p.hops[0].from, ...p.hops.map((x) => x.to)];
  const bw = 150, gap = 70, bh = 54, height = 150;
  const width = nodes.length * bw + (nodes.length - 1) * gap + 20;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", id: "path-graph", role: "img",
    "aria-label": "上报路径图" },
  s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" },
    s("path", { d: "M0,0 L10,5 L0,10 z", fill: "#b3261e" }))));
  nodes.forEach((n, i) => {
    const x = 10 + i * (bw + gap), y = 40;
    svg.append(s("g", { class: "path-node" },
      s("rect", { x, y, width: bw, height: bh, rx: 6, fill: n.type === "agency" ? "#fde8e7" : "#f0f4f8", stroke: "#b3261e" }),
      s("text", { x: x + bw / 2, y: y + 22, "text-anchor": "middle", "font-size": 13 }, n.name.slice(0, 11)),
      s("text", { x: x + bw / 2, y: y + 40, "text-anchor": "middle", "font-size": 11, fill: "#616e7c" },
        n.type === "agency" ? "职能部门" : TIERS[n.tier] || "")));
    if (i < p.hops.length) {
      const hop = p.hops[i];
      const x1 = x + bw, x2 = x + bw + gap;
      svg.append(s("g", { class: "path-hop" },
        s("line", { x1, y1: y + bh / 2, x2: x2 - 2, y2: y + bh / 2, stroke: "#b3261e", "stroke-width": 2, "marker-end": "url(#arrow)" }),
        s("text", { x: (x1 + x2) / 2, y: y - 8, "text-anchor": "middle", "font-size": 11 }, `${HOP_KINDS[hop.kind] || hop.kind} ${hop.expected_hours}h`),
        s("text", { x: (x1 + x2) / 2, y: y + bh + 18, "text-anchor": "middle", "font-size": 11, fill: "#616e7c" }, hop.person ? hop.person.name : "")));
    }
  });
  return svg;
}

// ---------------------------------------------------------------- events

const EVENT_PAGE = 50;

async function events(params = {}) {
  const show = claim();
  const filters = h("form", { class: "inline", id: "event-filter", onsubmit: (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(filters));
    data.overdue = filters.overdue.checked ? "true" : "";
    data.open = filters.open.checked ? "true" : "";
    data.needs_check = filters.needs_check.checked ? "true" : "";
    events(data);
  } },
  h("label", {}, "区域范围", h("input", { name: "within", value: params.within || "", placeholder: "区域代码" })),
  h("label", {}, "状态", h("select", { name: "status" }, h("option", { value: "" }, "全部"),
    Object.entries(STATUSES).map(([k, v]) => h("option", { value: k, selected: k === params.status }, v)))),
  h("label", {}, "类别", h("select", { name: "category" }, h("option", { value: "" }, "全部"),
    Object.entries(CATEGORIES).map(([k, v]) => h("option", { value: k, selected: k === params.category }, v)))),
  h("label", {}, h("span", {}, "仅未办结"), h("input", { name: "open", type: "checkbox", checked: params.open === "true" })),
  h("label", {}, h("span", {}, "仅超时"), h("input", { name: "overdue", type: "checkbox", checked: params.overdue === "true" })),
  h("label", { title: "本人上报又本人办结、尚待他人回访核查的事件" }, h("span", {}, "仅待核查"),
    h("input", { name: "needs_check", type: "checkbox", checked: params.needs_check === "true" })),
  h("button", { type: "submit" }, "筛选"),
  exportButtons("/events", "events", params));
  const list = h("div", {}, h("p", { class: "muted" }, "正在加载…"));
  const charts = h("div", { id: "event-charts" });
  show(h("section", { class: "card" }, h("h2", {}, "事件"), filters, can("write_events") ? collectForm() : null, list),
    h("section", { class: "card" }, h("h2", {}, "月度统计"), charts));
  // Turning a page redraws the list only; the charts stand for the whole filter.
  const drawList = async (page) => {
    try {
      const result = await api(`/events${query({ ...params, page, page_size: EVENT_PAGE })}`);
      const pages = pager({ total: result.total, page, size: EVENT_PAGE, id: "event-total", cls: "event-page",
        unit: "件", go: drawList });
      setChildren(list, pages.summary, table([
        { label: "采集时间", value: (e) => minute(e.collected_at) },
        { label: "单元", value: (e) => h("span", { title: e.unit.code }, e.unit.name || e.unit.code) },
        { label: "类别", value: (e) => e.category_label },
        { label: "摘要", value: (e) => e.summary },
        { label: "状态", value: (e) => h("span", { class: `tag ${e.status}` }, STATUSES[e.status]) },
        { label: "层级", value: (e) => TIERS[e.level] },
        { label: "", value: (e) => (e.overdue ? h("span", { class: "tag overdue" }, "超时") : "") },
      ], result.items, { empty: "没有符合条件的事件", onclick: (e) => { location.hash = `#/event/${e.id}`; } }),
      pages.buttons);
    } catch (err) {
      list.replaceChildren(problem(err));
    }
  };
  await drawList(1);
  try {
    const stats = await api(`/stats/events${query({ within: params.within, category: params.category })}`);
    charts.replaceChildren(
      h("div", { class: "stats" },
        h("div", { class: "stat" }, h("b", {}, stats.collected), "采集"),
        h("div", { class: "stat" }, h("b", {}, stats.closed), "办结"),
        h("div", { class: "stat" }, h("b", {}, pct(stats.closure_rate)), "办结率"),
        h("div", { class: "stat" }, h("b", {}, pct(stats.grassroots_share)), "基层化解率"),
        h("div", { class: "stat" }, h("b", {}, stats.overdue_steps), "超时环节")),
      barChart(stats.by_month.map((m) => ({ label: m.month, values: [m.collected, m.closed] })), ["采集", "办结"], "month-chart"),
      h("h3", {}, "化解层级"),
      barChart(Object.entries(stats.resolved_at).map(([k, v]) => ({ label: TIERS[k], values: [v] })), ["办结"], "level-chart"));
  } catch (err) {
    charts.replaceChildren(problem(err));
  }
}

// Recording an event (采集) for a unit: the unit's leader offered as its reporter once the
// code is typed; the new event opens, ready for its next step.
function collectForm(unitCode = "") {
  const out = h("div", { id: "collect-result" });
  const people = h("datalist", { id: "collect-people" });
  const offer = () => offerLeaders(people, unit.value.trim());
  const unit = h("input", { name: "unit_code", required: true, placeholder: "18位", pattern: "\\d{18}",
    value: unitCode, onchange: offer });
  if (unitCode) offer();
  const form = h("form", { class: "inline", id: "collect-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    body.unit_code = body.unit_code.trim();
    const button = form.querySelector("button");
    button.disabled = true; // one event per click, however often it is clicked
    try {
      const made = await api("/events", { method: "POST", body });
      location.hash = `#/event/${made.id}`;
    } catch (err) {
      out.replaceChildren(problem(err));
      button.disabled = false;
    }
  } },
  h("label", {}, "单元代码", unit),
  h("label", {}, "类别", h("select", { name: "category" },
    Object.entries(CATEGORIES).map(([k, v]) => h("option", { value: k }, v)))),
  h("label", {}, "摘要", h("input", { name: "summary", required: true, maxlength: 500 })),
  h("label", {}, "报告人编号", h("input", { name: "reported_by", required: true, list: "collect-people", placeholder: "单元长编号" })),
  h("button", { type: "submit" }, "采集事件"), people);
  return h("div", { class: "card" }, h("h3", {}, "采集事件"), form, out);
}

const pct = (x) => (x == null ? "—" : `${(x * 100).toFixed(2)}%`);

function barChart(data, series, id) {
  if (!data.length) return h("p", { class: "empty" }, "暂无统计数据");
  const width = 1000, height = 240, pad = 36;
  const max = Math.max(1, ...data.flatMap((d) => d.values));
  const slot = (width - pad) / data.length;
  const bw = Math.min(40, (slot - 8) / series.length);
  const colours = ["#b3261e", "#1f7a4d"];
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", id, role: "img" });
  data.forEach((d, i) => {
    d.values.forEach((v, j) => {
      const bh = ((height - pad - 10) * v) / max;
      const x = pad + i * slot + j * bw + 4;
      svg.append(s("rect", { x, y: height - pad - bh, width: bw - 2, height: bh, fill: colours[j % 2] },
        s("title", {}, `${d.label} ${series[j]}：${v}`)));
    });
    svg.append(s("text", { x: pad + i * slot + slot / 2, y: height - pad + 16, "text-anchor": "middle", "font-size": 11 }, d.label));
  });
  svg.append(s("text", { x: 0, y: 12, "font-size": 11, fill: "#616e7c" }, `最大 ${max}`));
  return h("div", {}, svg, h("p", { class: "legend" }, series.map((name, j) => h("span", { class: "tag", style: `color:${colours[j % 2]}` }, `■ ${name}`))));
}

async function event(id, notice = null) {
  const show = claim();
  show(loading("事件"));
  const e = await api(`/events/${id}`);
  show(notice ? h("p", { class: "notice", id: "step-done" }, notice) : null,
    h("section", { class: "card" },
      h("p", { class: "crumbs" }, h("a", { href: "#/events" }, "事件"), " › ", e.id),
      h("h2", {}, `${e.category_label}：${e.summary} `, h("span", { class: `tag ${e.status}`, id: "event-status" }, STATUSES[e.status])),
      h("p", {}, `单元 `, areaLink(e.unit), ` · 当前层级 ${TIERS[e.level]} · 采集 ${minute(e.collected_at)}`,
        e.due_at ? ` · 时限 ${minute(e.due_at)}` : "", e.agency ? ` · 承办部门 ${e.agency.name || e.agency.id}` : "",
        e.overdue ? h("span", { class: "tag overdue" }, "超时") : "",
        e.needs_check ? h("span", { class: "tag late" }, "待核查（本人办结）") : ""),
      h("h3", {}, "流转记录"),
      table([
        { label: "#", value: (x) => x.seq },
        { label: "环节", value: (x) => ACTIONS[x.action] || x.action },
        { label: "层级", value: (x) => TIERS[x.level] },
        { label: "经办人", value: (x) => x.by.name },
        { label: "时间", value: (x) => minute(x.at) },
        { label: "说明", value: (x) => [x.note || "", x.to ? ` → ${TIERS[x.to] || x.to}` : ""] },
        { label: "", value: (x) => (x.late ? h("span", { class: "tag late" }, "超时") : "") },
      ], e.trail, { rowClass: () => "trail-row" })),
    can("write_events") && e.next_actions.length ? stepForm(e) : null);
}

// The next step of an event, for those who move events: only the steps the workflow allows now
// (the API's next_actions), who takes it (the people of the event's level offered by name), a
// note, and where it goes. Guarded by the version just read: a step someone else took first
// makes this one a 412, not a second step on a changed event.
function stepForm(e) {
  const out = h("div", { id: "step-result" });
  const people = h("datalist", { id: "step-people" });
  const hint = h("span", { class: "muted", id: "step-hint" });
  const up = h("select", { name: "to", id: "step-up" }, h("option", { value: "" }, "上一级"),
    e.level === "unit" ? h("option", { value: "community" }, "直接到村居") : null);
  const agency = h("input", { name: "to", id: "step-agency", placeholder: "机关编码（空则按建议）", list: "agency-list" });
  const where = h("label", { hidden: true }, "去向", up, agency);
  const choose = () => {
    const action = form.action.value;
    where.hidden = !["escalate", "dispatch"].includes(action);
    up.hidden = up.disabled = action !== "escalate";
    agency.hidden = agency.disabled = action !== "dispatch";
  };
  const form = h("form", { class: "inline", id: "step-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    for (const k of ["note", "to"]) if (!body[k]) delete body[k];
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      await api(`/events/${e.id}/steps`, { method: "POST", body, headers: { "If-Match": `"v${e.version}"` } });
      await event(e.id, `已完成：${ACTIONS[body.action]}`);
    } catch (err) {
      out.replaceChildren(problem(err));
      button.disabled = false;
    }
  } },
  h("label", {}, "环节", h("select", { name: "action", onchange: choose },
    e.next_actions.map((a) => h("option", { value: a }, ACTIONS[a] || a)))),
  h("label", {}, "经办人编号", h("input", { name: "by", required: true, list: "step-people", placeholder: "人员编号" })),
  h("label", {}, "说明（可选）", h("input", { name: "note", maxlength: 2000 })),
  where,
  h("button", { type: "submit" }, "提交"), people, h("datalist", { id: "agency-list" }));
  choose();
  // Who is at this level, and where the escalation analysis would send the event from here.
  offerLeaders(people, e.area_code);
  if (e.next_actions.includes("dispatch")) {
    api(`/events/${e.id}/route`).then((r) => {
      if (r.dispatch_to) hint.replaceChildren(`建议调度：${r.dispatch_to.name}`);
      else if (r.reason) hint.replaceChildren(r.reason);
    }).catch(() => {});
    offerAgencies(form.querySelector("#agency-list"), e.area_code.slice(0, 6));
  }
  return h("section", { class: "card" }, h("h3", {}, "下一步"), form, hint, out);
}

// ---------------------------------------------------------------- unit leaders' points

// The rules come from the API, read once a page load: the page explains the points the API
// counts, never a copy of them.
let pointRules = null;
const readPointRules = () => (pointRules ||= api("/leaders/points-rules").catch((err) => {
  pointRules = null;
  throw err;
}));
const ruleName = (rules, rule) => rules.rules.find((r) => r.rule === rule)?.name || rule;

// "采集事件、按时预处理各 1 分，单元内化解 3 分，超时扣 2 分。前 5% 5 星……" from the rules:
// rules earning the same points are named together.
function explainRules({ rules, stars }) {
  const byPoints = new Map();
  for (const r of rules) byPoints.set(r.points, [...(byPoints.get(r.points) || []), r.name]);
  const points = [...byPoints].map(([n, names]) => `${names.join("、")}${n < 0 ? "扣" : names.length > 1 ? "各" : ""} ${Math.abs(n)} 分`);
  const shares = stars.map((s) => (s.top_share < 1 ? `前 ${Math.round(s.top_share * 100)}% ${s.stars} 星` : `其余 ${s.stars} 星`));
  return `按当月积分排名；同分同名次。${points.join("，")}。得分者按名次：${shares.join("，")}；无分无星。`;
}
const RANKING_PAGE = 50;
const starsOf = (n) => (n ? "★".repeat(n) : "—");

// The month's unit leaders ranked by points (五星单元长光荣榜). Without a month chosen, the
// latest month that has events, for those who may read them; else this month.
async function ranking(params = {}) {
  const show = claim();
  const page = Number(params.page || 1);
  let month = params.month;
  if (!month && can("read_people")) {
    const byMonth = await api(`/stats/events${query({ within: params.within })}`).then((x) => x.by_month).catch(() => []);
    month = byMonth.length ? byMonth[byMonth.length - 1].month : "";
  }
  const filters = h("form", { class: "inline", id: "ranking-filter", onsubmit: (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(filters));
    data.stars = filters.stars.checked ? "5" : "";
    ranking(data);
  } },
  h("label", {}, "区域范围", h("input", { name: "within", value: params.within || "", placeholder: "区域代码" })),
  h("label", {}, "月份", h("input", { name: "month", type: "month", value: month || "" })),
  h("label", {}, h("span", {}, "仅五星"), h("input", { name: "stars", type: "checkbox", checked: params.stars === "5" })),
  h("button", { type: "submit" }, "筛选"),
  exportButtons("/leaders/ranking", "ranking", { within: params.within, month, stars: params.stars }));
  const body = h("div", {}, loading("积分榜"));
  const detail = h("div", { id: "points-detail" });
  const rulesNote = h("p", { class: "muted", id: "points-rules" });
  show(h("section", { class: "card" }, h("h2", {}, "单元长积分榜"),
    rulesNote, filters, body, detail));
  readPointRules().then((rules) => rulesNote.replaceChildren(explainRules(rules))).catch(() => {});
  try {
    // The pages after the first ask for the ranking the first was cut from (its snapshot), so
    // that a step taken meanwhile does not move leaders between the pages being read.
    const result = await api(`/leaders/ranking${query({ within: params.within, month, stars: params.stars, page, page_size: RANKING_PAGE, snapshot: params.snapshot })}`);
    const pages = pager({ total: result.total, page, size: RANKING_PAGE, id: "ranking-total", cls: "ranking-page",
      unit: "人", go: (p) => ranking({ ...params, month: result.month, page: p, snapshot: result.snapshot }) });
    // The API's month when none was chosen (and none has been typed in while this loaded).
    if (!filters.month.value) filters.month.value = result.month;
    setChildren(body, pages.summary, table([
      { label: "名次", value: (r) => r.rank },
      { label: "单元长", value: (r) => r.person.name },
      { label: "单元", value: (r) => areaLink(r.unit) },
      { label: "积分", value: (r) => r.points },
      { label: "星级", value: (r) => h("span", { class: "stars", title: `${r.stars} 星` }, starsOf(r.stars)) },
    ], result.items, { empty: `${result.month} 没有单元长得分`, rowClass: () => "ranking-row",
      onclick: can("read_people") ? (r) => showPoints(detail, r, result.month) : null }), pages.buttons);
  } catch (err) {
    body.replaceChildren(problem(err));
  }
}

// Every point a leader earned in the month, each linked to its event.
async function showPoints(detail, r, month) {
  detail.replaceChildren(loading("积分明细"));
  try {
    const [x, rules] = await Promise.all([
      api(`/leaders/${encodeURIComponent(r.person.id)}/points${query({ month })}`),
      readPointRules().catch(() => ({ rules: [] }))]);
    detail.replaceChildren(h("h3", {}, `${r.person.name} ${month} 积分明细：共 ${x.points} 分`), table([
      { label: "时间", value: (e) => minute(e.at) },
      { label: "事件", value: (e) => h("a", { href: `#/event/${e.event_id}` }, e.summary || e.event_id) },
      { label: "环节", value: (e) => ACTIONS[e.action] || e.action },
      { label: "计分", value: (e) => ruleName(rules, e.rule) },
      { label: "分", value: (e) => (e.points > 0 ? `+${e.points}` : e.points) },
    ], x.entries, { empty: "本月没有计分记录", rowClass: () => "point-row" }),
    h("p", { class: "muted" }, x.flagged_self_closed.length ? `本人办结待他人核查：${x.flagged_self_closed.length} 件` : ""));
    detail.scrollIntoView({ block: "start" });
  } catch (err) {
    detail.replaceChildren(problem(err));
  }
}

// ---------------------------------------------------------------- audit

const AUDIT_ENTITIES = { pairing: "结对共建", linkage: "挂钩联系", secondment: "下沉", leader: "单元长/网格长",
  secretary: "书记", token: "令牌", event: "事件" };
const AUDIT_ACTIONS = { ...ACTIONS, create: "新建", end: "结束", withdraw: "撤销",
  add_project: "新增共建项目", change_project: "修改共建项目", withdraw_project: "撤销共建项目",
  assign: "任命", replace: "更换", revoke: "吊销", import: "导入", create_batch: "批量采集", sweep_flagged: "超时标记",
  sweep_escalated: "超时上报" };
const AUDIT_FIELDS = { since: "开始日期", until: "结束日期", projects: "共建项目", person: "人员", role: "身份",
  status: "状态", level: "层级", revoked_at: "吊销时间", agency: "承办机关", agency_id: "承办机关", area_code: "所在区域", due_at: "期限",
  overdue_steps: "超时次数" };
// Values shown in the data's words rather than as codes.
const AUDIT_VALUES = { status: (v) => STATUSES[v], level: (v) => TIERS[v], due_at: (v) => v && minute(v) };
const AUDIT_PAGE = 50;

// An instant as China Standard Time, as the audit's days are counted.
const cst = (iso) => new Date(Date.parse(iso.replace(/\.\d+/, "")) + 8 * 3600e3).toISOString()
  .slice(0, 19).replace("T", " ");

// What a stored value is called: a relation by its two sides, a project whole, else its name,
// title, summary (an event) or id.
function label(x) {
  if (x === null || x === undefined || x === "") return "—";
  if (Array.isArray(x)) return x.map(label).join("、") || "—";
  if (typeof x !== "object") return String(x);
  const side = (y) => (y && (y.name || y.id)) || null;
  const pair = [side(x.agency) || x.agency_id,
    side(x.community) || x.community_code || side(x.area) || x.area_code].filter(Boolean);
  if ((x.person || x.person_id) && pair.length < 2) pair.unshift(side(x.person) || x.person_id);
  if (pair.length >= 2) return pair.join(" — ");
  // A co-building project whole, so that a correction shows what it corrected.
  if (x.title !== undefined && x.amount !== undefined) {
    return `${x.title}（${yuan(x.amount)} 元，${x.funded_by}，${x.date}）`;
  }
  return x.name || x.title || x.summary || x.id || JSON.stringify(x);
}

// A change in a line: what was made or removed, or each field the before records that
// differs, before → after.
function changeOf(r) {
  if (!r.before || !r.after) return label(r.after || r.before);
  // Event steps recorded before 2026-12-07 hold the whole event as after, with the agency as
  // {id, name} where the before has agency_id; they read the same way.
  const after = (k) => (k in r.after || !k.endsWith("_id") ? r.after[k] : r.after[k.slice(0, -3)]);
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null) || (b?.id !== undefined && b.id === a);
  const shown = (k, v) => (AUDIT_VALUES[k] && v ? AUDIT_VALUES[k](v) || v : label(v));
  const keys = Object.keys(r.before).filter((k) => k !== "version" && !same(r.before[k], after(k)));
  return keys.length ? keys.map((k) => `${AUDIT_FIELDS[k] || k}: ${shown(k, r.before[k])} → ${shown(k, after(k))}`).join("；") : "—";
}

const AUDIT_COLUMNS = [
  { label: "时间", value: (r) => cst(r.at) },
  { label: "操作人", value: (r) => h("span", { title: r.token_id }, r.actor || r.token_id) },
  { label: "动作", value: (r) => AUDIT_ACTIONS[r.action] || r.action },
  { label: "对象", value: (r) => h("span", { title: r.entity_id }, AUDIT_ENTITIES[r.entity] || r.entity) },
  { label: "区域", value: (r) => (r.area_code ? h("a", { href: `#/area/${r.area_code}` }, r.area_code) : "—") },
  { label: "变更", value: (r) => changeOf(r) },
];

async function audit(params = {}) {
  const show = claim();
  const page = Number(params.page || 1);
  const filters = h("form", { class: "inline", id: "audit-filter", onsubmit: (e) => {
    e.preventDefault();
    audit(Object.fromEntries(new FormData(filters)));
  } },
  h("label", {}, "对象类型", h("select", { name: "entity" }, h("option", { value: "" }, "全部"),
    Object.entries(AUDIT_ENTITIES).map(([k, v]) => h("option", { value: k, selected: k === params.entity }, v)))),
  h("label", {}, "对象编号", h("input", { name: "entity_id", value: params.entity_id || "", placeholder: "如 pr-…" })),
  h("label", {}, "起始日期", h("input", { name: "from", type: "date", value: params.from || "" })),
  h("label", {}, "截止日期", h("input", { name: "to", type: "date", value: params.to || "" })),
  h("button", { type: "submit" }, "筛选"),
  exportButtons("/audit", "audit", { ...params, page: "" }));
  const body = h("div", {}, loading("变更记录"));
  show(h("section", { class: "card" }, h("h2", {}, "变更记录"),
    h("p", { class: "muted" }, "本令牌范围内的每一次变更：谁、何时、改了什么（日期按北京时间）。"), filters, body));
  try {
    const result = await api(`/audit${query({ ...params, page, page_size: AUDIT_PAGE })}`);
    const pages = pager({ total: result.total, page, size: AUDIT_PAGE, id: "audit-total", cls: "audit-page",
      go: (p) => audit({ ...params, page: p }) });
    setChildren(body, pages.summary,
      h("div", { class: "audit-list" },
        table(AUDIT_COLUMNS, result.items, { empty: "没有符合条件的变更", rowClass: () => "audit-row" })),
      pages.buttons);
  } catch (err) {
    body.replaceChildren(problem(err));
  }
}

// ---------------------------------------------------------------- tokens

const TOKEN_STATES = { active: "有效", expired: "已过期", revoked: "已吊销" };

async function tokens(params = {}, made = null) {
  const show = claim();
  const filters = h("form", { class: "inline", id: "token-filter", onsubmit: (e) => {
    e.preventDefault();
    tokens(Object.fromEntries(new FormData(filters)));
  } },
  h("label", {}, "角色", h("select", { name: "role" }, h("option", { value: "" }, "全部"),
    Object.entries(ROLES).map(([k, v]) => h("option", { value: k, selected: k === params.role }, v)))),
  h("label", {}, "状态", h("select", { name: "state" }, h("option", { value: "" }, "全部"),
    Object.entries(TOKEN_STATES).map(([k, v]) => h("option", { value: k, selected: k === params.state }, v)))),
  h("button", { type: "submit" }, "筛选"));
  const out = h("div", { id: "token-result" });
  const form = h("form", { class: "inline", id: "create-token", onsubmit: async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    data.expires_in_days = Number(data.expires_in_days);
    if (!data.name) delete data.name;
    try {
      await tokens(params, await api("/tokens", { method: "POST", body: data }));
    } catch (err) {
      out.replaceChildren(problem(err));
    }
  } },
  h("label", {}, "角色", h("select", { name: "role" },
    Object.entries(ROLES).map(([k, v]) => h("option", { value: k, selected: k === "reader" }, v)))),
  h("label", {}, "范围（区域代码）", h("input", { name: "scope", required: true, value: me.scope || "" })),
  h("label", {}, "持有人", h("input", { name: "name", placeholder: "如 城厢区组织部" })),
  h("label", {}, "有效天数", h("input", { name: "expires_in_days", type: "number", min: 1, max: 3650, value: 365 })),
  h("button", { type: "submit" }, "发放令牌"));
  // A new token is shown this once: only its hash is kept.
  const fresh = made ? h("div", { class: "notice", id: "token-made" },
    h("p", {}, `已发放令牌 ${made.id}（${ROLES[made.role]}，范围 ${made.scope_code}）。请立即复制交给持有人，此后不再显示：`),
    h("code", { id: "token-secret" }, made.token)) : null;
  const body = h("div", {}, loading("令牌"));
  show(fresh, h("section", { class: "card" }, h("h2", {}, "发放令牌"), form, out),
    h("section", { class: "card" }, h("h2", {}, "令牌"),
      h("p", { class: "muted" }, "本令牌范围内发放的访问令牌；从不显示已发放令牌的内容。"), filters, body));
  try {
    const result = await api(`/tokens${query({ ...params, page_size: 500 })}`);
    body.replaceChildren(h("p", { class: "muted", id: "token-total" }, `共 ${result.total} 个`), table([
      { label: "编号", value: (t) => t.id },
      { label: "角色", value: (t) => ROLES[t.role] || t.role },
      { label: "范围", value: (t) => t.scope_code || "全部" },
      { label: "持有人", value: (t) => t.name || "—" },
      { label: "状态", value: (t) => h("span", { class: `tag ${t.state}` }, TOKEN_STATES[t.state]) },
      { label: "到期", value: (t) => (t.expires_at ? cst(t.expires_at).slice(0, 10) : "永久") },
      { label: "", value: (t) => (t.state === "revoked" ? "" : h("button", { class: "secondary revoke-token",
        onclick: () => revokeToken(t, () => tokens(params)) }, "吊销")) },
    ], result.items, { empty: "没有符合条件的令牌", rowClass: () => "token-row" }));
  } catch (err) {
    body.replaceChildren(problem(err));
  }
}

async function revokeToken(t, redraw) {
  if (!confirm(`吊销令牌 ${t.id}（${t.name || ROLES[t.role]}）？吊销后持有人将无法再访问。`)) return;
  try {
    await api(`/tokens/${t.id}/revoke`, { method: "POST" });
    await redraw();
  } catch (err) {
    view().prepend(problem(err));
  }
}

// ---------------------------------------------------------------- routing

const ROUTES = [
  [/^#\/?$/, () => home()],
  [/^#\/search\/(.+)$/, (m) => search(decodeURIComponent(m[1]))],
  [/^#\/area\/(\d+)$/, (m) => area(m[1])],
  [/^#\/pairings$/, () => register("pairings")],
  [/^#\/partners(?:\/(linkages|secondments))?$/, (m) => register(m[1] || "linkages")],
  [/^#\/gaps$/, () => gaps()],
  [/^#\/escalation(?:\/(\d+)\/(\w+))?$/, (m) => escalation({ unit: m[1], category: m[2] })],
  [/^#\/events$/, () => events()],
  [/^#\/ranking$/, () => ranking()],
  [/^#\/audit$/, () => audit()],
  [/^#\/tokens$/, () => tokens()],
  [/^#\/event\/(.+)$/, (m) => event(decodeURIComponent(m[1]))],
];

async function route() {
  if (!me) return;
  navigation += 1;
  const show = claim();
  const hash = location.hash || "#/";
  for (const a of document.querySelectorAll("#nav a")) {
    a.classList.toggle("active", a.getAttribute("href") !== "#/" && hash.startsWith(a.getAttribute("href")));
  }
  for (const [pattern, handler] of ROUTES) {
    const m = hash.match(pattern);
    if (m) {
      try {
        await handler(m);
      } catch (err) {
        if (err.status === 401) return showSignIn(LAPSED);
        show(h("section", { class: "card" }, h("h2", {}, err.status === 404 ? "未找到" : "出错了"), problem(err)));
      }
      return;
    }
  }
  show(h("section", { class: "card" }, h("h2", {}, "未找到"), h("p", {}, "没有这个页面。"), h("a", { href: "#/" }, "返回首页")));
}

document.getElementById("signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const value = document.getElementById("token").value.trim();
  try {
    await signIn(value);
    document.getElementById("token").value = "";
    showSignedIn();
    route();
  } catch (err) {
    showSignIn(err.status === 401 ? "令牌无效、已撤销或已过期。" : reason(err));
  }
});

window.addEventListener("hashchange", route);

(async () => {
  if (!token()) return showSignIn();
  try {
    me = await api("/me");
    showSignedIn();
    route();
  } catch (err) {
    sessionStorage.removeItem("orggraph.token");
    showSignIn(err.status === 401 ? LAPSED : reason(err));
  }
})();

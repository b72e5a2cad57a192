import type { Report } from "./model.ts";

/**
 * report.html: one self-contained file (no network, no external assets). The data is embedded as
 * JSON; a small script renders it so the report opens on what failed: the root causes and the
 * failing checks first, then a search box and filters, then the other checks folded by status.
 */
export function renderHtml(report: Report): string {
  const data = JSON.stringify(report).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>auth.md conformance — ${escapeHtml(report.target.url)}</title>
<style>${CSS}</style>
</head>
<body>
<header id="head"></header>
<section id="failed"></section>
<nav id="filters" aria-label="filters"></nav>
<main id="checks"></main>
<section id="summary"></section>
<script id="report-data" type="application/json">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
:root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --skip:#6e7781; --blocked:#bc4c00; --error:#8250df; --none:#9f9f9f; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 14px; color: #fff; font-weight: 600; }
.verdict.ok { background: var(--pass); } .verdict.ko { background: var(--fail); } .verdict.none { background: var(--none); }
section.causes { border: 1px solid var(--blocked); border-radius: 6px; padding: 6px 12px; margin: 8px 0; } section.causes h2 { font-size: 14px; margin: 0 0 4px; }
div.cause { margin: 6px 0; } div.cause .evidence { white-space: pre-wrap; color: #57606a; } div.cause a { display: inline-block; font-family: ui-monospace, monospace; margin-right: 6px; }
.meta { color: #57606a; margin: 6px 0 12px; }
table.grid { border-collapse: collapse; margin: 8px 0 16px; }
table.grid th, table.grid td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: right; }
table.grid th:first-child, table.grid td:first-child { text-align: left; }
nav { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 12px; padding: 8px; background: var(--bg); border-radius: 6px; }
nav fieldset { border: 0; margin: 0; padding: 0; } nav legend { font-weight: 600; float: left; margin-right: 6px; }
nav label { margin-right: 8px; white-space: nowrap; }
details.check { border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; margin: 6px 0; background: #fff; }
details.check > summary { cursor: pointer; padding: 6px 10px; list-style: none; display: flex; gap: 10px; align-items: baseline; }
details.check > summary::-webkit-details-marker { display: none; }
details.check[open] > summary { border-bottom: 1px solid #d0d7de; background: var(--bg); }
.status { font-weight: 700; text-transform: uppercase; font-size: 12px; min-width: 44px; }
details.s-pass { border-left-color: var(--pass); } .s-pass .status { color: var(--pass); }
details.s-fail { border-left-color: var(--fail); } .s-fail .status { color: var(--fail); }
details.s-warn { border-left-color: var(--warn); } .s-warn .status { color: var(--warn); }
details.s-skip { border-left-color: var(--skip); } .s-skip .status { color: var(--skip); }
details.s-error { border-left-color: var(--error); } .s-error .status { color: var(--error); }
details.s-blocked { border-left-color: var(--blocked); } .s-blocked .status { color: var(--blocked); }
.id { font-family: ui-monospace, monospace; font-weight: 600; white-space: nowrap; }
.level { font-size: 11px; padding: 0 6px; border-radius: 8px; background: #eaeef2; }
.body { padding: 8px 14px 12px; }
.message { white-space: pre-wrap; margin: 4px 0 8px; }
pre { background: var(--bg); padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
h3 { font-size: 13px; margin: 10px 0 4px; }
.hidden { display: none; }
.verdicts { display: flex; gap: 12px; align-items: center; margin: 6px 0; } .must { font-weight: 600; }
.flow { font-size: 11px; color: #57606a; } .tag { font-size: 11px; padding: 0 6px; border-radius: 8px; background: #fff8c5; border: 1px solid #d4a72c; }
.tools { margin-left: auto; display: flex; gap: 6px; } button { font: inherit; padding: 2px 10px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; cursor: pointer; }
table.kv { border-collapse: collapse; width: 100%; margin: 4px 0; } table.kv th { text-align: left; vertical-align: top; width: 140px; padding: 4px 8px 4px 0; font-weight: 600; color: #57606a; } table.kv td { padding: 0; }
table.kv tr.actual pre { background: #ffebe9; } table.kv tr.expected pre { background: #dafbe1; }
pre.curl { background: #0d1117; color: #e6edf3; }
details.exchange { margin: 4px 0; border: 1px solid #d0d7de; border-radius: 6px; } details.exchange > summary { cursor: pointer; padding: 3px 8px; font-family: ui-monospace, monospace; font-size: 12px; }
details.exchange.decisive { border-color: #cf222e; }
section.baseline { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; margin: 8px 0; } section.baseline h2 { font-size: 14px; margin: 0 0 4px; }
section#failed h2, main h2, details.group > summary { font-size: 15px; margin: 12px 0 4px; }
details.group { margin: 8px 0; } details.group > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
.all-good { color: var(--pass); font-weight: 600; margin: 8px 0; }
input#search { font: inherit; padding: 2px 8px; border: 1px solid #d0d7de; border-radius: 6px; min-width: 260px; }
a.spec { font-size: 11px; color: #0969da; white-space: nowrap; margin-left: auto; }
#match-count { color: #57606a; }
@media print { nav, .tools { display: none; } details.check { break-inside: avoid; } }
`;

// Runs in the browser; plain ES2020, no dependencies.
const SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  };
  var ok = report.verdict === "conformant";
  var none = report.verdict === "no verdict";
  var head = document.getElementById("head");
  head.appendChild(el("h1", { text: "auth.md conformance report" }));
  var must = report.checks.filter(function (c) { return c.level === "MUST"; });
  var mustPassed = must.filter(function (c) { return c.status === "pass"; }).length;
  head.appendChild(el("div", { class: "verdicts" }, [
    el("span", { class: "verdict " + (ok ? "ok" : none ? "none" : "ko"), id: "verdict", text: report.profile + ": " + report.verdict + (none ? " (the harness could not judge the target)" : "") }),
    el("span", { class: "must", text: "MUST " + mustPassed + "/" + must.length + " pass" })
  ]));
  head.appendChild(el("div", { class: "meta", text: "Target " + report.target.url + " \\u00b7 " + report.tool.name + " " + report.tool.version + " \\u00b7 seed " + report.seed + " \\u00b7 started " + report.startedAt + " \\u00b7 " + (report.durationMs / 1000).toFixed(1) + " s" }));
  if (report.harnessErrors && report.harnessErrors.length) {
    head.appendChild(el("pre", { class: "harness", text: "Harness errors:\\n" + report.harnessErrors.join("\\n") }));
  }

  var statuses = ["pass", "fail", "warn", "skip", "blocked", "error"];
  var levels = ["MUST", "SHOULD", "MAY"];
  var flows = Array.from(new Set(report.checks.map(function (c) { return c.flow; })));
  var grid = el("table", { class: "grid", id: "summary-table" });
  grid.appendChild(el("tr", {}, [el("th", { text: "" })].concat(statuses.map(function (s) { return el("th", { text: s }); })).concat([el("th", { text: "total" })])));
  function row(label, list) {
    return el("tr", {}, [el("td", { text: label })].concat(statuses.map(function (s) {
      return el("td", { text: String(list.filter(function (c) { return c.status === s; }).length) });
    })).concat([el("td", { text: String(list.length) })]));
  }
  levels.forEach(function (l) { grid.appendChild(row(l, report.checks.filter(function (c) { return c.level === l; }))); });
  flows.forEach(function (f) { grid.appendChild(row("flow: " + f, report.checks.filter(function (c) { return c.flow === f; }))); });
  grid.appendChild(row("all", report.checks));
  document.getElementById("summary").appendChild(el("h2", { text: "Summary" }));
  document.getElementById("summary").appendChild(grid);

  var filters = document.getElementById("filters");
  function group(name, values, checkedFn) {
    var fs = el("fieldset", { "data-filter": name }, [el("legend", { text: name })]);
    values.forEach(function (v) {
      var box = el("input", { type: "checkbox", value: v, name: name });
      box.checked = checkedFn(v);
      box.addEventListener("change", apply);
      fs.appendChild(el("label", {}, [box, document.createTextNode(" " + v)]));
    });
    filters.appendChild(fs);
  }
  group("status", statuses, function () { return true; });
  group("level", levels, function () { return true; });
  group("flow", flows, function () { return true; });

  var baselined = {};
  if (report.baseline) {
    var b = report.baseline;
    (b.baselined || []).forEach(function (id) { baselined[id] = true; });
    var box = el("section", { class: "baseline", id: "baseline" }, [el("h2", { text: "Baseline " + b.file })]);
    [["New failures", b.new], ["Baselined (expected)", b.baselined], ["Stale (baselined, now passing" + (b.allowStale ? ", allowed" : "") + ")", b.stale], ["Not run", b.notRun]].forEach(function (p) {
      box.appendChild(el("div", {}, [el("b", { text: p[0] + ": " }), document.createTextNode(p[1] && p[1].length ? p[1].join(", ") : "none")]));
    });
    document.getElementById("failed").appendChild(box);
  }

  var causes = report.causes || [];
  if (causes.length) {
    // Each missing prerequisite once, with the checks it blocks.
    var cbox = el("section", { class: "causes", id: "causes" }, [el("h2", { text: "Root causes (" + causes.length + ")" })]);
    causes.forEach(function (cause) {
      var blockedIds = report.checks.filter(function (c) { return c.status === "blocked" && c.blockedBy === cause.id; }).map(function (c) { return c.id; });
      var links = el("div", {}, [document.createTextNode("blocks " + blockedIds.length + " check(s): ")].concat(blockedIds.map(function (id) { return el("a", { href: "#check-" + id, text: id }); })));
      cbox.appendChild(el("div", { class: "cause", id: "cause-" + cause.id }, [
        el("b", { text: cause.id + ": " }), document.createTextNode(cause.title),
        el("div", { class: "evidence", text: cause.evidence && cause.evidence.message ? cause.evidence.message : "" }),
        links
      ]));
    });
    document.getElementById("failed").appendChild(cbox);
  }

  // Search over ids and titles: rows that do not match are hidden, groups with a match open.
  var search = el("input", { type: "search", id: "search", placeholder: "Search ids and titles\u2026", "aria-label": "search ids and titles" });
  search.addEventListener("input", apply);
  filters.insertBefore(el("label", {}, [search]), filters.firstChild);
  var matchCount = el("span", { id: "match-count" });
  filters.appendChild(matchCount);

  var tools = el("div", { class: "tools" });
  var expandAll = el("button", { type: "button", id: "expand-all", text: "Expand all" });
  var collapseAll = el("button", { type: "button", id: "collapse-all", text: "Collapse all" });
  expandAll.addEventListener("click", function () { document.querySelectorAll("details.check").forEach(function (d) { d.open = true; }); });
  collapseAll.addEventListener("click", function () { document.querySelectorAll("details.check").forEach(function (d) { d.open = false; }); });
  tools.appendChild(expandAll); tools.appendChild(collapseAll);
  filters.appendChild(tools);

  function json(v) { var s = JSON.stringify(v, null, 2); return s === undefined ? String(v) : s; }
  function kv(table, key, value, cls) {
    table.appendChild(el("tr", { class: cls || "" }, [el("th", { text: key }), el("td", {}, [el("pre", { text: value })])]));
  }
  // The curl line, then one shell comment per variable it reads: it still runs as pasted.
  function curlText(x) {
    return [x.curl].concat((x.curlVariables || []).map(function (v) { return "# $" + v.name + ": " + v.obtain; })).join("\\n");
  }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }
  function decisiveIndex(ev) {
    var xs = ev.exchanges || [];
    var marked = ev.data && ev.data.decisiveExchange;
    if (typeof marked === "number" && xs[marked]) return marked;
    return xs.length - 1;
  }

  // Where each check goes: failures on top (open), then the rest folded by status.
  var failedBox = document.getElementById("failed");
  var failing = report.checks.filter(function (c) { return c.status === "fail" || c.status === "error"; });
  var failList = el("div", { id: "failing-checks" });
  failedBox.appendChild(el("h2", { text: failing.length ? "Failures (" + failing.length + ")" : "Failures (none)" }));
  if (!failing.length && !causes.length) failedBox.appendChild(el("div", { class: "all-good", text: "No check failed." }));
  failedBox.appendChild(failList);
  var main = document.getElementById("checks");
  var groups = {};
  [["blocked", "Blocked by a root cause"], ["warn", "Warnings (SHOULD / MAY not met)"], ["rest", "Passed and skipped"]].forEach(function (g) {
    var n = report.checks.filter(function (c) { return groupOf(c) === g[0]; }).length;
    var det = el("details", { class: "group", id: "group-" + g[0] }, [el("summary", { text: g[1] + " (" + n + ")" })]);
    if (n) main.appendChild(det);
    groups[g[0]] = det;
  });
  function groupOf(c) {
    if (c.status === "fail" || c.status === "error") return "failing";
    if (c.status === "blocked") return "blocked";
    if (c.status === "warn") return "warn";
    return "rest";
  }
  function openTo(hash) {
    var target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    for (var n = target; n; n = n.parentElement) if (n.tagName === "DETAILS") n.open = true;
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", function () { openTo(location.hash); });

  report.checks.forEach(function (c) {
    var list = groupOf(c) === "failing" ? failList : groups[groupOf(c)];
    var d = el("details", { class: "check s-" + c.status, id: "check-" + c.id, "data-status": c.status, "data-level": c.level, "data-flow": c.flow, "data-title": c.title });
    // A few failures open at once on their evidence; many stay one line each.
    if ((c.status === "fail" || c.status === "error") && failing.length <= 10) d.open = true;
    d.appendChild(el("summary", {}, [
      el("span", { class: "status", text: c.status }),
      el("span", { class: "id", text: c.id }),
      el("span", { class: "level", text: c.level }),
      el("span", { class: "flow", text: c.flow }),
      baselined[c.id] ? el("span", { class: "tag", text: "baselined" }) : null,
      el("span", { class: "title", text: c.title }),
      // The spec source, one click from the row (the body lists them all).
      c.sources && c.sources.length ? el("a", { class: "spec", href: c.sources[0].url, rel: "noreferrer", title: (c.sources.length > 1 ? c.sources.length + " sources, the first: " : "spec source: ") + c.sources[0].spec + " " + c.sources[0].section, text: short(c.sources[0].spec + " " + c.sources[0].section, 36) + (c.sources.length > 1 ? " +" + (c.sources.length - 1) : "") }) : null
    ]));
    var body = el("div", { class: "body" });
    if (c.message) body.appendChild(el("div", { class: "message", text: c.message }));
    var ev = c.evidence || {};
    var data = ev.data || {};
    var det = ev.details;
    if (det && (("expected" in det) || ("actual" in det) || det.pointer)) {
      body.appendChild(el("h3", { text: "Expected / actual" }));
      var t = el("table", { class: "kv details" });
      if ("expected" in det) kv(t, "expected", json(det.expected), "expected");
      if ("actual" in det) kv(t, "actual", json(det.actual), "actual");
      if (det.pointer !== undefined) kv(t, "JSON pointer", (det.document || "") + "#" + det.pointer, "pointer");
      body.appendChild(t);
    }
    var di = decisiveIndex(ev);
    var decisive = di >= 0 ? ev.exchanges[di] : null;
    if (decisive || data.seed !== undefined || data.counterexample !== undefined) {
      body.appendChild(el("h3", { text: "Reproduce" }));
      var r = el("table", { class: "kv repro" });
      if (data.counterexample !== undefined) kv(r, "counterexample", json(data.counterexample));
      if (data.seed !== undefined || data.counterexample !== undefined) kv(r, "seed", String(data.seed !== undefined ? data.seed : report.seed) + "   (replay with --seed)");
      if (decisive) kv(r, "decisive request", decisive.method + " " + decisive.url + " \u2192 " + (decisive.status || (decisive.error && decisive.error.code) || "no answer"));
      if (decisive) kv(r, "curl", curlText(decisive), "curl");
      body.appendChild(r);
    }
    if (ev.notes && ev.notes.length) { body.appendChild(el("h3", { text: "Notes" })); body.appendChild(el("pre", { text: ev.notes.join("\\n") })); }
    var rest = {};
    Object.keys(data).forEach(function (k) { if (k !== "seed" && k !== "counterexample" && k !== "decisiveExchange") rest[k] = data[k]; });
    if (Object.keys(rest).length) { body.appendChild(el("h3", { text: "Evidence" })); body.appendChild(el("pre", { class: "evidence", text: json(rest) })); }
    if ((ev.exchanges || []).length) body.appendChild(el("h3", { text: "Exchanges (" + ev.exchanges.length + ", redacted)" }));
    (ev.exchanges || []).forEach(function (x, i) {
      var xd = el("details", { class: "exchange" + (i === di ? " decisive" : "") });
      if (i === di && (c.status !== "pass")) xd.open = true;
      xd.appendChild(el("summary", { text: (i + 1) + ". " + x.method + " " + x.url + " \u2192 " + (x.status || (x.error && x.error.code) || "no answer") + (i === di ? "  (decisive)" : "") }));
      var lines = [x.method + " " + x.url];
      Object.keys(x.requestHeaders || {}).forEach(function (h) { lines.push(h + ": " + x.requestHeaders[h]); });
      if (x.requestBody) lines.push("", x.requestBody);
      lines.push("", "HTTP " + (x.status || "-") + (x.error ? " (" + x.error.message + ")" : ""));
      Object.keys(x.responseHeaders || {}).forEach(function (h) { lines.push(h + ": " + x.responseHeaders[h]); });
      if (x.responseBody) lines.push("", x.responseBody + (x.truncated ? "\\n[truncated]" : ""));
      xd.appendChild(el("pre", { class: "http", text: lines.join("\\n") }));
      xd.appendChild(el("pre", { class: "curl", text: curlText(x) }));
      body.appendChild(xd);
    });
    if (ev.stack) { body.appendChild(el("h3", { text: "Stack" })); body.appendChild(el("pre", { text: ev.stack })); }
    body.appendChild(el("h3", { text: "Sources" }));
    var ul = el("ul", { class: "sources" });
    (c.sources || []).forEach(function (s) {
      ul.appendChild(el("li", {}, [el("a", { href: s.url, text: s.spec + " " + s.section, rel: "noreferrer" })]));
    });
    body.appendChild(ul);
    d.appendChild(body);
    list.appendChild(d);
  });

  function apply() {
    var chosen = {};
    ["status", "level", "flow"].forEach(function (g) {
      chosen[g] = Array.from(document.querySelectorAll('input[name="' + g + '"]:checked')).map(function (i) { return i.value; });
    });
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("details.check").forEach(function (d) {
      var text = (d.id.slice(6) + " " + d.dataset.title).toLowerCase();
      var show = chosen.status.indexOf(d.dataset.status) >= 0 && chosen.level.indexOf(d.dataset.level) >= 0 && chosen.flow.indexOf(d.dataset.flow) >= 0 && (!q || text.indexOf(q) >= 0);
      d.classList.toggle("hidden", !show);
      if (show) shown++;
    });
    Object.keys(groups).forEach(function (g) {
      var visible = groups[g].querySelectorAll("details.check:not(.hidden)").length;
      groups[g].classList.toggle("hidden", visible === 0);
      if (q && visible) groups[g].open = true;
    });
    matchCount.textContent = q ? shown + " of " + report.checks.length + " checks match" : "";
  }
  openTo(location.hash);
})();
`;

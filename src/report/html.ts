import type { Report } from "./model.ts";

/**
 * report.html: one self-contained file (no network, no external assets). The data is embedded as
 * JSON; a small script renders the summary, the filters and one expandable row per check.
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
<section id="summary"></section>
<nav id="filters" aria-label="filters"></nav>
<main id="checks"></main>
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
:root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --skip:#6e7781; --error:#8250df; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 14px; color: #fff; font-weight: 600; }
.verdict.ok { background: var(--pass); } .verdict.ko { background: var(--fail); }
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
.s-pass { border-left-color: var(--pass); } .s-pass .status { color: var(--pass); }
.s-fail { border-left-color: var(--fail); } .s-fail .status { color: var(--fail); }
.s-warn { border-left-color: var(--warn); } .s-warn .status { color: var(--warn); }
.s-skip { border-left-color: var(--skip); } .s-skip .status { color: var(--skip); }
.s-error { border-left-color: var(--error); } .s-error .status { color: var(--error); }
.id { font-family: ui-monospace, monospace; font-weight: 600; }
.level { font-size: 11px; padding: 0 6px; border-radius: 8px; background: #eaeef2; }
.body { padding: 8px 14px 12px; }
.message { white-space: pre-wrap; margin: 4px 0 8px; }
pre { background: var(--bg); padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
h3 { font-size: 13px; margin: 10px 0 4px; }
.hidden { display: none; }
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
  var head = document.getElementById("head");
  head.appendChild(el("h1", { text: "auth.md conformance report" }));
  head.appendChild(el("span", { class: "verdict " + (ok ? "ok" : "ko"), id: "verdict", text: report.profile + ": " + report.verdict }));
  head.appendChild(el("div", { class: "meta", text: "Target " + report.target.url + " \\u00b7 " + report.tool.name + " " + report.tool.version + " \\u00b7 seed " + report.seed + " \\u00b7 started " + report.startedAt + " \\u00b7 " + (report.durationMs / 1000).toFixed(1) + " s" }));
  if (report.harnessErrors && report.harnessErrors.length) {
    head.appendChild(el("pre", { class: "harness", text: "Harness errors:\\n" + report.harnessErrors.join("\\n") }));
  }

  var statuses = ["pass", "fail", "warn", "skip", "error"];
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

  var list = document.getElementById("checks");
  report.checks.forEach(function (c) {
    var d = el("details", { class: "check s-" + c.status, id: "check-" + c.id, "data-status": c.status, "data-level": c.level, "data-flow": c.flow });
    if (c.status === "fail" || c.status === "error") d.open = true;
    d.appendChild(el("summary", {}, [
      el("span", { class: "status", text: c.status }),
      el("span", { class: "id", text: c.id }),
      el("span", { class: "level", text: c.level }),
      el("span", { class: "title", text: c.title })
    ]));
    var body = el("div", { class: "body" });
    if (c.message) body.appendChild(el("div", { class: "message", text: c.message }));
    var ev = c.evidence || {};
    if (ev.details) {
      body.appendChild(el("h3", { text: "Expected / actual" }));
      body.appendChild(el("pre", { class: "details", text: JSON.stringify(ev.details, null, 2) }));
    }
    if (ev.notes && ev.notes.length) { body.appendChild(el("h3", { text: "Notes" })); body.appendChild(el("pre", { text: ev.notes.join("\\n") })); }
    if (ev.data) { body.appendChild(el("h3", { text: "Evidence" })); body.appendChild(el("pre", { text: JSON.stringify(ev.data, null, 2) })); }
    (ev.exchanges || []).forEach(function (x, i) {
      body.appendChild(el("h3", { text: "Exchange " + (i + 1) + ": " + x.method + " " + x.url + " \\u2192 " + (x.status || (x.error && x.error.code) || "no answer") }));
      var lines = [x.method + " " + x.url];
      Object.keys(x.requestHeaders || {}).forEach(function (h) { lines.push(h + ": " + x.requestHeaders[h]); });
      if (x.requestBody) lines.push("", x.requestBody);
      lines.push("", "HTTP " + (x.status || "-") + (x.error ? " (" + x.error.message + ")" : ""));
      Object.keys(x.responseHeaders || {}).forEach(function (h) { lines.push(h + ": " + x.responseHeaders[h]); });
      if (x.responseBody) lines.push("", x.responseBody);
      body.appendChild(el("pre", { class: "exchange", text: lines.join("\\n") }));
      body.appendChild(el("pre", { class: "curl", text: x.curl }));
    });
    if (ev.stack) { body.appendChild(el("h3", { text: "Stack" })); body.appendChild(el("pre", { text: ev.stack })); }
    body.appendChild(el("h3", { text: "Sources" }));
    var ul = el("ul");
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
    document.querySelectorAll("details.check").forEach(function (d) {
      var show = chosen.status.indexOf(d.dataset.status) >= 0 && chosen.level.indexOf(d.dataset.level) >= 0 && chosen.flow.indexOf(d.dataset.flow) >= 0;
      d.classList.toggle("hidden", !show);
    });
  }
})();
`;

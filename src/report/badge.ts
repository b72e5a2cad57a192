import type { Report } from "./model.ts";

/**
 * badge.svg: "auth.md v0.1 | 21/23 MUST", green when conformant, red when not, grey with "no
 * verdict" when the harness could not judge (exit 2: a staging outage is no finding). Hand-written
 * (a shields-style template) because a badge library would be a dependency for forty lines; text
 * widths are estimated from character counts, which is close enough for Verdana 11px.
 */
export function renderBadge(report: Report): string {
  const must = report.checks.filter((c) => c.level === "MUST");
  const passed = must.filter((c) => c.status === "pass").length;
  // A preview profile certifies only part of its catalogue: the badge says so.
  const label = `auth.md ${report.profile}${report.coverage?.preview ? " preview" : ""}`;
  const noVerdict = report.verdict === "no verdict";
  const value = noVerdict ? "no verdict" : `${passed}/${must.length} MUST${report.verdict === "conformant" ? "" : ` · ${report.verdict}`}`;
  const color = noVerdict ? "#9f9f9f" : report.verdict === "conformant" ? "#2ea44f" : "#cf222e";
  const lw = textWidth(label) + 12;
  const vw = textWidth(value) + 12;
  const w = lw + vw;
  const title = noVerdict ? `${label}: no verdict (the harness could not judge the target)` : `${label}: ${report.verdict} (${passed}/${must.length} MUST checks pass)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${esc(title)}">
<title>${esc(title)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${esc(label)}</text><text x="${lw / 2}" y="14">${esc(label)}</text>
<text x="${lw + vw / 2}" y="15" fill="#010101" fill-opacity=".3">${esc(value)}</text><text x="${lw + vw / 2}" y="14">${esc(value)}</text>
</g>
</svg>
`;
}

function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[ilI.,:;|!'1 ]/.test(ch) ? 4 : /[mwMW]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 8 : 7;
  return w;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

import type { ErrorKey } from "../profiles/types.ts";
import { profileV01 } from "../profiles/v0_1/index.ts";
import { ID_JAG_ASSERTION, VERIFIED_EMAIL_ASSERTION } from "../profiles/v0_1/vocabulary.ts";
import { type MarkdownDoc, lineOf, parseMarkdown } from "./markdown.ts";
import type { LintFinding } from "./types.ts";

/**
 * Offline rules on an auth.md document. Verdicts follow the catalogue's levels: what would break
 * an agent (HTML instead of Markdown, invalid JSON examples, unreplaced template placeholders, URLs
 * that contradict the metadata) fails; what the sources recommend (title, sections, error table,
 * PRM breadcrumb) warns. Real documents vary, so every rule reports and none throws.
 */
export interface DocumentLintOptions {
  /** AS metadata (or just its agent_auth block) to compare flows and URLs with. */
  metadata?: Record<string, unknown>;
}

export function lintDocument(text: string, options: DocumentLintOptions = {}): LintFinding[] {
  const doc = parseMarkdown(text);
  const findings: LintFinding[] = [];
  if (doc.text.trim() === "") {
    return [{ rule: "LINT-EMPTY", verdict: "fail", title: "Document has content", message: "The document is empty" }];
  }
  if (looksLikeHtmlDocument(doc.text)) {
    return [
      {
        rule: "LINT-NOT-HTML",
        verdict: "fail",
        title: "Markdown, not HTML",
        message: "The document is an HTML page (an SPA fallback?), not Markdown; agents cannot follow it",
        line: 1,
      },
    ];
  }
  findings.push({ rule: "LINT-NOT-HTML", verdict: "pass", title: "Markdown, not HTML", message: "The document is Markdown text" });
  if (doc.frontMatterLines > 0) {
    findings.push({ rule: "LINT-FRONT-MATTER", verdict: "pass", title: "Front matter", message: `Front matter (${doc.frontMatterLines} lines) skipped` });
  }
  findings.push(titleRule(doc), sectionsRule(doc), ...jsonRules(doc), placeholderRule(doc), errorTableRule(doc), prmLinkRule(doc), markersRule(doc));
  if (options.metadata) findings.push(...metadataRules(doc, options.metadata));
  return findings;
}

export function looksLikeHtmlDocument(text: string): boolean {
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

function titleRule(doc: MarkdownDoc): LintFinding {
  const first = doc.headings[0];
  const base = { rule: "LINT-TITLE", title: "H1 title before the first section" };
  if (first?.level === 1) return { ...base, verdict: "pass", message: `Title: "${first.text}"`, line: first.line };
  const h1 = doc.headings.find((h) => h.level === 1);
  if (h1) return { ...base, verdict: "warn", message: `The H1 "${h1.text}" comes after other headings`, line: h1.line };
  return { ...base, verdict: "warn", message: first ? `No H1 title; the first heading is "${"#".repeat(first.level)} ${first.text}"` : "No heading at all", ...(first ? { line: first.line } : {}) };
}

/** Loose alternatives for renamed sections (published documents rename them). */
const SECTION_ALIASES: Record<string, RegExp> = {
  "Step 1 — Discover": /discover/i,
  "Step 2 — Pick a method": /(pick|choos|select).*(method|flow)|methods?\b|decision/i,
  "Step 3 — Register": /regist/i,
  "Step 4 — Claim ceremony": /claim|otp|one-time/i,
  "Step 5 — Use the credential": /(use|using|call).*(credential|api|token)|credential/i,
  Errors: /error/i,
  Revocation: /revo/i,
};

function sectionsRule(doc: MarkdownDoc): LintFinding {
  const headingLines = doc.headings.filter((h) => h.level >= 2).map((h) => ({ ...h, raw: `${"#".repeat(Math.min(h.level, 3))} ${h.text}` }));
  const missing: string[] = [];
  const renamed: string[] = [];
  for (const section of profileV01.manifestSections) {
    if (headingLines.some((h) => section.pattern.test(h.raw))) continue;
    const alias = headingLines.find((h) => SECTION_ALIASES[section.name]?.test(h.text));
    if (alias) renamed.push(`${section.name}: found as "${alias.text}" (line ${alias.line})`);
    else missing.push(section.name);
  }
  const base = { rule: "LINT-SECTIONS", title: "Step 1–5, Errors and Revocation sections" };
  if (missing.length) {
    return { ...base, verdict: "warn", message: `Missing sections: ${missing.join(", ")}`, details: [...missing.map((m) => `missing: ${m}`), ...renamed] };
  }
  if (renamed.length) return { ...base, verdict: "pass", message: `All sections present (${renamed.length} renamed)`, details: renamed };
  return { ...base, verdict: "pass", message: "All seven sections present" };
}

function jsonRules(doc: MarkdownDoc): LintFinding[] {
  const blocks = doc.fences.filter((f) => f.lang === "json");
  const base = { rule: "LINT-JSON", title: "Fenced ```json blocks are valid JSON" };
  if (blocks.length === 0) return [{ ...base, verdict: "pass", message: "No ```json blocks" }];
  const out: LintFinding[] = [];
  for (const block of blocks) {
    if (!block.closed) {
      out.push({ ...base, verdict: "fail", message: "The ```json block is never closed", line: block.line });
      continue;
    }
    try {
      JSON.parse(block.content);
      continue;
    } catch (err) {
      const relaxed = stripJsonComments(block.content);
      let relaxedOk = false;
      try {
        JSON.parse(relaxed);
        relaxedOk = true;
      } catch {
        relaxedOk = false;
      }
      out.push({
        ...base,
        verdict: relaxedOk ? "warn" : "fail",
        message: relaxedOk
          ? "The ```json block has comments or trailing commas (JSONC); agents that parse it strictly will fail — tag it ```jsonc or drop them"
          : `The \`\`\`json block is not valid JSON: ${(err as Error).message.split("\n")[0]}`,
        line: block.line,
      });
    }
  }
  if (out.length === 0) out.push({ ...base, verdict: "pass", message: `${blocks.length} JSON block(s) parse` });
  return out;
}

/** Drop line and block comments outside strings, and trailing commas (a JSONC reading). */
function stripJsonComments(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

/** Template placeholders an author forgot to replace; example values agents fill in (`<token>`) are fine. */
const PLACEHOLDERS: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\{\{[^}\n]{0,80}\}\}/g, what: "template placeholder" },
  { pattern: /<your[-_][^>\s]{1,60}>/gi, what: "template placeholder" },
  { pattern: /\[YOUR_[A-Z0-9_]+\]/g, what: "template placeholder" },
  { pattern: /\bYOUR_[A-Z0-9_]{2,}\b/g, what: "template placeholder" },
  { pattern: /\b(?:[a-z0-9-]+\.)*service\.example\.com\b/gi, what: "AUTH.md example host" },
];

function placeholderRule(doc: MarkdownDoc): LintFinding {
  const hits: string[] = [];
  let firstLine: number | undefined;
  doc.lines.forEach((line, n) => {
    if (n < doc.frontMatterLines) return;
    // One hit per place: `[YOUR_KEY]` also matches the bare YOUR_KEY pattern inside it.
    const taken: Array<[number, number]> = [];
    for (const { pattern, what } of PLACEHOLDERS) {
      for (const m of line.matchAll(pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some(([a, b]) => start >= a && end <= b)) continue;
        taken.push([start, end]);
        hits.push(`line ${n + 1}: ${m[0]} (${what})`);
        firstLine ??= n + 1;
      }
    }
  });
  const base = { rule: "LINT-PLACEHOLDER", title: "No unreplaced placeholders" };
  if (hits.length === 0) return { ...base, verdict: "pass", message: "No template placeholders or example hosts" };
  return {
    ...base,
    verdict: "fail",
    message: `${hits.length} unreplaced placeholder(s), first: ${hits[0]}`,
    details: hits.slice(0, 20),
    ...(firstLine ? { line: firstLine } : {}),
  };
}

const KEY_MEANING: Record<ErrorKey, string> = {
  ISS: "untrusted issuer",
  SIG: "bad signature",
  EXP: "expired assertion",
  AUD: "wrong audience",
  RPL: "replayed jti",
  CID: "unknown client_id",
  VER: "no verified email or phone",
  CRED: "unsupported credential type",
  OFF: "method not enabled",
  RATE: "rate limited",
  CLM: "invalid claim token",
  DONE: "already claimed",
  OTP_INVALID: "wrong OTP",
  OTP_EXPIRED: "expired OTP",
  CLAIM_EXPIRED: "claim expired",
  REQ: "malformed request",
  TYP: "wrong JWT typ",
};

/** Codes other documents define that an auth.md may reasonably list (OAuth, bearer, RFC 9470). */
const STANDARD_CODES = new Set([
  "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
  "invalid_token", "insufficient_scope", "invalid_target", "insufficient_user_authentication", "temporarily_unavailable",
  "server_error", "access_denied", "unsupported_assertion_type", "claim_superseded", "claimed_or_in_flight", "claim_completed",
]);

function documentedFlows(doc: MarkdownDoc): { idJag: boolean; email: boolean; anonymous: boolean; claim: boolean } {
  const t = doc.text.toLowerCase();
  return {
    idJag: t.includes("id-jag") || t.includes(ID_JAG_ASSERTION),
    email: t.includes(VERIFIED_EMAIL_ASSERTION) || /identity_assertion\s*\+\s*email/.test(t),
    anonymous: /"type"\s*:\s*"anonymous"/.test(t) || doc.headings.some((h) => /\banonymous\b/i.test(h.text)),
    claim: t.includes("claim_token") || /\botp\b/.test(t),
  };
}

function errorTableRule(doc: MarkdownDoc): LintFinding {
  const base = { rule: "LINT-ERRORS-TABLE", title: "Error table with the documented v0.1 codes" };
  const tables = doc.tables.filter((t) => t.header.some((h) => /code|error/i.test(h)));
  if (tables.length === 0) return { ...base, verdict: "warn", message: "No error table (a table whose header names a code or error column)" };
  const listed = new Set<string>();
  for (const table of tables) {
    const col = Math.max(0, table.header.findIndex((h) => /code|error/i.test(h)));
    for (const row of table.rows) for (const m of (row[col] ?? "").matchAll(/`([a-z][a-z0-9_]*)`|\b([a-z]+(?:_[a-z0-9]+)+)\b/g)) listed.add(m[1] ?? m[2]!);
  }
  const aliases = profileV01.errors;
  const flows = documentedFlows(doc);
  const required: ErrorKey[] = ["CRED"];
  if (flows.idJag) required.push("ISS", "SIG", "EXP", "AUD", "RPL");
  if (flows.claim) required.push("CLM", "OTP_INVALID", "OTP_EXPIRED", "CLAIM_EXPIRED", "DONE");
  const missing = required.filter((key) => !Object.values(aliases[key]).some((codes) => codes?.some((c) => listed.has(c))));
  const known = new Set([...Object.values(aliases).flatMap((v) => Object.values(v).flat()), ...STANDARD_CODES]);
  const other = [...listed].filter((c) => !known.has(c));
  const details = [
    ...missing.map((key) => `no code for "${KEY_MEANING[key]}" (any of ${[...new Set(Object.values(aliases[key]).flat())].join(", ")})`),
    ...(other.length ? [`service-specific codes (not in the v0.1 documents): ${other.join(", ")}`] : []),
  ];
  const line = tables[0]!.line;
  if (missing.length) {
    return { ...base, verdict: "warn", message: `The error table lacks codes for: ${missing.map((k) => KEY_MEANING[k]).join(", ")}`, line, details };
  }
  return { ...base, verdict: "pass", message: `${listed.size} codes listed, every documented failure covered`, line, ...(details.length ? { details } : {}) };
}

function prmLinkRule(doc: MarkdownDoc): LintFinding {
  const path = profileV01.wellKnown.protectedResource;
  const base = { rule: "LINT-PRM-LINK", title: "Points agents at the Protected Resource Metadata" };
  const line = lineOf(doc, new RegExp(path.replace(/[.]/g, "\\.")));
  if (line) return { ...base, verdict: "pass", message: `Mentions ${path}`, line };
  return { ...base, verdict: "warn", message: `Never mentions ${path}: an agent starting from this document cannot reach the metadata` };
}

/** Protocol markers the passive scanner looks for: is this an auth.md at all? */
const MARKERS: Array<{ name: string; pattern: RegExp }> = [
  { name: "protected resource metadata", pattern: /oauth-protected-resource|resource_metadata/ },
  { name: "agent_auth block or register endpoint", pattern: /agent_auth|register_uri|\/agent\/auth\b/ },
  { name: "registration type", pattern: /identity_assertion|"anonymous"|\banonymous\b/ },
  { name: "credential use", pattern: /Authorization:\s*Bearer|bearer/i },
];

function markersRule(doc: MarkdownDoc): LintFinding {
  const missing = MARKERS.filter((m) => !m.pattern.test(doc.text)).map((m) => m.name);
  const base = { rule: "LINT-MARKERS", title: "auth.md protocol markers" };
  if (missing.length === MARKERS.length) return { ...base, verdict: "fail", message: "None of the auth.md protocol markers appear: this is not an auth.md document" };
  if (missing.length) return { ...base, verdict: "warn", message: `Missing markers: ${missing.join(", ")}` };
  return { ...base, verdict: "pass", message: "All protocol markers present" };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function metadataRules(doc: MarkdownDoc, metadata: Record<string, unknown>): LintFinding[] {
  const block = isObject(metadata.agent_auth) ? metadata.agent_auth : metadata;
  if (!isObject(block) || !("register_uri" in block || "identity_types_supported" in block)) {
    return [{ rule: "LINT-META", verdict: "fail", title: "Metadata has an agent_auth block", message: "The metadata given has no agent_auth block (register_uri, identity_types_supported)" }];
  }
  return [flowsRule(doc, block), urlsRule(doc, block)];
}

function flowsRule(doc: MarkdownDoc, block: Record<string, unknown>): LintFinding {
  const types = strings(block.identity_types_supported);
  const assertions = isObject(block.identity_assertion) ? strings(block.identity_assertion.assertion_types_supported) : [];
  const advertised = {
    anonymous: types.includes("anonymous"),
    idJag: types.includes("identity_assertion") && assertions.includes(ID_JAG_ASSERTION),
    email: types.includes("identity_assertion") && assertions.includes(VERIFIED_EMAIL_ASSERTION),
  };
  const documented = documentedFlows(doc);
  const names = { anonymous: "anonymous", idJag: "identity_assertion + id-jag", email: "identity_assertion + verified_email" } as const;
  const undocumented = (Object.keys(names) as Array<keyof typeof names>).filter((k) => advertised[k] && !documented[k]).map((k) => names[k]);
  const unadvertised = (Object.keys(names) as Array<keyof typeof names>).filter((k) => !advertised[k] && documented[k]).map((k) => names[k]);
  const base = { rule: "LINT-META-FLOWS", title: "Documented flows match agent_auth" };
  const details = [
    ...undocumented.map((f) => `advertised in agent_auth but not documented: ${f}`),
    ...unadvertised.map((f) => `documented but not advertised in agent_auth: ${f}`),
  ];
  if (details.length) return { ...base, verdict: "warn", message: details.join("; "), details };
  return { ...base, verdict: "pass", message: "Every advertised flow is documented and vice versa" };
}

function urlsRule(doc: MarkdownDoc, block: Record<string, unknown>): LintFinding {
  const docUrls = [...doc.text.matchAll(/https?:\/\/[^\s"'`<>)\]]+/g)].map((m) => m[0].replace(/[.,;:]+$/, ""));
  const base = { rule: "LINT-META-URLS", title: "URLs agree with agent_auth" };
  const contradictions: string[] = [];
  const unnamed: string[] = [];
  for (const key of ["register_uri", "claim_uri", "revocation_uri", "skill"]) {
    const value = block[key];
    if (typeof value !== "string") continue;
    let meta: URL;
    try {
      meta = new URL(value);
    } catch {
      continue; // relative URIs are the discovery suite's concern (DISC-AA-02)
    }
    const path = trimSlash(meta.pathname);
    let named = false;
    for (const raw of docUrls) {
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        continue;
      }
      if (trimSlash(u.pathname) !== path) continue;
      if (u.origin === meta.origin) named = true;
      else contradictions.push(`${key}: the document says ${raw}, the metadata says ${value}`);
    }
    if (!named && key !== "skill" && !new RegExp(`(^|[\\s\`(])${escapeRegExp(path)}(?![\\w/-])`, "m").test(doc.text)) {
      unnamed.push(`${key} (${value}) is never named in the document`);
    }
  }
  if (contradictions.length) {
    return { ...base, verdict: "fail", message: `${contradictions.length} URL(s) contradict the metadata, first: ${contradictions[0]}`, details: [...new Set(contradictions)] };
  }
  if (unnamed.length) return { ...base, verdict: "warn", message: unnamed.join("; "), details: unnamed };
  return { ...base, verdict: "pass", message: "Every agent_auth endpoint the document names matches the metadata" };
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

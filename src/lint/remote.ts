import { HarnessError } from "../errors.ts";
import { RequestBudget } from "../http/budget.ts";
import { HttpClient, type HttpResponse } from "../http/client.ts";
import { Redactor } from "../http/redact.ts";
import { profileV01 } from "../profiles/v0_1/index.ts";
import { wellKnownUrl } from "../target/discover.ts";
import { MAX_DOCUMENT_BYTES, lintDocumentReport, oversizeFinding } from "./document-rules.ts";
import type { LintFinding, LintRevision, RevisionDecision } from "./types.ts";

/**
 * `lint <url>`: the passive scanner's criteria (200, Markdown not HTML, H1, protocol markers) plus
 * the discovery documents' required fields, fetched with the harness's HttpClient restricted to
 * the URL's own origin (an authorization server elsewhere is reported, not fetched).
 */
export interface RemoteLintOptions {
  url: string;
  requestTimeoutMs: number;
  /** Metadata given on the command line; else the AS metadata fetched here is used. */
  metadata?: Record<string, unknown>;
  profile?: LintRevision;
}

export interface RemoteLintReport {
  findings: LintFinding[];
  revision?: RevisionDecision;
}

const MAX_REQUESTS = 10;

export async function lintUrl(options: RemoteLintOptions): Promise<RemoteLintReport> {
  const origin = new URL(options.url).origin;
  const http = new HttpClient({
    requestTimeoutMs: options.requestTimeoutMs,
    // One byte over the cap tells a capped document from one that is exactly at it.
    maxBodyBytes: MAX_DOCUMENT_BYTES + 1,
    allowedOrigins: new Set([origin]),
    budget: new RequestBudget(MAX_REQUESTS, 10),
    redactor: new Redactor(),
    userAgent: "authmd-conformance lint",
  });
  const findings: LintFinding[] = [];

  const res = await get(http, options.url, "text/markdown, text/plain;q=0.9, */*;q=0.1");
  if (!("status" in res)) {
    findings.push({ rule: "LINT-HTTP-200", source: "v0.7.md DISC-AUTHMD-01", verdict: "fail", title: "The document answers 200", message: res.error });
    return { findings };
  }
  if (res.status !== 200) {
    findings.push({ rule: "LINT-HTTP-200", source: "v0.7.md DISC-AUTHMD-01", verdict: "fail", title: "The document answers 200", message: `GET ${options.url} answered ${res.status}` });
    return { findings };
  }
  findings.push({ rule: "LINT-HTTP-200", source: "v0.7.md DISC-AUTHMD-01", verdict: "pass", title: "The document answers 200", message: `GET ${options.url} answered 200` });
  const type = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const markdownType = ["text/markdown", "text/x-markdown", "text/plain"].includes(type);
  findings.push({
    rule: "LINT-CONTENT-TYPE",
    source: "v0.7.md DISC-AUTHMD-01",
    verdict: markdownType ? "pass" : type === "text/html" ? "fail" : "warn",
    title: "Served as text/markdown or text/plain",
    message: markdownType ? `Content-Type ${type}` : `Content-Type is "${type || "(none)"}", expected text/markdown or text/plain`,
  });

  if (res.truncated) {
    findings.push(oversizeFinding(MAX_DOCUMENT_BYTES + 1));
    findings[findings.length - 1]!.message = `The document is larger than ${MAX_DOCUMENT_BYTES} bytes (2 MB); lint stopped reading it and did not parse it`;
    return { findings };
  }
  const discovered = await discoveryFindings(http, origin);
  findings.push(...discovered.findings);
  const metadata = options.metadata ?? discovered.asMetadata;
  const report = lintDocumentReport(res.text, { ...(metadata ? { metadata } : {}), ...(options.profile ? { profile: options.profile } : {}) });
  findings.push(...report.findings);
  return { findings, ...(report.revision ? { revision: report.revision } : {}) };
}

async function discoveryFindings(http: HttpClient, origin: string): Promise<{ findings: LintFinding[]; asMetadata?: Record<string, unknown> }> {
  const findings: LintFinding[] = [];
  const prmUrl = `${origin}${profileV01.wellKnown.protectedResource}`;
  const prmRes = await get(http, prmUrl, "application/json");
  const prm = "status" in prmRes && prmRes.status === 200 && isObject(prmRes.json) ? prmRes.json : undefined;
  const prmBase = { rule: "LINT-PRM", source: "v0.7.md DISC-PRM-01; RFC 9728 §3.2", title: "Protected Resource Metadata has resource and authorization_servers" };
  if (!prm) {
    findings.push({ ...prmBase, verdict: "fail", message: `No PRM JSON at ${prmUrl} (${"status" in prmRes ? `status ${prmRes.status}` : prmRes.error})` });
    return { findings };
  }
  const servers = Array.isArray(prm.authorization_servers) ? prm.authorization_servers.filter((s): s is string => typeof s === "string") : [];
  const prmMissing = [...(typeof prm.resource === "string" ? [] : ["resource"]), ...(servers.length ? [] : ["authorization_servers"])];
  findings.push(
    prmMissing.length
      ? { ...prmBase, verdict: "fail", message: `The PRM at ${prmUrl} lacks ${prmMissing.join(" and ")}` }
      : { ...prmBase, verdict: "pass", message: `resource ${String(prm.resource)}, authorization server ${servers[0]}` },
  );
  const asBase = { rule: "LINT-AS-METADATA", source: "v0.7.md DISC-AS-01, DISC-AA-01; RFC 8414 §3", title: "AS metadata carries agent_auth (a registration endpoint and identity_types_supported)" };
  if (!servers[0]) return { findings };
  const asUrl = wellKnownUrl(servers[0], profileV01.wellKnown.authorizationServer);
  if (!asUrl) {
    findings.push({ ...asBase, verdict: "fail", message: `authorization_servers[0] is not a URL: ${servers[0]}` });
    return { findings };
  }
  if (!http.isAllowed(asUrl)) {
    findings.push({ ...asBase, verdict: "warn", message: `Not fetched: ${new URL(asUrl).origin} is not the document's origin (lint only contacts ${origin})` });
    return { findings };
  }
  const asRes = await get(http, asUrl, "application/json");
  const as = "status" in asRes && asRes.status === 200 && isObject(asRes.json) ? asRes.json : undefined;
  if (!as) {
    findings.push({ ...asBase, verdict: "fail", message: `No AS metadata JSON at ${asUrl} (${"status" in asRes ? `status ${asRes.status}` : asRes.error})` });
    return { findings };
  }
  const block = isObject(as.agent_auth) ? as.agent_auth : undefined;
  // Either revision's registration field (v0.1 register_uri, v0.7 identity_endpoint): LINT-META judges which one fits.
  const missing = !block
    ? ["agent_auth"]
    : [...("register_uri" in block || "identity_endpoint" in block ? [] : ["register_uri or identity_endpoint"]), ...("identity_types_supported" in block ? [] : ["identity_types_supported"])];
  findings.push(
    missing.length
      ? { ...asBase, verdict: "fail", message: `The AS metadata at ${asUrl} lacks ${missing.join(", ")}` }
      : { ...asBase, verdict: "pass", message: `agent_auth at ${asUrl}` },
  );
  return { findings, asMetadata: as };
}

/** One GET; transport trouble becomes a message instead of an exception (lint reports, never crashes). */
async function get(http: HttpClient, url: string, accept: string): Promise<HttpResponse | { error: string }> {
  try {
    return await http.get(url, { headers: { accept } });
  } catch (err) {
    if (err instanceof HarnessError) return { error: `${err.code}: ${err.message}` };
    throw err;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

import { FLOW_NAMES, type Flow, isObject } from "../capabilities.ts";
import { lineAt } from "../revision.ts";
import { endpointPath, trimSlash } from "./consistency.ts";
import { NAMES } from "./names.ts";
import { BOTH, type LintContext, type LintRule, type RuleOutput } from "./types.ts";

/**
 * The document against the AS metadata (`--metadata`, or fetched for a URL), with each revision's
 * field names: v0.1 `register_uri`/`claim_uri`/`revocation_uri`; v0.7 `identity_endpoint`/
 * `claim_endpoint`/`events_endpoint` plus the top-level `token_endpoint`/`revocation_endpoint`.
 */
const meta: LintRule = {
  id: "LINT-META",
  title: "Metadata has an agent_auth block of this revision",
  source: "v0.7.md DISC-AA-01; v0.1 NOTES Discovery",
  revisions: BOTH,
  run({ metadata, revision }) {
    if (!metadata) return [];
    const names = NAMES[revision.revision];
    const block = isObject(metadata.agent_auth) ? metadata.agent_auth : undefined;
    if (!block) return [{ verdict: "fail", message: "The metadata has no agent_auth block" }];
    if (!(names.registerKey in block)) {
      const other = NAMES[revision.revision === "v0.7" ? "v0.1" : "v0.7"].registerKey;
      return [{ verdict: "fail", message: `agent_auth has no ${names.registerKey}${other in block ? ` (it has ${other}, the other revision's name)` : ""}` }];
    }
    return [{ verdict: "pass", message: `agent_auth has ${names.registerKey}` }];
  },
};

const FLOWS: Record<"v0.1" | "v0.7", Flow[]> = { "v0.1": ["anonymous", "idJag", "verifiedEmail"], "v0.7": ["anonymous", "idJag", "serviceAuth"] };

const flows: LintRule = {
  id: "LINT-META-FLOWS",
  title: "Documented flows match agent_auth",
  source: "v0.7.md DISC-AA-02/04; v0.1 NOTES Discovery (identity_types_supported)",
  revisions: BOTH,
  run(ctx) {
    if (!ctx.metadata || ctx.flows.from !== "metadata") return [];
    const details: string[] = [];
    for (const f of FLOWS[ctx.revision.revision]) {
      const advertised = ctx.flows.supported[f];
      const documented = ctx.textFlows.supported[f];
      const declared = ctx.textFlows.declaredUnsupported[f];
      if (advertised && declared) details.push(`advertised in agent_auth, but line ${declared.line} says it is not offered: ${FLOW_NAMES[f]}`);
      else if (advertised && !documented) details.push(`advertised in agent_auth but not documented: ${FLOW_NAMES[f]}`);
      else if (!advertised && documented) details.push(`documented but not advertised in agent_auth: ${FLOW_NAMES[f]}`);
    }
    if (details.length) return [{ verdict: "warn", message: details.join("; "), details }];
    return [{ verdict: "pass", message: "Every advertised flow is documented and vice versa" }];
  },
};

const urls: LintRule = {
  id: "LINT-META-URLS",
  title: "Endpoints agree with the metadata and sit on the AS",
  source: "v0.7.md DISC-AA-05 (endpoints on the AS origin; RFC 8414 §2); DISC-AA-01",
  revisions: BOTH,
  run(ctx) {
    const metadata = ctx.metadata;
    const block = metadata && isObject(metadata.agent_auth) ? metadata.agent_auth : undefined;
    if (!metadata || !block) return [];
    const names = NAMES[ctx.revision.revision];
    const endpoints: Array<[string, unknown]> = [
      [names.registerKey, block[names.registerKey]],
      [names.claimKey, block[names.claimKey]],
      [names.eventsKey, block[names.eventsKey]],
      ["skill", block.skill],
      ...(ctx.revision.revision === "v0.7" ? ([["token_endpoint", metadata.token_endpoint], ["revocation_endpoint", metadata.revocation_endpoint]] as Array<[string, unknown]>) : []),
    ];
    const asOrigin = originOf(metadata.issuer);
    const docUrls = documentUrls(ctx);
    const contradictions: string[] = [];
    const offHost: string[] = [];
    const relative: string[] = [];
    const unnamed: string[] = [];
    for (const [key, value] of endpoints) {
      if (typeof value !== "string") continue;
      let u: URL;
      try {
        u = new URL(value);
      } catch {
        relative.push(`${key} is not an absolute URL: ${value}`);
        continue;
      }
      if (asOrigin && u.origin !== asOrigin) offHost.push(`${key} ${value} is on ${u.host}, not on the authorization server (issuer ${String(metadata.issuer)})`);
      const path = trimSlash(u.pathname);
      let named = false;
      for (const d of docUrls) {
        if (d.path !== path) continue;
        if (d.url.origin === u.origin) named = true;
        else contradictions.push(`${key}: line ${d.line} says ${d.raw}, the metadata says ${value}`);
      }
      if (!named && key !== "skill" && key !== "revocation_endpoint" && key !== names.eventsKey && !mentionsPath(ctx, path)) {
        if (key === names.claimKey && ctx.flows.supported.claim === false) continue;
        unnamed.push(`${key} (${value}) is never named in the document`);
      }
    }
    const out: RuleOutput[] = [];
    if (contradictions.length) out.push({ verdict: "fail", message: `${contradictions.length} URL(s) contradict the metadata, first: ${contradictions[0]}`, details: [...new Set(contradictions)] });
    if (offHost.length) out.push({ verdict: "warn", message: `${offHost.length} endpoint(s) on another host than the authorization server, first: ${offHost[0]}`, details: offHost });
    if (relative.length) out.push({ verdict: "warn", message: relative.join("; "), details: relative });
    if (unnamed.length) out.push({ verdict: "warn", message: unnamed.join("; "), details: unnamed });
    if (out.length === 0) out.push({ verdict: "pass", message: "Every endpoint the document names matches the metadata, all on the authorization server" });
    return out;
  },
};

function originOf(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  try {
    return new URL(v).origin;
  } catch {
    return undefined;
  }
}

/** Every http(s) URL in the text (the pattern starts with a literal, so the scan is linear). */
function documentUrls(ctx: LintContext): Array<{ raw: string; url: URL; path: string; line: number }> {
  const out: Array<{ raw: string; url: URL; path: string; line: number }> = [];
  for (const m of ctx.doc.text.matchAll(/https?:\/\/[^\s"'`<>)\]]{1,2000}/g)) {
    let raw = m[0];
    while (raw.length && ".,;:".includes(raw[raw.length - 1]!)) raw = raw.slice(0, -1);
    try {
      const url = new URL(raw);
      out.push({ raw, url, path: trimSlash(url.pathname), line: lineAt(ctx.doc, m.index) });
    } catch {
      // not a URL after all
    }
  }
  return out;
}

/** The path appears as a whole path token (not as the prefix of a longer path). */
function mentionsPath(ctx: LintContext, path: string): boolean {
  const text = ctx.doc.text;
  for (let at = text.indexOf(path); at >= 0; at = text.indexOf(path, at + 1)) {
    const next = text[at + path.length];
    if (next === undefined || !/[\w/-]/.test(next)) return true;
  }
  return false;
}

export const METADATA_RULES: readonly LintRule[] = [meta, flows, urls];

import { isObject } from "./capabilities.ts";
import type { MarkdownDoc } from "./markdown.ts";
import { excusedOccurrence } from "./rules/names.ts";
import type { LintRevision, RevisionDecision } from "./types.ts";

/**
 * Which protocol revision a document describes. v0.1 registers at `/agent/auth` (`register_uri`,
 * `claim_uri`, OTP claim, api_key credentials); v0.7 at `/agent/identity` (`identity_endpoint`,
 * `claim_endpoint`, `events_endpoint`) and exchanges the assertion at `/oauth2/token` (NOTES
 * "Later revisions", v0.7.md §1, §13). Each marker found adds its weight; the larger total wins,
 * a tie or no marker at all means v0.7 (the newest revision), and the evidence says so.
 */
interface Marker {
  needle: string;
  what: string;
  weight: number;
  /** Match headings only (case-insensitive). */
  heading?: boolean;
}

const MARKERS: Record<LintRevision, Marker[]> = {
  "v0.7": [
    { needle: "/agent/identity", what: "v0.7 registration endpoint", weight: 3 },
    { needle: "identity_endpoint", what: "v0.7 agent_auth field", weight: 3 },
    { needle: "claim_endpoint", what: "v0.7 agent_auth field", weight: 2 },
    { needle: "events_endpoint", what: "v0.7 agent_auth field", weight: 2 },
    { needle: "urn:workos:agent-auth:grant-type:claim", what: "v0.7 claim grant", weight: 3 },
    { needle: "urn:ietf:params:oauth:grant-type:jwt-bearer", what: "jwt-bearer grant (v0.2+)", weight: 2 },
    { needle: "/oauth2/token", what: "token endpoint (v0.2+)", weight: 1 },
    { needle: "service_auth", what: "v0.6+ identity type", weight: 2 },
    { needle: "authorization_pending", what: "RFC 8628 poll code (v0.4+)", weight: 1 },
    { needle: "user_code", what: "RFC 8628 ceremony (v0.4+)", weight: 1 },
    { needle: "exchange the assertion", what: "v0.7 Step 5 heading", weight: 2, heading: true },
    { needle: "use the access_token", what: "v0.7 Step 6 heading", weight: 2, heading: true },
  ],
  "v0.1": [
    { needle: "/agent/auth", what: "v0.1 registration endpoint", weight: 3 },
    { needle: "register_uri", what: "v0.1 agent_auth field", weight: 3 },
    { needle: "claim_uri", what: "v0.1 agent_auth field", weight: 2 },
    { needle: "revocation_uri", what: "v0.1 agent_auth field", weight: 2 },
    { needle: "requested_credential_type", what: "v0.1 registration field", weight: 2 },
    { needle: "/claim/complete", what: "v0.1 OTP claim", weight: 1 },
    { needle: "logout+jwt", what: "v0.1 revocation token", weight: 2 },
    { needle: "use the credential", what: "v0.1 Step 5 heading", weight: 2, heading: true },
  ],
};

export function detectRevision(doc: MarkdownDoc, metadata: Record<string, unknown> | undefined, forced?: LintRevision): RevisionDecision {
  const scores: Record<LintRevision, number> = { "v0.1": 0, "v0.7": 0 };
  const evidence: string[] = [];
  const headingText = doc.headings.map((h) => ({ line: h.line, lower: h.text.toLowerCase() }));
  for (const revision of ["v0.7", "v0.1"] as const) {
    for (const m of MARKERS[revision]) {
      const line = m.heading ? headingText.find((h) => h.lower.includes(m.needle))?.line : firstLine(doc, m.needle);
      if (line === undefined) continue;
      scores[revision] += m.weight;
      evidence.push(`line ${line}: ${m.heading ? `heading "${m.needle}"` : m.needle} (${m.what}) → ${revision}`);
    }
  }
  const block = metadata && isObject(metadata.agent_auth) ? metadata.agent_auth : undefined;
  if (block) {
    const v07 = ["identity_endpoint", "claim_endpoint", "events_endpoint"].filter((k) => k in block);
    const v01 = ["register_uri", "claim_uri", "revocation_uri"].filter((k) => k in block);
    if (v07.length) {
      scores["v0.7"] += 5;
      evidence.push(`metadata: agent_auth has ${v07.join(", ")} → v0.7`);
    }
    if (v01.length) {
      scores["v0.1"] += 5;
      evidence.push(`metadata: agent_auth has ${v01.join(", ")} → v0.1`);
    }
  }
  if (forced) return { revision: forced, forced: true, evidence: [`--profile ${forced}`, ...evidence], scores };
  const revision: LintRevision = scores["v0.1"] > scores["v0.7"] ? "v0.1" : "v0.7";
  if (scores["v0.1"] === scores["v0.7"]) evidence.push(scores["v0.7"] === 0 ? "no revision marker found: assumed v0.7 (the newest revision)" : "markers tie: assumed v0.7 (the newest revision)");
  return { revision, forced: false, evidence, scores };
}

/** Line of the first occurrence (case-insensitive for ASCII) of a needle that is not excused; linear in the text. */
export function firstLine(doc: MarkdownDoc, needle: string, skip?: (line: number) => boolean): number | undefined {
  for (let at = doc.lower.indexOf(needle); at >= 0; at = doc.lower.indexOf(needle, at + needle.length)) {
    if (excusedOccurrence(doc.lower, at, needle)) continue;
    const line = lineAt(doc, at);
    if (!skip?.(line)) return line;
  }
  return undefined;
}

/** 1-based line of a character offset in doc.text (binary search over line starts). */
export function lineAt(doc: MarkdownDoc, offset: number): number {
  const starts = doc.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The revision the metadata's agent_auth field names say, if they say one. */
export function metadataRevision(metadata: Record<string, unknown>): LintRevision | undefined {
  const block = isObject(metadata.agent_auth) ? metadata.agent_auth : undefined;
  if (!block) return undefined;
  const v07 = "identity_endpoint" in block || "claim_endpoint" in block || "events_endpoint" in block;
  const v01 = "register_uri" in block || "claim_uri" in block || "revocation_uri" in block;
  return v07 === v01 ? undefined : v07 ? "v0.7" : "v0.1";
}

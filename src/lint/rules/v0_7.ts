import { listedCodes } from "./error-codes.ts";
import { type SectionSpec, has, sectionsFinding } from "./sections.ts";
import { type LintRule, offers } from "./types.ts";

/** Rules that hold only for a v0.7 document (v0.7.md §1 DISC-AUTHMD-02, §11). */
const SECTIONS_V07: readonly SectionSpec[] = [
  { name: "Step 1 — Discover", step: 1, matches: has("discover") },
  { name: "Step 2 — Pick an identity type", step: 2, matches: has("pick", "choos", "select", "identity type", "method") },
  { name: "Step 3 — Register", step: 3, matches: has("regist") },
  { name: "Step 4 — Claim ceremony", step: 4, matches: has("claim"), flow: "claim" },
  { name: "Step 5 — Exchange the assertion", step: 5, matches: has("exchang", "assertion") },
  { name: "Step 6 — Use the access_token", step: 6, matches: (t) => t.startsWith("use") || t.includes("access_token") || t.includes("access token") || (/\b(use|using|call)\b/.test(t) && /api|token/.test(t)) },
  { name: "Errors", matches: has("error") },
  { name: "Revocation", matches: has("revo") },
];

const sections: LintRule = {
  id: "LINT-SECTIONS",
  title: "v0.7 outline: Steps 1–6, Errors and Revocation",
  source: "v0.7.md DISC-AUTHMD-02 (A7 headings: Step 5 'Exchange the assertion', Step 6 'Use the access_token')",
  revisions: ["v0.7"],
  run: (ctx) => [sectionsFinding(ctx, SECTIONS_V07)],
};

/** v0.7.md §11: ERR-01 (token endpoint), ERR-02 (profile endpoints), ERR-03 (reference aliases), SET codes (§9). */
export const V07_CODES = new Set([
  // ERR-01: RFC 6749 / 7523 / 8628 at /oauth2/token
  "invalid_request", "invalid_client", "invalid_grant", "unsupported_grant_type", "invalid_scope", "authorization_pending", "slow_down", "access_denied", "expired_token",
  // ERR-02: profile codes at /agent/identity[/claim]
  "anonymous_not_enabled", "service_auth_not_enabled", "issuer_not_enabled", "interaction_required", "login_required", "invalid_claim_token",
  "claimed_or_in_flight", "claim_expired", "invalid_login_hint", "rate_limited",
  // ERR-03: the reference's aliases
  "invalid_issuer", "invalid_signature", "expired", "replay_detected", "invalid_audience", "invalid_client_id", "missing_verified_email",
  // RFC 8935 §2.4 (SET delivery), RFC 6750 / 7009 / 8707 / OIDC
  "authentication_failed", "invalid_key", "invalid_token", "insufficient_scope", "unsupported_token_type", "invalid_target",
  "temporarily_unavailable", "server_error", "unauthorized_client", "consent_required", "account_selection_required",
]);

/** Codes removed since v0.1 (v0.7.md §13, ERR-05): listing them in a v0.7 document is a leftover. */
export const REMOVED_SINCE_V01 = new Set([
  "otp_invalid", "otp_expired", "otp_not_generated", "otp_attempts_exceeded", "unsupported_credential_type", "verified_email_not_enabled",
  "credential_expired", "audience_mismatch",
]);

interface Need {
  what: string;
  anyOf: string[];
  source: string;
}

const errorsList: LintRule = {
  id: "LINT-ERRORS-TABLE",
  title: "Error list with the v0.7 codes for the flows offered",
  source: "v0.7.md §11 ERR-01/02/03/05; RFC 8628 §3.5; OIDC Core §3.1.2.6",
  revisions: ["v0.7"],
  run(ctx) {
    const listed = listedCodes(ctx, new Set([...V07_CODES, ...REMOVED_SINCE_V01]));
    if (!listed.hasList) return [{ verdict: "warn", message: "No error table and no codes in an Errors section" }];
    const needs: Need[] = [];
    // Only for what the document uses: the assertion exchange, the claim poll, a claim_token.
    const lower = ctx.doc.lower;
    if (["jwt-bearer", "exchange the assertion"].some((w) => lower.includes(w))) {
      needs.push({ what: "an invalid or expired assertion at the token endpoint", anyOf: ["invalid_grant"], source: "TOK-JWTB-03" });
    }
    if (offers(ctx, "claim") && offers(ctx, "claimPoll", true)) {
      needs.push(
        { what: "the user has not confirmed yet (poll)", anyOf: ["authorization_pending"], source: "TOK-CLM-01" },
        { what: "polling too fast", anyOf: ["slow_down"], source: "TOK-CLM-07" },
        { what: "the ceremony expired", anyOf: ["expired_token"], source: "TOK-CLM-05" },
      );
    }
    if (offers(ctx, "claim") && lower.includes("claim_token")) {
      needs.push({ what: "an unknown claim_token at the claim endpoint", anyOf: ["invalid_claim_token"], source: "ERR-02" });
    }
    if (offers(ctx, "idJag")) {
      needs.push(
        { what: "a stale or missing auth_time", anyOf: ["login_required"], source: "AT-01" },
        { what: "first link to an existing account", anyOf: ["interaction_required"], source: "STEP-01" },
        { what: "an untrusted issuer", anyOf: ["issuer_not_enabled", "invalid_issuer"], source: "IDJ-03" },
      );
    }
    if (offers(ctx, "serviceAuth") && lower.includes("login_hint")) needs.push({ what: "a bad login_hint", anyOf: ["invalid_login_hint"], source: "ERR-02" });
    const missing = needs.filter((n) => !n.anyOf.some((c) => listed.codes.has(c)));
    const removed = [...listed.codes].filter(([c]) => REMOVED_SINCE_V01.has(c));
    const other = [...listed.codes.keys()].filter((c) => !V07_CODES.has(c) && !REMOVED_SINCE_V01.has(c));
    const details = [
      ...missing.map((n) => `no code for ${n.what} (${n.anyOf.join(" or ")}; ${n.source})`),
      ...removed.map(([c, line]) => `line ${line}: ${c} was removed after v0.1 (v0.7.md §13)`),
      ...(other.length ? [`service-specific codes (not in the v0.7 vocabulary): ${other.join(", ")}`] : []),
    ];
    const where = listed.line ? { line: listed.line } : {};
    if (missing.length || removed.length) {
      const parts = [
        ...(missing.length ? [`lacks codes for: ${missing.map((n) => n.what).join(", ")}`] : []),
        ...(removed.length ? [`lists codes removed since v0.1: ${removed.map(([c]) => c).join(", ")}`] : []),
      ];
      return [{ verdict: "warn", message: `The error list ${parts.join("; ")}`, ...where, details }];
    }
    return [{ verdict: "pass", message: `${listed.codes.size} codes listed, every failure of the offered flows covered`, ...where, ...(details.length ? { details } : {}) }];
  },
};

export const V07_RULES: readonly LintRule[] = [sections, errorsList];

import type { ErrorKey } from "../../profiles/types.ts";
import { profileV01 } from "../../profiles/v0_1/index.ts";
import { listedCodes } from "./error-codes.ts";
import { type SectionSpec, has, sectionsFinding } from "./sections.ts";
import { type LintRule, offers } from "./types.ts";

/** Rules that hold only for a v0.1 document (NOTES "v0.1 in one page"). */
const SECTIONS_V01: readonly SectionSpec[] = [
  { name: "Step 1 — Discover", step: 1, matches: has("discover") },
  { name: "Step 2 — Pick a method", step: 2, matches: has("pick", "choos", "select", "method") },
  { name: "Step 3 — Register", step: 3, matches: has("regist") },
  { name: "Step 4 — Claim ceremony", step: 4, matches: has("claim", "otp", "one-time"), flow: "claim" },
  { name: "Step 5 — Use the credential", step: 5, matches: (t) => t.includes("credential") || (/\b(use|using|call)\b/.test(t) && /api|token/.test(t)) },
  { name: "Errors", matches: has("error") },
  { name: "Revocation", matches: has("revo") },
];

const sections: LintRule = {
  id: "LINT-SECTIONS",
  title: "v0.1 outline: Steps 1–5, Errors and Revocation",
  source: "v0.1 NOTES Discovery (Steps 1–5: Discover, Pick a method, Register, Claim ceremony, Use the credential; Errors; Revocation)",
  revisions: ["v0.1"],
  run: (ctx) => [sectionsFinding(ctx, SECTIONS_V01)],
};

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
const STANDARD_CODES = [
  "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
  "invalid_token", "insufficient_scope", "invalid_target", "insufficient_user_authentication", "temporarily_unavailable",
  "server_error", "access_denied", "unsupported_assertion_type", "claim_superseded", "claimed_or_in_flight", "claim_completed",
];

const errorsTable: LintRule = {
  id: "LINT-ERRORS-TABLE",
  title: "Error table with the v0.1 codes for the flows offered",
  source: "v0.1 AUTH.md Errors table and agent-services README 'Supported error codes' (aliases: NOTES 'Where the sources disagree')",
  revisions: ["v0.1"],
  run(ctx) {
    const aliases = profileV01.errors;
    const known = new Set([...Object.values(aliases).flatMap((v) => Object.values(v).flat()), ...STANDARD_CODES]);
    const listed = listedCodes(ctx, known);
    if (!listed.hasList) return [{ verdict: "warn", message: "No error table (a table whose header names a code or error column) and no codes in an Errors section" }];
    const required: ErrorKey[] = ["CRED"];
    if (offers(ctx, "idJag")) required.push("ISS", "SIG", "EXP", "AUD", "RPL");
    if (offers(ctx, "claim")) required.push("CLM", "OTP_INVALID", "OTP_EXPIRED", "CLAIM_EXPIRED", "DONE");
    const missing = required.filter((key) => !Object.values(aliases[key]).some((codes) => codes?.some((c) => listed.codes.has(c))));
    const other = [...listed.codes.keys()].filter((c) => !known.has(c));
    const details = [
      ...missing.map((key) => `no code for "${KEY_MEANING[key]}" (any of ${[...new Set(Object.values(aliases[key]).flat())].join(", ")})`),
      ...(other.length ? [`service-specific codes (not in the v0.1 documents): ${other.join(", ")}`] : []),
    ];
    const line = listed.line;
    if (missing.length) return [{ verdict: "warn", message: `The error list lacks codes for: ${missing.map((k) => KEY_MEANING[k]).join(", ")}`, ...(line ? { line } : {}), details }];
    return [{ verdict: "pass", message: `${listed.codes.size} codes listed, every failure of the offered flows covered`, ...(line ? { line } : {}), ...(details.length ? { details } : {}) }];
  },
};

export const V01_RULES: readonly LintRule[] = [sections, errorsTable];

import type { FaultTableEntry } from "./types.ts";

/**
 * Faults that break the claim ceremonies (verified email, anonymous), the OTP, the claim mail and
 * the scope swap. Each is a realistic bug confined to one rule; where one bug truly breaks several
 * rules it names them all.
 */
export const CLAIM_FAULTS = [
  // --- verified email ---
  { name: "vem-no-claim-token-expires", requirementIds: ["VEM-01"], description: "The verified_email registration response omits claim_token_expires." },
  { name: "vem-credential-before-claim", requirementIds: ["VEM-02"], description: "The verified_email registration already issues the requested credential, before any claim." },
  { name: "complete-wrong-credential-type", requirementIds: ["VEM-03"], description: "/complete of a verified_email claim issues an api_key whatever type was requested." },
  { name: "vem-credential-not-usable", requirementIds: ["VEM-04"], description: "/complete of a verified_email claim returns a credential the service never stored (the API answers 401)." },
  {
    name: "claim-token-reusable",
    requirementIds: ["VEM-05", "ANON-05"],
    description: "A completed claim is not final: /claim and the challenge ignore it, and /complete accepts a newly minted code again.",
  },
  { name: "vem-claim-redirectable", requirementIds: ["VEM-06"], description: "POST /claim accepts a verified_email registration's claim_token and mails a new link to the address given." },
  // --- anonymous ---
  { name: "anon-no-claim-url", requirementIds: ["ANON-01"], description: "The anonymous registration response omits claim_url." },
  { name: "claim-status-not-initiated", requirementIds: ["ANON-02"], description: "POST /claim answers status \"pending\" instead of \"initiated\".", alsoFails: { ids: ["FUZZ-MODEL-01"], why: "the model expects /claim to answer status \"initiated\"" } },
  { name: "claim-attempt-id-reused", requirementIds: ["ANON-03"], description: "A fresh claim attempt keeps the previous attempt's claim_attempt_id." },
  {
    name: "complete-new-key-for-anonymous",
    // A new key at post-claim scopes instead of the in-place swap: the old key stays pre-claim.
    requirementIds: ["ANON-04", "SCO-05"],
    description: "/complete of an anonymous claim issues a new api_key at post-claim scopes and leaves the original key at pre-claim scopes.",
    alsoFails: { ids: ["FUZZ-MODEL-01"], why: "the model expects the anonymous key to be upgraded in place" },
  },
  { name: "anon-access-token-accepted", requirementIds: ["ANON-06"], description: "An anonymous registration asking for access_token gets one, although the metadata offers only api_key." },
  // --- ceremony hygiene ---
  { name: "cross-registration-otp", requirementIds: ["CLM-01", "FUZZ-CT-BIND-01"], description: "/complete accepts any code that is live for any registration, not only the claim_token's own." },
  { name: "claim-500-on-garbage", requirementIds: ["CLM-02"], description: "/complete crashes (500) when claim_token is not a string.", alsoFails: { ids: ["FUZZ-INPUT-01"], why: "the input fuzzer meets the same 5xx" } },
  { name: "attempt-token-leaked-in-claim-response", requirementIds: ["CLM-03"], description: "The /claim response carries claim_view_url, the mailed link with the claim_attempt_token." },
  { name: "otp-leaked-in-complete-error", requirementIds: ["CLM-03"], description: "The otp_invalid message tells the agent the expected code." },
  { name: "claim-no-store-missing", requirementIds: ["CLM-04"], description: "The challenge and /complete responses drop Cache-Control: no-store and Pragma: no-cache." },
  { name: "superseded-link-still-mints", requirementIds: ["CLM-05"], description: "The link of a superseded claim attempt still mints a code (for the current attempt)." },
  // --- OTP ---
  { name: "otp-five-digits", requirementIds: ["OTP-01"], description: "OTPs have 5 digits (and /complete accepts 5-digit codes).", alsoFails: { ids: ["FUZZ-OTP-FORMAT-01"], why: "the OTP format property samples the same 5-digit codes" } },
  { name: "otp-ttl-too-long", requirementIds: ["OTP-02"], description: "OTPs live 30 minutes." },
  { name: "otp-not-rotated", requirementIds: ["OTP-03"], description: "A new challenge mints a new code but the earlier codes stay valid." },
  { name: "otp-minted-on-get", requirementIds: ["OTP-04"], description: "GET of the claim-view link mints a fresh code and shows it, replacing the current one." },
  { name: "otp-reusable", requirementIds: ["OTP-05"], description: "The accepted code is kept: replaying {claim_token, otp} completes the claim again." },
  { name: "otp-mismatch-undocumented-code", requirementIds: ["OTP-06"], description: "A wrong code answers 400 {error: \"wrong_code\"} instead of otp_invalid." },
  { name: "otp-500-on-garbage", requirementIds: ["OTP-07"], description: "/complete crashes (500) when otp is not a string.", alsoFails: { ids: ["FUZZ-INPUT-01"], why: "the input fuzzer meets the same 5xx" } },
  // --- scopes ---
  { name: "anon-key-cannot-read", requirementIds: ["SCO-01"], description: "The anonymous key starts with no scope at all (pre-claim scopes []).", alsoFails: { ids: ["FUZZ-MODEL-01"], why: "the model reads with the anonymous key before the claim" } },
  { name: "anon-key-has-write-scope", requirementIds: ["SCO-02"], description: "The anonymous key can write before the claim (granted api.write; the response still says [\"api.read\"]).", alsoFails: { ids: ["FUZZ-MODEL-01"], why: "the model writes with the anonymous key before the claim and expects 403" } },
  {
    name: "anon-key-post-claim-scopes",
    // SCO-07 reads it from the registration answer; the model's registration step from use (once an
    // error "Harness error (ModelMismatch)", now a finding).
    requirementIds: ["SCO-07", "FUZZ-MODEL-01"],
    description: "The anonymous key is issued with the post-claim scopes, and says so: scopes [\"api.read\", \"api.write\"] = post_claim_scopes, and the key can write before any claim.",
    alsoFails: { ids: ["SCO-02"], why: "the unclaimed key can write, which SCO-02 judges by use" },
  },
  { name: "insufficient-scope-code-missing", requirementIds: ["SCO-03"], description: "A write refused for scope answers 403 {error: \"forbidden\"} without error=\"insufficient_scope\"." },
  { name: "scope-upgrade-at-claim", requirementIds: ["SCO-04", "FUZZ-MODEL-01"], description: "The anonymous key gets post-claim scopes at /claim instead of /complete." },
  { name: "scope-not-upgraded", requirementIds: ["SCO-05"], description: "/complete of an anonymous claim answers claimed but never swaps the key's scopes." },
  { name: "vem-credential-pre-claim-scopes", requirementIds: ["SCO-06"], description: "The verified_email credential is issued at pre-claim scopes ([\"api.read\"])." },
  // --- rate limit ---
  { name: "no-registration-rate-limit", requirementIds: ["RATE-01"], description: "Anonymous registrations are never rate-limited, and no RateLimit headers announce a limit." },
  // --- claim mail ---
  { name: "mail-not-sent", requirementIds: ["MAIL-01", "MAIL-02"], description: "No claim mail is ever sent (the SMTP step is skipped; the API answers as if it was sent)." },
  { name: "registration-mail-not-sent", requirementIds: ["MAIL-01"], description: "A verified_email registration sends no mail (/claim still does)." },
  { name: "claim-mail-not-sent", requirementIds: ["MAIL-02"], description: "POST /claim sends no mail (verified_email registrations still do)." },
  { name: "claim-two-mails", requirementIds: ["MAIL-03"], description: "Every claim mail is sent twice." },
  { name: "claim-token-in-mail", requirementIds: ["MAIL-04"], description: "The claim mail quotes the agent's claim_token as a reference." },
] as const satisfies readonly FaultTableEntry[];

import { src } from "../sources.ts";
import { DOCS_ONLY, V0_1_PROFILES } from "./common.ts";
import type { Requirement } from "../types.ts";

/**
 * Property-based and stateful fuzzing (issue #5): generated inputs and command sequences, each
 * failure shrunk to a counterexample and reported with the seed that replays it.
 */
export const fuzzRequirements: readonly Requirement[] = [
  {
    id: "FUZZ-OTP-LOCK-01",
    level: "MUST",
    title: "A claim attempt has a retry limit: after at most 100 consecutive wrong OTPs the correct OTP is no longer accepted (lockout, attempt expiry or 429)",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.servicesGuide("Security Considerations — OTP entropy + TTL"), src.nist63b("§5.2.2 Rate Limiting (Throttling)")],
    basis: "The services guide: \"tight per-claim retry limits — 6-digit codes are guess-bounded only by lockout, not entropy\" (no BCP 14 keyword: the suite's reading), and NIST SP 800-63B §5.2.2: the verifier SHALL limit consecutive failed attempts to no more than 100. A 6-digit code with no limit at all is guessable within its lifetime, so the existence of a limit is MUST; how tight it is, is FUZZ-OTP-LOCK-02. With --prove-otp-bruteforce the check also searches the whole 10^6 space to show whether the claim falls.",
  },
  {
    id: "FUZZ-OTP-LOCK-02",
    level: "SHOULD",
    title: "The retry limit is tight: after at most fuzz.maxOtpAttempts (default 10) consecutive wrong OTPs on one claim attempt, the correct OTP is no longer accepted",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.servicesGuide("Security Considerations — OTP entropy + TTL")],
    basis: "The guide asks for \"tight per-claim retry limits\" without a number or a BCP 14 keyword; the bound of 10 (configurable, fuzz.maxOtpAttempts) is this suite's reading of \"tight\", so SHOULD.",
  },
  {
    id: "FUZZ-OTP-WRONG-01",
    level: "MUST",
    title: "No OTP other than the exact live code completes a claim: near misses, other codes and non-canonical forms of the live code (padded, other digits, numbers) are all refused",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.servicesGuide("POST /agent/auth/claim/complete"), src.authMd("Errors (otp_invalid)")],
    basis: `${DOCS_ONLY} the service compares the hash of the submitted code with the stored one; a lenient parser widens the guess space the lockout protects.`,
  },
  {
    id: "FUZZ-OTP-FORMAT-01",
    level: "MUST",
    title: "Every OTP in a bounded sample of challenges is a string of exactly 6 ASCII digits",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.authMd("Step 4 — 6-digit OTP"), src.servicesGuide("POST /agent/auth/claim/attempt/challenge")],
    basis: `${DOCS_ONLY} OTP-01 looks at the few codes of the walks; this samples many, so a rare shape (a dropped leading zero) shows.`,
  },
  {
    id: "FUZZ-OTP-UNIFORM-01",
    level: "SHOULD",
    title: "OTP digits from a bounded sample of challenges are uniform (χ² goodness of fit, p ≥ 1e-4)",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.servicesGuide("Security Considerations — OTP entropy + TTL"), src.nist63b("§5.1.3.2 Out-of-Band Verifiers")],
    basis: "The guide asks for a CSPRNG (crypto.randomInt). A statistical test can only show a gross bias, never prove randomness, so a failure is reported at SHOULD; false alarms on a uniform generator occur about once in 10 000 runs.",
  },
  {
    id: "FUZZ-CT-ENTROPY-01",
    level: "MUST",
    title: "claim_tokens of a bounded sample of registrations are unique and carry at least 128 bits (estimated from their varying positions and alphabet)",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.rfc(6749, "§10.10"), src.servicesGuide("type: anonymous, step 4 (prefixed, high-entropy claim token)")],
    basis: "RFC 6749 §10.10 requires generated credentials to be guessable with probability at most 2^-128; the claim_token is such a bearer secret. The guide's example (clm_ + 25 base62 characters) carries about 149 bits.",
  },
  {
    id: "FUZZ-CT-GARBAGE-01",
    level: "MUST",
    title: "Arbitrary strings (empty, huge, Unicode, one-character near misses of a real token) are never accepted as a claim_token by /claim or /complete",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.servicesGuide("Security Considerations — Token hashing"), src.servicesGuide("POST /agent/auth/claim")],
    basis: `${DOCS_ONLY} the token is looked up by its SHA-256 hash, so only the exact token matches. A 5xx is not an acceptance; it is recorded here and judged by FUZZ-INPUT-01.`,
  },
  {
    id: "FUZZ-CT-BIND-01",
    level: "MUST",
    title: "A claim_token is bound to its registration: /claim names that registration, and /complete refuses it with another registration's live OTP",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.servicesGuide("Security Considerations — Scope on /claim and /complete"), src.servicesGuide("POST /agent/auth/claim/complete")],
    basis: `${DOCS_ONLY} checked as a property over pairs of live registrations (CLM-01 checks one fixed pair).`,
  },
  {
    id: "FUZZ-MODEL-01",
    level: "MUST",
    title: "Model-based run of a registration's life (register, claim, challenge, complete right or wrong, read, write, re-claim, revoke): after every command the observed scopes, statuses and credential validity match the model",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [
      src.authMd("Step 3 — anonymous; Step 4c"),
      src.servicesGuide("POST /agent/auth/claim/complete (in-place swap)"),
      src.servicesGuide("Revocation, step 3"),
    ],
    basis: `${DOCS_ONLY} pre-claim scopes until /complete, post-claim after, a claimed registration never re-claimable, a revoked credential always 401. Failures shrink to the shortest command sequence.`,
  },
  {
    id: "FUZZ-INPUT-01",
    level: "SHOULD",
    title: "Generated request bodies for every JSON endpoint (valid shapes with unknown tokens, and mutants: wrong types, missing and extra fields, huge strings, deep nesting, wrong content types, invalid JSON) never get a 5xx, and every error answer is JSON with an `error` member",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.authMd("Errors"), src.rfc(9110, "§15.5")],
    basis: "No source states this normatively (like CLM-02 and OTP-07); AUTH.md's retry policy makes agents retry a 5xx, and agents act on the `error` code of the Errors table.",
  },
  {
    id: "FUZZ-INPUT-02",
    level: "MUST",
    title: "An invalid request (generated from the protocol message schemas and mutated) is never accepted: no 2xx, and no credential or claim_token in the answer",
    flow: "fuzz",
    profiles: V0_1_PROFILES,
    sources: [src.authMd("Step 3 — Register"), src.servicesGuide("POST /agent/auth")],
    basis: `${DOCS_ONLY} a credential handed out for a request that is not one of the documented registration shapes skips the registration rules entirely.`,
  },
];

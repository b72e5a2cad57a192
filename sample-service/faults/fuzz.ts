import type { FaultTableEntry } from "./types.ts";

/**
 * Fault switches for the fuzz checks; each breaks exactly the requirement ids it names. The
 * behaviour lives in faults/fuzz-behaviour.ts. Two fuzz rules reuse claim switches instead of
 * duplicating them: cross-registration-otp also breaks FUZZ-CT-BIND-01, and
 * scope-upgrade-at-claim (the scope swap before completion) also breaks FUZZ-MODEL-01.
 */
export const FUZZ_FAULTS = [
  { name: "no-otp-lockout", requirementIds: ["FUZZ-OTP-LOCK-01", "FUZZ-OTP-LOCK-02"], description: "/complete never locks a claim attempt: wrong codes can be tried without limit." },
  { name: "otp-lockout-after-50", requirementIds: ["FUZZ-OTP-LOCK-02"], description: "/complete locks a claim attempt only after 50 wrong codes: a limit (within NIST's 100), but not a tight one." },
  {
    name: "otp-lenient-parse",
    requirementIds: ["FUZZ-OTP-WRONG-01"],
    description: "/complete normalises the submitted code before comparing (trims whitespace, maps Unicode digits, turns numbers into strings), so non-canonical forms of the live code are accepted.",
  },
  {
    name: "otp-unpadded",
    requirementIds: ["FUZZ-OTP-FORMAT-01"],
    description: "OTPs are printed as numbers, dropping leading zeros (about one code in ten is shorter than 6 digits); /complete pads what it receives, so the short codes still work.",
    mayAlsoFail: { ids: ["OTP-01"], why: "OTP-01 reads one code: about one run in ten it is one of the short ones" },
  },
  { name: "otp-not-uniform", requirementIds: ["FUZZ-OTP-UNIFORM-01"], description: "OTPs come from randomInt(0, 1000) padded to 6 digits: always 000xyz." },
  { name: "low-entropy-claim-tokens", requirementIds: ["FUZZ-CT-ENTROPY-01"], description: "claim_tokens are clm_ + 16 base62 characters (about 95 bits)." },
  {
    name: "claim-token-prefix-lookup",
    requirementIds: ["FUZZ-CT-GARBAGE-01"],
    description: "claim_tokens are looked up by their first 12 characters, so a token with a later character changed is accepted.",
  },
  { name: "5xx-on-bad-json", requirementIds: ["FUZZ-INPUT-01"], description: "POST /agent/auth crashes (500 server_error) on a body that is not valid JSON." },
  {
    name: "5xx-on-two-endpoints",
    requirementIds: ["FUZZ-INPUT-01"],
    description: "POST /agent/auth and POST /claim both crash (500 server_error) on a body that is not valid JSON: the input fuzzer must name both endpoints.",
  },
  {
    name: "anonymous-by-default",
    requirementIds: ["FUZZ-INPUT-02"],
    description: "POST /agent/auth treats a JSON object without `type` as an anonymous registration and issues an api_key.",
  },
] as const satisfies readonly FaultTableEntry[];

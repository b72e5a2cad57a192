import { randomBytes } from "node:crypto";
import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import {
  advertisesAnonymous,
  advertisesVerifiedEmail,
  bodyOf,
  claimEndpoints,
  describeAnswer,
  ok,
  recordCreated,
  uniqueAddress,
} from "../support/claim-env.ts";

// Garbage in, 4xx JSON out. A few hand-picked examples per field; property-based fuzzing of
// these endpoints is a separate suite.

const OVERSIZED = "A".repeat(20_000);

/** Token-shaped garbage: random, empty, oversized, wrong JSON types, control and non-ASCII characters. */
const GARBAGE_TOKENS: readonly { name: string; value: unknown }[] = [
  { name: "random", value: `clm_${randomBytes(24).toString("base64url")}` },
  { name: "empty", value: "" },
  { name: "oversized (20 000 chars)", value: OVERSIZED },
  { name: "number", value: 12345 },
  { name: "null", value: null },
  { name: "array", value: ["clm_x"] },
  { name: "object", value: { token: "clm_x" } },
  { name: "NUL byte", value: "clm_\u0000abc" },
  { name: "non-ASCII", value: "clm_\u{1F4A5}\u00e9" },
];

/** OTP-shaped garbage: near misses a lenient parser might coerce, plus wrong types and sizes. */
const GARBAGE_OTPS: readonly { name: string; value: unknown }[] = [
  { name: "leading space", value: " 123456" },
  { name: "trailing newline", value: "123456\n" },
  { name: "number", value: 123456 },
  { name: "7 digits", value: "1234567" },
  { name: "5 digits", value: "12345" },
  { name: "Arabic-Indic digits", value: "\u0661\u0662\u0663\u0664\u0665\u0666" },
  { name: "fullwidth digits", value: "\uff11\uff12\uff13\uff14\uff15\uff16" },
  { name: "empty", value: "" },
  { name: "oversized (20 000 digits)", value: "9".repeat(20_000) },
  { name: "null", value: null },
  { name: "array", value: ["123456"] },
  { name: "object", value: { otp: "123456" } },
];

/** Why an answer to garbage is not a 4xx with a JSON `error`, or undefined when it is. */
function garbageAnswerProblem(res: HttpResponse): string | undefined {
  if (res.status >= 500) return `${res.status} (server error)`;
  if (res.status < 400) return `${res.status} (accepted)`;
  if (typeof bodyOf(res).error !== "string") return `${res.status} without a JSON \`error\``;
  return undefined;
}

check("CLM-02", async (ctx) => {
  const endpoints = claimEndpoints(ctx.target);
  const problems: string[] = [];
  const email = uniqueAddress("clm-02");
  for (const { name, value } of GARBAGE_TOKENS) {
    const answers: [string, HttpResponse][] = [
      ["/complete claim_token", await ctx.http.postJson(endpoints.complete, { claim_token: value, otp: "123456" })],
      ["/claim claim_token", await ctx.http.postJson(endpoints.claim, { claim_token: value, email })],
      ["challenge claim_attempt_token", await ctx.http.postJson(endpoints.challenge, { claim_attempt_token: value })],
    ];
    for (const [where, res] of answers) {
      const problem = garbageAnswerProblem(res);
      if (problem) problems.push(`${where} ${name} → ${problem}`);
    }
  }
  assert(problems.length === 0, `Garbage tokens were not answered 4xx with a JSON error: ${problems.join("; ")}`, {
    expected: "4xx {error}",
    actual: problems,
  });
});

check("OTP-07", async (ctx) => {
  const endpoints = claimEndpoints(ctx.target);
  const anonymous = advertisesAnonymous(ctx.target);
  if (!anonymous && !advertisesVerifiedEmail(ctx.target)) {
    skip("agent_auth.identity_types_supported lists neither anonymous nor identity_assertion with verified_email");
  }
  // A live claim_token, so each answer is about the OTP, not about an unknown registration.
  const register = await ctx.http.postJson(
    endpoints.register,
    anonymous
      ? { type: "anonymous", requested_credential_type: "api_key" }
      : { type: "identity_assertion", assertion_type: "verified_email", assertion: uniqueAddress("otp-07"), requested_credential_type: "api_key" },
  );
  const body = bodyOf(register);
  await recordCreated(ctx.requirement.id, body.registration_id, anonymous ? "anonymous" : "email-verification", anonymous ? { type: body.credential_type, value: body.credential } : undefined);
  if (!ok(register) || typeof body.claim_token !== "string") notTestable(`the registration answered ${describeAnswer(register)} without a claim_token`);
  const problems: string[] = [];
  for (const { name, value } of GARBAGE_OTPS) {
    const res = await ctx.http.postJson(endpoints.complete, { claim_token: body.claim_token, otp: value });
    const problem = garbageAnswerProblem(res);
    if (problem) problems.push(`otp ${name} → ${problem}`);
  }
  assert(problems.length === 0, `Malformed OTPs were not answered 4xx with a JSON error: ${problems.join("; ")}`, {
    expected: "4xx {error}",
    actual: problems,
  });
});

import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { configuredExistingAccount } from "../support/accounts.ts";
import { agentWith, errorCode, isObject, registerAnonymous } from "../support/agent.ts";
import { answered, anonymousCeremony, bodyOf, type CeremonyBlock, ceremonyBlock, freshHint } from "../support/ceremony.ts";
import { requireV07ClaimBody } from "../support/claim-body.ts";
import { expiringRegistration, expiryCheckTimeoutMs, secondsLeft, tooLongToWait, waitOut } from "../support/expiry.ts";
import { freshIdJag, idJagWithEmail } from "../support/id-jag.ts";

// POST claim_endpoint, the login_hint body (v0.7.md §6, agent side).

const CLAIM_FIELDS = ["registration_id", "claim_attempt_id", "status", "expires_at", "claim_attempt"];
const ATTEMPT_FIELDS = ["user_code", "expires_in", "verification_uri", "interval"];

check("CLMEP-01", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  await requireV07ClaimBody(ctx, agent);
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  // The login_hint body without its discriminator.
  const res = await agent.claim({ raw: { claim_token: reg.claimToken, login_hint: freshHint("clmep01") } });
  const code = errorCode(res);
  ctx.outcome(res.status === 200 ? "accepted" : code === "invalid_request" ? "refused" : "refused-other-code");
  assert(res.status === 400 && code === "invalid_request", `A claim body without type answered ${res.status} ${code ?? ""}, expected 400 invalid_request (CL v0.7.0: the body is a union on type)`, {
    expected: { status: 400, error: "invalid_request" },
    actual: answered(res),
  });
});

check("CLMEP-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const res = await agent.claim({ claimToken: reg.claimToken, loginHint: freshHint("clmep02") });
  const body = bodyOf(res);
  const details = { expected: { status: 200, fields: CLAIM_FIELDS, status_: "initiated", claim_attempt: ATTEMPT_FIELDS }, actual: answered(res) };
  assert(res.status === 200, `POST claim_endpoint with a login_hint for an anonymous registration answered ${res.status}, expected 200 (AUTH.md v0.7 Step 4a)`, details);
  const missing = CLAIM_FIELDS.filter((k) => body[k] === undefined);
  assert(missing.length === 0, `The claim answer lacks ${missing.join(", ")}`, details);
  assert(body.status === "initiated", `status is ${JSON.stringify(body.status)}, expected "initiated"`, { ...details, pointer: "/status" });
  assert(body.registration_id === reg.registrationId, `registration_id ${JSON.stringify(body.registration_id)} is not the registration's ${reg.registrationId}`, { ...details, pointer: "/registration_id" });
  const attempt = isObject(body.claim_attempt) ? body.claim_attempt : {};
  const missingAttempt = ATTEMPT_FIELDS.filter((k) => attempt[k] === undefined);
  assert(missingAttempt.length === 0, `The claim_attempt block lacks ${missingAttempt.join(", ")}`, { ...details, pointer: "/claim_attempt" });
});

check("CLMEP-03", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  // A real claim first: it teaches the driver which login_hint body the target takes (§15 P6),
  // so the unknown token below is refused for being unknown, not for the body's shape.
  await anonymousCeremony(ctx, agent);
  const unknown = await agent.claim({ claimToken: `clt_unknown_${Date.now()}`, loginHint: freshHint("clmep03") });
  assert(unknown.status === 401 && errorCode(unknown) === "invalid_claim_token", `An unknown claim_token answered ${unknown.status} ${errorCode(unknown) ?? ""}, expected 401 invalid_claim_token (AUTH.md v0.7 Errors)`, {
    expected: { status: 401, error: "invalid_claim_token" },
    actual: answered(unknown),
  });
  const exercised = ["unknown claim_token"];
  // Already claimed: the ID-JAG body claims an anonymous registration without a user (v0.7 only).
  {
    const reg = await registerAnonymous(ctx, agent);
    if (reg.claimToken) {
      const { assertion } = await freshIdJag(ctx);
      const claimed = await agent.claim({ claimToken: reg.claimToken, assertion });
      // Only when it claimed this registration (another registration_id is CLMEP-IDJ-01's finding).
      if (claimed.status === 200 && bodyOf(claimed).status === "claimed" && bodyOf(claimed).registration_id === reg.registrationId) {
        const again = await agent.claim({ claimToken: reg.claimToken, loginHint: freshHint("clmep03") });
        assert(again.status === 409 && errorCode(again) === "claimed_or_in_flight", `A claim on an already claimed registration answered ${again.status} ${errorCode(again) ?? ""}, expected 409 claimed_or_in_flight`, {
          expected: { status: 409, error: "claimed_or_in_flight" },
          actual: answered(again),
        });
        exercised.push("already claimed (through the v0.7 ID-JAG body)");
      } else ctx.note(`Already-claimed case not exercised: the ID-JAG claim body answered ${claimed.status} (it needs v0.7's ID-JAG body, else the user actor)`);
    }
  }
  // Expired: the run's shared expiring registration, its claim window waited out when it is short
  // (or in the slow tier); the other expiry checks use the same one, so the run waits once.
  const expiring = await expiringRegistration(agent);
  const left = expiring === undefined ? 0 : secondsLeft(expiring);
  const tooLong = expiring === undefined ? "the service answers anonymous_not_enabled (no anonymous registration to let expire)" : tooLongToWait(left, "the anonymous registration's claim window (claim_token_expires)");
  if (tooLong !== undefined || expiring === undefined) {
    ctx.note(`Expired case not exercised: ${tooLong}`);
  } else {
    if (left > -1) await waitOut(Math.max(0, left), "the anonymous registration's claim window (claim_token_expires)");
    const expired = await agent.claim({ claimToken: expiring.claimToken, loginHint: freshHint("clmep03") });
    assert(expired.status === 410 && errorCode(expired) === "claim_expired", `A claim after claim_token_expires answered ${expired.status} ${errorCode(expired) ?? ""}, expected 410 claim_expired (AUTH.md v0.7 Errors)`, {
      expected: { status: 410, error: "claim_expired" },
      actual: answered(expired),
    });
    exercised.push("expired registration");
  }
  ctx.evidence("casesExercised", exercised);
}, { timeoutMs: expiryCheckTimeoutMs() });

/** A re-initiation answered 200 with a claim_attempt other than the ceremony it replaces. */
function assertFreshAttempt(kind: string, previous: CeremonyBlock | undefined, again: HttpResponse): void {
  const next = ceremonyBlock(bodyOf(again).claim_attempt);
  const details = { expected: "200 with a new claim_attempt", actual: { previousVerificationUri: previous?.verificationUri ?? null, reinitiation: answered(again) } };
  assert(again.status === 200, `Re-initiating the claim of a ${kind} registration answered ${again.status} ${errorCode(again) ?? ""}, expected 200 (AUTH.md v0.7 Step 4c; CL v0.4.0: any unclaimed kind)`, details);
  assert(next !== undefined && next.verificationUri !== previous?.verificationUri, `The re-initiated ${kind} claim did not mint a fresh claim_attempt (no block, or the same verification_uri)`, details);
}

check("CLMEP-04", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const exercised: string[] = [];
  const anonymous = await registerAnonymous(ctx, agent);
  if (!anonymous.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const hint = freshHint("clmep04");
  const first = await agent.claim({ claimToken: anonymous.claimToken, loginHint: hint });
  if (first.status !== 200) notTestable(`the first claim of an anonymous registration answered ${first.status} (CLMEP-02 judges it)`);
  assertFreshAttempt("anonymous", ceremonyBlock(bodyOf(first).claim_attempt), await agent.claim({ claimToken: anonymous.claimToken, loginHint: hint }));
  exercised.push("anonymous");
  // service_auth: its ceremony started at registration, re-initiated with the same login_hint.
  const saHint = freshHint("clmep04sa");
  const sa = await agent.register({ type: "service_auth", loginHint: saHint });
  const saBody = bodyOf(sa);
  if (sa.status === 200 && typeof saBody.claim_token === "string") {
    assertFreshAttempt("service_auth", ceremonyBlock(saBody.claim), await agent.claim({ claimToken: saBody.claim_token, loginHint: saHint }));
    exercised.push("service_auth");
  } else ctx.note(`service_auth not exercised: a service_auth registration answered ${sa.status} ${errorCode(sa) ?? ""}`);
  // First-link (step-up): its claim_token, re-initiated for the matched account.
  const account = configuredExistingAccount();
  if (account !== undefined) {
    const { assertion } = await idJagWithEmail(ctx, account);
    const step = await agent.register({ type: "identity_assertion", assertion });
    const body = bodyOf(step);
    if (step.status === 401 && typeof body.claim_token === "string") {
      assertFreshAttempt("first-link (interaction_required)", ceremonyBlock(body.claim), await agent.claim({ claimToken: body.claim_token, loginHint: account }));
      exercised.push("step-up");
    } else ctx.note(`step-up not exercised: the first-link ID-JAG answered ${step.status} (STEP-01 judges it)`);
  } else ctx.note("step-up not exercised: no existing service account configured (userActor.accounts)");
  ctx.evidence("kindsExercised", exercised);
});

// CLMEP-05 (a new claim_attempt_id, the old link and code refused) is one check with the user
// actor's part: suites/v0.7/ceremony/claim-endpoint-user.check.ts.

check("CLMEP-07", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  // The body shape the target takes decides the expected code (v0.6 validates `email` with zod: invalid_request).
  await anonymousCeremony(ctx, agent);
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const expected = agent.claimBodyShape === "v0.6" ? "invalid_request" : "invalid_login_hint";
  for (const hint of ["not-an-email", "a@b"]) {
    const res = await agent.claim({ claimToken: reg.claimToken, loginHint: hint });
    const code = errorCode(res);
    ctx.outcome(res.status === 200 ? "accepted" : code === expected ? "refused" : "refused-other-code", hint);
    assert(res.status === 400 && code === expected, `A claim with login_hint ${JSON.stringify(hint)} answered ${res.status} ${code ?? ""}, expected 400 ${expected}${expected === "invalid_request" ? " (the v0.6 body, §15 P6)" : ""}`, {
      expected: { status: 400, error: expected },
      actual: answered(res),
    });
  }
});

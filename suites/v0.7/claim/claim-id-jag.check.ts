import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, errorCode, exchange, grantedScope, registerAnonymous, sameSet } from "../support/agent.ts";
import { answered, anonymousCeremony, bodyOf, identityAssertionAdvertised, serviceAuthRegistration } from "../support/ceremony.ts";
import { requireV07ClaimBody } from "../support/claim-body.ts";
import { freshIdJag, mintIdJagAuthTime } from "../support/id-jag.ts";

// POST claim_endpoint with the ID-JAG body {type:"identity_assertion", claim_token, assertion}
// (v0.7.md §6, v0.7-only: skipped against a target that takes the v0.6 claim body, §15 P6).

const CLAIMED_FIELDS = ["registration_id", "registration_type", "status", "identity_assertion", "assertion_expires"];

/** The answer to an ID-JAG claim, with its code: 409 and the like are judged by the caller. */
function code(res: HttpResponse): string {
  return `${res.status} ${errorCode(res) ?? ""}`.trim();
}

check("CLMEP-IDJ-01", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "claim");
  await requireV07ClaimBody(ctx, agent);
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const { assertion } = await freshIdJag(ctx);
  const res = await agent.claim({ claimToken: reg.claimToken, assertion });
  const body = bodyOf(res);
  const details = { expected: { status: 200, fields: CLAIMED_FIELDS, status_: "claimed", registration_id: reg.registrationId }, actual: answered(res) };
  assert(res.status === 200, `The ID-JAG claim body with a clean match answered ${code(res)}, expected 200 (AUTH.md v0.7 Step 4a-alt)`, details);
  const missing = CLAIMED_FIELDS.filter((k) => body[k] === undefined);
  assert(missing.length === 0, `The ID-JAG claim answer lacks ${missing.join(", ")}`, details);
  assert(body.status === "claimed", `status is ${JSON.stringify(body.status)}, expected "claimed"`, { ...details, pointer: "/status" });
  assert(body.registration_type === "identity_assertion", `registration_type is ${JSON.stringify(body.registration_type)}, expected "identity_assertion"`, { ...details, pointer: "/registration_type" });
  assert(body.registration_id === reg.registrationId, `The ID-JAG claim answered registration ${JSON.stringify(body.registration_id)}, expected the anonymous registration ${reg.registrationId} (its id is unchanged)`, { ...details, pointer: "/registration_id" });
});

check("CLMEP-IDJ-02", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "claim", "token");
  await requireV07ClaimBody(ctx, agent);
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const preClaim = await exchange(agent, reg.assertion);
  const before = await agent.api(preClaim.accessToken);
  if (before.status !== 200) notTestable(`the pre-claim access_token answers ${before.status} at the API before the claim (API-01 judges it)`);
  const { assertion } = await freshIdJag(ctx);
  const claimed = await agent.claim({ claimToken: reg.claimToken, assertion });
  const body = bodyOf(claimed);
  if (claimed.status !== 200 || typeof body.identity_assertion !== "string") notTestable(`the ID-JAG claim answered ${code(claimed)} with no identity_assertion (CLMEP-IDJ-01 judges it)`);
  if (body.registration_id !== reg.registrationId) notTestable(`the ID-JAG claim answered registration ${String(body.registration_id)}, not the anonymous ${reg.registrationId} (CLMEP-IDJ-01 judges it)`);
  // 1. The pre-claim access_token is revoked (AUTH.md v0.7 Step 4c).
  const after = await agent.api(preClaim.accessToken);
  assert(after.status === 401, `After the ID-JAG claim, the pre-claim access_token still answers ${after.status} at the API, expected 401 (pre-claim tokens are revoked on claim)`, { expected: 401, actual: after.status });
  // 2. The new assertion yields the post-claim scopes.
  const scope = grantedScope(await exchange(agent, body.identity_assertion));
  assert(sameSet(scope, reg.postClaimScopes), `The assertion from the ID-JAG claim granted "${scope.join(" ")}", expected the post_claim_scopes "${reg.postClaimScopes.join(" ")}"`, { expected: reg.postClaimScopes, actual: scope });
  // 3. The claim-grant poll succeeds as well.
  const poll = await agent.token.claimGrant(reg.claimToken);
  assert(poll.status === 200 && typeof bodyOf(poll).access_token === "string", `After the ID-JAG claim, the claim-grant poll answered ${code(poll)}, expected 200 with an access_token (c7 completeAnonymousClaimViaIdJag)`, {
    expected: { status: 200, access_token: "<token>" },
    actual: answered(poll),
  });
});

check("CLMEP-IDJ-04", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "claim");
  await requireV07ClaimBody(ctx, agent);
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  for (const variant of ["absent", "future"] as const) {
    const { assertion } = await mintIdJagAuthTime(ctx, { authTime: variant, maxAge: 3600 });
    const res = await agent.claim({ claimToken: reg.claimToken, assertion });
    ctx.outcome(res.status === 200 ? "accepted" : errorCode(res) === "login_required" ? "refused" : "refused-other-code", `auth_time ${variant}`);
    assert(res.status === 401 && errorCode(res) === "login_required", `The ID-JAG claim body with auth_time ${variant} answered ${code(res)}, expected 401 login_required (AUTH.md v0.7 Step 4a-alt "Failures": verification applies unchanged)`, {
      expected: { status: 401, error: "login_required" },
      actual: answered(res),
    });
  }
  // Any other verification failure → 400: a signature that does not verify.
  const { assertion } = await freshIdJag(ctx);
  const [h, p, sig] = assertion.split(".") as [string, string, string];
  const tampered = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
  const res = await agent.claim({ claimToken: reg.claimToken, assertion: tampered });
  ctx.outcome(res.status === 200 ? "accepted" : res.status === 400 ? "refused" : "refused-other-status", "bad signature");
  assert(res.status === 400, `The ID-JAG claim body with a tampered signature answered ${code(res)}, expected 400`, { expected: 400, actual: answered(res) });
});

check("CLMEP-IDJ-05", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "claim");
  await requireV07ClaimBody(ctx, agent);
  const reg = await serviceAuthRegistration(ctx, agent);
  const { assertion } = await freshIdJag(ctx);
  const res = await agent.claim({ claimToken: reg.claimToken, assertion });
  ctx.outcome(res.status === 200 ? "accepted" : errorCode(res) === "claimed_or_in_flight" ? "refused" : "refused-other-code");
  assert(res.status === 409 && errorCode(res) === "claimed_or_in_flight", `The ID-JAG claim body on a service_auth registration answered ${code(res)}, expected 409 claimed_or_in_flight (c7 routes/agent-auth.ts: only anonymous registrations take it)`, {
    expected: { status: 409, error: "claimed_or_in_flight" },
    actual: answered(res),
  });
});

check("CLMEP-IDJ-06", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "claim");
  await requireV07ClaimBody(ctx, agent);
  const { reg } = await anonymousCeremony(ctx, agent);
  const { assertion } = await freshIdJag(ctx);
  const res = await agent.claim({ claimToken: reg.claimToken, assertion });
  ctx.evidence("code", { status: res.status, error: errorCode(res) ?? null });
  ctx.outcome(res.status === 200 ? "accepted" : res.status === 409 ? "refused" : "refused-other-status");
  // The code (ceremony_in_flight in c7) is not in A7's error table: reported, not judged.
  if (res.status === 409) ctx.note(`Refused with 409 ${errorCode(res) ?? "(no error code)"}${errorCode(res) === "ceremony_in_flight" ? " (the reference's code, not in AUTH.md v0.7's error table)" : ""}`);
  assert(res.status === 409, `A clean ID-JAG at the claim endpoint while a login_hint ceremony is pending answered ${code(res)}, expected 409 (c7 store.ts: ceremony_in_flight)`, {
    expected: { status: 409 },
    actual: answered(res),
  });
});

check("CLMEP-IDJ-07", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "claim");
  await requireV07ClaimBody(ctx, agent);
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const { assertion } = await freshIdJag(ctx);
  const first = await agent.claim({ claimToken: reg.claimToken, assertion });
  if (first.status !== 200) notTestable(`the ID-JAG claim answered ${code(first)} (CLMEP-IDJ-01 judges it): its jti may not have been consumed`);
  // The same ID-JAG again, at identity_endpoint and at the claim endpoint of another registration.
  const atIdentity = await agent.register({ type: "identity_assertion", assertion });
  const other = await registerAnonymous(ctx, agent);
  const atClaim = other.claimToken ? await agent.claim({ claimToken: other.claimToken, assertion }) : undefined;
  const details = { expected: "400 (replay) at both", actual: { identity_endpoint: answered(atIdentity), claim_endpoint: atClaim ? answered(atClaim) : null } };
  ctx.outcome(atIdentity.status === 200 || atClaim?.status === 200 ? "accepted" : "refused");
  assert(atIdentity.status === 400, `The ID-JAG consumed at the claim endpoint was accepted again at identity_endpoint (${code(atIdentity)}); its jti is single-use (S6 "Replay protection")`, details);
  assert(atClaim === undefined || atClaim.status === 400, `The ID-JAG consumed at the claim endpoint was accepted again at the claim endpoint (${code(atClaim!)}), expected 400`, details);
});

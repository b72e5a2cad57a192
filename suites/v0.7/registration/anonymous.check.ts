import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import { agentWith, exchange, grantedScope, isObject, registerAnonymous, sameSet, strings } from "../support/agent.ts";

// {type:"anonymous"} (v0.7.md §3) and the pre-claim scope cap.

const ANONYMOUS_FIELDS = ["registration_id", "registration_type", "identity_assertion", "assertion_expires", "pre_claim_scopes", "claim_url", "claim_token", "claim_token_expires", "post_claim_scopes"];

check("ANON-01", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const res = await agent.register({ type: "anonymous" });
  if (res.status === 400 && isObject(res.json) && res.json.error === "anonymous_not_enabled") {
    skip("anonymous_not_enabled: the service opted out of anonymous registration");
  }
  assert(res.status === 200 && isObject(res.json), `POST identity_endpoint {type:"anonymous"} answered ${res.status}, expected 200`, { expected: 200, actual: { status: res.status, body: res.text.slice(0, 200) } });
  const body = res.json as Record<string, unknown>;
  const missing = ANONYMOUS_FIELDS.filter((k) => body[k] === undefined);
  assert(missing.length === 0, `The anonymous registration response lacks ${missing.join(", ")} (AUTH.md v0.7 Step 3)`, { expected: ANONYMOUS_FIELDS, actual: Object.keys(body) });
  assert(body.registration_type === "anonymous", `registration_type is ${JSON.stringify(body.registration_type)}, expected "anonymous"`, { pointer: "/registration_type", expected: "anonymous", actual: body.registration_type });
});

check("ANON-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  const scope = grantedScope(await exchange(agent, reg.assertion));
  ctx.evidence("scope", { granted: scope, preClaim: reg.preClaimScopes });
  assert(sameSet(scope, reg.preClaimScopes), `jwt-bearer with an unclaimed anonymous assertion granted "${scope.join(" ")}", expected the pre_claim_scopes "${reg.preClaimScopes.join(" ")}"`, {
    expected: reg.preClaimScopes,
    actual: scope,
  });
});

check("ANON-03", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "claim");
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token: the pending state cannot be reached (ANON-01 judges it)");
  // A pending ceremony: the login_hint body at claim_endpoint (v0.7.md §6); the user never confirms.
  const claim = await agent.claim({ claimToken: reg.claimToken, loginHint: `pending-${reg.registrationId.slice(-8)}@agents.example.org` });
  ctx.evidence("claim", { status: claim.status, body: claim.json ?? claim.text.slice(0, 200) });
  if (claim.status !== 200) {
    notTestable(`POST claim_endpoint with a login_hint answered ${claim.status}: no pending ceremony to test`);
  }
  const scope = grantedScope(await exchange(agent, reg.assertion));
  assert(sameSet(scope, reg.preClaimScopes), `While the claim is pending, jwt-bearer granted "${scope.join(" ")}", expected the pre_claim_scopes "${reg.preClaimScopes.join(" ")}" (CL v0.2.0 bug fix)`, {
    expected: reg.preClaimScopes,
    actual: scope,
  });
  ctx.evidence("postClaimScopes", strings(reg.body.post_claim_scopes));
});

import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, errorCode, exchange, isObject, registerAnonymous, strings } from "../support/agent.ts";
import { answered } from "../support/ceremony.ts";
import { freshIdJag, mintSet } from "../support/id-jag.ts";

// The agent's retry after a 401 (v0.7.md §10 API-02; AUTH.md v0.7 Revocation, last paragraph):
// re-running Step 5 once works after an RFC 7009 revocation and fails after a provider SET.

check("API-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "revocation");
  // 1. Credential layer: the access_token revoked, the assertion alive → Step 5 again → API 200.
  const reg = await registerAnonymous(ctx, agent);
  const first = await exchange(agent, reg.assertion);
  const revoked = await agent.revoke(first.accessToken, "access_token");
  if (revoked.status !== 200) notTestable(`the RFC 7009 revocation answered ${revoked.status} (REV7009-01 judges it)`);
  const refused = await agent.api(first.accessToken);
  if (refused.status !== 401) notTestable(`the revoked access_token still answers ${refused.status} at the API (REV7009-01 judges it)`);
  const retried = await agent.token.jwtBearer(reg.assertion);
  const token = isObject(retried.json) && typeof retried.json.access_token === "string" ? retried.json.access_token : undefined;
  assert(retried.status === 200 && token !== undefined, `After an RFC 7009 revocation and a 401, re-running Step 5 with the live identity_assertion answered ${retried.status} ${errorCode(retried) ?? ""}, expected 200 (AUTH.md v0.7 Revocation: "try Step 5 once")`, {
    expected: 200,
    actual: answered(retried),
  });
  const api = await agent.api(token);
  assert(api.status === 200, `The access_token from the retried Step 5 answers ${api.status} at the API, expected 200`, { expected: 200, actual: api.status });
  // 2. Registration layer: a provider SET → the retry itself is refused (invalid_grant).
  if (!agent.endpoint("events") || !strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) {
    ctx.note("The SET half is not exercised: no events_endpoint or no identity_assertion type");
    return;
  }
  const { assertion, subject } = await freshIdJag(ctx);
  const bound = await agent.register({ type: "identity_assertion", assertion });
  if (bound.status !== 200 || !isObject(bound.json) || typeof bound.json.identity_assertion !== "string") {
    ctx.note(`The SET half is not exercised: a clean ID-JAG registration answered ${bound.status} (IDJ-02 judges it)`);
    return;
  }
  const own = bound.json.identity_assertion;
  await exchange(agent, own);
  const delivered = await agent.deliverEvent(await mintSet(ctx, { subject }));
  if (delivered.status < 200 || delivered.status >= 300) {
    ctx.note(`The SET half is not exercised: the SET was refused (${delivered.status}; SET-01 judges it)`);
    return;
  }
  const retry = await agent.token.jwtBearer(own);
  assert(retry.status === 400 && errorCode(retry) === "invalid_grant", `After a provider SET, re-running Step 5 answered ${retry.status} ${errorCode(retry) ?? ""}, expected 400 invalid_grant (the agent must re-register, AUTH.md v0.7 Revocation)`, {
    expected: { status: 400, error: "invalid_grant" },
    actual: answered(retry),
  });
});

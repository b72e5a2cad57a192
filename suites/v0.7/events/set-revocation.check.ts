import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { agentWith, exchange, isObject, strings } from "../support/agent.ts";
import { answered } from "../support/ceremony.ts";
import { freshIdJag, mintSet } from "../support/id-jag.ts";

// What a revoked-event SET revokes (v0.7.md §9: SET-09 every token of the (iss, sub, aud); SET-15
// nothing of this service when the SET is addressed to another audience).

function eventsAdvertised(ctx: CheckContext): void {
  if (ctx.target.agentAuth?.events_endpoint === undefined) skip("agent_auth advertises no events_endpoint");
}

/** A provider user bound by a clean ID-JAG, with its identity_assertion. */
async function boundUser(ctx: CheckContext, agent: AgentV07): Promise<{ subject: string; assertion: string }> {
  if (!strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) notTestable("identity_assertion is not advertised: no provider user can be bound");
  const { assertion, subject } = await freshIdJag(ctx);
  const res = await agent.register({ type: "identity_assertion", assertion });
  if (res.status !== 200 || !isObject(res.json) || typeof res.json.identity_assertion !== "string") notTestable(`a clean ID-JAG registration answered ${res.status} (IDJ-02 judges it)`);
  return { subject, assertion: res.json.identity_assertion };
}

check("SET-09", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token", "events");
  const user = await boundUser(ctx, agent);
  // Two access tokens from the same registration, and a third after a re-presentation of the (iss, sub).
  const tokens = [(await exchange(agent, user.assertion)).accessToken, (await exchange(agent, user.assertion)).accessToken];
  const again = await agent.register({ type: "identity_assertion", assertion: (await freshIdJag(ctx, { subject: user.subject })).assertion });
  if (again.status === 200 && isObject(again.json) && typeof again.json.identity_assertion === "string") tokens.push((await exchange(agent, again.json.identity_assertion)).accessToken);
  for (const token of tokens) {
    const before = await agent.api(token);
    if (before.status !== 200) notTestable(`an access_token of the bound user answers ${before.status} at the API before any SET (API-01 judges it)`);
  }
  const delivered = await agent.deliverEvent(await mintSet(ctx, { subject: user.subject }));
  if (delivered.status < 200 || delivered.status >= 300) notTestable(`the revoked-event SET was refused (${delivered.status}; SET-01 judges it)`);
  const after = await Promise.all(tokens.map(async (token) => (await agent.api(token)).status));
  ctx.evidence("apiAfterSet", after);
  const alive = after.filter((status) => status !== 401).length;
  assert(alive === 0, `After a revoked-event SET for the (iss, sub), ${alive} of ${tokens.length} access tokens derived from it still answer at the API (${after.join(", ")}), expected 401 for every one (AUTH.md v0.7 Revocation; S6 step 3)`, {
    expected: tokens.map(() => 401),
    actual: after,
  });
});

check("SET-15", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token", "events");
  const user = await boundUser(ctx, agent);
  const token = (await exchange(agent, user.assertion)).accessToken;
  // The run has one audience (this service); a SET for the same (iss, sub) addressed to another
  // audience is delivered here, where it must revoke nothing (answered invalid_audience, SET-04).
  const res = await agent.deliverEvent(await mintSet(ctx, { subject: user.subject, audience: "https://other-service.example" }));
  ctx.evidence("delivery", answered(res));
  const api = await agent.api(token);
  assert(api.status === 200, `A revoked-event SET for the same (iss, sub) but another aud (answered ${res.status}) revoked this service's access_token: the API answers ${api.status} (S6 step 3: the triple (iss, sub, aud))`, {
    expected: 200,
    actual: api.status,
  });
});

import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import type { CheckContext } from "../../../src/suite/index.ts";
import { agentWith, isObject, strings } from "../support/agent.ts";
import { freshIdJag } from "../support/id-jag.ts";

// {type:"identity_assertion"} with a provider ID-JAG (v0.7.md §4): the clean match and re-presentation.

const CLEAN_FIELDS = ["registration_id", "registration_type", "identity_assertion", "assertion_expires", "scopes"];

function identityAssertionAdvertised(ctx: CheckContext): void {
  if (!strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) {
    skip("agent_auth.identity_types_supported does not list identity_assertion");
  }
}

async function presentIdJag(agent: AgentV07, assertion: string) {
  const res = await agent.register({ type: "identity_assertion", assertion });
  return { res, body: isObject(res.json) ? res.json : {} };
}

check("IDJ-02", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  // A fresh user the service does not know: a just-in-time clean match (no confirmation).
  const { assertion } = await freshIdJag(ctx);
  const { res, body } = await presentIdJag(agent, assertion);
  const details = { expected: { status: 200, fields: CLEAN_FIELDS, registration_type: "identity_assertion" }, actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) } };
  assert(res.status === 200, `A clean ID-JAG for a new user answered ${res.status}, expected 200 (AUTH.md v0.7 Step 3 "No confirmation needed")`, details);
  const missing = CLEAN_FIELDS.filter((k) => body[k] === undefined);
  assert(missing.length === 0, `The clean ID-JAG registration lacks ${missing.join(", ")}`, details);
  assert(body.registration_type === "identity_assertion", `registration_type is ${JSON.stringify(body.registration_type)}, expected "identity_assertion" (CL v0.5.0 renamed "agent-provider")`, { ...details, pointer: "/registration_type" });
});

check("IDJ-11", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const first = await freshIdJag(ctx);
  const one = await presentIdJag(agent, first.assertion);
  if (one.res.status !== 200 || typeof one.body.registration_id !== "string") notTestable(`the first clean ID-JAG answered ${one.res.status} (IDJ-02 judges it)`);
  // A second, fresh ID-JAG (new jti) for the same (iss, sub, aud).
  const second = await freshIdJag(ctx, { subject: first.subject });
  const two = await presentIdJag(agent, second.assertion);
  const details = { expected: { status: 200, registration_id: one.body.registration_id }, actual: { status: two.res.status, registration_id: two.body.registration_id ?? null } };
  assert(two.res.status === 200, `Re-presenting a fresh ID-JAG for a bound (iss, sub) answered ${two.res.status}, expected 200`, details);
  assert(two.body.registration_id === one.body.registration_id, `Re-presenting a fresh ID-JAG for a bound (iss, sub) created registration ${String(two.body.registration_id)}, expected the same ${one.body.registration_id}`, details);
});

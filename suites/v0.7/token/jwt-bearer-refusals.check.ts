import { decodeProtectedHeader } from "jose";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, check, type CheckContext, notTestable } from "../../../src/suite/index.ts";
import { agentWith, errorCode, exchange, isObject, registerAnonymous, strings } from "../support/agent.ts";
import { answered, bodyOf } from "../support/ceremony.ts";
import { expiringRegistration, expiryCheckTimeoutMs, secondsLeft, tooLongToWait, waitOut } from "../support/expiry.ts";
import { freshIdJag, mintSet } from "../support/id-jag.ts";

// jwt-bearer refusals and the resource indicator (v0.7.md §7.2: TOK-JWTB-04, 06, 07).

check("TOK-JWTB-04", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  // Exchanged once as issued, so a service that remembers verified assertions has seen this one.
  await exchange(agent, reg.assertion);
  const [, payload, signature] = reg.assertion.split(".") as [string, string, string];
  const header = { ...decodeProtectedHeader(reg.assertion), typ: "JWT" };
  // The service's key is not ours: the copy keeps the old signature, so a careful service also
  // refuses it for the signature (a weak check, v0.7.md TOK-JWTB-04).
  const copy = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${payload}.${signature}`;
  const res = await agent.token.jwtBearer(copy);
  ctx.outcome(res.status === 200 ? "accepted" : errorCode(res) === "invalid_grant" ? "refused" : "refused-other-code");
  assert(res.status === 400 && bodyOf(res).access_token === undefined, `jwt-bearer with a copy of the identity_assertion whose header says typ JWT answered ${res.status} ${errorCode(res) ?? ""}, expected 400 (S6 "JWT-bearer grant" step 2: typ must be oauth-id-jag+jwt)`, {
    expected: { status: 400, error: "invalid_grant" },
    actual: answered(res),
  });
});

/** A clean ID-JAG registration's (iss, sub) and its identity_assertion, or undefined (IDJ-02 judges why). */
async function boundRegistration(ctx: CheckContext, agent: AgentV07): Promise<{ subject: string; assertion: string } | undefined> {
  const { assertion, subject } = await freshIdJag(ctx);
  const res = await agent.register({ type: "identity_assertion", assertion });
  const body = bodyOf(res);
  return res.status === 200 && typeof body.identity_assertion === "string" ? { subject, assertion: body.identity_assertion } : undefined;
}

check("TOK-JWTB-06", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const exercised: string[] = [];
  // 1. A registration revoked by a provider SET at events_endpoint.
  const bound = agent.endpoint("events") && strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion") ? await boundRegistration(ctx, agent) : undefined;
  if (bound) {
    await exchange(agent, bound.assertion);
    const delivered = await agent.deliverEvent(await mintSet(ctx, { subject: bound.subject }));
    if (delivered.status >= 200 && delivered.status < 300) {
      const res = await agent.token.jwtBearer(bound.assertion);
      assert(res.status === 400 && errorCode(res) === "invalid_grant", `After a revoked-event SET for its (iss, sub), the registration's identity_assertion answered ${res.status} ${errorCode(res) ?? ""} at jwt-bearer, expected 400 invalid_grant (AUTH.md v0.7 Revocation: "invalidates the identity assertion")`, {
        expected: { status: 400, error: "invalid_grant" },
        actual: answered(res),
      });
      exercised.push("SET-revoked registration");
    } else ctx.note(`SET case not exercised: the SET was refused (${delivered.status}; SET-01 judges it)`);
  } else ctx.note("SET case not exercised: no events_endpoint, no identity_assertion type, or no clean ID-JAG registration (IDJ-02 judges it)");
  // 2. An anonymous registration whose claim window closed unclaimed (the run's shared expiring
  // registration, whose assertion minted while the window was open).
  const expiring = await expiringRegistration(agent);
  const left = expiring === undefined ? 0 : secondsLeft(expiring);
  const tooLong = expiring === undefined ? "the service answers anonymous_not_enabled (no anonymous registration to let expire)" : tooLongToWait(left, "the anonymous registration's claim window");
  if (tooLong === undefined && expiring !== undefined && expiring.mintedWhileOpen) {
    if (left > -1) await waitOut(Math.max(0, left), "the anonymous registration's claim window (claim_token_expires)");
    const res = await agent.token.jwtBearer(expiring.assertion);
    assert(res.status === 400 && errorCode(res) === "invalid_grant", `After the anonymous registration expired unclaimed, its identity_assertion answered ${res.status} ${errorCode(res) ?? ""} at jwt-bearer, expected 400 invalid_grant`, {
      expected: { status: 400, error: "invalid_grant" },
      actual: answered(res),
    });
    exercised.push("expired registration");
  } else ctx.note(`Expired case not exercised: ${tooLong ?? "its assertion did not mint while the window was open (TOK-JWTB-01 judges it)"}`);
  ctx.evidence("casesExercised", exercised);
  if (exercised.length === 0) notTestable("neither a SET-revoked nor an expired registration could be produced in this run");
}, { timeoutMs: expiryCheckTimeoutMs() });

check("TOK-JWTB-07", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  const prm = await ctx.http.get(ctx.target.prmUrl);
  const resource = isObject(prm.json) && typeof prm.json.resource === "string" ? prm.json.resource : undefined;
  if (!resource) notTestable("the PRM has no resource (DISC-PRM-01 judges it)");
  // The PRM's own resource is the one the agent is told to send (A7 Step 5: "optional but recommended").
  const own = await agent.token.jwtBearerForResource(reg.assertion, resource);
  assert(own.status === 200, `jwt-bearer with resource=${resource} (the PRM's own resource) answered ${own.status} ${errorCode(own) ?? ""}, expected 200`, { expected: 200, actual: answered(own) });
  const unknown = await agent.token.jwtBearerForResource(reg.assertion, "https://unknown-resource.example/");
  const code = errorCode(unknown);
  ctx.outcome(unknown.status === 200 ? "ignored" : code === "invalid_target" ? "invalid_target" : "refused-other-code", "unknown resource");
  if (unknown.status === 200) ctx.note("An unknown resource was ignored (allowed; the reference ignores the value)");
  assert(unknown.status === 200 || (unknown.status === 400 && code === "invalid_target"), `jwt-bearer with an unknown resource answered ${unknown.status} ${code ?? ""}; expected invalid_target (RFC 8707 §2) or the value ignored (200)`, {
    expected: ["200 (ignored)", { status: 400, error: "invalid_target" }],
    actual: answered(unknown),
  });
});

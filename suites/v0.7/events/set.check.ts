import type { HttpResponse } from "../../../src/http/client.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { agentWith, exchange, isObject, strings } from "../support/agent.ts";
import { freshIdJag, mintSet } from "../support/id-jag.ts";

// Provider events: Security Event Tokens at events_endpoint (v0.7.md §9; RFC 8417, RFC 8935).

const UNKNOWN_EVENT = "https://events.example.org/unknown-event";

function eventsAdvertised(ctx: CheckContext): void {
  if (ctx.target.agentAuth?.events_endpoint === undefined) skip("agent_auth advertises no events_endpoint");
}

/** A provider user bound to a registration (a clean ID-JAG at identity_endpoint), and its access_token. */
async function boundUser(ctx: CheckContext, agent: AgentV07): Promise<{ subject: string; accessToken: string }> {
  if (!strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) notTestable("identity_assertion is not advertised: no provider user can be bound");
  const { assertion, subject } = await freshIdJag(ctx);
  const res = await agent.register({ type: "identity_assertion", assertion });
  if (res.status !== 200 || !isObject(res.json) || typeof res.json.identity_assertion !== "string") notTestable(`a clean ID-JAG registration answered ${res.status} (IDJ-02 judges it)`);
  const { accessToken } = await exchange(agent, res.json.identity_assertion as string);
  return { subject, accessToken };
}

/**
 * The code of a refused SET: RFC 8935 §2.3's `err`, else OAuth's `error` (which member carries it
 * is SET-02's rule; the other checks judge the code).
 */
function setErr(res: HttpResponse): string | undefined {
  if (!isObject(res.json)) return undefined;
  if (typeof res.json.err === "string") return res.json.err;
  return typeof res.json.error === "string" ? res.json.error : undefined;
}

/** Accepted: RFC 8935 §2.2 says 202 (exactly 202 and an empty body are SET-01's rule). */
function accepted(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300;
}

function answered(res: HttpResponse) {
  return { status: res.status, body: res.json ?? res.text.slice(0, 200) };
}

check("SET-01", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token", "events");
  const { subject } = await boundUser(ctx, agent);
  const res = await agent.deliverEvent(await mintSet(ctx, { subject }));
  assert(res.status === 202, `A valid revoked-event SET answered ${res.status}, expected 202 (RFC 8935 §2.2)`, { expected: 202, actual: answered(res) });
  assert(res.text.trim() === "", `The 202 carries a body (${res.text.slice(0, 80)}); RFC 8935 §2.2 answers an accepted SET with an empty body`, { expected: "empty body", actual: res.text.slice(0, 200) });
});

check("SET-02", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "events");
  const res = await agent.deliverEvent(await mintSet(ctx, { subject: "user_set02", audience: "https://other-service.example" }));
  const body = isObject(res.json) ? res.json : {};
  const details = { expected: { status: 400, body: "{err, description}" }, actual: answered(res) };
  assert(res.status === 400, `A refused SET answered ${res.status}, expected 400 (RFC 8935 §2.3)`, details);
  assert(typeof body.err === "string", `The SET error body has no \`err\` member${"error" in body ? " (it uses OAuth's `error`)" : ""} (RFC 8935 §2.3)`, details);
});

/** SET-03/04/05: a refused SET with the RFC 8935 §2.4 code named. */
async function refusedWith(ctx: CheckContext, set: string, allowed: string[], what: string): Promise<void> {
  const res = await agentWith(ctx, "events").deliverEvent(set);
  const err = setErr(res);
  ctx.outcome(accepted(res) ? "accepted" : allowed.includes(err ?? "") ? "refused" : "refused-other-code");
  assert(res.status === 400 && allowed.includes(err ?? ""), `A SET with ${what} answered ${res.status} ${err ?? ""}, expected 400 err ${allowed.join(" or ")} (RFC 8935 §2.4)`, {
    expected: { status: 400, err: allowed },
    actual: answered(res),
  });
}

check("SET-03", async (ctx) => {
  eventsAdvertised(ctx);
  const set = await mintSet(ctx, { subject: "user_set03", claims: { iss: "https://untrusted-provider.example" } });
  await refusedWith(ctx, set, ["invalid_issuer"], "an untrusted iss");
});

check("SET-04", async (ctx) => {
  eventsAdvertised(ctx);
  const set = await mintSet(ctx, { subject: "user_set04", audience: "https://other-service.example" });
  await refusedWith(ctx, set, ["invalid_audience"], "a wrong aud");
});

check("SET-05", async (ctx) => {
  eventsAdvertised(ctx);
  const past = Math.floor(Date.now() / 1000) - 3600;
  const expired = await mintSet(ctx, { subject: "user_set05", now: past, lifetimeSeconds: 120 });
  await refusedWith(ctx, expired, ["authentication_failed", "invalid_key"], "an exp an hour past");
  const [h, p, sig] = (await mintSet(ctx, { subject: "user_set05" })).split(".") as [string, string, string];
  const tampered = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
  await refusedWith(ctx, tampered, ["authentication_failed", "invalid_key"], "a tampered signature");
});

check("SET-06", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token", "events");
  const { subject, accessToken } = await boundUser(ctx, agent);
  const res = await agent.deliverEvent(await mintSet(ctx, { subject, omitClaims: ["events"] }));
  const err = setErr(res);
  assert(res.status === 400 && err === "invalid_request", `A SET without events answered ${res.status} ${err ?? ""}, expected 400 invalid_request (RFC 8417 §2.2: events is REQUIRED)`, { expected: { status: 400, err: "invalid_request" }, actual: answered(res) });
  const api = await agent.api(accessToken);
  assert(api.status === 200, `After a refused SET without events, the user's access_token answers ${api.status} at the API: something was revoked`, { expected: 200, actual: api.status });
});

check("SET-07", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token", "events");
  const { subject, accessToken } = await boundUser(ctx, agent);
  const res = await agent.deliverEvent(await mintSet(ctx, { subject, events: [UNKNOWN_EVENT] }));
  assert(accepted(res), `A SET with only an unknown event answered ${res.status}, expected 202 (RFC 8417 §2.2: unknown events are ignored)`, { expected: 202, actual: answered(res) });
  const api = await agent.api(accessToken);
  assert(api.status === 200, `A SET with only an unknown event revoked the user's access_token (the API answers ${api.status})`, { expected: 200, actual: api.status });
});

check("SET-08", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token", "events");
  const { subject } = await boundUser(ctx, agent);
  const set = await mintSet(ctx, { subject });
  const first = await agent.deliverEvent(set);
  if (!accepted(first)) notTestable(`the first delivery answered ${first.status} (SET-01 judges it)`);
  const replay = await agent.deliverEvent(set);
  const err = setErr(replay);
  assert(replay.status === 400 && err === "invalid_request", `A replayed SET (same jti) answered ${replay.status} ${err ?? ""}, expected 400 invalid_request`, { expected: { status: 400, err: "invalid_request" }, actual: answered(replay) });
});

check("SET-12", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "events");
  const res = await agent.deliverEvent(await mintSet(ctx, { subject: "user_set12" }), "application/json");
  const err = setErr(res);
  assert(res.status === 400 && err === "invalid_request", `A SET posted as application/json answered ${res.status} ${err ?? ""}, expected 400 invalid_request (RFC 8935 §2.2: application/secevent+jwt)`, { expected: { status: 400, err: "invalid_request" }, actual: answered(res) });
});

check("SET-13", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "events");
  const res = await agent.deliverEvent(await mintSet(ctx, { subject: "user_set13", header: { typ: "logout+jwt" } }));
  assert(res.status === 400, `A SET with typ logout+jwt answered ${res.status}, expected 400 (RFC 8417 §2.3: typ secevent+jwt)`, { expected: 400, actual: answered(res) });
});

check("SET-14", async (ctx) => {
  eventsAdvertised(ctx);
  const agent = agentWith(ctx, "events");
  const res = await agent.deliverEvent(await mintSet(ctx, { subject: "user_set14", omitClaims: ["iat"] }));
  // §15: the reference does not require iat; RFC 8417 §2.2 makes it REQUIRED.
  assert(res.status === 400, `A SET without iat answered ${res.status}, expected 400 (RFC 8417 §2.2: iat is REQUIRED; the reference accepts it)`, { expected: 400, actual: answered(res) });
});

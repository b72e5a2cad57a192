import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import type { CheckContext } from "../../../src/suite/index.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { parseWwwAuthenticate } from "../../../src/protocol/www-authenticate.ts";
import type { AuthTimeVariant } from "../../../mock-provider/auth-time.ts";
import { agentWith, isObject, strings, type Json } from "../support/agent.ts";
import { freshIdJag, mintIdJagAuthTime } from "../support/id-jag.ts";

// ID-JAG auth_time freshness (v0.7.md §4.1, AT-01…06): login_required and its max_age.

/** The reference's max_age; only a placeholder for variants that ignore it (absent, future). */
const REFERENCE_MAX_AGE = 3600;

function identityAssertionAdvertised(ctx: CheckContext): void {
  if (!strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) {
    skip("agent_auth.identity_types_supported does not list identity_assertion");
  }
}

async function present(agent: AgentV07, assertion: string): Promise<{ res: HttpResponse; body: Json }> {
  const res = await agent.register({ type: "identity_assertion", assertion });
  return { res, body: isObject(res.json) ? res.json : {} };
}

function summary(res: HttpResponse): unknown {
  return { status: res.status, "www-authenticate": res.headers["www-authenticate"] ?? null, body: res.json ?? res.text.slice(0, 200) };
}

/** An ID-JAG with this auth_time variant for a new (or the given) user. */
async function presentVariant(ctx: CheckContext, agent: AgentV07, variant: AuthTimeVariant, maxAge: number, subject?: string) {
  const { assertion } = await mintIdJagAuthTime(ctx, { authTime: variant, maxAge, ...(subject ? { subject } : {}) });
  return present(agent, assertion);
}

/** The max_age a login_required answer gives: the body's number, else the challenge's auth-param. */
function maxAgeOf(res: HttpResponse, body: Json): number | undefined {
  if (typeof body.max_age === "number" && Number.isInteger(body.max_age) && body.max_age > 0) return body.max_age;
  const param = challengeParams(res).max_age;
  return param !== undefined && /^[0-9]+$/.test(param) && Number(param) > 0 ? Number(param) : undefined;
}

/** The auth-params of the challenge that carries error="login_required" (any scheme name, §15 P17). */
function challengeParams(res: HttpResponse): Record<string, string> {
  const header = res.headers["www-authenticate"];
  if (!header) return {};
  const challenges = parseWwwAuthenticate(header);
  return (challenges.find((c) => c.params.error === "login_required") ?? challenges[0])?.params ?? {};
}

/** Learn the service's max_age from the 401 to an ID-JAG without auth_time (AT-03's answer, §15 P18). */
async function learnMaxAge(ctx: CheckContext, agent: AgentV07): Promise<number> {
  const { res, body } = await presentVariant(ctx, agent, "absent", REFERENCE_MAX_AGE);
  const maxAge = res.status === 401 ? maxAgeOf(res, body) : undefined;
  if (maxAge === undefined) notTestable(`the service's max_age could not be learnt: an ID-JAG without auth_time answered ${res.status} with no max_age (AT-01 / AT-03 judge it)`);
  return maxAge;
}

function assertLoginRequired(res: HttpResponse, body: Json, what: string, expected: Json = {}): void {
  const details = { expected: { status: 401, error: "login_required", ...expected }, actual: summary(res) };
  assert(res.status === 401, `${what} answered ${res.status}, expected 401 login_required (AUTH.md v0.7 Step 3 "Login required")`, details);
  assert(body.error === "login_required", `${what} answered error ${JSON.stringify(body.error)}, expected "login_required"`, { ...details, pointer: "/error" });
}

check("AT-01", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const { res, body } = await presentVariant(ctx, agent, "absent", REFERENCE_MAX_AGE);
  assertLoginRequired(res, body, "An ID-JAG without auth_time");
});

check("AT-02", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const maxAge = await learnMaxAge(ctx, agent);
  const { res, body } = await presentVariant(ctx, agent, "stale", maxAge);
  assertLoginRequired(res, body, `An ID-JAG with auth_time = now − ${maxAge} − 120 s (max_age ${maxAge})`);
});

check("AT-03", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const { res, body } = await presentVariant(ctx, agent, "absent", REFERENCE_MAX_AGE);
  if (res.status !== 401) notTestable(`an ID-JAG without auth_time answered ${res.status}, not 401 (AT-01 judges it)`);
  const details = { expected: { header: 'AgentAuth error="login_required", max_age="<n>"', body: { error: "login_required", max_age: "<n>" } }, actual: summary(res) };
  const header = res.headers["www-authenticate"];
  assert(header !== undefined && header.length > 0, "The login_required 401 has no WWW-Authenticate header (AUTH.md v0.7 Step 3)", details);
  const params = challengeParams(res);
  assert(params.error === "login_required", `The WWW-Authenticate challenge carries error=${JSON.stringify(params.error ?? null)}, expected "login_required"`, details);
  const headerMaxAge = params.max_age;
  assert(headerMaxAge !== undefined && /^[0-9]+$/.test(headerMaxAge), `The WWW-Authenticate challenge carries max_age=${JSON.stringify(headerMaxAge ?? null)}, expected a number of seconds`, details);
  assert(body.error === "login_required", `The 401 body has error ${JSON.stringify(body.error)}, expected "login_required"`, { ...details, pointer: "/error" });
  assert(typeof body.max_age === "number" && Number.isInteger(body.max_age), `The 401 body has max_age ${JSON.stringify(body.max_age)}, expected an integer`, { ...details, pointer: "/max_age" });
  assert(body.max_age === Number(headerMaxAge), `The body's max_age ${body.max_age} differs from the header's ${headerMaxAge}`, { ...details, pointer: "/max_age" });
});

check("AT-04", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const { res, body } = await presentVariant(ctx, agent, "future", REFERENCE_MAX_AGE);
  assertLoginRequired(res, body, "An ID-JAG with auth_time one year in the future");
});

check("AT-05", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const maxAge = await learnMaxAge(ctx, agent);
  const first = await freshIdJag(ctx);
  const bound = await present(agent, first.assertion);
  if (bound.res.status !== 200) notTestable(`binding with a fresh ID-JAG answered ${bound.res.status} (IDJ-02 judges it)`);
  const { res, body } = await presentVariant(ctx, agent, "stale", maxAge, first.subject);
  assertLoginRequired(res, body, `A stale ID-JAG (auth_time = now − ${maxAge} − 120 s) for an already-bound (iss, sub)`);
});

check("AT-06", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const maxAge = await learnMaxAge(ctx, agent);
  const { res, body } = await presentVariant(ctx, agent, "boundary", maxAge);
  const details = { expected: { status: 200, max_age: maxAge }, actual: summary(res) };
  assert(res.status === 200, `An ID-JAG with auth_time = now − ${maxAge} + 30 s, inside the advertised max_age ${maxAge}, answered ${res.status}${typeof body.error === "string" ? ` ${body.error}` : ""}, expected 200`, details);
});

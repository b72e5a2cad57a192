import fc from "fast-check";
import { runProperty } from "../../../src/fuzz/property.ts";
import type { HttpClient } from "../../../src/http/client.ts";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { blocked, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { providerClient } from "../../../src/suite/harness-clients.ts";
import { agentWith } from "../support/agent.ts";
import { asIssuer, mintSet, NO_PROVIDER_CAUSE, providerAudience } from "../support/id-jag.ts";
import { bodyOf, boundsFor, describeAnswer, newSubject, offers, oauthError, providerEmail, reportProperty, scopeSet } from "../support/fuzz-env.ts";

// What the mock provider sends, under fuzzing: the assertion of a SET-revoked registration
// (v0.7.md §9 SET-10, TOK-JWTB-06) and mutated SETs and ID-JAGs (§4, §9).

const UNKNOWN_EVENT = "https://events.example.org/unknown-event";

function needsProvider(ctx: CheckContext): void {
  if (!providerClient()) blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "SET and ID-JAG fuzzing needs the mock provider to mint tokens the target trusts" } });
  if (!offers(ctx, "identity_assertion")) skip("identity_assertion is not offered: no provider user can be bound");
}

/** A just-in-time provider user bound by a clean ID-JAG: its subject and the service's assertion. */
async function boundUser(ctx: CheckContext, agent: AgentV07, tag: string): Promise<{ subject: string; assertion: string; scopes: string[] }> {
  const subject = newSubject(tag);
  const provider = providerClient()!;
  const idJag = await provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject, email: providerEmail(subject), authTime: "fresh", maxAge: 3600 });
  const res = await agent.register({ type: "identity_assertion", assertion: idJag });
  const body = bodyOf(res);
  if (res.status !== 200 || typeof body.identity_assertion !== "string") notTestable(`a clean ID-JAG registration answered ${describeAnswer(res)} (IDJ-02 judges it)`);
  return { subject, assertion: body.identity_assertion as string, scopes: scopeSet(body.scopes) };
}

// --- FUZZ-REVOKED-01 ---------------------------------------------------------------------------

interface ReExchange {
  scope?: string;
  resource?: "issuer" | "target";
  repeat: number;
}

check("FUZZ-REVOKED-01", async (ctx) => {
  needsProvider(ctx);
  if (ctx.target.agentAuth?.events_endpoint === undefined) skip("agent_auth advertises no events_endpoint: no registration can be revoked by a SET");
  const agent = agentWith(ctx, "identity", "token", "events");
  const user = await boundUser(ctx, agent, "fuzz_revoked");
  const before = await agent.token.jwtBearer(user.assertion);
  if (before.status !== 200) notTestable(`the assertion did not mint before the revocation (${describeAnswer(before)}; TOK-JWTB-01 judges it)`);
  const delivered = await agent.deliverEvent(await mintSet(ctx, { subject: user.subject }));
  if (delivered.status < 200 || delivered.status >= 300) notTestable(`the revoked-event SET was refused (${describeAnswer(delivered)}; SET-01 judges it)`);
  const scopes = [...user.scopes, user.scopes.join(" ")].filter(Boolean);
  const reExchange: fc.Arbitrary<ReExchange> = fc.record(
    {
      scope: fc.constantFrom(...(scopes.length ? scopes : ["api.read"])),
      resource: fc.constantFrom("issuer" as const, "target" as const),
      repeat: fc.integer({ min: 1, max: 3 }),
    },
    { requiredKeys: ["repeat"] },
  );
  const outcome = await runProperty(
    ctx.http,
    reExchange,
    async (r, http: HttpClient) => {
      const a = new AgentV07(http, ctx.target);
      const resource = r.resource === "issuer" ? asIssuer(ctx) : r.resource === "target" ? ctx.target.url : undefined;
      for (let i = 0; i < r.repeat; i++) {
        const res = resource === undefined ? await a.token.jwtBearer(user.assertion, r.scope) : await a.token.form({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: user.assertion, ...(r.scope ? { scope: r.scope } : {}), resource });
        if (res.status === 200 && typeof bodyOf(res).access_token === "string") return `re-exchange ${i + 1} of the revoked registration's assertion minted an access_token (${describeAnswer(res)})`;
        if (res.status < 400 || res.status >= 500) return `re-exchange ${i + 1} answered ${describeAnswer(res)}; a revoked assertion is refused with 400 invalid_grant`;
      }
      return undefined;
    },
    boundsFor(ctx, 0.5),
    // The plain re-exchange first, whatever the run draws.
    [{ repeat: 1 }],
  );
  ctx.evidence("revokedWith", { set: describeAnswer(delivered) });
  reportProperty(ctx, outcome, {
    rule: "The assertion of a SET-revoked registration minted again",
    expected: "400 invalid_grant for every re-exchange after the revocation (SET-10, TOK-JWTB-06)",
  });
});

// --- FUZZ-MUTATE-01 ----------------------------------------------------------------------------

type Mutation =
  | { part: "signature"; byte: number; xor: number }
  | { part: "header"; name: "alg" | "kid" | "typ"; value: string }
  | { part: "claim"; name: string; value: unknown }
  | { part: "drop claim"; name: string };

const PAST = -3600;

/** Mutations every row makes MUST-refused (iat / exp removal and a SET's typ are SHOULDs: never sent). */
function mutations(token: "set" | "id-jag"): fc.Arbitrary<Mutation> {
  const signature = fc.record({ part: fc.constant("signature" as const), byte: fc.nat({ max: 511 }), xor: fc.integer({ min: 1, max: 255 }) });
  const headers: Mutation[] = [
    { part: "header", name: "alg", value: "none" },
    { part: "header", name: "alg", value: "HS256" },
    { part: "header", name: "kid", value: "unknown-kid" },
    ...(token === "id-jag" ? [{ part: "header" as const, name: "typ" as const, value: "JWT" }] : []),
  ];
  const claims: Mutation[] = [
    { part: "claim", name: "iss", value: "https://untrusted-provider.example" },
    { part: "claim", name: "aud", value: "https://other-service.example" },
    { part: "claim", name: "exp", value: PAST },
    { part: "drop claim", name: "iss" },
    { part: "drop claim", name: "aud" },
    ...(token === "set"
      ? [
          { part: "drop claim" as const, name: "events" },
          { part: "claim" as const, name: "events", value: {} },
          { part: "claim" as const, name: "events", value: "revoked" },
          { part: "claim" as const, name: "events", value: { [UNKNOWN_EVENT]: {} } },
        ]
      : [{ part: "claim" as const, name: "email_verified", value: false }]),
  ];
  return fc.oneof(signature, fc.constantFrom(...headers), fc.constantFrom(...claims));
}

/** One case of every mutation kind, run before the generated ones (coverage whatever `runs` is). */
function everyKind(token: "set" | "id-jag"): Mutation[] {
  return fc.sample(mutations(token), { seed: 1, numRuns: 200 }).filter((m, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(m) || (o.part === "signature" && m.part === "signature")) === i);
}

/** An unknown-event SET is valid (RFC 8417 §2.2: ignore unknown schemas): it may be accepted, never revoke. */
function mayBeAccepted(m: Mutation): boolean {
  return m.part === "claim" && m.name === "events" && typeof m.value === "object" && m.value !== null && Object.keys(m.value).length > 0;
}

function encode(part: unknown): string {
  return Buffer.from(JSON.stringify(part)).toString("base64url");
}

/** Apply a header or signature mutation to a signed compact JWS (claim mutations are minted signed). */
function mutateCompact(jws: string, m: Mutation): string {
  const [h, p, s] = jws.split(".") as [string, string, string];
  if (m.part === "signature") {
    const bytes = Buffer.from(s, "base64url");
    if (bytes.length === 0) return `${h}.${p}.${encode("x")}`;
    const at = m.byte % bytes.length;
    bytes[at] = bytes[at]! ^ m.xor;
    return `${h}.${p}.${bytes.toString("base64url")}`;
  }
  if (m.part === "header") {
    const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as Record<string, unknown>;
    header[m.name] = m.value;
    return `${encode(header)}.${p}.${m.name === "alg" && m.value === "none" ? "" : s}`;
  }
  return jws;
}

function claimOverrides(m: Mutation): { claims?: Record<string, unknown>; omitClaims?: string[] } {
  if (m.part === "claim") return { claims: { [m.name]: m.name === "exp" ? Math.floor(Date.now() / 1000) + PAST : m.value } };
  if (m.part === "drop claim") return { omitClaims: [m.name] };
  return {};
}

check("FUZZ-MUTATE-01", async (ctx) => {
  needsProvider(ctx);
  const events = ctx.target.agentAuth?.events_endpoint !== undefined;
  if (!events) ctx.note("SET mutations are left out: agent_auth advertises no events_endpoint.");
  const agent = agentWith(ctx, "identity", "token");
  const provider = providerClient()!;
  // The user a mutated SET names: it must keep working after every refused (or ignored) SET.
  const victim = events ? await boundUser(ctx, agent, "fuzz_mutate") : undefined;
  const arbitrary = fc.oneof(...(events ? [fc.record({ token: fc.constant("set" as const), mutation: mutations("set") })] : []), fc.record({ token: fc.constant("id-jag" as const), mutation: mutations("id-jag") }));
  const outcome = await runProperty(
    ctx.http,
    arbitrary,
    async ({ token, mutation }, http: HttpClient) => {
      const a = new AgentV07(http, ctx.target);
      if (token === "id-jag") {
        const subject = newSubject("fuzz_mut");
        const signed = await provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject, email: providerEmail(subject), authTime: "fresh", maxAge: 3600, ...claimOverrides(mutation) });
        const res = await a.register({ type: "identity_assertion", assertion: mutateCompact(signed, mutation) });
        return res.status === 200 || typeof bodyOf(res).identity_assertion === "string" ? `identity_endpoint accepted a mutated ID-JAG (${describeAnswer(res)})` : undefined;
      }
      const held = await a.token.jwtBearer(victim!.assertion);
      const live = bodyOf(held).access_token;
      if (held.status !== 200 || typeof live !== "string") return `before the mutated SET the victim's assertion no longer minted (${describeAnswer(held)}): an earlier mutated SET revoked it`;
      const signed = await mintSet(ctx, { subject: victim!.subject, ...claimOverrides(mutation) });
      const res = await a.deliverEvent(mutateCompact(signed, mutation));
      if (res.status >= 200 && res.status < 300 && !mayBeAccepted(mutation)) return `events_endpoint accepted a mutated SET (${describeAnswer(res)})`;
      const api = await a.api(live);
      if (api.status === 401) return `a ${res.status >= 400 ? "refused" : "ignored"} mutated SET (${describeAnswer(res)}) revoked the victim's access token (API ${api.status})`;
      const again = await a.token.jwtBearer(victim!.assertion);
      if (again.status !== 200) return `a ${res.status >= 400 ? "refused" : "ignored"} mutated SET (${describeAnswer(res)}) revoked the victim's registration (jwt-bearer ${describeAnswer(again)}, ${oauthError(again) ?? ""})`;
      return undefined;
    },
    boundsFor(ctx, 0.5),
    [...(events ? everyKind("set").map((mutation) => ({ token: "set" as const, mutation })) : []), ...everyKind("id-jag").map((mutation) => ({ token: "id-jag" as const, mutation }))],
  );
  reportProperty(ctx, outcome, {
    rule: "A mutated provider token was accepted or had an effect",
    expected: "every mutated SET and ID-JAG refused (an unknown-event SET may be accepted), and no mutated SET revokes anything",
    describe: ({ token, mutation }) => ({ token, mutation }),
  });
});

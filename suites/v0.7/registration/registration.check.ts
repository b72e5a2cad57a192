import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from "jose";
import { ID_JAG_TYP } from "../../../src/profiles/v0_7/vocabulary.ts";
import { assert, check, fail } from "../../../src/suite/index.ts";
import { agentWith, errorCode, isObject, registerAnonymous } from "../support/agent.ts";
import { asIssuer, freshIdJag } from "../support/id-jag.ts";

// POST identity_endpoint, common rules (v0.7.md §2).

/** Keys that would be an access credential in a registration response (v0.1 returned `credential`). */
const CREDENTIAL_KEYS = ["access_token", "credential", "api_key", "refresh_token", "credential_type"];

check("REG-01", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  for (const [label, body] of [
    ["an unknown type", { type: "magic_link" }],
    ["no type", {}],
  ] as const) {
    const res = await agent.register({ type: "raw", body });
    ctx.outcome(res.status === 200 ? "accepted" : errorCode(res) === "invalid_request" ? "refused" : "refused-other-code", label);
    assert(res.status === 400 && errorCode(res) === "invalid_request", `A registration with ${label} answered ${res.status} ${errorCode(res) ?? ""}, expected 400 invalid_request (AUTH.md v0.7 Step 3, Errors)`, {
      expected: { status: 400, error: "invalid_request" },
      actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) },
    });
  }
});

check("REG-02", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const found: string[] = [];
  const anonymous = await registerAnonymous(ctx, agent);
  found.push(...CREDENTIAL_KEYS.filter((k) => k in anonymous.body).map((k) => `anonymous: ${k}`));
  const types = Array.isArray(ctx.target.agentAuth?.identity_types_supported) ? (ctx.target.agentAuth.identity_types_supported as unknown[]) : [];
  if (types.includes("identity_assertion")) {
    const { assertion } = await freshIdJag(ctx);
    const res = await agent.register({ type: "identity_assertion", assertion });
    if (res.status === 200 && isObject(res.json)) found.push(...CREDENTIAL_KEYS.filter((k) => k in (res.json as object)).map((k) => `identity_assertion: ${k}`));
    else ctx.note(`The ID-JAG registration answered ${res.status}; only its 200 body is judged here`);
  }
  // service_auth is a ceremony: neither a credential nor, before the user confirms, an identity_assertion.
  const serviceAuth = await agent.register({ type: "service_auth", loginHint: `reg02-${Date.now()}@agents.example.org` });
  if (serviceAuth.status === 200 && isObject(serviceAuth.json)) {
    found.push(...[...CREDENTIAL_KEYS, "identity_assertion"].filter((k) => k in (serviceAuth.json as object)).map((k) => `service_auth: ${k}`));
  } else ctx.note(`The service_auth registration answered ${serviceAuth.status}; only its 200 body is judged here`);
  assert(found.length === 0, `A registration response carries an access credential (${found.join(", ")}); v0.7 registration returns only an identity_assertion (CL v0.2.0)`, {
    expected: "no access_token / credential / api_key in any 200 registration body",
    actual: found,
  });
});

check("REG-03", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  // What the field changes: compare with the same registration without it (an access credential
  // in both is REG-02's finding, not this rule's).
  const plain = await registerAnonymous(ctx, agent);
  const res = await agent.register({ type: "anonymous", extra: { requested_credential_type: "api_key" } });
  if (res.status === 400) {
    ctx.note(`requested_credential_type was rejected (400 ${errorCode(res) ?? ""}): allowed`);
    return;
  }
  assert(res.status === 200 && isObject(res.json), `An anonymous registration with requested_credential_type answered ${res.status}; expected 200 (field ignored) or 400`, { actual: { status: res.status } });
  const body = res.json as Record<string, unknown>;
  const added = Object.keys(body).filter((k) => !(k in plain.body));
  const switched = ["credential", "credential_type", "api_key", "access_token"].filter((k) => added.includes(k));
  assert(switched.length === 0 && typeof body.identity_assertion === "string", `requested_credential_type changed the response: it adds ${switched.join(", ") || "nothing but drops the identity_assertion"} (CL v0.2.0 removed the field)`, {
    expected: "the field ignored (the same response shape as without it) or a 400",
    actual: { withField: Object.keys(body), without: Object.keys(plain.body) },
  });
  ctx.note("requested_credential_type was ignored: allowed");
});

check("REG-04", async (ctx) => {
  const agent = agentWith(ctx, "identity", "jwks");
  const reg = await registerAnonymous(ctx, agent);
  const issuer = asIssuer(ctx);
  const jwksUrl = agent.endpoint("jwks")!;
  const jwksRes = await ctx.http.get(jwksUrl);
  // CHANGELOG v0.2.0: the service's key is "published at /.well-known/jwks.json". Without it no
  // one can verify what the service signs: the rule itself fails, it is not a missing prerequisite.
  if (jwksRes.status !== 200 || !isObject(jwksRes.json)) {
    fail(`The service publishes no JWKS at ${jwksUrl} (status ${jwksRes.status}), so its identity_assertion cannot be verified with the AS JWKS (CHANGELOG v0.2.0: "JWKS published at /.well-known/jwks.json")`, {
      document: jwksUrl,
      expected: "200 with a JWK Set",
      actual: jwksRes.status,
    });
  }
  const header = decodeProtectedHeader(reg.assertion);
  ctx.evidence("header", header);
  assert(header.typ === ID_JAG_TYP, `The identity_assertion's typ is ${JSON.stringify(header.typ ?? null)}, expected ${ID_JAG_TYP}`, { pointer: "/header/typ", expected: ID_JAG_TYP, actual: header.typ ?? null });
  // The JWKS fetched through the run's client above (its exchange is the evidence).
  const jwks = createLocalJWKSet(jwksRes.json as unknown as JSONWebKeySet);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(reg.assertion, jwks, { issuer: [issuer, `${issuer}/`], audience: [issuer, `${issuer}/`], clockTolerance: 60 }));
  } catch (err) {
    fail(`The identity_assertion does not verify against ${jwksUrl} with iss = aud = ${issuer}: ${(err as Error).message}`, { expected: { iss: issuer, aud: issuer }, actual: (err as Error).message });
  }
  ctx.evidence("claims", payload);
  const problems: string[] = [];
  if (payload.sub !== reg.registrationId) problems.push(`sub ${JSON.stringify(payload.sub)} is not the registration_id ${reg.registrationId}`);
  for (const claim of ["jti", "iat", "exp"]) if (payload[claim] === undefined) problems.push(`no ${claim}`);
  const expires = reg.body.assertion_expires;
  if (typeof payload.exp === "number" && expires !== undefined) {
    const stated = typeof expires === "number" ? expires : Date.parse(String(expires)) / 1000;
    if (!Number.isFinite(stated) || Math.abs(stated - payload.exp) > 1) problems.push(`assertion_expires ${JSON.stringify(expires)} does not match exp ${payload.exp}`);
  } else if (expires === undefined) problems.push("no assertion_expires in the response");
  assert(problems.length === 0, `The service-signed identity_assertion is not as S6 "Hosting…" step 7 describes: ${problems.join("; ")}`, { actual: problems });
});

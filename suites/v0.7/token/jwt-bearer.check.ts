import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, exchange, grantedScope, isObject, registerAnonymous, sameSet, strings } from "../support/agent.ts";
import { freshIdJag } from "../support/id-jag.ts";

// The jwt-bearer grant (v0.7.md §7.2, RFC 7523).

check("TOK-JWTB-01", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  const res = await agent.token.jwtBearer(reg.assertion);
  const body = isObject(res.json) ? res.json : {};
  const details = { expected: "200 {access_token, token_type: Bearer, expires_in, scope}", actual: { status: res.status, keys: Object.keys(body) } };
  assert(res.status === 200, `jwt-bearer with a fresh identity_assertion answered ${res.status}, expected 200`, details);
  const problems: string[] = [];
  if (typeof body.access_token !== "string") problems.push("no access_token");
  if (typeof body.token_type !== "string" || body.token_type.toLowerCase() !== "bearer") problems.push(`token_type is ${JSON.stringify(body.token_type ?? null)}`);
  if (typeof body.expires_in !== "number") problems.push("no numeric expires_in");
  if (typeof body.scope !== "string") problems.push("no scope");
  assert(problems.length === 0, `The jwt-bearer response is not as AUTH.md v0.7 Step 5 shows: ${problems.join("; ")}`, details);
});

check("TOK-JWTB-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  await exchange(agent, reg.assertion);
  const again = await agent.token.jwtBearer(reg.assertion);
  assert(again.status === 200, `A second exchange of the same identity_assertion answered ${again.status}; the assertion is re-usable until it expires (AUTH.md v0.7 Step 5)`, {
    expected: 200,
    actual: { status: again.status, body: again.json ?? again.text.slice(0, 200) },
  });
});

check("TOK-JWTB-05", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "claim");
  // The unclaimed state is ANON-02's observation; this row's test is ANON-03's (v0.7.md §7.2: "same
  // test as ANON-03"): the pending state, plus the full set for an ID-JAG registration.
  const reg = await registerAnonymous(ctx, agent);
  // Anonymous, pending_claim (a ceremony started, not confirmed) → still pre_claim_scopes.
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const claim = await agent.claim({ claimToken: reg.claimToken, loginHint: `pending-${reg.registrationId.slice(-8)}@agents.example.org` });
  if (claim.status !== 200) notTestable(`POST claim_endpoint with a login_hint answered ${claim.status}: no pending ceremony to test`);
  const pending = grantedScope(await exchange(agent, reg.assertion));
  assert(sameSet(pending, reg.preClaimScopes), `A pending_claim registration got "${pending.join(" ")}", expected pre_claim_scopes "${reg.preClaimScopes.join(" ")}" (CL v0.2.0 bug fix)`, { expected: reg.preClaimScopes, actual: pending });
  // identity_assertion (ID-JAG) registration → the full set it was granted.
  const types = strings(ctx.target.agentAuth?.identity_types_supported);
  if (!types.includes("identity_assertion")) {
    ctx.note("identity_assertion is not advertised: the full-scope half is not tested");
    return;
  }
  const { assertion } = await freshIdJag(ctx);
  const res = await agent.register({ type: "identity_assertion", assertion });
  if (res.status !== 200 || !isObject(res.json) || typeof res.json.identity_assertion !== "string") {
    notTestable(`a clean ID-JAG registration answered ${res.status} (the ID-JAG checks judge it): the full-scope half cannot be tested`);
  }
  const full = strings(res.json.scopes).length ? strings(res.json.scopes) : reg.postClaimScopes;
  const granted = grantedScope(await exchange(agent, res.json.identity_assertion as string));
  assert(sameSet(granted, full), `An ID-JAG registration got "${granted.join(" ")}", expected the full set "${full.join(" ")}"`, { expected: full, actual: granted });
});

check("TOK-JWTB-03", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  const [h, p, sig] = reg.assertion.split(".") as [string, string, string];
  // One character of the signature changed (still base64url): the signature no longer verifies.
  const tampered = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
  const cases: { label: string; assertion: string }[] = [{ label: "a tampered signature", assertion: tampered }];
  if (strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) {
    // A provider's ID-JAG is for /agent/identity, never for the token endpoint (S6 "JWT-bearer grant"
    // step 2: iss must be the AS), even for a user whose (iss, sub) is bound to a registration.
    const bound = await freshIdJag(ctx);
    const registered = await agent.register({ type: "identity_assertion", assertion: bound.assertion });
    if (registered.status !== 200) ctx.note(`binding the provider user answered ${registered.status}; the direct presentation is for an unbound user`);
    const { assertion } = await freshIdJag(ctx, { subject: bound.subject });
    cases.push({ label: "a provider ID-JAG presented directly", assertion });
  }
  for (const c of cases) {
    const res = await agent.token.jwtBearer(c.assertion);
    const body = isObject(res.json) ? res.json : {};
    ctx.outcome(res.status === 200 ? "accepted" : body.error === "invalid_grant" ? "refused" : "refused-other-code", c.label);
    assert(res.status === 400 && body.access_token === undefined, `jwt-bearer with ${c.label} answered ${res.status}, expected 400 (RFC 7523 §3.1)`, {
      expected: { status: 400, error: "invalid_grant" },
      actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) },
    });
    // The code: invalid_grant per RFC 7523 §3.1; a code outside RFC 6749/7523 is ERR-01's finding.
    if (body.error !== "invalid_grant") ctx.note(`${c.label}: refused with ${String(body.error)}, not invalid_grant (ERR-01 judges the vocabulary)`);
  }
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PATHS_V07 as P, REVOKED_EVENT } from "../../sample-service/v0_7/index.ts";
import { ALICE, BOB, decodeJwtPayload, Rig } from "./helpers.ts";

let rig: Rig;
beforeEach(async () => {
  rig = await Rig.start();
});
afterEach(async () => {
  await rig.close();
});

describe("v0.7 sample service: discovery", () => {
  it("serves auth.md, PRM, AS metadata with agent_auth, its JWKS, and a resource_metadata 401", async () => {
    const md = await rig.get(P.authMd);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    for (const heading of ["Step 1", "Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "## Errors", "## Revocation"]) expect(md.text).toContain(heading);
    const prm = await rig.get(P.prm);
    expect(prm.json.authorization_servers).toEqual([rig.url]);
    const as = await rig.get(P.asMetadata);
    expect(as.json.issuer).toBe(rig.url);
    expect(as.json.grant_types_supported).toEqual(["urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:workos:agent-auth:grant-type:claim"]);
    const aa = as.json.agent_auth as Record<string, unknown>;
    expect(aa.identity_endpoint).toBe(`${rig.url}${P.identity}`);
    expect(aa.events_endpoint).toBe(`${rig.url}${P.events}`);
    expect(aa.identity_assertion).toEqual({ assertion_types_supported: ["urn:ietf:params:oauth:token-type:id-jag"] });
    expect(aa.events_supported).toEqual([REVOKED_EVENT]);
    const jwks = await rig.get(P.jwks);
    expect((jwks.json.keys as unknown[]).length).toBe(1);
    const api = await rig.get(P.notes);
    expect(api.status).toBe(401);
    expect(api.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${rig.url}${P.prm}"`);
  });
});

describe("v0.7 sample service: anonymous → claim → confirm → poll → token → API → revoke", () => {
  it("walks the whole anonymous flow", async () => {
    const reg = await rig.registerAnonymous();
    expect(reg.status).toBe(200);
    expect(reg.json.registration_type).toBe("anonymous");
    expect(reg.json).not.toHaveProperty("access_token");
    const claimToken = String(reg.json.claim_token);
    const v1 = String(reg.json.identity_assertion);
    const v1Claims = decodeJwtPayload(v1);
    expect(v1Claims.sub).toBe(reg.json.registration_id);
    expect(v1Claims.iss).toBe(rig.url);

    const pre = await rig.exchange(v1);
    expect(pre.status).toBe(200);
    expect(pre.json.scope).toBe("api.read");
    expect(pre.headers.get("cache-control")).toBe("no-store");
    const preToken = String(pre.json.access_token);
    expect((await rig.api(preToken)).status).toBe(200);
    expect((await rig.api(preToken, "POST")).status).toBe(403);

    const claim = await rig.claimWithHint(claimToken, ALICE);
    expect(claim.status).toBe(200);
    expect(claim.json.status).toBe("initiated");
    const ceremony = claim.json.claim_attempt as Record<string, unknown>;
    expect(String(ceremony.user_code)).toMatch(/^[0-9]{6}$/);
    expect(decodeURIComponent(String(ceremony.verification_uri))).not.toContain(String(ceremony.user_code));
    // Pending: still the pre-claim cap, and the poll says pending.
    expect((await rig.exchange(v1)).json.scope).toBe("api.read");
    expect((await rig.poll(claimToken)).json.error).toBe("authorization_pending");
    expect((await rig.poll(claimToken, 0)).json.error).toBe("slow_down");

    expect(await rig.confirm(ceremony, ALICE)).toBe(200);
    const done = await rig.poll(claimToken, 20);
    expect(done.status).toBe(200);
    expect(done.json.scope).toBe("api.read api.write");
    const v2 = decodeJwtPayload(String(done.json.identity_assertion));
    expect(v2).toMatchObject({ sub: reg.json.registration_id, email: ALICE, email_verified: true });
    const fullToken = String(done.json.access_token);
    expect((await rig.api(fullToken, "POST")).status).toBe(201);
    expect((await rig.api(preToken)).status).toBe(401);
    expect((await rig.poll(claimToken, 20)).json.error).toBe("invalid_grant");
    // The v1 assertion is superseded; the v2 one mints full scope.
    expect((await rig.exchange(v1)).json.error).toBe("invalid_grant");
    expect((await rig.exchange(String(done.json.identity_assertion))).json.scope).toBe("api.read api.write");

    const revoked = await rig.postForm(P.revoke, { token: fullToken, token_type_hint: "access_token" });
    expect(revoked.status).toBe(200);
    expect((await rig.api(fullToken)).status).toBe(401);
    expect((await rig.postForm(P.revoke, { token: "at_unknown" })).status).toBe(200);
    expect((await rig.exchange(String(done.json.identity_assertion))).status).toBe(200);
  });

  it("refuses the wrong account on the page and on submit, a wrong code, and locks after the limit", async () => {
    const reg = await rig.registerAnonymous();
    const ceremony = (await rig.claimWithHint(String(reg.json.claim_token), ALICE)).json.claim_attempt as Record<string, unknown>;
    const bob = await rig.signIn(BOB);
    const page = await rig.openClaimPage(String(ceremony.verification_uri), bob);
    expect(page.status).toBe(403);
    expect((await rig.submitCode(page.attemptToken, String(ceremony.user_code), bob)).status).toBe(403);
    const alice = await rig.signIn(ALICE);
    const wrong = String((Number(ceremony.user_code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) expect((await rig.submitCode(page.attemptToken, wrong, alice)).status).toBe(401);
    expect((await rig.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status).toBe(429);
    expect((await rig.poll(String(reg.json.claim_token))).json.error).toBe("authorization_pending");
  });

  it("sends a visitor without a session to sign-in, keeps return_to same-origin, sets a HttpOnly SameSite=Lax cookie", async () => {
    const reg = await rig.registerAnonymous();
    const ceremony = (await rig.claimWithHint(String(reg.json.claim_token), ALICE)).json.claim_attempt as Record<string, unknown>;
    const returnTo = new URL(String(ceremony.verification_uri)).searchParams.get("return_to") ?? "";
    const anonymousVisit = await rig.get(returnTo);
    expect(anonymousVisit.status).toBe(302);
    expect(anonymousVisit.headers.get("location")).toMatch(/^\/login\?return_to=/);
    const login = await rig.postForm(P.login, { email: ALICE, return_to: "//evil.example/x" });
    expect(login.headers.get("location")).toBe("/");
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/);
    expect(login.headers.get("set-cookie")).toMatch(/SameSite=Lax/);
  });

  it("expires the user_code (expired_token, 410 on submit) and the claim window, and re-initiation supersedes", async () => {
    const reg = await rig.registerAnonymous();
    const claimToken = String(reg.json.claim_token);
    const first = (await rig.claimWithHint(claimToken, ALICE)).json.claim_attempt as Record<string, unknown>;
    const second = (await rig.claimWithHint(claimToken, BOB)).json.claim_attempt as Record<string, unknown>;
    const bob = await rig.signIn(BOB);
    const old = await call404(rig, String(first.verification_uri), bob);
    expect(old).toBe(404);
    const page = await rig.openClaimPage(String(second.verification_uri), bob);
    expect(page.status).toBe(200);
    rig.clock.advance(601);
    expect((await rig.poll(claimToken, 0)).json.error).toBe("expired_token");
    expect((await rig.submitCode(page.attemptToken, String(second.user_code), bob)).status).toBe(410);
    rig.clock.advance(86_400);
    expect((await rig.claimWithHint(claimToken, BOB)).status).toBe(410);
  });

  it("answers access_denied when the user refuses", async () => {
    const reg = await rig.registerAnonymous();
    const ceremony = (await rig.claimWithHint(String(reg.json.claim_token), ALICE)).json.claim_attempt as Record<string, unknown>;
    const alice = await rig.signIn(ALICE);
    const page = await rig.openClaimPage(String(ceremony.verification_uri), alice);
    expect((await rig.submitCode(page.attemptToken, "", alice, "deny")).status).toBe(200);
    expect((await rig.poll(String(reg.json.claim_token))).json.error).toBe("access_denied");
  });
});

async function call404(r: Rig, verificationUri: string, cookie: string): Promise<number> {
  return (await r.openClaimPage(verificationUri, cookie)).status;
}

describe("v0.7 sample service: ID-JAG registration", () => {
  it("clean JIT match, same registration_id on re-presentation, replay refused", async () => {
    const subject = `user_${Date.now()}`;
    const first = await rig.registerIdJag(await rig.idJag({ subject, email: "new.user@example.com" }));
    expect(first.status).toBe(200);
    expect(first.json.registration_type).toBe("identity_assertion");
    const jag = await rig.idJag({ subject, email: "new.user@example.com" });
    const again = await rig.registerIdJag(jag);
    expect(again.json.registration_id).toBe(first.json.registration_id);
    expect((await rig.registerIdJag(jag)).json.error).toBe("replay_detected");
    const token = await rig.exchange(String(again.json.identity_assertion));
    expect(token.json.scope).toBe("api.read api.write");
  });

  it("login_required with header and body max_age, for missing, stale and future auth_time", async () => {
    for (const authTime of [null, rig.clock.seconds() - 3600 - 120, rig.clock.seconds() + 365 * 86_400]) {
      const res = await rig.registerIdJag(await rig.idJag({ authTime }));
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: "login_required", max_age: 3600 });
      expect(res.headers.get("www-authenticate")).toMatch(/^AgentAuth error="login_required", .*max_age="3600"/);
    }
    expect((await rig.registerIdJag(await rig.idJag({ authTime: rig.clock.seconds() - 3600 + 30 }))).status).toBe(200);
  });

  it("records jti before the later checks: a rejected stale token cannot be replayed", async () => {
    const stale = await rig.idJag({ authTime: rig.clock.seconds() - 10_000 });
    expect((await rig.registerIdJag(stale)).status).toBe(401);
    expect((await rig.registerIdJag(stale)).json.error).toBe("replay_detected");
  });

  it("first-link step-up: 401 interaction_required, nothing mints, only the matched account confirms, then clean", async () => {
    const subject = `alice_${Date.now()}`;
    const res = await rig.registerIdJag(await rig.idJag({ subject, email: ALICE }));
    expect(res.status).toBe(401);
    expect(res.json.error).toBe("interaction_required");
    expect(res.json).not.toHaveProperty("identity_assertion");
    expect(res.headers.get("www-authenticate")).toMatch(/^AgentAuth error="interaction_required"/);
    const claimToken = String(res.json.claim_token);
    expect((await rig.poll(claimToken)).json.error).toBe("authorization_pending");
    const second = await rig.registerIdJag(await rig.idJag({ subject, email: ALICE }));
    expect(second.status).toBe(401);
    expect(second.json.registration_id).toBe(res.json.registration_id);
    const old = res.json.claim as Record<string, unknown>;
    const ceremony = second.json.claim as Record<string, unknown>;
    const alice = await rig.signIn(ALICE);
    expect((await rig.openClaimPage(String(old.verification_uri), alice)).status).toBe(404);
    expect(await rig.confirm(ceremony, BOB)).toBe(403);
    expect(await rig.confirm(ceremony, ALICE)).toBe(200);
    const done = await rig.poll(String(second.json.claim_token), 20);
    expect(done.status).toBe(200);
    expect(done.json.scope).toBe("api.read api.write");
    const clean = await rig.registerIdJag(await rig.idJag({ subject, email: ALICE }));
    expect(clean.status).toBe(200);
    expect(clean.json.registration_id).toBe(res.json.registration_id);
  });

  it("claims an anonymous registration with the v0.7 ID-JAG body (clean) and revokes the pre-claim tokens", async () => {
    const reg = await rig.registerAnonymous();
    const pre = String((await rig.exchange(String(reg.json.identity_assertion))).json.access_token);
    const res = await rig.claimWithIdJag(String(reg.json.claim_token), await rig.idJag({ email: "carol@example.com" }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ registration_id: reg.json.registration_id, registration_type: "identity_assertion", status: "claimed" });
    expect((await rig.api(pre)).status).toBe(401);
    expect((await rig.exchange(String(res.json.identity_assertion))).json.scope).toBe("api.read api.write");
    expect((await rig.poll(String(reg.json.claim_token))).status).toBe(200);
  });

  it("the ID-JAG body matching another existing account answers 200 initiated", async () => {
    const reg = await rig.registerAnonymous();
    const res = await rig.claimWithIdJag(String(reg.json.claim_token), await rig.idJag({ email: BOB }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "initiated", registration_type: "identity_assertion" });
    expect(await rig.confirm(res.json.claim_attempt as Record<string, unknown>, BOB)).toBe(200);
    expect((await rig.poll(String(reg.json.claim_token))).status).toBe(200);
  });
});

describe("v0.7 sample service: service_auth", () => {
  it("login_hint ceremony: no assertion until confirmed, invalid hints refused, full scope after", async () => {
    for (const hint of ["not-an-email", "", "a@b"]) expect((await rig.registerServiceAuth(hint)).json.error).toBe("invalid_login_hint");
    const res = await rig.registerServiceAuth(BOB);
    expect(res.status).toBe(200);
    expect(res.json).not.toHaveProperty("identity_assertion");
    const reinit = await rig.claimWithHint(String(res.json.claim_token), BOB);
    expect(reinit.status).toBe(200);
    expect(await rig.confirm(reinit.json.claim_attempt as Record<string, unknown>, BOB)).toBe(200);
    const done = await rig.poll(String(res.json.claim_token));
    expect(done.json.scope).toBe("api.read api.write");
    expect(decodeJwtPayload(String(done.json.identity_assertion)).email).toBe(BOB);
  });

  it("refuses unknown types, the removed verified_email type, and unknown claim tokens", async () => {
    expect((await rig.postJson(P.identity, { type: "magic" })).json.error).toBe("invalid_request");
    expect((await rig.postJson(P.identity, { type: "identity_assertion", assertion_type: "verified_email", assertion: ALICE })).status).toBe(400);
    expect((await rig.claimWithHint("clm_nope", ALICE)).json.error).toBe("invalid_claim_token");
    expect((await rig.postJson(P.claim, { claim_token: "clm_nope", login_hint: ALICE })).json.error).toBe("invalid_request");
  });
});

describe("v0.7 sample service: Security Event Tokens", () => {
  it("a revoked event kills the tokens and the registration's ability to mint; a fresh ID-JAG re-establishes", async () => {
    const subject = `jit_${Date.now()}`;
    const reg = await rig.registerIdJag(await rig.idJag({ subject, email: "dave@example.com" }));
    const token = String((await rig.exchange(String(reg.json.identity_assertion))).json.access_token);
    const accepted = await rig.deliverSet(await rig.set(subject));
    expect(accepted.status).toBe(202);
    expect(accepted.text).toBe("");
    expect((await rig.api(token)).status).toBe(401);
    expect((await rig.exchange(String(reg.json.identity_assertion))).json.error).toBe("invalid_grant");
    const revived = await rig.registerIdJag(await rig.idJag({ subject, email: "dave@example.com" }));
    expect(revived.status).toBe(200);
  });

  it("a SET during a pending step-up kills its ceremony; a fresh ID-JAG for an existing account asks again", async () => {
    const subject = `alice_${Date.now()}`;
    const stepUp = await rig.registerIdJag(await rig.idJag({ subject, email: ALICE }));
    expect(stepUp.status).toBe(401);
    expect((await rig.deliverSet(await rig.set(subject))).status).toBe(202);
    expect((await rig.poll(String(stepUp.json.claim_token))).json.error).toBe("invalid_grant");
    const alice = await rig.signIn(ALICE);
    expect((await rig.openClaimPage(String((stepUp.json.claim as Record<string, unknown>).verification_uri), alice)).status).toBe(404);
    const again = await rig.registerIdJag(await rig.idJag({ subject, email: ALICE }));
    expect(again.status).toBe(401);
    expect(again.json.error).toBe("interaction_required");
    expect((await rig.poll(String(again.json.claim_token))).json.error).toBe("authorization_pending");
    expect(await rig.confirm(again.json.claim as Record<string, unknown>, ALICE)).toBe(200);
    expect((await rig.poll(String(again.json.claim_token))).status).toBe(200);
  });

  it("answers RFC 8935 errors and ignores unknown events", async () => {
    const subject = `jit_${Date.now()}`;
    const reg = await rig.registerIdJag(await rig.idJag({ subject, email: "erin@example.com" }));
    const token = String((await rig.exchange(String(reg.json.identity_assertion))).json.access_token);
    expect((await rig.deliverSet(await rig.set(subject, { events: { "https://example.com/other": {} } }))).status).toBe(202);
    expect((await rig.api(token)).status).toBe(200);
    const noEvents = await rig.deliverSet(await rig.set(subject, { events: null }));
    expect(noEvents.json).toMatchObject({ err: "invalid_request" });
    expect((await rig.deliverSet(await rig.set(subject, { claims: { aud: "https://other.example" } }))).json.err).toBe("invalid_audience");
    expect((await rig.deliverSet(await rig.set(subject), "application/json")).json.err).toBe("invalid_request");
    expect((await rig.deliverSet(await rig.set(subject, { typ: "logout+jwt" }))).json.err).toBe("invalid_request");
    const once = await rig.set(subject, { events: { "https://example.com/other": {} } });
    expect((await rig.deliverSet(once)).status).toBe(202);
    expect((await rig.deliverSet(once)).json.err).toBe("invalid_request");
    expect((await rig.api(token)).status).toBe(200);
  });
});

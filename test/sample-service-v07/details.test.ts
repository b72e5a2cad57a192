import { afterEach, describe, expect, it } from "vitest";
import { SampleServiceError } from "../../sample-service/errors.ts";
import { JWT_BEARER_GRANT, PATHS_V07 as P, startSampleServiceV07 } from "../../sample-service/v0_7/index.ts";
import { ALICE, BOB, attemptTokenOf, Rig } from "./helpers.ts";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("v0.7 sample service: options", () => {
  it("refuses unknown fault names and bad lifetimes with a code and the field", async () => {
    await expect(startSampleServiceV07({ faults: ["no-such-fault"] })).rejects.toMatchObject({ code: "unknown_fault", field: "faults" });
    await expect(startSampleServiceV07({ userCodeTtlSeconds: 601 })).rejects.toBeInstanceOf(SampleServiceError);
    await expect(startSampleServiceV07({ pollIntervalSeconds: 0 })).rejects.toMatchObject({ field: "pollIntervalSeconds" });
  });

  it("uses the configured lifetimes, accounts and cookie flags", async () => {
    rig = await Rig.start({ userCodeTtlSeconds: 30, pollIntervalSeconds: 2, accessTokenTtlSeconds: 10, accounts: ["carol@corp.example"], secureCookies: true, signInUnknownEmails: false });
    const reg = await rig.registerAnonymous();
    const claim = await rig.claimWithHint(String(reg.json.claim_token), "carol@corp.example");
    expect(claim.json.claim_attempt).toMatchObject({ expires_in: 30, interval: 2 });
    expect((await rig.exchange(String(reg.json.identity_assertion))).json.expires_in).toBe(10);
    const login = await rig.postForm(P.login, { email: "carol@corp.example", return_to: "/" });
    expect(login.headers.get("set-cookie")).toMatch(/; Secure/);
    expect((await rig.postForm(P.login, { email: "nobody@corp.example", return_to: "/" })).status).toBe(403);
    // Alice is not seeded here: her ID-JAG is a clean just-in-time match.
    expect((await rig.registerIdJag(await rig.idJag({ email: ALICE }))).status).toBe(200);
  });

  it("rate-limits registrations per address when configured (429 rate_limited, Retry-After)", async () => {
    rig = await Rig.start({ registrationsPerMinute: 2 });
    expect((await rig.registerAnonymous()).status).toBe(200);
    expect((await rig.registerServiceAuth(BOB)).status).toBe(200);
    const limited = await rig.registerAnonymous();
    expect(limited.status).toBe(429);
    expect(limited.json.error).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    rig.clock.advance(60);
    expect((await rig.registerAnonymous()).status).toBe(200);
  });

  it("answers anonymous_not_enabled and service_auth_not_enabled when opted out", async () => {
    rig = await Rig.start({ anonymousEnabled: false, serviceAuthEnabled: false });
    expect((await rig.registerAnonymous()).json.error).toBe("anonymous_not_enabled");
    expect((await rig.registerServiceAuth(BOB)).json.error).toBe("service_auth_not_enabled");
  });
});

describe("v0.7 sample service: protocol details", () => {
  it("token endpoint: form only, grant dispatch, resource, no-store on errors too", async () => {
    rig = await Rig.start();
    const reg = await rig.registerAnonymous();
    const json = await rig.postJson(P.token, { grant_type: JWT_BEARER_GRANT, assertion: reg.json.identity_assertion });
    expect(json.status).toBe(400);
    expect(json.json.error).toBe("invalid_request");
    expect((await rig.postForm(P.token, {})).json.error).toBe("unsupported_grant_type");
    const bad = await rig.postForm(P.token, { grant_type: JWT_BEARER_GRANT, assertion: String(reg.json.identity_assertion), resource: "https://elsewhere.example/" });
    expect(bad.json.error).toBe("invalid_target");
    expect(bad.headers.get("cache-control")).toBe("no-store");
    const ok = await rig.postForm(P.token, { grant_type: JWT_BEARER_GRANT, assertion: String(reg.json.identity_assertion), resource: `${rig.url}/` });
    expect(ok.status).toBe(200);
    expect(ok.json).not.toHaveProperty("refresh_token");
    expect(ok.headers.get("pragma")).toBe("no-cache");
    // A provider ID-JAG is not an identity_assertion of this service.
    expect((await rig.exchange(await rig.idJag())).json.error).toBe("invalid_grant");
    expect((await rig.postForm(P.revoke, { token: String(ok.json.access_token), token_type_hint: "refresh_token" })).status).toBe(200);
  });

  it("auth_time freshness applies to a bound (iss, sub) too", async () => {
    rig = await Rig.start();
    const subject = "bound_subject";
    expect((await rig.registerIdJag(await rig.idJag({ subject, email: "bound@example.com" }))).status).toBe(200);
    expect((await rig.registerIdJag(await rig.idJag({ subject, email: "bound@example.com", authTime: rig.clock.seconds() - 7200 }))).status).toBe(401);
  });

  it("a step-up can be re-initiated at /claim, but only for the matched account", async () => {
    rig = await Rig.start();
    const stepUp = await rig.registerIdJag(await rig.idJag({ email: ALICE }));
    const claimToken = String(stepUp.json.claim_token);
    expect((await rig.claimWithHint(claimToken, BOB)).json.error).toBe("invalid_login_hint");
    const again = await rig.claimWithHint(claimToken, ALICE);
    expect(again.status).toBe(200);
    expect(await rig.confirm(again.json.claim_attempt as Record<string, unknown>, ALICE)).toBe(200);
    expect((await rig.poll(claimToken)).status).toBe(200);
    expect((await rig.claimWithHint(claimToken, ALICE)).json.error).toBe("claimed_or_in_flight");
  });

  it("the claim page: code form with the hidden attempt token, 404 unknown, Already claimed, 409 on a second submit", async () => {
    rig = await Rig.start();
    const reg = await rig.registerAnonymous();
    const ceremony = (await rig.claimWithHint(String(reg.json.claim_token), ALICE)).json.claim_attempt as Record<string, unknown>;
    const alice = await rig.signIn(ALICE);
    const page = await rig.openClaimPage(String(ceremony.verification_uri), alice);
    expect(page.attemptToken).toBe(attemptTokenOf(String(ceremony.verification_uri)));
    expect(page.text).toContain(`name="claim_attempt_token" value="${page.attemptToken}"`);
    expect(page.text).toContain('name="user_code"');
    expect(page.text).toContain('pattern="[0-9]{6}"');
    expect((await rig.get(`${P.claimPage}?claim_attempt_token=cvt_unknown`, { Cookie: alice })).status).toBe(404);
    expect((await rig.submitCode("cvt_unknown", "123456", alice)).status).toBe(404);
    expect((await rig.submitCode(page.attemptToken, "12345", alice)).status).toBe(400);
    expect((await rig.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status).toBe(200);
    expect((await rig.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status).toBe(409);
    const again = await rig.openClaimPage(String(ceremony.verification_uri), alice);
    expect(again.status).toBe(200);
    expect(again.text).toContain("Already claimed");
  });

  it("verification_uri goes through /login with a same-origin return_to and never holds the user_code", async () => {
    rig = await Rig.start();
    for (let i = 0; i < 20; i++) {
      const reg = await rig.registerAnonymous();
      const ceremony = (await rig.claimWithHint(String(reg.json.claim_token), ALICE)).json.claim_attempt as Record<string, unknown>;
      const uri = new URL(String(ceremony.verification_uri));
      expect(uri.pathname).toBe(P.login);
      expect(uri.searchParams.get("return_to")).toMatch(/^\/claim\?claim_attempt_token=cvt_/);
      expect(decodeURIComponent(uri.toString())).not.toMatch(/\d{6}/u);
    }
  });
});

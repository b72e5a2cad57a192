import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSampleService } from "../../sample-service/index.ts";
import type { RunningSampleService } from "../../sample-service/index.ts";
import { bearer, call, postJson, startSmtpSink } from "./helpers.ts";
import type { SmtpSink } from "./helpers.ts";

const tokenOf = (link: string): string => new URL(link).searchParams.get("token") ?? "";

describe("anonymous registration and claim ceremony", () => {
  let service: RunningSampleService;
  let smtp: SmtpSink;
  let U: string;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    service = await startSampleService({ smtp: { host: "127.0.0.1", port: smtp.port }, otpMaxAttempts: 3 });
    U = service.url;
  });
  afterAll(async () => {
    await service.close();
    await smtp.close();
  });

  const register = () => postJson(`${U}/agent/auth`, { type: "anonymous", requested_credential_type: "api_key" });
  const challenge = (link: string) => postJson(`${U}/agent/auth/claim/attempt/challenge`, { claim_attempt_token: tokenOf(link) });

  it("runs register → read → 403 write → claim → mail → challenge → complete → write", async () => {
    const reg = await register();
    expect(reg.status).toBe(200);
    expect(reg.headers.get("cache-control")).toBe("no-store");
    expect(reg.headers.get("pragma")).toBe("no-cache");
    const body = reg.json;
    expect(body).toMatchObject({
      registration_type: "anonymous",
      credential_type: "api_key",
      credential_expires: null,
      scopes: ["api.read"],
      claim_url: `${U}/agent/auth/claim`,
      post_claim_scopes: ["api.read", "api.write"],
    });
    expect(body.registration_id).toMatch(/^reg_/);
    expect(body.credential).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
    expect(body.claim_token).toMatch(/^clm_[0-9A-Za-z]{32}$/);
    expect(Date.parse(body.claim_token_expires as string)).toBeGreaterThan(Date.now());
    const key = body.credential as string;
    const claimToken = body.claim_token as string;

    expect((await call(`${U}/api/notes`, { headers: bearer(key) })).status).toBe(200);
    const write = await postJson(`${U}/api/notes`, { text: "hi" }, bearer(key));
    expect(write.status).toBe(403);
    expect(write.json.error).toBe("insufficient_scope");
    expect(write.headers.get("www-authenticate")).toBe(
      `Bearer error="insufficient_scope", scope="api.write", resource_metadata="${U}/.well-known/oauth-protected-resource"`,
    );

    const mailsBefore = service.outbox.length;
    const claim = await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "owner@example.test" });
    expect(claim.status).toBe(200);
    expect(claim.json).toMatchObject({ registration_id: body.registration_id, status: "initiated" });
    expect(claim.json.claim_attempt_id).toMatch(/^cla_/);
    expect(claim.json.claim_attempt_id).not.toBe(body.registration_id);
    expect(service.outbox.length).toBe(mailsBefore + 1);
    const mail = service.outbox.at(-1)!;
    expect(mail.to).toBe("owner@example.test");
    expect(mail.link).toMatch(new RegExp(`^${U}/agent/auth/claim/view\\?token=cat_[0-9A-Za-z]{32}$`));
    expect(mail.text).toContain(mail.link);
    // Delivered over real SMTP too.
    expect(smtp.messages.at(-1)?.to).toEqual(["owner@example.test"]);
    expect(smtp.messages.at(-1)?.raw).toContain(tokenOf(mail.link));
    // The agent never sees the attempt token.
    expect(claim.text).not.toContain(tokenOf(mail.link));
    // Scopes do not change at /claim.
    expect((await postJson(`${U}/api/notes`, { text: "hi" }, bearer(key))).status).toBe(403);

    // Same email while live: same attempt, no new mail.
    const again = await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "owner@example.test" });
    expect(again.json.claim_attempt_id).toBe(claim.json.claim_attempt_id);
    expect(service.outbox.length).toBe(mailsBefore + 1);

    // GETting the link mints nothing: completing right after says no OTP exists.
    const page = await call(mail.link);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain("/agent/auth/claim/attempt/challenge");
    await call(mail.link);
    const early = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp: "000000" });
    expect([early.status, early.json.error]).toEqual([400, "otp_not_generated"]);

    const first = await challenge(mail.link);
    expect(first.status).toBe(200);
    expect(first.json.type).toBe("otp");
    expect(first.json.challenge).toMatch(/^\d{6}$/);
    expect(Date.parse(first.json.expires_at as string)).toBeGreaterThan(Date.now());
    // A new challenge rotates the code: the first one no longer works.
    const second = await challenge(mail.link);
    const otp = second.json.challenge as string;
    if (first.json.challenge !== otp) {
      const stale = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp: first.json.challenge });
      expect([stale.status, stale.json.error]).toEqual([401, "otp_invalid"]);
    }

    const wrongOtp = otp === "999999" ? "999998" : "999999";
    const wrong = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp: wrongOtp });
    expect([wrong.status, wrong.json.error]).toEqual([401, "otp_invalid"]);
    const malformed = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp: ` ${otp}` });
    expect([malformed.status, malformed.json.error]).toEqual([400, "invalid_request"]);
    const unknown = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: "clm_unknown", otp });
    expect([unknown.status, unknown.json.error]).toEqual([401, "invalid_claim_token"]);
    expect(unknown.headers.get("www-authenticate")).toContain("resource_metadata=");

    const done = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ registration_id: body.registration_id, status: "claimed" });
    expect(done.headers.get("cache-control")).toBe("no-store");

    const written = await postJson(`${U}/api/notes`, { text: "hello" }, bearer(key));
    expect(written.status).toBe(201);
    const listed = await call(`${U}/api/notes`, { headers: bearer(key) });
    expect((listed.json.notes as Array<{ text: string }>).map((n) => n.text)).toEqual(["hello"]);

    const reuse = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp });
    expect([reuse.status, reuse.json.error]).toEqual([409, "previously_claimed"]);
    const reclaim = await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "owner@example.test" });
    expect([reclaim.status, reclaim.json.error]).toEqual([409, "claimed_or_in_flight"]);
    const lateChallenge = await challenge(mail.link);
    expect([lateChallenge.status, lateChallenge.json.error]).toEqual([409, "claim_completed"]);
  });

  it("supersedes the old link when another email starts a new attempt", async () => {
    const reg = await register();
    const claimToken = reg.json.claim_token as string;
    const a = await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "a@example.test" });
    const linkA = service.outbox.at(-1)!.link;
    const b = await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "b@example.test" });
    const linkB = service.outbox.at(-1)!.link;
    expect(b.json.claim_attempt_id).not.toBe(a.json.claim_attempt_id);
    expect(linkB).not.toBe(linkA);
    const old = await challenge(linkA);
    expect([old.status, old.json.error]).toEqual([410, "claim_superseded"]);
    expect((await challenge(linkB)).status).toBe(200);
    const bogus = await postJson(`${U}/agent/auth/claim/attempt/challenge`, { claim_attempt_token: "cat_nope" });
    expect([bogus.status, bogus.json.error]).toEqual([410, "claim_superseded"]);
  });

  it("locks the attempt after otpMaxAttempts wrong codes, even for the right one", async () => {
    const reg = await register();
    const claimToken = reg.json.claim_token as string;
    await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "lock@example.test" });
    const otp = (await challenge(service.outbox.at(-1)!.link)).json.challenge as string;
    const wrongOtp = otp === "123456" ? "654321" : "123456";
    for (let i = 0; i < 3; i += 1) {
      expect((await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp: wrongOtp })).status).toBe(401);
    }
    const locked = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp });
    expect([locked.status, locked.json.error]).toEqual([429, "otp_attempts_exceeded"]);
  });

  it("verified_email: mails at registration, no credential until complete, then a working credential", async () => {
    const mailsBefore = service.outbox.length;
    const reg = await postJson(`${U}/agent/auth`, {
      type: "identity_assertion",
      assertion_type: "verified_email",
      assertion: "eve@example.test",
      requested_credential_type: "access_token",
    });
    expect(reg.status).toBe(200);
    expect(reg.json).toMatchObject({ registration_type: "email-verification", claim_url: `${U}/agent/auth/claim`, post_claim_scopes: ["api.read", "api.write"] });
    expect(reg.json).not.toHaveProperty("credential");
    expect(service.outbox.length).toBe(mailsBefore + 1);
    const mail = service.outbox.at(-1)!;
    expect(mail.to).toBe("eve@example.test");
    const claimToken = reg.json.claim_token as string;

    const viaClaim = await postJson(`${U}/agent/auth/claim`, { claim_token: claimToken, email: "eve@example.test" });
    expect([viaClaim.status, viaClaim.json.error]).toEqual([409, "claimed_or_in_flight"]);

    const otp = (await challenge(mail.link)).json.challenge as string;
    const done = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ registration_id: reg.json.registration_id, status: "claimed", credential_type: "access_token", scopes: ["api.read", "api.write"] });
    expect(Date.parse(done.json.credential_expires as string)).toBeGreaterThan(Date.now());
    const token = done.json.credential as string;
    expect((await postJson(`${U}/api/notes`, { text: "from email flow" }, bearer(token))).status).toBe(201);
    expect((await postJson(`${U}/agent/auth/claim/complete`, { claim_token: claimToken, otp })).status).toBe(409);
  });
});

describe("mail delivery failure", () => {
  it("answers 503 and stores nothing when the SMTP server is unreachable", async () => {
    const sink = await startSmtpSink();
    const deadPort = sink.port;
    await sink.close();
    const service = await startSampleService({ smtp: { host: "127.0.0.1", port: deadPort } });
    try {
      const reg = await postJson(`${service.url}/agent/auth`, { type: "identity_assertion", assertion_type: "verified_email", assertion: "f@example.test", requested_credential_type: "api_key" });
      expect([reg.status, reg.json.error]).toEqual([503, "temporarily_unavailable"]);
      expect(reg.json).not.toHaveProperty("claim_token");
      expect(service.outbox.length).toBe(0);
    } finally {
      await service.close();
    }
  });
});

describe("expiry with zero TTLs (no waiting)", () => {
  it("an expired claim answers claim_expired and its unclaimed key stops working", async () => {
    const service = await startSampleService({ claimTtlSeconds: 0 });
    try {
      const reg = await postJson(`${service.url}/agent/auth`, { type: "anonymous", requested_credential_type: "api_key" });
      expect(reg.status).toBe(200);
      const claim = await postJson(`${service.url}/agent/auth/claim`, { claim_token: reg.json.claim_token, email: "x@example.test" });
      expect([claim.status, claim.json.error]).toEqual([410, "claim_expired"]);
      expect((await call(`${service.url}/api/notes`, { headers: bearer(reg.json.credential as string) })).status).toBe(401);
    } finally {
      await service.close();
    }
  });

  it("an expired OTP answers otp_expired", async () => {
    const service = await startSampleService({ otpTtlSeconds: 0 });
    const U = service.url;
    try {
      const reg = await postJson(`${U}/agent/auth`, { type: "identity_assertion", assertion_type: "verified_email", assertion: "t@example.test", requested_credential_type: "access_token" });
      const link = service.outbox.at(-1)!.link;
      const otp = (await postJson(`${U}/agent/auth/claim/attempt/challenge`, { claim_attempt_token: tokenOf(link) })).json.challenge;
      const late = await postJson(`${U}/agent/auth/claim/complete`, { claim_token: reg.json.claim_token, otp });
      expect([late.status, late.json.error]).toEqual([410, "otp_expired"]);
    } finally {
      await service.close();
    }
  });
});

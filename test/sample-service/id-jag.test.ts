import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSampleService } from "../../sample-service/index.ts";
import type { RunningSampleService } from "../../sample-service/index.ts";
import { bearer, call, ID_JAG_TYPE, mintIdJag, mintLogoutToken, postJson, startProvider } from "./helpers.ts";
import type { TestProvider } from "./helpers.ts";

describe("ID-JAG registration and logout-token revocation", () => {
  let provider: TestProvider;
  let untrusted: TestProvider;
  let service: RunningSampleService;
  let U: string;
  beforeAll(async () => {
    provider = await startProvider();
    untrusted = await startProvider();
    service = await startSampleService({ trustedIssuers: [provider.issuer] });
    U = service.url;
  });
  afterAll(async () => {
    await service.close();
    await provider.close();
    await untrusted.close();
  });

  const register = (assertion: string, requested = "access_token") =>
    postJson(`${U}/agent/auth`, { type: "identity_assertion", assertion_type: ID_JAG_TYPE, assertion, requested_credential_type: requested });
  const revoke = (token: string, contentType = "application/logout+jwt") =>
    call(`${U}/agent/auth/revoke`, { method: "POST", headers: { "Content-Type": contentType }, body: token });

  it("issues an access token (no refresh token) and an api_key for a valid ID-JAG", async () => {
    const r = await register(await mintIdJag(provider, U));
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.json).toMatchObject({ registration_type: "agent-provider", credential_type: "access_token", scopes: ["api.read", "api.write"] });
    expect(r.json).not.toHaveProperty("refresh_token");
    expect(Date.parse(r.json.credential_expires as string)).toBeGreaterThan(Date.now());
    expect((await postJson(`${U}/api/notes`, { text: "x" }, bearer(r.json.credential as string))).status).toBe(201);

    const key = await register(await mintIdJag(provider, U, {}, { typ: "application/OAUTH-ID-JAG+JWT" }), "api_key");
    expect(key.status).toBe(200);
    expect(key.json).toMatchObject({ credential_type: "api_key", credential_expires: null });
    const single = await register(await mintIdJag(provider, U, { aud: [U] }));
    expect(single.status).toBe(200);
  });

  it.each<[string, () => Promise<string>, string]>([
    ["wrong typ", () => mintIdJag(provider, U, {}, { typ: "JWT" }), "invalid_request"],
    ["untrusted issuer", () => mintIdJag(untrusted, U), "invalid_issuer"],
    ["aud with a trailing slash", () => mintIdJag(provider, `${U}/`), "invalid_audience"],
    ["aud array with two members", () => mintIdJag(provider, U, { aud: [U, "https://other.test"] }), "invalid_audience"],
    ["expired", () => mintIdJag(provider, U, { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 120 }), "expired"],
    ["exp missing", () => mintIdJag(provider, U, { exp: undefined }), "invalid_request"],
    ["exp as a string", () => mintIdJag(provider, U, { exp: "9999999999" }), "invalid_request"],
    ["iat in the future", () => mintIdJag(provider, U, { iat: Math.floor(Date.now() / 1000) + 300, exp: Math.floor(Date.now() / 1000) + 400 }), "invalid_request"],
    ["jti missing", () => mintIdJag(provider, U, { jti: undefined }), "invalid_request"],
    ["sub empty", () => mintIdJag(provider, U, { sub: "" }), "invalid_request"],
    ["opaque client_id", () => mintIdJag(provider, U, { client_id: "agent-123" }), "invalid_client_id"],
    ["email_verified as a string", () => mintIdJag(provider, U, { email_verified: "true" }), "missing_verified_email"],
    ["signed by another key", async () => (await mintIdJag(untrusted, U, { iss: provider.issuer, client_id: provider.issuer })), "invalid_signature"],
    ["jwk header", () => mintIdJag(provider, U, {}, { jwk: { kty: "EC", crv: "P-256", x: "AA", y: "AA" } }), "invalid_signature"],
  ])("rejects %s with 400 %s", async (_label, mint, code) => {
    const r = await register(await mint());
    expect(r.status).toBe(400);
    expect(r.json.error).toBe(code);
  });

  it("rejects alg none and HS256 before any key lookup", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: provider.issuer, sub: "u", aud: U, client_id: provider.issuer, jti: "n1", iat: now, exp: now + 60, email: "a@b.test", email_verified: true };
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const none = `${encode({ alg: "none", typ: "oauth-id-jag+jwt" })}.${encode(claims)}.`;
    expect((await register(none)).json.error).toBe("invalid_signature");
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "oauth-id-jag+jwt" }).sign(new TextEncoder().encode("k".repeat(32)));
    expect((await register(hs)).json.error).toBe("invalid_signature");
  });

  it("detects a replayed ID-JAG", async () => {
    const assertion = await mintIdJag(provider, U);
    expect((await register(assertion)).status).toBe(200);
    const again = await register(assertion);
    expect([again.status, again.json.error]).toEqual([400, "replay_detected"]);
  });

  it("a logout token revokes every credential for (iss, sub, aud) and cannot be replayed", async () => {
    const a = await register(await mintIdJag(provider, U, { sub: "carol" }));
    const b = await register(await mintIdJag(provider, U, { sub: "carol" }), "api_key");
    const other = await register(await mintIdJag(provider, U, { sub: "dave" }));
    for (const r of [a, b, other]) expect((await call(`${U}/api/notes`, { headers: bearer(r.json.credential as string) })).status).toBe(200);

    const logout = await mintLogoutToken(provider, U, { sub: "carol" });
    const ok = await revoke(logout);
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({});
    expect(ok.headers.get("cache-control")).toBe("no-store");
    for (const r of [a, b]) {
      const after = await call(`${U}/api/notes`, { headers: bearer(r.json.credential as string) });
      expect(after.status).toBe(401);
      expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
    expect((await call(`${U}/api/notes`, { headers: bearer(other.json.credential as string) })).status).toBe(200);

    const replay = await revoke(logout);
    expect([replay.status, replay.json.error]).toEqual([400, "replay_detected"]);
  });

  it("accepts the form encoding and rejects malformed logout tokens", async () => {
    const form = await revoke(`logout_token=${await mintLogoutToken(provider, U, { sub: "nobody" })}`, "application/x-www-form-urlencoded");
    expect(form.status).toBe(200);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ events: undefined }, "invalid_request"],
      [{ events: { "https://example.test/other": {} } }, "invalid_request"],
      [{ nonce: "n" }, "invalid_request"],
      [{ iat: Math.floor(Date.now() / 1000) - 7200 }, "expired"],
      [{ aud: "https://other.test" }, "invalid_audience"],
    ];
    for (const [claims, code] of cases) {
      const r = await revoke(await mintLogoutToken(provider, U, claims));
      expect([r.status, r.json.error]).toEqual([400, code]);
    }
    const idJagAsLogout = await revoke(await mintIdJag(provider, U));
    expect([idJagAsLogout.status, idJagAsLogout.json.error]).toEqual([400, "invalid_request"]);
    expect((await revoke("x.y.z", "application/json")).status).toBe(415);
  });

  it("an access token past its lifetime answers 401", async () => {
    const shortLived = await startSampleService({ trustedIssuers: [provider.issuer], accessTokenTtlSeconds: 0 });
    try {
      const r = await postJson(`${shortLived.url}/agent/auth`, {
        type: "identity_assertion",
        assertion_type: ID_JAG_TYPE,
        assertion: await mintIdJag(provider, shortLived.url),
        requested_credential_type: "access_token",
      });
      expect(r.status).toBe(200);
      expect((await call(`${shortLived.url}/api/notes`, { headers: bearer(r.json.credential as string) })).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });
});

import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockProviderClient, REVOKED_EVENT_SCHEMA, startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider } from "../../mock-provider/index.ts";

const AUDIENCE = "https://auth.service.test";

let provider: RunningMockProvider;
let client: MockProviderClient;
beforeAll(async () => {
  provider = await startMockProvider();
  client = new MockProviderClient(provider.controlUrl ?? "", provider.controlToken ?? "");
});
afterAll(async () => {
  await provider?.close();
});

describe("control API: v0.7 tokens", () => {
  it("mints a SET over HTTP that verifies against the JWKS", async () => {
    const token = await client.mintSet({ audience: AUDIENCE, subject: "user_ctl" });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(provider.jwksUri)), { typ: "secevent+jwt", issuer: provider.issuer, audience: AUDIENCE });
    expect(payload).toMatchObject({ sub: "user_ctl", events: { [REVOKED_EVENT_SCHEMA]: {} } });
  });

  it("mints an ID-JAG with an auth_time variant over HTTP", async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = decodeJwt(await client.mintIdJagAuthTime({ audience: AUDIENCE, authTime: "stale", maxAge: 3600, now }));
    expect(stale.auth_time).toBe(now - 3600 - 120);
    const absent = decodeJwt(await client.mintIdJagAuthTime({ audience: AUDIENCE, authTime: "absent", maxAge: 3600 }));
    expect("auth_time" in absent).toBe(false);
  });

  it("refuses bad input with 400 and the field", async () => {
    await expect(client.mintIdJagAuthTime({ audience: AUDIENCE, authTime: "someday" as "stale", maxAge: 3600 })).rejects.toMatchObject({ status: 400, code: "invalid_input", field: "authTime" });
    await expect(client.mintSet({ audience: AUDIENCE, subject: "" })).rejects.toMatchObject({ status: 400, field: "subject" });
  });

  it("lists and builds SET forge cases, passing the delivery Content-Type on", async () => {
    const cases = await client.cases("set");
    expect(cases.length).toBeGreaterThan(10);
    expect(cases.every((c) => c.token === "set" && c.secEvent !== undefined)).toBe(true);
    const json = await client.forge("set-json-content-type", { audience: AUDIENCE });
    expect(json.contentType).toBe("application/json");
    const baseline = await client.forge("set-baseline", { audience: AUDIENCE, subject: "user_b" });
    expect(baseline.contentType).toBeUndefined();
    expect(decodeJwt(baseline.tokens[0] ?? "").sub).toBe("user_b");
  });

  it("passes a v0.7 auth_time into forged ID-JAGs", async () => {
    const authTime = Math.floor(Date.now() / 1000) - 5;
    const built = await client.forge("baseline", { audience: AUDIENCE, authTime });
    expect(decodeJwt(built.tokens[0] ?? "").auth_time).toBe(authTime);
  });
});

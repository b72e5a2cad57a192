import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REVOKED_EVENT, startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider, SigningAlg } from "../../mock-provider/index.ts";

const AUDIENCE = "https://auth.service.test";

describe.each<SigningAlg>(["ES256", "RS256", "EdDSA"])("minting with %s", (alg) => {
  let provider: RunningMockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ alg, control: false });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("mints an ID-JAG that verifies against the served JWKS over HTTP", async () => {
    const token = await provider.minter.idJag({ audience: AUDIENCE, subject: "user_1", email: "jane@example.com" });
    const jwks = createRemoteJWKSet(new URL(provider.jwksUri));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      typ: "oauth-id-jag+jwt",
      issuer: provider.issuer,
      audience: AUDIENCE,
      algorithms: [alg],
    });
    expect(protectedHeader).toMatchObject({ typ: "oauth-id-jag+jwt", alg, kid: provider.keys.current().kid });
    expect(payload).toMatchObject({ sub: "user_1", client_id: provider.issuer, email: "jane@example.com", email_verified: true });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(typeof payload.jti).toBe("string");
    expect(provider.stats().jwksFetches).toBeGreaterThanOrEqual(1);
  });

  it("mints a logout token that verifies against the served JWKS over HTTP", async () => {
    const token = await provider.minter.logoutToken({ audience: AUDIENCE, subject: "user_1" });
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(provider.jwksUri)), {
      typ: "logout+jwt",
      issuer: provider.issuer,
      audience: AUDIENCE,
    });
    expect(protectedHeader.typ).toBe("logout+jwt");
    expect(payload).toMatchObject({ sub: "user_1", events: { [REVOKED_EVENT]: {} } });
    expect(payload.exp! - payload.iat!).toBe(120);
  });
});

describe("mint inputs", () => {
  let provider: RunningMockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ control: false });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("applies claim and header overrides; undefined and omit* delete", () => {
    const parts = provider.minter.idJagParts({
      audience: AUDIENCE,
      now: 1_000,
      lifetimeSeconds: 60,
      claims: { amr: ["mfa"], email_verified: undefined },
      omitClaims: ["jti"],
      header: { kid: undefined, cty: "x" },
      omitHeader: ["typ"],
    });
    expect(parts.claims).toMatchObject({ iat: 1_000, exp: 1_060, amr: ["mfa"] });
    expect(parts.claims).not.toHaveProperty("email_verified");
    expect(parts.claims).not.toHaveProperty("jti");
    expect(parts.claims.sub).toMatch(/^user_/);
    expect(parts.header).toEqual({ alg: "ES256", cty: "x" });
  });

  it("gives each token a fresh jti", async () => {
    const a = provider.minter.idJagParts({ audience: AUDIENCE });
    const b = provider.minter.idJagParts({ audience: AUDIENCE });
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });
});

describe("user-supplied signing key", () => {
  it("signs with the given key and publishes only its public part", async () => {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid: "pinned-1" };
    const provider = await startMockProvider({ signingKey: { privateJwk, alg: "ES256" }, control: false });
    try {
      const served = (await (await fetch(provider.jwksUri)).json()) as { keys: Array<Record<string, unknown>> };
      expect(served.keys).toHaveLength(1);
      expect(served.keys[0]).toMatchObject({ kid: "pinned-1", kty: "EC", x: privateJwk.x, y: privateJwk.y });
      expect(served.keys[0]).not.toHaveProperty("d");
      const token = await provider.minter.idJag({ audience: AUDIENCE });
      await expect(jwtVerify(token, createRemoteJWKSet(new URL(provider.jwksUri)), { audience: AUDIENCE })).resolves.toBeTruthy();
    } finally {
      await provider.close();
    }
  });

  it("refuses a public-only or mismatched key with a machine code", async () => {
    const { publicKey } = await generateKeyPair("ES256");
    const publicJwk = await exportJWK(publicKey);
    await expect(startMockProvider({ signingKey: { privateJwk: publicJwk, alg: "ES256" } })).rejects.toMatchObject({ code: "invalid_signing_key", field: "d" });
    await expect(startMockProvider({ signingKey: { privateJwk: publicJwk, alg: "RS256" } })).rejects.toMatchObject({ code: "invalid_signing_key", field: "kty" });
  });
});

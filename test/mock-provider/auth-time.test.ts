import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_TIME_VARIANTS, authTimeFor, mintIdJagWithAuthTime, startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider } from "../../mock-provider/index.ts";

const AUDIENCE = "https://auth.service.test";
const NOW = 1_800_000_000;
const MAX_AGE = 3600;

let provider: RunningMockProvider;
beforeAll(async () => {
  provider = await startMockProvider({ control: false });
});
afterAll(async () => {
  await provider?.close();
});

describe("ID-JAG auth_time variants (v0.7 AT-*)", () => {
  it("places each variant where v0.7.md §4.1 says", () => {
    const at = (variant: (typeof AUTH_TIME_VARIANTS)[number], marginSeconds?: number) =>
      authTimeFor({ variant, maxAge: MAX_AGE, now: NOW, ...(marginSeconds !== undefined ? { marginSeconds } : {}) });
    expect(at("absent")).toBeUndefined();
    expect(at("fresh")).toBe(NOW - 5);
    expect(at("stale")).toBe(NOW - MAX_AGE - 120);
    expect(at("stale", 600)).toBe(NOW - MAX_AGE - 600);
    expect(at("future")).toBe(NOW + 365 * 24 * 3600);
    expect(at("boundary")).toBe(NOW - MAX_AGE + 30);
  });

  it("mints otherwise valid ID-JAGs carrying exactly that auth_time (none for absent)", async () => {
    const jwks = createRemoteJWKSet(new URL(provider.jwksUri));
    for (const variant of AUTH_TIME_VARIANTS) {
      const token = await mintIdJagWithAuthTime(provider.minter, { audience: AUDIENCE, subject: `user_${variant}` }, { variant, maxAge: MAX_AGE, now: NOW });
      const claims = decodeJwt(token);
      expect(claims.iat, variant).toBe(NOW);
      if (variant === "absent") expect("auth_time" in claims).toBe(false);
      else expect(claims.auth_time, variant).toBe(authTimeFor({ variant, maxAge: MAX_AGE, now: NOW }));
      // Valid in every other respect: signature, typ, iss, aud (checked at the token's own iat).
      const { payload } = await jwtVerify(token, jwks, { typ: "oauth-id-jag+jwt", issuer: provider.issuer, audience: AUDIENCE, currentDate: new Date(NOW * 1000) });
      expect(payload.sub).toBe(`user_${variant}`);
    }
  });

  it("lets the variant win over a caller's auth_time claim", async () => {
    const token = await mintIdJagWithAuthTime(provider.minter, { audience: AUDIENCE, now: NOW, claims: { auth_time: 1 } }, { variant: "absent", maxAge: MAX_AGE });
    expect("auth_time" in decodeJwt(token)).toBe(false);
  });
});

describe("forge cases with a v0.7 auth_time (ForgeContext.authTime)", () => {
  it("adds the given auth_time to every ID-JAG case, and none without it (v0.1 unchanged)", async () => {
    const authTime = NOW - 5;
    for (const id of ["baseline", "aud-other-service", "typ-jwt", "iat-future", "jti-replayed", "alg-none"]) {
      const built = await provider.forge.get(id).build({ audience: AUDIENCE, now: NOW, authTime });
      for (const token of built.tokens) expect(decodeJwt(token).auth_time, id).toBe(authTime);
      const plain = await provider.forge.get(id).build({ audience: AUDIENCE, now: NOW });
      for (const token of plain.tokens) expect("auth_time" in decodeJwt(token), id).toBe(false);
    }
  });
});

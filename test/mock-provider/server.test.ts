import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider } from "../../mock-provider/index.ts";

describe("public listener", () => {
  let provider: RunningMockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ cimd: true, control: false });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("binds to loopback and uses the listen URL as issuer by default", () => {
    expect(provider.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provider.issuer).toBe(provider.url);
    expect(provider.jwksUri).toBe(`${provider.issuer}/.well-known/jwks.json`);
    expect(provider.controlUrl).toBeUndefined();
  });

  it("serves the JWKS with a 300 s cache lifetime and counts fetches", async () => {
    provider.resetStats();
    const response = await fetch(provider.jwksUri);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("max-age=300");
    const body = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(body.keys.map((key) => key.kid)).toEqual([provider.keys.current().kid]);
    await fetch(provider.jwksUri);
    expect(provider.stats().jwksFetches).toBe(2);
    expect(provider.stats().requests).toHaveLength(2);
    provider.resetStats();
    expect(provider.stats()).toMatchObject({ jwksFetches: 0, requests: [] });
  });

  it("serves a CIMD whose client_id is its own URL", async () => {
    const response = await fetch(provider.cimdUrl ?? "");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      client_id: provider.cimdUrl,
      jwks_uri: provider.jwksUri,
      token_endpoint_auth_method: "private_key_jwt",
    });
    expect(provider.stats().cimdFetches).toBe(1);
  });

  it("answers 404 elsewhere and 405 to other methods", async () => {
    expect((await fetch(`${provider.url}/nope`)).status).toBe(404);
    expect((await fetch(provider.jwksUri, { method: "POST" })).status).toBe(405);
  });

  it("serves the untrusted issuer's JWKS and counts fetches", async () => {
    provider.resetStats();
    const body = (await (await fetch(`${provider.untrustedIssuer}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    expect(body.keys).toHaveLength(1);
    expect(provider.stats().untrustedJwksFetches).toBe(1);
    expect(provider.stats().jwksFetches).toBe(0);
  });
});

describe("a public issuer different from the listen address", () => {
  it("names the issuer in tokens and URLs, and serves under the issuer's path prefix too", async () => {
    const provider = await startMockProvider({ issuer: "https://idp.tunnel.example/provider/", control: false });
    try {
      expect(provider.issuer).toBe("https://idp.tunnel.example/provider");
      expect(provider.jwksUri).toBe("https://idp.tunnel.example/provider/.well-known/jwks.json");
      expect(provider.minter.idJagParts({ audience: "https://as.test" }).claims.iss).toBe(provider.issuer);
      expect((await fetch(`${provider.url}/provider/.well-known/jwks.json`)).status).toBe(200);
      expect((await fetch(`${provider.url}/.well-known/jwks.json`)).status).toBe(200);
    } finally {
      await provider.close();
    }
  });
});

import { inspect } from "node:util";
import { createRemoteJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ControlApiError, MockProviderClient, startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider } from "../../mock-provider/index.ts";

const AUDIENCE = "https://auth.service.test";

let privateD: string;
let provider: RunningMockProvider;
let peer: RunningMockProvider;
let client: MockProviderClient;
const bodies: string[] = [];

async function recordedFetch(url: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  bodies.push(await response.clone().text());
  return response;
}

beforeAll(async () => {
  // A user-supplied key lets the test search every output for the exact private scalar.
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: "leak-probe" };
  privateD = privateJwk.d ?? "";
  provider = await startMockProvider({ signingKey: { privateJwk, alg: "ES256" }, cimd: true });
  peer = await startMockProvider({ control: false });
  provider.linkPeer(peer);
  client = new MockProviderClient(provider.controlUrl ?? "", provider.controlToken ?? "");
});
afterAll(async () => {
  await provider?.close();
  await peer?.close();
});

describe("control API", () => {
  it("listens apart from the public issuer, on loopback", () => {
    expect(provider.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provider.controlUrl).not.toBe(provider.url);
    expect(provider.controlToken?.length).toBeGreaterThanOrEqual(40);
  });

  it("refuses a missing or wrong bearer token with 401", async () => {
    const missing = await recordedFetch(`${provider.controlUrl}/mint/id-jag`, { method: "POST", body: JSON.stringify({ audience: AUDIENCE }) });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await recordedFetch(`${provider.controlUrl}/stats`, { headers: { Authorization: `Bearer ${provider.controlToken}x` } });
    expect(wrong.status).toBe(401);
    await expect(new MockProviderClient(provider.controlUrl ?? "", "nope").stats()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("mints an ID-JAG and a logout token over HTTP that verify against the JWKS", async () => {
    const jwks = createRemoteJWKSet(new URL(provider.jwksUri));
    const idJag = await client.mintIdJag({ audience: AUDIENCE, subject: "user_http", clientId: provider.cimdUrl });
    const { payload } = await jwtVerify(idJag, jwks, { typ: "oauth-id-jag+jwt", issuer: provider.issuer, audience: AUDIENCE });
    expect(payload).toMatchObject({ sub: "user_http", client_id: provider.cimdUrl });
    const logout = await client.mintLogout({ audience: AUDIENCE, subject: "user_http", omitClaims: ["exp"] });
    const verified = await jwtVerify(logout, jwks, { typ: "logout+jwt", audience: AUDIENCE });
    expect(verified.payload.exp).toBeUndefined();
  });

  it("rejects invalid input with a machine code and field", async () => {
    await expect(client.mintIdJag({ audience: "" })).rejects.toMatchObject({ status: 400, code: "invalid_input", field: "audience" });
    const badJson = await recordedFetch(`${provider.controlUrl}/mint/id-jag`, {
      method: "POST",
      headers: { Authorization: `Bearer ${provider.controlToken}` },
      body: "{",
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: "invalid_json" });
  });

  it("lists and builds forge cases, using the linked peer and running setup first", async () => {
    const cases = await client.cases("logout");
    expect(cases.length).toBeGreaterThan(5);
    expect(cases.every((forgeCase) => forgeCase.token === "logout" && "expect" in forgeCase)).toBe(true);

    const replay = await client.forge("jti-replayed", { audience: AUDIENCE });
    expect(replay.tokens).toHaveLength(2);

    const other = await client.forge("signed-by-other-issuer-key", { audience: AUDIENCE });
    expect(decodeProtectedHeader(other.tokens[0] ?? "").kid).toBe(peer.keys.current().kid);

    const rotation = await client.forge("kid-rotation", { audience: AUDIENCE });
    const kid = decodeProtectedHeader(rotation.tokens[0] ?? "").kid;
    expect((await client.keys()).jwks.keys.map((key) => key.kid)).toContain(kid); // setup already published it

    await expect(client.forge("no-such-case", { audience: AUDIENCE })).rejects.toMatchObject({ status: 404, code: "unknown_forge_case" });
    await expect(client.forge("aud-resource", { audience: AUDIENCE })).rejects.toMatchObject({ status: 409, code: "needs_distinct_resource" });
  });

  it("reports needs_second_provider when no peer is linked", async () => {
    provider.linkPeer(undefined);
    try {
      await expect(client.forge("signed-by-other-issuer-key", { audience: AUDIENCE })).rejects.toBeInstanceOf(ControlApiError);
      await expect(client.forge("signed-by-other-issuer-key", { audience: AUDIENCE })).rejects.toMatchObject({ code: "needs_second_provider" });
    } finally {
      provider.linkPeer(peer);
    }
  });

  it("rotates and retires keys, and reports stats", async () => {
    const before = (await client.keys()).currentKid;
    const rotated = await client.rotate();
    expect(rotated.kid).not.toBe(before);
    await client.use(before);
    expect((await client.keys()).currentKid).toBe(before);
    await client.use(rotated.kid);
    await client.retire(before);
    expect((await client.keys()).jwks.keys.map((key) => key.kid)).not.toContain(before);
    await expect(client.use(before)).rejects.toMatchObject({ code: "unknown_kid" });
    await expect(client.retire(rotated.kid)).rejects.toMatchObject({ code: "cannot_retire_current_key" });

    await client.resetStats();
    await fetch(provider.jwksUri);
    const stats = await client.stats();
    expect(stats.jwksFetches).toBe(1);
    expect(stats.requests.map((request) => request.path)).toEqual(["/.well-known/jwks.json"]);
  });

  it("never exposes the private key: responses, JSON.stringify, util.inspect", async () => {
    // Gather every kind of response this file can produce, then search them all.
    const token = `Bearer ${provider.controlToken}`;
    for (const path of ["/info", "/keys", "/stats", "/forge"]) {
      await recordedFetch(`${provider.controlUrl}${path}`, { headers: { Authorization: token } });
    }
    for (const id of provider.forge.cases().map((forgeCase) => forgeCase.id)) {
      await recordedFetch(`${provider.controlUrl}/forge/${id}`, {
        method: "POST",
        headers: { Authorization: token },
        body: JSON.stringify({ audience: AUDIENCE, resource: "https://api.service.test/" }),
      });
    }
    for (const url of [provider.jwksUri, provider.cimdUrl ?? "", provider.attackerJwksUrl, `${provider.untrustedIssuer}/.well-known/jwks.json`]) {
      await recordedFetch(url);
    }
    expect(bodies.length).toBeGreaterThan(60);

    const serialised = [
      JSON.stringify(provider),
      JSON.stringify(provider.keys),
      JSON.stringify(provider.keys.current()),
      JSON.stringify(provider.minter),
      JSON.stringify(provider.forge),
      JSON.stringify(client),
      inspect(provider, { depth: 8, showHidden: true }),
      inspect(provider.keys.current(), { depth: 8, showHidden: true }),
    ];
    expect(privateD.length).toBeGreaterThan(20);
    for (const text of [...bodies, ...serialised]) {
      expect(text).not.toContain(privateD);
      expect(text).not.toMatch(/"d"\s*:/);
    }
    expect(JSON.stringify(provider)).not.toContain(provider.controlToken);
    expect(JSON.stringify(client)).not.toContain(provider.controlToken);
  });
});

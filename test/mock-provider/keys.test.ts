import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider } from "../../mock-provider/index.ts";

const AUDIENCE = "https://auth.service.test";

async function servedJwks(provider: RunningMockProvider): Promise<{ keys: Array<{ kid?: string }> }> {
  return (await (await fetch(provider.jwksUri)).json()) as { keys: Array<{ kid?: string }> };
}

async function verifiesNow(provider: RunningMockProvider, token: string): Promise<boolean> {
  const jwks = createLocalJWKSet(await servedJwks(provider));
  return jwtVerify(token, jwks, { audience: AUDIENCE }).then(
    () => true,
    () => false,
  );
}

describe("key rotation", () => {
  let provider: RunningMockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ control: false });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("publishes both kids after rotate, signs with the new one, and drops the old one on retire", async () => {
    const oldKid = provider.keys.current().kid;
    const oldToken = await provider.minter.idJag({ audience: AUDIENCE });

    const rotated = await provider.keys.rotate();
    expect(rotated.kid).not.toBe(oldKid);
    expect(provider.keys.current().kid).toBe(rotated.kid);
    expect((await servedJwks(provider)).keys.map((key) => key.kid).sort()).toEqual([oldKid, rotated.kid].sort());

    const newToken = await provider.minter.idJag({ audience: AUDIENCE });
    expect(decodeProtectedHeader(newToken).kid).toBe(rotated.kid);
    expect(await verifiesNow(provider, newToken)).toBe(true);
    expect(await verifiesNow(provider, oldToken)).toBe(true);

    provider.keys.retire(oldKid);
    expect((await servedJwks(provider)).keys.map((key) => key.kid)).toEqual([rotated.kid]);
    expect(await verifiesNow(provider, oldToken)).toBe(false);
    expect(await verifiesNow(provider, newToken)).toBe(true);
  });

  it("refuses to retire the current key or an unknown kid", () => {
    expect(() => provider.keys.retire(provider.keys.current().kid)).toThrow(expect.objectContaining({ code: "cannot_retire_current_key" }));
    expect(() => provider.keys.retire("nope")).toThrow(expect.objectContaining({ code: "unknown_kid" }));
  });

  it("keeps staged keys out of the JWKS until published", async () => {
    const staged = await provider.keys.stage();
    expect((await servedJwks(provider)).keys.map((key) => key.kid)).not.toContain(staged.kid);
    provider.keys.publish(staged.kid);
    expect((await servedJwks(provider)).keys.map((key) => key.kid)).toContain(staged.kid);
    expect(provider.keys.current().kid).toBe(staged.kid);
  });

  it("rotates to another algorithm on request", async () => {
    const rotated = await provider.keys.rotate("EdDSA");
    expect(rotated.alg).toBe("EdDSA");
    const token = await provider.minter.idJag({ audience: AUDIENCE });
    expect(decodeProtectedHeader(token).alg).toBe("EdDSA");
    expect(await verifiesNow(provider, token)).toBe(true);
  });
});

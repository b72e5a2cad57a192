import { X509Certificate } from "node:crypto";
import { base64url, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForgeUnavailable, startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider, SigningAlg } from "../../mock-provider/index.ts";
import { referenceVerifier } from "./reference-verifier.ts";

const AUDIENCE = "https://auth.service.test";
const RESOURCE = "https://api.service.test/";

const REQUIRED_IDS = [
  "baseline", "typ-media-type-form", "aud-other-service", "aud-missing", "aud-array-extra-member", "aud-array-single",
  "aud-trailing-slash", "aud-resource", "expired-outside-skew", "expired-inside-skew", "exp-missing", "exp-non-numeric",
  "iat-future", "iat-missing", "nbf-future", "jti-replayed", "jti-missing", "unknown-kid", "kid-rotation",
  "signed-by-unpublished-key", "signed-by-other-issuer-key", "alg-none", "alg-none-capitalised", "alg-none-mixed-case",
  "alg-hs256-public-key", "embedded-jwk", "jku-elsewhere", "x5u-elsewhere", "crit-unknown", "tampered-payload",
  "signature-stripped", "typ-missing", "typ-jwt", "typ-logout", "iss-untrusted", "iss-missing", "sub-missing",
  "client-id-missing", "client-id-unknown", "email-verified-missing", "email-verified-false", "email-verified-string",
  "no-verified-email-or-phone", "phone-verified-only",
  "logout-baseline", "logout-bad-signature", "logout-wrong-aud", "logout-untrusted-iss", "logout-events-missing",
  "logout-events-wrong-uri", "logout-events-member-not-object", "logout-nonce-present", "logout-jti-replayed",
  "logout-exp-missing", "logout-id-jag-as-logout", "logout-typ-missing", "logout-alg-none",
];

let other: RunningMockProvider;
beforeAll(async () => {
  other = await startMockProvider({ control: false });
});
afterAll(async () => {
  await other?.close();
});

describe.each<SigningAlg>(["ES256", "RS256", "EdDSA"])("forge catalogue with %s keys", (alg) => {
  let provider: RunningMockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ alg, cimd: true, control: false });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("has every required case, each with a source and an expectation", () => {
    const ids = provider.forge.cases().map((forgeCase) => forgeCase.id);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED_IDS));
    for (const forgeCase of provider.forge.cases()) {
      expect(forgeCase.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(forgeCase.breaks).toMatch(/\(.+\)/); // names a source
      if (!forgeCase.expect.accept) expect(forgeCase.expect.errorKeys.length).toBeGreaterThan(0);
    }
    expect(provider.forge.cases("logout").every((forgeCase) => forgeCase.token === "logout")).toBe(true);
  });

  it("the reference verifier accepts exactly the accept cases, refusing the rest for an expected reason", async () => {
    const verify = referenceVerifier({
      audience: AUDIENCE,
      trusted: [
        { issuer: provider.issuer, jwksUri: provider.jwksUri, clientIds: [provider.issuer, provider.cimdUrl ?? ""] },
        { issuer: other.issuer, jwksUri: other.jwksUri, clientIds: [other.issuer] },
      ],
    });
    const mismatches: string[] = [];
    for (const forgeCase of provider.forge.cases()) {
      if (forgeCase.token === "set") continue; // SET cases have their own receiver (set-forge.test.ts)
      const output = await forgeCase.build({ audience: AUDIENCE, resource: RESOURCE, otherProvider: other });
      expect(output.tokens.length, forgeCase.id).toBeGreaterThan(0);
      await output.setup?.();
      let verdict = await verify(output.tokens[0] ?? "", forgeCase.token);
      for (const token of output.tokens.slice(1)) verdict = await verify(token, forgeCase.token);
      const expected = forgeCase.expect;
      if (expected.accept !== verdict.accept) {
        mismatches.push(`${forgeCase.id}: expected accept=${expected.accept}, got ${JSON.stringify(verdict)}`);
      } else if (!expected.accept && !verdict.accept && !expected.errorKeys.includes(verdict.family)) {
        mismatches.push(`${forgeCase.id}: refused as ${verdict.family} (${verdict.reason}), expected one of ${expected.errorKeys.join(",")}`);
      }
      if (output.tokens.length > 1) {
        // Replay cases: the first token alone is valid.
        expect(forgeCase.expect.accept, forgeCase.id).toBe(false);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("builds the hand-assembled cases as described", async () => {
    const ctx = { audience: AUDIENCE };
    const none = (await provider.forge.get("alg-none-mixed-case").build(ctx)).tokens[0] ?? "";
    expect(decodeProtectedHeader(none).alg).toBe("nOnE");
    expect(none.endsWith(".")).toBe(true);

    const stripped = (await provider.forge.get("signature-stripped").build(ctx)).tokens[0] ?? "";
    expect(decodeProtectedHeader(stripped).alg).toBe(alg);
    expect(stripped.endsWith(".")).toBe(true);

    const duplicate = (await provider.forge.get("dup-claim-aud").build(ctx)).tokens[0] ?? "";
    const payloadText = new TextDecoder().decode(base64url.decode(duplicate.split(".")[1] ?? ""));
    expect(payloadText.match(/"aud":/g)?.length).toBe(2);
    expect(payloadText.indexOf(`"aud":"${AUDIENCE}"`)).toBeLessThan(payloadText.indexOf('"aud":"https://other-service.example"'));
  });
});

describe("forge material and preconditions", () => {
  let provider: RunningMockProvider;
  beforeAll(async () => {
    provider = await startMockProvider({ control: false });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it("throws ForgeUnavailable when a case needs a second provider or a distinct resource", async () => {
    const needsOther = provider.forge.get("signed-by-other-issuer-key");
    expect(needsOther.requires).toEqual(["needs_second_provider"]);
    await expect(needsOther.build({ audience: AUDIENCE })).rejects.toMatchObject({ code: "needs_second_provider" });
    await expect(provider.forge.get("aud-resource").build({ audience: AUDIENCE, resource: AUDIENCE })).rejects.toBeInstanceOf(ForgeUnavailable);
    expect(() => provider.forge.get("no-such-case")).toThrow(/no forge case/);
  });

  it("serves the attacker material the jku/x5u cases point at, and counts every fetch", async () => {
    const jku = (await provider.forge.get("jku-elsewhere").build({ audience: AUDIENCE })).tokens[0] ?? "";
    const x5u = (await provider.forge.get("x5u-elsewhere").build({ audience: AUDIENCE })).tokens[0] ?? "";
    expect(decodeProtectedHeader(jku).jku).toBe(provider.attackerJwksUrl);
    expect(decodeProtectedHeader(x5u).x5u).toBe(provider.attackerX5uUrl);
    expect(provider.stats().attackerJwksFetches).toBe(0);
    expect(provider.stats().attackerX5uFetches).toBe(0);

    const jwks = (await (await fetch(provider.attackerJwksUrl)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys[0]?.kid).toBe(decodeProtectedHeader(jku).kid);
    const pem = await (await fetch(provider.attackerX5uUrl)).text();
    const certificate = new X509Certificate(pem);
    expect(certificate.checkIssued(certificate)).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    const x5c = (await provider.forge.get("x5c-embedded").build({ audience: AUDIENCE })).tokens[0] ?? "";
    expect(decodeProtectedHeader(x5c).x5c?.[0]).toBe(certificate.raw.toString("base64"));

    expect(provider.stats().attackerJwksFetches).toBe(1);
    expect(provider.stats().attackerX5uFetches).toBe(1);
  });
});

import { decodeJwt, decodeProtectedHeader, jwtVerify, createRemoteJWKSet } from "jose";
import type { JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REVOKED_EVENT_SCHEMA, SET_CONTENT_TYPE, SecEventMinter, startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider, SetFault } from "../../mock-provider/index.ts";
import { catalogueV07 } from "../../src/requirements/v0_7/index.ts";
import { referenceSetReceiver } from "./reference-set-receiver.ts";

const AUDIENCE = "https://auth.service.test";

const REQUIRED_SET_CASES = [
  "set-baseline", "set-unknown-event-only", "set-events-missing", "set-events-empty", "set-events-not-object", "set-wrong-aud",
  "set-typ-logout", "set-typ-jwt", "set-typ-missing", "set-expired", "set-iat-missing", "set-jti-replayed", "set-alg-none",
  "set-signature-stripped", "set-bad-signature", "set-wrong-key", "set-unknown-kid", "set-untrusted-issuer",
  "set-json-content-type", "set-id-jag-as-set",
];

let provider: RunningMockProvider;
let trusted: Record<string, JSONWebKeySet>;
let untrusted: Record<string, JSONWebKeySet>;

beforeAll(async () => {
  provider = await startMockProvider({ control: false });
  trusted = { [provider.issuer]: provider.keys.publicJwks() as JSONWebKeySet };
  const untrustedJwks = (await (await fetch(`${provider.untrustedIssuer}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  untrusted = { [provider.untrustedIssuer]: untrustedJwks };
});
afterAll(async () => {
  await provider?.close();
});

describe("SET minting (RFC 8417, auth.md revocation event)", () => {
  it("mints a SET that verifies with the provider's JWKS and carries the v0.7 claims", async () => {
    const token = await new SecEventMinter(provider.minter, provider.keys).mint({ audience: AUDIENCE, subject: "user_set" });
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(provider.jwksUri)), {
      typ: "secevent+jwt", issuer: provider.issuer, audience: AUDIENCE,
    });
    expect(protectedHeader.typ).toBe("secevent+jwt");
    expect(payload.sub).toBe("user_set");
    expect(payload.events).toEqual({ [REVOKED_EVENT_SCHEMA]: {} });
    expect(payload.sub_id).toEqual({ format: "iss_sub", iss: provider.issuer, sub: "user_set" });
    expect(typeof payload.jti).toBe("string");
    expect(typeof payload.iat).toBe("number");
  });

  it("honours events, subjectIdentifier and omitted claims", async () => {
    const token = await new SecEventMinter(provider.minter, provider.keys).mint({
      audience: AUDIENCE, subject: "u", events: ["https://e.example/a"], subjectIdentifier: false, omitClaims: ["exp"],
    });
    const claims = decodeJwt(token);
    expect(claims.events).toEqual({ "https://e.example/a": {} });
    expect(claims.sub_id).toBeUndefined();
    expect(claims.exp).toBeUndefined();
  });
});

describe("SET forge cases", () => {
  it("has every required case, each naming a source, RFC 8935 answer, faults and existing v0.7 ids", () => {
    const cases = provider.forge.cases("set");
    expect(cases.map((c) => c.id)).toEqual(REQUIRED_SET_CASES);
    const v07 = new Set(catalogueV07.map((r) => r.id));
    for (const c of cases) {
      expect(c.breaks).toMatch(/\(.+\)/);
      expect(c.secEvent, c.id).toBeDefined();
      const se = c.secEvent!;
      expect(se.delivery === "accepted", c.id).toBe(c.expect.accept);
      if (se.delivery === "refused") expect(se.errs.length, c.id).toBeGreaterThan(0);
      for (const id of se.requirements) expect(v07.has(id), `${c.id} → ${id}`).toBe(true);
    }
    expect(provider.forge.cases("id-jag").some((c) => c.token === "set")).toBe(false);
  });

  it("each case is broken in exactly its way: refused as declared, and accepted once its own faults are ignored", async () => {
    const mismatches: string[] = [];
    for (const forgeCase of provider.forge.cases("set")) {
      const se = forgeCase.secEvent!;
      const output = await forgeCase.build({ audience: AUDIENCE, subject: "user_forge" });
      const contentType = output.contentType ?? SET_CONTENT_TYPE;
      const judge = async (off: ReadonlySet<SetFault>) => {
        const receive = referenceSetReceiver({ audience: AUDIENCE, trusted, untrusted });
        let receipt = await receive(output.tokens[0] ?? "", contentType, off);
        for (const token of output.tokens.slice(1)) {
          if (receipt.status !== 202) mismatches.push(`${forgeCase.id}: a leading token was refused (${JSON.stringify(receipt)})`);
          receipt = await receive(token, contentType, off);
        }
        return receipt;
      };
      const strict = await judge(new Set());
      if (se.delivery === "accepted") {
        if (strict.status !== 202 || strict.revokes !== se.revokes) mismatches.push(`${forgeCase.id}: expected 202 revokes=${se.revokes}, got ${JSON.stringify(strict)}`);
        continue;
      }
      if (strict.status !== 400 || !se.errs.includes(strict.err)) mismatches.push(`${forgeCase.id}: expected 400 ${se.errs.join("|")}, got ${JSON.stringify(strict)}`);
      const lenient = await judge(new Set(se.faults));
      if (lenient.status !== 202) mismatches.push(`${forgeCase.id}: still refused with ${se.faults.join(",")} ignored: ${JSON.stringify(lenient)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("builds the cases as described", async () => {
    const ctx = { audience: AUDIENCE, subject: "user_x" };
    const none = (await provider.forge.get("set-alg-none").build(ctx)).tokens[0] ?? "";
    expect(decodeProtectedHeader(none).alg).toBe("none");
    const untrustedSet = (await provider.forge.get("set-untrusted-issuer").build(ctx)).tokens[0] ?? "";
    expect(decodeJwt(untrustedSet).iss).toBe(provider.untrustedIssuer);
    const json = await provider.forge.get("set-json-content-type").build(ctx);
    expect(json.contentType).toBe("application/json");
    const replay = await provider.forge.get("set-jti-replayed").build(ctx);
    expect(replay.tokens).toHaveLength(2);
    expect(decodeJwt(replay.tokens[0] ?? "").jti).toBe(decodeJwt(replay.tokens[1] ?? "").jti);
    const unknown = (await provider.forge.get("set-unknown-event-only").build(ctx)).tokens[0] ?? "";
    expect(Object.keys(decodeJwt(unknown).events as object)).not.toContain(REVOKED_EVENT_SCHEMA);
  });
});

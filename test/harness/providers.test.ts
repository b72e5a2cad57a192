import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";
import { demoConfig } from "../../src/demo.ts";
import { SECOND_ISSUER_PATH, startProviders } from "../../src/harness-services/providers.ts";
import { isKeyLookupRefusal, keyLookupMessage } from "../../suites/v0.1/support/key-lookup.ts";
import { NEEDS_TWO_ISSUERS } from "../../suites/v0.1/support/issuers.ts";
import { tempDir } from "../support/cli.ts";

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function start(input: Record<string, unknown>) {
  const providers = await startProviders(parseConfig({ target: "http://127.0.0.1:1", ...input }));
  if (providers) cleanup.push(() => providers.close());
  return providers!;
}

describe("mock providers of a run", () => {
  it("run: one issuer unless the second is enabled, and the reason is handed to the suites", async () => {
    const providers = await start({});
    expect(providers.settings.second).toBeUndefined();
    expect(providers.settings.oneIssuerReason).toMatch(/provider\.second\.enabled/);
    expect(providers.trustInstructions()).toContain("one trusted issuer");
  });

  it("demo: the second issuer is on unless the config turns it off", () => {
    const base = parseConfig({});
    expect(demoConfig(base).provider.second.enabled).toBe(true);
    expect(demoConfig(parseConfig({ provider: { second: { enabled: false } } })).provider.second.enabled).toBe(false);
    expect(demoConfig(base).provider.stateDir).toBeUndefined();
  });

  it("serves the second issuer on the primary's port under a fixed path, so one fixed port fixes both", async () => {
    const providers = await start({ provider: { second: { enabled: true } } });
    const { issuer, second } = providers.settings;
    expect(second?.issuer).toBe(`${issuer}${SECOND_ISSUER_PATH}`);
    const jwks = (await (await fetch(second!.jwksUri)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(1);
    expect(providers.trustInstructions()).toContain(`issuer ${issuer}${SECOND_ISSUER_PATH}`);
  });

  it("gives the second issuer a listener of its own when it has a port", async () => {
    const providers = await start({ provider: { second: { enabled: true, port: 0 } } });
    expect(new URL(providers.settings.second!.issuer).port).not.toBe(new URL(providers.settings.issuer).port);
  });

  it("refuses second.issuer without second.port", async () => {
    await expect(start({ provider: { second: { enabled: true, issuer: "https://idp.example" } } })).rejects.toMatchObject({
      code: "config_invalid",
      field: "provider.second.issuer",
    });
  });

  it("keeps both issuers' kids across runs in the state directory", async () => {
    const stateDir = await tempDir("authmd-providers-");
    cleanup.push(() => rm(stateDir, { recursive: true, force: true }));
    const kids = async () => {
      const providers = await startProviders(parseConfig({ provider: { stateDir, second: { enabled: true } } }));
      try {
        const fetchKid = async (uri: string) => ((await (await fetch(uri)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
        return [await fetchKid(providers!.settings.jwksUri), await fetchKid(providers!.settings.second!.jwksUri)];
      } finally {
        await providers!.close();
      }
    };
    const first = await kids();
    expect(first[0]).not.toEqual(first[1]);
    expect(await kids()).toEqual(first);
  });

  it("never hands private key material to the suites", async () => {
    const stateDir = await tempDir("authmd-providers-");
    cleanup.push(() => rm(stateDir, { recursive: true, force: true }));
    const providers = await start({ provider: { stateDir, second: { enabled: true } } });
    const text = JSON.stringify(providers.settings) + providers.trustInstructions();
    expect(text).not.toMatch(/"d":/);
    expect(text).toContain(stateDir);
  });
});

describe("key-lookup refusals of the baseline", () => {
  it("recognises a signature code or a description about the key", () => {
    expect(isKeyLookupRefusal({ status: 400, json: { error: "invalid_signature" } })).toBe(true);
    expect(isKeyLookupRefusal({ status: 401, json: { error: "invalid_grant", error_description: "no matching key found in the JWKS" } })).toBe(true);
    expect(isKeyLookupRefusal({ status: 400, json: { error: "invalid_grant", error_description: "unknown kid abc" } })).toBe(true);
  });

  it("leaves other refusals alone", () => {
    expect(isKeyLookupRefusal({ status: 400, json: { error: "invalid_grant" } })).toBe(false);
    expect(isKeyLookupRefusal({ status: 400, json: { error: "audience_mismatch" } })).toBe(false);
    expect(isKeyLookupRefusal({ status: 429, json: { error: "invalid_signature" } })).toBe(false);
    expect(isKeyLookupRefusal({ status: 500, json: { error: "invalid_signature" } })).toBe(false);
    expect(isKeyLookupRefusal({ status: 200, json: {} })).toBe(false);
  });

  it("says which kid and which issuer", () => {
    expect(keyLookupMessage("k1", "http://idp", "http://idp/.well-known/jwks.json")).toBe(
      "the target refused a token signed with kid k1: it has not fetched the current JWKS (http://idp/.well-known/jwks.json), or does not trust issuer http://idp",
    );
  });
});

describe("checks that need two trusted issuers", () => {
  it("are declared as data", () => {
    expect([...NEEDS_TWO_ISSUERS].sort()).toEqual(["REV-03", "RPL-03", "SIG-10"]);
  });
});

import { chmod, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keyFilePath, loadOrCreateKey } from "../../mock-provider/key-store.ts";
import { startMockProvider } from "../../mock-provider/index.ts";
import { tempDir } from "../support/cli.ts";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = path.join(await tempDir("authmd-keystore-"), "state");
  dirs.push(path.dirname(dir));
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("key store", () => {
  it("creates the directory on first use, stores a private key file 0600, and loads the same kid again", async () => {
    const dir = await freshDir();
    const first = await loadOrCreateKey(dir, "primary", "ES256");
    const file = keyFilePath(dir, "primary", "ES256");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ kid: first.kid, kty: "EC", d: expect.any(String) });
    const again = await loadOrCreateKey(dir, "primary", "ES256");
    expect(again.kid).toBe(first.kid);
    expect(again.publicJwk).toEqual(first.publicJwk);
    // The loaded key exposes no private member.
    expect(JSON.stringify(again)).not.toMatch(/"d"/);
    expect(await readFile(path.join(dir, ".gitignore"), "utf8")).toBe("*\n");
  });

  it("keeps one key per name and alg", async () => {
    const dir = await freshDir();
    const [primary, second, rsa] = await Promise.all([
      loadOrCreateKey(dir, "primary", "ES256"),
      loadOrCreateKey(dir, "second", "ES256"),
      loadOrCreateKey(dir, "primary", "RS256"),
    ]);
    expect(new Set([primary.kid, second.kid, rsa.kid]).size).toBe(3);
    expect(rsa.alg).toBe("RS256");
  });

  it("lets processes starting at once agree on one key and leaves no temporary file", async () => {
    const dir = await freshDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKey(dir, "primary", "EdDSA")));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([".gitignore", "primary-EdDSA.private.jwk.json"]);
  });

  it("makes a key file readable by others private again", async () => {
    const dir = await freshDir();
    await loadOrCreateKey(dir, "primary", "ES256");
    const file = keyFilePath(dir, "primary", "ES256");
    await chmod(file, 0o644);
    await loadOrCreateKey(dir, "primary", "ES256");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("names a corrupt key file without quoting it", async () => {
    const dir = await freshDir();
    await loadOrCreateKey(dir, "primary", "ES256");
    const file = keyFilePath(dir, "primary", "ES256");
    await writeFile(file, '{"d":"SECRET-MATERIAL"', { mode: 0o600 });
    const error = (await loadOrCreateKey(dir, "primary", "ES256").catch((e: unknown) => e)) as Error & { code: string; field: string };
    expect(error).toMatchObject({ code: "invalid_signing_key", field: "stateDir" });
    expect(error.message).toContain(file);
    expect(error.message).not.toContain("SECRET");
  });

  it("rejects a key name that could leave the directory", async () => {
    await expect(loadOrCreateKey(await freshDir(), "../x", "ES256")).rejects.toMatchObject({ code: "invalid_signing_key" });
  });
});

describe("mock provider with a state directory", () => {
  it("serves the stored kid after a restart, and a rotation is never stored", async () => {
    const dir = await freshDir();
    const first = await startMockProvider({ control: false, stateDir: dir });
    const kid = first.keys.current().kid;
    const rotated = await first.keys.rotate();
    expect(first.keys.current().kid).toBe(rotated.kid);
    await first.close();

    const second = await startMockProvider({ control: false, stateDir: dir });
    try {
      expect(second.keys.current().kid).toBe(kid);
      expect(second.keys.publishedKids()).toEqual([kid]);
    } finally {
      await second.close();
    }
    expect((await readdir(dir)).filter((f) => f.endsWith(".json"))).toEqual(["primary-ES256.private.jwk.json"]);
  });

  it("mints a fresh key per start without one", async () => {
    const [a, b] = await Promise.all([startMockProvider({ control: false }), startMockProvider({ control: false })]);
    try {
      expect(a.keys.current().kid).not.toBe(b.keys.current().kid);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("a provider mounted on another's listener", () => {
  it("serves its own JWKS at <primary issuer>/<path> and counts its own fetches", async () => {
    const primary = await startMockProvider({ control: false });
    const second = await startMockProvider({ control: false, mount: { on: primary, path: "/second-issuer" } });
    try {
      expect(second.issuer).toBe(`${primary.issuer}/second-issuer`);
      expect(second.url).toBe(primary.url);
      const jwks = (await (await fetch(second.jwksUri)).json()) as { keys: Array<{ kid: string }> };
      expect(jwks.keys.map((k) => k.kid)).toEqual([second.keys.current().kid]);
      expect(second.keys.current().kid).not.toBe(primary.keys.current().kid);
      expect(second.stats().jwksFetches).toBe(1);
      expect(primary.stats().jwksFetches).toBe(0);
      expect((await fetch(`${primary.issuer}/second-issuer/nothing`)).status).toBe(404);
      await expect(startMockProvider({ control: false, mount: { on: primary, path: "/second-issuer" } })).rejects.toMatchObject({ code: "invalid_input" });
    } finally {
      await Promise.all([second.close(), primary.close()]);
    }
  });
});

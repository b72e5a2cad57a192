// The mock provider's signing identity on disk, so a second run signs with the same kid as the
// first: a target's JWKS cache (with its unknown-kid refetch cooldown) keeps trusting it. One
// private JWK per (name, alg), file mode 0600 in a 0700 directory. Written atomically: a temporary
// file is hard-linked into place, which fails rather than overwrites when another process got
// there first, so two harnesses starting at once agree on one key and never read a half file.
import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, open, readFile, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import type { JWK } from "jose";
import { MockProviderError } from "./errors.ts";
import { ProviderKey, type SigningAlg } from "./keys.ts";

/** The file holding one stored key: `<dir>/<name>-<alg>.private.jwk.json`. */
export function keyFilePath(dir: string, name: string, alg: SigningAlg): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new MockProviderError("invalid_signing_key", `key name must be [a-z0-9-]: ${name}`, "name");
  return path.join(dir, `${name}-${alg}.private.jwk.json`);
}

async function readStored(file: string, alg: SigningAlg): Promise<ProviderKey> {
  // A key file readable by others is made private again rather than used as it is.
  if (process.platform !== "win32" && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(file, "utf8")) as JWK;
  } catch (error) {
    // Name the file, never its content (it holds the private key).
    throw new MockProviderError("invalid_signing_key", `the stored key ${file} is not a JSON JWK (${(error as Error).name}); delete it to mint a new one`, "stateDir");
  }
  return ProviderKey.fromPrivateJwk(jwk, alg);
}

async function mintFile(file: string, alg: SigningAlg): Promise<void> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicMembers } = jwk;
  const stored: JWK = { ...jwk, kid: await calculateJwkThumbprint(publicMembers), alg, use: "sig" };
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(stored)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
  } catch (error) {
    // Another process stored its key first: use that one.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * The key stored under `name` in `dir`, created (with the directory) on first use. The key is
 * imported non-extractable; its private part exists only in the file and inside the CryptoKey.
 */
export async function loadOrCreateKey(dir: string, name: string, alg: SigningAlg): Promise<ProviderKey> {
  const file = keyFilePath(dir, name, alg);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Private keys must never be committed, whichever repository the directory lands in.
  await writeFile(path.join(dir, ".gitignore"), "*\n", { flag: "wx" }).catch(() => undefined);
  try {
    return await readStored(file, alg);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mintFile(file, alg);
  return readStored(file, alg);
}

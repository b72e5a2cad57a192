import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, CompactSign, importJWK, type JWK } from "jose";
import { HarnessError } from "../errors.ts";
import type { Report } from "../report/model.ts";

/**
 * A signed certification record: what was run (tool and profile versions, target, seed), what
 * it concluded (verdict, exit code, summary) and a SHA-256 digest of every report file, signed
 * as a compact JWS with the user's key. The public key rides in the protected header (`jwk`, with
 * its RFC 7638 thumbprint as `kid`), so anyone can check the record's integrity; checking *who*
 * signed it means comparing that thumbprint, or passing the publisher's key to `verify --key`.
 */
export const RECORD_FILE = "certification.jws";
export const RECORD_TYPE = "authmd-conformance-certification+jws";

export interface FileDigest {
  /** Path relative to the record's folder, with forward slashes. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface CertificationRecord {
  type: "authmd-conformance-certification";
  version: 1;
  tool: { name: string; version: string };
  profile: string;
  target: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  verdict: string;
  exitCode: number;
  summary: Report["summary"];
  signedAt: string;
  files: FileDigest[];
}

/** Asymmetric algorithms only: a record signed with a shared secret proves nothing to a third party. */
export const RECORD_ALGORITHMS = ["ES256", "ES384", "ES512", "EdDSA", "Ed25519", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** The public half of a JWK (private members dropped). */
export function publicJwk(jwk: JWK): JWK {
  const pub: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete pub[m];
  delete pub.key_ops;
  delete pub.use;
  return pub as JWK;
}

/** The JWS algorithm for a key: its own `alg`, else the usual one for its type and curve. */
export function algorithmFor(jwk: JWK): string {
  if (jwk.alg) return jwk.alg;
  if (jwk.kty === "EC") return ({ "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" } as Record<string, string>)[jwk.crv ?? ""] ?? "ES256";
  if (jwk.kty === "OKP") return "EdDSA";
  if (jwk.kty === "RSA") return "RS256";
  throw new HarnessError("usage", `Cannot sign with a key of type ${jwk.kty ?? "(none)"}: use an EC, OKP or RSA private JWK`, "certify-key");
}

export async function readJwkFile(file: string, field: string): Promise<JWK> {
  let jwk: unknown;
  try {
    jwk = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new HarnessError("usage", `Cannot read a JWK from ${file}: ${(err as Error).message}`, field);
  }
  if (typeof jwk !== "object" || jwk === null || typeof (jwk as JWK).kty !== "string") {
    throw new HarnessError("usage", `${file} is not a JWK (a JSON object with kty)`, field);
  }
  return jwk as JWK;
}

/** Every file under `dir` (recursively, sorted), except the record itself, with its SHA-256. */
export async function digestFolder(dir: string, exclude: readonly string[] = [RECORD_FILE]): Promise<FileDigest[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((rel) => !exclude.includes(rel))
    .sort();
  const digests: FileDigest[] = [];
  for (const rel of files) {
    const bytes = await readFile(path.join(dir, rel));
    digests.push({ path: rel, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
  }
  return digests;
}

/** Sign a record of `report` (the run's reports in `outDir`) with the private JWK in `keyFile`; write it to outDir/certification.jws. */
export async function certifyRun(report: Report, exitCode: number, outDir: string, keyFile: string): Promise<{ file: string; record: CertificationRecord; kid: string }> {
  const jwk = await readJwkFile(keyFile, "certify-key");
  if (!PRIVATE_MEMBERS.some((m) => m in jwk) || jwk.kty === "oct") {
    throw new HarnessError("usage", `${keyFile} holds no private key: --certify-key needs a private EC, OKP or RSA JWK`, "certify-key");
  }
  const alg = algorithmFor(jwk);
  if (!RECORD_ALGORITHMS.includes(alg)) throw new HarnessError("usage", `Algorithm ${alg} cannot sign a record; use one of ${RECORD_ALGORITHMS.join(", ")}`, "certify-key");
  const key = await importJWK(jwk, alg);
  const pub = publicJwk(jwk);
  const kid = await calculateJwkThumbprint(pub);
  const record: CertificationRecord = {
    type: "authmd-conformance-certification",
    version: 1,
    tool: report.tool,
    profile: report.profile,
    target: report.target.url,
    seed: report.seed,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    verdict: report.verdict,
    exitCode,
    summary: report.summary,
    signedAt: new Date().toISOString(),
    files: await digestFolder(outDir),
  };
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(record)))
    .setProtectedHeader({ alg, typ: RECORD_TYPE, kid, jwk: pub })
    .sign(key);
  const file = path.join(outDir, RECORD_FILE);
  await writeFile(file, `${jws}\n`);
  return { file, record, kid };
}

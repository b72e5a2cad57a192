import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { HarnessError } from "../errors.ts";
import { type CertificationRecord, publicJwk, readJwkFile, RECORD_ALGORITHMS, RECORD_TYPE } from "./record.ts";

export interface FileCheck {
  path: string;
  status: "ok" | "changed" | "missing";
}

export interface Verification {
  /** The signature verifies with the key used (embedded or --key). */
  signatureValid: boolean;
  /** Why the signature does not verify. */
  signatureError?: string;
  /** RFC 7638 thumbprint of the key that was used: compare it with the publisher's. */
  keyThumbprint?: string;
  /** Whether the key came from --key (identity checked) or from the record itself (integrity only). */
  keySource: "argument" | "embedded";
  record?: CertificationRecord;
  files: FileCheck[];
  valid: boolean;
}

/**
 * Check a certification record: its JWS signature (with `keyFile`, else the public key it
 * embeds) and the SHA-256 of every report file it lists, read from `dir` (default: the record's
 * folder). Valid only when the signature verifies and every file is present and unchanged.
 */
export async function verifyRecord(recordFile: string, options: { keyFile?: string; dir?: string } = {}): Promise<Verification> {
  let jws: string;
  try {
    jws = (await readFile(recordFile, "utf8")).trim();
  } catch (err) {
    throw new HarnessError("usage", `Cannot read the record ${recordFile}: ${(err as Error).message}`, "record");
  }
  const dir = options.dir ?? path.dirname(recordFile);
  const keySource = options.keyFile ? "argument" : "embedded";
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch (err) {
    return { signatureValid: false, signatureError: `not a JWS: ${(err as Error).message}`, keySource, files: [], valid: false };
  }
  const jwk: JWK | undefined = options.keyFile ? publicJwk(await readJwkFile(options.keyFile, "key")) : (header.jwk as JWK | undefined);
  if (!jwk) return { signatureValid: false, signatureError: "the record embeds no key (jwk) and no --key was given", keySource, files: [], valid: false };
  const keyThumbprint = await calculateJwkThumbprint(jwk);

  let payload: Uint8Array;
  try {
    if (header.typ !== RECORD_TYPE) throw new Error(`typ is ${String(header.typ)}, expected ${RECORD_TYPE}`);
    const key = await importJWK(jwk, header.alg);
    ({ payload } = await compactVerify(jws, key, { algorithms: RECORD_ALGORITHMS }));
  } catch (err) {
    return { signatureValid: false, signatureError: (err as Error).message, keyThumbprint, keySource, files: [], valid: false };
  }
  const record = JSON.parse(new TextDecoder().decode(payload)) as CertificationRecord;
  const files: FileCheck[] = [];
  for (const f of record.files) {
    const bytes = await readFile(path.join(dir, ...f.path.split("/"))).catch(() => undefined);
    if (!bytes) files.push({ path: f.path, status: "missing" });
    else files.push({ path: f.path, status: bytes.length === f.bytes && createHash("sha256").update(bytes).digest("hex") === f.sha256 ? "ok" : "changed" });
  }
  return { signatureValid: true, keyThumbprint, keySource, record, files, valid: files.every((f) => f.status === "ok") };
}

export function renderVerification(v: Verification, recordFile: string): string {
  const lines: string[] = [];
  if (!v.signatureValid) {
    lines.push(`signature: INVALID (${v.signatureError ?? "unknown"})`);
  } else {
    const r = v.record!;
    lines.push(`signature: valid, key thumbprint ${v.keyThumbprint}${v.keySource === "embedded" ? " (the key embedded in the record: compare this thumbprint with the publisher's, or pass --key)" : " (--key)"}`);
    lines.push(`record: ${r.tool.name} ${r.tool.version}, profile ${r.profile}, target ${r.target}, seed ${r.seed}, started ${r.startedAt}, verdict ${r.verdict} (exit ${r.exitCode})`);
    for (const f of v.files) lines.push(`  ${f.status.padEnd(7)} ${f.path}`);
  }
  lines.push(`${recordFile}: ${v.valid ? "VALID" : "NOT VALID"}${v.signatureValid ? ` (${v.files.filter((f) => f.status === "ok").length}/${v.files.length} files unchanged)` : ""}`);
  return `${lines.join("\n")}\n`;
}

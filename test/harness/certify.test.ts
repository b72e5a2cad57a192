/**
 * Certification records (run --certify, verify): a record over untouched reports verifies; a
 * changed byte in any listed report file, an altered signature or payload, a missing file or the
 * wrong key does not.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { certifyRun, RECORD_FILE } from "../../src/certify/record.ts";
import { verifyRecord } from "../../src/certify/verify.ts";
import { writeReports } from "../../src/report/write.ts";
import { runCli, tempDir } from "../support/cli.ts";
import { fakeCheck, fakeReport } from "../support/fake-report.ts";

async function keyPair(dir: string, alg: "ES256" | "EdDSA" | "RS256", name: string): Promise<{ privateFile: string; publicFile: string }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const privateFile = path.join(dir, `${name}.private.jwk`);
  const publicFile = path.join(dir, `${name}.public.jwk`);
  await writeFile(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), alg }));
  await writeFile(publicFile, JSON.stringify(await exportJWK(publicKey)));
  return { privateFile, publicFile };
}

describe("certification record", () => {
  let keys: string;
  let signer: { privateFile: string; publicFile: string };
  let other: { privateFile: string; publicFile: string };

  beforeAll(async () => {
    keys = await tempDir("authmd-keys-");
    signer = await keyPair(keys, "ES256", "signer");
    other = await keyPair(keys, "ES256", "other");
  });

  /** Reports of a small run (with a nested allure file, as a real run has) and a record over them. */
  async function certified(alg: "ES256" | "EdDSA" | "RS256" = "ES256"): Promise<{ out: string; record: string; publicFile: string }> {
    const out = await tempDir("authmd-certify-");
    const report = fakeReport([fakeCheck({ id: "DISC-PRM-01", status: "pass" }), fakeCheck({ id: "DISC-PRM-05", status: "warn", level: "SHOULD" })]);
    await writeReports(report, out, {});
    await mkdir(path.join(out, "allure-results"), { recursive: true });
    await writeFile(path.join(out, "allure-results", "a-result.json"), '{"status":"passed"}');
    const pair = alg === "ES256" ? signer : await keyPair(keys, alg, alg);
    const { file, record } = await certifyRun(report, 0, out, pair.privateFile);
    expect(record.files.map((f) => f.path)).toEqual(["allure-results/a-result.json", "badge.svg", "junit.xml", "report.html", "report.json", "summary.md"]);
    expect(record).toMatchObject({ tool: report.tool, profile: "v0.1", target: report.target.url, seed: 7, verdict: "conformant", exitCode: 0 });
    return { out, record: file, publicFile: pair.publicFile };
  }

  it("verifies an untouched record, with the embedded key and with the publisher's key", async () => {
    for (const alg of ["ES256", "EdDSA", "RS256"] as const) {
      const { record, publicFile } = await certified(alg);
      const embedded = await verifyRecord(record);
      expect(embedded, alg).toMatchObject({ valid: true, signatureValid: true, keySource: "embedded" });
      expect(embedded.files.every((f) => f.status === "ok")).toBe(true);
      expect(await verifyRecord(record, { keyFile: publicFile })).toMatchObject({ valid: true, keySource: "argument" });
    }
  });

  it("rejects the record when any byte of any listed report file changed", async () => {
    const { out, record } = await certified();
    const listed = (await verifyRecord(record)).files.map((f) => f.path);
    for (const rel of listed) {
      const file = path.join(out, rel);
      const original = await readFile(file);
      const changed = Buffer.from(original);
      const at = Math.floor(changed.length / 2);
      changed[at] = changed[at]! ^ 0x01;
      await writeFile(file, changed);
      const result = await verifyRecord(record);
      expect(result.valid, rel).toBe(false);
      expect(result.signatureValid).toBe(true);
      expect(result.files.filter((f) => f.status !== "ok")).toEqual([{ path: rel, status: "changed" }]);
      await writeFile(file, original);
    }
    expect((await verifyRecord(record)).valid).toBe(true);
  });

  it("rejects a record whose signature or payload was altered, or that another key signed", async () => {
    const { out, record } = await certified();
    const jws = (await readFile(record, "utf8")).trim();
    const [header, payload, signature] = jws.split(".") as [string, string, string];

    const flipped = signature.slice(0, 10) + (signature[10] === "A" ? "B" : "A") + signature.slice(11);
    await writeFile(record, `${header}.${payload}.${flipped}\n`);
    expect(await verifyRecord(record)).toMatchObject({ valid: false, signatureValid: false });

    const doc = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { verdict: string };
    doc.verdict = "conformant (edited)";
    await writeFile(record, `${header}.${Buffer.from(JSON.stringify(doc)).toString("base64url")}.${signature}\n`);
    expect(await verifyRecord(record)).toMatchObject({ valid: false, signatureValid: false });

    await writeFile(record, `${jws}\n`);
    expect(await verifyRecord(record, { keyFile: other.publicFile })).toMatchObject({ valid: false, signatureValid: false });
    expect((await verifyRecord(record)).valid).toBe(true);
    expect(path.basename(record)).toBe(RECORD_FILE);
    expect(out).toBe(path.dirname(record));
  });

  it("the CLI: run --certify writes a record that verify accepts (exit 0) and rejects once a report changed (exit 1)", async () => {
    const out = await tempDir("authmd-certify-cli-");
    const ran = await runCli(["demo", "--profile", "v0.1", "--only", "DISC-PRM-*", "--out", out, "--certify", "--certify-key", signer.privateFile]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`certification record: ${path.join(out, RECORD_FILE)}`);
    const ok = await runCli(["verify", path.join(out, RECORD_FILE), "--key", signer.publicFile]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("VALID");
    const report = path.join(out, "report.json");
    await writeFile(report, (await readFile(report, "utf8")).replace('"conformant"', '"conformant "'));
    const bad = await runCli(["verify", path.join(out, RECORD_FILE)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/changed\s+report\.json/);
    const missingKey = await runCli(["demo", "--profile", "v0.1", "--only", "DISC-PRM-01", "--out", out, "--certify"]);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain("certify-key");
  });
});

import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { observeIssuedSecrets } from "../../sample-service/index.ts";
import { runCli, tempDir } from "../support/cli.ts";
import { startRealTarget } from "../support/real-target.ts";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    if ((await stat(full)).isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/**
 * A JWT the harness minted or forged: its issuer, or (a forged token without `iss`) its client_id
 * (the provider's CIMD), lives on a mock provider's origin.
 */
function harnessMinted(jwt: string, providerOrigins: string[]): boolean {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as { iss?: unknown; client_id?: unknown };
    return [payload.iss, payload.client_id].some((v) => typeof v === "string" && URL.canParse(v) && providerOrigins.includes(new URL(v).origin));
  } catch {
    return false;
  }
}

describe("secrets never reach the reports", () => {
  const seen: string[] = [];
  observeIssuedSecrets((s) => seen.push(s));
  afterAll(() => observeIssuedSecrets(undefined));

  it("a full run's report files contain no credential, claim token, attempt token, OTP, assertion or private key", async () => {
    const { service, configFile, providerOrigins } = await startRealTarget();
    const out = await tempDir();
    const stateDir = await tempDir("authmd-state-");
    let printed = "";
    try {
      const res = await runCli(["run", "--config", configFile, "--out", out, "--seed", "7"], { timeoutMs: 300_000, env: { AUTHMD_PROVIDER_STATE_DIR: stateDir } });
      expect(res.code, res.stderr).toBe(0);
      printed = res.stdout + res.stderr;
    } finally {
      await service.close();
    }
    // The provider's stored private keys (primary and second issuer) reach neither the reports nor the console.
    const keyFiles = (await readdir(stateDir)).filter((f) => f.endsWith(".private.jwk.json"));
    expect(keyFiles.sort()).toEqual(["primary-ES256.private.jwk.json", "second-ES256.private.jwk.json"]);
    for (const f of keyFiles) {
      const { d } = JSON.parse(await readFile(path.join(stateDir, f), "utf8")) as { d: string };
      seen.push(d);
      expect(printed).not.toContain(d);
    }
    await rm(stateDir, { recursive: true, force: true });
    expect(seen.length, "the run should have been issued secrets").toBeGreaterThan(5);
    const files = await filesUnder(out);
    expect(files.length).toBeGreaterThan(4);
    const leaks: string[] = [];
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const secret of seen) {
        const pattern = /^\d+$/.test(secret) ? new RegExp(`(?<![0-9])${secret}(?![0-9])`) : undefined;
        if (pattern ? pattern.test(text) : text.includes(secret)) leaks.push(`${path.relative(out, file)}: ${secret.slice(0, 4)}…`);
      }
      if (/"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/.test(text)) leaks.push(`${path.relative(out, file)}: private JWK member "d"`);
      if (/-----BEGIN (EC |RSA )?PRIVATE KEY-----/.test(text)) leaks.push(`${path.relative(out, file)}: PEM private key`);
      // A signed JWT is a leak unless the harness minted it (its issuer is one of the mock
      // providers): those are test material and are shown in clear on purpose.
      for (const jwt of text.matchAll(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g)) {
        if (!harnessMinted(jwt[0], providerOrigins)) leaks.push(`${path.relative(out, file)}: signed JWT ${jwt[0].slice(0, 12)}…`);
      }
      // Secret shapes the sample service issues, in case one was issued outside the observer.
      const shaped = /\b(sk_test_|at_|clm_|cat_)[A-Za-z0-9]{20,}/.exec(text);
      if (shaped) leaks.push(`${path.relative(out, file)}: ${shaped[1]}…`);
    }
    expect(leaks).toEqual([]);
    // The run did create credentials: the ledger lists them, masked.
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as { ledger: Array<{ credential?: string }> };
    expect(report.ledger.length).toBeGreaterThan(10);
    for (const entry of report.ledger) expect(entry.credential ?? "«redacted:").toMatch(/^«redacted:/);
  });
});

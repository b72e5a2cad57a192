import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.ts";

// Issued credentials, claim tokens and private key material must never reach a report: the
// redactor masks them as «redacted:…#hash». This scans every file a demo run writes.
const SECRET_PATTERNS: Array<[string, RegExp]> = [
  ["api key", /sk_test_[A-Za-z0-9]{20,}/],
  ["access token", /\bat_[A-Za-z0-9]{20,}/],
  ["claim token", /\bclm_[A-Za-z0-9]{20,}/],
  ["claim attempt token", /\bcat_[A-Za-z0-9]{20,}/],
  ["private JWK member d", /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/],
  ["compact JWS", /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/],
];

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    if ((await stat(full)).isDirectory()) out.push(...(await files(full)));
    else out.push(full);
  }
  return out;
}

describe("reports of a demo run", () => {
  it("hold no issued credential, bearer token or private key material", async () => {
    const out = await tempDir();
    const res = await runCli(["demo", "--out", out, "--seed", "11", "--only", "IDJAG-*,SIG-*,RPL-*,REV-*"], { timeoutMs: 300_000 });
    expect(res.code).toBe(0);
    const found: string[] = [];
    const all = await files(out);
    expect(all.length).toBeGreaterThan(3);
    for (const file of all) {
      const text = await readFile(file, "utf8");
      for (const [what, pattern] of SECRET_PATTERNS) {
        const match = pattern.exec(text);
        if (match) found.push(`${path.relative(out, file)}: ${what} (${match[0].slice(0, 12)}…)`);
      }
    }
    expect(found).toEqual([]);
    // The run did create credentials: the ledger lists them masked.
    const report = JSON.parse(await readFile(path.join(out, "report.json"), "utf8")) as { ledger: Array<{ credential?: string }> };
    expect(report.ledger.length).toBeGreaterThan(10);
    for (const entry of report.ledger) expect(entry.credential ?? "«redacted:").toMatch(/^«redacted:/);
  });
});

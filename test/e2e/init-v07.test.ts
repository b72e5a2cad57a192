/**
 * `init --target` against the v0.7 sample service: the starter config names v0.7 and asks for a
 * user actor (two accounts and the sign-in form) instead of v0.1's claim mailbox, and it is a
 * valid config once filled in.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSampleServiceV07 } from "../../sample-service/v0_7/index.ts";
import { configSchema } from "../../src/config/schema.ts";
import { runCli, tempDir } from "../support/cli.ts";

describe("init (v0.7)", () => {
  let service: Awaited<ReturnType<typeof startSampleServiceV07>>;
  beforeAll(async () => {
    service = await startSampleServiceV07({});
  });
  afterAll(async () => {
    await service?.close();
  });

  it("writes a v0.7 starter config with a commented userActor section and no mailbox", async () => {
    const config = path.join(await tempDir("authmd-init-v07-"), "authmd-conformance.yaml");
    const res = await runCli(["init", "--target", service.url, "--out", config]);
    expect(res.code, res.stderr).toBe(0);
    const text = await readFile(config, "utf8");
    const doc = parseDocument(text);
    expect(doc.get("profile")).toBe("v0.7");
    expect(doc.getIn(["userActor", "adapter"])).toBe("form");
    for (const key of ["mailbox", "mail", "user"]) expect(doc.has(key), key).toBe(false);
    expect(text).toContain("userActor.accounts");
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith("userActor:"));
    expect(lines[at - 1]).toMatch(/^#/);
    // Filled in as a user would, it is a valid config.
    doc.setIn(["userActor", "accounts", "confirm", "email"], "alice@service.example.com");
    doc.setIn(["userActor", "accounts", "other", "email"], "bob@service.example.com");
    const parsed = configSchema.safeParse(doc.toJS());
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

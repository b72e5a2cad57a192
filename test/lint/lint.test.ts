import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSampleService, startSampleService } from "../../sample-service/index.ts";
import { lintDocument } from "../../src/lint/document-rules.ts";
import { runLint } from "../../src/lint/index.ts";
import type { LintFinding } from "../../src/lint/types.ts";
import { runCli, tempDir } from "../support/cli.ts";

const byRule = (findings: LintFinding[], rule: string) => findings.filter((f) => f.rule === rule);
const verdictOf = (findings: LintFinding[], rule: string) => byRule(findings, rule).map((f) => f.verdict);

const BROKEN = [
  "Welcome to our API",
  "",
  "## Step 1 — Discover",
  "Call {{SERVICE_URL}}/api and read the 401.",
  "## Step 2 — Pick a method",
  "## Step 3 — Register",
  "```json",
  '{ "type": "anonymous", "requested_credential_type": <your-credential-type> }',
  "```",
  "## Step 4 — Claim ceremony",
  "## Step 5 — Use the credential",
  "Send `Authorization: Bearer [YOUR_API_KEY]`.",
].join("\n");

let service: RunningSampleService;
let manifest: string;
let asMetadata: Record<string, unknown>;

beforeAll(async () => {
  service = await startSampleService();
  manifest = await (await fetch(`${service.url}/auth.md`)).text();
  asMetadata = (await (await fetch(`${service.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
});

afterAll(async () => {
  await service?.close();
});

describe("lint of a document", () => {
  it("passes on the sample service's own auth.md, with and without its metadata", () => {
    for (const findings of [lintDocument(manifest), lintDocument(manifest, { metadata: asMetadata })]) {
      const problems = findings.filter((f) => f.verdict === "warn" || f.verdict === "fail").map((f) => `${f.rule}: ${f.message}`);
      expect(problems).toEqual([]);
    }
    expect(lintDocument(manifest, { metadata: asMetadata }).map((f) => f.rule)).toEqual(
      expect.arrayContaining(["LINT-TITLE", "LINT-SECTIONS", "LINT-JSON", "LINT-PLACEHOLDER", "LINT-ERRORS-TABLE", "LINT-META-FLOWS", "LINT-META-URLS"]),
    );
  });

  it("names each problem of a broken document", () => {
    const findings = lintDocument(BROKEN);
    expect(verdictOf(findings, "LINT-TITLE")).toEqual(["warn"]);
    const sections = byRule(findings, "LINT-SECTIONS")[0]!;
    expect(sections.verdict).toBe("warn");
    expect(sections.message).toBe("Missing sections: Errors, Revocation");
    const json = byRule(findings, "LINT-JSON")[0]!;
    expect(json).toMatchObject({ verdict: "fail", line: 7 });
    const placeholders = byRule(findings, "LINT-PLACEHOLDER")[0]!;
    expect(placeholders.verdict).toBe("fail");
    expect(placeholders.details).toEqual([
      "line 4: {{SERVICE_URL}} (template placeholder)",
      "line 8: <your-credential-type> (template placeholder)",
      "line 12: [YOUR_API_KEY] (template placeholder)",
    ]);
    expect(verdictOf(findings, "LINT-PRM-LINK")).toEqual(["warn"]);
    expect(verdictOf(findings, "LINT-ERRORS-TABLE")).toEqual(["warn"]);
  });

  it("fails an HTML page (SPA fallback) and an empty file without crashing", () => {
    const html = lintDocument("<!doctype html>\n<html><body><div id=root></div></body></html>");
    expect(html).toEqual([expect.objectContaining({ rule: "LINT-NOT-HTML", verdict: "fail" })]);
    expect(lintDocument("  \n")).toEqual([expect.objectContaining({ rule: "LINT-EMPTY", verdict: "fail" })]);
  });

  it("tolerates front matter, renamed sections and JSONC examples, and says so", () => {
    const doc = [
      "---",
      "title: Acme auth",
      "---",
      "# Acme for agents",
      "## Discovery",
      "See /.well-known/oauth-protected-resource and agent_auth; send Authorization: Bearer <key>.",
      "## Choosing a method",
      "## Registering (anonymous)",
      "```json",
      '{ "type": "anonymous", // the only method',
      '  "requested_credential_type": "api_key", }',
      "```",
      "## Claiming",
      "## Using the API",
      "## Error codes",
      "| Error | Meaning |",
      "| --- | --- |",
      "| `unsupported_credential_type` | ask for api_key |",
      "## Revoking",
      "```json",
      "{ unclosed",
    ].join("\n");
    const findings = lintDocument(doc);
    expect(verdictOf(findings, "LINT-FRONT-MATTER")).toEqual(["pass"]);
    expect(byRule(findings, "LINT-TITLE")[0]).toMatchObject({ verdict: "pass", message: 'Title: "Acme for agents"' });
    const sections = byRule(findings, "LINT-SECTIONS")[0]!;
    expect(sections.verdict).toBe("pass");
    expect(sections.details).toContain('Step 1 — Discover: found as "Discovery" (line 5)');
    expect(byRule(findings, "LINT-JSON").map((f) => [f.verdict, f.line])).toEqual([
      ["warn", 9],
      ["fail", 20],
    ]);
    expect(verdictOf(findings, "LINT-ERRORS-TABLE")).toEqual(["pass"]);
  });

  it("checks the document's flows and URLs against the metadata", () => {
    const other = structuredClone(asMetadata) as { agent_auth: Record<string, unknown> };
    other.agent_auth.register_uri = "https://auth.acme.test/agent/auth";
    other.agent_auth.identity_types_supported = ["identity_assertion"];
    delete other.agent_auth.anonymous;
    const findings = lintDocument(manifest, { metadata: other });
    const urls = byRule(findings, "LINT-META-URLS")[0]!;
    expect(urls.verdict).toBe("fail");
    expect(urls.message).toMatch(new RegExp(`register_uri: line \\d+ says ${service.url}/agent/auth, the metadata says https://auth.acme.test/agent/auth`));
    expect(byRule(findings, "LINT-META-FLOWS")[0]).toMatchObject({ verdict: "warn", message: "documented but not advertised in agent_auth: anonymous" });
    expect(lintDocument(manifest, { metadata: { issuer: "x" } })).toContainEqual(expect.objectContaining({ rule: "LINT-META", verdict: "fail" }));
  });
});

describe("lint of a URL", () => {
  it("applies the scanner criteria and the discovery documents to the running sample service", async () => {
    const result = await runLint({ input: `${service.url}/auth.md`, requestTimeoutMs: 5000 });
    expect(result.kind).toBe("url");
    expect(result.findings.filter((f) => f.verdict === "warn" || f.verdict === "fail").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(result.revision?.revision).toBe("v0.1");
    expect(result.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(["LINT-HTTP-200", "LINT-CONTENT-TYPE", "LINT-PRM", "LINT-AS-METADATA", "LINT-NOT-HTML", "LINT-TITLE", "LINT-MARKERS", "LINT-META-URLS"]),
    );
    expect(result.verdict).toBe("pass");
  });

  it("reports a missing document as a failed criterion, not a crash", async () => {
    const result = await runLint({ input: `${service.url}/no-such-auth.md`, requestTimeoutMs: 5000 });
    expect(result.findings).toEqual([expect.objectContaining({ rule: "LINT-HTTP-200", verdict: "fail" })]);
    expect(result.verdict).toBe("fail");
  });
});

describe("lint CLI", () => {
  it("exits 1 on a broken file and prints the rule ids", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "auth.md");
    await writeFile(file, BROKEN);
    const res = await runCli(["lint", file], { timeoutMs: 60_000 });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✗ fail +LINT-PLACEHOLDER/);
    expect(res.stdout).toMatch(/! warn +LINT-SECTIONS/);
    expect(res.stdout).toMatch(/^FAIL: /m);
  });
});

describe("lint CLI revision", () => {
  it("names the revision at the top and in --json; --profile forces it; a bad --profile is a usage error", async () => {
    const fixture = path.join(import.meta.dirname, "fixtures", "v0_7.md");
    const text = await runCli(["lint", fixture], { timeoutMs: 60_000 });
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[1]).toBe("revision: v0.7 (detected)");
    const json = await runCli(["lint", fixture, "--json", "--profile", "v0.1"], { timeoutMs: 60_000 });
    const result = JSON.parse(json.stdout) as { revision: { revision: string; forced: boolean }; counts: { byVerdict: Record<string, number> } };
    expect(result.revision).toMatchObject({ revision: "v0.1", forced: true });
    expect(result.counts.byVerdict.warn).toBeGreaterThan(0);
    const bad = await runCli(["lint", fixture, "--profile", "v9"], { timeoutMs: 60_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--profile expects v0\.1 or v0\.7/);
  });
});

describe("lint usage errors", () => {
  it("a missing file or metadata file is a usage error naming the field", async () => {
    await expect(runLint({ input: "/nonexistent/auth.md" })).rejects.toMatchObject({ code: "usage", field: "input" });
    await expect(runLint({ input: "/nonexistent/auth.md", metadataFile: "/nonexistent/as.json" })).rejects.toMatchObject({ code: "usage", field: "metadata" });
  });
});

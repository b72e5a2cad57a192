import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSampleServiceV07, startSampleServiceV07 } from "../../sample-service/v0_7/index.ts";
import { lintDocumentReport } from "../../src/lint/document-rules.ts";
import { runLint } from "../../src/lint/index.ts";
import { renderLint } from "../../src/lint/render.ts";
import { type LintFinding, countFindings, overallVerdict } from "../../src/lint/types.ts";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
/** Every finding that is not a pass, as "verdict RULE", sorted (LINT-REVISION is always there and checked apart). */
const notPass = (findings: LintFinding[]) =>
  findings
    .filter((f) => f.verdict !== "pass" && f.rule !== "LINT-REVISION")
    .map((f) => `${f.verdict} ${f.rule}`)
    .sort();
const only = (findings: LintFinding[], rule: string) => findings.filter((f) => f.rule === rule);

describe("lint fixtures: each shape gives exactly its expected findings", () => {
  it("v0.1 document: revision v0.1 with its evidence, nothing to report", () => {
    const r = lintDocumentReport(fixture("v0_1.md"));
    expect(r.revision).toMatchObject({ revision: "v0.1", forced: false });
    expect(r.revision!.evidence).toContainEqual(expect.stringMatching(/register_uri .*→ v0\.1/));
    expect(notPass(r.findings)).toEqual([]);
    // v0.1 rules ran, v0.7's did not: the v0.1 outline title is the one reported.
    expect(only(r.findings, "LINT-SECTIONS")[0]!.title).toMatch(/v0\.1 outline/);
  });

  it("v0.7 document: revision v0.7, nothing to report, RFC 8628 / OIDC codes are not service-specific", () => {
    const r = lintDocumentReport(fixture("v0_7.md"));
    expect(r.revision).toMatchObject({ revision: "v0.7", forced: false });
    expect(notPass(r.findings)).toEqual([]);
    const errors = only(r.findings, "LINT-ERRORS-TABLE")[0]!;
    expect(errors.title).toMatch(/v0\.7 codes/);
    expect(errors.details ?? []).toEqual([]);
  });

  it("partial adopter: each declared divergence is information, and no code is demanded for flows it does not offer", () => {
    const r = lintDocumentReport(fixture("partial-adopter.md"));
    expect(r.revision!.revision).toBe("v0.7");
    expect(notPass(r.findings)).toEqual(["info LINT-DIVERGENCE", "info LINT-DIVERGENCE", "info LINT-DIVERGENCE", "info LINT-DIVERGENCE", "info LINT-DIVERGENCE"]);
    expect(only(r.findings, "LINT-DIVERGENCE").map((f) => f.line)).toEqual([53, 54, 55, 53, 54]);
    expect(only(r.findings, "LINT-DIVERGENCE")[0]!.text).toMatch(/^ID-JAG registration/);
    const errors = only(r.findings, "LINT-ERRORS-TABLE")[0]!;
    expect(errors.verdict).toBe("pass");
    expect(JSON.stringify(errors)).not.toMatch(/login_required|interaction_required|issuer_not_enabled|invalid_login_hint/);
  });

  it("a section about ID-JAG that says it is not supported demands no ID-JAG codes", () => {
    const text = fixture("partial-adopter.md")
      .replace(/^- ID-JAG registration.*$/m, "")
      .replace("## Revocation", "## ID-JAG\n\nNot supported: we keep no provider trust list.\n\n## Revocation");
    const r = lintDocumentReport(text);
    expect(only(r.findings, "LINT-ERRORS-TABLE")[0]!.verdict).toBe("pass");
    expect(only(r.findings, "LINT-DIVERGENCE").map((f) => f.message)).toContainEqual("Declares the identity_assertion (ID-JAG) flow not offered: rules for it are not run");
  });

  it("the same partial adopter with the ID-JAG divergence removed is asked for the ID-JAG codes (the rule can fail)", () => {
    const text = fixture("partial-adopter.md").replace(/^- ID-JAG registration.*$/m, "").replace("Only `anonymous` registration is offered here.", "Use `anonymous`, or an ID-JAG from your provider.");
    const errors = only(lintDocumentReport(text).findings, "LINT-ERRORS-TABLE")[0]!;
    expect(errors.verdict).toBe("warn");
    expect(errors.details).toContainEqual(expect.stringContaining("login_required"));
  });

  it("a negated rule of an offered flow is not a declaration that the flow is absent", () => {
    const text = fixture("v0_7.md")
      .replace("## Step 3: Register", "## Step 3: Register\n\nAn ID-JAG without `auth_time` is not accepted.")
      .replace("| `login_required` | /agent/identity (401) |\n", "");
    const r = lintDocumentReport(text);
    expect(only(r.findings, "LINT-DIVERGENCE")).toEqual([]);
    expect(only(r.findings, "LINT-ERRORS-TABLE")[0]).toMatchObject({ verdict: "warn", details: [expect.stringContaining("(login_required; AT-01)")] });
  });

  it("self-contradicting document: polling in two places, email vs login_hint, and what a reviewer flags first", () => {
    const r = lintDocumentReport(fixture("self-contradicting.md"));
    expect(r.revision!.revision).toBe("v0.7");
    expect(notPass(r.findings)).toEqual([
      "fail LINT-CLAIM-BODY",
      "fail LINT-POLLING",
      "warn LINT-AGENT-AUTH",
      "warn LINT-ERROR-ENVELOPE",
      "warn LINT-ERRORS-TABLE",
      "warn LINT-REG-ENDPOINT",
      "warn LINT-SECTIONS",
    ]);
    expect(only(r.findings, "LINT-POLLING")[0]!.details).toEqual(["line 16: /oauth2/token", "line 34: /agent/identity/status"]);
    expect(only(r.findings, "LINT-CLAIM-BODY")[0]!.details).toEqual(["line 15: email", "line 35: login_hint"]);
    expect(only(r.findings, "LINT-ERRORS-TABLE")[0]!.message).toMatch(/removed since v0\.1: otp_invalid/);
    expect(only(r.findings, "LINT-REG-ENDPOINT")[0]).toMatchObject({ line: 11, message: expect.stringContaining("/api/v1/agents, an endpoint no metadata advertises") });
    // "Step 2 — Register a client" has the number of "Pick", not its subject; the second Step 1–2 run is not merged in.
    const sections = only(r.findings, "LINT-SECTIONS")[0]!;
    expect(sections.message).toBe("Missing sections: Step 2 — Pick an identity type");
    expect(sections.details).toContainEqual(
      'missing: Step 2 — Pick an identity type (line 9 "Step 2 — Register a client" has its number but not its subject; only in another step sequence: line 28 "Step 1 — Pick a method")',
    );
    expect(sections.details).toContainEqual(expect.stringMatching(/^2 separate step sequences/));
  });

  it("email-link fork: no agent_auth, provisioning at its own path, a claim with no completion signal", () => {
    const r = lintDocumentReport(fixture("email-link-fork.md"));
    expect(notPass(r.findings)).toEqual(["info LINT-DIVERGENCE", "warn LINT-AGENT-AUTH", "warn LINT-CLAIM-COMPLETION", "warn LINT-MARKERS", "warn LINT-REG-ENDPOINT"]);
    expect(only(r.findings, "LINT-CLAIM-COMPLETION")[0]!.line).toBe(20);
    // ID-JAG is declared not supported: no ID-JAG code is demanded.
    expect(only(r.findings, "LINT-ERRORS-TABLE")[0]!.verdict).toBe("pass");
  });

  it("two-path fork (OAuth delegation + email provisioning) with declared divergences: the reviewer's findings, nothing demanded for what it does not offer", () => {
    const r = lintDocumentReport(fixture("two-paths-fork.md"));
    expect(r.revision!.revision).toBe("v0.7");
    expect(notPass(r.findings)).toEqual([
      ...Array(6).fill("info LINT-DIVERGENCE"),
      "warn LINT-AGENT-AUTH",
      "warn LINT-CLAIM-COMPLETION",
      "warn LINT-ERROR-ENVELOPE",
      "warn LINT-MARKERS",
      "warn LINT-REG-ENDPOINT",
      "warn LINT-SECTIONS",
      "warn LINT-TITLE",
    ]);
    expect(only(r.findings, "LINT-FRONT-MATTER")[0]).toMatchObject({ verdict: "pass", message: "Front matter (4 lines) skipped" });
    // The RFC 7591 client registration its own metadata example advertises is not flagged; the provisioning path is.
    expect(only(r.findings, "LINT-REG-ENDPOINT")[0]!.details).toEqual(["line 52: POST /v2/agent-accounts"]);
    expect(only(r.findings, "LINT-ERROR-ENVELOPE")[0]!.message).toMatch(/^A different error envelope: "error" is an object/);
    // ID-JAG and the poll are declared absent: no ID-JAG or poll code is demanded.
    const errors = only(r.findings, "LINT-ERRORS-TABLE")[0]!;
    expect(errors.verdict).toBe("pass");
    expect(errors.details).toEqual(["service-specific codes (not in the v0.7 vocabulary): agent_signup_disabled, signup_rate_limited"]);
    // "Step 2 — Register a client" is not "Pick"; the Claim ceremony of the second sequence is not merged into the first.
    const sections = only(r.findings, "LINT-SECTIONS")[0]!;
    expect(sections.message).toBe("Missing sections: Step 2 — Pick an identity type, Step 4 — Claim ceremony");
    expect(sections.details).toContainEqual(expect.stringContaining('only in another step sequence: line 60 "Step 2 — Claim ceremony"'));
  });

  it("every finding names its rule, its source, and its place when it is about one", () => {
    for (const name of ["v0_1.md", "v0_7.md", "partial-adopter.md", "self-contradicting.md", "email-link-fork.md", "two-paths-fork.md"]) {
      for (const f of lintDocumentReport(fixture(name)).findings) {
        expect(f.rule, name).toMatch(/^LINT-/);
        expect(f.source?.length ?? 0, `${name} ${f.rule}`).toBeGreaterThan(5);
        if (f.verdict === "fail" || (f.verdict === "warn" && f.rule !== "LINT-AGENT-AUTH" && f.rule !== "LINT-MARKERS" && f.rule !== "LINT-SECTIONS")) expect(f.line, `${name} ${f.rule}`).toBeGreaterThan(0);
      }
    }
  });
});

describe("lint revision choice", () => {
  it("--profile forces a revision and runs only its rules", () => {
    const r = lintDocumentReport(fixture("v0_7.md"), { profile: "v0.1" });
    expect(r.revision).toMatchObject({ revision: "v0.1", forced: true });
    expect(only(r.findings, "LINT-SECTIONS")[0]!.title).toMatch(/v0\.1 outline/);
    expect(only(r.findings, "LINT-FIELD-NAMES")[0]).toMatchObject({ verdict: "warn", message: expect.stringContaining("identity_endpoint") });
  });

  it("a v0.7 document is not asked for otp_invalid, otp_expired or unsupported_credential_type", () => {
    const r = lintDocumentReport(fixture("v0_7.md"));
    expect(JSON.stringify(r.findings)).not.toMatch(/otp_invalid|otp_expired|unsupported_credential_type/);
  });

  it("no marker at all: v0.7 assumed, and the evidence says so", () => {
    const r = lintDocumentReport("# Hello\n\nJust text.\n");
    expect(r.revision!.revision).toBe("v0.7");
    expect(r.revision!.evidence).toEqual(["no revision marker found: assumed v0.7 (the newest revision)"]);
  });
});

describe("lint against v0.7 metadata", () => {
  const metadata = () => JSON.parse(/```json\n([\s\S]*?)\n```/.exec(fixture("v0_7.md"))![1]!) as Record<string, unknown> & { agent_auth: Record<string, unknown> };

  it("the document's own metadata agrees", () => {
    expect(notPass(lintDocumentReport(fixture("v0_7.md"), { metadata: metadata() }).findings)).toEqual([]);
  });

  it("identity_endpoint and claim_endpoint on another host than the AS: contradiction and off-host findings", () => {
    const m = metadata();
    m.agent_auth.identity_endpoint = "https://elsewhere.test/agent/identity";
    m.agent_auth.claim_endpoint = "https://elsewhere.test/agent/identity/claim";
    const urls = only(lintDocumentReport(fixture("v0_7.md"), { metadata: m }).findings, "LINT-META-URLS");
    expect(urls.map((f) => f.verdict)).toEqual(["fail", "warn"]);
    expect(urls[0]!.details).toContainEqual(expect.stringMatching(/^identity_endpoint: line \d+ says https:\/\/notes\.birchwood\.test\/agent\/identity, the metadata says https:\/\/elsewhere\.test/));
    expect(urls[1]!.details).toEqual([
      "identity_endpoint https://elsewhere.test/agent/identity is on elsewhere.test, not on the authorization server (issuer https://notes.birchwood.test)",
      "claim_endpoint https://elsewhere.test/agent/identity/claim is on elsewhere.test, not on the authorization server (issuer https://notes.birchwood.test)",
    ]);
  });

  it("metadata without agent_auth, or with the other revision's names, fails LINT-META", () => {
    const none = metadata() as Record<string, unknown>;
    delete none.agent_auth;
    expect(only(lintDocumentReport(fixture("v0_7.md"), { metadata: none }).findings, "LINT-META")[0]).toMatchObject({ verdict: "fail", message: "The metadata has no agent_auth block" });
    const old = metadata();
    old.agent_auth.register_uri = old.agent_auth.identity_endpoint;
    delete old.agent_auth.identity_endpoint;
    const r = lintDocumentReport(fixture("v0_7.md"), { metadata: old, profile: "v0.7" });
    expect(only(r.findings, "LINT-META")[0]).toMatchObject({ verdict: "fail", message: "agent_auth has no identity_endpoint (it has register_uri, the other revision's name)" });
  });

  it("v0.7 text with v0.1 metadata: the revisions disagree", () => {
    const v01Meta = { agent_auth: { register_uri: "https://notes.birchwood.test/agent/auth", identity_types_supported: ["anonymous"] } };
    const r = lintDocumentReport(fixture("v0_7.md"), { metadata: v01Meta });
    expect(r.findings.filter((f) => f.rule === "LINT-REVISION").map((f) => [f.verdict, f.message])).toEqual([
      ["info", expect.stringMatching(/^Rules for v0\.7/)],
      ["warn", "The document reads as v0.7, its metadata's agent_auth as v0.1"],
    ]);
  });

  it("metadata that advertises ID-JAG while the text says it is not offered is a flows finding", () => {
    const m = metadata();
    const r = lintDocumentReport(fixture("partial-adopter.md"), { metadata: m });
    const flows = only(r.findings, "LINT-META-FLOWS")[0]!;
    expect(flows.verdict).toBe("warn");
    expect(flows.details).toContainEqual("advertised in agent_auth, but line 53 says it is not offered: identity_assertion (ID-JAG)");
  });
});

describe("lint front matter, size cap and honest output", () => {
  it("an unclosed front matter block does not swallow the title: it is read as Markdown and reported", () => {
    const text = ["---", "title: Acme", "# Acme for agents", "", "Text.", "", "---", "", "## Errors"].join("\n");
    const r = lintDocumentReport(text);
    expect(only(r.findings, "LINT-FRONT-MATTER")[0]).toMatchObject({ verdict: "warn", line: 1 });
    expect(only(r.findings, "LINT-TITLE")[0]).toMatchObject({ verdict: "pass", message: 'Title: "Acme for agents"', line: 3 });
  });

  it("a closed front matter block is skipped with line numbers kept", () => {
    const r = lintDocumentReport(["---", "title: Acme", "tags: [a, b]", "---", "# Acme"].join("\n"));
    expect(only(r.findings, "LINT-FRONT-MATTER")[0]).toMatchObject({ verdict: "pass" });
    expect(only(r.findings, "LINT-TITLE")[0]).toMatchObject({ line: 5 });
  });

  it("refuses a document over 2 MB with one clear finding", () => {
    const r = lintDocumentReport(`# big\n${"x".repeat(2 * 1024 * 1024)}`);
    expect(r.findings).toEqual([expect.objectContaining({ rule: "LINT-SIZE", verdict: "fail", message: expect.stringContaining("at most 2097152 bytes (2 MB)") })]);
  });

  it("placeholder hits are all kept; the text output says how many it leaves out", () => {
    const text = `# T\n${Array.from({ length: 25 }, (_, i) => `Use {{VAR_${i}}} here.`).join("\n")}\n`;
    const findings = lintDocumentReport(text).findings;
    const p = only(findings, "LINT-PLACEHOLDER")[0]!;
    expect(p.details).toHaveLength(25);
    expect(p.message).toMatch(/^25 unreplaced placeholder\(s\) on 25 line\(s\)/);
    const out = renderLint({ input: "x.md", kind: "file", verdict: overallVerdict(findings), counts: countFindings(findings), findings });
    expect(out).toContain("… and 5 more (all 25 in --json)");
    expect(out).toMatch(/findings per rule: .*LINT-PLACEHOLDER 1/);
  });
});

describe("lint on the v0.7 sample service", () => {
  let service: RunningSampleServiceV07;
  beforeAll(async () => {
    service = await startSampleServiceV07();
  });
  afterAll(async () => {
    await service?.close();
  });

  it("passes with revision v0.7, as a document with its metadata and as a URL", async () => {
    const text = await (await fetch(`${service.url}/auth.md`)).text();
    const metadata = (await (await fetch(`${service.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    for (const r of [lintDocumentReport(text), lintDocumentReport(text, { metadata })]) {
      expect(r.revision!.revision).toBe("v0.7");
      expect(r.findings.filter((f) => f.verdict === "warn" || f.verdict === "fail").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    }
    const url = await runLint({ input: `${service.url}/auth.md`, requestTimeoutMs: 5000 });
    expect(url.revision?.revision).toBe("v0.7");
    expect(url.findings.filter((f) => f.verdict === "warn" || f.verdict === "fail").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(url.verdict).toBe("pass");
  });
});

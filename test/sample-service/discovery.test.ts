import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCOVERY_FAULTS } from "../../sample-service/faults/discovery.ts";
import { startSampleService } from "../../sample-service/index.ts";

// The discovery switches are probed here directly; the other flows' switches are proven by
// test/e2e/faults.test.ts through the suite itself.
const FAULTS = DISCOVERY_FAULTS;
import type { RunningSampleService } from "../../sample-service/index.ts";
import { bearer, call, postJson, REVOKED_EVENT } from "./helpers.ts";

const PRM = "/.well-known/oauth-protected-resource";
const AS = "/.well-known/oauth-authorization-server";

describe("sample service discovery (clean)", () => {
  let service: RunningSampleService;
  let U: string;
  beforeAll(async () => {
    service = await startSampleService();
    U = service.url;
  });
  afterAll(() => service.close());

  it("binds loopback and names its origin without a trailing slash", () => {
    expect(U).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves protected resource metadata whose resource is the origin's identifier", async () => {
    const r = await call(`${U}${PRM}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.json).toEqual({
      resource: `${U}/`,
      resource_name: "Sample Notes",
      authorization_servers: [U],
      scopes_supported: ["api.read", "api.write"],
      bearer_methods_supported: ["header"],
    });
  });

  it("serves AS metadata with issuer, the PRM restatement and the full agent_auth block", async () => {
    const r = await call(`${U}${AS}`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      issuer: U,
      resource: `${U}/`,
      authorization_servers: [U],
      scopes_supported: ["api.read", "api.write"],
      bearer_methods_supported: ["header"],
      agent_auth: {
        skill: `${U}/auth.md`,
        register_uri: `${U}/agent/auth`,
        claim_uri: `${U}/agent/auth/claim`,
        revocation_uri: `${U}/agent/auth/revoke`,
        identity_types_supported: ["anonymous", "identity_assertion"],
        anonymous: { credential_types_supported: ["api_key"] },
        identity_assertion: {
          assertion_types_supported: ["urn:ietf:params:oauth:token-type:id-jag", "verified_email"],
          credential_types_supported: ["access_token", "api_key"],
        },
        events_supported: [REVOKED_EVENT],
      },
    });
  });

  it("serves a Markdown manifest with the required sections and valid JSON examples", async () => {
    const r = await call(`${U}/auth.md`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const md = r.text;
    expect(md.split("\n")[0]).toMatch(/^# \S/);
    for (const heading of [
      "## Step 1 — Discover",
      "## Step 2 — Pick a method",
      "## Step 3 — Register",
      "### identity_assertion + id-jag",
      "### identity_assertion + email",
      "### anonymous",
      "## Step 4 — Claim ceremony",
      "## Step 5 — Use the credential",
      "## Errors",
      "## Revocation",
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain(PRM);
    expect(md).toContain(`${U}/agent/auth`);
    expect(md).not.toMatch(/example\.com\b|service\.example/);
    const blocks = [...md.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? "");
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) expect(() => JSON.parse(block)).not.toThrow();
    // The error table lists codes the service really emits.
    for (const code of ["invalid_signature", "replay_detected", "otp_invalid", "previously_claimed", "invalid_token"]) {
      expect(md).toMatch(new RegExp(`^\\| \`${code}\``, "m"));
    }
  });

  it("answers 401 with the resource_metadata hint, and error=invalid_token only when a token was sent", async () => {
    const none = await call(`${U}/api/notes`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${U}${PRM}"`);
    expect(none.json.error).toBe("invalid_token");
    const bad = await call(`${U}/api/notes`, { headers: bearer("sk_test_nope") });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${U}${PRM}", error="invalid_token"`);
    const root = await call(`${U}/api/`);
    expect(root.status).toBe(401);
    expect(root.headers.get("www-authenticate")).toContain("resource_metadata=");
  });

  it("answers 404 for unknown paths and 405 with Allow for wrong methods", async () => {
    const missing = await call(`${U}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe("not_found");
    const wrong = await call(`${U}/agent/auth`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(wrong.headers.get("cache-control")).toBe("no-store");
  });

  it("rejects bad registration input with 4xx JSON, never 5xx", async () => {
    const reg = `${U}/agent/auth`;
    const notJson = await call(reg, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" });
    expect([notJson.status, notJson.json.error]).toEqual([400, "invalid_request"]);
    const wrongType = await call(reg, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" });
    expect([wrongType.status, wrongType.json.error]).toEqual([415, "invalid_request"]);
    const big = await call(reg, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ pad: "x".repeat(70_000) }) });
    expect(big.status).toBe(413);
    const array = await postJson(reg, [1]);
    expect(array.status).toBe(400);
    const unknownType = await postJson(reg, { type: "magic" });
    expect([unknownType.status, unknownType.json.error]).toEqual([400, "invalid_request"]);
    const unknownAssertion = await postJson(reg, { type: "identity_assertion", assertion_type: "saml", assertion: "x", requested_credential_type: "api_key" });
    expect([unknownAssertion.status, unknownAssertion.json.error]).toEqual([400, "unsupported_assertion_type"]);
    const anonToken = await postJson(reg, { type: "anonymous", requested_credential_type: "access_token" });
    expect([anonToken.status, anonToken.json.error]).toEqual([400, "unsupported_credential_type"]);
    const anonMissing = await postJson(reg, { type: "anonymous" });
    expect([anonMissing.status, anonMissing.json.error]).toEqual([400, "invalid_request"]);
    const badEmail = await postJson(reg, { type: "identity_assertion", assertion_type: "verified_email", assertion: "not-an-email", requested_credential_type: "api_key" });
    expect([badEmail.status, badEmail.json.error]).toEqual([400, "invalid_request"]);
  });

  it("rejects unknown fault names with a machine code and field", async () => {
    await expect(startSampleService({ faults: ["no-such-fault"] })).rejects.toMatchObject({ code: "unknown_fault", field: "faults" });
  });
});

/** What each fault changes, observed over HTTP. `check` must fail on the clean service. */
type FaultProbe = (U: string) => Promise<boolean>;

const json = async (U: string, path: string): Promise<Record<string, unknown>> => (await call(`${U}${path}`)).json;
const agentAuth = async (U: string): Promise<Record<string, unknown>> => (await json(U, AS)).agent_auth as Record<string, unknown>;
const authMd = async (U: string): Promise<{ type: string | null; text: string }> => {
  const r = await call(`${U}/auth.md`);
  return { type: r.headers.get("content-type"), text: r.text };
};
const wwwAuth = async (U: string, token?: string): Promise<string | null> =>
  (await call(`${U}/api/notes`, token === undefined ? {} : { headers: bearer(token) })).headers.get("www-authenticate");

const PROBES: Record<string, FaultProbe> = {
  "authmd-wrong-content-type": async (U) => (await authMd(U)).type === "application/octet-stream",
  "authmd-html-fallback": async (U) => {
    const { type, text } = await authMd(U);
    return type?.startsWith("text/plain") === true && text.startsWith("<!doctype html>");
  },
  "authmd-no-title": async (U) => !/^# /m.test((await authMd(U)).text),
  "authmd-missing-sections": async (U) => {
    const { text } = await authMd(U);
    return !text.includes("## Errors") && !text.includes("## Revocation") && text.includes("## Step 5");
  },
  "authmd-no-prm-link": async (U) => {
    const { text } = await authMd(U);
    return !text.includes(PRM) && text.includes("## Step 1 — Discover");
  },
  "prm-missing": async (U) => (await call(`${U}${PRM}`)).status === 404,
  "prm-no-resource": async (U) => !("resource" in (await json(U, PRM))),
  "prm-no-authorization-servers": async (U) => JSON.stringify((await json(U, PRM)).authorization_servers) === "[]",
  "prm-resource-mismatch": async (U) => (await json(U, PRM)).resource === `${U}/api/`,
  "prm-no-header-bearer": async (U) => JSON.stringify((await json(U, PRM)).bearer_methods_supported) === '["body"]',
  "as-metadata-missing": async (U) => (await call(`${U}${AS}`)).status === 404,
  "as-no-issuer": async (U) => {
    const doc = await json(U, AS);
    return !("issuer" in doc) && "agent_auth" in doc;
  },
  "as-issuer-other-host": async (U) => (await json(U, AS)).issuer === "https://auth.sample-notes.test",
  "as-scopes-differ": async (U) =>
    JSON.stringify((await json(U, AS)).scopes_supported) === '["api.read"]' &&
    JSON.stringify((await json(U, PRM)).scopes_supported) === '["api.read","api.write"]',
  "agent-auth-missing-register-uri": async (U) => !("register_uri" in (await agentAuth(U))),
  "agent-auth-relative-uris": async (U) => {
    const block = await agentAuth(U);
    return block.claim_uri === "/agent/auth/claim" && block.revocation_uri === "/agent/auth/revoke" && block.register_uri === `${U}/agent/auth`;
  },
  "agent-auth-inconsistent-supported": async (U) => {
    const block = await agentAuth(U);
    return (block.identity_types_supported as string[]).includes("anonymous") && !("anonymous" in block);
  },
  "agent-auth-unknown-values": async (U) =>
    ((await agentAuth(U)).identity_assertion as { credential_types_supported: string[] }).credential_types_supported.includes("refresh_token"),
  "authmd-inconsistent-flows": async (U) => {
    const { text } = await authMd(U);
    return !/anonymous/i.test(text) && text.includes("## Step 3 — Register");
  },
  "401-no-www-authenticate": async (U) => (await wwwAuth(U)) === null && (await wwwAuth(U, "bad"))?.includes("resource_metadata") === true,
  "401-bad-token-no-hint": async (U) => {
    const withToken = await wwwAuth(U, "bad");
    return withToken === 'Bearer error="invalid_token"' && (await wwwAuth(U))?.includes("resource_metadata") === true;
  },
  "401-hint-wrong-url": async (U) => {
    const hint = /resource_metadata="([^"]+)"/.exec((await wwwAuth(U)) ?? "")?.[1];
    return hint === `${U}${PRM}/wrong` && (await call(hint)).status === 404;
  },
  "401-no-invalid-token-error": async (U) => {
    const withToken = (await wwwAuth(U, "bad")) ?? "";
    return withToken.includes("resource_metadata") && !withToken.includes("error=");
  },
  "revocation-endpoint-missing": async (U) =>
    (await call(`${U}/agent/auth/revoke`, { method: "POST", headers: { "Content-Type": "application/logout+jwt" }, body: "x.y.z" })).status === 404,
};

describe("fault switches", () => {
  let clean: RunningSampleService;
  beforeAll(async () => {
    clean = await startSampleService();
  });
  afterAll(() => clean.close());

  it("every declared fault has a probe and requirement ids", () => {
    expect(FAULTS.map((f) => f.name).sort()).toEqual(Object.keys(PROBES).sort());
    for (const fault of FAULTS) expect(fault.requirementIds.length).toBeGreaterThan(0);
  });

  it.each(FAULTS.map((f) => f.name))("%s changes what it claims, and the clean service does not", async (name) => {
    const probe = PROBES[name];
    if (probe === undefined) throw new Error(`no probe for ${name}`);
    expect(await probe(clean.url)).toBe(false);
    const faulty = await startSampleService({ faults: [name] });
    try {
      expect(await probe(faulty.url)).toBe(true);
    } finally {
      await faulty.close();
    }
  });
});

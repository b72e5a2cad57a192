import { CLAIM_GRANT, ID_JAG_ASSERTION_V07, JWT_BEARER_GRANT, REMOVED_VERIFIED_EMAIL, REVOKED_EVENT_V07, vocabularyV07 } from "../../../src/profiles/v0_7/vocabulary.ts";
import { assert, check } from "../../../src/suite/index.ts";
import { isObject, strings } from "../support/agent.ts";
import { fetchAgentAuthV07, fetchAsMetadataV07 } from "../support/documents.ts";

// RFC 8414 AS metadata and its v0.7 agent_auth block (v0.7.md §1).

check("DISC-AS-01", async (ctx) => {
  const { url, doc } = await fetchAsMetadataV07(ctx);
  const missing = ["issuer", "token_endpoint", "revocation_endpoint", "grant_types_supported"].filter((k) => doc[k] === undefined);
  assert(missing.length === 0, `The AS metadata lacks ${missing.join(", ")} (AUTH.md v0.7 Step 1b; RFC 8414 §2 makes issuer and token_endpoint REQUIRED)`, {
    document: url,
    expected: ["issuer", "token_endpoint", "revocation_endpoint", "grant_types_supported"],
    actual: Object.keys(doc),
  });
});

check("DISC-AS-03", async (ctx) => {
  const { url, doc } = await fetchAsMetadataV07(ctx);
  const grants = strings(doc.grant_types_supported);
  const agentAuth = isObject(doc.agent_auth) ? doc.agent_auth : {};
  // §15 P19: a service with no claim ceremony (no claim_endpoint, no anonymous/service_auth) needs jwt-bearer only.
  const types = strings(agentAuth.identity_types_supported);
  const hasCeremony = agentAuth.claim_endpoint !== undefined || agentAuth.claim_uri !== undefined || types.includes("anonymous") || types.includes("service_auth");
  const expected = hasCeremony ? [JWT_BEARER_GRANT, CLAIM_GRANT] : [JWT_BEARER_GRANT];
  const missing = expected.filter((g) => !grants.includes(g));
  if (!hasCeremony) ctx.note("No claim ceremony is advertised: only the jwt-bearer grant is required (§15 P19)");
  assert(missing.length === 0, `grant_types_supported lacks ${missing.join(", ")}`, { pointer: "/grant_types_supported", document: url, expected, actual: doc.grant_types_supported ?? null });
});

check("DISC-AA-01", async (ctx) => {
  const { url, agentAuth } = await fetchAgentAuthV07(ctx);
  const required = ["skill", "identity_endpoint", "claim_endpoint", "events_endpoint", "identity_types_supported"];
  const missing = required.filter((k) => agentAuth[k] === undefined);
  const oldNames = ["register_uri", "claim_uri", "revocation_uri"].filter((k) => agentAuth[k] !== undefined);
  if (oldNames.length) ctx.note(`agent_auth still carries the v0.1 names ${oldNames.join(", ")} (renamed in CL v0.2.0/v0.3.0)`);
  assert(missing.length === 0, `agent_auth lacks ${missing.join(", ")}${oldNames.length ? ` (it has the v0.1 names ${oldNames.join(", ")})` : ""}`, {
    pointer: "/agent_auth",
    document: url,
    expected: required,
    actual: Object.keys(agentAuth),
  });
});

check("DISC-AA-02", async (ctx) => {
  const { url, agentAuth } = await fetchAgentAuthV07(ctx);
  const types = strings(agentAuth.identity_types_supported);
  const unknown = types.filter((t) => !vocabularyV07.identityTypes.includes(t));
  assert(Array.isArray(agentAuth.identity_types_supported) && unknown.length === 0, `identity_types_supported has values outside ${vocabularyV07.identityTypes.join(", ")}: ${JSON.stringify(agentAuth.identity_types_supported ?? null)}`, {
    pointer: "/agent_auth/identity_types_supported",
    document: url,
    expected: vocabularyV07.identityTypes,
    actual: agentAuth.identity_types_supported ?? null,
  });
  if (!types.includes("identity_assertion")) return;
  const block = isObject(agentAuth.identity_assertion) ? agentAuth.identity_assertion : {};
  const assertionTypes = strings(block.assertion_types_supported);
  const details = { pointer: "/agent_auth/identity_assertion/assertion_types_supported", document: url, expected: [ID_JAG_ASSERTION_V07], actual: block.assertion_types_supported ?? null };
  assert(assertionTypes.includes(ID_JAG_ASSERTION_V07), `identity_assertion.assertion_types_supported does not list ${ID_JAG_ASSERTION_V07}`, details);
  assert(!assertionTypes.includes(REMOVED_VERIFIED_EMAIL), `identity_assertion.assertion_types_supported still lists ${REMOVED_VERIFIED_EMAIL} (removed in CL v0.6.0)`, details);
});

check("DISC-AA-03", async (ctx) => {
  const { url, agentAuth } = await fetchAgentAuthV07(ctx);
  if (agentAuth.events_endpoint === undefined) {
    ctx.note("agent_auth advertises no events_endpoint: events_supported is not required");
    return;
  }
  assert(strings(agentAuth.events_supported).includes(REVOKED_EVENT_V07), `events_endpoint is advertised but events_supported does not list ${REVOKED_EVENT_V07}`, {
    pointer: "/agent_auth/events_supported",
    document: url,
    expected: [REVOKED_EVENT_V07],
    actual: agentAuth.events_supported ?? null,
  });
});

check("DISC-AA-05", async (ctx) => {
  const { url, doc, agentAuth } = await fetchAgentAuthV07(ctx);
  const issuer = typeof doc.issuer === "string" ? doc.issuer : (ctx.target.authorizationServer ?? ctx.target.url);
  const asOrigin = new URL(issuer).origin;
  const advertised: Record<string, unknown> = {
    "agent_auth.identity_endpoint": agentAuth.identity_endpoint,
    "agent_auth.claim_endpoint": agentAuth.claim_endpoint,
    "agent_auth.events_endpoint": agentAuth.events_endpoint,
    token_endpoint: doc.token_endpoint,
    revocation_endpoint: doc.revocation_endpoint,
  };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(advertised)) {
    if (value === undefined) continue;
    let parsed: URL | undefined;
    try {
      parsed = typeof value === "string" ? new URL(value) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!parsed) problems.push(`${name} ${JSON.stringify(value)} is not an absolute URL`);
    else if (parsed.origin !== asOrigin) problems.push(`${name} ${value} is not on the AS origin ${asOrigin}`);
  }
  assert(problems.length === 0, `Advertised endpoints should be absolute URLs on the AS origin (RFC 8414 §2): ${problems.join("; ")}`, { document: url, actual: problems });
});

import { profileV01 } from "../../../src/profiles/v0_1/index.ts";
import { vocabularyV01 } from "../../../src/profiles/v0_1/vocabulary.ts";
import { wellKnownUrl } from "../../../src/target/discover.ts";
import { secureOrLoopback, sameIdentifier } from "../../../src/protocol/urls.ts";
import { assert, blocked, check, fail, notTestable } from "../../../src/suite/index.ts";
import { discoveryCause } from "../../../src/target/causes.ts";
import { fetchAgentAuth, fetchAsMetadata, fetchPrm, isObject, isV07, stringArray } from "../support/documents.ts";

// RFC 8414 Authorization Server metadata and its agent_auth block.

check("DISC-AS-01", async (ctx) => {
  const { doc: prm } = await fetchPrm(ctx);
  const server = stringArray(prm.authorization_servers)?.[0];
  if (!server) {
    // Nothing to fetch: the discovery cause (no AS metadata) blocks this check; DISC-PRM-03 is the finding.
    const cause = discoveryCause(ctx.target);
    if (cause && !ctx.target.asMetadata) blocked(cause);
    notTestable("the PRM names no authorization server (see DISC-PRM-03)");
  }
  const url = wellKnownUrl(server, profileV01.wellKnown.authorizationServer);
  if (!url) notTestable(`authorization_servers[0] is not a URL: ${server}`);
  if (!ctx.http.isAllowed(url)) notTestable(`${new URL(url).origin} is outside the allowed origins (http.allowedOrigins)`);
  const res = await ctx.http.get(url);
  assert(res.status === 200, `GET ${url} answered ${res.status}, expected 200`, { expected: 200, actual: res.status });
  assert(isObject(res.json), "The AS metadata is not a JSON object", { actual: res.text.slice(0, 200) });
  if (new URL(server).pathname.replace(/\/+$/, "") !== "") {
    // AUTH.md appends the well-known path; RFC 8414 §3 inserts it. They differ for issuers with a path.
    ctx.note(`issuer has a path: fetched the RFC 8414 form ${url}; AUTH.md's appended form would be ${server.replace(/\/+$/, "")}${profileV01.wellKnown.authorizationServer}`);
  }
});

check("DISC-AS-02", async (ctx) => {
  const { url, issuerId, doc } = await fetchAsMetadata(ctx);
  const details = { pointer: "/issuer", document: url, expected: issuerId, actual: doc.issuer ?? null };
  if (doc.issuer === undefined) {
    ctx.note("The AS metadata has no `issuer`: nothing to compare (a missing issuer is DISC-AS-04)");
    return;
  }
  assert(typeof doc.issuer === "string", `issuer is ${JSON.stringify(doc.issuer)}, not a URL string (RFC 8414 §2)`, details);
  if (isV07(ctx)) {
    // v0.7.md DISC-AS-02 and §15 P3: the PRM may list the AS with one trailing "/" the issuer does
    // not have (the docs' example); the other way round — an issuer with a "/" that neither the PRM
    // nor the metadata URL has — is the RFC 8414 §3.3 mismatch.
    if (doc.issuer === issuerId) return;
    if (issuerId === `${doc.issuer}/`) {
      ctx.note(`authorization_servers[0] ${issuerId} has a trailing "/" the issuer ${doc.issuer} has not: normalised (v0.7.md §15 P3)`);
      return;
    }
    fail(`issuer ${doc.issuer} is not the authorization server the metadata was fetched for (${issuerId}); RFC 8414 §3.3 requires the identical string (v0.7.md §15 P3 only forgives the PRM's trailing "/")`, details);
  }
  // RFC 8414 §3.3: identical. An origin with or without "/" is one identifier (RFC 3986 §6.2.3),
  // and the AUTH.md example writes authorization_servers with the "/" its aud examples leave off.
  if (doc.issuer !== issuerId && sameIdentifier(doc.issuer, issuerId)) {
    ctx.note(`issuer ${doc.issuer} and authorization_servers[0] ${issuerId} differ only by the origin's trailing "/" (the same identifier; the AUTH.md example writes it with "/")`);
    return;
  }
  assert(doc.issuer === issuerId, `issuer ${doc.issuer} is not the authorization server it was fetched for (${issuerId})`, details);
  ctx.note(`issuer ${doc.issuer}; the ID-JAG audience by the draft's reading is this value`);
});

check("DISC-AS-04", async (ctx) => {
  const { url, issuerId, doc } = await fetchAsMetadata(ctx);
  assert(
    doc.issuer !== undefined,
    "The AS metadata has no `issuer`. The sources conflict: RFC 8414 §2 makes issuer REQUIRED, while the v0.1 AUTH.md and " +
      "services-guide examples omit it; the RFC reading is recommended (the protocol requires it from v0.2.0)",
    { pointer: "/issuer", document: url, expected: issuerId, actual: null },
  );
});

check("DISC-AS-03", async (ctx) => {
  const { doc: prm } = await fetchPrm(ctx);
  const { url, doc } = await fetchAsMetadata(ctx);
  const mismatches: string[] = [];
  for (const key of ["resource", "scopes_supported"] as const) {
    if (doc[key] === undefined) continue; // restating is optional field by field; differing is not
    if (JSON.stringify(doc[key]) !== JSON.stringify(prm[key])) mismatches.push(key);
  }
  assert(mismatches.length === 0, `The AS metadata contradicts the PRM on: ${mismatches.join(", ")}`, {
    document: url,
    pointer: `/${mismatches[0] ?? ""}`,
    expected: Object.fromEntries(mismatches.map((k) => [k, prm[k]])),
    actual: Object.fromEntries(mismatches.map((k) => [k, doc[k]])),
  });
});

check("DISC-AA-01", async (ctx) => {
  const { url, block } = await fetchAgentAuth(ctx);
  const types = stringArray(block.identity_types_supported) ?? [];
  const assertionTypes = isObject(block.identity_assertion) ? (stringArray(block.identity_assertion.assertion_types_supported) ?? []) : [];
  const required = ["skill", "register_uri", "identity_types_supported"];
  if (types.includes("anonymous") || assertionTypes.includes("verified_email")) required.push("claim_uri");
  if (assertionTypes.includes("urn:ietf:params:oauth:token-type:id-jag")) required.push("revocation_uri");
  const missing = required.filter((key) => block[key] === undefined || block[key] === "" || block[key] === null);
  ctx.evidence("required", required);
  assert(missing.length === 0, `agent_auth lacks ${missing.join(", ")}`, {
    document: url,
    pointer: `/agent_auth/${missing[0] ?? ""}`,
    actual: Object.keys(block),
  });
  assert(types.length > 0, "agent_auth.identity_types_supported is empty", { document: url, pointer: "/agent_auth/identity_types_supported" });
});

check("DISC-AA-02", async (ctx) => {
  const { url, block } = await fetchAgentAuth(ctx);
  const bad: string[] = [];
  for (const key of ["skill", "register_uri", "claim_uri", "revocation_uri"]) {
    if (block[key] === undefined) continue;
    const verdict = secureOrLoopback(block[key]);
    if (!verdict.ok) bad.push(`${key} (${String(block[key])}): ${verdict.reason}`);
  }
  assert(bad.length === 0, `agent_auth URIs that are not absolute https URLs: ${bad.join("; ")}`, {
    document: url,
    pointer: `/agent_auth/${bad[0]?.split(" ")[0] ?? ""}`,
  });
});

check("DISC-AA-03", async (ctx) => {
  const { url, block } = await fetchAgentAuth(ctx);
  const types = stringArray(block.identity_types_supported) ?? [];
  const problems: string[] = [];
  for (const type of ["anonymous", "identity_assertion"]) {
    const sub = block[type];
    if (types.includes(type)) {
      if (!isObject(sub)) {
        problems.push(`"${type}" is listed in identity_types_supported but agent_auth.${type} is missing`);
        continue;
      }
      const creds = stringArray(sub.credential_types_supported);
      if (!creds?.length) problems.push(`agent_auth.${type}.credential_types_supported is missing or empty`);
      if (type === "identity_assertion" && !stringArray(sub.assertion_types_supported)?.length) {
        problems.push("agent_auth.identity_assertion.assertion_types_supported is missing or empty");
      }
    } else if (sub !== undefined) {
      problems.push(`agent_auth.${type} is present but "${type}" is not in identity_types_supported`);
    }
  }
  assert(problems.length === 0, problems.join("; "), { document: url, pointer: "/agent_auth/identity_types_supported" });
});

check("DISC-AA-04", async (ctx) => {
  const { url, block } = await fetchAgentAuth(ctx);
  const v = vocabularyV01;
  const unknown: string[] = [];
  const within = (path: string, values: unknown, allowed: readonly string[]) => {
    for (const value of stringArray(values) ?? []) if (!allowed.includes(value)) unknown.push(`${path}: "${value}"`);
  };
  within("identity_types_supported", block.identity_types_supported, v.identityTypes);
  if (isObject(block.anonymous)) within("anonymous.credential_types_supported", block.anonymous.credential_types_supported, ["api_key"]);
  if (isObject(block.identity_assertion)) {
    within("identity_assertion.assertion_types_supported", block.identity_assertion.assertion_types_supported, v.assertionTypes);
    within("identity_assertion.credential_types_supported", block.identity_assertion.credential_types_supported, v.credentialTypes);
  }
  within("events_supported", block.events_supported, v.events);
  assert(unknown.length === 0, `agent_auth values outside the v0.1 vocabulary: ${unknown.join("; ")}`, {
    document: url,
    pointer: `/agent_auth/${unknown[0]?.split(":")[0]?.replace(/\./g, "/") ?? ""}`,
    expected: v,
  });
});

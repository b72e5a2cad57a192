import { secureOrLoopback, sameIdentifier } from "../../../src/protocol/urls.ts";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { fetchPrm, isObject, isV07, stringArray } from "../support/documents.ts";

// RFC 9728 Protected Resource Metadata.

check("DISC-PRM-01", async (ctx) => {
  const url = ctx.target.prmUrl;
  const res = await ctx.http.get(url);
  assert(res.status === 200, `GET ${url} answered ${res.status}, expected 200`, { expected: 200, actual: res.status });
  assert(isObject(res.json), "The PRM body is not a JSON object", { expected: "JSON object", actual: res.text.slice(0, 200) });
  const type = res.headers["content-type"] ?? "";
  assert(/^application\/([\w.+-]+\+)?json\b/i.test(type), `The PRM is served as "${type}", expected application/json`, {
    expected: "application/json",
    actual: type,
  });
  if (isV07(ctx)) {
    // v0.7.md DISC-PRM-01 names `resource` in the row (RFC 9728 §2: REQUIRED); v0.1 checked it under
    // DISC-PRM-02, an id v0.7 spells for another rule.
    const resource = (res.json as Record<string, unknown>).resource;
    assert(typeof resource === "string" && resource.length > 0, "The PRM has no string `resource` (RFC 9728 §2: REQUIRED)", { pointer: "/resource", document: url, actual: resource ?? null });
  }
});

check("DISC-PRM-02", async (ctx) => {
  const { url, doc } = await fetchPrm(ctx);
  const details = { pointer: "/resource", document: url };
  assert(typeof doc.resource === "string", "The PRM has no string `resource`", { ...details, actual: doc.resource ?? null });
  const scheme = secureOrLoopback(doc.resource);
  assert(scheme.ok, `PRM resource ${doc.resource}: ${scheme.reason}`, { ...details, actual: doc.resource });
  assert(!doc.resource.includes("#"), "PRM resource must not contain a fragment", { ...details, actual: doc.resource });
});

check("DISC-PRM-03", async (ctx) => {
  const { url, doc } = await fetchPrm(ctx);
  const details = { pointer: "/authorization_servers", document: url, actual: doc.authorization_servers ?? null };
  const servers = stringArray(doc.authorization_servers);
  assert(servers && servers.length > 0, "PRM authorization_servers is missing or empty", details);
  for (const server of servers) {
    const scheme = secureOrLoopback(server);
    assert(scheme.ok, `authorization server ${server}: ${scheme.reason}`, details);
  }
});

check("DISC-PRM-04", async (ctx) => {
  const { url, doc } = await fetchPrm(ctx);
  if (typeof doc.resource !== "string") notTestable("the PRM has no resource (see DISC-PRM-02)");
  // RFC 9728 §3.1: the metadata URL is the resource identifier with the well-known path inserted
  // after the host, so the identifier is the URL with that segment taken out again.
  const u = new URL(url);
  const suffix = u.pathname.replace(/^\/\.well-known\/oauth-protected-resource/, "");
  const expected = `${u.origin}${suffix}`;
  ctx.evidence("identifierFromMetadataUrl", expected);
  ctx.evidence("resource", doc.resource);
  assert(
    sameIdentifier(doc.resource, expected),
    `PRM resource ${doc.resource} is not the identifier its metadata URL was built from (${expected}); RFC 9728 §3.3 clients must discard it. A resource with a path has its metadata at the well-known URL with that path appended (RFC 9728 §3.1); AUTH.md's example (resource https://api.service.example.com/ at that origin) matches.`,
    { expected, actual: doc.resource, pointer: "/resource", document: url },
  );
});

check("DISC-PRM-05", async (ctx) => {
  const { url, doc } = await fetchPrm(ctx);
  const scopes = stringArray(doc.scopes_supported);
  assert(scopes && scopes.length > 0, "PRM scopes_supported is missing or not an array of strings", {
    pointer: "/scopes_supported",
    document: url,
    actual: doc.scopes_supported ?? null,
  });
  const methods = stringArray(doc.bearer_methods_supported);
  assert(methods?.includes("header"), 'PRM bearer_methods_supported does not include "header" (AUTH.md Step 5 presents credentials in the Authorization header)', {
    pointer: "/bearer_methods_supported",
    document: url,
    expected: ["header"],
    actual: doc.bearer_methods_supported ?? null,
  });
});
